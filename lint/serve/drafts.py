"""What the draft page asks of the engine: check a text, apply fixes; answers as plain JSON data.

Stateless: every request carries the whole text. A fix is named by the finding it repairs (its
code and code-point span in that very text); the text is linted again, the finding found, and
its fix applied with the engine's own fix machinery, so the page and `newslint --fix` agree.

The page's offsets are UTF-16 code units, which JavaScript strings index; the engine's are code
points. The conversion happens here and nowhere else (`Utf16`), so the page only draws.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any, NamedTuple

from newslint._api import Edit, Fix, Rule
from newslint.document import BOM, Document
from newslint.engine import FileResult, Finding, Settings, lint_document
from newslint.fix import apply_fixes

SEVERITIES = ("error", "warning", "info")
SAFE = "safe"  # the fix request that means "every safe fix", like `newslint --fix`
DEFAULT_FILENAME = "draft.md"
LABEL_MAX = 80  # longer before-and-after text is described by its edit alone
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class DraftError(ValueError):
    """A request the checker cannot answer; the message is for the editor."""


class Utf16:
    """Code-point offsets of one text as UTF-16 code units: one extra unit per character
    outside the Basic Multilingual Plane (most emoji) before the offset."""

    def __init__(self, text: str, shift: int = 0) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        self._shift = shift

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset) + self._shift


class DraftChecker(NamedTuple):
    settings: Settings  # never writes: no answer cache, no fixed files
    rules: Mapping[str, Rule]

    def check(self, text: str, filename: str = DEFAULT_FILENAME) -> dict[str, Any]:
        body, bom = _split_bom(text)
        result = self._lint(body, filename, fix=False)
        return payload(result, body, self.rules, shift=len(bom))

    def fix(self, text: str, fix: str, filename: str = DEFAULT_FILENAME) -> dict[str, Any]:
        """Apply one finding's fix (by its id) or, with `"safe"`, every safe fix to a fixed
        point; answer with the new text and its findings."""
        body, bom = _split_bom(text)
        if fix == SAFE:
            result = self._lint(body, filename, fix=True)
            new_text, applied = result.fixed_text or body, result.fixed
        else:
            found = next(
                (f for f in self._lint(body, filename, fix=False).findings if finding_id(f) == fix),
                None,
            )
            if found is None or found.fix is None:
                raise DraftError(
                    "that finding is no longer in the text (it changed); check again and retry"
                )
            new_text, applied = apply_fixes(body, [found.fix])
            result = self._lint(new_text, filename, fix=False)
        answer = payload(result, new_text, self.rules, shift=len(bom))
        return {"text": bom + new_text, "applied": applied, **answer}

    def _lint(self, text: str, filename: str, *, fix: bool) -> FileResult:
        relpath = safe_filename(filename)
        settings = self.settings._replace(fix=fix, unsafe_fixes=False, write=False)
        return lint_document(Document(relpath, text), settings, relpath)


def _split_bom(text: str) -> tuple[str, str]:
    return (text[1:], BOM) if text.startswith(BOM) else (text, "")


def safe_filename(name: str) -> str:
    """The draft's name as a relative path (for per-file-ignores); never leaves the folder."""
    path = PurePosixPath(name.replace("\\", "/"))
    parts = [p for p in path.parts if p not in ("", ".", "..", "/")]
    return "/".join(parts) or DEFAULT_FILENAME


def finding_id(f: Finding) -> str:
    return f"{f.code}:{f.start}:{f.end}"


def fix_label(f: Finding, text: str) -> str:
    """What the fix does, in words, showing the flagged text before and after it."""
    assert f.fix is not None
    low = min(f.start, *(e.start for e in f.fix.edits))
    high = max(f.end, *(e.end for e in f.fix.edits))
    before = text[low:high]
    after, _ = apply_fixes(before, [_shifted(f.fix, -low)])
    if len(before) > LABEL_MAX or "\n" in before:
        return "edit the text" if len(f.fix.edits) > 1 else _edit_words(f.fix.edits[0], text)
    if not after.strip():
        return f"delete “{before}”"
    return f"change “{before}” to “{after}”"


def _shifted(fix: Fix, by: int) -> Fix:
    return fix._replace(
        edits=tuple(e._replace(start=e.start + by, end=e.end + by) for e in fix.edits)
    )


def _edit_words(edit: Edit, text: str) -> str:
    old = text[edit.start : edit.end]
    if not old:
        return f"insert “{edit.text}”"
    if not edit.text:
        return f"delete “{old}”"
    return f"change “{old}” to “{edit.text}”"


def finding_payload(f: Finding, text: str, to16: Utf16) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": finding_id(f),
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "message": f.message,
        "line": f.line,
        "column": f.column,
        "start": to16(f.start),
        "end": to16(f.end),
        "fix": None,
    }
    if f.fix is not None:
        out["fix"] = {"safe": f.fix.safe, "label": fix_label(f, text)}
    return out


def payload(
    result: FileResult, text: str, rules: Mapping[str, Rule], shift: int = 0
) -> dict[str, Any]:
    to16 = Utf16(text, shift)
    counts = Counter(f.severity for f in result.findings)
    codes = sorted({f.code for f in result.findings})
    return {
        "findings": [finding_payload(f, text, to16) for f in result.findings],
        "counts": {s: counts[s] for s in SEVERITIES},
        "safe_fixes": sum(1 for f in result.findings if f.fix is not None and f.fix.safe),
        "rules": {
            code: {"name": r.name, "summary": r.summary, "doc": r.doc}
            for code in codes
            if (r := rules.get(code)) is not None
        },
        "outages": result.outages,
    }

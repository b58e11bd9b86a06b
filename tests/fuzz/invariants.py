"""What must hold for every input, however broken: the fuzz harness's oracle.

`violations(data)` lints the bytes with every rule in the registry (built-in and any installed
plug-ins, opt-in rules too), once without fixes and once with unsafe fixes, and returns what
went wrong, as short sentences; an empty list means the input passed:

- no exception escapes and no rule fails (NL002);
- every finding lies inside the text, with start <= end and its line and column in order;
- every fix edits only inside the span of the finding it repairs (so each fixing pass touches
  only reported spans; a later pass may repair what an earlier fix revealed, such as the repeat
  in "colour color" once NL503 has written "colour colour");
- fixing reaches a fixed point: a second pass changes nothing;
- the fixed text has no finding of a fixed code that the original did not have, unless the
  finding lies beside a fix's edit without touching what the fix wrote: a fix that separates
  run-together text ("201don't" -> "201 don't") lets the words be read on their own for the
  first time, and what is found there is news about the text, not a fault of the fix.
"""

from __future__ import annotations

import difflib
import traceback
from collections import Counter
from functools import lru_cache

from newslint.codes import INTERNAL_ERROR
from newslint.document import Document, UndecodableText
from newslint.engine import FileResult, Settings, corpus_findings, lint_bytes, lint_document
from newslint.registry import default_registry

PATH = "fuzz/article.md"


@lru_cache(maxsize=2)
def settings(fix: bool) -> Settings:
    """Every rule the registry knows, with its default options; unsafe fixes when fixing."""
    registry = default_registry()
    return Settings(
        rule_codes=tuple(r.code for r in registry.rules),
        options={r.code: r.default_options() for r in registry.rules},
        fix=fix,
        unsafe_fixes=fix,
        use_cache=False,
    )


def _lint(data: bytes, fix: bool) -> FileResult:
    result = lint_bytes(PATH, data, settings(fix), PATH)
    corpus_findings([result], settings(fix))
    return result


def violations(data: bytes) -> list[str]:
    try:
        return _violations(data)
    except Exception:  # the whole point: report it rather than stop the fuzzer
        return ["exception: " + traceback.format_exc(limit=-4).strip().replace("\n", " | ")]


def _violations(data: bytes) -> list[str]:
    problems: list[str] = []
    plain = _lint(data, fix=False)
    problems += _internal_errors(plain, "without fixes")
    try:
        doc = Document.from_bytes(PATH, data)
    except UndecodableText:
        return problems  # NL003 and nothing else; the engine tests own that case
    length = len(doc.text)
    for f in plain.findings:
        if not 0 <= f.start <= f.end <= length:
            problems.append(f"{f.code} span {f.start}-{f.end} lies outside the text (0-{length})")
        if (f.line, f.column) > (f.end_line, f.end_column) or f.line < 1 or f.column < 1:
            problems.append(f"{f.code} position {f.line}:{f.column}-{f.end_line}:{f.end_column}")
    problems += _edits_outside_findings(plain.findings)
    fixed = _lint(data, fix=True)
    problems += _internal_errors(fixed, "with fixes")
    if fixed.fixed_text is None:
        return problems
    if not any(f.fix for f in plain.findings):
        problems.append("the text changed although no finding had a fix")
        return problems
    after = fixed.fixed_text
    problems += _edits_outside_findings(fixed.findings)
    again = lint_document(Document(PATH, after, bom=doc.bom), settings(True), PATH)
    if again.fixed_text is not None:
        problems.append("fixes are not idempotent: a second pass changed the text again")
    problems += _internal_errors(again, "on the fixed text")
    fixed_codes = {f.code for f in plain.findings if f.fix}
    had = Counter((f.code, f.message) for f in plain.findings if f.code in fixed_codes)
    now = Counter((f.code, f.message) for f in fixed.findings if f.code in fixed_codes)
    new = now - had
    if new:
        changes = _changed_spans(doc.text, after)
        for f in fixed.findings:
            if new[(f.code, f.message)] and _revealed(f.start, f.end, changes):
                new[(f.code, f.message)] -= 1
    for (code, message), count in (+new).items():
        problems.append(f"the fixed text has a new {code} finding ({count}x): {message}")
    return problems


def _changed_spans(original: str, fixed: str) -> list[tuple[int, int]]:
    """Where the fixed text differs from the original, in the fixed text's offsets (an empty
    span where text was only deleted)."""
    matcher = difflib.SequenceMatcher(None, original, fixed)
    return [(j1, j2) for tag, _i1, _i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _revealed(start: int, end: int, changes: list[tuple[int, int]]) -> bool:
    """A finding that touches a change without overlapping it (nor holding a deletion)."""
    touches = False
    for a, b in changes:
        if (start < b and a < end) or (a == b and start < a < end):
            return False
        touches = touches or start == b or end == a
    return touches


def _edits_outside_findings(findings) -> list[str]:
    return [
        f"{f.code} fix edits {e.start}-{e.end} outside its finding {f.start}-{f.end}: {f.snippet!r}"
        for f in findings
        if f.fix
        for e in f.fix.edits
        if not f.start <= e.start <= e.end <= f.end
    ]


def _internal_errors(result: FileResult, when: str) -> list[str]:
    return [
        f"{f.code} {when}: {f.message}" for f in result.findings if f.code == INTERNAL_ERROR.code
    ]

"""Pure conversions between the engine's findings and Language Server Protocol types.

The engine counts columns in code points in the text without its BOM; LSP counts positions in
the code units the client and server agreed on (UTF-16 unless negotiated: UTF-8 and UTF-32 are
supported too), in the buffer as the editor holds it, BOM included if it has one. Both split
lines at CRLF, LF and CR alone. Every conversion is exact: a position that does not exist in the
buffer raises `OutsideText` rather than being moved somewhere plausible.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from lsprotocol import types
from newslint.engine import Finding
from newslint.selection import ALWAYS_REPORTED

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
SOURCE = "newslint"
_BREAK = re.compile(r"\r\n|\n|\r")
BOM = "\ufeff"


class OutsideText(ValueError):
    """A line and column that does not exist in the buffer."""


def code_units(text: str, encoding: str) -> int:
    """How many code units `text` takes in a position encoding."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class Buffer:
    """An editor buffer's text, with LSP positions for offsets and offsets for positions."""

    __slots__ = ("text", "encoding", "bom", "_starts")

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.bom = text.startswith(BOM)
        self._starts = [0, *(m.end() for m in _BREAK.finditer(text))]

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of a 0-based line's first character and of its line break (or the end)."""
        if not 0 <= line < len(self._starts):
            raise OutsideText(
                f"line {line + 1} does not exist (the buffer has {len(self._starts)})"
            )
        start = self._starts[line]
        end = self._starts[line + 1] if line + 1 < len(self._starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def line_text(self, line: int) -> str:
        start, end = self.line_span(line)
        return self.text[start:end]

    def position(self, offset: int) -> types.Position:
        """The LSP position of an offset (code points) into the buffer's text."""
        if not 0 <= offset <= len(self.text):
            raise OutsideText(f"offset {offset} lies outside the text (0-{len(self.text)})")
        line = bisect_right(self._starts, offset) - 1
        start, end = self.line_span(line)
        if offset > end:
            raise OutsideText(f"offset {offset} lies inside the line break ending line {line + 1}")
        return types.Position(line, code_units(self.text[start:offset], self.encoding))

    def offset(self, position: types.Position) -> int:
        """The offset (code points) of an LSP position; the end of a line is its break."""
        start, end = self.line_span(position.line)
        units, index = 0, start
        while units < position.character and index < end:
            units += code_units(self.text[index], self.encoding)
            index += 1
        if units != position.character:
            raise OutsideText(
                f"character {position.character} is not a character boundary of line {position.line + 1}"
            )
        return index

    def engine_offset(self, line: int, column: int) -> int:
        """The buffer offset of an engine position: 1-based line, code-point column, no BOM."""
        start, end = self.line_span(line - 1)
        offset = start + column - 1 + (1 if self.bom and line == 1 else 0)
        if not start <= offset <= end:
            raise OutsideText(f"column {column} does not exist on line {line}")
        return offset

    def engine_range(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        return types.Range(
            self.position(self.engine_offset(line, column)),
            self.position(self.engine_offset(end_line, end_column)),
        )


def finding_range(finding: Finding, buffer: Buffer) -> types.Range:
    """The flagged text's range, exactly where the JSON report puts it."""
    if finding.code in ALWAYS_REPORTED:
        # NL002-NL004 describe the run and mark a place with end = column + 1, which can fall
        # past the end of a short line: they become the character there, or the point itself
        start = buffer.engine_offset(finding.line, finding.column)
        end = start + 1 if start < buffer.line_span(finding.line - 1)[1] else start
        return types.Range(buffer.position(start), buffer.position(end))
    return buffer.engine_range(finding.line, finding.column, finding.end_line, finding.end_column)


def diagnostic(finding: Finding, buffer: Buffer, href: str | None = None) -> types.Diagnostic:
    return types.Diagnostic(
        range=finding_range(finding, buffer),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
    )


def fix_edits(finding: Finding, buffer: Buffer) -> list[types.TextEdit]:
    """A finding's fix as text edits; LSP applies them all against the unchanged buffer, as the
    engine does."""
    return [
        types.TextEdit(buffer.engine_range(line, column, end_line, end_column), text)
        for line, column, end_line, end_column, text in finding.fix_regions
    ]


def edits_between(buffer: Buffer, new_text: str) -> list[types.TextEdit]:
    """Minimal line-wise edits turning the buffer into `new_text` (for "fix all"), so that the
    editor keeps the cursor, folds and marks of the lines that did not change."""
    from difflib import SequenceMatcher

    old_lines = buffer.text.splitlines(keepends=True)
    new_lines = new_text.splitlines(keepends=True)
    old_starts = _starts(old_lines)
    new_starts = _starts(new_lines)
    edits = []
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        edits.append(
            types.TextEdit(
                types.Range(buffer.position(old_starts[i1]), buffer.position(old_starts[i2])),
                new_text[new_starts[j1] : new_starts[j2]],
            )
        )
    return edits


def _starts(lines: Sequence[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def overlaps(a: types.Range, b: types.Range) -> bool:
    """Do two ranges share a position (touching counts, as a cursor at a word's end does)?"""
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)


def contains(r: types.Range, position: types.Position) -> bool:
    return _key(r.start) <= _key(position) <= _key(r.end)


def _key(position: types.Position) -> tuple[int, int]:
    return position.line, position.character


def hover_text(rules: Sequence, registry, *, markdown: bool) -> str:
    """The rules' documentation, the text `newslint rule CODE` prints, one block per rule."""
    from newslint.ruledoc import describe

    texts = [describe(r, registry) for r in rules if r is not None]
    if not markdown:
        return "\n\n".join(texts)
    blocks = []
    for text in texts:
        longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        blocks.append(f"{fence}text\n{text}\n{fence}")
    return "\n\n---\n\n".join(blocks)

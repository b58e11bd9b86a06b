"""Offsets to 1-based lines and columns, for text with any mix of CRLF, LF and CR line ends.

Columns count Unicode code points (what Python's `str` indexes), which is what the JSON and
SARIF reports promise (`columnKind = "unicodeCodePoints"`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

_BREAK = re.compile(r"\r\n|\n|\r")


class LineIndex:
    __slots__ = ("_starts", "_length")

    def __init__(self, text: str) -> None:
        if "\r" in text:
            self._starts = [0, *(m.end() for m in _BREAK.finditer(text))]
        else:
            # LF alone (most files): each line starts one past the end of the one before; the
            # lengths of `split`'s pieces give that three times faster than a search
            lines = text.split("\n")
            lines.pop()
            self._starts = [0, *accumulate(map((1).__add__, map(len, lines)))]
        self._length = len(text)

    @classmethod
    def from_starts(cls, starts: list[int], length: int) -> LineIndex:
        """An index rebuilt from `starts` and `length` (as kept in the results cache)."""
        index = cls("")
        index._starts = [int(s) for s in starts]
        index._length = int(length)
        return index

    @property
    def starts(self) -> list[int]:
        return list(self._starts)

    @property
    def length(self) -> int:
        return self._length

    def __len__(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; the end of the text is a valid position."""
        offset = max(0, min(offset, self._length))
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of a 0-based line (the text's length past the end)."""
        if line >= len(self._starts):
            return self._length
        return self._starts[max(line, 0)]

    def line_end(self, line: int, text: str) -> int:
        """Offset just before the line break that ends a 0-based line."""
        end = self.line_start(line + 1)
        if end > self.line_start(line):
            while end > self.line_start(line) and text[end - 1] in "\r\n":
                end -= 1
        return end


def normalise_line_ends(text: str) -> str:
    """Same-length copy with every line break made a LF, so parsers' line maps stay exact.

    CRLF becomes " \\n" (a trailing space is invisible to Markdown) and a lone CR becomes LF;
    every offset in the copy is the same as in the original.
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")


_BREAK_SPLIT = re.compile(r"(\r\n|\n|\r)")


def blank_copy(text: str) -> str:
    """Same-length copy of `text` with every character but line breaks made a space.

    Built line by line: a regular-expression substitution per character is ten times slower
    on a whole article, and every prose view starts from this copy.
    """
    if "\r" not in text:  # LF alone (most files): `split` is four times faster than a search
        return "\n".join([" " * len(line) for line in text.split("\n")])
    parts = _BREAK_SPLIT.split(text)
    parts[::2] = [" " * len(part) for part in parts[::2]]
    return "".join(parts)

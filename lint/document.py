"""The parsed article every rule receives: one parse per file, shared by all rules.

A `Document` holds the text (BOM removed, line ends as in the file), the front matter with the
position of every YAML node, the Markdown tokens of the whole file (parsed lazily, only when a
rule asks) and prose views of the body in which non-prose characters are blanked, so that match
offsets are offsets into the original text.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import cached_property, lru_cache
from typing import Any, TypeVar

from newslint import frontmatter
from newslint._lines import LineIndex, blank_copy, normalise_line_ends
from newslint._prose import SEPARATOR, Block, mask_views, prose_blocks

T = TypeVar("T")
BOM = "\ufeff"
_PUBLISH_DATE = re.compile(r"^\s*(\d{1,2}) ([A-Z][a-z]{2,3}) (\d{4})\s*$")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}
_MONTHS["Sept"] = 9
# a sentence ends at . ! or ? (and any closing quotes or brackets) before a space and a capital,
# digit or opening quote; "St Albans" and "0800 555 111." need no special case because a full
# stop inside a phone number or an abbreviation is not followed by a space and a capital; a
# masked object (an HTML comment, a code span) between two sentences does not join them
_SENTENCE_END = re.compile(rf"(?<=[.!?])[\"'”’)\]]*\s[\s{SEPARATOR}]*(?=[\"'“‘(\[]?[A-Z0-9£])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Insp|Supt|Sgt|Det|Ch|No|Nos|approx|inc|Co|Ltd|vs|v)|\b[A-Z])\.$"
)


def _sentence_ends(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """`_SENTENCE_END.finditer(text, start, end)`, tried only just after a . ! or ? (where its
    look-behind lets it start): `str.find` passes over the rest faster than a search."""
    places = []
    for mark in ".!?":
        found = text.find(mark, max(start - 1, 0), end)
        while found >= 0:
            places.append(found + 1)
            found = text.find(mark, found + 1, end)
    searched_to = start
    for place in sorted(places):
        if place < searched_to:
            continue
        m = _SENTENCE_END.match(text, place, end)
        if m:
            yield m
            searched_to = m.end()


class UndecodableText(Exception):
    """The bytes are not UTF-8 text; `offset` is the first bad byte."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def decode(data: bytes) -> tuple[str, bool]:
    """UTF-8 text and whether it began with a BOM. Never guesses another encoding."""
    if b"\x00" in data[:8192]:
        raise UndecodableText("binary file (it contains NUL bytes); only UTF-8 text is linted", 0)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UndecodableText(
            f"not valid UTF-8: byte 0x{data[exc.start]:02X} at byte offset {exc.start} "
            "(save the file as UTF-8)",
            exc.start,
        ) from None
    if text.startswith(BOM):
        return text[1:], True
    return text, False


def parse_publish_date(value: Any) -> dt.date | None:
    """`21 Nov 2019` (also `Sept`, a leading zero) as a date; None when unusable."""
    if not isinstance(value, str):
        return None
    m = _PUBLISH_DATE.match(value)
    if not m or m.group(2) not in _MONTHS:
        return None
    try:
        return dt.date(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _block_parser():
    from markdown_it import MarkdownIt

    # no "normalize" either: it makes every line end a LF, which `normalised` has done, and
    # replaces NUL, which `tokens` does only when there is one (its search cost 15 µs a file)
    return MarkdownIt("commonmark").enable("table").disable(["normalize", "inline", "text_join"])


class Document:
    def __init__(self, path: str, text: str, *, bom: bool = False) -> None:
        self.path = path
        self.text = text
        self.bom = bom
        self.lines = LineIndex(text)
        self.front_matter = frontmatter.parse(text)
        self.body_start = self.front_matter.end if self.front_matter.style else 0

    @classmethod
    def from_bytes(cls, path: str, data: bytes) -> Document:
        text, bom = decode(data)
        return cls(path, text, bom=bom)

    # positions -------------------------------------------------------------------------------

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of an absolute offset."""
        return self.lines.position(offset)

    # front matter ----------------------------------------------------------------------------

    @cached_property
    def publish_date(self) -> dt.date | None:
        """The article's publish date `P`, or None when it is missing or not a real date."""
        return (
            parse_publish_date(self.front_matter.get("publish.date"))
            if self.front_matter.ok
            else None
        )

    # Markdown --------------------------------------------------------------------------------

    @cached_property
    def normalised(self) -> str:
        """The text with the front matter blanked and every line end a LF; same length."""
        text = normalise_line_ends(self.text)
        if self.body_start:
            head = blank_copy(text[: self.body_start])
            text = head + text[self.body_start :]
        return text

    @cached_property
    def tokens(self) -> list:
        """markdown-it-py (CommonMark + tables) block tokens; `map` lines are 0-based file lines.

        Inline tokens keep their `content` and `map` but have no children: nothing reads them,
        and parsing them was a third of the parse."""
        text = self._parser_text
        if "\0" in text:
            text = text.replace("\0", "\ufffd")  # as markdown-it's own normalize step does
        return _block_parser().parse(text)

    @property
    def _parser_text(self) -> str:
        """`normalised` with the front matter's whole lines empty rather than blank: the same
        lines, so the same tokens and line maps, but markdown-it reads the leading spaces of
        a line one by one, and the blanked front matter was a fifth of its parse."""
        if not self.body_start:
            return self.normalised
        head = self.normalised[: self.body_start]
        breaks = head.count("\n")
        partial = len(head) - head.rfind("\n") - 1  # a body starting mid-line keeps its column
        return "\n" * breaks + " " * partial + self.normalised[self.body_start :]

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        """Prose blocks (paragraphs, headings, table cells) in file order."""
        return tuple(prose_blocks(self.normalised, self.lines, self.tokens))

    @cached_property
    def _views(self) -> dict[str, str]:
        # the three views are built in one pass, each on the one before (see mask_views)
        return mask_views(self.text, self.blocks)

    @property
    def prose_text(self) -> str:
        """The text with all non-prose blanked, URLs, e-mail addresses and @handles included."""
        return self._views["prose"]

    @property
    def prose_text_with_urls(self) -> str:
        """Like `prose_text`, but web addresses and e-mail addresses written in prose are kept."""
        return self._views["urls"]

    @property
    def inline_source(self) -> str:
        """The prose blocks' Markdown source with only code spans and HTML comments blanked:
        for rules about link syntax itself."""
        return self._views["source"]

    def prose(self, *, keep_urls: bool = False) -> Iterator[tuple[Block, str]]:
        """Each prose block with its masked text (offsets of the text start at `block.start`)."""
        source = self.prose_text_with_urls if keep_urls else self.prose_text
        for block in self.blocks:
            yield block, source[block.start : block.end]

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """Absolute spans of the sentences of every prose block, in order."""
        spans = []
        text = self.prose_text_with_urls
        for block in self.blocks:
            start = block.start
            for m in _sentence_ends(text, block.start, block.end):
                if _ABBREVIATION.search(text, max(block.start, m.start() - 8), m.start()):
                    continue
                spans.append((start, m.start()))
                start = m.end()
            spans.append((start, block.end))
        return tuple(spans)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The span of the sentence holding `offset` (the offset itself when it is in none)."""
        spans = self.sentences
        i = bisect_right(spans, (offset, len(self.text) + 1)) - 1
        if i >= 0 and spans[i][0] <= offset <= spans[i][1]:
            return spans[i]
        return offset, offset

    def derive(self, compute: Callable[[Document], T]) -> T:
        """`compute(self)`, worked out once per document and shared by every rule that asks.

        Rule families use it for their shared analysis (the phone numbers found, the dates
        parsed), so that several rules reading the same numbers find them once.
        """
        cache = self.__dict__.setdefault("_derived", {})
        if compute not in cache:
            cache[compute] = compute(self)
        return cache[compute]

    def prose_matches(
        self, pattern: re.Pattern[str], *, keep_urls: bool = False
    ) -> Iterator[re.Match[str]]:
        """Matches of `pattern` in prose; offsets are absolute, matches never span two blocks."""
        source = self.prose_text_with_urls if keep_urls else self.prose_text
        for block in self.blocks:
            yield from pattern.finditer(source, block.start, block.end)

"""Which characters of an article are prose.

The result is a copy of the text, exactly as long, in which everything that is not prose is
blanked, line breaks kept: the front matter, code blocks and spans, HTML, link destinations and
reference definitions. Rules search the copy and their match offsets are offsets into the
original file, with no mapping tables.

Markup that only shapes the text (HTML tags such as `<strong>`, whatever lies outside the prose
blocks) becomes spaces. Inline objects that stood between words (a code span, an HTML comment,
a link destination, a web or e-mail address, an @handle) become `SEPARATOR` characters instead:
neither word characters nor white space, so the words on either side of a masked address never
read as neighbours ("or www.example.org.uk or" is not "or or"), and "visit `…`." does not read
as "visit." with nothing after it.

Block structure comes from markdown-it-py's token line maps; inline syntax inside a block is
blanked with patterns that follow CommonMark's shapes for code spans, links and HTML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from newslint._lines import LineIndex, blank_copy

_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
# a tag ends at the first ">": one space, then a greedy run (the lazy "\s+[^<>]*?" it replaces
# found the same tags, but tried every split of a long run of spaces: 20,000 took 4 s)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# `](destination "title")`: the destination may be in <…> or hold one level of balanced ( ).
_LINK_TAIL = re.compile(
    r"\]\(\s*(?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\([^\s()]*\))*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
_REFERENCE_LABEL = re.compile(r"\]\[[^\]\n]*\]")
# A scheme is at most 32 characters and an address's local part at most 64 (RFC 5321): the
# bounds keep each attempt short, so a long run such as "a.a.a.a…" is read in linear time
# (an address never ends in "*": asterisks after one are the Markdown that makes it bold)
_URL = re.compile(
    r"(?:\b[A-Za-z][A-Za-z0-9+.-]{0,31}://|\bwww\.)[^\s<>()\[\]\"']*[^\s<>()\[\]\"'.,;:!?*]"
)
_EMAIL = re.compile(r"\b[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+\b")
_HANDLE = re.compile(r"(?<![\w@#])[@#][A-Za-z_]\w*")


SEPARATOR = "\ufffc"  # OBJECT REPLACEMENT CHARACTER: "an object stood here"


class Block(NamedTuple):
    """One prose block: a paragraph, heading or table cell, with its absolute span."""

    kind: str  # "paragraph", "heading", "table"
    start: int
    end: int
    in_list: bool = False
    in_quote: bool = False


def blank(chars: list[str], start: int, end: int, fill: str = " ") -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = fill


def prose_blocks(normalised: str, lines: LineIndex, tokens: Sequence) -> list[Block]:
    """The spans of inline content, located in the (line-end normalised) text."""
    blocks: list[Block] = []
    cursor: dict[int, int] = {}
    parents: list[str] = []
    for token in tokens:
        if token.nesting == 1:
            parents.append(token.type)
        elif token.nesting == -1 and parents:
            parents.pop()
        if token.type != "inline" or token.map is None:
            continue
        kind = (
            "heading"
            if "heading_open" in parents
            else "table"
            if "table_open" in parents
            else "paragraph"
        )
        first_line = token.map[0]
        start = end = None
        for i, content_line in enumerate(token.content.split("\n")):
            line = first_line + i
            if not content_line.strip():
                continue
            line_start = lines.line_start(line)
            line_end = lines.line_end(line, normalised)
            found = normalised.find(content_line, cursor.get(line, line_start), line_end)
            if found < 0:
                found = line_start
                content_end = line_end
            else:
                content_end = found + len(content_line)
            cursor[line] = content_end
            start = found if start is None else start
            end = content_end
        if start is not None:
            blocks.append(
                Block(
                    kind,
                    start,
                    end,
                    "bullet_list_open" in parents or "ordered_list_open" in parents,
                    "blockquote_open" in parents,
                )
            )
    return blocks


# what each view blanks inside a block, in order: each pattern sees the previous ones' blanks
_SOURCE = (_CODE_SPAN, _HTML_COMMENT)
_WITH_URLS = (*_SOURCE, _AUTOLINK, _HTML_TAG, _LINK_TAIL, _REFERENCE_LABEL)
_PROSE = (*_WITH_URLS, _URL, _EMAIL, _HANDLE)
VIEWS = {"source": _SOURCE, "urls": _WITH_URLS, "prose": _PROSE}
# formatting that leaves the words on either side adjacent once rendered
_SHAPES_ONLY = (_HTML_TAG,)
# the "]" of `[text](…)` and `[text][ref]` stays, so that the link text reads as it renders
_KEEP_BRACKET = (_LINK_TAIL, _REFERENCE_LABEL)
# text that each pattern cannot match without: a block that holds none of it is not searched
# (most blocks hold no code, HTML, link or address, and `in` is far cheaper than a search);
# blanking writes only spaces and SEPARATOR, so it never makes one of these appear
_NEEDS = {
    _CODE_SPAN: ("`",),
    _HTML_COMMENT: ("<!--",),
    _AUTOLINK: ("<",),
    _HTML_TAG: ("<",),
    _LINK_TAIL: ("](",),
    _REFERENCE_LABEL: ("][",),
    _URL: ("://", "www."),
    _EMAIL: ("@",),
    _HANDLE: ("@", "#"),
}


def mask(text: str, blocks: Sequence[Block], view: str) -> str:
    """Blank everything outside `blocks`, then the inline syntax the view leaves out."""
    chars = list(blank_copy(text))
    for block in blocks:
        chars[block.start : block.end] = text[block.start : block.end]
        _blank_inline(chars, text, block.start, block.end, VIEWS[view])
    return "".join(chars)


def mask_views(text: str, blocks: Sequence[Block]) -> dict[str, str]:
    """Every view, each built on the one before when its patterns extend that view's patterns
    (as `prose` extends `urls`, which extends `source`), so no pattern runs twice over a block.
    The same text as `mask` gives for each view.

    Blocks are masked as strings of their own and the views joined from them and the blanks
    between: most blocks hold nothing to blank, and a list of the whole text's characters per
    view cost more than the masking. Overlapping blocks (which one block's blanks can reach
    into another) are masked in one list of characters."""
    if any(a.end > b.start for a, b in zip(blocks, blocks[1:], strict=False)):
        return _mask_views_in_place(text, blocks)
    blank_text = blank_copy(text)
    sources = [text[block.start : block.end] for block in blocks]
    segments = list(sources)
    views: dict[str, str] = {}
    done: tuple = ()
    for view, patterns in VIEWS.items():
        if patterns[: len(done)] != done:
            segments, done = list(sources), ()
        rest = _possible(patterns[len(done) :], text)
        if rest:
            segments = [
                _blank_segment(segment, source, rest)
                for segment, source in zip(segments, sources, strict=True)
            ]
        pieces, previous = [], 0
        for block, segment in zip(blocks, segments, strict=True):
            pieces += (blank_text[previous : block.start], segment)
            previous = block.end
        pieces.append(blank_text[previous:])
        views[view] = "".join(pieces)
        done = patterns
    return views


def _blank_segment(segment: str, source: str, patterns) -> str:
    """`segment` (a block as the view so far has it) with what `patterns` match blanked, each
    pattern seeing the blanks of those before it; `source` is the block's own text."""
    patterns = _possible(patterns, source)
    chars: list[str] | None = None
    for pattern in patterns:
        fill = " " if pattern in _SHAPES_ONLY else SEPARATOR
        skip = 1 if pattern in _KEEP_BRACKET else 0
        changed = False
        for m in pattern.finditer(segment):
            if chars is None:
                chars = list(segment)
            changed = True
            blank(chars, m.start() + skip, m.end(), fill)
        if changed and chars is not None:
            segment = "".join(chars)
    return segment


def _mask_views_in_place(text: str, blocks: Sequence[Block]) -> dict[str, str]:
    views: dict[str, str] = {}
    for view, patterns in VIEWS.items():
        chars = list(blank_copy(text))
        for block in blocks:
            chars[block.start : block.end] = text[block.start : block.end]
        rest = _possible(patterns, text)
        if rest:
            for block in blocks:
                _blank_inline(chars, text, block.start, block.end, rest)
        views[view] = "".join(chars)
    return views


def _possible(patterns, text: str) -> tuple:
    """The patterns whose needed text occurs in `text` (the others cannot match in it)."""
    return tuple(p for p in patterns if any(needed in text for needed in _NEEDS[p]))


def _blank_inline(chars: list[str], text: str, start: int, end: int, patterns) -> None:
    patterns = _possible(patterns, text[start:end])
    if not patterns:
        return
    # what earlier patterns (of this view or of the view it extends) blanked stays blank
    segment = "".join(chars[start:end])
    for pattern in patterns:
        changed = False
        fill = " " if pattern in _SHAPES_ONLY else SEPARATOR
        skip = 1 if pattern in _KEEP_BRACKET else 0
        for m in pattern.finditer(segment):
            changed = True
            blank(chars, start + m.start() + skip, start + m.end(), fill)
        if changed:
            # what one pattern blanked (a code span) must not be matched by the next (a link)
            segment = "".join(chars[start:end])

"""Markdown formatting rules (NL6xx): emphasis that will not render as the writer meant.

The candidates come from the source (code spans and link targets already blanked); every one is
confirmed with markdown-it-py's CommonMark inline parser, so only emphasis that really fails to
render, or really runs into the next word, is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from newslint import Document, Edit, Fix, Hit, Option, rule
from newslint.rules.phones import phone_numbers, short_codes

# a delimiter run of one or two asterisks, or two underscores, and the text up to the next
# identical run on the same line
# each mark starts with its character and looks back just after it: a pattern that starts with
# a character lets the search pass over every other character at once (one that starts with a
# look-ahead or a look-behind runs it at every place)
_PAIR = re.compile(
    r"(?P<mark>\*(?<![*\\].)\*|_(?<![*\\].)_|\*(?<![*\\].))"
    r"(?![*])(?P<inner>(?:(?!(?P=mark))[^\n])+?)(?<![*\\])(?P=mark)(?!\*)"
)
_NAMES = {"**": "bold", "__": "bold", "*": "italic"}
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=2048)
def _renders(snippet: str, mark: str) -> bool:
    """Does CommonMark render this snippet with emphasis of the mark's kind?"""
    from markdown_it import MarkdownIt

    wanted = "strong_open" if len(mark) == 2 else "em_open"
    tokens = _parser(MarkdownIt).parseInline(snippet)
    return any(child.type == wanted for token in tokens for child in (token.children or []))


@lru_cache(maxsize=1)
def _parser(factory):
    return factory("commonmark")


@rule(
    code="NL601",
    name="broken-emphasis",
    severity="warning",
    fixable=True,
    summary="bold or italic that will not render, or that runs into the next word",
    options={
        "emphasis-consistency": Option(
            False, "also flag a phone number that is bold in one place and plain in another"
        )
    },
)
def broken_emphasis(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """CommonMark does not render `**999. **` or `** 101**` as bold: a space just inside a
    closing or opening marker makes the asterisks print literally. `**101**or` renders, but
    glued to the next word. The safe fix moves the space outside the markers, or adds one.

    Flagged: report it immediately via **999. ** The support…
    Flagged: calling the non-emergency number **101**or by contacting us online
    Fine:    report it immediately via **999.** The support…
    """
    text = doc.prose_text
    for block in doc.blocks:
        if _holds_marks(text, block.start, block.end):
            for m in _PAIR.finditer(text, block.start, block.end):
                yield from _check_pair(text, m)
    if opts["emphasis-consistency"]:
        yield from _inconsistent_emphasis(doc)


def _check_pair(text: str, m: re.Match[str]) -> Iterator[Hit]:
    mark, inner = m.group("mark"), m.group("inner")
    kind = _NAMES[mark]
    stripped = inner.strip()
    if not stripped or _renders(m.group(), mark) and not _glued(text, m.end()):
        return
    leading = len(inner) - len(inner.lstrip())
    trailing = len(inner) - len(inner.rstrip())
    if leading and trailing:
        return  # "2 * 3 * 4": asterisks used as symbols, not emphasis
    closer_start = m.end() - len(mark)
    after = text[m.end()] if m.end() < len(text) else "\n"
    if m.start() > 0 and text[m.start() - 1].isalnum():
        return  # "marker* and another*": an opener glued to a word is a symbol, not emphasis
    if trailing:
        # "**999. **": drop the inner space; keep the words apart after the closer
        pad = "" if after.isspace() or after in ".,;:!?)" else " "
        fixed = m.group()[: len(mark) + len(inner.rstrip())] + mark + pad
        if _renders(fixed, mark):
            yield Hit(
                m.start(),
                m.end(),
                f'{kind} "{stripped}" will not render: remove the space before the closing {mark}',
                Fix.safe_edit(Edit(closer_start - trailing, m.end(), mark + pad)),
            )
    elif leading and not after.isalnum():
        fixed = mark + inner.lstrip() + mark
        if _renders(fixed, mark):
            yield Hit(
                m.start(),
                m.end(),
                f'{kind} "{stripped}" will not render: remove the space after the opening {mark}',
                Fix.safe_edit(Edit(m.start() + len(mark), m.start() + len(mark) + leading, "")),
            )
    elif _glued(text, m.end()):
        word = _WORD.match(text, m.end()).group()
        if _renders(m.group() + " " + word, mark):
            problem = "runs into" if _renders(m.group() + word, mark) else "will not render before"
            yield Hit(
                m.start(),
                m.end() + len(word),
                f'{kind} "{stripped}" {problem} "{word}": add a space after the closing {mark}',
                Fix.safe_edit(Edit(m.end(), m.end(), " ")),
            )


def _holds_marks(text: str, start: int, end: int) -> bool:
    """Is there an * or _ in text[start:end]? Every `_PAIR` starts with one, and most blocks
    hold neither: two `find`s say so faster than a search."""
    return text.find("*", start, end) >= 0 or text.find("_", start, end) >= 0


def _glued(text: str, end: int) -> bool:
    return end < len(text) and text[end].isalnum()


def _inconsistent_emphasis(doc: Document) -> Iterator[Hit]:
    text = doc.prose_text
    bold_spans = [
        (m.start(), m.end())
        for b in doc.blocks
        for m in _PAIR.finditer(text, b.start, b.end)
        if len(m.group("mark")) == 2
    ]
    first: dict[str, bool] = {}
    numbers = [
        (n.start, n.end, n.e164 or n.digits, n.text) for n in doc.derive(phone_numbers) if n.valid
    ]
    numbers += [(c.start, c.end, c.canonical, c.text) for c in doc.derive(short_codes)]
    for start, end, key, written in sorted(numbers):
        bold = any(a <= start and end <= b for a, b in bold_spans)
        if key not in first:
            first[key] = bold
        elif first[key] != bold:
            was = "bold" if first[key] else "plain"
            yield Hit(
                start,
                end,
                f'"{written}" is {"bold" if bold else "plain"} here but {was} where it first appears',
            )


RULES = (broken_emphasis,)

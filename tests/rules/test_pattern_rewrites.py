"""Patterns rewritten for speed find what they found before.

A pattern that starts with a look-ahead or a look-behind makes Python's search run it at every
place; one that starts with a character (or a character class) lets the search pass over the
places where no match can start. Each rewrite below moves its look-behind just after the first
character, or searches the lower-cased text case-sensitively; the old form stays here as the
reference, and random texts built from the characters each pattern reads must give the same
matches, groups included.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from newslint.rules import _promises, emphasis, links, worduse
from newslint.rules._scan import lowers_safely


def _texts(pieces: list[str]):
    return st.lists(st.sampled_from(pieces), max_size=12).map("".join)


def _spans(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple]:
    return [
        (m.span(), *(m.span(g) for g in range(1, (pattern.groups or 0) + 1)))
        for m in pattern.finditer(text, start, end)
    ]


def _window(text: str, data) -> tuple[int, int]:
    start = data.draw(st.integers(0, len(text)))
    return start, data.draw(st.integers(start, len(text)))


_OLD_GLUED = re.compile(
    r"(?=\d)(?<![\w£$€.,:/'’-])(\d+)([a-z]{2,}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct"
    r"|Nov|Dec)[a-z]*|(?:Mon|Tues?|Wed|Thu|Fri|Sat|Sun)[a-z]*day)\b"
)
_OLD_PAIR = re.compile(
    r"(?=[*_])(?<![*\\])(?P<mark>\*\*|__|\*)(?![*])(?P<inner>(?:(?!(?P=mark))[^\n])+?)"
    r"(?<![*\\])(?P=mark)(?!\*)"
)


@settings(max_examples=500, deadline=None)
@given(
    _texts(
        list("0123456789")
        + ["and", "th", "Jan", "Monday", "km", "£", ".", ",", ":", "/"]
        + ["'", "’", "-", "x", " ", "\n", "é", "_"]
    ),
    st.data(),
)
def test_a_number_run_into_a_word(text: str, data) -> None:
    start, end = _window(text, data)
    assert _spans(worduse._GLUED, text, start, end) == _spans(_OLD_GLUED, text, start, end)


@settings(max_examples=500, deadline=None)
@given(_texts(["*", "**", "***", "_", "__", "\\", "x", " ", "\n", "ab", "999"]), st.data())
def test_an_emphasis_pair(text: str, data) -> None:
    start, end = _window(text, data)
    assert _spans(emphasis._PAIR, text, start, end) == _spans(_OLD_PAIR, text, start, end)


@settings(max_examples=500, deadline=None)
@given(
    _texts(
        ["at", "on", "to", "via", "from", "through", "At", "ON", "To", "VIA", "Through", "or"]
        + ["and", "has", "is", "Will", " ", "\n", ".", "!", ":", ";", "*", "**", "_", "-", "'"]
        + ["’", "x", "é", "2", "\u00a0", "\t", "call", "K", "\u212a"]
    ),
    st.data(),
)
def test_a_cut_off_preposition(text: str, data) -> None:
    if not lowers_safely(text):
        return  # the rule searches such a text with the old pattern
    start, end = _window(text, data)
    lowered = text.lower()
    new = [
        (m.span(), *(m.span(g) for g in range(1, 7)), m["prep"].lower(), m["stop"], m["next"])
        for m in _promises._CUT_LOWER.finditer(lowered, start, end)
    ]
    old = [
        (m.span(), *(m.span(g) for g in range(1, 7)), m["prep"].lower(), m["stop"])
        + ((m["next"] or "").lower() or None,)
        for m in _promises._CUT.finditer(text, start, end)
    ]
    assert new == old


@settings(max_examples=500, deadline=None)
@given(
    _texts(
        ["link", "LINK", "Url", "uRL", "web address", "WEB ADDRESS", "lin", "k", "u", "rl"]
        + ["w", " ", "\u212a", "x"]
    ),
    st.data(),
)
def test_a_block_that_may_hold_a_link_placeholder(text: str, data) -> None:
    if not lowers_safely(text):
        return
    start, end = _window(text, data)
    lowered = links._MAY_HOLD_PLACEHOLDER_LOWER.search(text.lower(), start, end)
    assert bool(lowered) == bool(links._MAY_HOLD_PLACEHOLDER.search(text, start, end))

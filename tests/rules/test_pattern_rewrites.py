"""Patterns rewritten for speed find what they found before.

A pattern that starts with a look-ahead or a look-behind makes Python's search run it at every
place; one that starts with a character (or a character class) lets the search pass over the
places where no match can start. Each rewrite below moves its look-behind just after the first
character, or searches the lower-cased text case-sensitively; the old form stays here as the
reference, and random texts built from the characters each pattern reads must give the same
matches, groups included. Work done without a pattern (the runs of letters that the repeated-
word search starts from) must give what the pattern gave.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from newslint.rules import (
    _dates,
    _destinations,
    _phones,
    _promises,
    emphasis,
    links,
    phones,
    worduse,
)
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
_OLD_START = re.compile(r"(?=[+(0])(?<![\w/+£$€.,:-])(?:\+44|\(0|0(?=\d))")
_OLD_SHORT = re.compile(
    r"(?=[19])(?<![\w/£$€.,:+-])(?:116[ \u00a0-]?(?:123|000|111)|18001[ \u00a0-]?101|18000|999|112"
    r"|101|111|105|119)(?![\w/-]|[.,]\d)"
)
_OLD_NUMBER_RUN = re.compile(
    r"(?=[+(\d])(?<![\w/£$€.,:])(?:\+44[ \u00a0]?(?:\(0\)[ \u00a0]?)?)?\(?\d[\d \u00a0().-]*\d(?!\d)"
)
_OLD_CONTACT_NO_EMAIL = re.compile(r"(?=[+(019tTA-Z])(?:" + _destinations._NUMBER_OR_POSTCODE + ")")
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
        + ["w", " ", "\u212a", "x", "İ"]
    ),
    st.data(),
)
def test_a_block_that_may_hold_a_link_placeholder(text: str, data) -> None:
    # found with `in` and `find` in the lower-cased text where that is the same
    start, end = _window(text, data)
    found = links._placeholder_words_test(text)(start, end)
    assert found == bool(links._MAY_HOLD_PLACEHOLDER.search(text, start, end))


# digits, the separators the number patterns read, and the letters and signs they look at
_NUMBER_PIECES = (
    list("0123456789")
    + ["+44", "(0)", "(0", "+", "(", ")", " ", "\u00a0", "-", ".", ",", "/", ":"]
    + ["£", "$", "€", "x", "T", "t", "Text", "TEXT", "texting us on ", "TN", "AB1", "1AA", "SW1A"]
    + ["116", "123", "18001", "101", "999", "0800", "01707", "\n", "٣", "é", "_"]
    + ["0300 123 2040", "01707 606400", "+44 (0)20 7946 0000", "0800 555 111", "119", "159"]
    + ["text ", "Texting ", "12345", "654321"]
)


@settings(max_examples=1500, deadline=None)
@given(_texts(_NUMBER_PIECES), st.data())
def test_the_number_patterns(text: str, data) -> None:
    start, end = _window(text, data)
    for new, old in (
        (_phones._START, _OLD_START),
        (_phones._SHORT, _OLD_SHORT),
        (phones._NUMBER_RUN, _OLD_NUMBER_RUN),
        (_destinations._CONTACT_NO_EMAIL, _OLD_CONTACT_NO_EMAIL),
    ):
        assert _spans(new, text, start, end) == _spans(old, text, start, end), new.pattern


# letters (ASCII in both cases, and some beyond it), the signs between words, and the
# characters that change in lower case or that look like letters and are not
_RUN_PIECES = (
    ["the ", "The ", "THE ", "a ", "A ", "send a ", "is ", "it was ", "and "]
    + list("abcXYZ .,;:!?'’-—“”£\u00a0\n\t_0123456789")
    + ["Ⓐ", "ⓐ", "½", "²", "é", "É", "K", "İ", "ſ", "ß"]
)


@settings(max_examples=1500, deadline=None)
@given(_texts(_RUN_PIECES))
def test_letter_runs_are_the_lowered_runs_of_letters(text: str) -> None:
    from newslint.rules.spelling import _ASCII_RUN, _NON_ASCII_LETTER, _letter_runs

    if _NON_ASCII_LETTER.search(text):
        return  # (such a block is searched in full instead)
    assert [r.decode() for r in _letter_runs(text)] == _ASCII_RUN.findall(text.lower())


@settings(max_examples=500, deadline=None)
@given(_texts(_RUN_PIECES), _texts(_RUN_PIECES))
def test_repeats_found_from_runs_are_those_a_full_search_finds(first: str, second: str) -> None:
    from newslint.document import Document
    from newslint.rules.spelling import _REPEAT, _repeats

    from tests.helpers import article

    doc = Document("a.md", article(f"{first}\n\n{second} said.\n"))
    found = [m.span() for m in _repeats(doc)]
    assert found == [m.span() for m in doc.prose_matches(_REPEAT)]


_OLD_ANY_NAME = re.compile(
    "(?=["
    + "".join(sorted({name[0] for name in [*_dates._WEEKDAY_FORMS, *_dates._MONTH_FORMS]}))
    + "])"
    rf"(?:{_dates._names(_dates._WEEKDAY_FORMS, _dates.WEEKDAYS)}"
    rf"|{_dates._names(_dates._MONTH_FORMS, _dates.MONTHS)})"
)


_NAME_PIECES = (
    ["Mon", "Monday", "Tue", "Tues", "Thur", "Sept", "Sep", "May", "March", "Jun", "June"]
    + ["mon", "MONDAY", "Mond", "Mayor", "Marching", "Dec.", "Fri.", "_", "1", "é", "É"]
    + list(" .,()-'’\n\u00a0")
)


@settings(max_examples=1500, deadline=None)
@given(_texts(_NAME_PIECES), st.data())
def test_whether_a_paragraph_names_a_weekday_or_month(text: str, data) -> None:
    start, end = _window(text, data)
    found = _dates._ANY_NAME.search(text, start, end)
    assert bool(found) == bool(_OLD_ANY_NAME.search(text, start, end))


_OLD_CASE_TRAPS = re.compile("[ıſİ]")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ıſİiIsS ’￼é\u00a0a1"))))
def test_whether_a_text_lowers_safely(text: str) -> None:
    assert lowers_safely(text) == (not _OLD_CASE_TRAPS.search(text))


@settings(max_examples=1000, deadline=None)
@given(
    _texts(
        ["1", "09", "٣", "²", "a", " ", "\n\n", "£5", "“", "’", "\ufffc", "é", "\u00a0", "x"]
        + ["https://a.uk/2 ", "a@b.co ", "[x](y)", "`3`"]
    ),
    st.data(),
)
def test_digit_places_are_where_a_search_finds_digits(text: str, data) -> None:
    from newslint.document import Document
    from newslint.rules._scan import digit_blocks, digit_places, holds_digit

    doc = Document("a.md", text)
    numbered = [b for b in doc.blocks if re.search(r"\d", doc.prose_text[b.start : b.end])]
    assert digit_blocks(doc) == numbered
    for keep_urls, prose in ((False, doc.prose_text), (True, doc.prose_text_with_urls)):
        places = digit_places(doc, keep_urls=keep_urls)
        assert places == [m.start() for m in re.finditer(r"\d", prose)]
        start, end = _window(prose, data)
        assert holds_digit(places, start, end) == bool(re.search(r"\d", prose[start:end]))


_CONTACT_PIECES = (
    ["Reach us by post.", "call or email;", "Contact the team via email.", "Either ring or text!"]
    + ["write or phone.", "Please telephone or e-mail us.", "CALL or write", "Text or call."]
    + ["E-mail or write.", "email or phone.", "Phone or email them.", "contact", "reach", "us"]
    + ["the team", "or", "and/or", "by", "via", "post", ".", ";", "-", "’", "'", "x", "\n"]
    + ["İ", "ı"]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_CONTACT_PIECES), max_size=10).map(" ".join), st.data())
def test_contact_alternatives_tried_where_a_verb_starts(text: str, data) -> None:
    # NL202 tries `_ALTERNATIVES` only where one of its first words starts, the article's
    # places found once, then read block by block
    from newslint.rules._scan import matches_at, start_places

    pattern = _promises._ALTERNATIVES()
    places = start_places(text, _promises._ALTERNATIVES_STARTS, 0, len(text))
    start, end = data.draw(st.sampled_from([(0, len(text)), _window(text, data)]))
    expected = _spans(pattern, text, start, end)
    if places is None:
        assert not lowers_safely(text)
        return
    found = [
        (m.span(), *(m.span(g) for g in range(1, pattern.groups + 1)))
        for m in matches_at(pattern, text, places, start, end)
    ]
    assert found == expected

"""Finding the few sentences worth a rule's closer look, in one pass over the article.

Rules that start from a list of words (the confusables, the word-use patterns' first words)
used to search each sentence in turn; one search over the whole prose finds the same words
for a fraction of the cost, and `sentences_holding` maps them back to their sentences. The
words are compiled as a trie (`trie_pattern`): Python's regular expressions try the
alternatives of a flat list one by one at every position. Likewise the article's digits are
found once (`digit_places`), and the rules that read numbers skip the blocks without one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache

_WORD_CHAR = re.compile(r"[\w'’]")
_DIGIT = re.compile(r"\d")
# characters of real copy outside ASCII, none of them a digit: with these taken out, most
# articles' prose is ASCII, whose only digits are 0-9
_COMMON_NON_ASCII = "\ufffc’‘“”–—£€•…\u00a0"


def digit_places(doc, *, keep_urls: bool = False) -> list[int]:
    """Where the prose's decimal digits (`\\d`) are, in order, found once per article: few
    blocks and sentences hold a number, and the rules that read numbers skip the others.
    `keep_urls`: in `prose_text_with_urls`, not `prose_text`."""
    return doc.derive(_digit_places_with_urls if keep_urls else _digit_places)


def digit_blocks(doc) -> list:
    """The prose blocks that hold a digit, in order (most hold none): where the rules that
    read numbers look."""
    return doc.derive(_digit_blocks)


def _digit_blocks(doc) -> list:
    places = digit_places(doc)
    return [b for b in doc.blocks if holds_digit(places, b.start, b.end)]


def holds_digit(places: Sequence[int], start: int, end: int) -> bool:
    """Is one of `places` (from `digit_places`) in [start, end)?"""
    i = bisect_left(places, start)
    return i < len(places) and places[i] < end


def _digit_places(doc) -> list[int]:
    return _digits_in(doc.prose_text)


def _digit_places_with_urls(doc) -> list[int]:
    return _digits_in(doc.prose_text_with_urls)


def _digits_in(text: str) -> list[int]:
    if not text.isascii():
        rest = text
        for ch in _COMMON_NON_ASCII:
            if ch in rest:
                rest = rest.replace(ch, "")
        if not rest.isascii():  # another script's digits may be among the others
            return [m.start() for m in _DIGIT.finditer(text)]
    # ten `find` loops: `str` finds a character many times faster than a pattern reads a text
    places = []
    for digit in "0123456789":
        i = text.find(digit)
        while i >= 0:
            places.append(i)
            i = text.find(digit, i + 1)
    places.sort()
    return places


def trie_pattern(words: Sequence[str]) -> str:
    """The words as one alternation factored into a trie (a non-capturing group)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return "(?:" + render(trie) + ")"


def lowers_safely(text: str) -> bool:
    """Is `text.lower()` as long as the text, and does a pattern of lower-case words find in
    it what the same pattern finds case-insensitively in the text?

    Only three letters make the two differ: re matches "ı" and "ſ" for i and s, and "İ"
    lowers to two characters."""
    # three `in` tests, not a search: `str` finds one character many times faster than a
    # pattern reads a text, and in a text of Latin-1 letters alone (most) none can occur
    return not ("ı" in text or "ſ" in text or "İ" in text)


def case_free(
    text: str, lowered: re.Pattern[str], ignoring_case: re.Pattern[str]
) -> tuple[re.Pattern[str], str]:
    """The pattern and text to search: `lowered` (case-sensitive, of lower-case words) in the
    lower-cased text where that finds what `ignoring_case` finds in `text`, which is faster;
    else `ignoring_case` in the text."""
    return (lowered, lower_case(text)) if lowers_safely(text) else (ignoring_case, text)


# the rules search an article's few texts (its prose views) in lower case again and again: each
# is lowered once (a text's hash is kept with it, so finding it again costs little)
lower_case = lru_cache(maxsize=4)(str.lower)


def sentences_holding(doc, pattern: re.Pattern[str], text: str) -> list[tuple[int, int]] | None:
    """The sentences (in order) in which `pattern` has a match, searching `text` (the prose or
    a same-length copy of it) once; the same sentences as searching each one on its own.

    A sentence search cannot see past the sentence's end, where the whole-text search sees the
    next character; that is the same for a pattern of whole words, because a sentence ends
    after . ! or ? or at the end of its block, where the prose is blank. None when a block
    ends against a word character (blocks that touch): then search each sentence."""
    blocks = doc.blocks
    if not blocks:
        return []
    if any(_WORD_CHAR.match(text, block.end) for block in blocks):
        return None
    sentences = doc.sentences
    starts = [start for start, _end in sentences]
    found: list[tuple[int, int]] = []
    last = -1
    for m in pattern.finditer(text, blocks[0].start, blocks[-1].end):
        i = bisect_right(starts, m.start()) - 1
        if i > last and m.start() < sentences[i][1]:
            found.append(sentences[i])
            last = i
    return found


def matches_from(
    pattern: re.Pattern[str], text: str, starts: Sequence[str], start: int, end: int
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, start, end)` for a pattern whose every match begins with one of
    `starts` (lower-case texts), ignoring case: the pattern is tried only where one of them
    occurs. `str.find` passes over the places between them many times faster than a search,
    which runs the pattern's first steps at every character."""
    places = start_places(text, starts, start, end)
    if places is None:
        yield from pattern.finditer(text, start, end)
    else:
        yield from matches_at(pattern, text, places, start, end)


def start_places(text: str, starts: Sequence[str], start: int, end: int) -> list[int] | None:
    """Where one of `starts` (lower-case texts) begins in text[start:end], ignoring case, in
    order; None when finding them in the lower-cased text would not find them so (see
    `lowers_safely`)."""
    lowered = lower_case(text)
    if (
        not starts
        or len(lowered) != len(text)
        or not lowers_safely(text)
        or any(not s or s != s.lower() or not lowers_safely(s) for s in starts)
    ):
        return None
    places: set[int] = set()
    for literal in set(starts):
        found = lowered.find(literal, start, end)
        while found >= 0:
            places.add(found)
            found = lowered.find(literal, found + 1, end)
    return sorted(places)


def matches_at(
    pattern: re.Pattern[str], text: str, places: Sequence[int], start: int, end: int
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, start, end)` for a pattern whose every match begins at one of
    `places` (in order; those outside [start, end) are passed over)."""
    searched_to = start
    for place in places[bisect_left(places, start) :]:
        if place >= end:
            return
        if place < searched_to:
            continue  # inside the last match: a search would go on from its end
        m = pattern.match(text, place, end)
        if m:
            yield m
            searched_to = max(m.end(), place + 1)

"""Shared analysis for the word-use rules (NL7xx): tokens, quotations, the lexicon, patterns.

A pattern (one row of `data/worduse.yaml`) is a short run of token tests, in the manner of
LanguageTool's grammar.xml: literal words, or word classes from the lexicon (`data/lexicon.tsv`,
generated from LemmInflect's tables, see tools/make_lexicon.py), with exceptions before and
after. One regular expression finds the patterns' first words; a look at the next word or two
picks the few sentences that are split into words and matched in full; the lexicon is read only
when a candidate needs a word's class.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from newslint.memo import Memo
from newslint.rules._scan import trie_pattern
from newslint.rules._words import _data

# spaces (or a currency sign: "more than £10" is one phrase), then a word (inner apostrophes and
# hyphens allowed) or a number (a number glued to a word is one token), then the apostrophe of a
# plural possessive ("officers' cars")
_TOKEN = re.compile(
    r"[ \t\n\u00a0£$€]*([^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,:]\d+)*[^\W_]*)(['’](?![^\W\d_]))?"
)
_QUOTE_MARK = re.compile("[\"'“”‘’]")


# a token is a plain tuple, for speed: (lower-cased word with straight apostrophes, start, end,
# joined: only spaces between it and the token before)
Token = tuple[str, int, int, bool]
LOWER, START, END, JOINED = range(4)


class Entry(NamedTuple):
    classes: str
    participle: str  # of a verb base form, when it differs
    base: str  # of a past form
    plural: str  # of a singular noun
    class_set: frozenset[str] = frozenset()


_NO_ENTRY = Entry("", "", "", "")


@lru_cache(maxsize=1)
def _lexicon_text() -> tuple[str, int]:
    """The lexicon's text and where its first entry starts. Its lines are sorted by word and
    found by bisecting the text itself: loading is one read (about 2 ms), where splitting it
    into lines takes 15 ms and building 100,000 entries over 300 ms."""
    text = _data("data/lexicon.tsv")
    first = 0
    while text.startswith("#", first):
        first = text.index("\n", first) + 1
    return text, first


@lru_cache(maxsize=8192)
def entry(word: str) -> Entry:
    """The word's classes and forms (empty when the lexicon does not know it)."""
    text, low = _lexicon_text()
    key = word + "\t"
    high = len(text)
    while low < high:  # low is always the start of a line
        middle = text.rfind("\n", low, (low + high) // 2) + 1 or low
        end = text.find("\n", middle)
        line = text[middle:end]
        if line.startswith(key):
            classes, *forms = line[len(key) :].split("\t")
            forms += ["", "", ""]
            return Entry(classes, forms[0], forms[1], forms[2], frozenset(classes))
        if line < key:
            low = end + 1
        else:
            high = middle
    return _NO_ENTRY


def lower_prose(doc) -> str:
    """The prose in lower case with straight apostrophes, offsets unchanged."""
    lowered = doc.prose_text.lower().replace("’", "'")
    return lowered if len(lowered) == len(doc.prose_text) else doc.prose_text.replace("’", "'")


def sentence_tokens(text: str, lowered: str, start: int, end: int) -> list[Token]:
    """The sentence's words. Two are joined when only spaces separate them: punctuation,
    brackets or markup between words ends a phrase."""
    tokens: list[Token] = []
    previous = -1
    for m in _TOKEN.finditer(text, start, end):
        first, last = m.span(1)
        word = lowered[first:last]
        if m.group(2):
            word += "'"  # a plural possessive: not a plain plural
        tokens.append((word, first, last, m.start() == previous))
        previous = -1 if m.group(2) else last
    return tokens


def quoted_spans(doc) -> list[tuple[int, int]]:
    """Spans of direct quotation: between “ and ”, ‘ and ’, or a pair of straight quotes.

    A quotation still open at the end of a paragraph runs to its end: in British copy a quote
    that goes on into the next paragraph opens it again without closing the first.
    """
    text = doc.prose_text
    spans: list[tuple[int, int]] = []
    for block in doc.blocks:
        opened: int | None = None
        closer = ""
        for mark in _QUOTE_MARK.finditer(text, block.start, block.end):
            i, ch = mark.start(), mark.group()
            before = text[i - 1] if i > block.start else " "
            after = text[i + 1] if i + 1 < block.end else " "
            if opened is None:
                if ch in "“‘" or (ch in "\"'" and not before.isalnum() and not after.isspace()):
                    if ch in "'‘" and before.isalnum():
                        continue  # an apostrophe
                    opened, closer = i, {"“": "”", "‘": "’"}.get(ch, ch)
            elif ch == closer and not (closer in "'’" and after.isalnum()):
                spans.append((opened, i + 1))
                opened = None
        if opened is not None:
            spans.append((opened, block.end))
    return spans


def inside(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    i = bisect_right(spans, (offset, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


# patterns ------------------------------------------------------------------------------------


class Test(NamedTuple):
    """One token test; every given condition must hold. Class conditions are sets of the
    lexicon's one-letter classes."""

    words: frozenset[str] | None = None
    not_words: frozenset[str] = frozenset()
    classes: frozenset[str] = frozenset()  # has at least one of these classes
    has: frozenset[str] = frozenset()  # has all of these classes
    only: frozenset[str] = frozenset()  # has classes, and all of them are among these
    not_classes: frozenset[str] = frozenset()  # has none of these classes
    participle: bool = False  # a verb base form whose past participle differs
    base_noun: bool = False  # a past form of a verb that is also a noun (damaged: damage)
    lower: bool = False  # written in lower case (not a name or a sentence's first word)
    unknown: bool = False  # a word the lexicon does not know (a name, a technical term)
    optional: bool = False
    lexical: bool = False  # some condition needs the lexicon

    def matches(self, token: Token, text: str) -> bool:
        if self.lower and not text[token[START] : token[END]].islower():
            return False
        return self.fits(token[LOWER])

    def fits(self, word: str) -> bool:
        """Every condition but `lower`, which reads the word as written: the word in lower case."""
        if self.words is not None and word not in self.words:
            return False
        if word in self.not_words:
            return False
        if not self.lexical:
            return True
        found = entry(word)
        classes = found.class_set
        if self.unknown and classes:
            return False
        if self.classes and self.classes.isdisjoint(classes):
            return False
        if self.has and not self.has <= classes:
            return False
        if self.only and not (classes and classes <= self.only):
            return False
        if self.not_classes and not self.not_classes.isdisjoint(classes):
            return False
        if self.participle and not found.participle:
            return False
        return not self.base_noun or "N" in entry(found.base).class_set


_TEST_KEYS = frozenset(
    [
        "words",
        "not-words",
        "classes",
        "has",
        "only",
        "not-classes",
        "participle",
        "base-noun",
        "lower",
        "unknown",
        "optional",
    ]
)
_ROW_KEYS = frozenset(
    [
        "id",
        "rule",
        "tokens",
        "flag",
        "before",
        "not-before",
        "after",
        "after-or-end",
        "not-after",
        "suggest",
        "message",
        "in-quotes",
        "bad",
        "good",
    ]
)


def _test(spec: Mapping[str, Any]) -> Test:
    if unknown := set(spec) - _TEST_KEYS:
        raise ValueError(f"word-use pattern: unknown token test {sorted(unknown)}")
    words = [*spec.get("words", ()), *spec.get("not-words", ())]
    if not all(isinstance(word, str) for word in words):
        # YAML reads an unquoted no, on or off as a boolean
        raise ValueError(f"word-use pattern: a word that is not text in {words}")
    lexical = ("classes", "has", "only", "not-classes", "participle", "base-noun", "unknown")
    return Test(
        words=frozenset(spec["words"]) if "words" in spec else None,
        not_words=frozenset(spec.get("not-words", ())),
        classes=frozenset(spec.get("classes", "")),
        has=frozenset(spec.get("has", "")),
        only=frozenset(spec.get("only", "")),
        not_classes=frozenset(spec.get("not-classes", "")),
        lexical=any(spec.get(key) for key in lexical),
        participle=spec.get("participle", False),
        base_noun=spec.get("base-noun", False),
        lower=spec.get("lower", False),
        unknown=spec.get("unknown", False),
        optional=spec.get("optional", False),
    )


def _tests(specs: Mapping[str, Any] | Sequence[Mapping[str, Any]]) -> tuple[Test, ...]:
    return tuple(_test(spec) for spec in ([specs] if isinstance(specs, Mapping) else specs))


class Pattern(NamedTuple):
    id: str
    code: str
    tokens: tuple[Test, ...]
    flag: tuple[int, ...]  # which tokens of the match are reported
    before: Test | None  # there is a word just before the match, and it passes this test
    not_before: tuple[Test, ...]  # the token just before must pass none of these
    after: Test | None  # there is a next token in the phrase, and it passes this test
    after_or_end: Test | None  # the next token passes this test, or the phrase ends
    not_after: tuple[Test, ...]  # the next token passes none of these
    suggest: str  # a literal, or {participle}, {base}, {plural} of the flagged token
    message: str
    in_quotes: bool  # also checked inside direct quotation
    bad: tuple[str, ...]
    good: tuple[str, ...]


class Match(NamedTuple):
    pattern: Pattern
    tokens: tuple[Token, ...]  # the matched tokens (optional ones left out when absent)
    text: str  # the prose the tokens are in

    @property
    def start(self) -> int:
        return min(self.tokens[i][START] for i in self.flagged)

    @property
    def end(self) -> int:
        return max(self.tokens[i][END] for i in self.flagged)

    def written(self, i: int) -> str:
        return self.text[self.tokens[i][START] : self.tokens[i][END]]

    @property
    def flagged(self) -> tuple[int, ...]:
        flag = self.pattern.flag
        return (
            tuple(i if i >= 0 else len(self.tokens) + i for i in flag)
            if flag
            else tuple(range(len(self.tokens)))
        )

    def suggestion(self) -> str:
        forms = entry(self.tokens[self.flagged[-1]][LOWER])
        return self.pattern.suggest.format(
            **{f"t{i}": self.written(i) for i in range(len(self.tokens))},
            participle=forms.participle,
            base=forms.base,
            plural=forms.plural,
            base_participle=entry(forms.base).participle,
        )

    def describe(self) -> str:
        words = {f"t{i}": self.written(i) for i in range(len(self.tokens))}
        return self.pattern.message.format(
            flagged=" ".join(self.written(i) for i in self.flagged),
            suggestion=self.suggestion(),
            **words,
        )


def _pattern_rows(use_cache: str | bool) -> list[dict]:
    """The YAML's entries; parsing it takes longer (15 ms) than a one-file run may spend, so
    the parsed entries are kept in the cache folder under the file's hash."""
    import hashlib

    text = _data("data/worduse.yaml")
    name = f"worduse-{hashlib.sha1(text.encode()).hexdigest()[:16]}"
    memo = Memo(name, ("rows",), use_cache, shared=("rows",))
    return memo.get("rows", "all", lambda: _parse_yaml(text))


def _parse_yaml(text: str) -> list[dict]:
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=2)
def patterns(use_cache: str | bool = True) -> tuple[Pattern, ...]:
    out = []
    rows = _pattern_rows(use_cache)
    for row in rows:
        if unknown := set(row) - _ROW_KEYS:
            raise ValueError(f"word-use pattern {row.get('id')}: unknown keys {sorted(unknown)}")
        out.append(
            Pattern(
                id=row["id"],
                code=row["rule"],
                tokens=tuple(_test(spec) for spec in row["tokens"]),
                flag=tuple(row.get("flag", ())),
                before=_test(row["before"]) if "before" in row else None,
                not_before=_tests(row.get("not-before", ())),
                after=_test(row["after"]) if "after" in row else None,
                after_or_end=_test(row["after-or-end"]) if "after-or-end" in row else None,
                not_after=_tests(row.get("not-after", ())),
                suggest=row.get("suggest", ""),
                message=row["message"],
                in_quotes=row.get("in-quotes", True),
                bad=tuple(row["bad"]),
                good=tuple(row["good"]),
            )
        )
    return tuple(out)


@lru_cache(maxsize=2)
def _index(use_cache: str | bool = True) -> dict[str, tuple[Pattern, ...]]:
    """First-token word -> the patterns (of every rule) that start with it."""
    index: dict[str, list[Pattern]] = {}
    for pattern in patterns(use_cache):
        first = pattern.tokens[0].words
        if first is None:
            raise ValueError(f"word-use pattern {pattern.id}: the first token must list words")
        for word in first:
            index.setdefault(word, []).append(pattern)
    return {word: tuple(found) for word, found in index.items()}


def _match_at(pattern: Pattern, tokens: Sequence[Token], i: int, text: str) -> Match | None:
    matched: list[Token] = []
    j = i
    for k, test in enumerate(pattern.tokens):
        if j < len(tokens) and (k == 0 or tokens[j][JOINED]) and test.matches(tokens[j], text):
            matched.append(tokens[j])
            j += 1
        elif not test.optional:
            return None
    previous = tokens[i - 1] if i > 0 and tokens[i][JOINED] else None
    if pattern.before:
        if previous is None or not pattern.before.matches(previous, text):
            return None
        matched.insert(0, previous)
    if previous and any(t.matches(previous, text) for t in pattern.not_before):
        return None
    following = tokens[j] if j < len(tokens) and tokens[j][JOINED] else None
    if pattern.after and (following is None or not pattern.after.matches(following, text)):
        return None
    if pattern.after_or_end and following and not pattern.after_or_end.matches(following, text):
        return None
    if following and any(t.matches(following, text) for t in pattern.not_after):
        return None
    return Match(pattern, tuple(matched), text)


def find(doc, code: str, use_cache: str | bool = True) -> list[Match]:
    """The matches of one rule's patterns (the document is read once for every rule)."""
    return doc.derive(_all_matches_with(use_cache)).get(code, [])


@lru_cache(maxsize=2)
def _all_matches_with(use_cache: str | bool):
    """One function per cache setting, so the rules share one pass per document."""
    return lambda doc: _all_matches(doc, use_cache)


def _all_matches(doc, use_cache: str | bool) -> dict[str, list[Match]]:
    """Every pattern's matches in the prose, by rule, outside quotation where the pattern says
    so. One regular expression finds the patterns' first words in the whole text; a sentence is
    split into words and matched in full only when some pattern's first word is followed (or
    preceded) by words that pass the pattern's next tests, which few are."""
    index = _index(use_cache)
    text = doc.prose_text
    lowered = doc.derive(lower_prose)
    trigger = _trigger(use_cache)
    first_look = _first_looks(use_cache)
    hopes = first_look.hopes
    candidates = []
    for sentence in doc.sentences:
        for m in trigger.finditer(lowered, *sentence):
            if hopes.get(m.group(0, 1)) is False:
                continue  # (`may_match`'s first test, without the call: most words end here)
            if not first_look.may_match(lowered, text, m, sentence):
                continue  # the words on either side already rule out every pattern: most
            following = _WordsAfter(lowered, m.end(), sentence[1])
            if any(_may_match(p, lowered, text, m, sentence, following) for p in index[m.group()]):
                candidates.append(sentence)
                break
    quotes: list[tuple[int, int]] | None = None
    found: dict[str, list[Match]] = {}
    for start, end in candidates:
        tokens = sentence_tokens(text, lowered, start, end)
        for i, token in enumerate(tokens):
            for pattern in index.get(token[LOWER], ()):
                match = _match_at(pattern, tokens, i, text)
                if match is None:
                    continue
                if not pattern.in_quotes:
                    if quotes is None:
                        quotes = quoted_spans(doc)
                    if inside(quotes, match.start):
                        continue
                found.setdefault(pattern.code, []).append(match)
    return found


_WORD_AFTER = re.compile(r"[ \t\n\u00a0]+([^\W\d_]+(?:['’-][^\W\d_]+)*)(?!['’]?\w)")
_WORD_BEFORE = re.compile(r"(?<![\w'’-])([^\W\d_]+(?:['’-][^\W\d_]+)*)[ \t\n\u00a0]+$")


def _word_before(lowered: str, start: int, end: int) -> re.Match[str] | None:
    """`_WORD_BEFORE.search(lowered, start, end)`, searching only after the last space before
    the word (where its match must start) instead of trying every place in the window."""
    window = lowered[start:end]
    body = window.rstrip(" \t\n\u00a0")
    if len(body) == len(window):
        return None  # no space before `end`: no word just before it
    cut = max(body.rfind(" "), body.rfind("\t"), body.rfind("\n"), body.rfind("\u00a0"))
    return _WORD_BEFORE.search(lowered, start + cut + 1, end)


class _WordsAfter:
    """The words that follow a position with only spaces between them, read as asked."""

    def __init__(self, lowered: str, position: int, end: int) -> None:
        self.lowered, self.position, self.end = lowered, position, end
        self.words: list[Token] = []

    def get(self, k: int) -> Token | None:
        while len(self.words) <= k:
            after = _WORD_AFTER.match(self.lowered, self.position, self.end)
            if after is None:
                return None
            self.words.append((after.group(1), *after.span(1), True))
            self.position = after.end()
        return self.words[k]


class _FirstLook:
    """The part of `_may_match` that reads only the word before a pattern's first word and the
    word after it, for every pattern of that first word at once. Its answer depends only on
    those three words (and whether the two around are written in lower case), so it is
    remembered for the process: most of an article's 140-odd first words, with their
    neighbours, were seen before, and for most the answer is no."""

    _MAX = 50_000  # answers kept, then forgotten at once

    def __init__(self, index: Mapping[str, tuple[Pattern, ...]]) -> None:
        self.index = index
        self.reads_before = {word: any(p.before for p in found) for word, found in index.items()}
        self.answers: dict[tuple, bool] = {}
        self.hopes: dict[tuple[str, str | None], bool] = {}

    def may_match(self, lowered: str, text: str, m: re.Match[str], sentence) -> bool:
        """False only when `_may_match` is False for every pattern of the word at `m`."""
        # first the two words alone, which rule out four in five: then neither the word before
        # nor how the two are written need be read
        pair = m.group(0, 1)
        hope = self.hopes.get(pair)
        if hope is None:
            if len(self.hopes) >= self._MAX:
                self.hopes.clear()
            after_word = None if pair[1] is None else (pair[1], -1, -1, True)
            hope = self.hopes[pair] = any(
                _first_look(p, None, after_word, text, hoping=True) for p in self.index[pair[0]]
            )
        if not hope:
            return False
        word = pair[0]
        after = before = after_key = before_key = None
        start, end = m.span(1)  # the word after it, which `_trigger` reads as `_WORD_AFTER` would
        if start >= 0:
            after = (lowered[start:end], start, end, True)
            after_key = (after[LOWER], text[start:end].islower())
        if self.reads_before[word]:
            found = _word_before(lowered, max(sentence[0], m.start() - 40), m.start())
            if found:
                start, end = found.span(1)
                before = (lowered[start:end], start, end, True)
                before_key = (before[LOWER], text[start:end].islower())
        key = (word, after_key, before_key)
        answer = self.answers.get(key)
        if answer is None:
            if len(self.answers) >= self._MAX:
                self.answers.clear()
            answer = self.answers[key] = any(
                _first_look(p, before, after, text) for p in self.index[word]
            )
        return answer


def _first_look(
    pattern: Pattern, before: Token | None, after: Token | None, text: str, *, hoping: bool = False
) -> bool:
    """`_may_match` reading no further than the word after the first: True when it would need
    the next word to decide.

    `hoping` takes the word before to pass and the word after to be written as the tests
    want, reading only its lower-case form: an answer never False where the full one is True
    (each test then passes at least as often, and passing ends the look with True)."""
    if (
        not hoping
        and pattern.before
        and (before is None or not pattern.before.matches(before, text))
    ):
        return False
    consumed = 0
    for test in pattern.tokens[1:]:
        if consumed:
            return True  # the second word after would decide
        if after is None:
            return test.optional
        if test.fits(after[LOWER]) if hoping else test.matches(after, text):
            consumed = 1
        elif not test.optional:
            return False
    return True


@lru_cache(maxsize=2)
def _first_looks(use_cache: str | bool) -> _FirstLook:
    return _FirstLook(_index(use_cache))


def _may_match(pattern: Pattern, lowered: str, text: str, m, sentence, following) -> bool:
    """A cheap first look: the words after the first (and the required word before it) pass
    the pattern's tests. Where a number, a possessive or punctuation comes first, the full match
    decides."""
    if pattern.before:
        before = _word_before(lowered, max(sentence[0], m.start() - 40), m.start())
        if not before or not pattern.before.matches((before.group(1), *before.span(1), True), text):
            return False
    k = 0
    for test in pattern.tokens[1:]:
        word = following.get(k)
        if word is None:
            return test.optional
        if test.matches(word, text):
            k += 1
        elif not test.optional:
            return False
    return True


@lru_cache(maxsize=2)
def _trigger(use_cache: str | bool) -> re.Pattern[str]:
    """The patterns' first words as one expression, factored into a trie: Python's regular
    expressions try the alternatives of a flat list one by one."""
    # not part of a longer word with an apostrophe or hyphen ("it's" is not "it"); the look-ahead
    # captures the next word as `_WORD_AFTER` finds it, saving a search per first word
    words = trie_pattern(sorted(_index(use_cache)))
    after = _WORD_AFTER.pattern
    return re.compile(r"(?<![\w'-])" + words + r"(?![\w'-])" + f"(?=(?:{after})?)")

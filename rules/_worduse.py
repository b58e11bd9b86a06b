"""Shared analysis for the word-use rules (NL7xx): tokens, quotations, the lexicon, patterns.

A pattern (one row of `data/worduse.yaml`) is a short run of token tests, in the manner of
LanguageTool's grammar.xml: literal words, or word classes from the lexicon (`data/lexicon.tsv`,
generated from LemmInflect's tables, see tools/make_lexicon.py), with exceptions before and
after. Patterns are indexed by the literal words of their first token, so a sentence is
tokenised only when it holds one of them, and the lexicon is loaded only when a candidate needs
a word's class.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from newslint.rules._words import _data

# words with inner apostrophes or hyphens, and numbers (a number glued to a word is one token)
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,:]\d+)*[^\W_]*")
# between two tokens of one phrase: spaces only (punctuation, brackets or markup end a phrase)
_PLAIN_GAP = re.compile(r"[ \t\n\u00a0]+")
_OPENING = "“‘"
_CLOSING = "”’"


class Token(NamedTuple):
    lower: str  # lower-cased, curly apostrophes made straight
    start: int
    end: int
    joined: bool  # only spaces between it and the token before (no punctuation)
    text: str


class Entry(NamedTuple):
    classes: str
    participle: str  # of a verb base form, when it differs
    base: str  # of a past form
    plural: str  # of a singular noun


_NO_ENTRY = Entry("", "", "", "")


@lru_cache(maxsize=1)
def _lexicon_lines() -> list[str]:
    """The lexicon's lines, sorted by word: looked up by bisection, so that loading it is one
    read and one split (about 10 ms) rather than building 100,000 entries (over 300 ms)."""
    return _data("data/lexicon.tsv").splitlines()


@lru_cache(maxsize=4096)
def entry(word: str) -> Entry:
    """The word's classes and forms (empty when the lexicon does not know it)."""
    lines = _lexicon_lines()
    key = word + "\t"
    i = bisect_left(lines, key)
    if i == len(lines) or not lines[i].startswith(key):
        return _NO_ENTRY
    classes, *forms = lines[i][len(key) :].split("\t")
    forms += ["", "", ""]
    return Entry(classes, forms[0], forms[1], forms[2])


def sentence_tokens(text: str, start: int, end: int) -> list[Token]:
    tokens: list[Token] = []
    previous = start
    for m in _TOKEN.finditer(text, start, end):
        gap = text[previous : m.start()]
        joined = bool(tokens) and bool(_PLAIN_GAP.fullmatch(gap))
        word = m.group()
        lower = word.lower().replace("’", "'")
        if (
            text[m.end() : m.end() + 1] in ("'", "’")
            and not text[m.end() + 1 : m.end() + 2].isalpha()
        ):
            lower += "'"  # a plural possessive ("officers' cars"): not a plain plural
        tokens.append(Token(lower, m.start(), m.end(), joined, word))
        previous = m.end()
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
        for i in range(block.start, block.end):
            ch = text[i]
            if ch not in "\"'“”‘’":
                continue
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
    """One token test; every given condition must hold."""

    words: frozenset[str] | None = None
    not_words: frozenset[str] = frozenset()
    classes: str = ""  # has at least one of these classes
    has: str = ""  # has all of these classes
    only: str = ""  # has classes, and all of them are among these
    not_classes: str = ""  # has none of these classes
    participle: bool = False  # a verb base form whose past participle differs
    base_noun: bool = False  # a past form of a verb that is also a noun (damaged: damage)
    lower: bool = False  # written in lower case (not a name or a sentence's first word)
    unknown: bool = False  # a word the lexicon does not know (a name, a technical term)
    optional: bool = False

    def matches(self, token: Token) -> bool:
        word = token.lower
        if self.words is not None and word not in self.words:
            return False
        if word in self.not_words:
            return False
        if self.lower and not token.text.islower():
            return False
        if self.unknown and entry(word).classes:
            return False
        if (
            self.classes
            or self.has
            or self.only
            or self.not_classes
            or self.participle
            or self.base_noun
        ):
            found = entry(word)
            if self.classes and not any(c in found.classes for c in self.classes):
                return False
            if not all(c in found.classes for c in self.has):
                return False
            if self.only and not (found.classes and all(c in self.only for c in found.classes)):
                return False
            if any(c in found.classes for c in self.not_classes):
                return False
            if self.participle and not found.participle:
                return False
            if self.base_noun and "N" not in entry(found.base).classes:
                return False
        return True


def _test(spec: Mapping[str, Any]) -> Test:
    return Test(
        words=frozenset(spec["words"]) if "words" in spec else None,
        not_words=frozenset(spec.get("not-words", ())),
        classes=spec.get("classes", ""),
        has=spec.get("has", ""),
        only=spec.get("only", ""),
        not_classes=spec.get("not-classes", ""),
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

    @property
    def start(self) -> int:
        return min(self.tokens[i].start for i in self.flagged)

    @property
    def end(self) -> int:
        return max(self.tokens[i].end for i in self.flagged)

    @property
    def flagged(self) -> tuple[int, ...]:
        flag = self.pattern.flag
        return (
            tuple(i if i >= 0 else len(self.tokens) + i for i in flag)
            if flag
            else tuple(range(len(self.tokens)))
        )

    def suggestion(self) -> str:
        last = self.tokens[self.flagged[-1]]
        forms = entry(last.lower)
        return self.pattern.suggest.format(
            **{f"t{i}": t.text for i, t in enumerate(self.tokens)},
            participle=forms.participle,
            base=forms.base,
            plural=forms.plural,
            base_participle=entry(forms.base).participle,
        )

    def describe(self) -> str:
        words = {f"t{i}": t.text for i, t in enumerate(self.tokens)}
        return self.pattern.message.format(
            flagged=" ".join(self.tokens[i].text for i in self.flagged),
            suggestion=self.suggestion(),
            **words,
        )


@lru_cache(maxsize=1)
def patterns() -> tuple[Pattern, ...]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    rows = yaml.load(_data("data/worduse.yaml"), Loader=loader)
    out = []
    for row in rows:
        out.append(
            Pattern(
                id=row["id"],
                code=row["rule"],
                tokens=tuple(_test(spec) for spec in row["tokens"]),
                flag=tuple(row.get("flag", ())),
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


@lru_cache(maxsize=8)
def _index(code: str) -> tuple[dict[str, list[Pattern]], re.Pattern[str]]:
    """First-token word -> patterns of one rule, and a pattern finding any of those words."""
    index: dict[str, list[Pattern]] = {}
    for pattern in patterns():
        if pattern.code != code:
            continue
        first = pattern.tokens[0].words
        if first is None:
            raise ValueError(f"word-use pattern {pattern.id}: the first token must list words")
        for word in first:
            index.setdefault(word, []).append(pattern)
    alternatives = "|".join(sorted(map(re.escape, index), key=len, reverse=True))
    trigger = re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
    return index, trigger


def _match_at(pattern: Pattern, tokens: Sequence[Token], i: int) -> Match | None:
    matched: list[Token] = []
    j = i
    for k, test in enumerate(pattern.tokens):
        if j < len(tokens) and (k == 0 or tokens[j].joined) and test.matches(tokens[j]):
            matched.append(tokens[j])
            j += 1
        elif not test.optional:
            return None
    if i > 0 and tokens[i].joined and any(t.matches(tokens[i - 1]) for t in pattern.not_before):
        return None
    following = tokens[j] if j < len(tokens) and tokens[j].joined else None
    if pattern.after and (following is None or not pattern.after.matches(following)):
        return None
    if pattern.after_or_end and following and not pattern.after_or_end.matches(following):
        return None
    if following and any(t.matches(following) for t in pattern.not_after):
        return None
    return Match(pattern, tuple(matched))


def find(doc, code: str) -> Iterator[Match]:
    """Every match of the rule's patterns in the document's prose, outside quotation where the
    pattern says so."""
    index, trigger = _index(code)
    text = doc.prose_text
    quotes: list[tuple[int, int]] | None = None
    for start, end in doc.sentences:
        if not trigger.search(text, start, end):
            continue
        tokens = sentence_tokens(text, start, end)
        for i, token in enumerate(tokens):
            for pattern in index.get(token.lower, ()):
                match = _match_at(pattern, tokens, i)
                if match is None:
                    continue
                if not pattern.in_quotes:
                    if quotes is None:
                        quotes = doc.derive(quoted_spans)
                    if inside(quotes, match.start):
                        continue
                yield match

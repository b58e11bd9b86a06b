"""Which way a piece of text points in time, as evidence for the year of a year-less date.

The evidence is deliberately shallow (no tagger): finite past verbs, regular "-ed" forms and
the irregular past tenses of `data/irregular-past.tsv` point to the past; "will", "until",
conditional "would" and their kin point to the future. A participle after a present or future
auxiliary ("are suspended", "will be held", "has been announced", "would be collected") or
after a determiner ("the revised timetable") is not a past tense, so it is not evidence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Literal

Direction = Literal["past", "future", "neutral"]

_DAY_NAME = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_FUTURE = re.compile(
    r"(?i:\b(?:will|shall|won't|upcoming|forthcoming|next|tomorrow|onwards)\b"
    # conditional "would" of a timetable ("bins that would be collected"), not "would like"
    r"|\bwould\s+(?:(?:normally|usually|otherwise|ordinarily)\b|be\b)"
    r"|['’]ll\b|\bgoing\s+to\b|\b(?:due|set|planned|scheduled)\s+(?:to|for)\b"
    r"|\btak(?:es|ing)\s+place\b|\b(?:is|are)\s+scheduled\b|\bcoming\s+up\b)"
    # "until", "from" and kin point forward when a date follows them, not in "a man from Ware"
    rf"|(?i:\b(?:until|till|from|starting|beginning|commencing)\s+(?:the\s+|on\s+)?)"
    rf"(?:{_DAY_NAME}|\d)",
)
_PAST_PHRASE = re.compile(
    r"\b(?:yesterday|ago|previously|last\s+(?:night|week|weekend|month|year)|earlier\s+this)\b",
    re.IGNORECASE,
)
_FINITE_PAST = frozenset(["was", "were", "did", "wasn't", "weren't", "didn't"])
# after these a participle is passive or perfect in the present or future, or an adjective
_NOT_PAST_BEFORE = frozenset(
    [
        "is", "are", "am", "be", "been", "being", "'s", "’s", "'re", "’re", "'ve", "’ve",
        "will", "would", "shall", "should", "can", "could", "may", "might", "must",
        "has", "have", "get", "gets", "getting", "to", "not",
        "the", "a", "an", "this", "these", "those", "our", "your", "their", "its", "any",
        "all", "some", "no", "every", "each", "newly", "recently", "specially", "fully",
    ]
)  # fmt: skip
# words of five or more letters ending in "-ed" that are not past tenses
_NOT_PAST = frozenset(
    [
        "need", "speed", "breed", "proceed", "exceed", "succeed", "embed", "indeed",
        "hundred", "shred", "sacred", "wicked", "naked", "kindred", "rugged", "ragged",
        "beloved", "learned", "aged", "greed", "seabed", "flowerbed", "watershed", "bobsled",
    ]
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


@lru_cache(maxsize=1)
def irregular_past() -> dict[str, bool]:
    """Irregular past form -> whether it is also the past participle ("held", not "took")."""
    table = resources.files("newslint.rules") / "data" / "irregular-past.tsv"
    forms = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            form, _verb, kind = line.split("\t")
            forms[form] = kind == "participle"
    return forms


def points_to_future(text: str) -> bool:
    return bool(_FUTURE.search(text))


def points_to_past(text: str) -> bool:
    if _PAST_PHRASE.search(text):
        return True
    irregular = irregular_past()
    words = _WORD.findall(text)
    for i, word in enumerate(words):
        lower = word.lower()
        before = words[i - 1].lower() if i else ""
        if lower in _FINITE_PAST:
            return True
        participle = irregular.get(lower)
        regular = len(lower) >= 5 and lower.endswith("ed") and lower not in _NOT_PAST
        if participle is False:
            return True  # "took", "broke", "fled": past tense only
        if (participle or regular) and word[0].islower() and before not in _NOT_PAST_BEFORE:
            return True
    return False


@lru_cache(maxsize=64)  # asked once per date, and a long sentence can hold thousands of dates
def direction(text: str) -> Direction:
    """Past when only the past is evidenced, future when only the future is, else neutral."""
    past, future = points_to_past(text), points_to_future(text)
    if past and not future:
        return "past"
    if future and not past:
        return "future"
    return "neutral"

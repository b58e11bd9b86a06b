"""Word-use rules (NL7xx): real words in the wrong form or place, which no dictionary sees.

"he was arrest", "one of the vehicle", "their were", "could of", "March 3and". Each rule reads
the patterns of `data/worduse.yaml` that name it (one pattern per entry, each with examples the
tests run); word classes come from `data/lexicon.tsv`. Grammar patterns are not checked inside
direct quotation, where a speaker's own grammar is quoted as spoken. A LanguageTool server, when
configured, adds NL501/NL502 findings beside these rules; it does not replace them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from newslint import Document, Edit, Fix, Hit, rule
from newslint.rules._scan import digit_blocks
from newslint.rules._words import _rows, keep_case
from newslint.rules._worduse import entry, find


def _hits(doc: Document, code: str, opts: Mapping[str, Any]) -> Iterator[Hit]:
    for match in find(doc, code, opts.get("use-cache", True)):
        suggestion = match.suggestion() if match.pattern.suggest else ""
        suggestion = keep_case(doc.text[match.start : match.end], suggestion) if suggestion else ""
        fix = Fix.unsafe_edit(Edit(match.start, match.end, suggestion)) if suggestion else None
        yield Hit(match.start, match.end, match.describe(), fix)


@rule(
    code="NL701",
    name="wrong-verb-form",
    severity="warning",
    fixable=True,
    summary='a verb in the wrong form after an auxiliary, "to" or a plural subject',
)
def wrong_verb_form(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """A verb's plain form where "was", "has" or "being" needs the past participle ("was
    arrest and charged", "has receive", "being treat as suspicious"), a past form after "will",
    "did not" or "want to" ("did not received", "want to reminded"), a past tense after
    "have" ("had went"), or a singular verb after a plural subject ("they was", "the men was",
    "the police is"). A verb that is also a noun is flagged only when the words around it show
    the verb ("arrest and charged", "treat as"). Not checked inside direct quotation. The
    fix (unsafe) writes the expected form.

    Flagged: A 34-year-old man was arrest and charged with theft.
    Flagged: We want to reminded residents to lock their doors.
    Fine:    All you need to do is report it online.
    """
    yield from _hits(doc, "NL701", opts)


@rule(
    code="NL702",
    name="participle-for-noun",
    severity="warning",
    fixable=True,
    summary="a past participle where a noun belongs",
)
def participle_for_noun(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """ "sustained minor damaged", "on suspicion of criminal damaged", "suffered damaged to
    the front", "no damaged was caused": the past form of a verb that is also a noun, where the
    noun belongs (after an adjective such as minor, serious or criminal, or straight after
    sustained, suffered or caused, with the phrase ending there; or after "no" or "the" before
    "was"). Not checked inside direct quotation. The fix (unsafe) writes the noun.

    Flagged: The door sustained minor damaged.
    Fine:    Several seriously damaged vehicles were removed.
    """
    yield from _hits(doc, "NL702", opts)


@rule(
    code="NL703",
    name="number-disagreement",
    severity="warning",
    fixable=True,
    summary="singular and plural mixed inside a noun phrase",
)
def number_disagreement(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """ "one of the vehicle", "these incident", "a officers", "others agencies": a determiner
    or quantity that needs a plural noun followed by a singular one, or the reverse. Collective
    nouns ("one of the team", "these staff"), nouns used as modifiers ("these incident logs")
    and invariable plurals ("a premises", "a series") are left alone. Not checked inside direct
    quotation. The fix (unsafe), where there is one, writes the agreeing form.

    Flagged: One of the vehicle was later found burnt out.
    Flagged: The force is working with others agencies.
    Fine:    One of the team was injured.
    """
    yield from _hits(doc, "NL703", opts)


@rule(
    code="NL704",
    name="mistyped-function-word",
    severity="warning",
    fixable=True,
    summary="a short word typed as another real word (their/there, could of, the/they)",
)
def mistyped_function_word(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """A function word that left another real word: "could of" (have), "their were" (there),
    "there car" (their), "The were last seen" (They), "enjoy you evening" (your), "officers our
    now working" (are), "short off the target" (of), "veered of the road" (off), "its been"
    (it's), "it's own" (its), "your not" (you're), "they where" (were), "more then" (than).
    These are slips of the pen, so they are flagged inside quotations too. The fix (unsafe)
    writes the intended word.

    Flagged: The crash could of been avoided.
    Flagged: Their were three men in the car.
    Fine:    The crash could of course have been avoided.
    """
    yield from _hits(doc, "NL704", opts)


# a number run into a word: "3and"; not units, ordinals, decades or times ("10km", "1st", "3pm")
# a digit first, the look-behind just after it: a pattern that starts with a character class
# lets the search pass over every other character at once (one that starts with a look-ahead
# or a look-behind runs it at every place)
_GLUED = re.compile(
    r"(\d(?<![\w£$€.,:/'’-].)\d*)([a-z]{2,}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
    r"|(?:Mon|Tues?|Wed|Thu|Fri|Sat|Sun)[a-z]*day)\b"
)


@lru_cache(maxsize=1)
def _units() -> frozenset[str]:
    return frozenset(row[0] for row in _rows("data/units.tsv"))


@rule(
    code="NL705",
    name="number-run-into-word",
    severity="warning",
    fixable=True,
    summary="a number with no space before the word that follows it",
)
def number_run_into_word(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """A number glued to the next word ("on March 3and", "at 10the station", "12May"), or a
    unit glued to it ("5pmon Sunday"). Units, ordinals, times and decades are left alone
    ("10km", "3pm", "1st", "1990s"; see `rules/data/units.tsv`), and so are words the lexicon
    does not know. The fix (unsafe) inserts the space.

    Flagged: The event runs on March 3and 4 in the town hall.
    Fine:    The 10km run starts at 3pm on the 1st.
    """
    units = _units()
    text = doc.prose_text
    for m in (m for b in digit_blocks(doc) for m in _GLUED.finditer(text, b.start, b.end)):
        word = m.group(2)
        split = m.end(1)
        if word in units:
            continue
        if word.islower() and not _a_word(word):
            unit = next((u for u in units if word.startswith(u) and _a_word(word[len(u) :])), "")
            if not unit:
                continue
            split += len(unit)  # "5pmon": a unit, then a word
            word = word[len(unit) :]
        number = doc.text[m.start() : split]
        yield Hit(
            m.start(),
            m.end(),
            f'"{m.group()}": put a space between "{number}" and "{word}"',
            Fix.unsafe_edit(Edit(split, split, " ")),
        )


def _a_word(word: str) -> bool:
    return len(word) > 1 and bool(entry(word).classes or word in _FUNCTION_WORDS)


# function words the lexicon (content words) lacks
_FUNCTION_WORDS = frozenset(
    [
        "and",
        "the",
        "of",
        "to",
        "at",
        "for",
        "on",
        "or",
        "but",
        "with",
        "from",
        "by",
        "an",
        "as",
        "so",
        "if",
        "nor",
        "per",
        "via",
        "than",
        "then",
    ]
)

RULES = (
    wrong_verb_form,
    participle_for_noun,
    number_disagreement,
    mistyped_function_word,
    number_run_into_word,
)

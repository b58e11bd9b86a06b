"""Spelling rules (NL5xx): British English, offline, with Hunspell and curated data.

The dictionary alone cannot enforce house spelling (the en_GB dictionary accepts "organized",
"license" and "program"), so the curated lists in `data/` do that, each entry with an example
the tests run. Code, URLs, e-mail addresses, handles, all-capitals words and words with digits
are never checked; capitalised words inside a sentence are treated as names (spec §4.3).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import lru_cache
from itertools import compress, count
from operator import eq
from pathlib import Path
from typing import Any

from newslint import Document, Edit, Fix, Hit, Option, rule
from newslint.rules._scan import lowers_safely, sentences_holding, trie_pattern
from newslint.rules._words import (
    MAX_WORD_LENGTH,
    Word,
    abbreviations,
    american,
    builtin_allowlist,
    confusables,
    dictionary_path,
    ize_forms,
    keep_case,
    misspellings,
    read_word_file,
    speller,
    variant_pairs,
    word_texts,
    words,
    words_written,
)
from newslint.rules._worduse import entry as lexicon_entry
from newslint.rules._worduse import lower_prose

_IZE_POLICY = Option(
    "ise",
    'either "ise" (GOV.UK: organise, not organize) or "either" (Oxford spelling)',
    choices=("ise", "either"),
)
_KNOWN_UK_NAMES = {
    "Neighborhood Watch": "Neighbourhood Watch",
    "Safer Neighborhood Team": "Safer Neighbourhood Team",
}
_KNOWN_UK_NAME_PATTERNS = {phrase: re.compile(re.escape(phrase)) for phrase in _KNOWN_UK_NAMES}
_REPEAT = re.compile(
    r"(?<![\w'’-])(?P<first>[^\W\d_]+(?:\s+[^\W\d_]+){0,2}?)(?P<gap>\s+)(?P=first)(?:\s+(?P=first))*(?![\w'’-])",
    re.IGNORECASE,
)
# doubles written on purpose ("very very", "hear hear", "far far away")
_INTENTIONAL_DOUBLES = frozenset(
    {
        "that",
        "had",
        "bye",
        "ha",
        "tut",
        "knock",
        "so",
        "no",
        "very",
        "really",
        "chop",
        "many",
        "long",
        "far",
        "hear",
        "woof",
        "slowly",
        "there",
        "now",
        "well",
        "come",
        "yes",
        "oh",
        "night",
        "bang",
        "choo",
        "hee",
        "ho",
        "la",
        "go",
        "never",
        "hip",
        "pretty",
        "beep",
        "boo",
        "same",
        "fifty",
        "quick",
        "round",
        "over",
        "again",
        "more",
        "little",
        "tick",
        "tock",
        "tap",
        "knock-knock",
    }
)
# "more and more and more", "day after day after day": a phrase ending in one of these repeats
# on purpose
_LINKING_WORDS = frozenset({"and", "or", "by", "after", "to", "upon", "on", "for"})


def _project_words(opts: Mapping[str, Any]) -> tuple[str, ...]:
    collected = list(builtin_allowlist()) + list(opts["words"])
    for path in opts["words-files"]:
        try:
            collected += read_word_file(Path(path).read_text("utf-8"))
        except OSError as exc:
            raise RuntimeError(f"words file {path} cannot be read: {exc.strerror}") from None
    return tuple(collected)


def _speller(opts: Mapping[str, Any]):
    folder, name = dictionary_path(opts["locale"], opts["dictionary"])
    return speller(folder, name, _project_words(opts), opts.get("use-cache", True))


@rule(
    code="NL501",
    name="misspelled-word",
    severity="warning",
    fixable=True,
    summary="a word the en-GB dictionary does not know",
    options={
        "locale": Option(
            "en-GB",
            '"en-GB" (the bundled LibreOffice dictionary) or "en-US"',
            choices=("en-GB", "en-US"),
        ),
        "dictionary": Option(
            "", "path to another Hunspell dictionary (xx_YY, without .dic/.aff)", is_path=True
        ),
        "words": Option([], "words to accept, also the top-level `words` key", config_key="words"),
        "words-files": Option(
            [],
            "files of words to accept, one per line; also the top-level key",
            config_key="words-files",
            is_path=True,
        ),
        "languagetool": Option(
            {},
            "the [languagetool] table: also ask a LanguageTool server",
            config_key="languagetool",
        ),
        "check-proper-nouns": Option(
            False, "check capitalised words inside sentences too (names are skipped by default)"
        ),
    },
)
def misspelled_word(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """A prose word that Hunspell's en-GB dictionary rejects and that no allowlist or project
    word list contains. Common misspellings get their one right answer from a curated list;
    others get up to three of Hunspell's suggestions: the words one edit away when the first
    is a common word, else also the words most alike (its n-gram search, ten times slower).
    Capitalised words inside a sentence are taken to be names and skipped, unless one edit turns them into a capitalised dictionary word
    ("Hertforshire"); a sentence's unknown first word is reported only when a dropped, added or
    swapped letter makes it a word ("Offcers"), and not when a capitalised word follows it (a
    name of several words). Also accepted: closed compounds of two nouns or verbs of three
    letters or more ("bodycams", "shopfronts"), ranks, titles and short forms in any case
    ("insp", "Pcso", "hrs"; `rules/data/abbreviations.tsv`) and hyphenated compounds on an
    acronym or name ("NHS-led", "Defra-funded"). The fix (unsafe) takes the first suggestion.

    Flagged: Anyone wishing to liase with the team should email us.
    Fine:    PC Donna Horwood attended the event in St Albans.
    """
    offline = list(_offline_misspellings(doc, opts))
    yield from offline
    if opts["languagetool"] and not opts.get("quick"):
        spell = _speller(opts)
        taken = {(h.start, h.end) for h in offline}
        initial = {w.start for w in doc.derive(words) if w.initial}
        for m in _languagetool(doc, opts["languagetool"]):
            word = doc.text[m.start : m.end]
            if (
                m.category != "TYPOS"
                or (m.start, m.end) in taken
                or spell.known(word)
                or _acronym(word)
            ):
                continue
            if word[:1].isupper() and m.start not in initial and not opts["check-proper-nouns"]:
                continue  # the same proper-noun policy as the dictionary's
            yield _languagetool_hit(doc, m)


# what the dictionary and the word lists say about a word, by its text alone
_FINE, _CURATED, _UNKNOWN = "fine", "curated", "unknown"
_VERDICTS_MAX = 100_000  # distinct words remembered per process, then forgotten at once


def _verdict(spell, text: str, opts: Mapping[str, Any]) -> str:
    """FINE (never reported), CURATED (a misspelling with one right answer) or UNKNOWN (to be
    judged in its context: a name, a sentence's first word, a typo)."""
    if len(text) < 2 or (text.isupper() and len(text) > 1):
        return _FINE
    lowered = text.lower().replace("’", "'")
    if text.replace("’", "'") in spell.extra:
        return _FINE  # the project's own word, even one the curated list calls a misspelling
    if lowered in misspellings():
        return _CURATED
    if lowered in american() or lowered in ize_forms() or spell.known(text) or _acronym(text):
        return _FINE  # NL503 owns American spellings
    if lowered.rstrip(".") in abbreviations() or _closed_compound(spell, lowered):
        return _FINE
    if "-" in text and _compound_on_a_name(spell, text, opts):
        return _FINE
    return _UNKNOWN


def _offline_misspellings(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    texts = doc.derive(word_texts)
    if not texts:
        return
    spell = _speller(opts)
    verdicts = spell.verdicts.setdefault(("NL501", opts["check-proper-nouns"]), {})
    if len(verdicts) > _VERDICTS_MAX:
        verdicts.clear()
    for text in texts:
        if text not in verdicts:
            verdicts[text] = _verdict(spell, text, opts)
    doubtful = [text for text in texts if verdicts[text] is not _FINE]
    if not doubtful:
        return  # every word is known: most articles
    # each doubtful word where it is written; a name is a capitalised word used inside a
    # sentence, and is one wherever else it appears
    tokens = words_written(doc, doubtful)
    names = {w.text for w in tokens if w.capitalised and not w.initial}
    counts = Counter(w.text for w in tokens)
    for w in tokens:
        verdict = verdicts[w.text]
        lowered = w.text.lower().replace("’", "'")
        if verdict is _CURATED:
            right = keep_case(w.text, misspellings()[lowered])
            yield _replace_word(w, f'"{w.text}" is misspelt: "{right}"', right, safe=False)
            continue
        suggestion: tuple[str, ...] = ()
        if w.capitalised and not opts["check-proper-nouns"]:
            if _followed_by_a_name(doc, w):
                continue  # "Oakmere Park", "Jenners Lane": a name of several words
            if not w.initial or w.text in names:
                typo = _proper_noun_typo(spell, w, counts)
                if typo is None:
                    continue
                suggestion = (typo,)
            elif (
                not spell.known(lowered)
                and _proper_noun_typo(spell, w, counts) is None
                and (
                    counts[w.text] > 1  # written the same way twice: a name
                    or _AGE_AFTER.match(doc.prose_text, w.end)  # "Brookes, 34, of Hitchin"
                    or not (len(lowered) >= 6 and spell.has_slip_of_word(lowered))
                )
            ):
                continue  # a name opening a sentence: only a slip of a word is reported
        if not suggestion and (not opts.get("quick") or spell.has_suggestions(w.text)):
            # Hunspell suggests per part of a hyphenated word, so a suggestion can be a non-word
            # ("ey-bhnrr" -> "ye-bhnrr"): only words the speller accepts are offered (and fixed to)
            suggestion = tuple(
                s for s in spell.suggest(w.text) if all(spell.known(part) for part in s.split())
            )
        if suggestion:
            shown = ", ".join(f'"{s}"' for s in suggestion)
            message = f'"{w.text}" is not in the {opts["locale"]} dictionary: {shown}?'
            yield Hit(w.start, w.end, message, Fix.unsafe_edit(Edit(w.start, w.end, suggestion[0])))
        else:
            yield Hit(w.start, w.end, f'"{w.text}" is not in the {opts["locale"]} dictionary')


def _replace_word(w: Word, message: str, right: str, *, safe: bool) -> Hit:
    """A hit on one word whose fix writes `right` in its place."""
    edit = Edit(w.start, w.end, right)
    return Hit(w.start, w.end, message, Fix.safe_edit(edit) if safe else Fix.unsafe_edit(edit))


def _closed_compound(spell, lowered: str) -> bool:
    """bodycams, keyfobs, shopfronts: two nouns or verbs of three letters or more that both the
    dictionary and the lexicon know (so "andthe" and "eachother" are still misspelt, and so is
    "folowing", which Hunspell alone would split into "fol" and "owing")."""
    stem = lowered[:-2] if lowered.endswith("'s") else lowered
    # a longer run of letters is no compound of two words, and its splits would fill the
    # lexicon's look-up cache with long strings (a 60,000-letter token took 470 MB)
    if not 6 <= len(stem) <= MAX_WORD_LENGTH or not stem.isalpha():
        return False
    for i in range(3, len(stem) - 2):
        head, tail = stem[:i], stem[i:]
        if (
            _NOUN_OR_VERB.search(lexicon_entry(head).classes)
            and _NOUN_OR_VERB.search(lexicon_entry(tail).classes)
            and spell.spell(head)
            and spell.spell(tail)
        ):
            return True
    return False


_NOUN_OR_VERB = re.compile("[bdngzNS]")


def _compound_on_a_name(spell, word: str, opts: Mapping[str, Any]) -> bool:
    """Defra-funded, NHS-led: the unknown parts are acronyms or names, the rest known words."""
    if opts["check-proper-nouns"]:
        return False
    parts = [part for part in word.replace("’", "'").split("-") if part]
    named = [p for p in parts if not spell.known(p)]
    return bool(named) and len(named) < len(parts) and all(p[:1].isupper() for p in named)


def _followed_by_a_name(doc: Document, w: Word) -> bool:
    rest = doc.prose_text[w.end : w.end + 40]
    return bool(_NEXT_NAME.match(rest))


_NEXT_NAME = re.compile(r"[ \t]+[A-Z][a-z]+")
_AGE_AFTER = re.compile(r",\s*(?:aged\s+)?\d{1,3}\b")


_PLURAL_ENDING = re.compile(r"(?:['’]s|s['’]?)$")


def _acronym(word: str) -> bool:
    """FLOs, PCSOs, BTP's: an all-capitals word with a plural or possessive ending."""
    stem = _PLURAL_ENDING.sub("", word)
    return len(stem) > 1 and stem.isupper()


# Measured on real articles, a one-edit match is a typo only for long names: short ones
# (Creedon -> Crendon, Kat -> Kai, Fabia -> Faria) are real names far more often.
_PROPER_NOUN_TYPO_MIN_LENGTH = 9


def _proper_noun_typo(spell, w: Word, counts: Counter) -> str | None:
    if len(w.text) < _PROPER_NOUN_TYPO_MIN_LENGTH or counts[w.text] > 1:
        return None  # short, or written the same way twice: a name, not a slip
    typo = spell.proper_noun_typo(w.text)
    if typo and w.text in (typo + "s", typo + "'s"):
        return None  # Stebbings beside Stebbing: a family name, not a slip
    return typo


@rule(
    code="NL502",
    name="confused-word",
    severity="warning",
    fixable=True,
    summary="a word confused with a similar one, judged by its context",
    options={
        "languagetool": Option(
            {},
            "the [languagetool] table: also ask a LanguageTool server",
            config_key="languagetool",
        )
    },
)
def confused_word(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """Pairs such as discreet/discrete, stationary/stationery, led/lead, breach/breech,
    lose/loose, affect/effect, licence/license and kerb/curb, each flagged only in a context
    that shows the wrong one was used (see `rules/data/confusables.yaml`). The fix (unsafe)
    writes the suggestion.

    Flagged: Door staff can discretely signal that they need help.
    Flagged: The lorry collided with a stationery car on the M25.
    Fine:    PCSOs complement the work of response officers.
    """
    text = doc.prose_text
    index = _confusable_index()
    found: list[Hit] = []
    for start, end in _sentences_with_triggers(doc):
        tokens = _context_tokens(text, start, end)
        for i, token in enumerate(tokens):
            for entry, form in index.get(token[0], ()):
                parts = form.split()
                if not all(
                    i + k < len(tokens) and tokens[i + k][0] == part for k, part in enumerate(parts)
                ):
                    continue
                if _applies(entry, tokens, i, len(parts), form):
                    first, last = tokens[i], tokens[i + len(parts) - 1]
                    written = text[first[1] : last[2]]
                    right = keep_case(written, entry["forms"][form])
                    fix = Fix.unsafe_edit(Edit(first[1], last[2], right))
                    found.append(Hit(first[1], last[2], entry["gloss"], fix))
    yield from found
    if opts["languagetool"] and not opts.get("quick"):
        taken = {(h.start, h.end) for h in found}
        for m in _languagetool(doc, opts["languagetool"]):
            if m.category != "TYPOS" and (m.start, m.end) not in taken:
                yield _languagetool_hit(doc, m)


def _languagetool(doc: Document, table: Mapping[str, Any]):
    from newslint.rules._languagetool import LtSettings

    return doc.derive(_languagetool_pass(LtSettings.from_config(table)))


@lru_cache(maxsize=2)
def _languagetool_pass(settings):
    """One function per server setting, so NL501 and NL502 share one request per file."""
    from newslint.rules._languagetool import matches

    return lambda doc: matches(doc, settings)


def _languagetool_hit(doc: Document, m) -> Hit:
    written = doc.text[m.start : m.end]
    shown = ", ".join(f'"{r}"' for r in m.replacements)
    message = (
        f'"{written}": {m.message.rstrip(".")}'
        + (f" ({shown}?)" if shown else "")
        + f" [LanguageTool {m.rule_id}]"
    )
    fix = Fix.unsafe_edit(Edit(m.start, m.end, m.replacements[0])) if m.replacements else None
    return Hit(m.start, m.end, message, fix)


def _sentences_with_triggers(doc: Document) -> list[tuple[int, int]]:
    """The sentences holding a word that starts a confusable form (most hold none)."""
    text = doc.prose_text
    if lowers_safely(text):
        found = sentences_holding(doc, _lower_trigger_pattern(), doc.derive(lower_prose))
        if found is not None:
            return found
    triggers = _trigger_pattern()
    return [(start, end) for start, end in doc.sentences if triggers.search(text, start, end)]


@lru_cache(maxsize=1)
def _lower_trigger_pattern() -> re.Pattern[str]:
    """`_trigger_pattern` for the lower-cased prose: faster than a case-insensitive search."""
    return re.compile(r"(?<![\w'’])" + trie_pattern(sorted(_confusable_index())) + r"(?![\w'’])")


@lru_cache(maxsize=1)
def _trigger_pattern() -> re.Pattern[str]:
    words = sorted(_confusable_index(), key=len, reverse=True)
    return re.compile(
        r"(?<![\w'’])(?:" + "|".join(map(re.escape, words)) + r")(?![\w'’])", re.IGNORECASE
    )


@lru_cache(maxsize=1)
def _confusable_index() -> dict[str, list[tuple[dict, str]]]:
    """First word of each flagged form -> (entry, form), so a sentence is read once."""
    index: dict[str, list[tuple[dict, str]]] = {}
    for entry in confusables():
        for form in entry["forms"]:
            index.setdefault(form.split()[0], []).append((entry, form))
    return index


_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*")


def _context_tokens(text: str, start: int, end: int) -> list[tuple[str, int, int, str]]:
    """(lower-cased word, start, end, the characters just before it) for a sentence."""
    out = []
    previous_end = start
    for m in _TOKEN.finditer(text, start, end):
        out.append(
            (
                m.group().lower().replace("’", "'"),
                m.start(),
                m.end(),
                text[previous_end : m.start()],
            )
        )
        previous_end = m.end()
    return out


def _phrase_before(tokens, index: int, phrase: str) -> bool:
    hyphen = phrase.endswith("-")
    parts = phrase.rstrip("-").split()
    if index < len(parts):
        return False
    for k, part in enumerate(reversed(parts)):
        token = tokens[index - 1 - k]
        if not (token[0] == part or (part == "#" and token[0][:1].isdigit())):
            return False
    return not hyphen or tokens[index][3] == "-"


def _phrase_after(tokens, index: int, phrase: str) -> bool:
    parts = phrase.split()
    if index + len(parts) > len(tokens):
        return False
    return all(
        tokens[index + k][0] == part or (part == "#" and tokens[index + k][0][:1].isdigit())
        for k, part in enumerate(parts)
    )


_CLAUSE_END = re.compile(r"[.,;:!?)]")


def _condition(cond: Mapping[str, Any], tokens, index: int, length: int) -> bool:
    after = index + length
    if "prev" in cond and not any(_phrase_before(tokens, index, p) for p in cond["prev"]):
        return False
    if "next" in cond and not any(_phrase_after(tokens, after, p) for p in cond["next"]):
        return False
    if "near_next" in cond:
        near = cond["near_next"]
        if not any(
            _phrase_after(tokens, j, p)
            for j in range(after, min(len(tokens), after + near["within"]))
            for p in near["words"]
        ):
            return False
    if "near" in cond:
        near = cond["near"]
        window = range(max(0, index - near["within"]), min(len(tokens), after + near["within"]))
        if not any(_phrase_after(tokens, j, p) for j in window for p in near["words"]):
            return False
    if cond.get("number_before") and not (index > 0 and tokens[index - 1][0][:1].isdigit()):
        return False
    if cond.get("possessive_before") and not (
        index > 0 and tokens[index - 1][0].endswith("'s") and tokens[index][3] == " "
    ):
        return False
    if cond.get("clause_end"):
        gap = tokens[after][3] if after < len(tokens) else "."
        if after < len(tokens) and not _CLAUSE_END.search(gap):
            return False
    return True


def _applies(entry: Mapping[str, Any], tokens, index: int, length: int, form: str) -> bool:
    if "unless" in entry and _condition(entry["unless"], tokens, index, length):
        return False
    if entry.get("always"):
        return True
    return any(_condition(cond, tokens, index, length) for cond in entry.get("when", []))


def _american_targets(opts: Mapping[str, Any]) -> dict[str, str]:
    return _targets(opts["ize-policy"])


@lru_cache(maxsize=2)
def _targets(ize_policy: str) -> dict[str, str]:
    targets = dict(american())
    if ize_policy == "ise":
        targets.update(ize_forms())
    return targets


@rule(
    code="NL503",
    name="american-spelling",
    severity="warning",
    fixable=True,
    summary="an American spelling in British copy",
    options={"ize-policy": _IZE_POLICY},
)
def american_spelling(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """American forms (color, neighborhood, defense, traveled, jewelry…) and, with
    `ize-policy = "ise"` (the default, GOV.UK practice), -ize verbs (organize, recognize…).
    Capitalised words inside a sentence are names ("Center Parcs", "World Health
    Organization") and are skipped, except "Neighborhood Watch". The fix is safe.

    Flagged: Residents met their new neighborhood sergeant.
    Flagged: The suspects were arrested for organized shoplifting.
    Fine:    The family stayed at Center Parcs.
    """
    targets = _american_targets(opts)
    text = doc.prose_text
    claimed = []
    for phrase, right in _KNOWN_UK_NAMES.items():
        if phrase not in text:
            continue
        for block in doc.blocks:
            for m in _KNOWN_UK_NAME_PATTERNS[phrase].finditer(text[block.start : block.end]):
                start, end = block.start + m.start(), block.start + m.end()
                claimed.append((start, end))
                yield Hit(
                    start,
                    end,
                    f'"{phrase}" is American spelling; use "{right}"',
                    Fix.safe_edit(Edit(start, end, right)),
                )
    written = {t for t in doc.derive(word_texts) if t.lower() in targets}
    if not written:
        return  # no American form at all: most articles
    for w in words_written(doc, written):
        lowered = w.text.lower()
        if (w.capitalised and not w.initial) or w.all_caps:
            continue
        if any(a <= w.start < b for a, b in claimed):
            continue
        right = keep_case(w.text, targets[lowered])
        yield _replace_word(w, f'"{w.text}" is American spelling; use "{right}"', right, safe=True)


@rule(
    code="NL504",
    name="inconsistent-spelling",
    severity="warning",
    fixable=True,
    summary="two acceptable spellings of one word mixed in one article",
    options={"ize-policy": _IZE_POLICY},
)
def inconsistent_spelling(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """judgement/judgment, focused/focussed, benefited/benefitted, dispatch/despatch (and, with
    `ize-policy = "either"`, every -ise/-ize pair) are each fine, but not both in one article.
    The minority form (or, on a tie, the later one) is flagged; the safe fix writes the other.

    Flagged: The judgement was quashed … the judgment was read.
    Fine:    The judgment was quashed … the judgment was read.
    """
    pairs = _variant_pairs(opts["ize-policy"])
    forms = _variant_forms(opts["ize-policy"])
    written = {t for t in doc.derive(word_texts) if t.lower() in forms}
    if not written:
        return  # no variant spelling at all: most articles
    by_form: dict[str, list[Word]] = {}
    for w in words_written(doc, written):
        if not w.all_caps:
            by_form.setdefault(w.text.lower(), []).append(w)
    for a, b in pairs:
        if a not in by_form or b not in by_form:
            continue
        uses = sorted(by_form[a] + by_form[b], key=lambda w: w.start)
        counts = Counter(w.text.lower() for w in uses)
        first = uses[0].text.lower()
        majority = max((a, b), key=lambda form: (counts[form], form == first))
        for w in uses:
            if w.text.lower() != majority:
                right = keep_case(w.text, majority)
                yield _replace_word(
                    w, f'"{w.text}" is spelt "{right}" elsewhere in this article', right, safe=True
                )


@lru_cache(maxsize=2)
def _variant_pairs(ize_policy: str) -> tuple[tuple[str, str], ...]:
    pairs = list(variant_pairs())
    if ize_policy == "either":
        pairs += [(ize, ise) for ize, ise in ize_forms().items()]
    return tuple(pairs)


@lru_cache(maxsize=2)
def _variant_forms(ize_policy: str) -> frozenset[str]:
    return frozenset(form for pair in _variant_pairs(ize_policy) for form in pair)


@rule(
    code="NL505",
    name="repeated-word",
    severity="warning",
    fixable=True,
    summary="a word or short phrase written twice in a row",
)
def repeated_word(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """ "a a shelter", "send a send a text", also across a line break. Doubles that are often
    meant ("that that", "had had", "bye bye", "hear hear", "far far away"), idioms that repeat
    a phrase ("more and more and more", "day after day after day") and names ("Walla Walla")
    are left alone. The safe fix deletes the repeat.

    Flagged: Call the the police.
    Fine:    He said that that was true.
    """
    for m in _repeats(doc):
        first = m.group("first")
        words = first.lower().split()
        if first.lower() in _INTENTIONAL_DOUBLES or words[-1] in _LINKING_WORDS:
            continue
        second = m.group()[m.end("gap") - m.start() :]
        if first[:1].isupper() and second[:1].isupper() and lexicon_entry(words[0]).classes != "F":
            continue  # "Walla Walla", "Baden Baden": a name
        repeat_start = m.start("gap")
        # a run of repeats is one finding whose fix deletes them all, so one pass fixes it
        times = len(m.group().split()) // len(first.split())
        yield Hit(
            m.start(),
            m.end(),
            f'"{first}" is written twice' if times == 2 else f'"{first}" is written {times} times',
            Fix.safe_edit(Edit(repeat_start, m.end(), "")),
        )


# In a block whose letters are all ASCII, the words of a repeat are whole runs of letters, and
# the k runs of its second half (k is one to three) equal (ignoring case) the k runs of its
# first; comparing the runs' lower-case texts finds the few places where `_REPEAT` can match,
# which is then tried only there (a search over every block costs ten times more).
_ASCII_RUN = re.compile(r"[a-z]+")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")  # what `_REPEAT` counts as a letter
# ASCII letters in lower case, every other byte a space
_RUNS_TABLE = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))


def _letter_runs(segment: str) -> list[bytes]:
    """`_ASCII_RUN.findall(segment.lower())`, as bytes, for a text with no letter beyond ASCII:
    a translation and a split at spaces, four times faster than finding each run. (Each other
    character becomes a space; only letters change in lower case, and no letter is left.)"""
    return segment.encode("ascii", "replace").translate(_RUNS_TABLE).split()


def _repeated_runs(runs: list[bytes], i: int) -> bool:
    """Are the k runs from the i-th equal to the k after them, for some k from 1 to 3?"""
    return any(runs[i : i + k] == runs[i + k : i + 2 * k] for k in (1, 2, 3))


def _repeats(doc: Document) -> Iterator[re.Match[str]]:
    """The matches of `_REPEAT` in the prose: the same as `doc.prose_matches(_REPEAT)`."""
    text = doc.prose_text
    for block in doc.blocks:
        segment = text[block.start : block.end]
        if not segment.isascii() and _NON_ASCII_LETTER.search(segment):
            yield from _REPEAT.finditer(text, block.start, block.end)
            continue
        runs = _letter_runs(segment)
        places = {i for k in (1, 2, 3) for i in compress(count(), map(eq, runs, runs[k:]))}
        if places:  # the first runs are equal: are the others? ("the man and the dog": no)
            places = {i for i in places if _repeated_runs(runs, i)}
        if not places:
            continue  # no run equals one of the three after it: most blocks
        # only letters lengthen in lower case, so offsets in `lowered` are offsets in `segment`
        lowered = segment.lower()
        starts = [m.start() for m in _ASCII_RUN.finditer(lowered)]
        searched_to = 0
        for i in sorted(places):
            start = block.start + starts[i]
            if start < searched_to:
                continue  # inside the repeat just found: a search would not start there
            m = _REPEAT.match(text, start, block.end)
            if m:
                yield m
                searched_to = m.end()


RULES = (misspelled_word, confused_word, american_spelling, inconsistent_spelling, repeated_word)

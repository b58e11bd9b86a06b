"""Words for the NL5xx rules: tokens of the prose, the Hunspell dictionary and the data files.

Everything expensive (the dictionary, the word lists) is loaded once per process, lazily, and
only by the rules that need it. The data files live beside this module under `data/` and
`words/`; each entry carries an example that the tests run.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Collection
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from newslint.memo import Memo

# a word starts after neither a letter, digit or _ nor an apostrophe inside a run of them (the
# "t" of "201don’t" is no word of its own), ends before neither, and is no address's scheme
# (the "httpr" of a broken "httpr://", which prose masking leaves when no address follows)
_WORD = re.compile(
    r"(?<![\w@#/.\\-])(?<!\w['’])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w@]|[.-][^\W\d_]|:/)"
)
_LEADING = re.compile(r"^[\W_]*$")
IZE_SUFFIXES = ("ize", "izes", "ized", "izing", "ization", "izations", "izer", "izers")


class Word(NamedTuple):
    start: int
    end: int
    text: str
    initial: bool  # the first word of its sentence, heading or list item

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def all_caps(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()


def words(doc) -> list[Word]:
    """Every word of the prose, in order. (Rules that report a few words find only theirs, with
    `words_written`.)"""
    text = doc.prose_text
    found: list[Word] = []
    append = found.append
    make = tuple.__new__  # a NamedTuple's own constructor is a Python call: 700 per article
    for start, end in doc.sentences:
        matches = _WORD.finditer(text, start, end)
        first = next(matches, None)
        if first is None:
            continue
        a, b = first.span()
        append(make(Word, (a, b, text[a:b], bool(_LEADING.match(text[start:a])))))
        for m in matches:
            a, b = m.span()
            append(make(Word, (a, b, text[a:b], False)))
    return found


def words_written(doc, texts: Collection[str]) -> list[Word]:
    """The words of `words(doc)` whose text is one of `texts`, in order, without finding the
    others: each text is found with `str.find`, and kept where `_WORD` matches just it in its
    sentence. An article's few words worth reporting were reached by finding all 700.

    A match at a place is the one the sentence's search finds there: no earlier match can
    reach over it, as the look-behinds refuse a place just after a letter, a hyphen, or an
    apostrophe after a letter. It is the sentence's first word (`initial`) when only
    non-word characters come before it in the sentence."""
    text = doc.prose_text
    sentences = doc.sentences
    starts = [start for start, _end in sentences]
    found: list[Word] = []
    for word in set(texts):
        if not word:
            continue
        place = text.find(word)
        while place >= 0:
            i = bisect_right(starts, place) - 1
            if i >= 0:
                start, end = sentences[i]
                m = _WORD.match(text, place, end)
                if m is not None and m.end() == place + len(word):
                    initial = bool(_LEADING.match(text[start:place]))
                    found.append(Word(place, m.end(), word, initial))
            place = text.find(word, place + 1)
    found.sort()
    return found


def word_texts(doc) -> frozenset[str]:
    """The distinct words of the prose as written: rules that judge a word by its text alone
    judge each one once, not each time it is used, and need `words` (positions) only when a
    word is worth reporting.

    One search of the whole prose finds the words that `words` finds sentence by sentence: no
    word spans two sentences, and where a sentence ends the look-ahead sees the same either way
    (after . ! or ? , or the blank after a block). Blocks that touch another are searched
    sentence by sentence.

    White space is in no word and is read by none of `_WORD`'s look-arounds, so each piece of
    the prose between spaces holds the same words on its own as in place: a piece of letters
    alone (most) is one word, and only the others are searched (a third of the time)."""
    text = doc.prose_text
    blocks = doc.blocks
    if not blocks:
        return frozenset()
    if any(_WORD_GOES_ON.match(text, block.end) for block in blocks):
        return frozenset(w for start, end in doc.sentences for w in _WORD.findall(text, start, end))
    found: set[str] = set()
    others: list[str] = []
    for piece in text[blocks[0].start : blocks[-1].end].split():
        if piece.isalpha():
            found.add(piece)
        else:
            others.append(piece)
    found.update(_WORD.findall(" ".join(others)))
    return frozenset(found)


_WORD_GOES_ON = re.compile(r"[\w@.:-]")  # what `_WORD`'s look-ahead reads after a word


def keep_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _data(name: str) -> str:
    return resources.files("newslint.rules").joinpath(name).read_text("utf-8")


def _rows(name: str) -> list[list[str]]:
    return [
        line.split("\t")
        for line in _data(name).splitlines()
        if line.strip() and not line.startswith("#")
    ]


@lru_cache(maxsize=1)
def misspellings() -> dict[str, str]:
    return {row[0].lower(): row[1] for row in _rows("data/misspellings.tsv")}


@lru_cache(maxsize=1)
def american() -> dict[str, str]:
    return {row[0].lower(): row[1] for row in _rows("data/american.tsv")}


@lru_cache(maxsize=1)
def ize_forms() -> dict[str, str]:
    """organize -> organise, organizations -> organisations, … for every stem in the data."""
    forms = {}
    for stem, *_ in _rows("data/ize-stems.tsv"):
        for suffix in IZE_SUFFIXES:
            forms[stem + suffix] = stem + suffix.replace("z", "s")
    return forms


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Ranks, titles and short forms accepted in any case (data/abbreviations.tsv)."""
    return frozenset(row[0] for row in _rows("data/abbreviations.tsv"))


@lru_cache(maxsize=1)
def variant_pairs() -> list[tuple[str, str]]:
    return [(row[0].lower(), row[1].lower()) for row in _rows("data/variants.tsv")]


@lru_cache(maxsize=1)
def confusables() -> list[dict]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(_data("data/confusables.yaml"), Loader=loader)


def read_word_file(text: str) -> list[str]:
    """One word or phrase per line; `#` starts a comment."""
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


@lru_cache(maxsize=1)
def builtin_allowlist() -> tuple[str, ...]:
    return tuple(read_word_file(_data("words/police-en-gb.txt")))


@lru_cache(maxsize=8)
def dictionary_path(locale: str, dictionary: str) -> tuple[str, str]:
    """(folder, name) of the Hunspell files to load. Remembered: the spelling rules ask for
    every file, and importlib's `resources.files` takes about 10 µs each time."""
    if dictionary:
        path = Path(dictionary)
        return str(path.parent), path.name.removesuffix(".dic").removesuffix(".aff")
    if locale == "en-US":
        import hunspell

        return str(Path(hunspell.__file__).parent / "dictionaries"), "en_US"
    return str(resources.files("newslint.rules").joinpath("data/hunspell")), "en_GB"


class Speller:
    """A Hunspell dictionary plus the allowlist and the project's words.

    Dictionary answers are memoised on disk (see `_Memo`), so a run whose words were all seen
    before never loads the dictionary: loading en_GB takes over 100 ms, most of a one-file
    pre-commit run.
    """

    def __init__(
        self, folder: str, name: str, extra_words: tuple[str, ...], use_cache: str | bool = True
    ) -> None:
        self.folder, self.name = folder, name
        files = [Path(folder) / f"{name}.dic", Path(folder) / f"{name}.aff"]
        if not all(f.is_file() for f in files):
            raise FileNotFoundError(f"Hunspell dictionary {Path(folder) / name}.dic/.aff not found")
        self.extra = {word for entry in extra_words for word in re.split(r"\s+", entry) if word}
        self.memo = Memo(
            _memo_name(files), ("k", _SUGGESTIONS, "t", "c", "n"), use_cache, shared=(_SUGGESTIONS,)
        )
        self._hunspell = None
        self._ngrams_off = False
        self._with_ngrams = None
        # the spelling rules' verdicts on a word by its text alone, kept for the process
        # (bounded by the rules): most words of an article were judged in an earlier one
        self.verdicts: dict[object, dict[str, object]] = {}

    @property
    def hunspell(self):
        """The dictionary, with Hunspell's n-gram suggestions switched off (see `_suggestions`):
        its verdicts are the same (checked on 140,000 words and forms), and its suggestions
        are the first stage of the full search. The plain dictionary when that cannot be
        built."""
        if self._hunspell is None:
            edits = _without_ngrams(self.folder, self.name)
            self._ngrams_off = edits is not None
            self._hunspell = edits if edits is not None else self.with_ngrams
        return self._hunspell

    @property
    def with_ngrams(self):
        """The dictionary as it is, for Hunspell's full suggestions; loaded only when needed."""
        if self._with_ngrams is None:
            import hunspell

            self._with_ngrams = hunspell.Hunspell(self.name, hunspell_data_dir=self.folder)
        return self._with_ngrams

    def spell(self, word: str) -> bool:
        """Hunspell's own verdict, memoised."""
        return self.memo.get("k", word, lambda: bool(self.hunspell.spell(word)))

    def known(self, word: str) -> bool:
        word = word.replace("’", "'")
        if word in self.extra or self.spell(word):
            return True
        if "-" in word:
            return all(self.known(part) for part in word.split("-") if part)
        if word.endswith(("'s", "s'")):
            return self.known(word[:-2] if word.endswith("'s") else word[:-1])
        return False

    def suggest(self, word: str) -> tuple[str, ...]:
        word = word.replace("’", "'")
        return tuple(self.memo.get(_SUGGESTIONS, word, lambda: self._suggestions(word)))

    def _suggestions(self, word: str) -> list[str]:
        """Up to three of Hunspell's suggestions.

        Hunspell suggests in two stages: words one edit away (its replacement table, swapped,
        missing, extra or wrong letters, split words), then words that share the most letter
        sequences (n-grams), found by comparing the word with every dictionary word: 90–200 ms
        a word, ten times the first stage. The second stage only adds to the end of the list,
        so when the first stage's best answer is a common word (one the word-use lexicon
        knows), that is what the writer meant and its list is used; otherwise ("vehical":
        "vesical", a rare word) both stages are, and the n-grams add "vehicle"."""
        found = list(self.hunspell.suggest(word))[:3]
        if self._ngrams_off and not (found and _common(found[0])):
            found = list(self.with_ngrams.suggest(word))[:3]
        return found

    def has_suggestions(self, word: str) -> bool:
        """Are `suggest`'s answers for `word` already known (so cheap)?"""
        return self.memo.has(_SUGGESTIONS, word.replace("’", "'"))

    def proper_noun_typo(self, word: str) -> str | None:
        """A capitalised dictionary word one edit away ("Hertforshire" -> "Hertfordshire")."""

        def find() -> str:
            for candidate in _edits(word):
                if (
                    candidate[:1].isupper()
                    and self.hunspell.spell(candidate)
                    and not self.hunspell.spell(candidate.lower())
                ):
                    return candidate
            return ""

        return self.memo.get("t", word, find) or None

    def has_close_word(self, word: str) -> bool:
        """Is some dictionary word one edit away?"""
        return self.memo.get("c", word, lambda: any(self.hunspell.spell(c) for c in _edits(word)))

    def has_slip_of_word(self, word: str) -> bool:
        """Is a lower-case dictionary word one dropped, added or swapped letter away? (A
        changed letter is how names differ from words: Stebbings, stabbings.)"""
        return self.memo.get(
            "n",
            word,
            lambda: any(
                c.islower() and self.hunspell.spell(c) for c in _edits(word, substitutions=False)
            ),
        )


# the memo table of suggestions, named for how they are made (a table of another name holds
# answers of an earlier way, which are not used)
_SUGGESTIONS = "suggestions-edits-first"


def _common(word: str) -> bool:
    from newslint.rules._worduse import entry  # (_worduse reads its data through this module)

    return bool(entry(word.lower()).classes)


def _without_ngrams(folder: str, name: str):
    """A Hunspell instance on the dictionary `folder/name` whose affix file says MAXNGRAMSUGS 0
    and MAXCPDSUGS 0, or None when the dictionary has no such affix file.

    MAXCPDSUGS 0 drops the first stage's second pass, which tries every edit again as a
    compound word: en_GB's only compounds are ordinals ("21st"), which no word the spelling
    rules check can be (they hold no digits), and the pass was four fifths of the stage's time
    (13 ms a typo went to 2 ms; the suggestions were the same for 4,800 typos).

    Hunspell reads an affix file and a word list of one name from one folder, so the bundled
    dictionary ships `ngrams-off/`: its affix file with those lines added, beside an empty word
    list; the real word list is added to the instance (Hunspell's `add_dic`, read with the
    affix file's settings). Nothing is written at run time (`newslint serve` writes no file);
    another dictionary (the `dictionary` option, en-US) is used as it is."""
    import hunspell

    edits = Path(folder) / _NGRAMS_OFF
    if not (edits / f"{name}.aff").is_file() or not (edits / f"{name}.dic").is_file():
        return None
    try:
        instance = hunspell.Hunspell(name, hunspell_data_dir=str(edits))
        if instance.add_dic(str(Path(folder) / f"{name}.dic")) != 0:
            return None
    except (OSError, hunspell.HunspellFilePathError):
        return None
    return instance


_NGRAMS_OFF = "ngrams-off"


def _memo_name(files: list[Path]) -> str:
    identity = "|".join(f"{f.resolve()}:{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in files)
    return f"hunspell-{files[0].stem}-{hashlib.sha1(identity.encode()).hexdigest()[:16]}"


# no dictionary word is this long; the edits of a longer token (a run of letters in pasted data)
# would take memory and time that grow with the square of its length
MAX_WORD_LENGTH = 40


def _edits(word: str, substitutions: bool = True):
    if len(word) > MAX_WORD_LENGTH:
        return
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    seen = set()
    for a, b in splits:
        candidates = []
        if b:
            candidates.append(a + b[1:])
        if len(b) > 1:
            candidates.append(a + b[1] + b[0] + b[2:])
        for c in letters:
            if b and substitutions:
                candidates.append(a + c + b[1:])
            candidates.append(a + c + b)
        for candidate in candidates:
            if candidate and candidate != word and candidate not in seen:
                seen.add(candidate)
                yield candidate


@lru_cache(maxsize=4)
def speller(
    folder: str, name: str, extra_words: tuple[str, ...], use_cache: str | bool = True
) -> Speller:
    return Speller(folder, name, extra_words, use_cache)

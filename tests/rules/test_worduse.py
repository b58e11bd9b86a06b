"""NL701–NL705: real words in the wrong form or place. Every pattern's examples run here."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from newslint.document import Document
from newslint.rules._words import _rows
from newslint.rules._worduse import _first_look, _index, entry, patterns, quoted_spans

from tests.helpers import article, fixed, lint_body, messages

CODES = ("NL701", "NL702", "NL703", "NL704", "NL705")

# (body, the flagged text, code); columns are computed from the text
BAD = [
    ("He was arrest and charged with robbery.", "arrest", "NL701"),
    ("The incident is being treat as suspicious.", "treat", "NL701"),
    ("We want to reminded residents to be vigilant.", "reminded", "NL701"),
    ("The victim has suffer serious injuries.", "suffer", "NL701"),
    ("Officers were call to the scene at 3pm.", "call", "NL701"),
    ("The suspect was later release on bail.", "release", "NL701"),
    ("A woman has been arrest on suspicion of theft.", "arrest", "NL701"),
    ("She has went missing.", "went", "NL701"),
    ("Officers will attended the event.", "attended", "NL701"),
    ("The victim did not received any injuries.", "received", "NL701"),
    ("The door sustained minor damaged.", "damaged", "NL702"),
    ("The vehicle suffered extensive damaged to the front.", "damaged", "NL702"),
    ("One of the vehicle was found abandoned.", "vehicle", "NL703"),
    ("One of the suspect was a 17-year-old boy.", "suspect", "NL703"),
    ("Officers from others agencies attended.", "others", "NL703"),
    ("These incident are being investigated.", "These incident", "NL703"),
    ("A officers attended the address.", "A officers", "NL703"),
    ("The were last seen in the High Street.", "The", "NL704"),
    ("Enjoy you evening and stay safe.", "you", "NL704"),
    ("The ball fell a little short off the target.", "off", "NL704"),
    ("Officers our now working with partners.", "our", "NL704"),
    ("They left there car unlocked.", "there", "NL704"),
    ("Their were no injuries.", "Their", "NL704"),
    ("It could of been much worse.", "of", "NL704"),
    ("Its been a difficult year for the team.", "Its", "NL704"),
    ("The charity runs it's own helpline.", "it's", "NL704"),
    ("The car was travelling faster then the limit.", "then", "NL704"),
    ("The event was on March 3and 4.", "3and", "NL705"),
    ("Parking costs £2 for 10minutes.", "10minutes", "NL705"),
]


@pytest.mark.parametrize(("body", "words", "code"), BAD)
def test_bad(body: str, words: str, code: str) -> None:
    assert lint_body(body, CODES) == [f"1:{body.index(words) + 1} {code}"]


OK = [  # at least as many as BAD: the traps
    "He was arrested and charged with robbery.",
    "There was damage and disruption across the town.",
    "All you need to do is report it online.",
    "The first thing to do is call 999.",
    "His first job was work as a cleaner.",
    "He was captain of the team and is author of a book.",
    "There has been damage to several cars.",
    "The suspects had got into the car.",
    "The family had stayed on after the party.",
    "Officers responded to reported sightings.",
    "Access to trained staff is available.",
    "Those who did received a letter.",
    "In May reported crime fell.",
    "Several seriously damaged vehicles were removed.",
    "Minor changes were made.",
    "One of the team was injured.",
    "One of the car doors was open.",
    "No one of his age had done it.",
    "These staff were praised.",
    "These incident logs were reviewed.",
    "Officers thanked those responsible for the event.",
    "The pub is a licensed premises.",
    "It was a series of thefts.",
    "Funds came from a sales tax and a residents' association.",
    "The force is working with others, agencies and charities included.",
    "They lived there years ago.",
    "Is there evidence of damage?",
    "Officers stayed there overnight.",
    "We will write to you today.",
    "The rest of you wait here.",
    "Officers sealed the road off.",
    "The council said its officers would attend.",
    "The crash could of course have been avoided.",
    "The might of the army was on show.",
    "It added to our already substantial budget.",
    "Perhaps things were even worse then.",
    "Call 999 rather than 101.",
    "The 10km run starts at 3pm on the 1st.",
    "A 6in blade and 2kg of cannabis were seized in the 1990s, at 12noon.",
    "Vehicles such as the A414 and M25 and 4x4s were stopped.",
]


@pytest.mark.parametrize("body", OK)
def test_ok(body: str) -> None:
    assert lint_body(body, CODES) == []


def test_tables_hold_more_traps_than_slips() -> None:
    assert len(OK) >= len(BAD)


MESSAGES = [
    (
        "He was arrest and charged with robbery.",
        '"was arrest": after "was", use the past participle "arrested"',
    ),
    (
        "We want to reminded residents.",
        '"to reminded": after "to", use the plain form "remind"',
    ),
    ("The door sustained minor damaged.", '"minor damaged": a noun belongs here: "minor damage"'),
    (
        "One of the vehicle was found.",
        '"One of the vehicle": after "One of the", use the plural "vehicles"',
    ),
    ("A officers attended.", '"A officers": "A" before the plural "officers"'),
    ("It could of been worse.", '"could of": write "could have"'),
    ("They left there car.", '"there car": the possessive is "their car"'),
    ("On March 3and 4.", '"3and": put a space between "3" and "and"'),
    ("It ends at 5pmon Sunday.", '"5pmon": put a space between "5pm" and "on"'),
    ("It runs until 30June.", '"30June": put a space between "30" and "June"'),
]


@pytest.mark.parametrize(("body", "message"), MESSAGES)
def test_messages(body: str, message: str) -> None:
    assert messages(body, CODES) == [message]


FIX = [  # unsafe fixes: the suggestion can be wrong when the slip was elsewhere in the sentence
    ("He was arrest and charged.", "He was arrested and charged."),
    ("One of the vehicle was found.", "One of the vehicles was found."),
    ("These incident are linked.", "These incidents are linked."),
    ("Officers from others agencies attended.", "Officers from other agencies attended."),
    ("It could of been worse.", "It could have been worse."),
    ("Their were no injuries.", "There were no injuries."),
    ("On March 3and 4.", "On March 3 and 4."),
    ("It ends at 5pmon Sunday.", "It ends at 5pm on Sunday."),
    ("She has went missing.", "She has gone missing."),
]


@pytest.mark.parametrize(("body", "expected"), FIX)
def test_unsafe_fixes(body: str, expected: str) -> None:
    assert fixed(body, CODES) == body  # nothing without --unsafe-fixes
    assert fixed(body, CODES, unsafe=True) == expected


# every pattern's examples: each bad one flagged once by its rule, no good one flagged


@pytest.mark.parametrize("pattern", patterns(), ids=lambda p: p.id)
def test_pattern_examples(pattern) -> None:
    assert pattern.bad and pattern.good
    for body in pattern.bad:
        assert len(lint_body(body, pattern.code)) == 1, body
    for body in pattern.good:
        assert lint_body(body, pattern.code) == [], body


# direct quotation: a speaker's own grammar stands; a homophone slip is still the writer's

QUOTED = [
    "“He were arrest by the lads,” she said.",
    '"One of the lad was there," he said.',
    "‘Them boys was treat as heroes,’ said Mr Jones.",
    "He said: “We was always being treat as suspects.\n\n“Nobody was ever arrest by them.”",
]


@pytest.mark.parametrize("body", QUOTED)
def test_grammar_inside_quotation_is_the_speakers(body: str) -> None:
    assert lint_body(body, CODES) == []


def test_grammar_outside_the_quotation_is_still_checked() -> None:
    body = "“We did our best,” she said. The man was arrest by officers."
    assert lint_body(body, CODES) == [f"1:{body.index('arrest') + 1} NL701"]


def test_homophone_slips_are_flagged_inside_quotation_too() -> None:
    body = "“Their were three of them,” she said."
    assert lint_body(body, CODES) == [f"1:{body.index('Their') + 1} NL704"]


def test_quoted_spans() -> None:
    text = article("He said “yes” and 'no' and \"maybe\"; it's the officers' car.\n\n“Open\n")
    doc = Document("a.md", text)
    quoted = [text[a:b] for a, b in quoted_spans(doc)]
    assert quoted == ["“yes”", "'no'", '"maybe"', "“Open"]


def test_lexicon() -> None:
    assert entry("arrest").participle == "arrested" and "N" in entry("arrest").classes
    assert entry("went").base == "go" and entry("went").classes == "d"
    assert entry("vehicle").plural == "vehicles"
    assert entry("got").classes == "dn"  # British "have got"
    assert entry("the").classes == "F"
    assert entry("zzyzzx").classes == ""


def test_languagetool_adds_to_word_use_and_replaces_none_of_it() -> None:
    from tests.rules.test_languagetool import FakeLanguageTool, options

    body = "The car could of been stolen from teh drive."
    with FakeLanguageTool() as lt:
        found = lint_body(body, ("NL501", "NL502", *CODES), options=options(lt.url))
        assert lt.checks  # the server was asked
    assert found == [f"1:{body.index('of') + 1} NL704", f"1:{body.index('teh') + 1} NL501"]


UNIT_ROWS = [row[0] for row in _rows("data/units.tsv")]


@pytest.mark.parametrize("unit", UNIT_ROWS)
def test_units_data(unit: str) -> None:
    assert lint_body(f"It measured 12{unit} in all.", "NL705") == []


def test_parsed_patterns_cache_is_keyed_by_content_and_never_trusted_when_damaged(
    tmp_path, monkeypatch
) -> None:
    import hashlib

    from newslint.rules._words import _data
    from newslint.rules._worduse import _parse_yaml, _pattern_rows

    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    text = _data("data/worduse.yaml")
    name = f"worduse-{hashlib.sha1(text.encode()).hexdigest()[:16]}.json"
    (tmp_path / name).write_text('{"rows": {"all": [{"id": "stale"}]', "utf-8")  # cut short
    assert _pattern_rows(True) == _parse_yaml(text) == _pattern_rows(False)


def test_a_misspelt_key_in_the_pattern_data_is_an_error() -> None:
    from newslint.rules._worduse import _test

    with pytest.raises(ValueError, match="not-befor"):
        _test({"words": ["was"], "not-befor": {"words": ["there"]}})


def test_an_unquoted_yaml_boolean_in_a_word_list_is_an_error() -> None:
    from newslint.rules._worduse import _test

    with pytest.raises(ValueError, match="not text"):
        _test({"words": ["the", False]})  # what YAML makes of an unquoted "no"


def _vocabulary() -> list[str]:
    """Every word a pattern's tests name, with common words of each class the tests read."""
    words = {"police", "officers", "went", "gone", "go", "going", "been", "the", "a", "smith"}
    words |= {"damaged", "damage", "arrested", "arrest", "children", "child", "is", "were"}
    for pattern in _index(True).values():
        for p in pattern:
            for test in (*p.tokens, *filter(None, [p.before, p.after, p.after_or_end])):
                words |= set(test.words or ()) | set(test.not_words)
    return sorted(words)


_VOCABULARY = _vocabulary()


def _written(data) -> str:
    word = data.draw(st.sampled_from(_VOCABULARY))
    return data.draw(st.sampled_from([word, word.capitalize(), word.upper()]))


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.data())
def test_the_two_word_look_keeps_every_word_the_full_look_keeps(data) -> None:
    # `_FirstLook` passes over a first word when the look that reads only the word after it,
    # in lower case, says no; that is sound only if that look says yes wherever the full one
    # does, whatever the word before and however the words are written
    index = _index(True)
    first = data.draw(st.sampled_from(sorted(index)))
    pattern = data.draw(st.sampled_from(index[first]))
    before_text = _written(data) if data.draw(st.booleans()) else ""
    after_text = _written(data) if data.draw(st.booleans()) else ""
    text = f"{before_text} {after_text}"
    before = (before_text.lower(), 0, len(before_text), True) if before_text else None
    shift = len(before_text) + 1
    after = (after_text.lower(), shift, len(text), True) if after_text else None
    full = _first_look(pattern, before, after, text)
    assert _first_look(pattern, None, after, text, hoping=True) or not full

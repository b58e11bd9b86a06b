"""The direction a sentence points in time, the evidence for a year-less date's year."""

from __future__ import annotations

import pytest
from newslint.rules._tense import direction, irregular_past

DIRECTIONS = [
    # the past: finite past verbs, regular and irregular past tenses, past time words
    ("Officers were called to the scene.", "past"),
    ("The man fled on foot.", "past"),
    ("Thieves broke a window.", "past"),
    ("Someone stole the van.", "past"),
    ("Officers arrested two men.", "past"),
    ("He had left the car unlocked.", "past"),
    ("The crash happened last night.", "past"),
    ("It began two days ago.", "past"),
    # the future: will, until, from a date, conditional would, announced dates
    ("The road will reopen soon.", "future"),
    ("Collections are suspended until Monday.", "future"),
    ("Bins that would be collected on Monday go out on Tuesday.", "future"),
    ("The new timetable applies from 6 January.", "future"),
    ("We're holding a drop-in next week.", "future"),
    ("The fair is due to open in June.", "future"),
    # neither, or both: participles after present auxiliaries and determiners are not past
    ("Strike action has been announced.", "neutral"),
    ("The revised timetable is online.", "neutral"),
    ("We have had to cancel collections.", "neutral"),
    ("Bins are collected on Mondays.", "neutral"),
    ("A man from Ware is helping police.", "neutral"),
    ("He was charged and will appear in court.", "neutral"),
    ("Our dedicated team is here to help.", "neutral"),
    ("Usual collection day", "neutral"),
    ("Police would like to speak to anyone in the area.", "neutral"),
    ("Please call 101 with any information.", "neutral"),
    ("Bins would normally go out on Monday.", "future"),
]


@pytest.mark.parametrize(("sentence", "expected"), DIRECTIONS)
def test_direction(sentence: str, expected: str) -> None:
    assert direction(sentence) == expected


def test_irregular_past_data() -> None:
    forms = irregular_past()
    assert len(forms) > 200
    # the examples, past-only forms and forms shared with the participle
    assert forms["broke"] is False and forms["stole"] is False and forms["fled"] is True
    # other words spelt like a past tense are left out
    for homograph in ("left", "saw", "rose", "fell", "ground", "lit", "read", "put"):
        assert homograph not in forms


@pytest.mark.parametrize(("form", "participle"), sorted(irregular_past().items()))
def test_every_irregular_form_is_past_evidence(form: str, participle: bool) -> None:
    assert direction(f"Someone {form} it.") == "past"
    if participle:  # a participle after a present or future auxiliary is not the past
        assert direction(f"It is {form} every day.") == "neutral"

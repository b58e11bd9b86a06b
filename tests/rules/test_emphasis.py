"""NL601 broken-emphasis (spec §5a): checked against what CommonMark renders."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import fixed, lint_body, messages

CODE = "NL601"

OK = [
    "Report it immediately via **999.** The support is there.",
    "Call **101** or **999**.",
    "**Reporting hate crime**",
    "It is *very* important.",
    "Use __bold__ here.",
    "2 * 3 * 4 = 24",
    "A footnote marker* and another*",
    "Code `**999. **` is not prose.",
    "snake_case_name and file_name_here stay as they are.",
    "**Note:** call 101.",
    "Call **101**, or 999.",
    "A list:\n\n* one\n* two",
    "Price **£5**.",
]

BAD = [
    ("Report it immediately via **999. ** The support.", ["1:27 NL601"]),
    ("**Reporting hate crime **", ["1:1 NL601"]),
    ("Ring ** 101** now.", ["1:6 NL601"]),
    ("Call **101**or go online.", ["1:6 NL601"]),
    ("Call **999.**or go online.", ["1:6 NL601"]),
    ("It is *very *important.", ["1:7 NL601"]),
    ("First line\nthen **bold **\nmore.", ["2:6 NL601"]),
    ("* list item with **101 **here", ["1:18 NL601"]),
]

MESSAGES = [
    (
        "Report it immediately via **999. ** The support.",
        'bold "999." will not render: remove the space before the closing **',
    ),
    ("Ring ** 101** now.", 'bold "101" will not render: remove the space after the opening **'),
    ("Call **101**or go online.", 'bold "101" runs into "or": add a space after the closing **'),
    (
        "Call **999.**or go online.",
        'bold "999." will not render before "or": add a space after the closing **',
    ),
]

FIX = [
    (
        "Report it immediately via **999. ** The support.",
        "Report it immediately via **999.** The support.",
    ),
    ("**Reporting hate crime **\n\nText.", "**Reporting hate crime**\n\nText."),
    ("Always ring **999 **now.", "Always ring **999** now."),
    ("Ring ** 101** now.", "Ring **101** now."),
    ("Call **101**or go online.", "Call **101** or go online."),
    ("It is *very *important.", "It is *very* important."),
]


@pytest.mark.parametrize("body", OK)
def test_ok(body: str) -> None:
    assert lint_body(body, CODE) == []


@pytest.mark.parametrize(("body", "expected"), BAD)
def test_bad(body: str, expected: list[str]) -> None:
    assert lint_body(body, CODE) == expected


@pytest.mark.parametrize(("body", "message"), MESSAGES)
def test_messages(body: str, message: str) -> None:
    assert messages(body, CODE) == [message]


@pytest.mark.parametrize(("body", "expected"), FIX)
def test_fix(body: str, expected: str) -> None:
    assert fixed(body, CODE) == expected
    assert lint_body(expected, CODE) == []


def test_emphasis_consistency_option() -> None:
    body = "Call **101** now. Later, call 101 again. Call **101** once more."
    assert lint_body(body, CODE) == []
    found = messages(body, CODE, options={"broken-emphasis": {"emphasis-consistency": True}})
    assert found == ['"101" is plain here but bold where it first appears']


def test_seed_defects() -> None:
    seed0 = Path("seeds/000_4e8bf0b53589c3cc.txt").read_text(encoding="utf-8")
    seed4 = Path("seeds/004_40c630a07e428d1c.txt").read_text(encoding="utf-8")
    body0, body4 = seed0.split("```\n", 2)[-1], seed4.split("```\n", 2)[-1]
    assert messages(body0, CODE) == [
        'bold "Reporting hate crime" will not render: remove the space before the closing **',
        'bold "999." will not render: remove the space before the closing **',
    ]
    assert messages(body4, CODE) == ['bold "101" runs into "or": add a space after the closing **']

"""NL201–NL207: calls to action without destinations, and broken link syntax (spec §2)."""

from __future__ import annotations

import pytest

from tests.helpers import fixed, lint_body, messages

CODES = ("NL201", "NL202", "NL203", "NL204", "NL205", "NL206", "NL207")

OK = [
    "If you are in immediate danger you should always call 999.",
    "Officers will visit the estate tomorrow.",
    "Our PCSOs will visit the estate on Thursday.",
    "You can visit a police station.",
    "Visit the front counter at Stevenage police station.",
    "A follow-up visit was made on Monday.",
    "The minister's visit was short.",
    "For her visit, officers closed the road.",
    "To make the home visit easier, call ahead.",
    "Officers plan to visit.",
    "If officers are due to visit.",
    "Victims can report online at www.herts.police.uk/Report or 999.",
    "For more information go to www.hertfordshire.gov.uk/hertsagainsthate.",
    "For more help, visit:\n\n* [Support service](https://www.example.org.uk)",
    "For more details visit [our website](https://www.example.org.uk/details).",
    "[Visit our website](https://www.example.org.uk) for details.",
    "Visit our website or call 101.",
    "Visit our website at www.example.org.uk for details.",
    "Email us via our website: press@example.org.uk.",
    "The suspect will go to court.",
    "He will go to prison.",
    "Go to court and give evidence.",
    "Apply online at www.example.gov.uk/permits.",
    "Opening times are on www.example.police.uk",
    "Read [the report](https://www.example.org.uk/report).",
    "Read [the report](/news/report) and [the summary](#summary).",
    "Email [the team](mailto:team@example.org.uk) or [call](tel:+441234567890).",
    "[https://www.example.org.uk](https://www.example.org.uk)",
    "See <https://www.example.org.uk/page>.",
    "The date is TBC.",
    "The band XXL played.",
    "Visit the [link below](https://www.example.org.uk).",
    "For details, click the link below.\n\n[Details](https://www.example.org.uk/details)",
    "`visit.` in code is fine.",
    "Ask for Angela at www.askforangela.co.uk.",
    "Our website is www.example.org.uk.",
]

BAD = [
    (
        "For more information about hate crime, including how to report it and where to get support visit.",
        ["1:92 NL201"],
    ),
    ("To book a crime-prevention survey, please visit.", ["1:43 NL201"]),
    ("To download the form, go to:\n\nThe next paragraph is prose.", ["1:23 NL201"]),
    ("For more details, visit **.**", ["1:19 NL201"]),
    ("Please visit!", ["1:8 NL201"]),
    ("Visit.", ["1:1 NL201"]),
    ("For support you can head to", ["1:21 NL201"]),
    ("For the full timetable, visit this link.", ["1:25 NL202"]),
    ("Click here to report it.", ["1:1 NL202"]),
    ("For more information visit our website.", ["1:22 NL202"]),
    ("Go to the link below.\n\nNo link in this paragraph.", ["1:1 NL202"]),
    ("Read the report [online]().", ["1:17 NL203"]),
    ("Read the report [online](#).", ["1:17 NL203"]),
    ("Read the report [online](<>).", ["1:17 NL203"]),
    ("Read the report [online](https://).", ["1:17 NL203"]),
    ("See ![map]().", ["1:5 NL203"]),
    ("Register on [the portal](www.example.org.uk/register).", ["1:26 NL204"]),
    ("Register on [the portal](example.org.uk/register).", ["1:26 NL204"]),
    ("Register at <www.example.org.uk>.", ["1:13 NL204"]),
    ("For safety advice, visit www.exampleforce", ["1:26 NL205"]),
    ("See www.example.police for more.", ["1:5 NL205"]),
    ("See https:// for more.", ["1:5 NL205"]),
    ("See http://www. for more.", ["1:5 NL205"]),
    ("Read https://example.org/some-long-path- now.", ["1:6 NL205"]),
    ("Read https://example.org/news/appeal-for-witnesses… now.", ["1:6 NL205"]),
    ("Read [this](https://www) now.", ["1:13 NL205"]),
    ("For the survey, visit TBC.", ["1:23 NL206"]),
    ("For the survey, visit [LINK].", ["1:23 NL206"]),
    ("For the survey, visit [link].", ["1:23 NL206"]),
    ("Read the [guidance](LINK HERE).", ["1:21 NL206"]),
    ("Read the [XXX](https://www.example.org.uk).", ["1:11 NL206"]),
    ("Apply for a permit at www.example.gov.uk/ today.", ["1:23 NL207"]),
    ("You can report it at https://www.example.police.uk/ now.", ["1:22 NL207"]),
]


@pytest.mark.parametrize("body", OK)
def test_ok(body: str) -> None:
    assert lint_body(body, CODES) == []


@pytest.mark.parametrize(("body", "expected"), BAD)
def test_bad(body: str, expected: list[str]) -> None:
    assert lint_body(body, CODES) == expected


MESSAGES = [
    ("For more information, visit.", '"visit" has no destination: the link or address is missing'),
    (
        "For the full timetable, visit this link.",
        '"visit this link" has no link: add the address or link the words',
    ),
    ("Read the report [here]().", 'link "[here]()" has no target'),
    (
        "Register on [the portal](www.example.org.uk/page).",
        'link target "www.example.org.uk/page" has no https:// and will resolve as a relative path',
    ),
    (
        "For safety advice, visit www.exampleforce",
        '"www.exampleforce" is not a complete web address',
    ),
    ("For the survey, visit [LINK].", 'placeholder "[LINK]" left in place of a link'),
    (
        "Report it at www.example.police.uk/ now.",
        '"www.example.police.uk/" is a home page, but the sentence asks readers to report: was the page path lost?',
    ),
]


@pytest.mark.parametrize(("body", "message"), MESSAGES)
def test_messages(body: str, message: str) -> None:
    assert messages(body, CODES) == [message]


def test_schemeless_fix_is_unsafe() -> None:
    body = "Register on [the portal](www.example.org.uk/register)."
    assert fixed(body, "NL204") == body
    assert (
        fixed(body, "NL204", unsafe=True)
        == "Register on [the portal](https://www.example.org.uk/register)."
    )
    assert (
        fixed("Register at <www.example.org.uk>.", "NL204", unsafe=True)
        == "Register at <https://www.example.org.uk>."
    )


def test_options() -> None:
    assert lint_body("See www.example.scot for more.", "NL205") == ["1:5 NL205"]
    assert (
        lint_body(
            "See www.example.scot for more.",
            "NL205",
            options={"malformed-url": {"extra-suffixes": ["scot"]}},
        )
        == []
    )
    options = {"visit-missing-target": {"cta-verbs": ["visit", "see"]}}
    assert lint_body("For details, see.", "NL201", options=options) == ["1:14 NL201"]
    assert (
        lint_body(
            "Donate at www.example.org.uk/ today.",
            "NL207",
            options={"homepage-link": {"task-verbs": ["pay"]}},
        )
        == []
    )


def test_seed_sentence() -> None:
    body = "For more information about hate crime, including how to report it and where to get support visit."
    assert messages(body, CODES) == ['"visit" has no destination: the link or address is missing']


def test_thousands_of_calls_to_action_in_one_sentence_cost_little() -> None:
    # found by the fuzzer: "visit this link." 3,000 times with no space after the full stops
    # is one sentence, and each call to action searched all of it again (minutes)
    import time

    started = time.monotonic()
    found = lint_body("Text here." + "visit this link." * 3000 + "\n", "NL202")
    assert len(found) == 3000
    assert time.monotonic() - started < 15

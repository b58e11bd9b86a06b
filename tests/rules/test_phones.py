"""NL401–NL405 and NL407: phone numbers (spec §1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from newslint.document import Document
from newslint.engine import Settings, corpus_findings, lint_document
from newslint.registry import default_registry

from tests.helpers import article, fixed, lint_body, messages

CODES = ("NL401", "NL402", "NL403", "NL404", "NL405")

OK = [
    "Call 0800 555 111 or 01707 354 000.",
    "Crimestoppers: 0800 555111.",
    "Ring 020 7946 0123 from the UK or +44 20 7946 0123 from abroad.",
    "+44 (0)20 7946 0123 for callers from abroad and 020 7946 0123 in the UK.",
    "Call 0300 790 6772, from 9am to 5pm Monday to Friday.",
    "Text 07786 207091 or call 0808 2000 247.",
    "The Modern Slavery Helpline is 08000 121 700.",
    "Call 0845 33 00 222 for details.",
    "Call 0113 496 0123 in Leeds.",
    "Quote reference 41/222333/23 when you call 101.",
    "Quote crime reference 0123456789 when you call.",
    "Incident number 0405 of 21 November.",
    "ISR 398 of 12 May.",
    "If you cannot speak, press 55 when prompted.",
    "Pressing the '5' key twice alerts the operator.",
    "The incident happened on 01.11.2019 at 21/11/19.",
    "It happened between 0930 and 1700 on 21 November 2019.",
    "The fine was £3,000 and 2,019 people attended.",
    "The suspect, 21, of SG1 0AB was charged.",
    "Call 999 in an emergency, 101 otherwise, or 112 from a mobile.",
    "Samaritans are available on 116 123, day or night.",
    "Deaf callers can use 18001 101.",
    "Call 0800 555 111 24 hours a day.",
    "In 2019 0.5 per cent of 0800 calls were hoax calls.",
    "Tell Crimestoppers on 0800 555 111.",
    "Phone `0800-555-111` in code is not prose.",
    "Call [0800 555 111](tel:+44800555111) now.",
    "Action Fraud can be reached on 0300 123 2040.",
    "Call Victim Support on 0808 168 9111 or Crimestoppers on 0800 555 111.",
]

BAD = [
    ("Call our front desk on 01438-757000.", ["1:24 NL401"]),
    ("Overseas callers: +44 0113 496 0123.", ["1:19 NL401"]),
    ("Call 0207 946 0123 now.", ["1:6 NL401"]),
    ("Call 020 7946 0123 or 02079460123.", ["1:23 NL401"]),
    ("Call (01707) 354000.", ["1:6 NL401"]),
    ("Call 0800.555.111 now.", ["1:6 NL401"]),
    ("Call 0800  555 111 now.", ["1:6 NL401"]),
    ("Call +442079460123 now.", ["1:6 NL401"]),
    ("Ring 0113 496 0123 and later ring 0113 4960123.", ["1:35 NL401"]),
    ("Ring 0300 123 4040.\n\nLater, 0300 1234 040 again.", ["3:8 NL402"]),
    ("For details call 01632 96012.", ["1:18 NL403"]),
    ("For details call 01632 960123.", ["1:18 NL403"]),
    ("Text 07700 900123 for updates.", ["1:6 NL403"]),
    ("Call 0300 123 404 today.", ["1:6 NL403"]),
    ("Tell Crimestoppers on 0800 555 112.", ["1:23 NL404"]),
    ("Crimestoppers can be called on 0800 555 1111.", ["1:32 NL404"]),
    ("Call Action Fraud on 0300 123 2041.", ["1:22 NL404"]),
    ("Samaritans are available on 116 124.", ["1:29 NL404"]),
    ("Samaritans are available on 116123.", ["1:29 NL405"]),
    ("Deaf callers can use 18001-101.", ["1:22 NL405"]),
    ("Call 116000 or 116111.", ["1:6 NL405", "1:16 NL405"]),
]


@pytest.mark.parametrize("body", OK)
def test_ok(body: str) -> None:
    assert lint_body(body, CODES) == []


@pytest.mark.parametrize(("body", "expected"), BAD)
def test_bad(body: str, expected: list[str]) -> None:
    assert lint_body(body, CODES) == expected


MESSAGES = [
    ("Call our front desk on 01438-757000.", '"01438-757000" should be written "01438 757000"'),
    (
        "Overseas callers: +44 0113 496 0123.",
        '"+44 0113 496 0123" should be written "+44 113 496 0123"',
    ),
    ("Call 0300-123-4040.", '"0300-123-4040" should be written "0300 123 4040"'),
    ("Crimestoppers: 0800-555-111.", '"0800-555-111" should be written "0800 555 111"'),
    (
        "Ring 0113 496 0123 and later ring 0113 4960123.",
        '"0113 4960123" should be written "0113 496 0123"',
    ),
    (
        "Ring 0300 123 4040 or 0300 1234 040.",
        '"0300 1234 040" is written "0300 123 4040" earlier in this article',
    ),
    ("For details call 01632 96012.", '"01632 96012" is not a valid UK number'),
    (
        "Call 0300 123 404 today.",
        '"0300 123 404" is not a valid UK number (9 digits after the 0; 0300 numbers have 10)',
    ),
    ("For details call 01632 960123.", '"01632 960123" is not a valid UK number'),
    (
        "Tell Crimestoppers on 0800 555 112.",
        'Crimestoppers\' number is 0800 555 111, not "0800 555 112"',
    ),
    (
        "Call Action Fraud on 0300 123 2041.",
        'Action Fraud\'s number is 0300 123 2040, not "0300 123 2041"',
    ),
    ("Samaritans are available on 116123.", 'write "116123" as "116 123"'),
]


@pytest.mark.parametrize(("body", "message"), MESSAGES)
def test_messages(body: str, message: str) -> None:
    assert messages(body, CODES) == [message]


FIX = [
    ("Call our front desk on 01438-757000.", "Call our front desk on 01438 757000."),
    ("Call 0300-123-4040 or 0300 123 4040.", "Call 0300 123 4040 or 0300 123 4040."),
    ("Ring 0300 123 4040 or 0300 1234 040.", "Ring 0300 123 4040 or 0300 123 4040."),
    ("Call (01707) 354000.", "Call 01707 354000."),
    ("Call +44 (0)20-7946-0123.", "Call +44 20 7946 0123."),
    ("Samaritans are available on 116123.", "Samaritans are available on 116 123."),
    ("Deaf callers can use 18001-101.", "Deaf callers can use 18001 101."),
    # unsafe fixes are not applied by --fix
    ("Overseas callers: +44 0113 496 0123.", "Overseas callers: +44 0113 496 0123."),
    ("Tell Crimestoppers on 0800 555 112.", "Tell Crimestoppers on 0800 555 112."),
    ("For details call 01632 96012.", "For details call 01632 96012."),
]


@pytest.mark.parametrize(("body", "expected"), FIX)
def test_fix(body: str, expected: str) -> None:
    assert fixed(body, CODES) == expected


UNSAFE_FIX = [
    ("Overseas callers: +44 0113 496 0123.", "Overseas callers: +44 113 496 0123."),
    ("Tell Crimestoppers on 0800 555 112.", "Tell Crimestoppers on 0800 555 111."),
]


@pytest.mark.parametrize(("body", "expected"), UNSAFE_FIX)
def test_unsafe_fix(body: str, expected: str) -> None:
    assert fixed(body, CODES, unsafe=True) == expected


def test_options() -> None:
    assert lint_body(
        "Call 0845 33 00 222.", "NL401", options={"phone-format": {"allow-memorable": False}}
    ) == ["1:6 NL401"]
    assert lint_body(
        "Call +44 20 7946 0123.", "NL401", options={"phone-format": {"allow-international": False}}
    ) == ["1:6 NL401"]
    known = {"phone-known-number": {"known-numbers": {"Herts Police text line": "07786 207091"}}}
    assert lint_body("Use the Herts Police text line on 07786 207092.", "NL404", options=known) == [
        "1:35 NL404"
    ]


def test_seeds_report_no_phone_problems() -> None:
    for name in ("000_4e8bf0b53589c3cc.txt", "004_40c630a07e428d1c.txt"):
        text = Path(f"seeds/{name}").read_text(encoding="utf-8")
        assert lint_body(text.split("```\n", 2)[-1], CODES) == []


def corpus(*bodies: str, options: dict | None = None) -> list[tuple[str, str, int, int]]:
    registry = default_registry()
    resolved = {r.code: r.default_options() for r in registry.rules}
    resolved["NL407"].update(options or {})
    settings = Settings(rule_codes=("NL407",), options=resolved)
    results = [
        lint_document(Document(f"{i}.md", article(b)), settings, f"{i}.md")
        for i, b in enumerate(bodies)
    ]
    corpus_findings(results, settings)
    return [(r.path, f.message, f.line, f.column) for r in results for f in r.findings]


def test_nl407_majority_form() -> None:
    found = corpus("Call 0300 123 4040.", "Ring 0300 123 4040 today.", "Or ring 0300 1234 040.")
    assert found == [
        (
            "2.md",
            '"0300 1234 040" differs from "0300 123 4040", the form 2 of 3 articles use',
            11,
            9,
        )
    ]


def test_nl407_official_form_wins_and_ties_go_to_libphonenumber() -> None:
    assert corpus(
        "Crimestoppers: 0800 555111.", "Crimestoppers: 0800 555111.", "Call 0800 555 111."
    ) == [
        ("0.md", '"0800 555111" differs from "0800 555 111", its official form', 11, 16),
        ("1.md", '"0800 555111" differs from "0800 555 111", its official form', 11, 16),
    ]
    tie = corpus("Call 01707 354 000.", "Call 01707 354000.")
    assert tie == [
        ("0.md", '"01707 354 000" differs from "01707 354000", the form 1 of 2 articles use', 11, 6)
    ]


def test_nl407_is_opt_in() -> None:
    nl407 = default_registry().by_code("NL407")
    assert nl407.default_enabled is False


# NL404 (issue #16): a number one slip from the official number of the service named beside it
# (Damerau–Levenshtein: two neighbouring digits swapped count as one slip), a reversed last
# group, another service's number given for the one named, and "dial 99". Official second
# lines (textphone, Relay UK, Welsh-language) and numbers that only look close are not flagged.
KNOWN_BAD = [  # (body, flagged text, message)
    (
        "Report the fraud to Action Fraud on 0300 123 2004.",
        "0300 123 2004",
        'Action Fraud\'s number is 0300 123 2040, not "0300 123 2004"',
    ),
    (
        "Action Fraud: call 0300 123 0402 to report it.",
        "0300 123 0402",
        'Action Fraud\'s number is 0300 123 2040, not "0300 123 0402"',
    ),
    (
        "Give information to Crimestoppers, 100% anonymously, on 0800 515 111.",
        "0800 515 111",
        'Crimestoppers\' number is 0800 555 111, not "0800 515 111"',
    ),
    (
        "Our anti-terrorist hotline is 0800 789 123.",
        "0800 789 123",
        'The Anti-Terrorist Hotline\'s number is 0800 789 321, not "0800 789 123"',
    ),
    (
        "For the police non-emergency number, call 111.",
        "111",
        "\"111\" is NHS 111's number; the police non-emergency service's number is 101",
    ),
    (
        "If it isn't an emergency, ring 111.",
        "111",
        "\"111\" is NHS 111's number; the police non-emergency service's number is 101",
    ),
    (
        "In an emergency, call 101.",
        "101",
        "\"101\" is the police non-emergency service's number; the emergency services' number is 999 or 112",
    ),
    ("If someone is in danger, dial 99 now.", "99", 'the emergency number is 999, not "99"'),
    (
        "In an emergency please call 919.",
        "919",
        'The emergency services\' number is 999, not "919"',
    ),
    (
        "Samaritans can be reached free on 161 123.",
        "161 123",
        'Samaritans\' number is 116 123, not "161 123"',
    ),
]


@pytest.mark.parametrize(("body", "words", "message"), KNOWN_BAD)
def test_known_number_flagged(body: str, words: str, message: str) -> None:
    assert lint_body(body, "NL404") == [f"1:{body.index(words) + 1} NL404"]
    assert messages(body, "NL404") == [message]


KNOWN_OK = [
    "Report it to Action Fraud on 0300 123 2040, or by textphone on 0300 123 2050.",
    "Deaf callers can reach Action Fraud through Relay UK on 18001 0300 123 2050.",
    "Talk to Samaritans on 116 123, or in Welsh on 0808 164 0123.",
    "In an emergency call 999, or 18000 by Relay UK; otherwise call 101.",
    "Call 999 in an emergency, 101 otherwise, or 112 from a mobile.",
    "If it is not an emergency, call 101.",
    "Ring police on 999 in an emergency, on 101 or Crimestoppers on 0800 555 111.",
    "Contact Crimestoppers or call 101.",
    "Call NHS 111 or 18001 111 by Relay UK.",
    "After the power cut, 150 homes were without power for 105 minutes.",
    "More than 112 emergency calls were made on 999 that night.",
    "Action Fraud received 2,400 reports in 2023.",
    "The emergency department treated 99 people.",
    "Crimestoppers said 0800 555 111 took 123 calls.",
    "The Anti-Terrorist Hotline, 0800 789 321, is open all day.",
    "Report a gas emergency to the National Gas Emergency Service on 0800 111 999.",
    "The 99 bus was diverted after the emergency.",
    "Items cost 99p each, and in an emergency call 999.",
]


@pytest.mark.parametrize("body", KNOWN_OK)
def test_known_number_not_flagged(body: str) -> None:
    assert lint_body(body, "NL404") == []


def _directory():
    from newslint.rules._services import directory

    return directory()


@pytest.mark.parametrize("service", _directory(), ids=lambda s: s.name)
def test_every_service_example_runs(service) -> None:
    assert service.flagged and service.fine
    assert len(lint_body(service.flagged, "NL404")) == 1
    assert lint_body(service.fine, CODES) == []


def test_known_numbers_option_adds_and_replaces_services() -> None:
    options = {"phone-known-number": {"known-numbers": {"Crimestoppers": "0800 555 222"}}}
    assert lint_body("Tell Crimestoppers on 0800 555 223.", "NL404", options=options) == [
        "1:23 NL404"
    ]
    # the directory still holds the other services
    assert lint_body("Action Fraud is on 0300 123 2004.", "NL404", options=options) == [
        "1:20 NL404"
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="emrgncyisNOTA -’'\n", max_size=60))
def test_a_guarded_service_name_is_found_where_the_plain_guards_find_it(text: str) -> None:
    # a service with guards looks for one of its names before the guards, for speed only
    import re

    from newslint.rules._services import directory

    guarded = 0
    for service in directory():
        names = sorted(service.names, key=len, reverse=True)
        first = "(?=(?:" + "|".join(re.escape(n) for n in names) + "))"
        if not service.pattern.pattern.startswith(first):
            continue
        guarded += 1
        plain = re.compile(service.pattern.pattern.removeprefix(first), re.IGNORECASE)
        for sample in (text, f"Call {text} on 999", "not an emergency", "In an emergency, call"):
            assert [m.span() for m in service.pattern.finditer(sample)] == [
                m.span() for m in plain.finditer(sample)
            ]
    assert guarded >= 1  # the emergency services

"""NL301–NL304: weekdays, impossible dates, relative dates and date style (spec §3).

Expected weekdays are computed here with datetime, never typed in, and expected columns come
from the position of the flagged words in the test's own text.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers import fixed, lint_body, messages

CODES = ("NL301", "NL302", "NL303")
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ABBREVIATIONS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def wd(year: int, month: int, day: int, shift: int = 0, short: bool = False) -> str:
    names = ABBREVIATIONS if short else WEEKDAYS
    return names[(dt.date(year, month, day).weekday() + shift) % 7]


def at(body: str, words: str, code: str = "NL301") -> str:
    return f"1:{body.index(words) + 1} {code}"


P = "14 Mar 2023"  # 10 March 2023 is a Friday
FORMS = [  # (template, where the hit starts); {w} is the weekday, {a} its abbreviation
    ("Officers patrolled on {w} 10 March.", "{w}"),
    ("Officers patrolled on {w}, 10 March 2023.", "{w}"),
    ("Officers patrolled on {w} the 10th of March.", "{w}"),
    ("Officers patrolled on {w} 10th March.", "{w}"),
    ("Officers patrolled on {a} 10 Mar.", "{a}"),
    ("Officers patrolled on {a}. 10 Mar 2023.", "{a}"),
    ("Officers patrolled on {w}, March 10.", "{w}"),
    ("Officers patrolled on {w}, March 10th, 2023.", "{w}"),
    ("Officers patrolled on {w} (10 March).", "{w}"),
    ("Officers patrolled on {w} evening (10 March).", "{w}"),
    ("Officers patrolled on 10 March ({w}).", "10 March"),
    ("Officers patrolled on 10 March 2023 ({w}).", "10 March"),
    ("Officers patrolled on {w} 10/03/2023.", "{w}"),
    ("Officers patrolled on {w} 10.03.2023.", "{w}"),
    ("Officers patrolled on {w} 10/03/23.", "{w}"),
    ("At 10.40pm on {w} 10 March officers patrolled.", "{w}"),
    ("PC Ann May patrolled on {w} 10 March.", "{w}"),
    ("Officers patrolled on Good {w} 10 March.", "{w}"),
]


@pytest.mark.parametrize(("template", "anchor"), FORMS)
def test_every_form_correct_weekday_is_fine(template: str, anchor: str) -> None:
    body = template.format(w=wd(2023, 3, 10), a=wd(2023, 3, 10, short=True))
    assert lint_body(body, CODES, publish=P) == []


@pytest.mark.parametrize(("template", "anchor"), FORMS)
def test_every_form_wrong_weekday_is_flagged(template: str, anchor: str) -> None:
    w, a = wd(2023, 3, 10, 1), wd(2023, 3, 10, 1, short=True)
    body = template.format(w=w, a=a)
    assert lint_body(body, CODES, publish=P) == [at(body, anchor.format(w=w, a=a))]


CHAINS = [  # (publish, template with {0}, {1}, … weekdays, the dates)
    (
        "14 Mar 2023",
        "The bridge closed between {0} 10 and {1} 12 March.",
        [(2023, 3, 10), (2023, 3, 12)],
    ),
    (
        "14 Mar 2023",
        "The bridge closed on {0} 10, {1} 11 and {2} 12 March.",
        [(2023, 3, 10), (2023, 3, 11), (2023, 3, 12)],
    ),
    (
        "14 Mar 2023",
        "The bridge closed from {0} 10 to {1} 12 March 2023.",
        [(2023, 3, 10), (2023, 3, 12)],
    ),
    ("14 Mar 2023", "The bridge closed {0} 10 - {1} 12 March.", [(2023, 3, 10), (2023, 3, 12)]),
    ("14 Mar 2023", "The bridge closed {0} 10 until {1} 12 March.", [(2023, 3, 10), (2023, 3, 12)]),
    ("14 Mar 2023", "The bridge closed {0} 10 & {1} 12 March.", [(2023, 3, 10), (2023, 3, 12)]),
    (
        "5 Jan 2023",
        "Patrols ran from {0} 30 December to {1} 2 January.",
        [(2022, 12, 30), (2023, 1, 2)],
    ),
    (
        "5 Jan 2023",
        "Patrols ran from {0} 30 December 2022 to {1} 2 January.",
        [(2022, 12, 30), (2023, 1, 2)],
    ),
    (
        "5 Jan 2023",
        "Patrols ran from {0} 30 December to {1} 2 January 2023.",
        [(2022, 12, 30), (2023, 1, 2)],
    ),
    (
        "20 Dec 2022",
        "Patrols will run from {0} 30 December to {1} 2 January.",
        [(2022, 12, 30), (2023, 1, 2)],
    ),
    ("14 Mar 2023", "Roads will close {0} 31 March to {1} 2 April.", [(2023, 3, 31), (2023, 4, 2)]),
    ("14 Mar 2023", "Roads closed {0} 31 March to {1} 2 April.", [(2022, 3, 31), (2022, 4, 2)]),
]


@pytest.mark.parametrize(("publish", "template", "days"), CHAINS)
def test_chains_correct(publish: str, template: str, days) -> None:
    body = template.format(*(wd(*d) for d in days))
    assert lint_body(body, CODES, publish=publish) == []


@pytest.mark.parametrize(("publish", "template", "days"), CHAINS)
@pytest.mark.parametrize("wrong", [0, -1])
def test_chains_each_element_is_checked(publish: str, template: str, days, wrong: int) -> None:
    names = [wd(*d) for d in days]
    wrong = wrong % len(days)
    names[wrong] = wd(*days[wrong], shift=3)
    body = template.format(*names)
    # the hit starts at the wrong weekday: find its occurrence after the earlier elements
    offset = 0
    for name in names[:wrong]:
        offset = body.index(name, offset) + len(name)
    column = body.index(names[wrong], offset) + 1
    assert lint_body(body, CODES, publish=publish) == [f"1:{column} NL301"]


YEAR_END = [  # publish, body, dates whose weekday is used
    (
        "5 Jan 2023",
        "Officers attended a crash on {0} 30 December.",
        (2022, 12, 30),
    ),  # past: year before
    (
        "28 Dec 2022",
        "The event will take place on {0} 2 January.",
        (2023, 1, 2),
    ),  # future: year after
    ("2 Jan 2024", "The shop was raided on {0} 29 December.", (2023, 12, 29)),
    ("30 Dec 2023", "Officers are due to visit on {0} 3 January.", (2024, 1, 3)),
    (
        "14 Mar 2023",
        "The offences took place in 2021, including one on {0} 10 March.",
        (2021, 3, 10),
    ),
    ("14 Mar 2023", "The hearing was held yesterday ({0} 13 March).", (2023, 3, 13)),
    ("3 Jan 2023", "The crash happened last night ({0} 2 January).", (2023, 1, 2)),
    ("1 Jan 2023", "The crash happened last night ({0} 31 December).", (2022, 12, 31)),
]


@pytest.mark.parametrize(("publish", "template", "day"), YEAR_END)
def test_year_resolution(publish: str, template: str, day) -> None:
    assert lint_body(template.format(wd(*day)), CODES, publish=publish) == []
    wrong = template.format(wd(*day, shift=2))
    assert lint_body(wrong, CODES, publish=publish) == [at(wrong, wd(*day, shift=2))]


OK = [  # spec §3.7 traps and friends, published 14 Mar 2023
    "Our Friday 13th film night returns.",
    "Friday the 13th is a film.",
    "It was a Friday 13th party.",
    "On Saturday 4 men were arrested.",
    "It was a Sunday 3 weeks ago.",
    "Join our Friday 5-a-side.",
    "Opening hours are Monday to Friday, 9am to 5pm.",
    "Officers may attend on Friday.",
    "They will march through town.",
    "She lives at 14 May Close.",
    "PC Ann May met residents on Friday 10 March.",
    "The Thurs 9 Mar briefing was postponed and will be rescheduled.",
    "The road reopens on 29 February.",  # no year: never flagged
    "Officers patrolled between 11pm on Friday 10 March and 3am on Saturday 11 March.",
    "Sunday 10 March: open day at the station.",  # neutral; a Sunday in 2024 (guard, §3.5 step 6)
    "It happened on Tuesday. On 10 March we met.",
    "Black Friday 24 November and Good Friday 7 April are busy days.",
    "A drop-in was held last night (Monday 13 March).",
    "It was announced today (14 March 2023).",
    "Report it today, 14 March, online.",
    "Last Friday (10 March) officers met.",
    "Meet us next Monday (20 March).",
    "The 1996 edition printed it as Tuesday, March 5 1996.",
    "`Saturday 10 March` in code is not prose.",
    "Call 101 on Monday.",
    "Wednesday 8 March 2023 was International Women's Day.",
]


@pytest.mark.parametrize("body", OK)
def test_ok(body: str) -> None:
    assert lint_body(body, CODES, publish=P) == []


BAD = [  # (publish, body, [(words, code)])
    (P, "We met on Sunday 10 March.", [("Sunday", "NL301")]),  # past: 2023, a Friday
    ("2 May 2023", "The road reopens on Monday 31 April.", [("31 April", "NL302")]),
    (P, "Closed on 30 February.", [("30 February", "NL302")]),
    (P, "Closed on 29 February 2023.", [("29 February 2023", "NL302")]),
    (P, "Closed on 32 May.", [("32 May", "NL302")]),
    (P, "Closed on 31 September 2023 (Saturday).", [("31 September 2023", "NL302")]),
    (P, "The hearing was held yesterday (Sunday 12 March).", [("yesterday", "NL303")]),
    (P, "The hearing is tomorrow (16 March).", [("tomorrow", "NL303")]),
    (P, "It was announced today, 13 March, by the chief constable.", [("today", "NL303")]),
    (P, "It happened last night (Sunday 13 March).", [("Sunday", "NL301")]),
    (P, "It happened yesterday (Sunday 11 March).", [("yesterday", "NL303"), ("Sunday", "NL301")]),
    (P, "Last Friday (11 March) officers met.", [("Friday", "NL301")]),
    (P, "Saturday 10 March 2023 was busy.", [("Saturday", "NL301")]),
]


@pytest.mark.parametrize(("publish", "body", "expected"), BAD)
def test_bad(publish: str, body: str, expected) -> None:
    want = sorted(
        (at(body, words, code) for words, code in expected),
        key=lambda s: int(s.split(":")[1].split()[0]),
    )
    assert lint_body(body, CODES, publish=publish) == want


def test_messages() -> None:
    assert messages("It was on Thursday 20 November.", CODES, publish="21 Nov 2019") == [
        f'"Thursday 20 November" does not match 20 November 2019, a {wd(2019, 11, 20)} (year from publish date 21 Nov 2019)'
    ]
    assert messages("Saturday 10 March 2023 was busy.", CODES, publish=P) == [
        f'"Saturday 10 March 2023" does not match 10 March 2023, a {wd(2023, 3, 10)}'
    ]
    assert messages("The hearing was held yesterday (Sunday 12 March).", CODES, publish=P) == [
        '"yesterday" would be 13 March 2023 for an article published 14 Mar 2023, but the date given is 12 March'
    ]
    assert messages("Closed on 29 February 2023.", CODES, publish=P) == [
        '"29 February 2023" is not a real date (2023 is not a leap year)'
    ]
    assert messages("Closed on 31 April.", CODES, publish=P) == [
        '"31 April" is not a real date (April has 30 days)'
    ]


def test_seed_sentence_is_fine() -> None:
    body = "Hertfordshire Constabulary met with the LGBT+ community last night (Wednesday 20 November) to mark it."
    assert lint_body(body, CODES, publish="21 Nov 2019") == []


def test_without_publish_date_only_written_years_are_checked() -> None:
    wrong_written = "It was busy on Saturday 10 March 2023."
    assert lint_body("It was busy on Saturday 10 March.", CODES, publish="unknown") == []
    assert lint_body(wrong_written, CODES, publish="unknown") == [at(wrong_written, "Saturday")]


def test_relative_tolerance_option() -> None:
    body = "The hearing was held yesterday (Sunday 12 March)."
    options = {"relative-date-mismatch": {"relative-tolerance-days": 1}}
    assert lint_body(body, CODES, publish=P, options=options) == []


def test_fix_weekday_option_is_unsafe_and_keeps_the_form() -> None:
    body = "Officers patrolled on Sat. 10 Mar and on Saturday 10 March."
    options = {"weekday-mismatch": {"fix-weekday": True}}
    assert fixed(body, "NL301", publish=P, options=options) == body  # unsafe: not applied by --fix
    assert fixed(body, "NL301", publish=P, options=options, unsafe=True) == (
        f"Officers patrolled on {wd(2023, 3, 10, short=True)}. 10 Mar and on {wd(2023, 3, 10)} 10 March."
    )


STYLE = [
    ("Friday, March 10th", "Friday 10 March"),
    ("Friday, 10 March 2023", "Friday 10 March 2023"),
    ("Friday the 10th of March", "Friday 10 March"),
    ("Friday 10th March", "Friday 10 March"),
    ("Friday, March 10th, 2023", "Friday 10 March 2023"),
    ("on the 10th of March", "on 10 March"),
    ("10 March, 2023", "10 March 2023"),
]


@pytest.mark.parametrize(("body", "expected"), STYLE)
def test_date_style_fix(body: str, expected: str) -> None:
    assert lint_body(body, "NL304", publish=P) == [
        f"1:{body.index(body.split()[0 if not body.startswith('on') else 1]) + 1} NL304"
    ]
    assert fixed(body, "NL304", publish=P) == expected
    assert lint_body(expected, "NL304", publish=P) == []


def test_date_style_is_opt_in() -> None:
    from newslint.registry import default_registry

    assert default_registry().by_code("NL304").default_enabled is False


def test_thousands_of_dates_in_one_sentence_cost_little() -> None:
    # found by the fuzzer: 3,000 dates run together in one "sentence" took over two minutes per
    # date rule, each date scanning the whole sentence again; now each sentence is read once
    import time

    from tests.helpers import lint_body

    started = time.monotonic()
    found = lint_body("Friday, 10th March 2023" * 2000 + "\n", ("NL301", "NL302", "NL303"))
    assert not any("NL002" in f for f in found)
    assert time.monotonic() - started < 15

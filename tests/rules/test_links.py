"""NL201–NL207, NL210: calls to action without destinations, and broken link syntax (spec §2, issue 14)."""

from __future__ import annotations

import re

import pytest

from tests.helpers import fixed, lint_body, messages

CODES = ("NL201", "NL202", "NL203", "NL204", "NL205", "NL206", "NL207", "NL210")

OK = [
    # an address in bold: the asterisks are Markdown, not part of the address
    "Report it online at **www.herts.police.uk** or **https://www.police.uk/report**.",
    # a host may be an IPv6 literal (RFC 3986): the brackets are part of the address
    "The test server is at https://[2001:db8::1]/status for now.",
    "The test server is at https://user@[::1]:8080/x or (https://[::1]).",
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
    ("See https://[ for more.", ["1:5 NL205"]),
    ("See https:/user@[::1]/x for more.", ["1:5 NL205"]),  # the scheme, not the host
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
    assert lint_body("See www.example.intranet for more.", "NL205") == ["1:5 NL205"]
    assert (
        lint_body(
            "See www.example.intranet for more.",
            "NL205",
            options={"malformed-url": {"extra-suffixes": ["intranet"]}},
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


# Issue 14: calls to action without a destination, class by class. Each table holds the
# wording variants of one class (different verbs, word orders and punctuation, the destination
# in the next block, a list or a table) and, beside it, texts that must not be flagged.

CUT_OFF = [  # a preposition or label with nothing after it: NL201 (error)
    ("If you have information, contact us at or ring 101.", ["1:26 NL201"]),
    ("More details are at: Phone: 101", ["1:6 NL201"]),
    ("If you find any, please forward them to.", ["1:25 NL201"]),
    ("Anyone with concerns can email her at", ["1:26 NL201"]),
    ("Information is available from:\n\nOur team will answer within two days.", ["1:16 NL201"]),
    ("The full report is available at.", ["1:20 NL201"]),
    ("Tickets for the open day can be booked online at", ["1:40 NL201"]),
    ("Write to the licensing team at.", ["1:1 NL201"]),
    ("Send your photos to or drop them in at the front counter.", ["1:1 NL201"]),
    ("The charity's website at has further advice for parents.", ["1:15 NL201"]),
    ("For an appointment, call the surgery on.", ["1:21 NL201"]),
    ("Application packs can be downloaded from.", ["1:26 NL201"]),
    ("Residents can report fly-tipping via", ["1:15 NL201"]),
    ("Find out more at: Telephone: 01632 960000", ["1:10 NL201"]),
    ("You can report it through.", ["1:9 NL201"]),
    ("Please email the team at\n\nThe survey closes on Friday.", ["1:8 NL201"]),
    ("To join the panel, sign up at:", ["1:20 NL201"]),
    ("Anyone can get in touch with us at or drop in.", ["1:19 NL201"]),
]
CUT_OFF_OK = [
    "Contact us at press@example.org.uk or ring 101.",
    "Email her at jo.bloggs@example.org.uk.",
    "Forward them to fraud@example.org.uk.",
    "Please forward them to us.",
    "The full report is available at https://www.example.org.uk/report.",
    "Information is available from:\n\n* [Citizens Advice](https://www.example.org.uk)",
    "Information is available from:\n\n- www.example.org.uk/help",
    "Information is available from:\n\nPhone: 01632 960000",
    "It is something we are looking at.",
    "This is the area officers were called to.",
    "We know what the public want us to.",
    "He ran a red light and drove on.",
    "Visit the library at 12 High Street.",
    "Call us on 101, or 999 in an emergency.",
    "Trains run to and from the station all night.",
    "Apply on or before 5 May.",
    "Tickets are available from the box office.",
    "Nobody knows where the money came from.",
    "Send it to us at the address on your letter.",
    "Details are at the end of this article.",
    "Officers will contact the family.",
    "Contact us at\n\npress@example.org.uk",
    "Our officers were at the scene and carried on.",
    "The event is at the town hall, which is open from 9am.",
]


@pytest.mark.parametrize(("body", "expected"), CUT_OFF)
def test_cut_off_is_flagged(body: str, expected: list[str]) -> None:
    assert lint_body(body, CODES) == expected


@pytest.mark.parametrize("body", CUT_OFF_OK)
def test_cut_off_not_flagged(body: str) -> None:
    assert lint_body(body, CODES) == []


PROMISED = [  # a link, web page or form promised and absent: NL202 (warning)
    ("If you see it happen, report it through our website.", ["1:23 NL202"]),
    ("To apply, fill in the online form.", ["1:11 NL202"]),
    ("Full details are available here.", ["1:14 NL202"]),
    ("Read the terms here.", ["1:1 NL202"]),
    ("You can report a crime using this link: Report a crime", ["1:9 NL202"]),
    ("Use the Report section of the force website.", ["1:1 NL202"]),
    ("Before you travel, please check our severe weather page.", ["1:27 NL202"]),
    ("These sites may help:\n\n* Victim Support\n* Citizens Advice", ["1:1 NL202"]),
    ("These websites may help:", ["1:1 NL202"]),
    ("For more help, follow this link.", ["1:16 NL202"]),
    ("To book a place, use the form below.\n\nWe will reply within a week.", ["1:18 NL202"]),
    ("If you can help, please call 101 or complete our online appeals form.", ["1:37 NL202"]),
    ("Bin calendars can also be found online.", ["1:15 NL202"]),
    ("Find out more about the scheme on the Example Trust website.", ["1:35 NL202"]),
    ("Residents are advised to keep an eye on the council's website.", ["1:26 NL202"]),
    ("You can find the numbers for each ward by clicking here.", ["1:43 NL202"]),
    ("Replacement bins can be ordered online.", ["1:18 NL202"]),
    ("You can check your collection calendar here:\n\nCalendar A\n\nCalendar B", ["1:9 NL202"]),
    ("Just add your postcode here to find your collection day.", ["1:6 NL202"]),
    ("Remember, you can pay your council tax online.", ["1:19 NL202"]),
    ("Anyone who wants to take part can sign up online.", ["1:35 NL202"]),
    ("Find out more by visiting our website.", ["1:18 NL202"]),
    ("Use our online form to tell us what you saw.", ["1:1 NL202"]),
    ("See the planning applications page for more information.", ["1:1 NL202"]),
    ("The latest advice can be found on our website.", ["1:19 NL202"]),
]
PROMISED_OK = [
    "Report it through our website at www.example.police.uk/report.",
    "Report it through [our website](https://www.example.police.uk/report).",
    "Fill in the online form: https://www.example.org.uk/form",
    "Fill in the online form.\n\n[Online form](https://www.example.org.uk/form)",
    "Full details are available here: www.example.org.uk/details",
    "Read the terms [here](https://www.example.org.uk/terms).",
    "These sites may help:\n\n* [Victim Support](https://www.example.org.uk/vs)",
    "The force's website was updated on Monday.",
    "Our website has been redesigned.",
    "Visit police.uk for advice.",
    "Find out more on GOV.UK.",
    "Visit our website or call 101.",
    "You can report it online or by calling 101.",
    "We are here to help.",
    "Officers were here in the town centre on Friday.",
    "Here are some tips to stay safe:",
    "A knife was found here.",
    "The link between the two offences is being investigated.",
    "The crash site was cleared by 6pm.",
    "He paid in the form of a donation.",
    "Scammers often target people online.",
    "They shared the video online.",
    "Our online form closed at midnight.",
    "Please check your provider's website for the latest information.",
    "Turn to the back page of the leaflet.",
    "Use the form below.\n\n[Request form](https://www.example.org.uk/request)",
    "See below for details.",
    "Online abuse is a crime.",
    "You can contact the team on 01632 960000 or through our website.",
    "Find out what happened here last year.",
    "Please stay here until officers arrive.",
    "Please fill in the form at reception.",
    "Please return the form to us by Friday.",
]


@pytest.mark.parametrize(("body", "expected"), PROMISED)
def test_promised_link_is_flagged(body: str, expected: list[str]) -> None:
    assert lint_body(body, CODES) == expected


@pytest.mark.parametrize("body", PROMISED_OK)
def test_promised_link_not_flagged(body: str) -> None:
    assert lint_body(body, CODES) == []


OTHER_PROMISES = [  # deictic words, contact alternatives, tables, leftovers: NL202 (warning)
    ("Please either write or ring.", ["1:8 NL202"]),
    ("For advice, call or email the team.", ["1:13 NL202"]),
    ("You can phone or write to us.", ["1:9 NL202"]),
    ("Please contact us by email or phone.", ["1:8 NL202"]),
    ("For more details, email or call.", ["1:19 NL202"]),
    # the ways joined by "and/or", across a line break, in capitals
    ("For advice, call and/or email the team.", ["1:13 NL202"]),
    ("For advice, call\nor email the team.", ["1:13 NL202"]),
    ("FOR ADVICE, CALL OR EMAIL THE TEAM.", ["1:13 NL202"]),
    ("Please contact us\nby email or phone.", ["1:8 NL202"]),
    (
        "| Meeting | Meeting link |\n| --- | --- |\n| Ward panel | |\n| Surgery | |",
        ["3:15 NL202", "4:12 NL202"],
    ),
    ("| Service | Website |\n|---|---|\n| Recycling |  |", ["3:14 NL202"]),
    ("| Meeting | Link |\n| --- | --- |\n| Ward panel | Join meeting |", ["3:15 NL202"]),
    ("You can find more advice through the NHS (opens new window).", ["1:42 NL202"]),
    ("Read the guidance on GOV UK (external link).", ["1:29 NL202"]),
]
OTHER_PROMISES_OK = [
    "For advice, call or email the team on 01632 960000 or team@example.org.uk.",
    "Please either write to us at 1 High Street, Exampletown EX1 2AB or ring 01632 960000.",
    "Officers will call or visit.",
    "Officers contacted the family by phone.",
    "Please contact us by email at team@example.org.uk.",
    "Call or email us:\n\n* Phone: 01632 960000\n* Email: team@example.org.uk",
    "| Meeting | Meeting link |\n| --- | --- |\n| Ward panel | [Join](https://www.example.org.uk/j) |",
    "| Day | Time |\n| --- | --- |\n| Monday | |",
    "| Meeting | Link |\n| --- | --- |\n| Ward panel | In person only |",
    "| Meeting | Link |\n| --- | --- |\n| Ward panel | <https://www.example.org.uk/j> |",
    "Read the [NHS advice](https://www.nhs.uk/heat) (opens new window).",
    "Read the guidance on https://www.example.gov.uk/guidance (external link).",
]


@pytest.mark.parametrize(("body", "expected"), OTHER_PROMISES)
def test_other_promise_is_flagged(body: str, expected: list[str]) -> None:
    assert lint_body(body, CODES) == expected


@pytest.mark.parametrize("body", OTHER_PROMISES_OK)
def test_other_promise_not_flagged(body: str) -> None:
    assert lint_body(body, CODES) == []


BROKEN_SYNTAX = [  # link syntax that the README promises to catch: NL205, NL206, NL210
    ("Report it on [the form](https//www.example.org.uk/form).", ["1:25 NL205"]),
    ("Report it at https//www.example.org.uk/form today.", ["1:14 NL205"]),
    ("Report it at [the form](https:/www.example.org.uk/form).", ["1:25 NL205"]),
    ("[Report it](https://www.example.org.uk/report.", ["1:1 NL210"]),
    ("Please [report it](www.example.org.uk/report and call 101.", ["1:8 NL210"]),
    ("Report it at [our website] (https://www.example.org.uk/report).", ["1:14 NL210"]),
    ("Register by going to LINK TO FOLLOW.", ["1:22 NL206"]),
    ("Read the guidance (link to follow).", ["1:19 NL206"]),
    ("The booking form is at [INSERT LINK].", ["1:24 NL206"]),
]
BROKEN_SYNTAX_OK = [
    "[Report it](https://www.example.org.uk/report).",
    '[Report it](https://www.example.org.uk/report "Report").',
    "Use square brackets [like this] (and round ones) in text.",
    "Further details to follow.",
    "The link road to follow the A414 opens in May.",
    "See https://www.example.org.uk/form today.",
    "See [the map](https://www.example.org.uk/map_(2024)) for the routes.",
    "Read [the guide](<https://www.example.org.uk/the guide>).",
    "Follow [us] on social media (search for Example Police).",
    "Copy the link into your browser.",
    "Please go to www.example.org.uk/report and fill in the form.",
]


@pytest.mark.parametrize(("body", "expected"), BROKEN_SYNTAX)
def test_broken_syntax_is_flagged(body: str, expected: list[str]) -> None:
    assert lint_body(body, CODES) == expected


@pytest.mark.parametrize("body", BROKEN_SYNTAX_OK)
def test_broken_syntax_not_flagged(body: str) -> None:
    assert lint_body(body, CODES) == []


SUFFIXES = [  # the Public Suffix List decides which endings are real (NL205)
    ("For help visit www.mygov.scot or https://www.gov.wales/report", []),
    ("See www.example.london or www.example.co for more.", []),
    ("Visit www.example.wales/cymraeg today.", []),
    ("Visit www.example.police for more.", ["1:7 NL205"]),
    ("Visit www.exampleforce today.", ["1:7 NL205"]),
    ("Register on [the portal](example.scot/register).", ["1:26 NL204"]),
    ("Read the [notes](README.md) and [the pack](guide.zip).", []),
    # a missing space is not a domain, though "today" is a real suffix
    ("Read the terms here.Today the office is closed.", ["1:1 NL202"]),
]


@pytest.mark.parametrize(("body", "expected"), SUFFIXES)
def test_public_suffixes(body: str, expected: list[str]) -> None:
    assert lint_body(body, CODES) == expected


HOMEPAGES = [  # NL207 only for general sites (forces, councils, government, NHS)
    ("Report it at www.example.police.uk/ now.", ["1:14 NL207"]),
    ("Apply for a permit at www.example.gov.uk/ today.", ["1:23 NL207"]),
    ("Report it anonymously to the charity at https://www.example-charity.org.uk/ today.", []),
    ("Report fraud to Action Fraud at www.actionfraud.police.uk/.", []),
    ("Book a test at www.example.com/ today.", []),
]


@pytest.mark.parametrize(("body", "expected"), HOMEPAGES)
def test_homepage_links(body: str, expected: list[str]) -> None:
    assert lint_body(body, CODES) == expected


CLASS_MESSAGES = [
    (
        "If you have information, contact us at or ring 101.",
        '"contact us at" has no destination: the link or address is missing',
    ),
    ("Call the surgery on.", '"Call the surgery on." has no destination: the number is missing'),
    (
        "To apply, fill in the online form.",
        '"fill in the online form" has no link: add the address or link the words',
    ),
    (
        "Please either write or ring.",
        '"either write or ring" gives no number or address: add the contact details',
    ),
    (
        "| Meeting | Meeting link |\n| --- | --- |\n| Ward panel | |",
        'empty cell in the "Meeting link" column: the link is missing',
    ),
    (
        "| Meeting | Meeting link |\n| --- | --- |\n| Ward panel | Join meeting |",
        '"Join meeting" in the "Meeting link" column has no link: add the address or link the words',
    ),
    (
        "Advice is on the NHS site (opens new window).",
        '"(opens new window)" is left from a link that was removed: restore the link',
    ),
    (
        "Report it on [the form](https//www.example.org.uk/form).",
        '"https//www.example.org.uk/form" has a broken scheme: write "https://"',
    ),
    (
        "[Report it](https://www.example.org.uk/report.",
        'link "[Report it]" is never closed: add ")" after its address',
    ),
    (
        "Report it at [our website] (https://www.example.org.uk/report).",
        '"[our website]" is not a link: remove the space between "]" and "("',
    ),
    (
        "Register by going to LINK TO FOLLOW.",
        'placeholder "LINK TO FOLLOW" left in place of a link',
    ),
]


@pytest.mark.parametrize(("body", "message"), CLASS_MESSAGES)
def test_class_messages(body: str, message: str) -> None:
    assert messages(body, CODES) == [message]


def test_fixes_for_broken_syntax() -> None:
    body = "Report it on [the form](https//www.example.org.uk/form)."
    assert fixed(body, "NL205") == body
    assert fixed(body, "NL205", unsafe=True) == body.replace("https//", "https://")
    # no fix when the repaired scheme would still lead nowhere (no host after it)
    nowhere = "Report it at http:/w@ today."
    assert lint_body(nowhere, "NL205") == ["1:14 NL205"]
    assert fixed(nowhere, "NL205", unsafe=True) == nowhere
    spaced = "Report it at [our website] (https://www.example.org.uk/report)."
    assert fixed(spaced, "NL210") == spaced.replace("] (", "](")


def _doc_examples():
    from newslint.registry import default_registry

    for r in default_registry().rules:
        if r.code in CODES:
            for line in r.doc.splitlines():
                m = re.match(r"\s*(Flagged|Fine):\s+(.*)", line)
                if m:  # "(and the next paragraph has no address)" is a note, not text
                    yield r.code, m.group(1) == "Flagged", re.sub(r"\s{2,}\(.*\)$", "", m[2])


@pytest.mark.parametrize(("code", "flagged", "text"), list(_doc_examples()))
def test_documented_examples(code: str, flagged: bool, text: str) -> None:
    """What `newslint rule NL2xx` shows is what the rule does."""
    assert bool(lint_body(text, code)) == flagged


def test_a_click_with_nothing_after_is_not_a_cut_off() -> None:
    """NL201 reads the calls to action other than "click" (NL202 owns "click here"), whether
    they come from the full list's matches or, when another verb holds "click", a search of
    their own."""
    assert lint_body("To apply, click. For details, visit.", "NL201") == ["1:31 NL201"]
    verbs = {"visit-missing-target": {"cta-verbs": ["visit", "click", "click through to"]}}
    body = "To apply, click through to. For details, visit. Or click."
    assert lint_body(body, "NL201", options=verbs) == ["1:11 NL201", "1:42 NL201"]


def test_thousands_of_calls_to_action_in_one_sentence_cost_little() -> None:
    # found by the fuzzer: "visit this link." 3,000 times with no space after the full stops
    # is one sentence, and each call to action searched all of it again (minutes)
    import time

    started = time.monotonic()
    found = lint_body("Text here." + "visit this link." * 3000 + "\n", "NL202")
    assert len(found) == 3000
    assert time.monotonic() - started < 15


# searching only where a match can begin -------------------------------------------------------

_PREFILTER_TEXTS = [
    "Fill in the form on our website, web site, web-sites or webpage.",
    "See the Web Page, the PAGES, our online  form, the web form or the Forms.",
    "Use the portal, the links below or click HERE; apply ON-LINE or On-line or online.",
    "Visit us, go to the station, Head To town, log on to the site, log onto it, Click.",
    "Visiting hours: there, where, blinking, pageant, formal, linked, upload, goto, visitor.",
    "Kelvin \u212a and dotted \u0130stanbul: visit our website here.",  # letters that lower oddly
    "Long \u017f and dotless \u0131: vi\u017fit the \u0131nternet or go to the online form.",
    "webwebsite here-here link-links",
]


@pytest.mark.parametrize("text", _PREFILTER_TEXTS)
def test_searching_from_first_words_finds_what_a_full_search_finds(text: str) -> None:
    from newslint.document import Document
    from newslint.rules._promises import _ANCHOR, _ANCHOR_STARTS, in_blocks
    from newslint.rules.links import CTA_VERBS, _first_words, _phrase_pattern

    from tests.helpers import article

    doc = Document("a.md", article(text + "\n\n" + text.upper() + "\n"))
    view = doc.prose_text_with_urls
    for pattern, starts in (
        (_ANCHOR, _ANCHOR_STARTS),
        (_phrase_pattern(CTA_VERBS), _first_words(CTA_VERBS)),
    ):
        every = [(b, m.span()) for b, m in in_blocks(doc, pattern, view)]
        assert [(b, m.span()) for b, m in in_blocks(doc, pattern, view, starts)] == every


def test_a_long_run_of_dotted_letters_beside_an_address_costs_little() -> None:
    # found by the fuzzer: in a block holding an @, the e-mail search read a 600,000-character
    # run of "a.a.a…" again from each of its words (minutes); a local part is at most 64
    import time

    started = time.monotonic()
    assert lint_body("Email a@b.co or visit. x" + "a." * 100_000 + " here.", "NL202") == []
    assert time.monotonic() - started < 5


def test_a_call_to_action_reads_a_bounded_frame_in_a_long_sentence() -> None:
    # found by the fuzzer: each of thousands of calls to action in one "sentence" read the
    # sentence from its start for its frame (6,000: 11 s); now 300 characters and the first word
    import time

    started = time.monotonic()
    assert lint_body("Text here." + "visit this link." * 6000 + "\n", "NL201") == []
    assert time.monotonic() - started < 5
    # the sentence's first word still frames a call to action far into it
    far = "If you " + "saw the car on the road and " * 12 + "want to help, visit."
    assert lint_body(far, "NL201") == [f"1:{far.index('visit') + 1} NL201"]

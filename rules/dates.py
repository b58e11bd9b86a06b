"""Date rules (NL3xx): weekdays that match their dates, real dates, and relative dates.

Years come from the text when written, else from the publish date in the front matter
(spec §3.5); without a usable publish date and without a written year the rules stay silent
rather than guess. No fix changes a date or a weekday unless the user opts in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from newslint import Document, Edit, Fix, Hit, Option, rule
from newslint.rules._dates import (
    MONTHS,
    WEEKDAYS,
    DateExpr,
    days_in_month,
    find_dates,
    is_impossible,
    resolve,
)


def dates(doc: Document) -> list[DateExpr]:
    """Every date expression in the prose, with its year resolved (shared by the NL3xx rules)."""
    text = doc.prose_text
    found: list[DateExpr] = []
    for block in doc.blocks:
        found.extend(find_dates(text, block.start, block.end))
    resolve(found, text, doc.sentence_at, doc.publish_date)
    return found


def _long(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _publish_note(doc: Document, e: DateExpr) -> str:
    if e.year_source != "publish":
        return ""
    return f" (year from publish date {doc.front_matter.get('publish.date')})"


@rule(
    code="NL301",
    name="weekday-mismatch",
    severity="error",
    summary="a weekday that does not match its date",
    options={
        "fix-weekday": Option(
            False, "offer an unsafe fix that replaces the weekday with the real one"
        )
    },
)
def weekday_mismatch(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """ "Thursday 20 November" when the 20th was a Wednesday sends witnesses' memories to the
    wrong day. Recognises "Friday 10 March", "Friday, 10th March 2023", "Friday the 10th of
    March", "Friday, March 10", "Friday night (10 March)", "10 March (Friday)", "Friday
    10/03/2023", ranges and lists ("between Friday 10 and Sunday 12 March", "overnight on Friday
    10 into Saturday 11 March") and weekdays paired with days ("on the Thursday and Friday, June
    2 and 3"). A year not written is taken from the sentence, a range or a relative anchor
    ("yesterday (…)"); otherwise each year around the publish date is scored by its distance
    from it, the direction the text points (past tenses, regular or irregular, against "will",
    "until", "from", conditional "would") and whether the weekday fits. So a weekday that fits a
    year within weeks or months of the publish date, in that direction, is taken as meant (a
    notice in December about "Monday 6 January"), while one that fits only a year away is
    reported. No fix by default: either side may be wrong.

    Flagged: [published 14 Mar 2023] Officers patrolled on Saturday 10 March.
    Fine:    [published 16 Dec 2019] Collections are suspended until Monday 6 January.
    Fine:    [published 5 Jan 2023] Patrols ran from Friday 30 December to Monday 2 January.
    Fine:    Our Friday 13th film night returns.
    """
    for e in doc.derive(dates):
        if e.weekday is None or e.resolved is None or is_impossible(e):
            continue
        actual = e.resolved.weekday()
        if actual == e.weekday:
            continue
        written = doc.text[e.hit_start : e.end]
        if e.paired_with:
            written += f'" with "{e.paired_with}'
        message = (
            f'"{written}" does not match {_long(e.resolved)}, a {WEEKDAYS[actual]}'
            f"{_publish_note(doc, e)}"
        )
        fix = None
        if opts["fix-weekday"] and e.weekday_span:
            start, end = e.weekday_span
            fix = Fix.unsafe_edit(
                Edit(start, end, _same_form(doc.text[start:end], WEEKDAYS[actual]))
            )
        yield Hit(e.hit_start, e.end, message, fix)


def _same_form(written: str, weekday: str) -> str:
    """The real weekday in the writer's form: full or abbreviated, case, trailing dot."""
    dot = "." if written.endswith(".") else ""
    core = written.rstrip(".")
    replacement = weekday if len(core) > 4 else weekday[: len(core)]
    if core.isupper():
        replacement = replacement.upper()
    return replacement + dot


@rule(code="NL302", name="impossible-date", severity="error", summary="a date that does not exist")
def impossible_date(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """A day the month does not have: 31 April, 30 February, 29 February 2023 (not a leap
    year). A 29 February with no year is never reported, because its year is only inferred.

    Flagged: [published 2 May 2023] The road reopens on Monday 31 April.
    Fine:    The road reopened on Saturday 29 February 2020.
    """
    for e in doc.derive(dates):
        if (
            e.month == 0
            or not is_impossible(e)
            or (e.day == 29 and e.month == 2 and e.year is None)
        ):
            continue
        start, end = e.day_month_span
        written = e.paired_with or doc.text[start:end]
        if not 1 <= e.month <= 12:
            reason = "there is no month " + str(e.month)
        elif e.day == 29 and e.month == 2:
            reason = f"{e.year} is not a leap year"
        else:
            reason = f"{MONTHS[e.month - 1]} has {days_in_month(e.month, e.year)} days"
        yield Hit(start, end, f'"{written}" is not a real date ({reason})')


@rule(
    code="NL303",
    name="relative-date-mismatch",
    severity="warning",
    summary='"yesterday (…)" or "today (…)" next to a date that is not that day',
    options={
        "relative-tolerance-days": Option(
            0, "days of difference to accept (1 for a desk that publishes the morning after)"
        )
    },
)
def relative_date_mismatch(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """ "Yesterday (Sunday 12 March)" in an article published on 14 March points readers at
    the wrong day. Checked for today, tonight, this morning/afternoon/evening, yesterday (and
    its parts of day), last night and tomorrow (and its parts), when followed by a date in
    brackets or between commas, against the publish date.

    Flagged: [published 14 Mar 2023] The hearing was held yesterday (Sunday 12 March).
    Fine:    [published 14 Mar 2023] A drop-in was held last night (Monday 13 March).
    """
    publish = doc.publish_date
    if publish is None:
        return
    tolerance = opts["relative-tolerance-days"]
    for e in doc.derive(dates):
        if e.anchor is None or e.resolved is None:
            continue
        start, end, phrase, offset = e.anchor
        expected = publish + dt.timedelta(days=offset)
        if abs((e.resolved - expected).days) <= tolerance:
            continue
        given = f"{e.day} {MONTHS[e.month - 1]}" + (f" {e.year}" if e.year else "")
        yield Hit(
            start,
            end,
            f'"{phrase}" would be {_long(expected)} for an article published '
            f"{doc.front_matter.get('publish.date')}, but the date given is {given}",
        )


@rule(
    code="NL304",
    name="date-style",
    severity="warning",
    fixable=True,
    default_enabled=False,
    summary="a date not in the GOV.UK form Friday 10 March 2023",
)
def date_style(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """Opt-in. GOV.UK style writes dates as "Wednesday 13 July 2016": no ordinal suffix, no
    comma after the weekday or before the year, day before month, no "the 10th of". The safe fix
    rewrites the date in that form, keeping the words as written.

    Flagged: Friday, March 10th
    Fine:    Friday 10 March
    """
    for e in doc.derive(dates):
        if e.month == 0 or e.form not in ("F1", "F2", "BARE") or e.partial:
            continue
        ordinal = e.day_token is not None and not e.day_token.text.isdigit()
        if not (ordinal or e.style_tokens or e.form == "F2"):
            continue
        written = doc.text[e.start : e.end]
        good = _gov_uk(doc.text, e)
        yield Hit(
            e.start,
            e.end,
            f'write "{written}" as "{good}"',
            Fix.safe_edit(Edit(e.start, e.end, good)),
        )


def _gov_uk(text: str, e: DateExpr) -> str:
    import re

    month = re.search(
        r"\b(?:" + "|".join(MONTHS) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?",
        text[e.start : e.end],
    )
    parts = []
    if e.weekday_span:
        parts.append(text[e.weekday_span[0] : e.weekday_span[1]])
    parts += [str(e.day), month.group() if month else MONTHS[e.month - 1]]
    if e.year:
        parts.append(str(e.year))
    return " ".join(parts)


RULES = (weekday_mismatch, impossible_date, relative_date_mismatch, date_style)

"""Finding weekday-and-date expressions and resolving their year (spec §3.2–3.5).

Each prose block is split into tokens (weekdays, months, day numbers, years, connectors,
brackets, words); the forms F1–F6 are recognised on the token sequence, which keeps times,
ordinals and street names apart without one giant pattern. Years are resolved in the spec's
order: written, shared along a range, the sentence's one year, a relative anchor, and last the
publish date, where candidate years are scored by distance, the direction the text points and
whether the weekday fits.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from newslint.rules._tense import direction

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY_FORMS = {
    **{w: i for i, w in enumerate(WEEKDAYS)},
    "Mon": 0,
    "Tue": 1,
    "Tues": 1,
    "Wed": 2,
    "Weds": 2,
    "Thu": 3,
    "Thur": 3,
    "Thurs": 3,
    "Fri": 4,
    "Sat": 5,
    "Sun": 6,
}
MONTHS = list(calendar.month_name)[1:]
_MONTH_FORMS = {
    **{m: i for i, m in enumerate(MONTHS, 1)},
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Sept": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}
_PARTS = ("morning", "afternoon", "evening", "night", "lunchtime")


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _names(forms, full) -> str:
    """Full names as they are; abbreviations may carry a dot ("Fri.", "Sept.")."""
    abbreviations = [f for f in forms if f not in full]
    return rf"\b(?:(?:{_alternation(abbreviations)})\b\.?|(?:{_alternation(full)})\b)"


_TOKEN = re.compile(
    rf"(?P<W>{_names(_WEEKDAY_FORMS, WEEKDAYS)})"
    rf"|(?P<M>{_names(_MONTH_FORMS, MONTHS)})"
    r"|(?P<NUMDATE>\b\d{1,2}(?P<sep>[/.])\d{1,2}(?P=sep)(?:\d{4}|\d{2})\b(?![/.]\d))"
    r"|(?P<Y>\b(?:19|20)\d{2}\b(?![.:,/]\d))"
    r"|(?P<D>\b[0-3]?\d(?:st|nd|rd|th)?\b(?![.:/]\d))"
    rf"|(?P<PART>\b(?:{'|'.join(_PARTS)})\b)"
    r"|(?P<THE>\bthe\b)|(?P<OF>\bof\b)"
    r"|(?P<CONN>\b(?:and|to|until|till|through|into)\b|[&\-–—])"
    r"|(?P<LP>\()|(?P<RP>\))|(?P<COMMA>,)"
    r"|(?P<WORD>[^\W\d_][\w'’]*|\d[\w]*)"
    r"|(?P<PUNCT>\S)"
)

REL_OFFSETS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "yesterday morning": -1,
    "yesterday afternoon": -1,
    "yesterday evening": -1,
    "last night": -1,
    "tomorrow": 1,
    "tomorrow morning": 1,
    "tomorrow afternoon": 1,
    "tomorrow evening": 1,
    "tomorrow night": 1,
}
_REL_BEFORE = re.compile(
    rf"\b(?P<rel>{_alternation(REL_OFFSETS)})\s*(?P<how>\(|,)\s*$", re.IGNORECASE
)

_SENTENCE_YEAR = re.compile(r"\b(?:199\d|20\d\d)\b")


class Token(NamedTuple):
    kind: str
    text: str
    start: int
    end: int


@dataclass
class DateExpr:
    """One date as written: the weekday (if any), day, month and written year, with spans."""

    start: int
    end: int
    day: int
    month: int
    year: int | None
    weekday: int | None = None
    form: str = "F1"
    weekday_span: tuple[int, int] | None = None
    day_month_span: tuple[int, int] = (0, 0)  # the `D M [Y]` part, for NL302
    day_token: Token | None = None
    partial: bool = False  # an F6 element that borrows its month
    paired_with: str = ""  # PAIR: the day it was paired with, as written ("June 2")
    chain: int | None = None
    resolved: dt.date | None = None
    year_source: str = ""  # "written", "range", "sentence", "anchor", "publish"
    anchor: tuple[int, int, str, int] | None = None  # (start, end, phrase, offset)
    style_tokens: list[Token] = field(default_factory=list)

    @property
    def hit_start(self) -> int:
        return self.weekday_span[0] if self.weekday_span and self.form != "F4" else self.start


def _tokens(text: str, start: int, end: int) -> list[Token]:
    # the only nested group, `sep`, belongs to NUMDATE
    return [
        Token("NUMDATE" if m.lastgroup == "sep" else m.lastgroup, m.group(), m.start(), m.end())
        for m in _TOKEN.finditer(text, start, end)
    ]


_LEADING_DIGITS = re.compile(r"\d+")
_CLOSING_BRACKET = re.compile(r"\s*\)")
_COMMA = re.compile(r"\s*,")


def _day(token: Token) -> int:
    return int(_LEADING_DIGITS.match(token.text).group())


def _month(token: Token) -> int:
    return _MONTH_FORMS[token.text.rstrip(".")]


def _weekday(token: Token) -> int:
    return _WEEKDAY_FORMS[token.text.rstrip(".")]


def _is_ordinal(token: Token) -> bool:
    return not token.text.isdigit()


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.t = tokens

    def kind(self, i: int) -> str | None:
        return self.t[i].kind if 0 <= i < len(self.t) else None

    def parse(self) -> list[DateExpr]:
        found: list[DateExpr] = []
        i = 0
        while i < len(self.t):
            exprs, nxt = self._at(i)
            if not exprs:
                i += 1
                continue
            found.extend(exprs)
            i = nxt
        return found

    def _at(self, i: int) -> tuple[list[DateExpr], int]:
        k = self.kind(i)
        if k == "W":
            paired = self._weekday_list(i)
            if paired is not None:
                return paired
            expr, nxt = self._weekday_first(i)
            return ([expr] if expr else []), nxt
        if k == "D":
            expr, nxt = self._day_first(i)
            return ([expr] if expr else []), nxt
        if (
            k == "THE"
            and self.kind(i + 1) == "D"
            and self.kind(i + 2) == "OF"
            and self.kind(i + 3) == "M"
        ):
            expr, nxt = self._day_first(i + 1)
            if expr is None:
                return [], nxt
            expr.start = self.t[i].start
            expr.style_tokens = [self.t[i], *expr.style_tokens]
            return [expr], nxt
        return [], i + 1

    def _year_after(self, j: int) -> tuple[Token | None, Token | None, int]:
        """An optional `[,] Y` after index j: (comma, year, next index)."""
        if self.kind(j) == "Y":
            return None, self.t[j], j + 1
        if self.kind(j) == "COMMA" and self.kind(j + 1) == "Y":
            return self.t[j], self.t[j + 1], j + 2
        return None, None, j

    def _day_first(self, i: int) -> tuple[DateExpr | None, int]:
        d = self.t[i]
        j = i + 1
        of = None
        if self.kind(j) == "OF":
            of, j = self.t[j], j + 1
        if self.kind(j) != "M":
            return None, i + 1
        m = self.t[j]
        comma, y, j = self._year_after(j + 1)
        expr = DateExpr(
            d.start,
            (y or m).end,
            _day(d),
            _month(m),
            _year(y),
            form="BARE",
            day_month_span=(d.start, (y or m).end),
            day_token=d,
        )
        expr.style_tokens = [t for t in (of, comma) if t]
        if self.kind(j) == "LP" and self.kind(j + 1) == "W" and self.kind(j + 2) == "RP":  # F4
            w = self.t[j + 1]
            expr.form, expr.weekday, expr.weekday_span = "F4", _weekday(w), (w.start, w.end)
            expr.end = self.t[j + 2].end
            return expr, j + 3
        return expr, j

    def _weekday_first(self, i: int) -> tuple[DateExpr | None, int]:
        w = self.t[i]
        j = i + 1
        comma = None
        if self.kind(j) == "COMMA":
            comma, j = self.t[j], j + 1
            if self.kind(i - 1) == "CONN" and self.kind(i - 2) == "W":
                # "Monday to Friday, 10 June to 14 June": the date belongs to the list of
                # weekdays (unpaired), not to its last weekday
                return None, i + 1
        k = self.kind(j)
        if k == "NUMDATE":  # F5
            return self._numeric(w, self.t[j]), j + 1
        if k in ("PART", "LP") and comma is None:  # F3
            found = self._weekday_then_date(w, j)
            return found if found else (None, i + 1)
        if k == "M" and self.kind(j + 1) == "D":  # F2, US order
            m, d = self.t[j], self.t[j + 1]
            comma2, y, q = self._year_after(j + 2)
            expr = DateExpr(
                w.start,
                (y or d).end,
                _day(d),
                _month(m),
                _year(y),
                _weekday(w),
                "F2",
                (w.start, w.end),
                (m.start, (y or d).end),
                d,
            )
            expr.style_tokens = [t for t in (comma, comma2) if t]
            return expr, q
        the = None
        if k == "THE":
            the, j = self.t[j], j + 1
        if self.kind(j) != "D":
            return None, i + 1
        d = self.t[j]
        j += 1
        of = None
        if self.kind(j) == "OF" and self.kind(j + 1) == "M":
            of, j = self.t[j], j + 1
        if self.kind(j) == "M":  # F1
            m = self.t[j]
            comma2, y, q = self._year_after(j + 1)
            expr = DateExpr(
                w.start,
                (y or m).end,
                _day(d),
                _month(m),
                _year(y),
                _weekday(w),
                "F1",
                (w.start, w.end),
                (d.start, (y or m).end),
                d,
            )
            expr.style_tokens = [t for t in (comma, the, of, comma2) if t]
            return expr, q
        # "W D" with no month: an F6 element only if a connector and another weekday follow
        if the is None and self.kind(j) in ("CONN", "COMMA") and self._weekday_follows(j):
            expr = DateExpr(
                w.start,
                d.end,
                _day(d),
                0,
                None,
                _weekday(w),
                "F1",
                (w.start, w.end),
                (d.start, d.end),
                d,
            )
            expr.partial = True
            expr.style_tokens = [t for t in (comma,) if t]
            return expr, j
        return None, i + 1

    def _day_month_at(self, j: int) -> tuple[Token, Token, Token | None, int] | None:
        """`D M [Y]` or `M D [Y]` at index j: (day, month, year, next index)."""
        if self.kind(j) == "D" and self.kind(j + 1) == "M":
            d, m = self.t[j], self.t[j + 1]
        elif self.kind(j) == "M" and self.kind(j + 1) == "D":
            m, d = self.t[j], self.t[j + 1]
        else:
            return None
        _, y, nxt = self._year_after(j + 2)
        return d, m, y, nxt

    def _weekday_then_date(self, w: Token, j: int) -> tuple[DateExpr, int] | None:
        """F3: `W [PART] (D M [Y])`, and `W PART[,] D M [Y]` ("on Friday night, 5 May")."""
        part = self.kind(j) == "PART"
        p = j + 1 if part else j
        if part and self.kind(p) == "COMMA":
            p += 1
        bracket = self.kind(p) == "LP"
        if not (bracket or part):
            return None
        found = self._day_month_at(p + 1 if bracket else p)
        if found is None:
            return None
        d, m, y, q = found
        if bracket and self.kind(q) != "RP":
            return None
        first = min(d, m, key=lambda t: t.start)
        last = y or max(d, m, key=lambda t: t.end)
        end = self.t[q].end if bracket else last.end
        return DateExpr(
            w.start,
            end,
            _day(d),
            _month(m),
            _year(y),
            _weekday(w),
            "F3",
            (w.start, w.end),
            (first.start, last.end),
            d,
        ), (q + 1 if bracket else q)

    def _weekday_list(self, i: int) -> tuple[list[DateExpr], int] | None:
        """A list of weekdays paired in order with a list of days: "on the Thursday and
        Friday, June 2 and 3", "Saturday and Sunday (3 and 4 June)"."""
        weekdays = [self.t[i]]
        j = i + 1
        while True:
            k = j
            while self.kind(k) in ("CONN", "COMMA") and k - j < 2:
                k += 1
            if k == j or self.kind(k) != "W":
                break
            weekdays.append(self.t[k])
            j = k + 1
        if len(weekdays) < 2:
            return None
        if self.kind(j) == "COMMA":
            j += 1
        bracket = self.kind(j) == "LP"
        j += bracket
        month = None
        if self.kind(j) == "M":
            month, j = self.t[j], j + 1
        days = []
        while self.kind(j) == "D":
            days.append(self.t[j])
            k = j + 1
            while self.kind(k) in ("CONN", "COMMA") and k - j <= 2:
                k += 1
            if k == j + 1 or self.kind(k) != "D":
                j += 1
                break
            j = k
        if month is None and self.kind(j) == "M":
            month, j = self.t[j], j + 1
        if month is None or len(days) != len(weekdays):
            return None
        _, y, j = self._year_after(j)
        if bracket:
            if self.kind(j) != "RP":
                return None
            j += 1
        pairs = []
        for w, d in zip(weekdays, days, strict=True):
            expr = DateExpr(
                w.start,
                w.end,
                _day(d),
                _month(month),
                _year(y),
                _weekday(w),
                "PAIR",
                (w.start, w.end),
                (d.start, d.end),
                d,
            )
            parts = (month, d) if month.start < d.start else (d, month)
            expr.paired_with = " ".join(t.text for t in parts) + (f" {y.text}" if y else "")
            pairs.append(expr)
        return pairs, j

    def _weekday_follows(self, j: int) -> bool:
        while self.kind(j) in ("CONN", "COMMA"):
            j += 1
        return self.kind(j) == "W"

    def _numeric(self, w: Token, n: Token) -> DateExpr | None:
        day, month, year = (int(x) for x in re.split(r"[/.]", n.text))
        if year < 100:
            year += 2000
        if month > 12 and 1 <= day <= 12:
            # "Wed, 01/31/2024" (a content system's US timestamp) has no day-first reading
            day, month = month, day
        return DateExpr(
            w.start, n.end, day, month, year, _weekday(w), "F5", (w.start, w.end), (n.start, n.end)
        )


def _year(token: Token | None) -> int | None:
    return int(token.text) if token else None


def link_chains(exprs: list[DateExpr], tokens: list[Token]) -> None:
    """Group expressions joined by connectors into F6 chains; partial ones borrow a month."""
    position = {t.start: i for i, t in enumerate(tokens)}
    chain_id = 0
    for a, b in zip(exprs, exprs[1:], strict=False):
        between = tokens[_index_after(position, tokens, a.end) : position.get(b.start, 0)]
        if between and all(t.kind in ("CONN", "COMMA") for t in between) and len(between) <= 2:
            if a.chain is None:
                chain_id += 1
                a.chain = chain_id
            b.chain = a.chain
        elif a.partial and a.chain is None:
            a.chain = None
    # borrow month (and year) from the first later element that has one
    for i, e in enumerate(exprs):
        if not e.partial:
            continue
        donor = next(
            (
                f
                for f in exprs[i + 1 :]
                if f.chain == e.chain and e.chain is not None and not f.partial
            ),
            None,
        )
        if donor is None:
            e.month = 0
            continue
        e.month = donor.month


def _index_after(position: dict[int, int], tokens: list[Token], offset: int) -> int:
    # tokens are in text order: a binary search keeps long runs of dates linear
    return bisect_left(tokens, offset, key=lambda t: t.start)


def days_in_month(month: int, year: int | None) -> int:
    if year is None:
        return 29 if month == 2 else calendar.monthrange(2001, month)[1]
    return calendar.monthrange(year, month)[1]


def is_impossible(e: DateExpr) -> bool:
    if not 1 <= e.month <= 12 or e.day < 1:
        return True
    return e.day > days_in_month(e.month, e.year)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _union(spans) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _inside(offset: int, merged: list[tuple[int, int]]) -> bool:
    i = bisect_right(merged, (offset, float("inf"))) - 1
    return i >= 0 and merged[i][0] <= offset < merged[i][1]


def resolve(exprs: list[DateExpr], text: str, sentence_of, publish: dt.date | None) -> None:
    """Give every complete expression a `resolved` date (or leave it None) per spec §3.5."""
    anchors(exprs, text)
    chains: dict[int, list[DateExpr]] = {}
    for e in exprs:
        if e.chain is not None:
            chains.setdefault(e.chain, []).append(e)
    covered = _union((e.start, e.end) for e in exprs)
    sentence_years: dict[tuple[int, int], set[int]] = {}
    for e in exprs:
        if e.month == 0 or is_impossible_for_any_year(e):
            continue
        if e.year is not None:
            e.resolved, e.year_source = _date(e.year, e.month, e.day), "written"
    for members in chains.values():
        _share_years(members)
    for e in exprs:
        if e.resolved or e.month == 0 or is_impossible_for_any_year(e):
            continue
        span = sentence_of(e.start)
        if span not in sentence_years:  # one scan per sentence, however many dates it holds
            sentence_years[span] = {
                int(m.group())
                for m in _SENTENCE_YEAR.finditer(text, *span)
                if not _inside(m.start(), covered)
            }
        years = set(sentence_years[span])
        if len(years) == 1:
            year = years.pop()
            if _date(year, e.month, e.day):
                e.resolved, e.year_source = _date(year, e.month, e.day), "sentence"
                continue
        if publish is None:
            continue
        if e.anchor is not None:
            target = publish + dt.timedelta(days=e.anchor[3])
            options = [
                d
                for y in (target.year - 1, target.year, target.year + 1)
                if (d := _date(y, e.month, e.day))
            ]
            if options:
                e.resolved = min(options, key=lambda d: (abs((d - target).days), d))
                e.year_source = "anchor"
            continue
        if e.chain is not None:
            members = [
                f
                for f in chains[e.chain]
                if not f.resolved and f.month and not is_impossible_for_any_year(f)
            ]
            if members and members[0] is e:
                _infer_from_publish(members, context(text, *span, e.start), publish)
            continue
        _infer_from_publish([e], context(text, *span, e.start), publish)


def is_impossible_for_any_year(e: DateExpr) -> bool:
    return e.month < 1 or e.month > 12 or e.day < 1 or e.day > days_in_month(e.month, None)


def _share_years(members: list[DateExpr]) -> None:
    """F6: a written year flows back to earlier elements and forward to later ones (§3.5 step 2)."""
    changed = True
    while changed:
        changed = False
        for i, e in enumerate(members):
            if e.resolved or e.month == 0:
                continue
            later = next(
                (
                    f
                    for f in members[i + 1 :]
                    if f.resolved and f.year_source in ("written", "range")
                ),
                None,
            )
            earlier = next(
                (
                    f
                    for f in reversed(members[:i])
                    if f.resolved and f.year_source in ("written", "range")
                ),
                None,
            )
            choice = None
            if later is not None:
                options = [
                    d
                    for y in (later.resolved.year, later.resolved.year - 1)
                    if (d := _date(y, e.month, e.day))
                ]
                choice = next(
                    (d for d in options if d <= later.resolved and (later.resolved - d).days < 366),
                    None,
                )
            if choice is None and earlier is not None:
                options = [
                    d
                    for y in (earlier.resolved.year, earlier.resolved.year + 1)
                    if (d := _date(y, e.month, e.day))
                ]
                choice = next(
                    (
                        d
                        for d in options
                        if d >= earlier.resolved and (d - earlier.resolved).days < 366
                    ),
                    None,
                )
            if choice is not None:
                e.resolved, e.year_source = choice, "range"
                changed = True


# Year inference from the publish date (issue #16): each candidate year is scored by its
# distance from the publish date, a penalty when it lies on the side the text points away
# from, and a bonus when the written weekday fits it. So a year that makes the weekday fit and
# lies within weeks or months of the publish date wins over a tense guess, while a weekday that
# only fits a year away (the usual slip of one day) is still reported.
FIT_BONUS = 250  # days of distance that a fitting weekday outweighs
WRONG_WAY = 365  # the cost of a date on the side of the publish date the text points away from
GRACE = 7  # days on the "wrong" side that cost nothing: "this week", a day's publishing delay


def _cost(day: dt.date, publish: dt.date, way: str) -> int:
    offset = (day - publish).days
    wrong = (way == "past" and offset > GRACE) or (way == "future" and offset < -GRACE)
    return abs(offset) + (WRONG_WAY if wrong else 0)


def _follow(first: dt.date, members: list[DateExpr]) -> list[dt.date | None]:
    """The dates of a chain whose first element is `first`: each later one on or after the one
    before, in the nearest year that allows it."""
    out: list[dt.date | None] = [first]
    previous = first
    for later in members[1:]:
        day = next(
            (
                d
                for y in (previous.year, previous.year + 1)
                if (d := _date(y, later.month, later.day)) and d >= previous
            ),
            None,
        )
        out.append(day)
        previous = day or previous
    return out


_YEAR_WORDS = re.compile(r"\b(?P<which>last|next)\s+year\b", re.IGNORECASE)


def _infer_from_publish(members: list[DateExpr], clause: str, publish: dt.date) -> None:
    """Resolve a year-less date, or a chain of them, from the publish date (see FIT_BONUS)."""
    first = members[0]
    way = direction(clause)
    shifts = {m.group("which").lower() for m in _YEAR_WORDS.finditer(clause)}
    if len(shifts) == 1:  # "on Friday 10 March last year": measure from a year before
        step = -1 if shifts == {"last"} else 1
        year = publish.year + step
        publish = _date(year, publish.month, publish.day) or dt.date(year, 2, 28)  # 29 Feb
    best: tuple[float, list[dt.date | None]] | None = None
    for year in range(publish.year - 1, publish.year + 2):
        start = _date(year, first.month, first.day)
        if start is None:
            continue
        days = _follow(start, members)
        checked = [(e, d) for e, d in zip(members, days, strict=True) if e.weekday is not None]
        fits = sum(1 for e, d in checked if d is not None and d.weekday() == e.weekday)
        cost = _cost(start, publish, way) - (FIT_BONUS * fits / len(checked) if checked else 0)
        if best is None or cost < best[0]:
            best = (cost, days)
    if best is None:
        return
    for e, day in zip(members, best[1], strict=True):
        e.resolved, e.year_source = day, "publish"


_LIST_LINE = re.compile(r"\n[ \t]*(?=[A-Z0-9•·*\-–(])|[:;]\s*\n")


# How far from a date its tense is read, either way. Real sentences are shorter (the longest in
# 80 real articles has 604 characters), while a "sentence" of pasted data can hold thousands of
# dates, and each would read the whole of it again (3,000 dates took seconds; found by the fuzzer).
_CONTEXT_REACH = 500


def context(text: str, start: int, end: int, offset: int) -> str:
    """The text whose tense bears on the date at `offset`: its sentence, cut at line breaks that
    start a new list item or table row (a line beginning with a capital, digit or bullet), and
    at most `_CONTEXT_REACH` characters either side of the date, cut at a space."""
    if offset - start > _CONTEXT_REACH:
        space = text.find(" ", offset - _CONTEXT_REACH, offset)
        start = space + 1 if space >= 0 else offset - _CONTEXT_REACH
    if end - offset > _CONTEXT_REACH:
        space = text.rfind(" ", offset, offset + _CONTEXT_REACH)
        end = space if space > offset else offset + _CONTEXT_REACH
    for m in _LIST_LINE.finditer(text, start, end):
        if m.end() <= offset:
            start = m.end()
        elif m.start() >= offset:
            end = m.start()
            break
    return text[start:end]


def anchors(exprs: list[DateExpr], text: str) -> None:
    """Attach §3.4 relative anchors: "yesterday (Sunday 12 March)", "today, 14 March,"."""
    for e in exprs:
        m = _REL_BEFORE.search(text, max(0, e.start - 40), e.start)
        if not m:
            continue
        if m.group("how") == "(":
            after = _CLOSING_BRACKET.match(text, e.end, e.end + 3)
            if not after:
                continue
        elif not _COMMA.match(text, e.end, e.end + 3):
            continue
        phrase = m.group("rel")
        e.anchor = (m.start("rel"), m.end("rel"), phrase, REL_OFFSETS[phrase.lower()])


# whether a weekday or month name is there at all (where `_TOKEN`'s W or M could match): each
# name starts with its capital, then looks back past it for the word boundary, so that a search
# passes over every place without one of the names' capitals at once (a pattern that starts
# with a look-around is tried at each place)
_ANY_NAME = re.compile(
    "|".join(
        re.escape(name[0]) + r"(?<!\w.)" + re.escape(name[1:]) + r"\b"
        for name in sorted({*_WEEKDAY_FORMS, *_MONTH_FORMS}, key=len, reverse=True)
    )
)


def find_dates(text: str, start: int, end: int) -> list[DateExpr]:
    if not _ANY_NAME.search(text, start, end):
        return []  # every form needs a weekday or a month name: most paragraphs have neither
    tokens = _tokens(text, start, end)
    exprs = _Parser(tokens).parse()
    link_chains(exprs, tokens)
    return exprs

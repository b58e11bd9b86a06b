"""Phone-number rules (NL4xx): valid, well-grouped, consistent and the right number for the name.

libphonenumber decides validity and the canonical digits; the house grouping of spec §1.2 decides
what is well written. No fix ever changes a digit unless it is marked unsafe (spec §1.6).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any

from newslint import Document, Edit, Fix, Hit, Option, corpus_rule, rule
from newslint.rules._phones import (
    PhoneNumber,
    ShortCode,
    canonical_form,
    digit_edit_distance,
    find_numbers,
    find_short_codes,
    fix_is_safe,
    is_accepted,
    looks_like_phone,
    same_text,
)

KNOWN_NUMBERS = {
    "Crimestoppers": "0800 555 111",
    "Action Fraud": "0300 123 2040",
    "National Domestic Abuse Helpline": "0808 2000 247",
    "Samaritans": "116 123",
    "Childline": "0800 1111",
    "Anti-Terrorist Hotline": "0800 789 321",
    "Victim Support": "0808 168 9111",
    "Modern Slavery Helpline": "08000 121 700",
    "NSPCC": "0808 800 5000",
    "Stop Hate UK": "0800 138 1625",
    "Relay UK": "18001 101",
    "text relay": "18001 101",
}

_KNOWN = Option(KNOWN_NUMBERS, "service name -> its official number, as it should be written")
_MEMORABLE = Option(True, "accept 2-digit groups in non-geographic numbers (0845 33 00 222)")
_INTERNATIONAL = Option(True, "accept the +44 form (for callers from abroad)")
_REGION = Option(
    "GB", "numbering plan the numbers belong to (only GB is supported)", choices=("GB",)
)
_GROUPING = {
    "known-numbers": _KNOWN,
    "allow-memorable": _MEMORABLE,
    "allow-international": _INTERNATIONAL,
    "region": _REGION,
}
_DIGIT = re.compile(r"\d")
_NUMBER_RUN = re.compile(
    r"(?<![\w/£$€.,:])(?:\+44[ \u00a0]?(?:\(0\)[ \u00a0]?)?)?\(?\d[\d \u00a0().-]*\d(?!\d)"
)


_NON_DIGIT = re.compile(r"\D")


@lru_cache(maxsize=8)
def _service_patterns(known: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern[str], str, str]]:
    """Each service name's pattern, compiled once per run."""
    return [
        (re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE), name, form)
        for name, form in known
    ]


def phone_numbers(doc: Document) -> list[PhoneNumber]:
    """Every long-number candidate in the prose, in order (shared by the NL4xx rules)."""
    found: list[PhoneNumber] = []
    for block in doc.blocks:
        found.extend(find_numbers(doc.prose_text, block.start, block.end))
    return found


def short_codes(doc: Document) -> list[ShortCode]:
    found: list[ShortCode] = []
    for block in doc.blocks:
        found.extend(find_short_codes(doc.prose_text, block.start, block.end))
    return found


def _accepted(n: PhoneNumber, opts: Mapping[str, Any]) -> bool:
    return is_accepted(n, opts["allow-memorable"], opts["allow-international"])


def _official(number: PhoneNumber, known: Mapping[str, str]) -> str | None:
    for form in known.values():
        if _NON_DIGIT.sub("", form) == number.digits:
            return form
    return None


def _fix(number: PhoneNumber, replacement: str, *, unsafe: bool = False) -> Fix:
    edit = Edit(number.start, number.end, replacement)
    if unsafe or not fix_is_safe(number.text, replacement):
        return Fix.unsafe_edit(edit)
    return Fix.safe_edit(edit)


@rule(
    code="NL401",
    name="phone-format",
    severity="warning",
    fixable=True,
    summary="a valid phone number written in a form the house style does not accept",
    options=_GROUPING,
)
def phone_format(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """Groups must be separated by single spaces: the area code, then the rest as libphonenumber
    groups it or in blocks of 3–4 digits (2–4 for non-geographic numbers); no hyphens, dots or
    brackets, except `+44 (0)20 …`. The suggestion is the article's own accepted form of the
    same number, else its official form, else libphonenumber's. The fix changes separators only;
    dropping a trunk 0 after +44 is an unsafe fix.

    Flagged: Call our front desk on 01438-757000.       → "01438 757000"
    Flagged: Overseas callers: +44 0113 496 0123.       → "+44 113 496 0123" (unsafe)
    Fine:    Call 0800 555 111, 01707 354 000 or +44 (0)20 7946 0123.
    """
    numbers = [n for n in doc.derive(phone_numbers) if n.valid]
    accepted = [n for n in numbers if _accepted(n, opts)]
    for n in numbers:
        if n in accepted:
            continue
        want_international = n.international and opts["allow-international"]
        same = [
            a.text for a in accepted if a.e164 == n.e164 and a.international == want_international
        ]
        official = _official(n, opts["known-numbers"]) if not want_international else None
        if same:
            suggestion = same[0]
        elif official:
            suggestion = official
        elif want_international:
            suggestion = canonical_form(n)
        else:
            suggestion = n.national_format
        trunk_zero = n.international and re.match(r"\+44[ \u00a0]*0", n.text)
        yield Hit(
            n.start,
            n.end,
            f'"{n.text}" should be written "{suggestion}"',
            _fix(n, suggestion, unsafe=bool(trunk_zero)),
        )


@rule(
    code="NL402",
    name="phone-inconsistent",
    severity="warning",
    fixable=True,
    summary="one phone number written in two accepted forms in one article",
    options=_GROUPING,
)
def phone_inconsistent(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """Each number should look the same every time it appears. `+44 …` for callers abroad and
    `0…` for UK callers are compared separately, because giving both is deliberate. A form
    that is not accepted at all is NL401's, not this rule's.

    Flagged: Ring 0300 123 4040 … later … 0300 1234 040.
    Fine:    +44 (0)20 7946 0123 for callers from abroad and 020 7946 0123 in the UK.
    """
    first: dict[tuple[str | None, str], str] = {}
    for n in doc.derive(phone_numbers):
        if not n.valid or not _accepted(n, opts):
            continue
        key = (n.e164, n.family)
        if key not in first:
            first[key] = n.text
        elif not same_text(n.text, first[key]):
            yield Hit(
                n.start,
                n.end,
                f'"{n.text}" is written "{first[key]}" earlier in this article',
                _fix(n, first[key]),
            )


@rule(
    code="NL403",
    name="phone-invalid",
    severity="error",
    summary="something written as a phone number that is not a valid UK number",
)
def phone_invalid(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """libphonenumber rejects the number: a digit is missing or extra, or the range is not in
    use. Runs that only look numeric (references, dates, times, money) are skipped; an invalid
    run is reported only when it looks like a phone number (its first group is a 3–5 digit
    code starting with 0, or a word such as "call" or "ring" comes just before it).

    Flagged: For details call 01632 96012.
    Fine:    Quote reference 41/222333/23 when you call 101.
    """
    text = doc.prose_text
    for n in doc.derive(phone_numbers):
        if n.valid:
            continue
        block_start = next((b.start for b in doc.blocks if b.start <= n.start < b.end), n.start)
        if not looks_like_phone(text, n, block_start):
            continue
        yield Hit(n.start, n.end, f'"{n.text}" is not a valid UK number{_length_hint(n)}')


def _length_hint(n: PhoneNumber) -> str:
    after_zero = len(n.digits) - 1
    prefix = n.digits[:4] if n.digits.startswith(("02", "03", "07", "08", "09")) else n.digits[:2]
    if prefix.startswith(("02", "03", "07", "09")) or (
        prefix.startswith("08") and prefix != "0800"
    ):
        expected = "10"
        ok = after_zero == 10
    else:
        expected = "9 or 10"
        ok = after_zero in (9, 10)
    if ok:
        return ""
    return f" ({after_zero} digits after the 0; {prefix} numbers have {expected})"


@rule(
    code="NL404",
    name="phone-known-number",
    severity="warning",
    fixable=True,
    summary="a number one digit away from the official number of the service named beside it",
    options={"known-numbers": _KNOWN},
)
def phone_known_number(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """When a sentence names a known service (Crimestoppers, Action Fraud, Samaritans, …) and
    gives a number one digit insertion, deletion or substitution away from the service's
    official number, the number is almost certainly mistyped, even when it is itself valid.
    The fix (unsafe) writes the official number.

    Flagged: Tell Crimestoppers on 0800 555 112.
    Fine:    Tell Crimestoppers on 0800 555 111.
    """
    text = doc.prose_text
    # a plain substring test finds the services an article names at all: a case-blind search
    # for any of them, run over the whole text, cost more than the rest of the rule
    folded = text.casefold()
    named = [
        entry
        for entry in _service_patterns(tuple(opts["known-numbers"].items()))
        if entry[1].casefold() in folded
    ]
    if not named:
        return
    for start, end in doc.sentences:
        if not _DIGIT.search(text, start, end):
            continue  # most sentences hold no number
        for pattern, name, form in named:
            if not pattern.search(text, start, end):
                continue
            official = _NON_DIGIT.sub("", form)
            for m in _NUMBER_RUN.finditer(text, start, end):
                digits = _NON_DIGIT.sub("", m.group())
                if digits.startswith("44") and m.group().startswith("+"):
                    digits = "0" + digits[2:].removeprefix("0")
                if (
                    digits == official
                    or len(digits) < 3
                    or digit_edit_distance(digits, official) != 1
                ):
                    continue
                owner = f"{name}'" if name.endswith("s") else f"{name}'s"
                yield Hit(
                    m.start(),
                    m.end(),
                    f'{owner} number is {form}, not "{m.group()}"',
                    Fix.unsafe_edit(Edit(m.start(), m.end(), form)),
                )


@rule(
    code="NL405",
    name="short-code-format",
    severity="warning",
    fixable=True,
    summary="a short service code written unspaced or hyphenated",
)
def short_code_format(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """Six-digit helplines and the text-relay prefix are written with a space, as their
    operators publish them: 116 123, 116 000, 116 111, 18001 101.

    Flagged: Samaritans are available on 116123.
    Fine:    Samaritans are available on 116 123.
    """
    for code in doc.derive(short_codes):
        if " " in code.canonical and not same_text(code.text, code.canonical):
            yield Hit(
                code.start,
                code.end,
                f'write "{code.text}" as "{code.canonical}"',
                Fix.safe_edit(Edit(code.start, code.end, code.canonical)),
            )


def _collect_forms(doc: Document, opts: Mapping[str, Any]) -> list[tuple[str, str, str, int, int]]:
    """(E.164, written form, libphonenumber's form, start, end) of each accepted national number."""
    return [
        (n.e164, n.text.replace("\u00a0", " "), n.national_format, n.start, n.end)
        for n in doc.derive(phone_numbers)
        if n.valid and not n.international and is_accepted(n, opts["allow-memorable"], True)
    ]


@corpus_rule(
    code="NL407",
    name="phone-corpus-variant",
    severity="warning",
    collect=_collect_forms,
    summary="a number written differently from the form most articles use",
    options={"known-numbers": _KNOWN, "allow-memorable": _MEMORABLE},
)
def phone_corpus_variant(
    summaries: Sequence[tuple[str, Any]], opts: Mapping[str, Any]
) -> Iterator[tuple[str, Hit]]:
    """Opt-in; compares every selected article. For each number, the canonical form is its
    official form (`known-numbers`) or else the accepted form used by the most articles (a tie
    goes to libphonenumber's form). Each article writing it otherwise is reported once per
    number. `newslint --select NL407 archive/`.

    Flagged: 0300 1234 040 in one article when forty write 0300 123 4040
    Fine:    every article writing 0300 123 4040
    """
    articles_using: dict[str, Counter] = defaultdict(Counter)
    libphonenumber_form: dict[str, str] = {}
    for _path, forms in summaries:
        for e164, _form, national, _s, _e in forms:
            libphonenumber_form[e164] = national
        for e164, form in {(e164, form) for e164, form, *_ in forms}:
            articles_using[e164][form] += 1
    official = {}
    for form in opts["known-numbers"].values():
        digits = re.sub(r"\D", "", form)
        for e164, national in libphonenumber_form.items():
            if re.sub(r"\D", "", national) == digits:
                official[e164] = form
    canonical = {}
    for e164, counts in articles_using.items():
        if e164 in official:
            canonical[e164] = (official[e164], "its official form")
            continue
        best = max(
            counts.items(), key=lambda kv: (kv[1], kv[0] == libphonenumber_form[e164], kv[0])
        )
        canonical[e164] = (best[0], f"the form {best[1]} of {sum(counts.values())} articles use")
    for path, forms in summaries:
        reported = set()
        for e164, form, _national, start, end in forms:
            want, why = canonical[e164]
            if form != want and e164 not in reported:
                reported.add(e164)
                yield path, Hit(start, end, f'"{form}" differs from "{want}", {why}')


RULES = (
    phone_format,
    phone_inconsistent,
    phone_invalid,
    phone_known_number,
    short_code_format,
    phone_corpus_variant,
)

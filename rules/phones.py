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
    find_numbers,
    find_short_codes,
    fix_is_safe,
    is_accepted,
    looks_like_phone,
    same_text,
)
from newslint.rules._scan import (
    digit_blocks,
    digit_places,
    holds_digit,
    lowers_safely,
    trie_pattern,
)
from newslint.rules._services import Service, distance, reversed_last_group, with_known_numbers

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
# the first character, then a look back past it (see `newslint.rules._phones._START`)
_NUMBER_RUN = re.compile(
    r"[+(\d](?<![\w/£$€.,:].)(?:(?<=\+)44[ \u00a0]?(?:\(0\)[ \u00a0]?)?\(?\d|(?<=\()\d|(?<=\d))"
    r"[\d \u00a0().-]*\d(?!\d)"
)


_NON_DIGIT = re.compile(r"\D")
_TRUNK_ZERO = re.compile(r"\+44[ \u00a0]*0")


def phone_numbers(doc: Document) -> list[PhoneNumber]:
    """Every long-number candidate in the prose, in order (shared by the NL4xx rules)."""
    found: list[PhoneNumber] = []
    for block in digit_blocks(doc):
        found.extend(find_numbers(doc.prose_text, block.start, block.end))
    return found


def short_codes(doc: Document) -> list[ShortCode]:
    found: list[ShortCode] = []
    for block in digit_blocks(doc):
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
        trunk_zero = n.international and _TRUNK_ZERO.match(n.text)
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


_CALL_VERB = re.compile(
    r"(?i:\b(?:call|calling|dial|dialling|ring|ringing|phone|phoning|text|texting|contact)"
    r"(?:\s+(?:the\s+)?(?:police|us|them|it|free|anonymously))?(?:\s+on)?|\bon)\s*$"
)
# what may stand between a service's name and the number given for it: "NHS 111 on 101",
# "In an emergency, call 111", "the non-emergency number is 111"
_GIVEN_FOR = re.compile(
    r"(?:\s*(?:(?:number|line|helpline)\b)?\s*,?\s*(?:(?:always|please|just|then)\s+)?"
    r"(?:call|dial|ring|phone|contact|text)|\s*(?:(?:number|line|helpline)\s+)?(?:is|are|on|:))"
    r"(?:\s+(?:the\s+)?(?:police|us|them))?(?:\s+on)?\s*",
    re.IGNORECASE,
)


def _given_for(text: str, name_end: int, number_start: int) -> bool:
    return name_end == number_start or bool(_GIVEN_FOR.fullmatch(text, name_end, number_start))


def _run_digits(run: str) -> str:
    digits = _NON_DIGIT.sub("", run)
    if run.startswith("+") and digits.startswith("44"):
        digits = "0" + digits[2:].removeprefix("0")
    return digits


def _owner(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@rule(
    code="NL404",
    name="phone-known-number",
    severity="warning",
    fixable=True,
    summary="a number one slip away from the official number of the service named beside it, "
    "or another service's number",
    options={"known-numbers": _KNOWN},
)
def phone_known_number(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """When a sentence names a service (Crimestoppers, Action Fraud, Samaritans, the police
    non-emergency number, NHS 111, …) and gives a number one slip away from the service's
    official number (a digit missing, extra or wrong, two neighbouring digits swapped, or the
    last group reversed), the number is almost certainly mistyped, even when it is itself
    valid. So is another service's number given for the one named ("call police on 111"), and
    "dial 99". Official second lines (textphone, Relay UK, Welsh-language) are never reported.
    The services and their numbers are data (`rules/data/services.yaml`); `known-numbers` adds
    your own. The fix (unsafe) writes the official number.

    Flagged: Report the scam to Action Fraud on 0300 123 2004.
    Flagged: If it is not an emergency, call police on 111.
    Fine:    Action Fraud is on 0300 123 2040 (textphone 0300 123 2050).
    """
    text = doc.prose_text
    services: tuple[Service, ...] = ()
    digits = digit_places(doc)
    for start, end in doc.sentences:
        if not holds_digit(digits, start, end):
            continue  # most sentences hold no number
        if not services:
            services, official, names = _services(tuple(opts["known-numbers"].items()))
        named = [
            (m, s)
            for s in _maybe_named(services, names, text[start:end])
            for m in s.pattern.finditer(text, start, end)
        ]
        runs = list(_NUMBER_RUN.finditer(text, start, end))
        numbers = {
            _run_digits(r.group())
            for r in runs
            if not any(m.start() <= r.start() < m.end() for m, _s in named)
        }
        for run in runs:
            hit = _known_number_hit(text, run, named, official, start, numbers)
            if hit is not None:
                yield hit


@lru_cache(maxsize=4)
def _services(known: tuple[tuple[str, str], ...]):
    """The service directory with the `known-numbers` option, digits -> their services, and
    each service's names in lower case."""
    services = with_known_numbers(dict(known))
    official: dict[str, list[Service]] = defaultdict(list)
    for service in services:
        for number in service.all_digits:
            official[number].append(service)
    names: list[tuple[str, int]] = []  # (a name in lower case, its service's index)
    always: set[int] = set()  # services whose names cannot be looked for so: always tried
    for i, service in enumerate(services):
        if service.names and all(lowers_safely(name) for name in service.names):
            names += ((name.lower(), i) for name in service.names)
        else:
            always.add(i)
    any_name = re.compile(trie_pattern(sorted({name for name, _i in names})))
    return services, dict(official), (tuple(names), frozenset(always), any_name)


def _maybe_named(
    services: Sequence[Service],
    names: tuple[tuple[tuple[str, int], ...], frozenset[int], re.Pattern[str]],
    sentence: str,
) -> list[Service]:
    """The services (in order) whose pattern may match in the sentence: those with a name in
    it, ignoring case. A case-insensitive pattern matches only where the lower-cased texts are
    equal, except for the few letters `lowers_safely` rules out (then every service)."""
    if not lowers_safely(sentence):
        return list(services)
    lowered = sentence.lower()
    pairs, always, any_name = names
    if any_name.search(lowered) is None:
        named = always  # most sentences with a number name no service: one search says so
    else:
        named = {i for name, i in pairs if name in lowered} | always
    return [service for i, service in enumerate(services) if i in named]


def _known_number_hit(text, run, named, official, sentence_start, sentence_numbers) -> Hit | None:
    digits = _run_digits(run.group())
    asked: list[bool] = []

    def called() -> bool:  # worked out only for the few runs it decides (most runs are dates)
        if not asked:
            start = max(sentence_start, run.start() - 40)
            asked.append(bool(_CALL_VERB.search(text, start, run.start())))
        return asked[0]

    if digits == "99" and called():
        return _known_hit(
            run, official["999"][0], f'the emergency number is 999, not "{run.group()}"'
        )
    if len(digits) < 3:
        return None
    inside_name = any(m.start() <= run.start() < m.end() for m, _s in named)
    if inside_name:
        return None  # the "111" of "NHS 111"
    names = {s.name for _m, s in named}
    owners = official.get(digits, [])
    if owners:
        if names & {s.name for s in owners}:
            return None
        # another service's number, given for the service named just before it
        given = [
            s for m, s in named if m.end() <= run.start() and _given_for(text, m.end(), run.start())
        ]
        # a service whose own number is in the sentence was given it: "… on 999 in an
        # emergency, on 101 or …" lists two services, it does not give 101 for 999
        given = [s for s in given if not s.all_digits & sentence_numbers]
        if given:
            wanted = given[-1]
            return _known_hit(
                run,
                wanted,
                f'"{run.group()}" is {_owner(owners[0].name)} number; '
                f"{_owner(wanted.name)} number is {' or '.join(wanted.numbers)}",
            )
        return None
    for _m, service in named:
        for form in service.numbers:
            want = _NON_DIGIT.sub("", form)
            if len(want) <= 3 and not called():
                continue  # "150 homes lost power": a short code must be dialled to be one
            if distance(digits, want) == 1 or reversed_last_group(run.group(), form):
                return _known_hit(
                    run,
                    service,
                    f'{_owner(_capital(service.name))} number is {form}, not "{run.group()}"',
                    form,
                )
    return None


def _known_hit(run, service, message: str, form: str | None = None) -> Hit:
    replacement = form or service.numbers[0]
    return Hit(
        run.start(), run.end(), message, Fix.unsafe_edit(Edit(run.start(), run.end(), replacement))
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
        digits = _NON_DIGIT.sub("", form)
        for e164, national in libphonenumber_form.items():
            if _NON_DIGIT.sub("", national) == digits:
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

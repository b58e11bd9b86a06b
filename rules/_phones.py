"""Finding phone numbers in prose, shared by the NL4xx rules (spec §1.1–1.2).

Long numbers are found with a candidate pattern and judged by libphonenumber (`phonenumbers`);
short service codes come from a fixed table. What counts as a well-written number (the "house
grouping") is decided here too, so every rule agrees on it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_SEP = "[ \u00a0.()\\-]"
_SEP_CHARS = frozenset(" \u00a0.()-")
_NON_DIGIT = re.compile(r"\D")
_TRUNK_MARKER = re.compile(r"[ \u00a0]*\(0\)[ \u00a0]?")
_INTERNATIONAL_REST = re.compile(r"\+44[ \u00a0](?:\(0\)[ \u00a0]?)?(?P<rest>.*)$", re.DOTALL)
_SPACED_GROUPS = re.compile(r"\d+(?:[ \u00a0]\d+)*")
_SPACE = re.compile(r"[ \u00a0]")
# a run that starts like a UK number: +44, 0 or (0, then digits and separators.
# A pattern that starts with a character class lets a search pass over every other character at
# once; one that starts with a look-ahead or look-behind is tried at every place. So these
# take their first character, then look back past it, then go on by which character it was.
_START = re.compile(r"[+(0](?<![\w/+£$€.,:-].)(?:(?<=\+)44|(?<=\()0|(?<=0)(?=\d))")
_GROUP = re.compile(r"\d+")
_REFERENCE = re.compile(
    r"(?:\b(?:ref|reference|crime number|incident number|case number|log|occurrence)\b|\b(?:ISR|URN|NFRC)\b)[^\n]{0,20}$",
    re.IGNORECASE,
)
_PHONE_WORDS = frozenset(
    [
        "call",
        "calling",
        "ring",
        "phone",
        "telephone",
        "tel",
        "dial",
        "dialling",
        "text",
        "contact",
        "helpline",
        "freephone",
        "mobile",
        "number",
        "on",
    ]
)
_TOKEN = re.compile(r"[A-Za-z]+|\d+|\S")

SHORT_CODES = (
    "999",
    "112",
    "101",
    "111",
    "105",
    "119",
    "116 123",
    "116 000",
    "116 111",
    "18001 101",
    "18000",
)
_SHORT = re.compile(
    r"[19](?<![\w/£$€.,:+-].)(?:(?<=1)(?:16[ \u00a0-]?(?:123|000|111)|8001[ \u00a0-]?101|8000|12|01|11|05|19)"
    r"|(?<=9)99)(?![\w/-]|[.,]\d)"
)


class PhoneNumber(NamedTuple):
    start: int
    end: int
    text: str
    digits: str  # national digits with the leading 0 ("02079460123")
    e164: str | None  # None when libphonenumber cannot parse it
    valid: bool
    international: bool
    national_format: str  # libphonenumber's NATIONAL form, "N" in the spec

    @property
    def family(self) -> str:
        return "international" if self.international else "national"


class ShortCode(NamedTuple):
    start: int
    end: int
    text: str
    canonical: str


def _digits(text: str) -> str:
    return _NON_DIGIT.sub("", text)


@lru_cache(maxsize=4096)
def _parse(national_digits: str, region: str):
    import phonenumbers

    try:
        number = phonenumbers.parse(national_digits, region)
    except phonenumbers.NumberParseException:
        return None, False, national_digits
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return e164, phonenumbers.is_valid_number(number), national


def _in_reference_context(text: str, start: int) -> bool:
    return bool(_REFERENCE.search(text, max(0, start - 40), start))


def _groups_after(text: str, pos: int, end: int) -> list[tuple[int, int]]:
    """Digit groups from `pos`, joined by at most three separator characters on one line."""
    groups = []
    while pos < end:
        m = _GROUP.match(text, pos)
        if not m:
            break
        groups.append((m.start(), m.end()))
        sep_end = m.end()
        while sep_end < end and sep_end - m.end() < 3 and text[sep_end] in _SEP_CHARS:
            sep_end += 1
        if sep_end == m.end() or sep_end >= end or not text[sep_end].isdigit():
            break
        pos = sep_end
    return groups


def find_numbers(text: str, start: int, end: int, region: str = "GB") -> list[PhoneNumber]:
    """Long-number candidates in `text[start:end]` (already masked to prose)."""
    found: list[PhoneNumber] = []
    pos = start
    while True:
        m = _START.search(text, pos, end)
        if not m:
            return found
        international = m.group().startswith("+")
        first_digit = (
            m.end() if international else m.start() + (1 if m.group().startswith("(") else 0)
        )
        if international:
            # "+44 (0)20 …": the bracketed trunk 0 is a marker, not part of the number
            bracket = _TRUNK_MARKER.match(text, first_digit)
            body_start = bracket.end() if bracket else first_digit
            while body_start < end and text[body_start] in " \u00a0":
                body_start += 1
        else:
            body_start = first_digit
        groups = _groups_after(text, body_start, end)
        pos = max(m.end(), groups[-1][1] if groups else m.end())
        if not groups or _in_reference_context(text, m.start()):
            continue
        number = _best_prefix(text, m.start(), groups, international, region)
        if number is not None and not (end > number.end and text[number.end].isalnum()):
            found.append(number)
            pos = number.end


def _best_prefix(
    text: str, start: int, groups, international: bool, region: str
) -> PhoneNumber | None:
    """The longest run of groups that is a valid number, else the whole run if it has 9–12 digits."""

    def make(count: int) -> PhoneNumber:
        end = groups[count - 1][1]
        digits = "".join(text[a:b] for a, b in groups[:count])
        national = digits if not international else ("" if digits.startswith("0") else "0") + digits
        e164, valid, formatted = _parse(national, region)
        return PhoneNumber(
            start, end, text[start:end], national, e164, valid, international, formatted
        )

    candidates = []
    for count in range(len(groups), 0, -1):
        digits = sum(b - a for a, b in groups[:count])
        if 9 <= digits <= 12:
            candidates.append(count)
    for count in candidates:
        number = make(count)
        if number.valid:
            return number
    if candidates and candidates[0] == len(groups):
        return make(candidates[0])
    return None


def find_short_codes(text: str, start: int, end: int) -> list[ShortCode]:
    out: list[ShortCode] = []
    for m in _SHORT.finditer(text, start, end):
        digits = _digits(m.group())
        canonical = next(code for code in SHORT_CODES if _digits(code) == digits)
        out.append(ShortCode(m.start(), m.end(), m.group(), canonical))
    return out


def looks_like_phone(text: str, number: PhoneNumber, block_start: int) -> bool:
    """An invalid run is only reported when a reader would take it for a phone number."""
    first_group = _GROUP.match(text, number.start + (0 if text[number.start].isdigit() else 1))
    if number.international or (
        first_group and text[first_group.start()] == "0" and 3 <= len(first_group.group()) <= 5
    ):
        return True
    before = _TOKEN.findall(text[max(block_start, number.start - 80) : number.start])[-6:]
    return any(token.lower() in _PHONE_WORDS for token in before)


# house grouping (spec §1.2) -----------------------------------------------------------------


def written_groups(number: PhoneNumber) -> tuple[list[str], bool] | None:
    """The digit groups as written (national, leading 0 restored) and whether they are cleanly
    separated by single spaces; None for an international number without its "+44 " prefix."""
    text = number.text
    if number.international:
        m = _INTERNATIONAL_REST.match(text)
        if not m:
            return None
        rest = m.group("rest")
        groups = rest.split(" ") if _SPACED_GROUPS.fullmatch(rest) else None
        if groups is None:
            return [_digits(rest)], False
        groups = [g for part in groups for g in part.split("\u00a0")]
        if groups[0].startswith("0"):
            return None  # a trunk 0 after +44 without brackets
        groups[0] = "0" + groups[0]
        return groups, True
    clean = _SPACED_GROUPS.fullmatch(text)
    if not clean:
        return [_digits(text)], False
    return _SPACE.split(text), True


def is_accepted(
    number: PhoneNumber, allow_memorable: bool = True, allow_international: bool = True
) -> bool:
    if number.international and not allow_international:
        return False
    parsed = written_groups(number)
    if parsed is None:
        return False
    groups, clean = parsed
    if not clean or len(groups) < 2:
        return False
    n_groups = number.national_format.split(" ")
    head, n_rest = n_groups[0], n_groups[1:]
    first, rest = groups[0], groups[1:]
    if number.digits.startswith(("01", "02")):
        if first != head:
            return False
        return rest == n_rest or (2 <= len(rest) <= 3 and all(3 <= len(g) <= 4 for g in rest))
    shortest = 2 if allow_memorable else 3
    if first == head and rest == n_rest:
        return True
    if not (first == head or (4 <= len(first) <= 5 and number.digits.startswith(first))):
        return False
    return 1 <= len(rest) <= 3 and all(shortest <= len(g) <= 4 for g in rest)


def canonical_form(number: PhoneNumber) -> str:
    """libphonenumber's form in the number's own family: "N", or "+44 " and N without its 0."""
    if number.international:
        return "+44 " + number.national_format[1:]
    return number.national_format


def same_text(a: str, b: str) -> bool:
    return a.replace("\u00a0", " ") == b.replace("\u00a0", " ")


def fix_is_safe(written: str, replacement: str) -> bool:
    """A safe fix changes separators, brackets and the (0) marker only, never a digit."""
    return _digits(written.replace("(0)", "")) == _digits(replacement.replace("(0)", ""))

"""Where a reader can be sent, found once per document for the link rules (NL201, NL202).

A destination is something the reader can follow: a Markdown link or autolink with a target, a
web address in the text (`url_tokens`), an e-mail address, a phone number or a postcode. Web
destinations (links and addresses) answer "visit our website"; contact destinations (numbers,
e-mail and postal addresses) answer "call or write to us". Each is kept with its span, sorted,
so that "is there one between here and there" is a binary search.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from newslint.rules._scan import digit_places, holds_digit
from newslint.rules._urls import document_links, suffixes

WEB = "web"
CONTACT = "contact"

# an e-mail address, a UK number (+44 or a leading 0, then 9–10 more digits in groups), a short service number,
# or a text number after "text"; loose on purpose: it only has to say "a number is here"
# (a local part is at most 64 characters, RFC 5321: unbounded, a long run such as "a.a.a…" in a
# block that holds an @ elsewhere was read again from each of its words, for minutes)
_EMAIL = r"\b[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+"
# each alternative starts with a look-ahead for its first character, and the whole with one
# for any of them: most places then fail at the first test (three times faster)
_NUMBER_OR_POSTCODE = (
    r"(?=[+(0])(?<![\w/.])(?:\+44[\s\u00a0]?(?:\(0\)[\s\u00a0]?)?[1-9]|\(?0[1-9])(?:[\s\u00a0)-]{0,2}\d){8,10}(?![\d/])"
    r"|(?=[19])\b(?:999|101|111|112|105|119|159|116[\s\u00a0]?\d{3}|1800[01](?:[\s\u00a0]?\d{3})?)\b"
    r"|(?i:(?=t)\btext(?:ing)?(?:\s+us)?(?:\s+on)?\s+)\d{5,6}\b"
    r"|(?=[A-Z])\b[A-Z]{1,2}\d[A-Z\d]?[\s\u00a0]?\d[A-Z]{2}\b"  # a postcode
)
_CONTACT = re.compile(_EMAIL + "|" + _NUMBER_OR_POSTCODE)
# the same matches in a block without an @, where the e-mail alternative cannot match: each
# alternative takes its first character, looks back past it and goes on by which it was, so
# that a search passes over the other characters at once (see `_phones._START`)
_CONTACT_NO_EMAIL = re.compile(
    r"[+(019tTA-Z](?:"
    r"(?<=[+(0])(?<![\w/.].)(?:(?<=\+)44[\s\u00a0]?(?:\(0\)[\s\u00a0]?)?[1-9]|(?<=\()0[1-9]|(?<=0)[1-9])"
    r"(?:[\s\u00a0)-]{0,2}\d){8,10}(?![\d/])"
    r"|(?<=[19])(?<!\w.)(?:(?<=9)99|(?<=1)(?:01|11|12|05|19|59|16[\s\u00a0]?\d{3}|800[01](?:[\s\u00a0]?\d{3})?))\b"
    r"|(?<=[tT])(?<!\w.)(?i:ext(?:ing)?(?:\s+us)?(?:\s+on)?\s+)\d{5,6}\b"
    r"|(?<=[A-Z])(?<!\w.)[A-Z]?\d[A-Z\d]?[\s\u00a0]?\d[A-Z]{2}\b"  # a postcode
    r")"
)


_SCHEME_ONLY = re.compile(r"[A-Za-z][\w+.-]*:(?://)?")


class Destination(NamedTuple):
    start: int
    end: int
    kind: str  # WEB or CONTACT


class Destinations(NamedTuple):
    items: tuple[Destination, ...]
    starts: tuple[int, ...]

    def between(self, start: int, end: int, kinds: tuple[str, ...] = (WEB, CONTACT)) -> bool:
        """Does a destination of one of `kinds` start in [start, end)?"""
        i = bisect_left(self.starts, start)
        while i < len(self.items) and self.items[i].start < end:
            if self.items[i].kind in kinds:
                return True
            i += 1
        return False


def destinations_for(doc, opts) -> Destinations:
    """Every destination in the document's prose, found once per document."""
    return doc.derive(_cached if opts.get("use-cache", True) else _uncached)


def _cached(doc) -> Destinations:
    return _collect(doc, use_cache=True)


def _uncached(doc) -> Destinations:
    return _collect(doc, use_cache=False)


def _collect(doc, use_cache: str | bool) -> Destinations:
    judge = suffixes((), use_cache)
    found: list[Destination] = []
    for link in doc.derive(document_links):
        dest = link.dest.strip()
        if dest and dest != "#" and not _SCHEME_ONLY.fullmatch(dest):
            kind = CONTACT if dest.lower().startswith(("mailto:", "tel:")) else WEB
            found.append(Destination(link.start, link.end, kind))
    text = doc.prose_text_with_urls
    found += (Destination(t.start, t.end, WEB) for t in doc.derive(judge.document_tokens))
    digits = digit_places(doc, keep_urls=True)
    for block in doc.blocks:
        # every contact destination holds a digit or an @: most blocks hold neither
        email = text.find("@", block.start, block.end) >= 0
        if email or holds_digit(digits, block.start, block.end):
            pattern = _CONTACT if email else _CONTACT_NO_EMAIL
            found += (
                Destination(m.start(), m.end(), CONTACT)
                for m in pattern.finditer(text, block.start, block.end)
            )
    found.sort()
    return Destinations(tuple(found), tuple(d.start for d in found))


def block_index(doc, offset: int) -> int | None:
    """The index in `doc.blocks` of the block holding `offset`."""
    blocks = doc.blocks
    lo, hi = 0, len(blocks)
    while lo < hi:
        mid = (lo + hi) // 2
        if blocks[mid].end < offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(blocks) and blocks[lo].start <= offset <= blocks[lo].end:
        return lo
    return None


def following_span(doc, offset: int) -> tuple[int, int] | None:
    """The block after the one holding `offset`; a list counts whole ("these sites may help:"
    followed by a list of names)."""
    index = block_index(doc, offset)
    if index is None or index + 1 >= len(doc.blocks):
        return None
    blocks = doc.blocks
    first = blocks[index + 1]
    end = first.end
    if first.in_list or first.kind == "table":
        for block in blocks[index + 2 :]:
            if block.in_list != first.in_list or block.kind != first.kind:
                break
            end = block.end
    return first.start, end

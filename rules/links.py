"""Link rules (NL201–NL207): calls to action with no destination, and broken link syntax.

All offline. A "visit." whose link was stripped when the page was scraped is invisible to link
checkers (there is no link left to check); these rules read the sentence around the verb.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from newslint import Document, Edit, Fix, Hit, Option, rule
from newslint.rules._urls import (
    PUBLIC_SUFFIXES,
    Link,
    UrlToken,
    document_links,
    host_of,
    links_between,
    suffix_of,
    url_tokens,
)

CTA_VERBS = ("visit", "visiting", "go to", "head to", "log on to", "log onto", "click")
DEICTIC_PHRASES = (
    "our website",
    "the website",
    "our web page",
    "our webpage",
    "the web page",
    "our page",
    "this page",
    "this link",
    "the link",
    "the link below",
    "on the link",
    "on this link",
    "here",
    "our Facebook page",
)
TASK_VERBS = (
    "report",
    "apply",
    "register",
    "sign up",
    "book",
    "download",
    "complete",
    "fill in",
    "take part",
    "donate",
    "order",
    "renew",
    "pay",
)
_FRAME_OPENERS = ("please", "you can", "you could", "you may", "you should", "simply", "just")
_NOUN_BEFORE = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "his",
        "her",
        "its",
        "our",
        "their",
        "your",
        "my",
        "'s",
        "home",
        "site",
        "state",
        "official",
        "recent",
        "brief",
        "follow-up",
        "return",
    ]
)
_VERB_BEFORE = frozenset(
    [
        "to",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "shall",
        "should",
        "must",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "due",
        "plan",
        "planned",
        "hope",
        "want",
    ]
)
_WORD = re.compile(r"[\w'’-]+")
# bracketed forms in any case, bare words in capitals only ("the date is tbc" is not a draft)
_PLACEHOLDER = re.compile(
    r"\[(?i:link|url)\]|\((?i:link)\)|<(?i:link|url)>|(?:LINK HERE|URL HERE|INSERT LINK|XXX|TBC|TBA|TK|LINK|URL)(?!\w)"
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_LIKE = re.compile(r"\b\d{3}\b|\b0\d{2,4}[ \u00a0]?\d{3}")

_SUFFIXES = Option(
    list(PUBLIC_SUFFIXES), "public suffixes a host must end with (extend with extra-suffixes)"
)
_EXTRA = Option([], 'more public suffixes, e.g. ["scot", "wales"]')
_VERBS = Option(list(CTA_VERBS), "the call-to-action verbs")


def _alternation(phrases: Sequence[str]) -> str:
    return "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True)
    )


class _Cta(NamedTuple):
    start: int
    end: int
    verb: str
    sentence: tuple[int, int]


def _ctas(doc: Document, verbs: Sequence[str]) -> list[_Cta]:
    pattern = re.compile(rf"(?<![\w-])(?:{_alternation(verbs)})(?![\w-])", re.IGNORECASE)
    text = doc.prose_text_with_urls
    return [
        _Cta(m.start(), m.end(), m.group(), doc.sentence_at(m.start()))
        for block in doc.blocks
        for m in pattern.finditer(text, block.start, block.end)
    ]


def _in_frame(text: str, cta: _Cta) -> bool:
    """Spec §2.1: imperative use, not "a home visit" or "officers will visit"."""
    before = _WORD.findall(text[cta.sentence[0] : cta.start].replace("*", " ").replace("_", " "))
    lowered = [w.lower() for w in before]
    if not lowered or lowered == ["please"]:
        return True  # (a) first word of the sentence
    tail = " ".join(lowered[-2:])
    if lowered[-1] in _FRAME_OPENERS or tail in _FRAME_OPENERS:
        return True  # (b)
    if lowered[0] in ("for", "to", "if", "should"):
        previous = lowered[-1]
        possessive = previous.endswith(("'s", "’s"))
        return (
            previous not in _NOUN_BEFORE and previous not in _VERB_BEFORE and not possessive
        )  # (c)
    return False


def _block_after(doc: Document, offset: int):
    return next((b for b in doc.blocks if b.start > offset), None)


def _block_of(doc: Document, offset: int):
    return next((b for b in doc.blocks if b.start <= offset <= b.end), None)


def _has_destination(doc: Document, start: int, end: int) -> bool:
    """A link, address, e-mail address or phone number between start and end."""
    # asked once per call to action with its sentence: a sentence holding thousands of them
    # is read once, not once each
    known = doc.derive(_destinations_found)
    if (start, end) not in known:
        known[start, end] = _find_destination(doc, start, end)
    return known[start, end]


def _destinations_found(doc: Document) -> dict[tuple[int, int], bool]:
    return {}


def _find_destination(doc: Document, start: int, end: int) -> bool:
    if links_between(doc, start, end):
        return True
    text = doc.prose_text_with_urls
    return bool(
        url_tokens(text, start, end)
        or _EMAIL.search(text, start, end)
        or _PHONE_LIKE.search(text, start, end)
    )


def _next_block_has_link(doc: Document, offset: int) -> bool:
    block = _block_after(doc, offset)
    return block is not None and _has_destination(doc, block.start, block.end)


@rule(
    code="NL201",
    name="visit-missing-target",
    severity="error",
    summary='"visit" with nothing after it: the link or address is missing',
    options={"cta-verbs": _VERBS},
)
def visit_missing_target(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """A call to action ("visit", "go to", "head to", "log on to") used as an instruction and
    followed directly by the end of the sentence or block: the signature of a link stripped out
    when the page was copied or scraped. "Officers will visit the estate" and "a home visit"
    are not instructions and are never flagged.

    Flagged: For more information and where to get support visit.
    Flagged: To download the form, go to:   (and the next paragraph has no link)
    Fine:    For more help, visit www.example.org.uk/help.
    Fine:    Officers plan to visit.
    """
    text = doc.prose_text_with_urls
    for cta in _ctas(doc, [v for v in opts["cta-verbs"] if v.lower() != "click"]):
        if not _in_frame(text, cta):
            continue
        block = _block_of(doc, cta.start)
        after = re.compile(r"[ \t\u00a0]*(?:\*\*|\*|__|_)?[ \t\u00a0]*([.!?:]?)").match(
            text, cta.end
        )
        punctuation = after.group(1)
        rest = text[after.end() : block.end if block else after.end()].strip()
        if punctuation == ":" and (rest or _next_block_has_link(doc, cta.end)):
            continue
        if (
            punctuation in (".", "!", "?")
            or (punctuation == ":" and not rest)
            or (not punctuation and not rest)
        ):
            end = after.end() if punctuation else cta.end
            yield Hit(
                cta.start, end, f'"{cta.verb}" has no destination: the link or address is missing'
            )


@rule(
    code="NL202",
    name="visit-no-link",
    severity="warning",
    summary='"visit our website" or "click here" with no link or address in the sentence',
    options={
        "cta-verbs": _VERBS,
        "deictic-phrases": Option(list(DEICTIC_PHRASES), "phrases that point at the web"),
    },
)
def visit_no_link(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """A call to action pointing at the web ("visit our website", "click here", "go to the link
    below") when the sentence holds no link, address, e-mail address or phone number to follow.
    For "…below", a link in the next paragraph or list counts.

    Flagged: For the full timetable, visit this link.
    Fine:    For the full timetable, visit [this link](https://www.example.org.uk/timetable).
    """
    text = doc.prose_text_with_urls
    phrase = re.compile(
        rf"[ \t\u00a0]+(?:{_alternation(opts['deictic-phrases'])})(?![\w-])", re.IGNORECASE
    )
    for cta in _ctas(doc, opts["cta-verbs"]):
        m = phrase.match(text, cta.end)
        if not m:
            continue
        # the phrase may itself be the link text: "[visit our website](…)" or "visit [our website](…)"
        if _has_destination(doc, cta.sentence[0], cta.sentence[1] + 1):
            continue
        if m.group().rstrip().lower().endswith("below") and _next_block_has_link(doc, m.end()):
            continue
        words = " ".join(text[cta.start : m.end()].split())
        yield Hit(cta.start, m.end(), f'"{words}" has no link: add the address or link the words')


@rule(
    code="NL203",
    name="empty-link",
    severity="error",
    summary="a link or image with an empty or useless target",
)
def empty_link(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """`[text]()`, `[text](<>)`, `[text](#)` and a scheme alone such as `[text](https://)`
    lead nowhere (markdownlint's MD042).

    Flagged: Read the report [online]().
    Fine:    Read the report [online](https://www.example.org.uk/report).
    """
    for link in doc.derive(document_links):
        if link.autolink:
            continue
        if link.dest.strip() in ("", "#") or _scheme_only(link.dest):
            written = doc.text[link.start : link.end]
            yield Hit(link.start, link.end, f'link "{written}" has no target')


@rule(
    code="NL204",
    name="schemeless-link",
    severity="error",
    fixable=True,
    summary="a link target with no https://, which resolves as a relative path",
    options={"public-suffixes": _SUFFIXES, "extra-suffixes": _EXTRA},
)
def schemeless_link(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """CommonMark reads `[x](www.example.org.uk/page)` as a relative link, which breaks once
    published, and `<www.example.org.uk>` is not a link at all (it prints with its angle
    brackets). Targets starting with `/`, `#`, `./`, `../`, `mailto:` or `tel:` are left
    alone. The fix (unsafe, since only you know the site serves https) adds `https://`.

    Flagged: Register on [the portal](www.example.org.uk/register).
    Fine:    Register on [the portal](https://www.example.org.uk/register).
    """
    suffixes = (*opts["public-suffixes"], *opts["extra-suffixes"])
    for link in doc.derive(document_links):
        dest = link.dest.strip()
        if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|[/#.]", dest) or not dest:
            continue
        host = dest.split("/", 1)[0]
        if not (dest.lower().startswith("www.") or suffix_of(host, suffixes)):
            continue
        fix = Fix.unsafe_edit(Edit(link.dest_start, link.dest_start, "https://"))
        if link.autolink:
            message = f'"<{dest}>" is not a link: write "<https://{dest}>"'
            yield Hit(link.start, link.end, message, fix)
        else:
            message = f'link target "{dest}" has no https:// and will resolve as a relative path'
            yield Hit(link.dest_start, link.dest_end, message, fix)


def _scheme_only(dest: str) -> bool:
    return re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:(?://)?", dest.strip()) is not None


def _malformed(token: str, suffixes) -> bool:
    lowered = token.lower()
    if re.fullmatch(r"https?://(?:www\.?)?", lowered):
        return True  # a scheme with no host, or a cut-off host
    host = host_of(token)
    if not host:
        return True
    if (
        lowered.startswith(("www.", "http://www.", "https://www."))
        and suffix_of(host, suffixes) is None
    ):
        return True
    path = token.split("://", 1)[-1].partition("/")[2]
    return bool(path) and path.endswith(("-", "…", "..."))


@rule(
    code="NL205",
    name="malformed-url",
    severity="error",
    summary="a web address that cannot work: no host, an unknown ending, or cut off",
    options={"public-suffixes": _SUFFIXES, "extra-suffixes": _EXTRA},
)
def malformed_url(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """A web address in the text, or a link target, that cannot be a working address: a scheme
    with no host (`https://`), a cut-off host (`www.exampleforce`), a `www.` host with no known
    public suffix, or a path ending in `-` or `…` (truncated). A scheme is not required in
    running text: "online at www.example.police.uk/report" is fine.

    Flagged: For safety advice, visit www.exampleforce
    Fine:    For safety advice, visit www.example.police.uk/advice
    """
    suffixes = (*opts["public-suffixes"], *opts["extra-suffixes"])
    text = doc.prose_text_with_urls
    tokens: list[UrlToken | Link] = []
    for block in doc.blocks:
        tokens += url_tokens(text, block.start, block.end, suffixes)
        tokens += [
            link
            for link in links_between(doc, block.start, block.end)
            if re.match(r"https?:|www\.", link.dest.strip(), re.IGNORECASE)
            and not _scheme_only(link.dest)
        ]  # an empty target is NL203's
    for token in tokens:
        value = token.text if isinstance(token, UrlToken) else token.dest.strip()
        start, end = (
            (token.start, token.end)
            if isinstance(token, UrlToken)
            else (token.dest_start, token.dest_end)
        )
        if _malformed(value, suffixes):
            yield Hit(start, end, f'"{value}" is not a complete web address')


@rule(
    code="NL206",
    name="link-placeholder",
    severity="error",
    summary="a drafting placeholder ([LINK], TBC, XXX) where a link should be",
    options={"cta-verbs": _VERBS},
)
def link_placeholder(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """`[LINK]`, `[URL]`, `(link)`, `<link>`, `<url>`, `LINK HERE`, `URL HERE`, `INSERT LINK`,
    `XXX`, `TBC`, `TBA` or `TK` straight after a call to action, or as a link's text or target.
    Bracketed forms match in any case; bare words only in capitals.

    Flagged: For the survey, visit TBC.
    Flagged: Read the [guidance](LINK HERE).
    Fine:    The date is TBC.
    """
    source = doc.inline_source
    after_verb = re.compile(rf"[ \t\u00a0]*(?P<p>{_PLACEHOLDER.pattern})")
    seen = set()
    for cta in _ctas(doc, opts["cta-verbs"]):
        m = after_verb.match(source, cta.end)
        if m:
            seen.add(m.start("p"))
            yield Hit(
                m.start("p"), m.end("p"), f'placeholder "{m.group("p")}" left in place of a link'
            )
    # "[text](LINK HERE)" is not a link to CommonMark (a target cannot hold a space): look for it
    in_brackets = re.compile(rf"\]\(\s*(?P<p>{_PLACEHOLDER.pattern})\s*\)")
    for block in doc.blocks:
        for m in in_brackets.finditer(source, block.start, block.end):
            if " " in m.group("p") and m.start("p") not in seen:
                seen.add(m.start("p"))
                yield Hit(
                    m.start("p"),
                    m.end("p"),
                    f'placeholder "{m.group("p")}" left in place of a link',
                )
        for link in links_between(doc, block.start, block.end):
            for value, start in ((link.text, link.text_start), (link.dest, link.dest_start)):
                if _is_placeholder(value.strip()) and start not in seen:
                    seen.add(start)
                    yield Hit(
                        start,
                        start + len(value),
                        f'placeholder "{value.strip()}" left in place of a link',
                    )


def _is_placeholder(value: str) -> bool:
    return _PLACEHOLDER.fullmatch(value) is not None


@rule(
    code="NL207",
    name="homepage-link",
    severity="warning",
    summary="a home-page address in a sentence that asks readers to do a specific task",
    options={"task-verbs": Option(list(TASK_VERBS), "verbs that name a task with its own page")},
)
def homepage_link(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """An address whose path is exactly `/` in a sentence asking readers to report, apply,
    register, book, pay…: usually a deep link truncated to the home page. A bare host with no
    trailing slash is not flagged.

    Flagged: Apply for a permit at www.example.gov.uk/ today.
    Fine:    Apply online at www.example.gov.uk/permits.
    """
    text = doc.prose_text_with_urls
    task = re.compile(
        rf"(?<![\w-])(?P<verb>{_alternation(opts['task-verbs'])})(?![\w-])", re.IGNORECASE
    )
    for block in doc.blocks:
        for token in url_tokens(text, block.start, block.end):
            after_host = token.text.split("://", 1)[-1]
            if after_host.count("/") != 1 or not after_host.endswith("/"):
                continue
            start, end = doc.sentence_at(token.start)
            verb = task.search(text, start, end)
            if verb:
                yield Hit(
                    token.start,
                    token.end,
                    f'"{token.text}" is a home page, but the sentence asks readers to '
                    f"{verb.group('verb').lower()}: was the page path lost?",
                )


RULES = (
    visit_missing_target,
    visit_no_link,
    empty_link,
    schemeless_link,
    malformed_url,
    link_placeholder,
    homepage_link,
)

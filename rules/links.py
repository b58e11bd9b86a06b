"""Link rules (NL201–NL207): calls to action with no destination, and broken link syntax.

All offline. A "visit." whose link was stripped when the page was scraped is invisible to link
checkers (there is no link left to check); these rules read the sentence around the verb.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from newslint import Document, Edit, Fix, Hit, Option, rule
from newslint.rules._destinations import destinations_for, following_span
from newslint.rules._promises import (
    Found,
    bare_alternatives,
    cut_offs,
    empty_link_cells,
    in_blocks,
    link_residue,
    reach,
    web_promises,
)
from newslint.rules._scan import lower_case, lowers_safely
from newslint.rules._urls import (
    Link,
    UrlToken,
    bare_domain,
    document_links,
    host_of,
    lazy_pattern,
    links_between,
    suffixes,
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
# placeholders that can only stand for a link, wherever they are
_LINK_PLACEHOLDER = lazy_pattern(
    r"(?<![\w\[(<])(?:(?:LINK|URL|WEB ADDRESS)(?: TO (?:FOLLOW|COME)| TBC| TBA| HERE)"
    r"|(?:INSERT|ADD) (?:LINK|URL)(?: HERE)?)(?![\w\])>])"
    r"|[\[(<](?i:(?:link|url|web address)(?: to (?:follow|come)| tbc| tba| here)"
    r"|(?:insert|add) (?:a )?(?:link|url)(?: here)?)[\])>]"
)
_PLACEHOLDER_WORDS = ("link", "url", "web address")  # every placeholder holds one, in any case
_MAY_HOLD_PLACEHOLDER = re.compile(r"(?i)(?=[luw])(?:link|url|web address)")
_IN_BRACKETS = lazy_pattern(rf"\]\(\s*(?P<p>{_PLACEHOLDER.pattern})\s*\)")
_EXTRA = Option(
    [],
    'endings accepted besides the Public Suffix List, for intranet hosts: ["internal", "local"]',
)
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


@lru_cache(maxsize=16)
def _phrase_pattern(phrases: tuple[str, ...], prefix: str = "") -> re.Pattern[str]:
    return re.compile(
        rf"{prefix}{_first_letters(phrases)}(?<![\w-])(?:{_alternation(phrases)})(?![\w-])",
        re.IGNORECASE,
    )


@lru_cache(maxsize=16)
def _first_words(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """What every match of `_phrase_pattern(phrases)` begins with, in lower case: each phrase
    up to its first space (which the pattern makes any white space); none when a phrase starts
    with a space."""
    if any(not p or p[0].isspace() for p in phrases):
        return ()
    return tuple(sorted({p.split(" ", 1)[0].lower() for p in phrases}))


def _first_letters(phrases: Sequence[str]) -> str:
    """A look-ahead for the phrases' first characters, which lets a search skip most places
    at once (much faster than trying every phrase there); none when a phrase starts with a
    space, which `_alternation` makes any white space."""
    if not phrases or any(not p or p[0].isspace() for p in phrases):
        return ""
    return "(?=[" + "".join(sorted({re.escape(p[0]) for p in phrases})) + "])"


def _ctas(doc: Document, verbs: Sequence[str]) -> list[_Cta]:
    """Every call-to-action verb in the prose, found once per document and verb list."""
    return doc.derive(_CtaFinder(tuple(verbs)))


@dataclass(frozen=True)
class _CtaFinder:
    verbs: tuple[str, ...]

    def __call__(self, doc: Document) -> list[_Cta]:
        pattern = _phrase_pattern(self.verbs)
        text = doc.prose_text_with_urls
        return [
            _Cta(m.start(), m.end(), m.group(), doc.sentence_at(m.start()))
            for _block, m in in_blocks(doc, pattern, text, _first_words(self.verbs))
        ]


def _ctas_but_click(doc: Document, verbs: Sequence[str]) -> list[_Cta]:
    """The calls to action other than "click" (which needs its object, "here", to point at).

    When no other verb has "click" in it, no other verb's match can start or end inside a
    "click", so these are the full list's matches without the clicks: the list NL202 and
    NL206 read, found once."""
    every = tuple(verbs)
    others = tuple(v for v in every if v.lower() != "click")
    if others == every or any("click" in v.lower() for v in others):
        return _ctas(doc, others)
    return [cta for cta in _ctas(doc, every) if cta.verb.lower() != "click"]


def _in_frame(text: str, cta: _Cta) -> bool:
    """Spec §2.1: imperative use, not "a home visit" or "officers will visit"."""
    # read back as far as `reach` allows, with the sentence's first word: a "sentence" of pasted
    # data can hold thousands of calls to action, and each read all of it again
    start = cta.sentence[0]
    frame_start = reach(start, cta.start)
    lowered = _words_between(text, frame_start, cta.start)
    if frame_start > start:
        opener = _words_between(text, start, min(frame_start, start + 64))[:1]
        lowered = opener + lowered if opener else lowered
    if not lowered or lowered == ["please"]:
        return True  # (a) first word of the sentence
    tail = " ".join(lowered[-2:])
    if lowered[-1] in _FRAME_OPENERS or tail in _FRAME_OPENERS:
        return True  # (b)
    if cta.verb.lower() == "visiting":
        # "by visiting." lost its address; "refrain from visiting." is about a hospital ward
        return lowered[-1] in ("by", "try", "consider", "recommend")
    if lowered[0] in ("for", "to", "if", "should"):
        previous = lowered[-1]
        possessive = previous.endswith(("'s", "’s"))
        return (
            previous not in _NOUN_BEFORE and previous not in _VERB_BEFORE and not possessive
        )  # (c)
    return False


def _words_between(text: str, start: int, end: int) -> list[str]:
    return [w.lower() for w in _WORD.findall(text[start:end].replace("*", " ").replace("_", " "))]


def _block_of(doc: Document, offset: int):
    return next((b for b in doc.blocks if b.start <= offset <= b.end), None)


def _has_destination(doc: Document, opts: Mapping[str, Any], start: int, end: int) -> bool:
    """A link, address, e-mail address, phone number or postcode between start and end."""
    return destinations_for(doc, opts).between(start, end)


def _next_block_has_link(doc: Document, opts: Mapping[str, Any], offset: int) -> bool:
    span = following_span(doc, offset)
    return span is not None and _has_destination(doc, opts, *span)


_AFTER_CTA = re.compile(r"[ \t\u00a0]*(?:\*\*|\*|__|_)?[ \t\u00a0]*([.!?:]?)")


@rule(
    code="NL201",
    name="visit-missing-target",
    severity="error",
    summary='a call to action or an "at"/"to"/"from" cut off where its link or address was',
    options={"cta-verbs": _VERBS},
)
def visit_missing_target(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """A call to action ("visit", "go to", "head to", "log on to") used as an instruction and
    followed directly by the end of the sentence or block, or a word that can only govern an
    address ("contact us at", "email her at", "forward them to", "available from", "call us
    on", "via") followed by the end of the sentence, another instruction ("contact us at or
    ring 101"), a verb ("the charity's website at has…"), a label ("at: Phone: 101") or a colon
    with no address in the next block: the signature of a link, address or number lost when the
    text was copied. "Officers will visit the estate", "a home visit", "something we are
    looking at" and "trains to and from the station" are never flagged.

    Flagged: For more information and where to get support visit.
    Flagged: If you have information, contact us at or ring 101.
    Flagged: Information is available from:   (and the next paragraph has no address)
    Fine:    For more help, visit www.example.org.uk/help.
    Fine:    Contact us at press@example.org.uk or ring 101.
    Fine:    Officers plan to visit.
    """
    taken = _cta_cut_offs(doc, opts)
    for start, end, verb in taken:
        yield Hit(start, end, f'"{verb}" has no destination: the link or address is missing')
    for cut in _cut_offs(doc, opts):
        if not any(start < cut.end and cut.start < end for start, end, _verb in taken):
            yield Hit(
                cut.start,
                cut.end,
                f'"{cut.quote}" has no destination: the {_MISSING[cut.kind]} is missing',
            )


_MISSING = {"address": "link or address", "number": "number"}


def _cut_offs(doc: Document, opts: Mapping[str, Any]) -> list[Found]:
    """The cut-off prepositions and labels, found once per document (NL201 reports them,
    NL202 leaves their sentences alone)."""
    return doc.derive(_CutOffs(opts.get("use-cache", True)))


@dataclass(frozen=True)
class _CutOffs:
    use_cache: str | bool

    def __call__(self, doc: Document) -> list[Found]:
        return cut_offs(doc, destinations_for(doc, {"use-cache": self.use_cache}))


def _cta_cut_offs(doc: Document, opts: Mapping[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, verb) of each call to action with nothing after it, once per document."""
    return doc.derive(_CtaCutOffs(tuple(opts["cta-verbs"]), opts.get("use-cache", True)))


@dataclass(frozen=True)
class _CtaCutOffs:
    verbs: tuple[str, ...]
    use_cache: str | bool

    def __call__(self, doc: Document) -> list[tuple[int, int, str]]:
        return _find_cta_cut_offs(doc, {"cta-verbs": self.verbs, "use-cache": self.use_cache})


def _find_cta_cut_offs(doc: Document, opts: Mapping[str, Any]) -> list[tuple[int, int, str]]:
    text = doc.prose_text_with_urls
    found = []
    for cta in _ctas_but_click(doc, opts["cta-verbs"]):
        if not _in_frame(text, cta):
            continue
        block = _block_of(doc, cta.start)
        after = _AFTER_CTA.match(text, cta.end)
        punctuation = after.group(1)
        rest = text[after.end() : block.end if block else after.end()].strip()
        if punctuation == ":" and (rest or _next_block_has_link(doc, opts, cta.end)):
            continue
        if (
            punctuation in (".", "!", "?")
            or (punctuation == ":" and not rest)
            or (not punctuation and not rest)
        ):
            found.append((cta.start, after.end() if punctuation else cta.end, cta.verb))
    return found


@rule(
    code="NL202",
    name="visit-no-link",
    severity="warning",
    summary="a promised link, web page, form or contact details with nothing to follow",
    options={
        "cta-verbs": _VERBS,
        "deictic-phrases": Option(list(DEICTIC_PHRASES), "phrases that point at the web"),
    },
)
def visit_no_link(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """The reader is asked to act at a web place ("visit our website", "click here", "report it
    through our website", "fill in the online form", "details are available here", "check our
    severe weather page", "can be ordered online", "these sites may help:"), and no link or
    address is in the sentence or in the block that follows (a list, a table or the next
    paragraph). Also: contact offered with no details ("please either write or ring", "call
    and/or email the team", in any case and across a line break), an empty cell in a table's
    link column, and "(opens new window)" left behind by a removed link.

    A number or e-mail address in the sentence answers "visit our website" (a whole site the
    reader can find), but not a page, form or "here", which only a link can reach. A site
    mentioned without asking the reader to act ("the force's website was updated") and a site
    named by its address ("visit police.uk") are not flagged.

    Flagged: For the full timetable, visit this link.
    Flagged: If you can help, call 101 or complete our online appeals form.
    Flagged: Please either write or ring.
    Fine:    For the full timetable, visit [this link](https://www.example.org.uk/timetable).
    Fine:    Visit our website or call 101.
    Fine:    The force's website was updated on Monday.
    """
    text = doc.prose_text_with_urls
    phrase = _phrase_pattern(tuple(opts["deictic-phrases"]), prefix=r"[ \t\u00a0]+")
    hits: list[Hit] = []
    for cta in _ctas(doc, opts["cta-verbs"]):
        m = phrase.match(text, cta.end)
        if not m:
            continue
        # the phrase may itself be the link text: "[visit our website](…)" or "visit [our website](…)"
        if _has_destination(doc, opts, cta.sentence[0], cta.sentence[1] + 1):
            continue
        if m.group().rstrip().lower().endswith("below") and _next_block_has_link(
            doc, opts, m.end()
        ):
            continue
        words = " ".join(text[cta.start : m.end()].split())
        hits.append(
            Hit(cta.start, m.end(), f'"{words}" has no link: add the address or link the words')
        )
    index = destinations_for(doc, opts)
    # a sentence already cut off (NL201) is reported once, as the error it is
    cut = [doc.sentence_at(start) for start, _end, _verb in _cta_cut_offs(doc, opts)]
    cut += [doc.sentence_at(found.start) for found in _cut_offs(doc, opts)]
    link_texts = [
        (link.text_start, link.text_start + len(link.text))
        for link in doc.derive(document_links)
        if not link.autolink
    ]
    for found in (
        *web_promises(doc, index),
        *bare_alternatives(doc, index),
        *link_residue(doc, index),
        *empty_link_cells(doc, index),
    ):
        if any(h.start < found.end and found.start < h.end for h in hits):
            continue
        if any(start <= found.end and found.start <= end for start, end in cut):
            continue
        if any(start <= found.end - 1 and found.end <= end for start, end in link_texts):
            continue  # the words are a link's text: NL203 reports an empty target
        hits.append(Hit(found.start, found.end, _promise_message(found)))
    yield from sorted(hits)


def _promise_message(found: Found) -> str:
    if found.kind == "contact":
        return f'"{found.quote}" gives no number or address: add the contact details'
    if found.kind == "residue":
        return f'"{found.quote}" is left from a link that was removed: restore the link'
    if found.kind == "cell" and ": " in found.quote:
        column, words = found.quote.split(": ", 1)
        return f'"{words}" in the "{column}" column has no link: add the address or link the words'
    if found.kind == "cell":
        return f'empty cell in the "{found.quote}" column: the link is missing'
    return f'"{found.quote}" has no link: add the address or link the words'


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


# newslint 0.1 kept its own list of endings in `public-suffixes`
_REPLACED_BY_THE_LIST = {
    "public-suffixes": "the Public Suffix List now decides which endings are real; "
    "list a newsroom's own endings in extra-suffixes"
}


@rule(
    code="NL204",
    name="schemeless-link",
    severity="error",
    fixable=True,
    summary="a link target with no https://, which resolves as a relative path",
    options={"extra-suffixes": _EXTRA},
    removed_options=_REPLACED_BY_THE_LIST,
)
def schemeless_link(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """CommonMark reads `[x](www.example.org.uk/page)` as a relative link, which breaks once
    published, and `<www.example.org.uk>` is not a link at all (it prints with its angle
    brackets). A bare host counts when it ends in a public suffix (the Public Suffix List).
    Targets starting with `/`, `#`, `./`, `../`, `mailto:` or `tel:` are left alone. The fix
    (unsafe, since only you know the site serves https) adds `https://`.

    Flagged: Register on [the portal](www.example.org.uk/register).
    Fine:    Register on [the portal](https://www.example.org.uk/register).
    """
    judge = suffixes(tuple(opts["extra-suffixes"]), opts.get("use-cache", True))
    for link in doc.derive(document_links):
        dest = link.dest.strip()
        if (
            re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|[/#.]", dest)
            or not dest
            or _BROKEN_SCHEME().match(dest)
        ):
            continue
        host = dest.split("/", 1)[0]
        if not (dest.lower().startswith("www.") or bare_domain(host, judge)):
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


# "https//", "https:/x", "https;//", "https:://": a scheme whose ":" or "/" was lost or doubled
_BROKEN_SCHEME = lazy_pattern(r"(?i)(?P<scheme>https?)(?P<sep>//|:/(?!/)|;//?|::/+|:\\\\)(?=[\w])")
_BROKEN_IN_TEXT = lazy_pattern(
    r"(?i)(?<![\w/:.-])https?(?://|:/(?!/)|;//?|::/+|:\\\\)(?=\w)[^\s<>\[\]\"]*[^\s<>\[\]\".,;:!?)]"
)


_SCHEME_ONLY_HOST = re.compile(r"https?://(?:www\.?)?")


def _malformed(token: str, judge) -> bool:
    lowered = token.lower()
    if _SCHEME_ONLY_HOST.fullmatch(lowered):
        return True  # a scheme with no host, or a cut-off host
    host = host_of(token)
    if not host:
        return True
    if lowered.startswith(("www.", "http://www.", "https://www.")) and judge.of(host) is None:
        return True
    path = token.split("://", 1)[-1].partition("/")[2]
    return bool(path) and path.endswith(("-", "…", "..."))


@rule(
    code="NL205",
    name="malformed-url",
    severity="error",
    fixable=True,
    summary="a web address that cannot work: no host, an unknown ending, a broken scheme, or cut off",
    options={"extra-suffixes": _EXTRA},
    removed_options=_REPLACED_BY_THE_LIST,
)
def malformed_url(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """A web address in the text, or a link target, that cannot be a working address: a scheme
    with no host (`https://`), a cut-off host (`www.exampleforce`), a `www.` host whose ending
    is not a public suffix (the Public Suffix List: `.scot`, `.wales` and `.police.uk` are,
    `.police` is not), a scheme that lost its colon or a slash (`https//`, `https:/`), or a
    path ending in `-` or `…` (truncated). A scheme is not required in running text: "online at
    www.example.police.uk/report" is fine. The fix for a broken scheme (unsafe) rewrites it,
    when that gives a whole address.

    Flagged: For safety advice, visit www.exampleforce
    Flagged: Report it on [the form](https//www.example.org.uk/form).
    Fine:    For safety advice, visit www.example.police.uk/advice
    Fine:    For help visit www.mygov.scot or https://www.gov.wales/report
    """
    judge = suffixes(tuple(opts["extra-suffixes"]), opts.get("use-cache", True))
    text = doc.prose_text_with_urls
    tokens: list[UrlToken | Link] = []
    broken: list[tuple[int, int, str]] = []
    tokens += doc.derive(judge.document_tokens)
    for block in doc.blocks:
        for link in links_between(doc, block.start, block.end):
            dest = link.dest.strip()
            if _BROKEN_SCHEME().match(dest):
                broken.append((link.dest_start, link.dest_start + len(dest), dest))
            elif re.match(r"https?:|www\.", dest, re.IGNORECASE) and not _scheme_only(dest):
                tokens.append(link)  # an empty target is NL203's
        if "http" in text[block.start : block.end].lower():
            broken += [
                (m.start(), m.end(), m.group())
                for m in _BROKEN_IN_TEXT().finditer(text, block.start, block.end)
            ]
    for start, end, value in broken:
        m = _BROKEN_SCHEME().match(value)
        if m is None:
            continue
        repaired = f"{m['scheme'].lower()}://"
        # fixed only when that gives a whole address: "http:/w@" repaired is still none
        whole = not _malformed(repaired + value[m.end() :], judge)
        fix = Fix.unsafe_edit(Edit(start, start + m.end(), repaired)) if whole else None
        yield Hit(start, end, f'"{value}" has a broken scheme: write "{repaired}"', fix)
    for token in tokens:
        value = token.text if isinstance(token, UrlToken) else token.dest.strip()
        start, end = (
            (token.start, token.end)
            if isinstance(token, UrlToken)
            else (token.dest_start, token.dest_end)
        )
        if _malformed(value, judge):
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
    `XXX`, `TBC`, `TBA` or `TK` straight after a call to action, or as a link's text or target;
    and, anywhere, a placeholder that can only mean a link: `LINK TO FOLLOW`, `LINK TO COME`,
    `LINK TBC`, `ADD LINK`, `[insert link]`, `(link to follow)`. Bracketed forms match in any
    case; bare words only in capitals.

    Flagged: For the survey, visit TBC.
    Flagged: Read the [guidance](LINK HERE).
    Flagged: Register by going to LINK TO FOLLOW.
    Fine:    The date is TBC.
    Fine:    Further details to follow.
    """
    source = doc.inline_source
    after_verb = _after_verb_placeholder()
    hits: list[Hit] = []

    def add(start: int, end: int) -> None:
        if not any(h.start < end and start < h.end for h in hits):
            value = source[start:end].strip()
            hits.append(Hit(start, end, f'placeholder "{value}" left in place of a link'))

    for cta in _ctas(doc, opts["cta-verbs"]):
        m = after_verb.match(source, cta.end)
        if m:
            add(m.start("p"), m.end("p"))
    may_hold = _placeholder_words_test(source)
    for block in doc.blocks:
        # "[text](LINK HERE)" is not a link to CommonMark (a target cannot hold a space)
        for m in _IN_BRACKETS().finditer(source, block.start, block.end):
            if " " in m.group("p"):
                add(m.start("p"), m.end("p"))
        if may_hold(block.start, block.end):
            for m in _LINK_PLACEHOLDER().finditer(source, block.start, block.end):
                add(m.start(), m.end())
        for link in links_between(doc, block.start, block.end):
            for value, start in ((link.text, link.text_start), (link.dest, link.dest_start)):
                if _is_placeholder(value.strip()):
                    add(start, start + len(value))
    yield from sorted(hits)


def _placeholder_words_test(source: str) -> Callable[[int, int], bool]:
    """Does source[start:end] hold "link", "url" or "web address", in any case? Most articles
    hold none anywhere, which three `in` tests of the lower-cased text say at once (a search
    of each block read every character)."""
    if not lowers_safely(source):
        return lambda start, end: _MAY_HOLD_PLACEHOLDER.search(source, start, end) is not None
    lowered = lower_case(source)
    words = [w for w in _PLACEHOLDER_WORDS if w in lowered]
    return lambda start, end: any(lowered.find(w, start, end) >= 0 for w in words)


@lru_cache(maxsize=1)
def _after_verb_placeholder() -> re.Pattern[str]:
    return re.compile(rf"[ \t\u00a0]*(?P<p>{_PLACEHOLDER.pattern})")


def _is_placeholder(value: str) -> bool:
    return _PLACEHOLDER.fullmatch(value) is not None


# the sites of forces, councils, government and the NHS: many tasks, each on a page of its own
GENERAL_SITES = (
    "police.uk",
    "gov.uk",
    "gov.scot",
    "gov.wales",
    "llyw.cymru",
    "nhs.uk",
    "nhs.scot",
    "nhs.wales",
    "hscni.net",
)
# single-purpose services within those, whose home page is where the reader acts
SINGLE_PURPOSE_SITES = ("actionfraud.police.uk", "service.gov.uk", "111.nhs.uk")


@rule(
    code="NL207",
    name="homepage-link",
    severity="warning",
    summary="the home page of a general public-body site where the task has a page of its own",
    options={
        "task-verbs": Option(list(TASK_VERBS), "verbs that name a task with its own page"),
        "general-sites": Option(
            list(GENERAL_SITES), "domains whose home page is too general for a task"
        ),
        "single-purpose-sites": Option(
            list(SINGLE_PURPOSE_SITES),
            "domains within general-sites whose home page is the task's page",
        ),
    },
)
def homepage_link(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """An address whose path is exactly `/` on a force, council, government or NHS site, in a
    sentence asking readers to report, apply, register, book, pay…: usually a deep link
    truncated to the home page. The home page of a single-purpose service (a reporting charity,
    Action Fraud) is where the reader acts, so it is not flagged; nor is a bare host with no
    trailing slash.

    Flagged: Apply for a permit at www.example.gov.uk/ today.
    Fine:    Apply online at www.example.gov.uk/permits.
    Fine:    Report it anonymously at https://www.example-charity.org.uk/ today.
    """
    text = doc.prose_text_with_urls
    task = _phrase_pattern(tuple(opts["task-verbs"]))
    general = tuple(opts["general-sites"])
    single = tuple(opts["single-purpose-sites"])
    judge = suffixes((), opts.get("use-cache", True))
    for token in doc.derive(judge.document_tokens):
        after_host = token.text.split("://", 1)[-1]
        if after_host.count("/") != 1 or not after_host.endswith("/"):
            continue
        host = host_of(token.text)
        if not _within(host, general) or _within(host, single):
            continue
        start, end = doc.sentence_at(token.start)
        verb = task.search(text, start, end)
        if verb:
            yield Hit(
                token.start,
                token.end,
                f'"{token.text}" is a home page, but the sentence asks readers to '
                f"{verb.group().lower()}: was the page path lost?",
            )


def _within(host: str, domains: Sequence[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


_UNCLOSED = lazy_pattern(
    r"(?P<open>!?\[(?P<text>[^\[\]\n]*)\]\((?P<dest><?(?:https?:|www\.|mailto:|tel:|/)[^\s()<>]*))"
    r"(?=\s|$)(?!\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\))\s*\))"
    r"|(?P<spaced>\[(?P<text2>[^\[\]\n]+)\][ \t]+\((?:https?://|www\.|mailto:)[^\s()]*\))"
)


@rule(
    code="NL210",
    name="unclosed-link",
    severity="error",
    summary="Markdown link syntax that does not make a link: never closed, or a space before (",
    options={},
)
def unclosed_link(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """A link whose target is never closed (`[Report it](https://example.org/report.`) or whose
    text and target are split by a space (`[Report it] (https://example.org/report)`) is not a
    link: CommonMark prints the brackets and the address as they are, and the reader sees
    syntax instead of a link.

    Flagged: [Report it](https://www.example.org.uk/report.
    Flagged: [Report it] (https://www.example.org.uk/report)
    Fine:    [Report it](https://www.example.org.uk/report).
    Fine:    Use square brackets [like this] (and round ones) in text.
    """
    source = doc.inline_source
    links = {link.start for link in doc.derive(document_links)}
    for block in doc.blocks:
        if (
            "](" not in source[block.start : block.end]
            and "] (" not in source[block.start : block.end]
        ):
            continue
        for m in _UNCLOSED().finditer(source, block.start, block.end):
            if m.start() in links:
                continue
            if m["spaced"]:
                gap_start = m.start("text2") + len(m["text2"]) + 1
                gap_end = source.index("(", gap_start)
                yield Hit(
                    m.start(),
                    m.end(),
                    f'"[{m["text2"]}]" is not a link: remove the space between "]" and "("',
                    Fix.safe_edit(Edit(gap_start, gap_end, "")),
                )
            else:
                yield Hit(
                    m.start(),
                    m.end(),
                    f'link "[{m["text"]}]" is never closed: add ")" after its address',
                )


RULES = (
    visit_missing_target,
    visit_no_link,
    empty_link,
    schemeless_link,
    malformed_url,
    link_placeholder,
    homepage_link,
    unclosed_link,
)

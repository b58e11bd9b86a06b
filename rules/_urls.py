"""Web addresses and Markdown links, found once and shared by the NL2xx rules (spec §2.3).

A URL-like token is `http(s)://…`, `www.…` or a bare domain ending in a public suffix, with
trailing sentence punctuation removed. Markdown inline links, images and autolinks are read from
the blocks' source (code spans blanked), with the spans of their parts.

Whether a host ends in a real suffix (`.scot`, `.wales`, `.police.uk`, `.london`) is the Public
Suffix List's answer, through the `publicsuffixlist` package, which ships the list and never
fetches it (a new package release carries each new list). Its ICANN section is used: private
suffixes such as `github.io` say nothing about whether an address is complete. Loading the list
costs about 15 ms, so it is loaded only when a host needs judging, and its answers are memoised
(`newslint.memo`) so that a run whose hosts were all seen before does not load it at all.
"""

from __future__ import annotations

import importlib.util
import os
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urlsplit

from newslint.memo import Memo


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A pattern compiled on first use: for the rarely needed ones, which would otherwise cost
    every pre-commit run their compile time at start-up."""
    return lru_cache(maxsize=1)(lambda: re.compile(pattern, flags))


# an address has a dot between two letters or digits ("example.org") or a "://"; written dot
# first, so that the search skips from dot to dot (eight times faster than trying the letter
# class everywhere); the look-behind may see the character before a search's start, which
# `_may_hold_url` allows for
_MAY_HOLD_URL = re.compile(r"\.(?<=[^\W_]\.)[^\W_]|://")
_TRAILING = ".,;:)]!?'\"’”*"  # (asterisks after an address are Markdown: **www.example.uk**)
# an address's host may be an IPv6 literal in brackets (RFC 3986), which no other part holds
_URL_TOKEN = re.compile(
    r"(?<![\w@/.-])(?:https?://(?:[^\s<>\[\]\"/@]*@)?(?:\[[0-9a-f:.]{2,45}\])?[^\s<>\[\]\"]*"
    r"|www\.[^\s<>\[\]\"]*|[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/[^\s<>\[\]\"]*)?)",
    re.IGNORECASE,
)
# [text](destination "title") and ![alt](src); the destination may be in <…>
_INLINE_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
    r"\((?P<ws>\s*)(?P<dest><[^<>\n]*>|(?:[^\s()\\]|\\.|\([^\s()]*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
_AUTOLINK = re.compile(r"<(?P<dest>[^\s<>]+)>")
_AUTOLINK_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{1,31}:")
_HTTP = re.compile(r"https?://", re.IGNORECASE)
# labels of letters, digits and inner hyphens; the last one (the top-level domain) not numeric
_HOST = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_][\w-]*[^\W_]")


class UrlToken(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def with_scheme(self) -> str:
        return self.text if _HTTP.match(self.text) else "https://" + self.text


class Link(NamedTuple):
    start: int
    end: int  # the whole `[text](dest)` or `<…>`
    text: str
    text_start: int
    dest: str
    dest_start: int
    dest_end: int
    autolink: bool = False
    image: bool = False


class Suffixes:
    """Which hosts end in a public suffix: the Public Suffix List, plus a project's own endings
    (an intranet's `.internal`, say) given as `extra`."""

    def __init__(self, extra: Sequence[str] = (), use_cache: str | bool = False) -> None:
        self.extra = tuple(sorted({e.lower().strip(".") for e in extra if e}, key=len))[::-1]
        self.memo = Memo(_memo_name(), ("suffix",), use_cache)

    def of(self, host: str) -> str | None:
        """The host's public suffix, if it ends in one and has at least one label before it.

        A host that is itself a public suffix and a site (`police.uk`, `gov.uk`) counts.
        """
        host = host.lower().rstrip(".")
        if "." not in host or not _HOST.fullmatch(host):
            return None
        for suffix in self.extra:
            if host.endswith("." + suffix):
                return suffix
        return self.memo.get("suffix", host, lambda: _listed_suffix(host)) or None

    def document_tokens(self, doc) -> tuple[UrlToken, ...]:
        """Every address in the document's prose; share it with `doc.derive(judge.document_tokens)`."""
        text = doc.prose_text_with_urls
        return tuple(t for b in doc.blocks for t in url_tokens(text, b.start, b.end, self))


@lru_cache(maxsize=1)
def _suffix_list():
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList(only_icann=True, accept_unknown=False, accept_encoded_idn=False)


def _listed_suffix(host: str) -> str:
    return _suffix_list().publicsuffix(host) or ""


def _memo_name() -> str | None:
    """Named after the installed list file, so a new release of the list starts afresh."""
    spec = importlib.util.find_spec("publicsuffixlist")
    if spec is None or spec.origin is None:
        return None
    try:
        info = os.stat(os.path.join(os.path.dirname(spec.origin), "public_suffix_list.dat"))
    except OSError:
        return None
    return f"public-suffixes-{info.st_size}-{info.st_mtime_ns}"


@lru_cache(maxsize=8)
def suffixes(extra: tuple[str, ...] = (), use_cache: str | bool = False) -> Suffixes:
    return Suffixes(extra, use_cache)


def suffix_of(host: str, extra: Sequence[str] = (), use_cache: str | bool = False) -> str | None:
    """The host's public suffix (see `Suffixes.of`), or None."""
    return suffixes(tuple(extra), use_cache).of(host)


def _may_hold_url(text: str, start: int, end: int) -> bool:
    """Is there a letter or digit, a dot and a letter or digit, or a "://", in text[start:end]?"""
    m = _MAY_HOLD_URL.search(text, start, end)
    if m is not None and m.start() == start and m.group() != "://":
        m = _MAY_HOLD_URL.search(text, start + 1, end)  # its letter before the dot is outside
    return m is not None


def url_tokens(text: str, start: int, end: int, judge: Suffixes | None = None) -> list[UrlToken]:
    """Web addresses in text[start:end]; `judge` decides bare domains (default: the list)."""
    found = []
    if not _may_hold_url(text, start, end):
        return found
    judge = judge or suffixes()
    for m in _URL_TOKEN.finditer(text, start, end):
        token = m.group().rstrip(_TRAILING)
        if token.count("[") > token.count("]"):  # "https://[::1]": its host's bracket stays
            token = m.group()[: m.group().index("]", len(token)) + 1]
        token_end = m.start() + len(token)
        if not token:
            continue
        lowered = token.lower()
        if not lowered.startswith(("http://", "https://", "www.")) and not bare_domain(
            token.split("/", 1)[0], judge
        ):
            continue
        found.append(UrlToken(m.start(), token_end, token))
    return found


def bare_domain(host: str, judge: Suffixes) -> bool:
    """A host written without scheme or www.: "police.uk", "GOV.UK", "example.scot".

    The last label must be written in one case: "the end.Today" (a missing space) is not the
    `.today` domain, though "today" is a real suffix. File names whose extension is also a
    top-level domain ("README.md", "guide.zip") are files.
    """
    last = host.rsplit(".", 1)[-1]
    if not (last.islower() or last.isupper()) or not _A_LETTER.search(host):
        return False
    if last.lower() in _FILE_EXTENSIONS:
        return False
    return judge.of(host) is not None


# extensions of files linked from articles that are also top-level domains
_FILE_EXTENSIONS = frozenset(["md", "zip", "mov", "sh", "py"])
_A_LETTER = re.compile(r"[a-z]", re.IGNORECASE)


def host_of(url: str) -> str:
    try:
        return (urlsplit(url if "://" in url else "https://" + url).hostname or "").lower()
    except ValueError:
        return ""


def links(text: str, start: int, end: int) -> list[Link]:
    found = []
    # (a link needs a "[", an autolink a "<": most blocks hold neither, and a find is cheap)
    inline = _INLINE_LINK.finditer(text, start, end) if text.find("[", start, end) >= 0 else ()
    for m in inline:
        dest = m.group("dest")
        dest_start, dest_end = m.start("dest"), m.end("dest")
        if dest.startswith("<") and dest.endswith(">"):
            dest, dest_start, dest_end = dest[1:-1], dest_start + 1, dest_end - 1
        found.append(
            Link(
                m.start(),
                m.end(),
                m.group("text"),
                m.start("text"),
                dest,
                dest_start,
                dest_end,
                image=bool(m.group("bang")),
            )
        )
    autolinks = _AUTOLINK.finditer(text, start, end) if text.find("<", start, end) >= 0 else ()
    for m in autolinks:
        dest = m.group("dest")
        if _AUTOLINK_SCHEME.match(dest) or dest.lower().startswith("www.") or "@" in dest:
            found.append(
                Link(
                    m.start(),
                    m.end(),
                    dest,
                    m.start("dest"),
                    dest,
                    m.start("dest"),
                    m.end("dest"),
                    autolink=True,
                )
            )
    return sorted(found, key=lambda link: link.start)


def document_links(doc) -> list[Link]:
    """Every Markdown link, image and autolink in the document's prose, once per document."""
    return [
        link for block in doc.blocks for link in links(doc.inline_source, block.start, block.end)
    ]


def links_between(doc, start: int, end: int) -> list[Link]:
    found, starts = doc.derive(_links_in_order)
    if starts is None:
        return [link for link in found if start <= link.start < end]
    return found[bisect_left(starts, start) : bisect_left(starts, end)]


def _links_in_order(doc) -> tuple[list[Link], list[int] | None]:
    """The document's links and their starts, when the starts are in order (blocks that
    overlap can break it): then the links in a span are a slice found by bisection, rules
    asking block by block."""
    found = doc.derive(document_links)
    starts = [link.start for link in found]
    in_order = all(a <= b for a, b in zip(starts, starts[1:], strict=False))
    return found, (starts if in_order else None)


def tokens_between(doc, judge: Suffixes, start: int, end: int) -> list[UrlToken]:
    """The document's addresses (found once per judge) that start in [start, end)."""
    return [t for t in doc.derive(judge.document_tokens) if start <= t.start < end]

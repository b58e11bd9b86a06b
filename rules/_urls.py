"""Web addresses and Markdown links, found once and shared by the NL2xx rules (spec §2.3).

A URL-like token is `http(s)://…`, `www.…` or a bare domain ending in a public suffix, with
trailing sentence punctuation removed. Markdown inline links, images and autolinks are read from
the blocks' source (code spans blanked), with the spans of their parts.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import urlsplit

PUBLIC_SUFFIXES = (
    "uk",
    "co.uk",
    "org.uk",
    "gov.uk",
    "police.uk",
    "nhs.uk",
    "ac.uk",
    "sch.uk",
    "me.uk",
    "ltd.uk",
    "plc.uk",
    "net.uk",
    "com",
    "org",
    "net",
    "info",
    "eu",
    "io",
    "int",
    "edu",
    "gov",
)
_TRAILING = ".,;:)]!?'\"’”"
_URL_TOKEN = re.compile(
    r"(?<![\w@/.-])(?:https?://[^\s<>\[\]\"]*|www\.[^\s<>\[\]\"]*|[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/[^\s<>\[\]\"]*)?)",
    re.IGNORECASE,
)
# [text](destination "title") and ![alt](src); the destination may be in <…>
_INLINE_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
    r"\((?P<ws>\s*)(?P<dest><[^<>\n]*>|(?:[^\s()\\]|\\.|\([^\s()]*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
_AUTOLINK = re.compile(r"<(?P<dest>[^\s<>]+)>")


class UrlToken(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def with_scheme(self) -> str:
        return (
            self.text
            if re.match(r"https?://", self.text, re.IGNORECASE)
            else "https://" + self.text
        )


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


def suffix_of(host: str, suffixes) -> str | None:
    """The longest public suffix the host ends with (and has a label before), if any."""
    host = host.lower().rstrip(".")
    for suffix in sorted(suffixes, key=len, reverse=True):
        if host.endswith("." + suffix):
            return suffix
    return None


def url_tokens(text: str, start: int, end: int, suffixes=PUBLIC_SUFFIXES) -> list[UrlToken]:
    found = []
    for m in _URL_TOKEN.finditer(text, start, end):
        token = m.group().rstrip(_TRAILING)
        token_end = m.start() + len(token)
        if not token:
            continue
        lowered = token.lower()
        if not lowered.startswith(("http://", "https://", "www.")):
            host = token.split("/", 1)[0]
            if not re.search(r"[a-z]", host, re.IGNORECASE) or suffix_of(host, suffixes) is None:
                continue
        found.append(UrlToken(m.start(), token_end, token))
    return found


def host_of(url: str) -> str:
    try:
        return (urlsplit(url if "://" in url else "https://" + url).hostname or "").lower()
    except ValueError:
        return ""


def links(text: str, start: int, end: int) -> list[Link]:
    found = []
    for m in _INLINE_LINK.finditer(text, start, end):
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
    for m in _AUTOLINK.finditer(text, start, end):
        dest = m.group("dest")
        if (
            re.match(r"[A-Za-z][A-Za-z0-9+.-]{1,31}:", dest)
            or dest.lower().startswith("www.")
            or "@" in dest
        ):
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
    return [link for link in doc.derive(document_links) if start <= link.start < end]

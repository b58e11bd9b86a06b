"""Glob patterns for include, exclude and per-file-ignores, with gitignore-like meaning.

A pattern without a slash matches a file or folder name at any depth (`*.txt`, `drafts`); one
with a slash matches the path from the project root (`archive/**`, `news/2019/*.md`). `**`
spans folders. A pattern that matches a folder matches everything below it.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
    anchored = "/" in pattern.rstrip("/")
    body = pattern.strip("/")
    out = []
    i = 0
    while i < len(body):
        c = body[i]
        if body.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if body.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            close = body.find("]", i + 1)
            if close > i:
                out.append("[" + body[i + 1 : close].replace("!", "^", 1) + "]")
                i = close + 1
                continue
            out.append(re.escape(c))
        else:
            out.append(re.escape(c))
        i += 1
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(prefix + "".join(out) + "(?:/.*)?$")


def matches_path(pattern: str, relpath: str) -> bool:
    """Does a POSIX-style path relative to the project root match the pattern?"""
    return _compile(pattern).match(relpath.removeprefix("./")) is not None

"""Glob patterns for include, exclude and per-file-ignores, in .gitignore syntax (pathspec).

A pattern without a slash matches a file or folder name at any depth (`*.txt`, `drafts`); one
with a slash matches the path from the project root (`archive/**`, `/news/2019/*.md`). `**`
spans folders, a trailing slash matches folders only, `!` re-includes what an earlier pattern
of the same list matched, `[abc]` and `[!abc]` are character classes and `\\` escapes. A pattern
that matches a folder matches everything below it.

pathspec turns each pattern into a backtracking regular expression, and a pattern with many
`*` can take minutes on a long path; `check_pattern` refuses those when the config is read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

MAX_PATTERN_LENGTH = 1000
# wildcards (a `*`, or a `**` folder) in one pattern, and in one folder or file name: enough
# for real patterns such as `archive/**/*-draft-*.md`, few enough that matching stays quick
MAX_WILDCARDS = 4
MAX_WILDCARDS_IN_A_NAME = 3


class PatternError(ValueError):
    """A pattern that is not valid .gitignore syntax, or that would be too slow to match."""


def check_pattern(pattern: str) -> None:
    """Raise PatternError, with a reason a user can act on, for a pattern newslint refuses."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError(f"is longer than {MAX_PATTERN_LENGTH} characters")
    if "\x00" in pattern or "\n" in pattern or "\r" in pattern:
        raise PatternError("contains a NUL or a line break")
    names = [n for n in pattern.strip("/").split("/") if n != "**"]
    in_names = [len(re.findall(r"\*+", n)) for n in names]
    total = sum(in_names) + pattern.strip("/").split("/").count("**")
    if total > MAX_WILDCARDS or max(in_names, default=0) > MAX_WILDCARDS_IN_A_NAME:
        raise PatternError(
            f"has too many * (at most {MAX_WILDCARDS} in a pattern and "
            f"{MAX_WILDCARDS_IN_A_NAME} in one name): such patterns can take minutes to match"
        )
    try:
        _spec((pattern,))
    except ValueError as exc:  # pathspec's GitWildMatchPatternError is a ValueError
        raise PatternError(f"is not valid .gitignore syntax ({exc})") from None


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> Any:
    import pathspec  # only a run with patterns to match pays for the import

    # a run of * inside a name means what one * means; collapsing it keeps matching linear
    simplified = [re.sub(r"(?<![/])\*{3,}|(?<=[^/])\*\*+|\*\*+(?=[^/])", "*", p) for p in patterns]
    return pathspec.GitIgnoreSpec.from_lines(simplified)


def matches(patterns: tuple[str, ...], relpath: str, *, folder: bool = False) -> bool:
    """Does the POSIX-style path relative to the project root match the list of patterns?

    The list is read as a .gitignore file: the last pattern that matches decides, so a later
    `!pattern` takes a path back out. `folder` says the path is a folder, for `name/` patterns.
    """
    if not patterns:
        return False
    path = relpath.removeprefix("./")
    endings = _name_endings(patterns)
    if endings is not None and not path.startswith("/") and "//" not in path:
        return any(name.endswith(endings) for name in path.split("/"))
    return bool(_spec(patterns).match_file(path + "/" if folder else path))


# `*.md`: a pattern of one name, a star and a literal ending; matched at any depth, it matches
# a path when one of the path's names ends so (a folder `notes.md/` matches, and so everything
# below it). The default `include` is made of these, so a run with the defaults matches each
# file with `str.endswith` and never imports pathspec. (pathspec reads an empty name, as in
# `/x` or `a//b`, its own way: such paths are left to it.)
_NAME_ENDING = re.compile(r"\*([A-Za-z0-9._-]+)")


@lru_cache(maxsize=256)
def _name_endings(patterns: tuple[str, ...]) -> tuple[str, ...] | None:
    """The endings of a list made only of `*ending` patterns; None for any other list."""
    found = [_NAME_ENDING.fullmatch(p) for p in patterns]
    return tuple(m.group(1) for m in found if m) if all(found) else None


def matches_path(pattern: str, relpath: str, *, folder: bool = False) -> bool:
    """Does one pattern match the path (see `matches`)?"""
    return matches((pattern,), relpath, folder=folder)

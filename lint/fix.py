"""Applying fixes to text, and writing fixed files safely.

Fixes that overlap are never merged: the first (by position) wins and the others wait for the
next pass, after the engine has linted the new text again. Writes are atomic (a temporary file in
the same folder, then a rename), keep the BOM and permissions, and are refused when the file
changed on disk since it was read.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from newslint._api import Fix

MAX_PASSES = 10


class FileChanged(Exception):
    """The file on disk is no longer what was read."""


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply every fix whose edits overlap no earlier accepted edit; return the text and count."""
    accepted: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    count = 0
    for fix in sorted(
        fixes, key=lambda f: (min(e.start for e in f.edits), max(e.end for e in f.edits))
    ):
        spans = [(e.start, e.end) for e in fix.edits]
        if any(_overlaps(span, other) for span in spans for other in taken):
            continue
        if any(_overlaps(a, b) for i, a in enumerate(spans) for b in spans[i + 1 :]):
            continue
        taken.extend(spans)
        accepted.extend((e.start, e.end, e.text) for e in fix.edits)
        count += 1
    for start, end, replacement in sorted(accepted, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text, count


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # two insertions at one point conflict too: their order would be a guess
    if a[0] == a[1] == b[0] == b[1]:
        return True
    return a[0] < b[1] and b[0] < a[1]


def encode(text: str, bom: bool) -> bytes:
    return ("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8")


def write_atomically(path: str, data: bytes, original: bytes) -> None:
    target = Path(path)
    if target.read_bytes() != original:
        raise FileChanged(path)
    mode = target.stat().st_mode
    handle, temp = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".newslint", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode & 0o7777)
        if target.read_bytes() != original:
            raise FileChanged(path)
        os.replace(temp, target)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def unified_diff(path: str, before: str, after: str) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            f"a/{path}",
            f"b/{path}",
        )
    )

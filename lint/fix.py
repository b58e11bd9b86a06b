"""Applying fixes to text, and writing fixed files safely.

Fixes that overlap are never merged: the first (by position) wins and the others wait for the
next pass, after the engine has linted the new text again. Writes are atomic (a temporary file in
the same folder, flushed, then renamed under a lock on the folder), keep the BOM and permissions,
and are refused when the file changed on disk since it was read or is read-only. A run killed
mid-write leaves the file as it was and at most a hidden temporary file, which discovery never
takes for an article and the next --fix run removes.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

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


class NotWritable(Exception):
    """The file may not be replaced (it is read-only); nothing was written."""


class Identity(NamedTuple):
    """Which file was read: its device and inode, and whether the path was a symbolic link."""

    device: int
    inode: int
    symlink: bool


def identity(path: str, handle_stat: os.stat_result) -> Identity:
    return Identity(handle_stat.st_dev, handle_stat.st_ino, os.path.islink(path))


# Temporary files are named `.<name>.<pid>-<random>.newslint-tmp` beside the file they replace:
# hidden, never matching an article glob, and telling which process may still own them.
TEMP_SUFFIX = ".newslint-tmp"
_TEMP_NAME = re.compile(r"^\..+\.(\d+)-[A-Za-z0-9_]+" + re.escape(TEMP_SUFFIX) + "$")
_STALE_AFTER = 3600.0  # seconds; a temporary file this old is stale whoever made it


def is_temp_file(name: str) -> bool:
    return _TEMP_NAME.match(name) is not None


def remove_stale_temp_files(folder: str) -> int:
    """Delete temporary files that a killed run left in `folder`; return how many.

    A file is stale when the process that made it is gone (or it is over an hour old), so a
    second run working at the same time never loses the file the first is writing.
    """
    removed = 0
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return 0
    for name in names:
        m = _TEMP_NAME.match(name)
        if not m:
            continue
        path = os.path.join(folder, name)
        try:
            if (
                _process_alive(int(m.group(1)))
                and time.time() - os.lstat(path).st_mtime < _STALE_AFTER
            ):
                continue
            os.unlink(path)
            removed += 1
        except OSError:
            continue  # gone already, or not ours to remove
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    try:  # a killed process whose parent died too may linger unreaped: it writes nothing more
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def write_atomically(
    path: str, data: bytes, original: bytes, read_as: Identity | None = None
) -> None:
    """Replace the file's content with `data`, or raise and leave the file as it was.

    Refused (FileChanged) when the file on disk is no longer the `original` bytes or was
    replaced by a symbolic link since it was read; refused (NotWritable) when it is read-only.
    The data goes to a temporary file in the same folder, is flushed to disk, and is renamed
    over the file under a lock on the folder, so two newslint runs never both replace it from
    the same original. A symbolic link that was read as one is written through, not replaced.
    """
    if read_as is not None and os.path.islink(path) != read_as.symlink:
        raise FileChanged(path)
    target = Path(os.path.realpath(path))
    mode = target.stat().st_mode
    if not mode & 0o222:
        raise NotWritable(path)
    handle, temp = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}-", suffix=TEMP_SUFFIX, dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode & 0o7777)
        with _folder_lock(target.parent) as folder:
            if target.read_bytes() != original:
                raise FileChanged(path)
            os.replace(temp, target)
            if folder is not None:
                os.fsync(folder)  # the rename itself survives a crash
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[int | None]:
    """An exclusive advisory lock on the folder, held while the file is checked and replaced."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, the content check still guards most races
        yield None
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)  # closing releases the lock


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

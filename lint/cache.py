"""newslint's one cache layer: keyed, atomic, bounded, self-healing storage on disk.

Everything newslint keeps between runs goes through a `Store`: the per-file results
(`newslint.results_cache`), the dictionary and schema answers (`newslint.memo`) and the online
link checks. Each value is one file, named by a hash of its key, in a folder per namespace:

    .newslint_cache/results/3f/3f9c….entry

- **Atomic**: a value is written to a temporary file in the same folder and renamed over the
  old one, so a reader (another worker, another run) sees the old value or the new one, never
  half of one. Parallel writers of one key are harmless: the last rename wins and both wrote
  the same answer.
- **Self-healing**: each file starts with a magic string and a digest of the key and value. A
  file that is short, truncated or altered fails the check and is a miss; the next write
  replaces it. Nothing read from the cache is trusted without that check.
- **Bounded**: `prune()` deletes the least recently used entries (by modification time; a hit
  refreshes an entry at most once a day) until the namespace is under its size.

The folder is `.newslint_cache/` at the project root (the folder of the config file, else the
current folder), like `.ruff_cache` and `.pytest_cache`, or `$NEWSLINT_CACHE_DIR`. It is created
atomically with a `README.md`, a `.gitignore` holding `*` and a `CACHEDIR.TAG`, so git and
backup tools skip it. Deleting it is always safe; `newslint clean` does.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

FOLDER_NAME = ".newslint_cache"
_MAGIC = b"NLC1"
_DIGEST_SIZE = 20
_HEADER = len(_MAGIC) + _DIGEST_SIZE
_TOUCH_AFTER = 86400.0  # seconds: refresh a hit's time at most daily, not on every read
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by newslint.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)
_README = (
    "# newslint cache\n\n"
    "This folder holds newslint's results cache and remembered answers. It is safe to delete\n"
    "at any time (`newslint clean`), and it is never committed: see `.gitignore` here.\n"
)


def cache_folder(root: str | os.PathLike[str] = ".") -> Path:
    """`$NEWSLINT_CACHE_DIR`, else `.newslint_cache` in the project root."""
    override = os.environ.get("NEWSLINT_CACHE_DIR")
    return Path(override) if override else Path(root) / FOLDER_NAME


def ensure_folder(folder: Path) -> bool:
    """Create the cache folder with its README, .gitignore and CACHEDIR.TAG, all at once.

    The files are written into a temporary sibling that is then renamed into place, so no run
    ever sees a cache folder without its `.gitignore`. False when it cannot be created (a
    read-only checkout): the run then goes on without a cache.
    """
    if folder.is_dir():
        return True
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError:
        return False
    try:
        (temp / "README.md").write_text(_README, "utf-8")
        (temp / ".gitignore").write_text("# created by newslint\n*\n", "utf-8")
        (temp / "CACHEDIR.TAG").write_text(_CACHEDIR_TAG, "utf-8")
        os.rename(temp, folder)
    except OSError:
        shutil.rmtree(temp, ignore_errors=True)  # another process made it first, or no space
    return folder.is_dir()


def key_digest(*parts: str | bytes) -> str:
    """A hex digest of the parts, each length-prefixed so ("ab", "c") differs from ("a", "bc")."""
    h = hashlib.blake2b(digest_size=_DIGEST_SIZE)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


class Store:
    """One namespace of the cache: `get` and `put` bytes by a string key.

    A disabled store (`folder=None`, as with `--no-cache`) misses every `get` and drops every
    `put`. No method raises for a disk problem: a cache that cannot be used is a slower run,
    never a failed one.
    """

    def __init__(
        self, folder: Path | None, namespace: str, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> None:
        self.root = folder
        self.folder = folder / namespace if folder is not None else None
        self.max_bytes = max_bytes
        self._ready = False
        self._folder_text = str(self.folder) if self.folder is not None else ""

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def _path(self, key: str) -> Path:
        return Path(self._file(key))

    def _file(self, key: str) -> str:
        # plain strings: this runs for every file of every run, and pathlib costs more here
        name = key_digest(key)
        return os.path.join(self._folder_text, name[:2], name + ".entry")

    def get(self, key: str) -> bytes | None:
        if self.folder is None:
            return None
        path = self._file(key)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
                modified = os.fstat(handle.fileno()).st_mtime
        except OSError:
            return None
        value = data[_HEADER:]
        if data[: len(_MAGIC)] != _MAGIC or data[len(_MAGIC) : _HEADER] != _seal(key, value):
            return None  # damaged or from another format: a miss, rewritten by the next put
        if time.time() - modified > _TOUCH_AFTER:
            with contextlib.suppress(OSError):
                os.utime(path)
        return value

    def put(self, key: str, value: bytes) -> None:
        if self.folder is None:
            return
        path = self._file(key)
        shard = os.path.dirname(path)
        try:
            if not self._ready:
                assert self.root is not None
                self._ready = ensure_folder(self.root)
                if not self._ready:
                    self.folder = None  # read-only: stop trying for the rest of the run
                    return
            try:
                handle, temp = tempfile.mkstemp(dir=shard, prefix=".tmp-")
            except FileNotFoundError:  # the shard's first entry
                os.makedirs(shard, exist_ok=True)
                handle, temp = tempfile.mkstemp(dir=shard, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(_MAGIC + _seal(key, value) + value)
                os.replace(temp, path)
            except BaseException:
                _unlink(temp)
                raise
        except OSError:
            pass

    def get_json(self, key: str) -> Any:
        """The JSON value stored under `key`, or None (missing, damaged or not JSON)."""
        data = self.get(key)
        if data is None:
            return None
        try:
            return json.loads(data)
        except ValueError:
            return None

    def put_json(self, key: str, value: Any) -> None:
        self.put(key, json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())

    def prune_now_and_then(self, every: float = 3600.0) -> int:
        """`prune()`, at most once per `every` seconds: a scan of a big cache is not free."""
        if self.folder is None:
            return 0
        marker = self.folder / ".pruned"
        try:
            if time.time() - marker.stat().st_mtime < every:
                return 0
        except OSError:
            pass
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            return 0
        return self.prune()

    def prune(self) -> int:
        """Delete the least recently used entries until the namespace fits its size; how many."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        entries = []
        total = 0
        for shard in os.scandir(self.folder):
            if not shard.is_dir():
                continue
            for entry in os.scandir(shard.path):
                try:
                    info = entry.stat()
                except OSError:
                    continue
                if entry.name.startswith(".tmp-") and time.time() - info.st_mtime > 3600:
                    _unlink(entry.path)  # left by a process that was killed mid-write
                    continue
                entries.append((info.st_mtime, info.st_size, entry.path))
                total += info.st_size
        if total <= self.max_bytes:
            return 0
        removed = 0
        target = self.max_bytes * 0.8  # leave room, so the next runs do not prune again at once
        for _mtime, size, path in sorted(entries):
            if total <= target:
                break
            _unlink(path)
            total -= size
            removed += 1
        return removed


def prune_all(
    folder: Path | None, every: float = 3600.0, max_bytes: int = DEFAULT_MAX_BYTES
) -> int:
    """`prune_now_and_then` for every namespace in the cache folder; entries removed."""
    if folder is None or not folder.is_dir():
        return 0
    return sum(
        Store(folder, entry.name, max_bytes).prune_now_and_then(every)
        for entry in os.scandir(folder)
        if entry.is_dir() and not entry.name.startswith(".")
    )


def _seal(key: str, value: bytes) -> bytes:
    h = hashlib.blake2b(digest_size=_DIGEST_SIZE)
    h.update(key.encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(value)
    return h.digest()


def _unlink(path: str | os.PathLike[str]) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def clean(folder: Path) -> bool:
    """Delete the cache folder; True when there was one. Refuses a folder newslint did not make."""
    if not folder.is_dir():
        return False
    if not (folder / "CACHEDIR.TAG").is_file():
        raise OSError(f"{folder} has no CACHEDIR.TAG; not deleting a folder newslint did not make")
    shutil.rmtree(folder)
    return True

"""newslint's one cache layer: keyed, atomic, bounded, self-healing storage on disk.

Everything newslint keeps between runs goes through a `Store`: the per-file results
(`newslint.results_cache`), the dictionary and schema answers (`newslint.memo`) and the online
link checks. Every namespace is a part of one SQLite database in the cache folder:

    .newslint_cache/cache.db      entries(namespace, key digest, sealed value, last used)

- **Why a database**: a value per file made a cold run create a file for each linted file
  (write a temporary file, rename it over the entry); on ext4 each creation took 10–200 µs of
  kernel time and the writes were 7–11% of a cold run of 1,000 articles on two cores. SQLite
  (in Python's standard library) writes a batch of values in one transaction; mypy's
  `--sqlite-cache` exists for the same reason.
- **Atomic**: values are written in transactions (write-ahead log), so a reader (another
  worker, another run) sees the old value or the new one, never half of one, and a process
  killed mid-write leaves the database as it was. Parallel writers take turns on the write lock,
  each waiting up to two seconds; a write that cannot get it is dropped, a miss next time.
- **Buffered**: a process keeps its new values and writes them together: when the runner
  finishes a batch of files (`flush_all`), at exit, and at once for an answer that other
  processes need now (`put(..., now=True)`). Reads see the process's own unwritten values.
- **Self-healing**: each value starts with a magic string and a digest of the key and the value,
  checked on every read: a value altered on disk is a miss, and the next write replaces it. A
  database file that SQLite cannot read (truncated, overwritten) is deleted and made again.
- **Bounded**: `prune()` deletes the least recently used entries of a namespace (a hit refreshes
  an entry's time at most once a day) until it is under its size.
- **Forks**: a connection is never used across `fork()`: each process opens its own, and the
  runner closes the parent's (`close_all`) before it forks its workers.

The folder is `.newslint_cache/` at the project root (the folder of the config file, else the
current folder), like `.ruff_cache` and `.pytest_cache`, or `$NEWSLINT_CACHE_DIR`. It is created
atomically with a `README.md`, a `.gitignore` holding `*` and a `CACHEDIR.TAG`, so git and
backup tools skip it. Deleting it is always safe; `newslint clean` does.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

try:
    import sqlite3
except ImportError:  # a Python built without SQLite (some minimal builds): run without a cache
    sqlite3 = None  # type: ignore[assignment]

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
    return _digest(parts).hex()


def _digest(parts: tuple[str | bytes, ...]) -> bytes:
    h = hashlib.blake2b(digest_size=_DIGEST_SIZE)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


# a file is read through one reused buffer of this size: reading each file whole (the lexicon
# and the dictionary are megabytes) made fresh memory for each, and touching it cost more than
# hashing it
READ_SIZE = 1 << 18


def file_digest(path: str, buffer: bytearray) -> bytes:
    """The digest of a file's content, read through `buffer` (see READ_SIZE)."""
    digest = hashlib.blake2b(digest_size=_DIGEST_SIZE)
    view = memoryview(buffer)
    with open(path, "rb", buffering=0) as handle:
        while size := handle.readinto(buffer):
            digest.update(view[:size])
    return digest.digest()


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
        self.namespace = namespace
        self.max_bytes = max_bytes

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def _database(self) -> _Database | None:
        return _database(self.root) if self.root is not None else None

    def get(self, key: str) -> bytes | None:
        db = self._database()
        if db is None:
            return None
        digest = _key_bytes(key)
        found = db.read(self.namespace, digest)
        if found is None:
            return None
        sealed, used = found
        value = sealed[_HEADER:]
        if sealed[: len(_MAGIC)] != _MAGIC or sealed[len(_MAGIC) : _HEADER] != _seal(key, value):
            return None  # damaged or from another format: a miss, rewritten by the next put
        if time.time() - used > _TOUCH_AFTER:
            db.touch(self.namespace, digest)
        return value

    def put(self, key: str, value: bytes, *, now: bool = False) -> None:
        """Keep `value` under `key`; written with the process's next flush, or at once (`now`)."""
        db = self._database()
        if db is None:
            return
        db.write(self.namespace, _key_bytes(key), _MAGIC + _seal(key, value) + value)
        if now:
            db.flush()

    def get_json(self, key: str) -> Any:
        """The JSON value stored under `key`, or None (missing, damaged or not JSON)."""
        data = self.get(key)
        if data is None:
            return None
        try:
            return json.loads(data)
        except ValueError:
            return None

    def put_json(self, key: str, value: Any, *, now: bool = False) -> None:
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        self.put(key, data, now=now)

    def is_empty(self) -> bool:
        """Does the namespace hold nothing (or is the store off)? Then every `get` misses."""
        db = self._database()
        return db is None or not db.holds(self.namespace)

    def prune(self) -> int:
        """Delete the least recently used entries until the namespace fits its size; how many."""
        db = self._database()
        if db is None:
            return 0
        return db.prune(self.namespace, self.max_bytes)


def prune_all(
    folder: Path | None, every: float = 3600.0, max_bytes: int = DEFAULT_MAX_BYTES
) -> int:
    """`prune()` every namespace in the cache folder, at most once per `every` seconds (a scan
    of a big cache is not free); entries removed."""
    if folder is None:
        return 0
    db = _database(folder)
    if not db.due("pruned", every):
        return 0
    return sum(Store(folder, namespace, max_bytes).prune() for namespace in db.namespaces())


def flush_all() -> None:
    """Write every value this process still holds (the runner calls it after each batch)."""
    for db in _open_here():
        db.flush()


def close_all() -> None:
    """Write what this process holds and close its connections (before a fork)."""
    for db in _open_here():
        db.close()


_DATABASE_NAME = "cache.db"
_BUSY_WAIT = 2.0  # seconds a write waits for another process's transaction
_FLUSH_AT = 256  # values held before they are written without waiting for a flush
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS entries (namespace TEXT NOT NULL, key BLOB NOT NULL,"
    " value BLOB NOT NULL, used REAL NOT NULL, PRIMARY KEY (namespace, key))",
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value REAL NOT NULL)",
)
_DATABASES: dict[tuple[int, str], _Database] = {}


def _database(folder: Path) -> _Database:
    # one per process and folder: a child of fork() makes its own, never using its parent's
    where = (os.getpid(), str(folder))
    db = _DATABASES.get(where)
    if db is None:
        db = _DATABASES[where] = _Database(Path(folder))
    return db


def _open_here() -> list[_Database]:
    pid = os.getpid()
    return [db for (owner, _folder), db in list(_DATABASES.items()) if owner == pid]


atexit.register(flush_all)


class _Database:
    """One process's connection to a cache folder's database, and the values it has not written.

    Every SQLite error is caught here: "database is locked" or a full disk drops what was being
    written; a file that is not a database, or a damaged one, is deleted and made again (once
    per process); anything else turns the cache off for the rest of the process."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / _DATABASE_NAME
        self.lock = threading.RLock()  # the link checker and `newslint serve` use threads
        self.connection: sqlite3.Connection | None = None
        self.pending: dict[tuple[str, bytes], bytes] = {}
        self.touched: set[tuple[str, bytes]] = set()
        self.off = False
        self.healed = False

    # connections ------------------------------------------------------------------------------

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if self.connection is not None or self.off:
            return self.connection
        if sqlite3 is None:
            self.off = True
            return None
        if not create and not self.path.is_file():
            return None  # nothing stored yet: reading must not create the folder
        if create and not ensure_folder(self.folder):
            self.off = True  # a read-only checkout: run without a cache
            return None
        try:
            connection = sqlite3.connect(
                self.path, timeout=_BUSY_WAIT, isolation_level=None, check_same_thread=False
            )
            # the write-ahead log lets readers go on while one process writes; where it cannot
            # be used (some network file systems) SQLite keeps its rollback journal
            connection.execute("PRAGMA journal_mode=WAL")
            # a commit is not synced to disk: a power cut may lose the last values, a cache
            # can afford that, and the database stays whole
            connection.execute("PRAGMA synchronous=NORMAL")
            # (takes effect only in a new database) pruned space is given back to the disk
            connection.execute("PRAGMA auto_vacuum=INCREMENTAL")
            for statement in _SCHEMA:
                connection.execute(statement)
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        self.connection = connection
        return connection

    def close(self) -> None:
        with self.lock:
            self.flush()
            if self.connection is not None:
                with contextlib.suppress(sqlite3.Error):
                    self.connection.close()
                self.connection = None

    def _failed(self, exc: sqlite3.Error) -> None:
        """After an error: heal a damaged file once, drop a locked write, else stop trying."""
        if self.connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self.connection.close()
            self.connection = None
        damaged = isinstance(exc, sqlite3.DatabaseError) and not isinstance(
            exc, sqlite3.OperationalError
        )
        if damaged and not self.healed:
            self.healed = True  # "file is not a database", "database disk image is malformed"
            for suffix in ("", "-wal", "-shm", "-journal"):
                _unlink(f"{self.path}{suffix}")
        elif not damaged and "locked" in str(exc):
            pass  # another process kept the write lock too long: this write is lost, not more
        else:
            self.off = True

    # values -----------------------------------------------------------------------------------

    def read(self, namespace: str, key: bytes) -> tuple[bytes, float] | None:
        with self.lock:
            held = self.pending.get((namespace, key))
            if held is not None:
                return held, time.time()
            connection = self._connect(create=False)
            if connection is None:
                return None
            try:
                row = connection.execute(
                    "SELECT value, used FROM entries WHERE namespace = ? AND key = ?",
                    (namespace, key),
                ).fetchone()
            except sqlite3.Error as exc:
                self._failed(exc)
                return None
        if row is None or not isinstance(row[0], bytes):
            return None
        return row[0], float(row[1])

    def write(self, namespace: str, key: bytes, value: bytes) -> None:
        with self.lock:
            if self.off:
                return
            self.pending[(namespace, key)] = value
            if len(self.pending) >= _FLUSH_AT:
                self.flush()

    def touch(self, namespace: str, key: bytes) -> None:
        with self.lock:
            self.touched.add((namespace, key))

    def flush(self) -> None:
        with self.lock:
            if not self.pending and not self.touched:
                return
            rows = [(ns, key, value, time.time()) for (ns, key), value in self.pending.items()]
            touched = [(time.time(), ns, key) for ns, key in self.touched]
            self.pending, self.touched = {}, set()
            self._transaction(
                [
                    ("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows),
                    ("UPDATE entries SET used = ? WHERE namespace = ? AND key = ?", touched),
                ]
            )

    # upkeep -----------------------------------------------------------------------------------

    def holds(self, namespace: str) -> bool:
        """Has the namespace an entry, written or waiting to be?"""
        with self.lock:
            if any(ns == namespace for ns, _key in self.pending):
                return True
        return bool(self._query("SELECT 1 FROM entries WHERE namespace = ? LIMIT 1", (namespace,)))

    def namespaces(self) -> list[str]:
        return [row[0] for row in self._query("SELECT DISTINCT namespace FROM entries")]

    def due(self, name: str, every: float) -> bool:
        """Has `every` seconds passed since `name` was last due? (Marks it done now if so.)"""
        rows = self._query("SELECT value FROM meta WHERE name = ?", (name,))
        if rows and time.time() - float(rows[0][0]) < every:
            return False
        return self._transaction(
            [("INSERT OR REPLACE INTO meta VALUES (?, ?)", [(name, time.time())])]
        )

    def prune(self, namespace: str, max_bytes: int) -> int:
        self.flush()
        rows = self._query(
            "SELECT key, length(value) FROM entries WHERE namespace = ? ORDER BY used DESC",
            (namespace,),
        )
        total = sum(size for _key, size in rows)
        if total <= max_bytes:
            return 0
        kept, stale = 0, []
        target = max_bytes * 0.8  # leave room, so the next runs do not prune again at once
        for key, size in rows:  # newest first: keep them while they fit
            if kept + size <= target and not stale:
                kept += size
            else:
                stale.append((namespace, key))
        if not self._transaction([("DELETE FROM entries WHERE namespace = ? AND key = ?", stale)]):
            return 0
        self._query("PRAGMA incremental_vacuum")
        return len(stale)

    def _query(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        with self.lock:
            connection = self._connect(create=False)
            if connection is None:
                return []
            try:
                return connection.execute(sql, parameters).fetchall()
            except sqlite3.Error as exc:
                self._failed(exc)
                return []

    def _transaction(self, batches: list[tuple[str, list[tuple]]]) -> bool:
        """Run each statement over its rows, all in one transaction; False when it failed."""
        with self.lock:
            connection = self._connect(create=True)
            if connection is None:
                return False
            try:
                connection.execute("BEGIN IMMEDIATE")
                try:
                    for sql, rows in batches:
                        connection.executemany(sql, rows)
                    connection.execute("COMMIT")
                except BaseException:
                    with contextlib.suppress(sqlite3.Error):
                        connection.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                self._failed(exc)
                return False
            return True


def _key_bytes(key: str) -> bytes:
    """A key's digest as stored: `key_digest` of the key alone, in bytes."""
    return _digest((key,))


def _seal(key: str, value: bytes) -> bytes:
    """The digest stored with a value: of its key and itself, so a value moved under another
    key fails the check too."""
    return _digest((key, value))


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

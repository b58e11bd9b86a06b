"""Answers worth keeping between runs: tables of small answers, kept in the cache `Store`.

A one-file pre-commit run must feel instant, but loading a Hunspell dictionary or the
jsonschema package costs more than the whole budget. Both give answers that depend only on
their inputs, so newslint remembers them: a run whose words and front matter were all seen
before loads neither. A memo is one entry of the `memo` namespace of the cache
(`newslint.cache`), so it shares the results cache's folder, atomic writes, damage checks,
size bound and `newslint clean`; its name must identify everything its answers depend on (the
dictionary files' identity, the schema's bytes).
"""

from __future__ import annotations

import atexit
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newslint.cache import Store, cache_folder

_NAMESPACE = "memo"
_SHARE_AFTER = 0.01  # seconds: answers slower than this are shared with other processes at once
# every memo this process opened, so that a worker process can save them all as it exits
_OPEN: weakref.WeakSet[Memo] = weakref.WeakSet()


def memo_store(where: str | bool) -> Store:
    """The memo namespace for a run's `use-cache` switch: a cache folder, True (the default
    folder) or False (no cache)."""
    if where is False or where == "":
        return Store(None, _NAMESPACE)
    folder = cache_folder() if where is True else Path(where)
    return Store(folder, _NAMESPACE)


class Memo:
    """Tables of answers kept in one cache entry; read once, merged back when the process ends.

    The main process saves at exit (atexit); worker processes, which skip atexit handlers, save
    through `save_all`, which the runner registers with multiprocessing's exit finalizers.
    """

    def __init__(
        self,
        name: str | None,
        tables: tuple[str, ...],
        where: str | bool = True,
        max_entries: int = 20_000,
        shared: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        # tables whose answers can be slow to work out: one that is is stored on its own at
        # once, and looked for there before it is worked out (a look-up costs more than a
        # fast answer, so other tables are only read with the memo and saved at exit)
        self.shared = frozenset(shared)
        # per table: a memo keyed by something every file has its own of (a front matter) would
        # otherwise grow with the number of files, in memory and in the entry each run loads
        self.max_entries = max_entries
        self.store = memo_store(where if name else False)
        self.tables: dict[str, dict[str, Any]] = {t: {} for t in tables}
        self.new: dict[str, dict[str, Any]] = {t: {} for t in tables}
        if self.store.enabled:
            loaded = self.store.get_json(name)
            if isinstance(loaded, dict):
                for table in tables:
                    values = loaded.get(table)
                    if isinstance(values, dict):
                        self.tables[table].update(values)
            atexit.register(self.save)
            _OPEN.add(self)

    def get(self, table: str, key: str, compute: Callable[[], Any]) -> Any:
        values = self.tables[table]
        if key in values:
            return values[key]
        # an answer that was slow to work out (a Hunspell suggestion takes 0.2 s) is stored on
        # its own at once, so the other workers of this run find it instead of computing it too
        own_key = f"{self.name}\0{table}\0{key}"
        share = self.store.enabled and table in self.shared
        if share:
            stored = self.store.get_json(own_key)
            if isinstance(stored, dict) and "v" in stored:
                values[key] = stored["v"]
                return values[key]
        started = time.perf_counter()
        self._bound(table)
        values[key] = self.new[table][key] = compute()
        if share and time.perf_counter() - started > _SHARE_AFTER:
            self.store.put_json(own_key, {"v": values[key]}, now=True)
        return values[key]

    def has(self, table: str, key: str) -> bool:
        return key in self.tables[table]

    def put(self, table: str, key: str, value: Any) -> None:
        self._bound(table)
        self.tables[table][key] = self.new[table][key] = value

    def _bound(self, table: str) -> None:
        """Room for one more answer: the oldest ones go first."""
        for values in (self.tables[table], self.new[table]):
            while len(values) >= self.max_entries:
                del values[next(iter(values))]

    def save(self) -> None:
        """Merge this process's new answers into the stored ones (another run may have added
        some meanwhile; the last writer's merge wins, and a lost answer is only asked again)."""
        if not self.store.enabled or not any(self.new.values()):
            return
        current = self.store.get_json(self.name)
        if not isinstance(current, dict):
            current = {}
        for table, values in self.new.items():
            stored = current.get(table)
            merged = {**(stored if isinstance(stored, dict) else {}), **values}
            current[table] = dict(list(merged.items())[-self.max_entries :])
        self.store.put_json(self.name, current, now=True)
        for values in self.new.values():
            values.clear()


def save_all() -> None:
    """Save every open memo's new answers (for worker processes as they exit)."""
    for memo in list(_OPEN):
        memo.save()

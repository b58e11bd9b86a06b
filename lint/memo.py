"""Answers worth keeping between runs, in the user's cache folder.

A one-file pre-commit run must feel instant, but loading a Hunspell dictionary or the
jsonschema package costs more than the whole budget. Both give answers that depend only on
their inputs, so newslint remembers them: a run whose words and front matter were all seen
before loads neither. The folder is `$NEWSLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/newslint`,
else `~/.cache/newslint`; deleting it is always safe. `--no-cache` bypasses it.
"""

from __future__ import annotations

import atexit
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    base = os.environ.get("NEWSLINT_CACHE_DIR")
    if base:
        return Path(base)
    return Path(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")) / "newslint"


class Memo:
    """Tables of answers kept in one JSON file; read once, merged back when the process ends.

    Worker processes of a parallel run end without saving (they exit without running atexit
    handlers), so their answers are only asked again next time: a cache, never a source of truth.
    """

    def __init__(self, name: str | None, tables: tuple[str, ...]) -> None:
        self.path = cache_dir() / f"{name}.json" if name else None
        self.tables: dict[str, dict[str, Any]] = {t: {} for t in tables}
        self.new: dict[str, dict[str, Any]] = {t: {} for t in tables}
        if self.path is not None:
            try:
                loaded = json.loads(self.path.read_text("utf-8"))
                for table in tables:
                    self.tables[table].update(loaded.get(table, {}))
            except (OSError, ValueError, AttributeError):
                pass  # no memo yet, or a damaged one
            atexit.register(self.save)

    def get(self, table: str, key: str, compute: Callable[[], Any]) -> Any:
        values = self.tables[table]
        if key not in values:
            values[key] = self.new[table][key] = compute()
        return values[key]

    def has(self, table: str, key: str) -> bool:
        return key in self.tables[table]

    def put(self, table: str, key: str, value: Any) -> None:
        self.tables[table][key] = self.new[table][key] = value

    def save(self) -> None:
        if self.path is None or not any(self.new.values()):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                current = json.loads(self.path.read_text("utf-8"))
            except (OSError, ValueError):
                current = {}
            for table, values in self.new.items():
                current.setdefault(table, {}).update(values)
            handle, temp = tempfile.mkstemp(
                dir=self.path.parent, prefix=f".{self.path.stem}.", suffix=".json"
            )
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(current, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temp, self.path)
            for values in self.new.values():
                values.clear()
        except OSError:
            pass  # a read-only home folder must not break a lint run

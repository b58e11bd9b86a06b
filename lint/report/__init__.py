"""Reporters: one module per output format, each with `write(report, stream)`.

A format's name is its module's name, so adding a reporter is adding a module here and nothing
else. Reporters only format; they never decide what is a problem.

`report.results` may be a `ResultStream`: a reporter that iterates it once, file by file, and
takes its counts from `report.totals` afterwards writes as the files are linted and keeps one
file's findings in memory at a time. `report.findings` (every finding in one list) is kept for
reporters that need it, at that memory cost.
"""

from __future__ import annotations

import importlib
import json as _json  # `json` is also the name of a reporter module here
import os
import pkgutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

from newslint._api import Rule
from newslint.engine import FileResult, Finding
from newslint.stream import Totals, totals_of


@dataclass(frozen=True)
class Report:
    results: Sequence[FileResult]
    rules: Sequence[Rule] = ()
    version: str = ""
    color: bool = False
    root: str = "."
    extras: dict = field(default_factory=dict)
    quiet: bool = False  # findings only: no summary line

    @cached_property
    def findings(self) -> list[Finding]:
        return list(self.iter_findings())

    def iter_findings(self) -> Iterator[Finding]:
        for result in self.results:
            yield from result.findings

    @cached_property
    def totals(self) -> Totals:
        """Counts over every file (a stream is read to its end first)."""
        finish = getattr(self.results, "finish", None)
        return finish() if finish is not None else totals_of(self.results)

    @property
    def by_severity(self) -> Counter:
        return self.totals.by_severity

    @property
    def fixed(self) -> int:
        return self.totals.fixed

    @property
    def files_with_findings(self) -> int:
        return self.totals.files_with_findings

    def rule(self, code: str) -> Rule | None:
        return next((r for r in self.rules if r.code == code), None)


def relative_path(path: str, root: str) -> str | None:
    """POSIX path from the project root, or None when the file lies outside it."""
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute, os.path.abspath(root))
    return None if rel.startswith("..") else Path(rel).as_posix()


def formats() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def reporter(name: str) -> ModuleType:
    if name not in formats():
        raise KeyError(name)
    return importlib.import_module(f"{__name__}.{name}")


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(report: Report) -> str:
    """One sentence on the whole run, shared by the human-facing formats."""
    totals = report.totals
    files = plural(totals.files, "file")
    fixed = f"; fixed {plural(totals.fixed, 'problem')}" if totals.fixed else ""
    if not totals.findings:
        return f"All clear: no problems in {files}{fixed}."
    parts = [
        plural(report.by_severity[s], s)
        for s in ("error", "warning", "info")
        if report.by_severity[s]
    ]
    total = plural(totals.findings, "problem")
    return f"Found {total} ({', '.join(parts)}) in {totals.files_with_findings} of {files}{fixed}."


_ITEMS = "\x00newslint-items\x00"


def write_json_with_array(
    stream: TextIO,
    document: Callable[[Any], Any],
    items: Iterable[Any],
) -> None:
    """`json.dump(document(items_list), indent=2)`, but writing the items as they come.

    `document(placeholder)` builds the whole document with `placeholder` where the array goes;
    it is called once before the items (for what precedes the array) and once after (for what
    follows it, such as a summary counted on the way). The output is the same text that
    `json.dump(..., indent=2, ensure_ascii=False)` writes for the finished document.
    """
    marker = _json.dumps(_ITEMS)
    head = _json.dumps(document(_ITEMS), ensure_ascii=False, indent=2)
    before = head[: head.index(marker)]
    line_start = before.rfind("\n") + 1
    indent = " " * (len(before[line_start:]) - len(before[line_start:].lstrip(" ")))
    stream.write(before)
    count = 0
    for item in items:
        text = _json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + indent + "  ")
        stream.write(("[\n" if count == 0 else ",\n") + indent + "  " + text)
        count += 1
    stream.write(("\n" + indent + "]") if count else "[]")
    tail = _json.dumps(document(_ITEMS), ensure_ascii=False, indent=2)
    stream.write(tail[tail.index(marker) + len(marker) :])

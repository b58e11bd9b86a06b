"""Reporters: one module per output format, each with `write(report, stream)`.

A format's name is its module's name, so adding a reporter is adding a module here and nothing
else. Reporters only format; they never decide what is a problem.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import ModuleType

from newslint._api import Rule
from newslint.engine import FileResult, Finding


@dataclass(frozen=True)
class Report:
    results: Sequence[FileResult]
    rules: Sequence[Rule] = ()
    version: str = ""
    color: bool = False
    root: str = "."
    extras: dict = field(default_factory=dict)

    @cached_property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    @cached_property
    def by_severity(self) -> Counter:
        return Counter(f.severity for f in self.findings)

    @property
    def fixed(self) -> int:
        return sum(r.fixed for r in self.results)

    @property
    def files_with_findings(self) -> int:
        return sum(1 for r in self.results if r.findings)

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
    files = plural(len(report.results), "file")
    fixed = f"; fixed {plural(report.fixed, 'problem')}" if report.fixed else ""
    if not report.findings:
        return f"All clear: no problems in {files}{fixed}."
    parts = [
        plural(report.by_severity[s], s)
        for s in ("error", "warning", "info")
        if report.by_severity[s]
    ]
    total = plural(len(report.findings), "problem")
    return f"Found {total} ({', '.join(parts)}) in {report.files_with_findings} of {files}{fixed}."

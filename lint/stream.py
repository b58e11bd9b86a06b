"""Results that arrive one file at a time: read live once, then again from a compact spool.

A run over 100,000 files must not hold 100,000 results in memory, yet a report may be written in
several formats, and `--diff` reads the results before the report does. `ResultStream` hands
each result to the first reader as the runner produces it (so a report streams), counts what a
summary needs on the way, and keeps a copy for any later reader: in memory for the first few
hundred results, then pickled into a temporary file.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from newslint.engine import FileResult

_KEPT_IN_MEMORY = 256  # results; a run with more spills them all to a temporary file


@dataclass
class Totals:
    """What summaries and exit codes need, counted as results go by."""

    files: int = 0
    files_with_findings: int = 0
    findings: int = 0
    fixed: int = 0
    internal_error: bool = False
    by_severity: Counter = field(default_factory=Counter)
    by_rule: Counter = field(default_factory=Counter)  # (code, name, severity) -> count
    outages: set[str] = field(default_factory=set)

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.fixed += result.fixed
        self.internal_error = self.internal_error or result.internal_error
        self.outages.update(result.outages)
        if result.findings:
            self.files_with_findings += 1
            self.findings += len(result.findings)
            for f in result.findings:
                self.by_severity[f.severity] += 1
                self.by_rule[(f.code, f.name, f.severity)] += 1


def totals_of(results: Iterable[FileResult]) -> Totals:
    totals = Totals()
    for result in results:
        totals.add(result)
    return totals


class ResultStream:
    """An iterable of `FileResult` that can be iterated many times but is produced once."""

    def __init__(
        self,
        source: Iterable[FileResult],
        on_result: Callable[[FileResult], None] | None = None,
        *,
        keep: bool = True,
    ) -> None:
        """`keep=False` when exactly one reader will read the results once: nothing is kept, and
        a second reading is an error rather than an empty report."""
        self._source: Iterator[FileResult] | None = iter(source)
        self._on_result = on_result
        self._keep_results = keep
        self._kept: list[FileResult] = []
        self._spool: Any = None  # a temporary file, once there are too many to keep
        self._count = 0
        self.totals = Totals()

    @property
    def complete(self) -> bool:
        return self._source is None

    def __iter__(self) -> Iterator[FileResult]:
        if not self._keep_results and self._count:
            raise RuntimeError("these results were streamed to one reader and not kept")
        if self._source is None:
            return self._replay()
        return self._live()

    def __len__(self) -> int:
        self.finish()
        return self._count

    def finish(self) -> Totals:
        """Produce every remaining result (into the spool); the run's totals."""
        for _ in self._produce():
            pass
        return self.totals

    def _live(self) -> Iterator[FileResult]:
        # a reader that starts after another has stopped half-way replays what is spooled, then
        # takes over producing
        yield from self._replay(self._count)
        yield from self._produce()

    def _produce(self) -> Iterator[FileResult]:
        while self._source is not None:
            try:
                result = next(self._source)
            except StopIteration:
                self._source = None
                return
            self._keep(result)
            self._count += 1
            self.totals.add(result)
            if self._on_result is not None:
                self._on_result(result)
            yield result

    def _keep(self, result: FileResult) -> None:
        if not self._keep_results:
            return
        if self._spool is None and len(self._kept) < _KEPT_IN_MEMORY:
            self._kept.append(result)
            return
        import pickle  # only long runs pay for it

        if self._spool is None:
            self._spool = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the stream
            for kept in self._kept:
                pickle.dump(kept, self._spool, protocol=pickle.HIGHEST_PROTOCOL)
            self._kept = []
        self._spool.seek(0, 2)
        pickle.dump(result, self._spool, protocol=pickle.HIGHEST_PROTOCOL)

    def _replay(self, limit: int | None = None) -> Iterator[FileResult]:
        count = self._count if limit is None else limit
        if self._spool is None:
            yield from self._kept[:count]
            return
        import pickle

        position = 0
        for _ in range(count):
            self._spool.seek(position)
            result = pickle.load(self._spool)
            position = self._spool.tell()
            yield result

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()
        self._kept = []

"""Lint many files, in parallel when it pays, streaming results in the order the files were given.

The parent reads each file and asks the results cache first; only the files it does not know go
to worker processes, in small batches, with a bounded number in flight, so memory stays flat
however many files a run has. When there is nothing to look up (an empty cache, or none), files
go to the workers unread, and only the workers read them. The first file to lint is linted in
the parent before the workers start: it loads what the rules need (the dictionary,
phonenumbers' metadata, compiled patterns, the Markdown parser), and forked workers inherit all
of it instead of each loading it again.
"""

from __future__ import annotations

import gc
import os
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

from newslint.cache import close_all, flush_all, prune_all
from newslint.engine import (
    FileBytes,
    FileResult,
    Settings,
    corpus_findings,
    lint_bytes,
    read_file,
)
from newslint.results_cache import ResultsCache

# below this many files to lint a process pool costs more than it saves
_PARALLEL_FROM = 8
_BATCH_MAX = 32
_IN_FLIGHT_PER_JOB = 4  # batches queued per worker: enough to keep it busy, few enough to stay flat
_HOLD_WINDOW = 256  # results kept waiting behind files held before the pool decision
_MAX_WAITING = 2048  # results kept waiting behind one still being linted

_worker_settings: Settings | None = None
_worker_cache: ResultsCache | None = None


def _init_worker(settings: Settings, cache: ResultsCache | None) -> None:
    global _worker_settings, _worker_cache
    _worker_settings, _worker_cache = settings, cache
    # a worker makes many short-lived objects and few cycles: collecting the youngest
    # generation every 10,000 allocations, not 700, cuts the time spent collecting to a quarter
    gc.set_threshold(10_000, 10, 10)
    from multiprocessing.util import Finalize

    from newslint.memo import save_all

    # workers skip atexit handlers but run these finalizers when the pool shuts them down, so
    # the dictionary answers they worked out are kept for the next run
    Finalize(None, save_all, exitpriority=10)
    Finalize(None, flush_all, exitpriority=5)  # (after save_all: lower priorities run later)


def _lint_batch(batch: Sequence[tuple[str, str]]) -> list[FileResult]:
    assert _worker_settings is not None
    results = [_lint_one(path, rel, _worker_settings, _worker_cache) for path, rel in batch]
    flush_all()  # a batch's results in one transaction
    return results


def _collect_from_here() -> None:
    """Once warm: where the program put garbage collection off (`newslint.cli.run`), what the
    start made is frozen, so that no collection walks it, and collection resumes, so that
    garbage a plug-in leaves is collected as usual."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _lint_one(
    path: str, relpath: str, settings: Settings, cache: ResultsCache | None
) -> FileResult:
    read = read_file(path, settings)
    if isinstance(read, FileResult):
        return read
    return _lint_data(path, relpath, read, settings, cache)


def _lint_data(
    path: str, relpath: str, read: FileBytes, settings: Settings, cache: ResultsCache | None
) -> FileResult:
    result = lint_bytes(path, read.data, settings, relpath, read.identity)
    if cache is not None:
        cache.put(path, relpath, read.data, result)
    return result


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def lint_paths(
    tasks: Sequence[tuple[str, str]], settings: Settings, jobs: int | None = None
) -> list[FileResult]:
    """Lint `(path, path relative to the project root)` pairs; results keep the tasks' order."""
    results = list(iter_results(tasks, settings, jobs))
    corpus_findings(results, settings)
    return results


def iter_results(
    tasks: Sequence[tuple[str, str]], settings: Settings, jobs: int | None = None
) -> Iterator[FileResult]:
    """Each task's result, in the tasks' order, as soon as it and those before it are done.

    Corpus rules are not applied here: they need every result first (see `lint_paths`).
    """
    jobs = max(1, jobs or default_jobs())
    cache = ResultsCache.for_run(settings)
    # with no result to look up (an empty cache, or none), a file bound for a worker is read
    # there only: reading and hashing it here as well, only to miss, cost the parent 25 µs a file
    look_up = cache is not None and not cache.store.is_empty()
    pipeline = _Pipeline(settings, cache, jobs, len(tasks))
    try:
        for path, relpath in tasks:
            if pipeline.pool is not None and not look_up:
                pipeline.add_unread(path, relpath)
            elif isinstance(read := read_file(path, settings), FileResult):
                pipeline.add_ready(read)
            elif cache is not None and (hit := cache.get(path, relpath, read.data)) is not None:
                pipeline.add_ready(hit)
            else:
                pipeline.add_miss(path, relpath, read)
            yield from pipeline.ready()
            if len(pipeline.slots) > _MAX_WAITING:
                yield pipeline.take_head()  # cached results pile up behind a slow file: wait
        yield from pipeline.drain()
    finally:
        pipeline.close()
        flush_all()  # the results linted here, in one transaction
    if cache is not None and pipeline.misses:
        prune_all(cache.store.root)  # results, remembered answers and link checks alike


class _Slot:
    """One task's place in the output order: its result, or its place in a worker's batch, or
    (before the pool starts) the bytes of a file still to lint."""

    __slots__ = ("result", "future", "index", "held")

    def __init__(self, result: FileResult | None = None) -> None:
        self.result = result
        self.future: Any = None
        self.index = 0
        self.held: tuple[str, str, FileBytes] | None = None

    def done(self) -> bool:
        return self.result is not None or (self.future is not None and self.future.done())

    def take(self) -> FileResult:
        if self.result is None:
            self.result = self.future.result()[self.index]
            self.future = None
        return self.result


class _Pipeline:
    """Slots in task order; files to lint go to a process pool once there are enough of them."""

    def __init__(
        self, settings: Settings, cache: ResultsCache | None, jobs: int, total: int
    ) -> None:
        self.settings, self.cache, self.jobs = settings, cache, jobs
        self.slots: deque[_Slot] = deque()
        self.held: list[_Slot] = []  # files to lint while it is unclear whether a pool pays
        self.batch: list[tuple[str, str]] = []
        self.batch_slots: list[_Slot] = []
        self.unread = total  # tasks not yet added: what is left to hand out, at most
        self.in_flight: deque[Any] = deque()
        self.pool: Any = None
        self.warmed = False
        self.frozen = False  # the parent's objects are frozen until the workers are forked
        self.misses = 0

    @property
    def batch_size(self) -> int:
        # batches shrink as the run nears its end (guided scheduling): a worker that takes a
        # full batch last would leave the other cores idle while it works through it
        return max(1, min(_BATCH_MAX, (self.unread + len(self.batch)) // (self.jobs * 8)))

    def add_ready(self, result: FileResult) -> None:
        self.unread -= 1
        self.slots.append(_Slot(result))
        self._bound_held()

    def add_miss(self, path: str, relpath: str, read: FileBytes) -> None:
        self.unread -= 1
        self.misses += 1
        if self.jobs == 1 or not self.warmed:
            # the first file to lint also warms this process up before any worker is forked
            self.warmed = True
            self.slots.append(_Slot(self._lint_here(path, relpath, read)))
            _collect_from_here()
        elif self.pool is not None:
            self._queue(path, relpath, _Slot())
        else:
            slot = _Slot()
            slot.held = (path, relpath, read)
            self.slots.append(slot)
            self.held.append(slot)
            if len(self.held) >= _PARALLEL_FROM:
                self._start_pool()
        self._bound_held()

    def add_unread(self, path: str, relpath: str) -> None:
        """A file for the workers, which read it themselves (the pool has started)."""
        self.unread -= 1
        self.misses += 1
        self._queue(path, relpath, _Slot())

    def _lint_here(self, path: str, relpath: str, read: FileBytes) -> FileResult:
        return _lint_data(path, relpath, read, self.settings, self.cache)

    def _bound_held(self) -> None:
        # a few changed files among many cached ones: lint them here rather than hold every
        # result behind them until the end
        if self.held and len(self.slots) > _HOLD_WINDOW:
            self._lint_held_here()

    def _lint_held_here(self) -> None:
        for slot in self.held:
            assert slot.held is not None
            slot.result = self._lint_here(*slot.held)
            slot.held = None
        self.held = []

    def _queue(self, path: str, relpath: str, slot: _Slot) -> None:
        slot.index = len(self.batch)
        self.batch.append((path, relpath))
        self.batch_slots.append(slot)
        self.slots.append(slot)
        if len(self.batch) >= self.batch_size:
            self._submit()

    def _submit(self) -> None:
        if not self.batch:
            return
        while len(self.in_flight) >= self.jobs * _IN_FLIGHT_PER_JOB:
            self.in_flight.popleft().result()  # wait: keep the queue (and memory) bounded
        future = self.pool.submit(_lint_batch, self.batch)
        if self.frozen:
            # the first submission forked the workers: the parent's objects are its own again
            gc.unfreeze()
            self.frozen = False
        for slot in self.batch_slots:
            slot.future = future
        self.in_flight.append(future)
        self.batch, self.batch_slots = [], []

    def _start_pool(self) -> None:
        import multiprocessing  # only a parallel run pays for these imports
        from concurrent.futures import ProcessPoolExecutor

        close_all()  # a forked child must not use its parent's database connection
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        if context.get_start_method() == "fork":
            # forked workers inherit what the warm-up loaded; frozen, those objects are left
            # out of the workers' garbage collections, which would otherwise walk them all (20
            # ms each time) and write to their pages, unsharing the memory (Python's gc docs)
            gc.freeze()
            self.frozen = True
        self.pool = ProcessPoolExecutor(
            self.jobs,
            mp_context=context,
            initializer=_init_worker,
            initargs=(self.settings, self.cache),
        )
        held, self.held = self.held, []
        for slot in held:
            assert slot.held is not None
            path, relpath, _data = slot.held
            slot.held = None
            slot.index = len(self.batch)
            self.batch.append((path, relpath))
            self.batch_slots.append(slot)
            if len(self.batch) >= self.batch_size:
                self._submit()

    def ready(self) -> Iterator[FileResult]:
        """Results at the head that are done, without waiting."""
        while self.slots and self.slots[0].done():
            yield self.slots.popleft().take()

    def take_head(self) -> FileResult:
        """The first result, waiting for it if a worker is still on it."""
        head = self.slots[0]
        if head.held is not None:
            self._lint_held_here()
        elif not head.done() and head.future is None:
            self._submit()  # its batch is not full yet: send it as it is
        return self.slots.popleft().take()

    def drain(self) -> Iterator[FileResult]:
        """Every remaining result, waiting for the workers."""
        self._lint_held_here()
        if self.pool is not None:
            self._submit()
        while self.slots:
            yield self.slots.popleft().take()

    def close(self) -> None:
        if self.frozen:
            gc.unfreeze()
            self.frozen = False
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

"""Lint many files, in parallel when it pays, with output in the order the files were given."""

from __future__ import annotations

import os
from collections.abc import Sequence

from newslint.engine import FileResult, Settings, corpus_findings, lint_path

# below this many files a process pool costs more than it saves
_PARALLEL_FROM = 8

_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings


def _lint_one(task: tuple[str, str]) -> FileResult:
    path, relpath = task
    assert _worker_settings is not None
    return lint_path(path, _worker_settings, relpath)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def lint_paths(
    tasks: Sequence[tuple[str, str]], settings: Settings, jobs: int | None = None
) -> list[FileResult]:
    """Lint `(path, path relative to the project root)` pairs; results keep the tasks' order."""
    jobs = max(1, jobs or default_jobs())
    if jobs == 1 or len(tasks) < _PARALLEL_FROM:
        results = [lint_path(path, settings, rel) for path, rel in tasks]
    else:
        import multiprocessing  # only a parallel run pays for these imports
        from concurrent.futures import ProcessPoolExecutor

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        chunk = max(1, min(64, len(tasks) // (jobs * 4)))
        with ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_init_worker, initargs=(settings,)
        ) as pool:
            results = list(pool.map(_lint_one, tasks, chunksize=chunk))
    corpus_findings(results, settings)
    return results

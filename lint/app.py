"""One `newslint check` run: settings from config and command line, lint, fix, report, exit code."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import NamedTuple, TextIO

import click
from newslint import __version__
from newslint.config import Config, ConfigError, resolve_rule_options
from newslint.engine import (
    SEVERITY_RANK,
    CorpusSummaries,
    FileResult,
    Finding,
    Settings,
    active_corpus_rules,
    add_corpus_outcome,
    corpus_findings,
    lint_bytes,
)
from newslint.files import RootRelative, discover, relative_to_root
from newslint.registry import Registry
from newslint.report import Report, reporter, summary_line
from newslint.report import formats as known_formats
from newslint.runner import iter_results
from newslint.selection import check_selectors, select_rules
from newslint.stream import ResultStream

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
# formats for a terminal or a CI log; the others are documents, and --output-file takes them
TERMINAL_FORMATS = ("text", "concise", "github")
# reporters known to read the results once, front to back (the rest may read them twice)
ONE_PASS = ("text", "concise", "github", "json", "sarif", "gitlab")


class CheckRequest(NamedTuple):
    paths: tuple[str, ...] = (".",)
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str | None = None
    formats: tuple[str, ...] = ("text",)
    output_file: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    online: bool = False
    use_cache: bool = True
    stdin_filename: str | None = None
    jobs: int | None = None
    color: bool = False
    statistics: bool = False
    quiet: bool = False  # findings only: no progress bar, no summary line
    progress: bool = True  # a progress bar on a terminal's standard error for long runs
    require_files: bool = False


def build_settings(
    request: CheckRequest,
    config: Config,
    registry: Registry,
    warn: Callable[[str], None] | None = None,
) -> Settings:
    where = str(config.path or "config")
    for key, selectors in (
        ("select", config.select or ()),
        ("extend-select", config.extend_select),
        ("ignore", config.ignore),
    ):
        check_selectors(registry, selectors, f'{where}: "{key}"')
    for _glob, selectors in config.per_file_ignores:
        check_selectors(registry, selectors, f'{where}: "per-file-ignores"')
    for key, selectors in (
        ("--select", request.select or ()),
        ("--extend-select", request.extend_select),
        ("--ignore", request.ignore),
    ):
        check_selectors(registry, selectors, key)
    rules = select_rules(
        registry,
        select=request.select if request.select is not None else config.select,
        extend_select=(*config.extend_select, *request.extend_select),
        ignore=(*config.ignore, *request.ignore),
    )
    return Settings(
        rule_codes=tuple(r.code for r in rules),
        options=resolve_rule_options(registry, config, warn),
        root=str(config.root),
        per_file_ignores=config.per_file_ignores,
        max_file_size=config.max_file_size,
        fix=request.fix or request.unsafe_fixes or request.diff,
        write=(request.fix or request.unsafe_fixes) and not request.diff,
        unsafe_fixes=request.unsafe_fixes,
        online=request.online,
        use_cache=request.use_cache,
    )


def run_check(
    request: CheckRequest, config: Config, registry: Registry, out: TextIO, err: TextIO
) -> int:
    request = request._replace(formats=tuple(resolve_format(f) for f in request.formats))
    for name in request.formats:
        if name not in known_formats():
            raise click.UsageError(
                f'unknown format "{name}" (choose from {", ".join(known_formats())})'
            )
    if request.exclude:
        config = config._replace(extend_exclude=(*config.extend_exclude, *request.exclude))
    settings = build_settings(
        request, config, registry, lambda message: err.write(f"newslint: warning: {message}\n")
    )
    stdin = "-" in request.paths
    if stdin and len(request.paths) > 1:
        raise click.UsageError("`-` (standard input) cannot be combined with other paths")

    if stdin:
        data = sys.stdin.buffer.read()
        results = [lint_as(request.stdin_filename, data, config, settings)]
        if settings.write:
            # editor integration: the (fixed) text on stdout, the findings on stderr
            _write_stdin_result(results[0], data, out)
            out = err
    else:
        tasks = _Tasks(discover(request.paths, config), config.root)
        if not tasks:
            required = request.require_files or config.require_files
            err.write(_no_files_message(request.paths, config, required))
            if required:
                return EXIT_ERROR
        if settings.write:
            from newslint.fix import remove_stale_temp_files

            for folder in sorted({os.path.dirname(path) for path in tasks.paths}):
                remove_stale_temp_files(folder)
        results = _lint_tasks(tasks, settings, request, err)

    if request.diff:
        from newslint.fix import unified_diff

        for result in results:
            if result.fixed_text is not None:
                out.write(unified_diff(result.path, result.original, result.fixed_text))

    report = Report(
        results,
        rules=registry.rules,
        version=__version__,
        color=request.color,
        root=str(config.root),
        quiet=request.quiet,
    )
    _emit(report, request, out)
    if request.statistics:
        machine_on_stdout = not request.output_file and any(
            f not in TERMINAL_FORMATS for f in request.formats
        )
        _statistics(report, err if machine_on_stdout else out)
    totals = report.totals
    for message in sorted(totals.outages):
        err.write(f"newslint: error: {message}\n")
    if totals.outages or totals.internal_error:
        return EXIT_ERROR
    threshold = SEVERITY_RANK[request.fail_on or config.fail_on]
    failing = any(SEVERITY_RANK[s] >= threshold for s, n in totals.by_severity.items() if n)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


class _Tasks(Sequence[tuple[str, str]]):
    """Each path with its path from the project root, worked out when the runner reads it: a
    run over 100,000 files holds the list of paths, not a second list of relative ones."""

    def __init__(self, paths: list[str], root: Path) -> None:
        self.paths, self.root = paths, root
        self.relative = RootRelative(root)

    def __len__(self) -> int:
        return len(self.paths)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        path = self.paths[index]
        return path, self.relative(Path(path))


def _lint_tasks(tasks, settings: Settings, request: CheckRequest, err: TextIO) -> Iterable:
    """The files' results: streamed, unless a corpus rule must see every file first."""
    from newslint.progress import progress_bar, wanted

    machine_output = not request.output_file and any(
        f not in TERMINAL_FORMATS for f in request.formats
    )
    show = wanted(
        err,
        len(tasks),
        machine_output=machine_output,
        disabled=request.quiet or not request.progress,
    )
    needs_corpus = bool(active_corpus_rules(settings))
    once = not request.diff and len(request.formats) == 1 and request.formats[0] in ONE_PASS
    if not show and not needs_corpus:
        # one reporter that reads each file once needs nothing kept for a second reading
        return ResultStream(iter_results(tasks, settings, request.jobs), keep=not once)
    summaries = CorpusSummaries()

    def summarised(results: Iterable[FileResult]) -> Iterator[FileResult]:
        # corpus rules' data leaves the results, which go on to the spool: memory stays flat
        for result in results:
            summaries.take(result)
            yield result

    with ExitStack() as stack:
        advance = stack.enter_context(progress_bar(len(tasks), "Linting", err)) if show else None
        stream = ResultStream(
            summarised(iter_results(tasks, settings, request.jobs)),
            on_result=(lambda _result: advance(1)) if advance else None,
        )
        stream.finish()  # the bar and the report must not share the terminal at once
    if not needs_corpus:
        return stream
    # corpus rules run once the files' bar is done; link checking shows its own
    link_progress = None
    if wanted(
        err,
        1,
        machine_output=machine_output,
        disabled=request.quiet or not request.progress,
        minimum=1,
    ):
        link_progress = partial(progress_bar, stream=err, unit="links")
    extra = summaries.findings(settings, link_progress)
    return ResultStream(_with_findings(stream, extra, summaries.outages), keep=not once)


def _with_findings(
    results: Iterable[FileResult], extra: dict[str, list[Finding]], outages: dict[str, list[str]]
) -> Iterator[FileResult]:
    """The results again, with the corpus rules' findings added in line order."""
    for result in results:
        add_corpus_outcome(result, extra.get(result.path, ()), outages.get(result.path, ()))
        yield result


def lint_as(path: str | None, data: bytes, config: Config, settings: Settings) -> FileResult:
    """Lint text that is not read from disk as if it were the file at `path` (config globs,
    per-file-ignores, relative path): standard input, and the language server's buffers.
    Nothing is written; with `settings.fix` the result holds the fixed text."""
    relpath = relative_to_root(Path(path), config.root) if path else "-"
    settings = settings._replace(write=False)
    results = [lint_bytes(path or "-", data, settings, relpath)]
    corpus_findings(results, settings)
    return results[0]


def _no_files_message(paths: tuple[str, ...], config: Config, required: bool) -> str:
    """A run that checks nothing says so, so a mistyped path cannot pass CI in silence."""
    excluded = (*config.exclude, *config.extend_exclude)
    where = ", ".join(f'"{p}"' for p in paths)
    globs = f"include: {', '.join(config.include) or 'nothing'}"
    if excluded:
        globs += f"; exclude: {', '.join(excluded)}"
    if required:
        return f"newslint: error: no files to lint in {where} ({globs})\n"
    return (
        f"newslint: warning: no files to lint in {where} ({globs}); "
        "--require-files makes this an error\n"
    )


def _write_stdin_result(result: FileResult, data: bytes, out: TextIO) -> None:
    """Echo standard input, fixed where fixes applied; bytes that are not text pass unchanged."""
    if result.fixed_text is None:
        binary = getattr(out, "buffer", None)
        if binary is not None:
            out.flush()
            binary.write(data)
            binary.flush()
        else:
            out.write(data.decode("utf-8", "surrogateescape"))
        return
    bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
    out.write(bom + result.fixed_text)


def _emit(report: Report, request: CheckRequest, out: TextIO) -> None:
    formats = list(request.formats)
    if request.output_file:
        to_file = [f for f in formats if f not in TERMINAL_FORMATS] or formats[-1:]
        if len(to_file) > 1:
            raise click.UsageError(
                "--output-file takes one machine-readable format; give --format once for it"
            )
        with open(request.output_file, "w", encoding="utf-8", newline="\n") as handle:
            reporter(to_file[0]).write(report, handle)
        terminal = [f for f in formats if f not in to_file]
        for name in terminal:
            reporter(name).write(report, out)
        if not terminal and not request.quiet:
            out.write(summary_line(report) + f" Report written to {request.output_file}.\n")
        return
    for name in formats:
        reporter(name).write(report, out)


def resolve_format(name: str) -> str:
    """`auto` is `github` inside GitHub Actions and `text` elsewhere."""
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def _statistics(report: Report, out: TextIO) -> None:
    counts: Counter = report.totals.by_rule
    for (code, name, severity), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out.write(f"{count:6}  {code}  {name} [{severity}]\n")


def exit_code(results, fail_on: str) -> int:
    if any(r.internal_error for r in results):
        return EXIT_ERROR
    threshold = SEVERITY_RANK[fail_on]
    failing = any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


__all__ = ["CheckRequest", "ConfigError", "EXIT_CLEAN", "EXIT_ERROR", "EXIT_FINDINGS", "run_check"]

"""Lint documents: run the selected rules, locate hits, suppress, fix, and collect results.

The engine knows rules only through their declarations. Files are linted independently (in
worker processes when there are several), so output order never depends on timing; corpus rules
then see every file's summary once, in the parent.
"""

from __future__ import annotations

import os
import stat
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from newslint._api import Fix, Hit, Rule, ServiceUnavailable
from newslint._lines import LineIndex
from newslint.cache import cache_folder
from newslint.codes import FILE_CHANGED, INTERNAL_ERROR, UNREADABLE_FILE, UNUSED_SUPPRESSION
from newslint.document import Document, UndecodableText
from newslint.fix import (
    MAX_PASSES,
    FileChanged,
    Identity,
    NotWritable,
    apply_fixes,
    encode,
    identity,
    write_atomically,
)
from newslint.registry import Registry, default_registry
from newslint.selection import ignored_for_path
from newslint.suppress import apply as apply_suppressions
from newslint.suppress import find_directives

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
_SNIPPET_MAX = 500


class Finding(NamedTuple):
    path: str
    code: str
    name: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None = None
    start: int = 0
    end: int = 0
    snippet: str = ""  # the flagged text, for reports that show it (SARIF)
    # each fix edit located as (line, column, end line, end column, replacement)
    fix_regions: tuple[tuple[int, int, int, int, str], ...] = ()


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    fixed: int = 0
    original: str | None = None  # set when a fix changed the text (for --diff and stdin)
    fixed_text: str | None = None
    internal_error: bool = False
    outages: list[str] = field(default_factory=list)  # services a rule could not reach
    corpus: dict[str, Any] = field(default_factory=dict)
    lines: LineIndex | None = None
    publish_date: str | None = None  # the front matter's publish date as YYYY-MM-DD, if valid


class Settings(NamedTuple):
    """Everything a worker needs; plain data so it crosses process boundaries."""

    rule_codes: tuple[str, ...]
    options: dict[str, dict[str, Any]]
    root: str = "."
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    max_file_size: int = 10 * 1024 * 1024
    fix: bool = False  # compute fixes and re-lint to a fixed point
    write: bool = False  # write fixed files to disk
    unsafe_fixes: bool = False
    online: bool = False
    use_cache: bool = True
    # an interactive first pass, followed by a complete one (the language server's): rules may
    # leave out slow, optional work (spelling suggestions not worked out before, LanguageTool)
    quick: bool = False
    registry_modules: tuple[str, ...] | None = None  # tests use a registry of their own
    cache_dir: str | None = None  # default: `.newslint_cache` in `root` (see newslint.cache)


@lru_cache(maxsize=8)
def _registry(modules: tuple[str, ...] | None) -> Registry:
    if modules is None:
        return default_registry()
    from newslint.registry import build

    return build(modules)


def active_rules(settings: Settings, relpath: str) -> tuple[Registry, tuple[Rule, ...]]:
    registry, rules = _selected(settings.registry_modules, settings.rule_codes)
    if not settings.per_file_ignores:
        return registry, rules
    ignored = ignored_for_path(rules, settings.per_file_ignores, relpath)
    return registry, tuple(r for r in rules if r.code not in ignored)


@lru_cache(maxsize=8)
def _selected(
    modules: tuple[str, ...] | None, codes: tuple[str, ...]
) -> tuple[Registry, tuple[Rule, ...]]:
    # once per run, not per file: looking 30 codes up in the registry costs half a millisecond
    registry = _registry(modules)
    by_code = {r.code: r for r in registry.rules}
    return registry, tuple(by_code[code] for code in codes if code in by_code)


def rule_options(settings: Settings, code: str) -> dict[str, Any]:
    """A rule's options plus the run's switches: `online` (network allowed), `use-cache` (the
    cache folder as a string, or False with --no-cache) and `quick` (see `Settings.quick`)."""
    return _with_switches(settings, code, _cache_switch(settings))


def _with_switches(settings: Settings, code: str, cache: str | bool) -> dict[str, Any]:
    return {
        **settings.options.get(code, {}),
        "online": settings.online,
        "use-cache": cache,
        "quick": settings.quick,
    }


def _cache_switch(settings: Settings) -> str | bool:
    override = os.environ.get("NEWSLINT_CACHE_DIR")
    return _cache_folder_switch(settings.use_cache, settings.cache_dir, settings.root, override)


@lru_cache(maxsize=8)
def _cache_folder_switch(
    use_cache: bool, cache_dir: str | None, root: str, _override: str | None
) -> str | bool:
    # cached: every rule asks for every file, and the answer is the same for the whole run
    if not use_cache:
        return False
    return cache_dir or str(cache_folder(root))


class FileBytes(NamedTuple):
    """A file's bytes and what the file was when they were read, so that `--fix` can refuse
    to write over a file swapped (for a symbolic link, say) in between."""

    data: bytes
    identity: Identity


def lint_path(path: str, settings: Settings, relpath: str) -> FileResult:
    """Read, lint and (with --fix) write one file. Never raises for bad input."""
    read = read_file(path, settings)
    if isinstance(read, FileResult):
        return read
    return lint_bytes(path, read.data, settings, relpath, read.identity)


def read_file(path: str, settings: Settings) -> FileBytes | FileResult:
    """The file's bytes, or an NL003 result saying why it cannot be linted."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            return _unreadable(path, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            # reading a FIFO or a device could block forever
            return _unreadable(path, "is not a regular file (a pipe, socket or device); not linted")
        size = info.st_size
        if size > settings.max_file_size:
            return _unreadable(
                path,
                f"file is {size / 1e6:.1f} MB, more than max-file-size ({settings.max_file_size / 1e6:.1f} MB); not linted",
            )
        with open(path, "rb") as handle:
            data = handle.read()
            read_as = identity(path, os.fstat(handle.fileno()))
    except IsADirectoryError:
        return _unreadable(path, "is a folder, not a file")
    except FileNotFoundError:
        kind = "broken symbolic link" if os.path.islink(path) else "no such file"
        return _unreadable(path, f"cannot be read: {kind}")
    except OSError as exc:
        return _unreadable(path, f"cannot be read: {exc.strerror or exc}")
    return FileBytes(data, read_as)


def lint_bytes(
    path: str,
    data: bytes,
    settings: Settings,
    relpath: str | None = None,
    read_as: Identity | None = None,
) -> FileResult:
    try:
        doc = Document.from_bytes(path, data)
    except UndecodableText as exc:
        # point at the bad byte's line, counting the valid text before it
        before = data[: exc.offset]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return _unreadable(path, str(exc), line, column)
    result = lint_document(doc, settings, relpath or path)
    if settings.write and result.fixed_text is not None:
        problem = _write(path, encode(result.fixed_text, doc.bom), data, read_as)
        if problem is not None:
            # nothing was written: report the file as it is on disk, not as it would have been
            result = lint_document(doc, settings._replace(fix=False), relpath or path)
            result.findings.insert(0, problem)
    return result


def _write(path: str, data: bytes, original: bytes, read_as: Identity | None) -> Finding | None:
    """Write the fixed file; the finding that says why it was not written, if it was not."""
    try:
        write_atomically(path, data, original, read_as)
    except FileChanged:
        message = "the file changed on disk while it was being fixed; it was not written"
        return engine_finding(path, FILE_CHANGED, message)
    except NotWritable:
        message = "the file is read-only, so the fixes were not written"
        return engine_finding(path, UNREADABLE_FILE, message)
    except OSError as exc:
        message = f"the fixes could not be written ({exc.strerror or exc}); the file is unchanged"
        return engine_finding(path, UNREADABLE_FILE, message)
    return None


def lint_document(doc: Document, settings: Settings, relpath: str) -> FileResult:
    registry, rules = active_rules(settings, relpath)
    per_file = [r for r in rules if r.check is not None]
    result = FileResult(doc.path)
    original = doc.text
    for _ in range(MAX_PASSES):
        findings, failures, outages = _check(doc, rules, per_file, registry, settings)
        if not settings.fix:
            break
        # only what is reported is fixed: a suppressed finding's fix is never applied
        fixes = [f.fix for f in findings if f.fix and (f.fix.safe or settings.unsafe_fixes)]
        new_text, applied = apply_fixes(doc.text, fixes)
        if not applied or new_text == doc.text:
            break
        result.fixed += applied
        doc = Document(doc.path, new_text, bom=doc.bom)
    else:  # the last pass changed the text: report on the text as it now is
        findings, failures, outages = _check(doc, rules, per_file, registry, settings)
    if doc.text != original:
        result.original, result.fixed_text = original, doc.text
    result.findings = sorted(findings, key=lambda f: (f.line, f.column, f.code))
    result.internal_error = bool(failures)
    result.outages = sorted(set(outages))
    if doc.publish_date is not None:
        result.publish_date = doc.publish_date.isoformat()
    for r in rules:
        if r.corpus is not None:
            opts = rule_options(settings, r.code)
            if r.corpus.is_active(opts):
                result.corpus[r.code] = collected = r.corpus.collect(doc, opts)
                if collected:
                    result.lines = doc.lines  # to place hits; only files with data keep it
    return result


def _check(doc: Document, rules, per_file, registry: Registry, settings: Settings):
    """One pass of the per-file rules: located, suppressed findings, NL002s and outages."""
    hits, failures, outages = _run_rules(doc, per_file, settings)
    located = [_finding(doc, r, hit) for r, hit in hits] + failures
    return _suppressed(doc, located, rules, registry.rules), failures, outages


def _suppressed(
    doc: Document, findings: list[Finding], rules: Sequence[Rule], known: Sequence[Rule]
) -> list[Finding]:
    """The findings left after the document's newslint comments, plus NL001 for stale ones."""
    directives = find_directives(doc)
    if not directives:
        return findings
    findings, problems = apply_suppressions(findings, directives, rules, known)
    if any(r.code == UNUSED_SUPPRESSION.code for r in rules):
        findings.extend(_finding(doc, UNUSED_SUPPRESSION, hit) for hit in problems)
    return findings


def _run_rules(doc: Document, rules: Sequence[Rule], settings: Settings):
    """Hits of every rule; a rule that raises becomes an NL002 finding, a rule whose external
    service is down keeps the hits it made and reports the outage once for the run."""
    hits: list[tuple[Rule, Hit]] = []
    failures: list[Finding] = []
    outages: list[str] = []
    length = len(doc.text)
    cache = _cache_switch(settings)  # (it reads the environment: once, not once per rule)
    for r in rules:
        opts = _with_switches(settings, r.code, cache)
        produced: list[Hit] = []
        try:
            for hit in r.check(doc, opts):
                if not (0 <= hit.start <= hit.end <= length):
                    raise ValueError(
                        f"hit {hit.start}-{hit.end} lies outside the text (0-{length})"
                    )
                produced.append(hit)
        except ServiceUnavailable as exc:
            outages.append(str(exc))
        except Exception as exc:  # one broken rule must not stop the others or the run
            where = traceback.extract_tb(exc.__traceback__)[-1]
            message = (
                f"rule {r.code} ({r.name}) failed on this file: {type(exc).__name__}: {exc} "
                f"[{os.path.basename(where.filename)}:{where.lineno}]"
            )
            failures.append(engine_finding(doc.path, INTERNAL_ERROR, message))
            continue
        hits.extend((r, hit) for hit in produced)
    return hits, failures, outages


def _finding(doc: Document, r: Rule, hit: Hit) -> Finding:
    return locate(doc.path, r, hit, doc.lines, doc.text)


def locate(path: str, r: Rule, hit: Hit, lines: LineIndex, text: str | None = None) -> Finding:
    """A hit stamped with its rule's identity and located in lines and columns."""
    line, column = lines.position(hit.start)
    end_line, end_column = lines.position(hit.end)
    regions = (
        tuple((*lines.position(e.start), *lines.position(e.end), e.text) for e in hit.fix.edits)
        if hit.fix
        else ()
    )
    snippet = text[hit.start : hit.end][:_SNIPPET_MAX] if text is not None else ""
    return Finding(
        path,
        r.code,
        r.name,
        r.severity,
        hit.message,
        line,
        column,
        end_line,
        end_column,
        hit.fix,
        hit.start,
        hit.end,
        snippet,
        regions,
    )


def engine_finding(path: str, r: Rule, message: str, line: int = 1, column: int = 1) -> Finding:
    """A finding about the run itself (NL002–NL004), placed at a line and column."""
    return Finding(path, r.code, r.name, r.severity, message, line, column, line, column + 1)


def _unreadable(path: str, message: str, line: int = 1, column: int = 1) -> FileResult:
    return FileResult(path, [engine_finding(path, UNREADABLE_FILE, message, line, column)])


def active_corpus_rules(settings: Settings) -> tuple[Rule, ...]:
    """The selected corpus rules that have something to do in this run."""
    _registry_, rules = _selected(settings.registry_modules, settings.rule_codes)
    return tuple(
        r
        for r in rules
        if r.corpus is not None and r.corpus.is_active(rule_options(settings, r.code))
    )


def corpus_findings(
    results: Sequence[FileResult], settings: Settings, progress: Any = None
) -> None:
    """Run corpus rules over every file's summary and add their findings to the results.

    `progress(total, label)`, when given, is a context manager yielding `advance(n)`: a corpus
    rule that works for long (requests to check links) shows its progress with it."""
    summaries = CorpusSummaries()
    for result in results:
        summaries.take(result, strip=False)
    found = summaries.findings(settings, progress)
    for result in results:
        add_corpus_outcome(
            result, found.get(result.path, ()), summaries.outages.get(result.path, ())
        )


def add_corpus_outcome(
    result: FileResult, found: Sequence[Finding], outages: Sequence[str]
) -> None:
    """Add what the corpus rules found for this file, failures and outages included."""
    if found:
        result.findings = sorted(
            [*result.findings, *found], key=lambda f: (f.line, f.column, f.code)
        )
        result.internal_error |= any(f.code == INTERNAL_ERROR.code for f in found)
    result.outages.extend(outages)


class CorpusSummaries:
    """What corpus rules collected, file by file, kept apart from the results: so the results
    can stream on (to a spool) while only the small summaries stay in memory."""

    def __init__(self) -> None:
        self.by_code: dict[str, list[tuple[str, Any]]] = {}
        self.lines: dict[str, LineIndex] = {}
        # services a corpus rule could not reach, on the first file it compares
        self.outages: dict[str, list[str]] = {}

    def take(self, result: FileResult, *, strip: bool = True) -> None:
        for code, data in result.corpus.items():
            self.by_code.setdefault(code, []).append((result.path, data))
        if result.lines is not None:
            self.lines[result.path] = result.lines
        if strip:
            result.corpus, result.lines = {}, None

    def findings(self, settings: Settings, progress: Any = None) -> dict[str, list[Finding]]:
        """Each corpus rule's findings, by path. As for per-file rules, a rule that raises is
        an NL002 finding (on the first file it compares) and the run goes on, and a service it
        cannot reach is an outage, reported once."""
        registry = _registry(settings.registry_modules)
        found: dict[str, list[Finding]] = {}
        for code in settings.rule_codes:
            r = registry.by_code(code)
            if r is None or r.corpus is None or not self.by_code.get(code):
                continue
            opts = rule_options(settings, code)
            if progress is not None:
                opts["progress"] = progress
            summaries = self.by_code[code]
            first = summaries[0][0]
            try:
                hits = list(r.corpus.check(summaries, opts))
            except ServiceUnavailable as exc:
                self.outages.setdefault(first, []).append(str(exc))
                continue
            except Exception as exc:  # one broken rule must not stop the others or the run
                message = (
                    f"rule {r.code} ({r.name}) failed on the files it compares: "
                    f"{type(exc).__name__}: {exc}"
                )
                found.setdefault(first, []).append(engine_finding(first, INTERNAL_ERROR, message))
                continue
            for path, hit in hits:
                lines = self.lines.get(path) or LineIndex("")
                found.setdefault(path, []).append(locate(path, r, hit, lines))
        return found

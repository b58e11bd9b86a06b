"""Linting one editor buffer, exactly as `newslint - --stdin-filename PATH` lints it.

The result keeps what the code actions and hovers of that version need: the buffer, the findings
and their diagnostics, in the same order. Nothing here raises for bad input: a buffer that is too
large becomes an NL003 finding, and a failure of newslint itself an NL002 finding.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import NamedTuple

from lsprotocol import types
from newslint.app import lint_as
from newslint.codes import INTERNAL_ERROR, UNREADABLE_FILE
from newslint.config import Config
from newslint.engine import FileResult, Finding, Settings, engine_finding
from newslint.files import relative_to_root
from newslint.globs import matches_path
from newslint.lsp.convert import Buffer, OutsideText, diagnostic
from newslint.lsp.project import Project, word_list_paths
from newslint.report.sarif import help_uri

log = logging.getLogger("newslint.lsp")


class Checked(NamedTuple):
    """One version of one buffer, linted."""

    uri: str
    version: int | None
    path: str | None
    buffer: Buffer
    project: Project
    findings: tuple[Finding, ...]
    diagnostics: tuple[types.Diagnostic, ...]
    outages: tuple[str, ...] = ()


def excluded(path: str | None, project: Project) -> bool:
    """Files the configuration excludes, and the project's word lists: no articles there."""
    if path is None:
        return False
    config = project.config
    relative = relative_to_root(Path(path), config.root)
    if any(matches_path(p, relative) for p in (*config.exclude, *config.extend_exclude)):
        return True
    return Path(path).resolve() in word_list_paths(project)


def lint_buffer(
    text: str, path: str | None, project: Project, *, fix: bool = False, quick: bool = False
) -> FileResult:
    """The engine's result for the buffer's text as the file at `path`."""
    return lint_text(text, path, project.config, project.settings, fix=fix, quick=quick)


def lint_text(
    text: str,
    path: str | None,
    config: Config,
    settings: Settings,
    *,
    fix: bool = False,
    quick: bool = False,
) -> FileResult:
    """`lint_buffer` with plain, picklable arguments, for the complete pass's worker process."""
    report_path = path or "-"
    data = text.encode("utf-8", "surrogatepass")
    if len(data) > config.max_file_size:
        message = (
            f"buffer is {_size(len(data))}, more than max-file-size "
            f"({_size(config.max_file_size)}); not linted"
        )
        return FileResult(report_path, [engine_finding(report_path, UNREADABLE_FILE, message)])
    settings = settings._replace(fix=fix, unsafe_fixes=False, quick=quick)
    return lint_as(path, data, config, settings)


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count:,} bytes"


def check(
    uri: str,
    version: int | None,
    text: str,
    path: str | None,
    project: Project,
    encoding: str,
    *,
    quick: bool = False,
) -> Checked:
    """Lint a buffer and convert the findings; never raises."""
    return converted(uri, version, text, path, project, encoding, partial(lint_buffer, quick=quick))


def converted(
    uri: str,
    version: int | None,
    text: str,
    path: str | None,
    project: Project,
    encoding: str,
    lint: Callable[[str, str | None, Project], FileResult],
) -> Checked:
    """`lint(text, path, project)`'s findings as diagnostics; a failure becomes NL002."""
    buffer = Buffer(text, encoding)
    report_path = path or "-"
    outages: tuple[str, ...] = ()
    if excluded(path, project):
        findings: list[Finding] = []
    else:
        try:
            result = lint(text, path, project)
            findings, outages = list(result.findings), tuple(result.outages)
        except Exception as exc:  # a newslint bug must cost one buffer its findings, not the server
            log.error("linting %s failed:\n%s", uri, traceback.format_exc())
            message = f"newslint failed on this buffer: {type(exc).__name__}: {exc}"
            findings = [engine_finding(report_path, INTERNAL_ERROR, message)]
    placed: list[Finding] = []
    diagnostics: list[types.Diagnostic] = []
    registry = project.registry
    for finding in findings:
        rule = registry.by_code(finding.code)
        try:
            diagnostics.append(diagnostic(finding, buffer, help_uri(rule) if rule else None))
            placed.append(finding)
        except OutsideText as exc:
            log.error("%s: %s finding could not be placed: %s", uri, finding.code, exc)
            failure = engine_finding(
                report_path,
                INTERNAL_ERROR,
                f"newslint could not place a {finding.code} finding in this buffer: {exc}",
            )
            diagnostics.append(diagnostic(failure, buffer, help_uri(INTERNAL_ERROR)))
            placed.append(failure)
    return Checked(uri, version, path, buffer, project, tuple(placed), tuple(diagnostics), outages)


# a word no dictionary or memo knows: checking it loads the dictionary
_WARM_UP_TEXT = "qzxvbwq\n"


def warm_up(project: Project) -> None:
    """Load what the first unknown word typed would otherwise wait for (Hunspell: ~0.2 s)."""
    lint_buffer(_WARM_UP_TEXT, None, project, quick=True)

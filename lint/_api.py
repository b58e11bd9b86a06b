"""The plug-in API: how a rule declares itself and what it yields.

A rule is a function `(doc, opts) -> Iterator[Hit]` wrapped by `@rule`, which attaches its
identity (code, name, severity), its options and its documentation (the docstring). Hits carry
absolute offsets only; the engine turns them into findings with lines, columns and severity.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

SEVERITIES = ("info", "warning", "error")
_CODE = re.compile(r"^[A-Z]{2,8}[0-9]{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class ServiceUnavailable(Exception):
    """Raise from a rule when an external service it uses (a LanguageTool server) cannot be
    reached. The hits the rule yielded before are kept, the run reports the message once rather
    than once per file, and the exit code is 2."""


class Edit(NamedTuple):
    """Replace the text between two absolute offsets (half-open) with `text`."""

    start: int
    end: int
    text: str


class Fix(NamedTuple):
    """Edits that repair one hit. `safe` fixes run with --fix; unsafe ones need --unsafe-fixes."""

    edits: tuple[Edit, ...]
    safe: bool = True

    @classmethod
    def safe_edit(cls, *edits: Edit) -> Fix:
        return cls(tuple(edits), safe=True)

    @classmethod
    def unsafe_edit(cls, *edits: Edit) -> Fix:
        return cls(tuple(edits), safe=False)


class Hit(NamedTuple):
    """What a rule reports: a half-open span of the document's text and a message."""

    start: int
    end: int
    message: str
    fix: Fix | None = None


class Option(NamedTuple):
    """A rule option: its default decides the accepted type; `choices` narrows strings."""

    default: Any
    help: str
    choices: tuple[str, ...] | None = None
    # a top-level config key that also sets this option (`schema`, `words`), for settings that
    # read better project-wide; the rule's own table still wins
    config_key: str | None = None
    # string values (or list items) are paths, resolved against the config file's folder
    is_path: bool = False
    # the string is a regular expression, compiled when the config is read
    regex: bool = False


class CorpusCheck(NamedTuple):
    """The two halves of a corpus rule.

    `collect(doc, opts)` runs beside the per-file rules (in a worker) and returns a small,
    picklable summary; `check(summaries, opts)` runs once in the parent over every selected
    file's summary and yields `(path, Hit)`.
    """

    collect: Callable[[Any, Mapping[str, Any]], Any]
    check: Callable[[Sequence[tuple[str, Any]], Mapping[str, Any]], Iterable[tuple[str, Hit]]]
    # whether the rule has anything to do under these options (the online rules only with
    # --online); an inactive corpus rule neither collects nor holds results back for the check
    active: Callable[[Mapping[str, Any]], bool] | None = None

    def is_active(self, opts: Mapping[str, Any]) -> bool:
        return self.active is None or bool(self.active(opts))


class Rule(NamedTuple):
    code: str
    name: str
    severity: str
    summary: str
    doc: str
    check: Callable[..., Iterator[Hit]] | None
    options: Mapping[str, Option] = {}
    default_enabled: bool = True
    fixable: bool = False
    corpus: CorpusCheck | None = None
    origin: str = "newslint"
    # options a rule no longer has -> what replaced them: a config that still sets one keeps
    # working, with a warning, instead of failing on an upgrade
    removed_options: Mapping[str, str] = {}

    def default_options(self) -> dict[str, Any]:
        return {key: option.default for key, option in self.options.items()}


def rule(
    *,
    code: str,
    name: str,
    severity: str,
    summary: str,
    options: Mapping[str, Option] | None = None,
    default_enabled: bool = True,
    fixable: bool = False,
    removed_options: Mapping[str, str] | None = None,
) -> Callable[[Callable[..., Iterator[Hit]]], Rule]:
    """Declare a per-file rule. The decorated function's docstring is its documentation."""

    def wrap(check: Callable[..., Iterator[Hit]]) -> Rule:
        declared = _make_rule(
            check, code, name, severity, summary, options, default_enabled, fixable
        )
        return declared._replace(removed_options=dict(removed_options or {}))

    return wrap


def corpus_rule(
    *,
    code: str,
    name: str,
    severity: str,
    summary: str,
    collect: Callable[[Any, Mapping[str, Any]], Any],
    options: Mapping[str, Option] | None = None,
    default_enabled: bool = False,
    active: Callable[[Mapping[str, Any]], bool] | None = None,
) -> Callable[[Callable[..., Iterable[tuple[str, Hit]]]], Rule]:
    """Declare a rule that compares documents; the decorated function is the parent-side check.

    `active(opts)`, when given, says whether the rule has anything to do in this run."""

    def wrap(check: Callable[..., Iterable[tuple[str, Hit]]]) -> Rule:
        declared = _make_rule(check, code, name, severity, summary, options, default_enabled, False)
        return declared._replace(check=None, corpus=CorpusCheck(collect, check, active))

    return wrap


def engine_rule(*, code: str, name: str, severity: str, summary: str, doc: str) -> Rule:
    """A code the engine itself reports (internal errors, unreadable files, unused suppressions)."""
    _validate_identity(code, name, severity, summary)
    return Rule(code, name, severity, summary, inspect.cleandoc(doc), None)


def _make_rule(check, code, name, severity, summary, options, default_enabled, fixable) -> Rule:
    _validate_identity(code, name, severity, summary)
    return Rule(
        code=code,
        name=name,
        severity=severity,
        summary=summary,
        doc=inspect.cleandoc(check.__doc__ or ""),
        check=check,
        options=dict(options or {}),
        default_enabled=default_enabled,
        fixable=fixable,
        origin=check.__module__,
    )


def _validate_identity(code: str, name: str, severity: str, summary: str) -> None:
    if not _CODE.match(code):
        raise ValueError(f"rule code {code!r} must be letters followed by three digits")
    if not _NAME.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")
    if severity not in SEVERITIES:
        raise ValueError(f"rule {code}: severity {severity!r} is not one of {SEVERITIES}")
    if not summary or summary.endswith("."):
        raise ValueError(f"rule {code}: summary must be a fragment without a final full stop")

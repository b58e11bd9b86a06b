"""Which rules run: `select`, `extend-select`, `ignore` and `per-file-ignores`.

A selector is a rule code (`NL301`), a code prefix (`NL3`, `NL`) or a rule name
(`weekday-mismatch`). Opt-in rules (built-in ones declared `default_enabled=False`) run only when
named by their exact code or name; plug-in rules run only when a selector matches them, so
installing a plug-in never changes a result by itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newslint._api import Rule
from newslint.codes import FILE_CHANGED, INTERNAL_ERROR, UNREADABLE_FILE
from newslint.config import ConfigError
from newslint.globs import matches
from newslint.registry import Registry

# these describe the run itself; deselecting them would hide files that were never linted
ALWAYS_REPORTED = frozenset({INTERNAL_ERROR.code, UNREADABLE_FILE.code, FILE_CHANGED.code})


def _matches(selector: str, r: Rule) -> bool:
    return r.code.startswith(selector.upper()) or r.name == selector.lower()


def _exact(selector: str, r: Rule) -> bool:
    return r.code == selector.upper() or r.name == selector.lower()


def check_selectors(registry: Registry, selectors: Iterable[str], where: str) -> None:
    for selector in selectors:
        if not any(_matches(selector, r) for r in registry.rules):
            raise ConfigError(f'{where}: "{selector}" matches no rule code, prefix or name')


def select_rules(
    registry: Registry,
    *,
    select: Sequence[str] | None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> tuple[Rule, ...]:
    def chosen(r: Rule, selectors: Sequence[str]) -> bool:
        for s in selectors:
            if _exact(s, r):
                return True
            if _matches(s, r) and (registry.is_plugin(r) or r.default_enabled):
                return True
        return False

    active = []
    for r in registry.rules:
        if r.code in ALWAYS_REPORTED:
            active.append(r)
            continue
        on = (
            (r.default_enabled and not registry.is_plugin(r))
            if select is None
            else chosen(r, select)
        )
        on = (on or chosen(r, extend_select)) and not any(_matches(s, r) for s in ignore)
        if on:
            active.append(r)
    return tuple(active)


def ignored_for_path(
    rules: Sequence[Rule], per_file_ignores: Sequence[tuple[str, Sequence[str]]], relpath: str
) -> frozenset[str]:
    """Codes that `per-file-ignores` switches off for this path."""
    codes: set[str] = set()
    for glob, selectors in per_file_ignores:
        if matches((glob,), relpath):
            codes.update(
                r.code
                for r in rules
                if r.code not in ALWAYS_REPORTED and any(_matches(s, r) for s in selectors)
            )
    return frozenset(codes)


def selector_matches(selector: str, r: Rule) -> bool:
    return _matches(selector, r)

"""Every rule this run knows: the built-in modules (listed in `newslint.rules`) and plug-ins.

Plug-ins come from the `newslint.rules` entry-point group; the entry's name is the code prefix
its rules use and its object is a sequence of rules. They load here but stay inactive until a
project selects them (see `selection`).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from newslint._api import Rule
from newslint.codes import ENGINE_RULES

ENTRY_POINT_GROUP = "newslint.rules"


class PluginError(Exception):
    """A plug-in could not be loaded or declares rules that clash."""


class Plugin(NamedTuple):
    prefix: str
    distribution: str
    version: str


class Registry(NamedTuple):
    rules: tuple[Rule, ...]
    plugins: tuple[Plugin, ...] = ()

    def by_code(self, code: str) -> Rule | None:
        return self._codes().get(code)

    def by_name(self, name: str) -> Rule | None:
        return self._names().get(name)

    def find(self, code_or_name: str) -> Rule | None:
        return self.by_code(code_or_name.upper()) or self.by_name(code_or_name)

    def is_plugin(self, rule: Rule) -> bool:
        return any(rule.code.startswith(p.prefix) for p in self.plugins)

    def _codes(self) -> dict[str, Rule]:
        return {r.code: r for r in self.rules}

    def _names(self) -> dict[str, Rule]:
        return {r.name: r for r in self.rules}


def _rules_of(module_name: str) -> Sequence[Rule]:
    return importlib.import_module(module_name).RULES


def build(
    modules: Iterable[str], plugins: Iterable[tuple[Plugin, Sequence[Rule]]] = ()
) -> Registry:
    rules: list[Rule] = list(ENGINE_RULES)
    for module_name in modules:
        rules.extend(_rules_of(module_name))
    loaded: list[Plugin] = []
    for plugin, plugin_rules in plugins:
        for r in plugin_rules:
            if not isinstance(r, Rule):
                raise PluginError(
                    f"plug-in {plugin.distribution}: {r!r} is not a rule made with @rule"
                )
            if not r.code.startswith(plugin.prefix) or r.code.startswith("NL"):
                raise PluginError(
                    f'plug-in {plugin.distribution}: rule {r.code} must use the prefix "{plugin.prefix}"'
                    " (its entry-point name) and not newslint's own NL"
                )
        rules.extend(plugin_rules)
        loaded.append(plugin)
    _check_unique(rules)
    return Registry(tuple(rules), tuple(loaded))


def _check_unique(rules: Sequence[Rule]) -> None:
    seen: dict[str, Rule] = {}
    for r in rules:
        for key in (r.code, r.name):
            if key in seen and seen[key] is not r:
                raise PluginError(f'two rules claim "{key}": {seen[key].origin} and {r.origin}')
            seen[key] = r


def _any_distribution_declares_group() -> bool:
    """A cheap look at installed metadata before asking importlib.metadata.

    Building every distribution's metadata costs tens of milliseconds, most of a one-file
    pre-commit run's budget; a plain read of the entry-point files tells whether any plug-in
    exists at all, and importlib.metadata then loads the ones that do.
    """
    marker = f"[{ENTRY_POINT_GROUP}]"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                try:
                    with open(
                        os.path.join(entry or ".", name, "entry_points.txt"), encoding="utf-8"
                    ) as handle:
                        if marker in handle.read():
                            return True
                except OSError:
                    continue
    return False


def _entry_point_plugins() -> list[tuple[Plugin, Sequence[Rule]]]:
    if not _any_distribution_declares_group():
        return []
    from importlib.metadata import entry_points

    found = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        dist = ep.dist
        plugin = Plugin(ep.name, dist.name if dist else ep.value, dist.version if dist else "?")
        try:
            loaded = ep.load()
        except Exception as exc:  # a broken plug-in must be reported, whatever it raised
            raise PluginError(
                f"plug-in {plugin.distribution} ({ep.value}) failed to load: {exc}"
            ) from exc
        found.append((plugin, tuple(loaded)))
    return found


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """Built-in rules plus installed plug-ins, loaded once per process."""
    from newslint.rules import BUILTIN_MODULES

    return build(BUILTIN_MODULES, _entry_point_plugins())

"""Engine-wide costs that must not come back: pattern compilation at run time."""

from __future__ import annotations

import os
import re._compiler
import sys

import newslint.engine
import pytest
from newslint.document import Document
from newslint.engine import Settings, lint_document
from newslint.registry import default_registry

from tests.helpers import article

# every family, with phone numbers, dates, links, spelling slips and emphasis to find
BODY = (
    "Officers were called on Thursday 20 November 2019 to Hatfield Road, St Albans.\n\n"
    "Anyone with information should call 101 or Crimestoppers on 0800 555 111, or visit.\n\n"
    "The the suspect was seen near the centre and wanted to liase with **999. ** staff.\n\n"
    "Read more at [our page](https://www.herts.police.uk/news) or www.example.org today.\n"
)


def _settings() -> Settings:
    registry = default_registry()
    codes = tuple(r.code for r in registry.rules if r.default_enabled and r.check is not None)
    return Settings(
        rule_codes=codes,
        options={r.code: r.default_options() for r in registry.rules},
        use_cache=False,
    )


def _lint_twice(monkeypatch: pytest.MonkeyPatch, target, name: str) -> list[tuple[str, str]]:
    """Lint one text, then count calls of `target.name` while linting another."""
    settings = _settings()
    first = lint_document(Document("a.md", article(BODY)), settings, "a.md")
    assert first.findings  # the text exercises the rules
    calls: list[tuple[str, str]] = []
    real = getattr(target, name)

    def counting(pattern, flags=0, *args):
        caller = sys._getframe(2)  # the code that called re.sub, re.compile, …
        calls.append((caller.f_code.co_filename, str(pattern)))
        return real(pattern, flags, *args)

    monkeypatch.setattr(target, name, counting)
    other = article(BODY.replace("20 November", "21 November").replace("111", "112"))
    lint_document(Document("b.md", other), settings, "b.md")
    return calls


def test_no_pattern_is_compiled_while_linting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the first file has loaded every rule, another file compiles no pattern at all:
    none is built from the text, none falls out of `re`'s cache."""
    compiled = _lint_twice(monkeypatch, re._compiler, "compile")
    assert compiled == [], "\n".join(p for _f, p in compiled)


def test_engine_uses_only_precompiled_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine never calls `re.match(string, …)` and the like: each such call is a cache
    lookup per document at least."""
    looked_up = _lint_twice(monkeypatch, re, "_compile")
    engine = os.path.dirname(newslint.engine.__file__) + os.sep
    from_engine = [(f, p) for f, p in looked_up if f.startswith(engine)]
    assert from_engine == []

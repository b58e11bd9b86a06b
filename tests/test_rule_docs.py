"""Every built-in rule is documented (with a bad and a good example) and has tests naming it."""

from __future__ import annotations

from pathlib import Path

import pytest
from newslint.registry import default_registry

TESTS = Path(__file__).parent
RULES = [r for r in default_registry().rules if r.origin.startswith("newslint")]


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_rule_is_documented(r) -> None:
    assert "Flagged:" in r.doc and "Fine:" in r.doc, f"{r.code} needs a bad and a good example"
    assert r.summary and not r.summary.endswith(".")
    for key, option in r.options.items():
        assert option.help, f"{r.code} option {key} has no help"


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_rule_has_a_test_file_that_names_it(r) -> None:
    if r.check is None and r.corpus is None:
        candidates = list(TESTS.glob("test_*.py"))  # engine codes are tested with the engine
    else:
        module = r.origin.rsplit(".", 1)[-1]
        candidates = [TESTS / "rules" / f"test_{module}.py"]
        assert candidates[0].exists(), f"{r.code}: missing {candidates[0]}"
    assert any(r.code in path.read_text() for path in candidates), f"no test names {r.code}"

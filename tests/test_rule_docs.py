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


README = (TESTS.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("r", default_registry().rules, ids=lambda r: r.code)
def test_readme_documents_every_rule_where_sarif_help_points(r) -> None:
    from newslint.report.sarif import help_uri

    assert f"#### {r.code} {r.name}\n" in README
    assert help_uri(r).endswith("#" + f"{r.code} {r.name}".lower().replace(" ", "-"))


def test_readme_quick_start_matches_the_makefile_and_ci() -> None:
    assert "make check" in README and "make test" in README
    makefile = (TESTS.parent / "Makefile").read_text()
    assert "check:" in makefile and "newslint seeds/" in makefile
    assert "make test" in (TESTS.parent / ".ci" / "run").read_text()

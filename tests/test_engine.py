"""The engine: rule isolation, selection, suppression comments and fixes, with sample rules."""

from __future__ import annotations

import pytest
from newslint.config import ConfigError
from newslint.document import Document
from newslint.engine import Settings, lint_document
from newslint.registry import build
from newslint.selection import check_selectors, select_rules

from tests.helpers import BODY_LINE_OFFSET, article

SAMPLE = ("tests.sample_rules",)


def run(body: str, codes=("NL001", "TS001"), fix: bool = False, per_file_ignores=()):
    registry = build(SAMPLE)
    settings = Settings(
        rule_codes=codes,
        options={r.code: r.default_options() for r in registry.rules},
        registry_modules=SAMPLE,
        fix=fix,
        per_file_ignores=per_file_ignores,
    )
    return lint_document(Document("a.md", article(body)), settings, "news/a.md")


def found(result) -> list[str]:
    return [f"{f.line - BODY_LINE_OFFSET}:{f.column} {f.code}" for f in result.findings]


def test_a_crashing_rule_becomes_nl002_and_the_others_still_run() -> None:
    result = run("XYZZY here.\n", codes=("TS001", "TS002"))
    assert [f.code for f in result.findings] == ["NL002", "TS001"]
    assert result.internal_error
    assert (
        "rule TS002 (always-crashes) failed on this file: ZeroDivisionError: boom"
        in result.findings[0].message
    )


SUPPRESSION = [
    ("<!-- newslint: disable-next-line TS001 -->\nXYZZY\n", []),
    ("<!-- newslint: disable-next-line magic-word -->\nXYZZY\n", []),
    ("<!-- newslint: disable-next-line TS -->\nXYZZY\n\nXYZZY\n", ["4:1 TS001"]),
    (
        "<!-- newslint: disable TS001 -->\n\nXYZZY\n\nXYZZY\n\n<!-- newslint: enable TS001 -->\n\nXYZZY\n",
        ["9:1 TS001"],
    ),
    ("<!-- newslint: disable-file TS001 -->\n\nXYZZY\n\nXYZZY\n", []),
    ("<!-- newslint: disable-next-line TS001 -->\nnothing here\n", ["1:1 NL001"]),
    ("<!-- newslint: disable-next-line -->\nXYZZY\n", ["1:1 NL001", "2:1 TS001"]),
    ("<!-- newslint: disable-next-line NL999 -->\nXYZZY\n", ["1:1 NL001", "2:1 TS001"]),
    ("<!-- newslint: enable TS001 -->\nXYZZY\n", ["1:1 NL001", "2:1 TS001"]),
    ("<!-- newslint: silence TS001 -->\nXYZZY\n", ["1:1 NL001", "2:1 TS001"]),
    ("```\n<!-- newslint: disable-next-line TS001 -->\n```\nXYZZY\n", ["4:1 TS001"]),
    # a comment for a rule that is not running is not "unused": the config may switch it off
    ("<!-- newslint: disable-next-line TS003 -->\n# Heading\n", []),
]


@pytest.mark.parametrize(("body", "expected"), SUPPRESSION)
def test_suppression(body: str, expected: list[str]) -> None:
    assert found(run(body)) == expected


def test_fix_applies_and_reports_what_is_left() -> None:
    result = run("XYZZY and XYZZY.\n", fix=True)
    assert result.fixed == 2
    assert result.findings == []
    assert result.fixed_text.endswith("plugh and plugh.\n")


def test_per_file_ignores() -> None:
    assert found(run("XYZZY\n", per_file_ignores=(("news/**", ("TS",)),))) == []
    assert found(run("XYZZY\n", per_file_ignores=(("other/**", ("TS",)),))) == ["1:1 TS001"]


def test_selection_semantics() -> None:
    registry = build(SAMPLE)
    codes = lambda **kw: [r.code for r in select_rules(registry, **kw)]  # noqa: E731
    always = ["NL002", "NL003", "NL004"]
    assert codes(select=None) == ["NL001", *always, "TS001", "TS002"]
    assert codes(select=["TS"]) == [*always, "TS001", "TS002"]  # the prefix skips the opt-in TS003
    assert codes(select=["TS003"]) == [*always, "TS003"]
    assert codes(select=["opt-in-info"]) == [*always, "TS003"]
    assert codes(select=None, ignore=["TS00", "NL001"]) == always
    assert codes(select=None, extend_select=["TS003"]) == [
        "NL001",
        *always,
        "TS001",
        "TS002",
        "TS003",
    ]
    with pytest.raises(ConfigError, match='"XX1" matches no rule'):
        check_selectors(registry, ["XX1"], "--select")


def test_a_crashing_corpus_rule_becomes_nl002_not_a_traceback() -> None:
    from newslint.engine import corpus_findings

    registry = build(SAMPLE)
    settings = Settings(
        rule_codes=("TS001", "TS004"),
        options={r.code: r.default_options() for r in registry.rules},
        registry_modules=SAMPLE,
    )
    results = [
        lint_document(Document(name, article("XYZZY\n")), settings, name)
        for name in ("a.md", "b.md")
    ]
    corpus_findings(results, settings)
    assert [f.code for f in results[0].findings] == ["NL002", "TS001"]
    assert results[0].findings[0].message == (
        "rule TS004 (corpus-crashes) failed on the files it compares: ZeroDivisionError: corpus boom"
    )
    assert results[0].internal_error and not results[1].internal_error


def test_thousands_of_unclosed_comments_are_read_in_linear_time() -> None:
    # found by the fuzzer: "<!-- newslint:" 3,000 times with no "-->" took 8 s per pass
    import time

    started = time.monotonic()
    result = run("XYZZY\n\n" + "<!-- newslint:" * 5000 + "\n")
    assert found(result) == ["1:1 TS001"]
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    "tail",
    [
        "<!-- newslint:" + "\n" * 5000,  # found by the fuzzer: minutes
        "<!-- newslint: disable TS001 " + " \n" * 5000,
        "<!-- newslint:" * 20000 + "-->",
    ],
    ids=["blank-lines", "arguments-then-blanks", "openings-then-one-close"],
)
def test_an_unclosed_comment_before_thousands_of_blank_lines_is_read_in_linear_time(
    tail: str,
) -> None:
    import time

    started = time.monotonic()
    result = run("XYZZY\n\n" + tail + "\n")
    assert found(result)[0] == "1:1 TS001"  # (the last opening, closed, is an empty directive)
    assert time.monotonic() - started < 5


def test_directives_are_read_as_before() -> None:
    from newslint.suppress import find_directives

    text = (
        "<!-- newslint: disable NL5, NL301 -->\n"
        "<!--newslint:enable NL5--->\n"
        "<!-- newslint: disable <b>NL5</b> -->\n"
        "<!-- newslint: disable-next-line NL4\n   NL2 -->\n"
    )
    directives = [
        (d.action, d.selectors, d.first_line, d.last_line)
        for d in find_directives(Document("a.md", text))
    ]
    assert directives == [
        ("disable", ("NL5", "NL301"), 1, 1),
        ("enable", ("NL5-",), 2, 2),
        ("disable-next-line", ("NL4", "NL2"), 4, 5),
    ]

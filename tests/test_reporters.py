"""Exact output of each reporter, and the JSON report against its schema."""

from __future__ import annotations

import io
import json
from importlib import resources

import jsonschema
from newslint._api import Edit, Fix
from newslint.engine import FileResult, Finding
from newslint.registry import default_registry
from newslint.report import Report, formats, reporter


def sample_report(color: bool = False) -> Report:
    fix = Fix.safe_edit(Edit(10, 12, "x"))
    a = FileResult(
        "news/a b.md",
        [
            Finding(
                "news/a b.md",
                "NL103",
                "front-matter-schema",
                "error",
                'missing required field "title"',
                2,
                1,
                2,
                5,
            ),
            Finding(
                "news/a b.md",
                "NL105",
                "url-mismatch",
                "warning",
                'url "http://x" uses http: write https://',
                8,
                6,
                8,
                19,
                fix,
            ),
        ],
    )
    b = FileResult("news/clean.md", [])
    c = FileResult(
        "news/ü.md",
        [Finding("news/ü.md", "NL003", "unreadable-file", "error", "binary file", 1, 1, 1, 2)],
        fixed=2,
    )
    return Report([a, b, c], rules=default_registry().rules, version="9.9.9", color=color)


def render(name: str, report: Report) -> str:
    out = io.StringIO()
    reporter(name).write(report, out)
    return out.getvalue()


def test_formats_are_discovered_from_modules() -> None:
    assert {"text", "concise", "json"} <= set(formats())


def test_text() -> None:
    assert render("text", sample_report()) == (
        'news/a b.md:2:1: NL103 [error] missing required field "title"\n'
        'news/a b.md:8:6: NL105 [warning] url "http://x" uses http: write https://\n'
        "\n"
        "news/ü.md:1:1: NL003 [error] binary file\n"
        "\n"
        "Found 3 problems (2 errors, 1 warning) in 2 of 3 files; fixed 2 problems.\n"
    )


def test_text_in_colour() -> None:
    first = render("text", sample_report(color=True)).splitlines()[0]
    assert (
        first
        == '\x1b[1mnews/a b.md:2:1:\x1b[0m \x1b[36mNL103\x1b[0m \x1b[31m[error]\x1b[0m missing required field "title"'
    )


def test_text_clean_and_empty() -> None:
    assert render("text", Report([FileResult("a.md")])) == "All clear: no problems in 1 file.\n"
    assert render("text", Report([])) == "All clear: no problems in 0 files.\n"


def test_concise() -> None:
    assert render("concise", sample_report()) == (
        'news/a b.md:2:1: NL103 [error] missing required field "title"\n'
        'news/a b.md:8:6: NL105 [warning] url "http://x" uses http: write https://\n'
        "news/ü.md:1:1: NL003 [error] binary file\n"
    )
    assert render("concise", Report([])) == ""


def test_json_exact_and_valid() -> None:
    document = json.loads(render("json", sample_report()))
    assert document["files"][0]["findings"][1] == {
        "code": "NL105",
        "name": "url-mismatch",
        "severity": "warning",
        "message": 'url "http://x" uses http: write https://',
        "line": 8,
        "column": 6,
        "end_line": 8,
        "end_column": 19,
        "fix": {"applicability": "safe", "edits": [{"start": 10, "end": 12, "text": "x"}]},
    }
    assert document["summary"] == {
        "files": 3,
        "files_with_findings": 2,
        "findings": 3,
        "fixed": 2,
        "by_severity": {"error": 2, "warning": 1, "info": 0},
    }
    assert document["tool"] == {"name": "newslint", "version": "9.9.9"}
    schema = json.loads(
        resources.files("newslint.schemas").joinpath("report.schema.json").read_text()
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)
    jsonschema.Draft202012Validator(schema).validate(json.loads(render("json", Report([]))))
    assert "news/ü.md" in render("json", sample_report())  # UTF-8, not \u escapes

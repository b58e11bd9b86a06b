"""SARIF, GitHub annotations, JUnit and GitLab Code Quality: exact output, and SARIF validated
against the official SARIF 2.1.0 schema (tests/data, source noted in its README)."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from newslint._api import Edit, Fix
from newslint.cli import main
from newslint.engine import FileResult, Finding
from newslint.registry import default_registry
from newslint.report import Report, reporter

from tests.helpers import article

SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
ROOT = Path(__file__).resolve().parents[1]


def special_report(root: Path) -> Report:
    path = str(root / "news, 50% off" / "a:b.md")
    tricky = 'bold "999." will not render,\r\nsee 100% of it: fix'
    fix = Fix.safe_edit(Edit(10, 12, "**"))
    findings = [
        Finding(
            path,
            "NL601",
            "broken-emphasis",
            "warning",
            tricky,
            3,
            5,
            3,
            12,
            fix,
            10,
            17,
            "**999. **",
            ((3, 10, 3, 12, "**"),),
        ),
        Finding(
            path,
            "NL301",
            "weekday-mismatch",
            "error",
            "wrong day",
            4,
            1,
            4,
            9,
            None,
            20,
            28,
            "Thursday",
        ),
        Finding(path, "NL999", "plugin-info", "info", "fyi", 5, 1, 5, 2),
    ]
    return Report(
        [FileResult(path, findings), FileResult(str(root / "clean.md"))],
        rules=default_registry().rules,
        version="1.2.3",
        root=str(root),
    )


def render(name: str, report: Report) -> str:
    out = io.StringIO()
    reporter(name).write(report, out)
    return out.getvalue()


def test_github_escaping_exact(tmp_path: Path) -> None:
    lines = render("github", special_report(tmp_path)).splitlines()
    file = str(tmp_path).replace(":", "%3A").replace(",", "%2C") + "/news%2C 50%25 off/a%3Ab.md"
    assert lines == [
        f"::warning file={file},line=3,col=5,endLine=3,endColumn=12,title=NL601 broken-emphasis::"
        'bold "999." will not render,%0D%0Asee 100%25 of it: fix',
        f"::error file={file},line=4,col=1,endLine=4,endColumn=9,title=NL301 weekday-mismatch::wrong day",
        f"::notice file={file},line=5,col=1,endLine=5,endColumn=2,title=NL999 plugin-info::fyi",
    ]
    assert render("github", Report([])) == ""


def test_junit_exact(tmp_path: Path) -> None:
    xml = render("junit", special_report(tmp_path))
    root = ET.fromstring(xml)
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "4", "3")
    suites = root.findall("testsuite")
    assert [s.get("tests") for s in suites] == ["3", "1"]
    case = suites[0].find("testcase")
    assert case.get("name") == "NL601 broken-emphasis at 3:5"
    assert (
        case.find("failure").get("message") == 'bold "999." will not render,\r\nsee 100% of it: fix'
    )
    assert suites[1].find("testcase").find("failure") is None
    assert xml.startswith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="newslint" tests="4"'
    )
    assert ET.fromstring(render("junit", Report([]))).get("tests") == "0"


def test_gitlab_exact_and_stable(tmp_path: Path) -> None:
    issues = json.loads(render("gitlab", special_report(tmp_path)))
    rel = "news, 50% off/a:b.md"
    assert issues[0] == {
        "description": 'NL601 bold "999." will not render,\r\nsee 100% of it: fix',
        "check_name": "NL601 broken-emphasis",
        "fingerprint": hashlib.sha256(
            "\0".join((rel, "NL601", "**999. **", "1")).encode()
        ).hexdigest(),
        "severity": "minor",
        "location": {"path": rel, "lines": {"begin": 3, "end": 3}},
    }
    assert [i["severity"] for i in issues] == ["minor", "major", "info"]
    assert len({i["fingerprint"] for i in issues}) == 3
    assert render("gitlab", special_report(tmp_path)) == render("gitlab", special_report(tmp_path))
    assert json.loads(render("gitlab", Report([]))) == []


def test_sarif_is_valid_and_complete(tmp_path: Path) -> None:
    log = json.loads(render("sarif", special_report(tmp_path)))
    jsonschema.Draft202012Validator(SARIF_SCHEMA).validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["ROOT"]["uri"] == tmp_path.as_uri() + "/"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["NL301"]["helpUri"].endswith("#nl301-weekday-mismatch")
    assert rules["NL301"]["defaultConfiguration"]["level"] == "error"
    assert "Flagged:" in rules["NL301"]["fullDescription"]["text"]
    first = run["results"][0]
    assert first["ruleId"] == "NL601" and first["level"] == "warning"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "news%2C%2050%25%20off/a%3Ab.md", "uriBaseId": "ROOT"},
        "region": {
            "startLine": 3,
            "startColumn": 5,
            "endLine": 3,
            "endColumn": 12,
            "snippet": {"text": "**999. **"},
        },
    }
    assert first["fixes"][0]["artifactChanges"][0]["replacements"] == [
        {
            "deletedRegion": {"startLine": 3, "startColumn": 10, "endLine": 3, "endColumn": 12},
            "insertedContent": {"text": "**"},
        }
    ]
    assert run["results"][2]["level"] == "note" and "ruleIndex" not in run["results"][2]
    empty = json.loads(
        render("sarif", Report([], rules=default_registry().rules, root=str(tmp_path)))
    )
    jsonschema.Draft202012Validator(SARIF_SCHEMA).validate(empty)
    assert empty["runs"][0]["results"] == []


def test_through_the_cli_with_crlf_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_bytes(
        article("Ring 0300-123-4040 or **101**or 999.\n").replace("\n", "\r\n").encode()
    )
    result = CliRunner().invoke(
        main,
        [
            "a.md",
            "--format",
            "text",
            "--format",
            "sarif",
            "--output-file",
            "out.sarif",
            "--statistics",
        ],
    )
    assert result.output.endswith(
        "Found 2 problems (2 warnings) in 1 of 1 file.\n     1  NL401  phone-format [warning]\n"
        "     1  NL601  broken-emphasis [warning]\n"
    )
    log = json.loads((tmp_path / "out.sarif").read_text())
    jsonschema.Draft202012Validator(SARIF_SCHEMA).validate(log)
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in log["runs"][0]["results"]]
    assert [
        (r["startLine"], r["startColumn"], r["endColumn"], r["snippet"]["text"]) for r in regions
    ] == [
        (11, 6, 19, "0300-123-4040"),
        (11, 23, 32, "**101**or"),
    ]
    github = (
        CliRunner()
        .invoke(main, ["a.md", "--format", "auto"], env={"GITHUB_ACTIONS": "true"})
        .output
    )
    assert github.startswith(
        "::warning file=a.md,line=11,col=6,endLine=11,endColumn=19,title=NL401 phone-format::"
    )
    assert (
        CliRunner()
        .invoke(main, ["a.md", "--format", "auto"], env={"GITHUB_ACTIONS": ""})
        .output.startswith("a.md:11:6:")
    )


def test_empty_file_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    for name in ("sarif", "gitlab", "junit", "github", "json"):
        result = CliRunner().invoke(main, ["empty", "--format", name])
        assert result.exit_code == 0, name
    result = CliRunner().invoke(main, ["empty", "--format", "gitlab"])
    assert json.loads(result.stdout) == []  # the report stays a valid document…
    assert result.stderr.startswith(
        'newslint: warning: no files to lint in "empty"'
    )  # …and says so


def test_statistics_go_to_stderr_when_stdout_is_a_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(article("Ring 0300-123-4040.\n"))
    result = CliRunner().invoke(main, ["a.md", "--format", "json", "--statistics"])
    json.loads(result.stdout)
    assert result.stderr == "     1  NL401  phone-format [warning]\n"


def test_action_yml_runs_newslint_uploads_sarif_and_fails_per_fail_on() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) >= {"paths", "fail-on", "args", "upload-sarif"}
    steps = action["runs"]["steps"]
    run_step = next(s for s in steps if s.get("id") == "lint")
    assert "--format github --format sarif --output-file newslint.sarif" in run_step["run"]
    assert '--fail-on "${{ inputs.fail-on }}"' in run_step["run"]
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == "newslint.sarif" and "always()" in upload["if"]
    assert steps[-1]["run"] == "exit ${{ steps.lint.outputs.exit-code }}"

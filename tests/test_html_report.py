"""`--format html`: one self-contained page; counts, charts' data and findings in context."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from newslint._lines import LineIndex
from newslint.cli import main
from newslint.engine import FileResult, Finding
from newslint.report.html import CONTEXT, family, months, severity_label, shown

from tests.helpers import article


def write_archive(root: Path) -> None:
    news = root / "news"
    news.mkdir()
    (news / "a.md").write_text(
        article("🚨 Report it via **999. ** now and discretely.\n", "3 Jan 2022"), encoding="utf-8"
    )
    (news / "b.md").write_text(
        article("Patrols will run on Thursday 22 November.\r\n", "21 Nov 2019").replace(
            "\n", "\r\n"
        ),
        encoding="utf-8",
        newline="",
    )
    (news / "clean.md").write_text(article("Officers met residents.\n", "5 Mar 2022"))
    (news / "<script>alert(1)<\\script>.md").write_text(
        article("Call <b>us</b> via **999. ** now.\n", "not a date")
    )
    (news / "binary.txt").write_bytes(b"\x00\x01binary")


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_archive(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def by_testid(page: str, name: str) -> str:
    return re.search(rf'data-testid="{name}">([^<]*)<', page).group(1).replace(",", "")


def test_counts_match_the_json_report(archive: Path) -> None:
    assert run("news", "--format", "html", "-o", "report.html")[0] == 1
    assert run("news", "--format", "json", "-o", "report.json")[0] == 1
    page = (archive / "report.html").read_text("utf-8")
    summary = json.loads((archive / "report.json").read_text("utf-8"))["summary"]
    assert int(by_testid(page, "count-findings")) == summary["findings"] == 6
    for severity in ("error", "warning", "info"):
        assert int(by_testid(page, f"count-{severity}")) == summary["by_severity"][severity]
    assert int(by_testid(page, "count-files")) == summary["files"] == 5
    assert int(by_testid(page, "count-files-with-findings")) == summary["files_with_findings"] == 4
    counts = [int(n) for n in re.findall(r'<details class="file"[^>]* data-count="(\d+)"', page)]
    assert sum(counts) == 6 and len(counts) == 4
    assert "1 other file had no findings." in page


def test_findings_are_shown_in_their_text(archive: Path) -> None:
    run("news", "--format", "html", "-o", "report.html")
    page = (archive / "report.html").read_text("utf-8")
    assert (
        '<p class="ctx">🚨 Report it via <mark class="sev-warning">**999. **</mark> now and '
        "discretely.</p>" in page
    )
    # CRLF text: the line end is not part of the context
    assert '<mark class="sev-error">Thursday 22 November</mark>.</p>' in page
    # an unreadable file has its finding but no context
    assert "binary file (it contains NUL bytes)" in page


def test_article_text_and_paths_are_escaped(archive: Path) -> None:
    run("news", "--format", "html", "-o", "report.html")
    page = (archive / "report.html").read_text("utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page
    assert "Call &lt;b&gt;us&lt;/b&gt; via" in page
    assert len(re.findall(r"<script", page)) == 1


def test_the_page_may_run_its_own_script_only_and_load_nothing(archive: Path) -> None:
    run("news", "--format", "html", "-o", "report.html")
    page = (archive / "report.html").read_text("utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert policy.startswith("default-src 'none';")
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "<link" not in page


def test_charts(archive: Path) -> None:
    run("news", "--format", "html", "-o", "report.html")
    page = (archive / "report.html").read_text("utf-8")
    rows = re.findall(r'<tr data-code="(NL\d+)" data-count="(\d+)">', page)
    assert dict(rows) == {"NL601": "2", "NL502": "1", "NL301": "1", "NL003": "1", "NL103": "1"}
    assert "Markdown (NL6xx)" in page and "Front matter (NL1xx)" in page
    # months from Nov 2019 to Mar 2022, gaps included; two files have no usable date
    assert page.count('class="bar-rect"') == 29
    assert "Not in the chart: 2 files without a valid publish date (3 findings)." in page


def result(path: str, date: str | None, findings: int) -> FileResult:
    f = Finding(path, "NL601", "broken-emphasis", "warning", "m", 1, 1, 1, 2)
    return FileResult(path, [f] * findings, publish_date=date)


def test_months_fill_gaps_and_count_per_article() -> None:
    rows, undated, undated_findings = months(
        [
            result("a", "2023-11-30", 4),
            result("b", "2023-11-01", 0),
            result("c", "2024-01-15", 1),
            result("d", None, 3),
        ]
    )
    assert [(m.label, m.files, m.findings, m.per_article) for m in rows] == [
        ("Nov 2023", 2, 4, 2.0),
        ("Dec 2023", 0, 0, 0.0),
        ("Jan 2024", 1, 1, 1.0),
    ]
    assert [m.percent for m in rows] == [100.0, 0.0, 50.0]
    assert (undated, undated_findings) == (1, 3)
    assert months([result("d", None, 1)]) == ([], 1, 1)


def test_context_is_bounded_on_a_long_line() -> None:
    text = "x" * 100_000 + " wrnog " + "y" * 100_000
    start = text.index("wrnog")
    f = Finding(
        "a",
        "NL501",
        "misspelled-word",
        "warning",
        "m",
        1,
        start + 1,
        1,
        start + 6,
        start=start,
        end=start + 5,
        snippet="wrnog",
    )
    view = shown(f, text, LineIndex(text))
    assert view.flagged == "wrnog"
    assert view.before == "…" + "x" * (CONTEXT - 1) + " "
    assert view.after == " " + "y" * (CONTEXT - 1) + "…"
    # the file changed since it was linted: no context rather than the wrong one
    assert shown(f, text.replace("wrnog", "wrong"), LineIndex(text)).flagged == ""


@pytest.mark.parametrize(
    ("code", "expected"),
    [("NL301", "Dates (NL3xx)"), ("NL003", "Engine (NL0xx)"), ("ACME101", "Plug-in ACME")],
)
def test_family(code: str, expected: str) -> None:
    assert family(code) == expected


def test_severity_label() -> None:
    assert [severity_label(s, n) for s, n in [("error", 1), ("error", 2), ("info", 3)]] == [
        "error",
        "errors",
        "info",
    ]


def test_a_clean_run(archive: Path) -> None:
    assert run("news/clean.md", "--format", "html", "-o", "clean.html")[0] == 0
    page = (archive / "clean.html").read_text("utf-8")
    assert "All clear: no problems in 1 file." in page and "No file has findings." in page

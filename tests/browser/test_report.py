"""The HTML report in a real browser: it opens from disk, its counts match the JSON report, and
it asks for nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from newslint.cli import main

from tests.test_html_report import write_archive


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("archive")
    write_archive(root)
    for fmt in ("html", "json"):
        out = root / f"report.{fmt}"
        result = CliRunner().invoke(main, [str(root / "news"), "--format", fmt, "-o", str(out)])
        assert result.exit_code == 1, result.output
    return root / "report.html", json.loads((root / "report.json").read_text("utf-8"))


def test_the_report_opens_offline_and_matches_the_json(page, reports, artefacts: Path) -> None:
    html, data = reports
    page.goto(html.as_uri())
    summary = data["summary"]

    def count(name: str) -> int:
        return int(page.get_by_test_id(name).text_content().replace(",", ""))

    assert count("count-findings") == summary["findings"]
    for severity in ("error", "warning", "info"):
        assert count(f"count-{severity}") == summary["by_severity"][severity]
    assert count("count-files") == summary["files"]
    assert count("count-files-with-findings") == summary["files_with_findings"]
    files = page.locator("details.file")
    assert files.count() == summary["files_with_findings"]
    per_file = {
        f["path"].removeprefix("news/"): len(f["findings"]) for f in data["files"] if f["findings"]
    }
    shown = {
        files.nth(i).locator(".path").text_content().removeprefix("news/"): int(
            files.nth(i).get_attribute("data-count")
        )
        for i in range(files.count())
    }
    assert shown == per_file
    assert page.locator("details.file li").count() == summary["findings"]
    page.screenshot(path=str(artefacts / "report.png"), full_page=True)
    assert {url for url in page.requests} == {html.as_uri()}


def test_the_report_is_usable(page, reports) -> None:
    html, _ = reports
    page.goto(html.as_uri())
    files = page.locator("details.file")
    assert all(not files.nth(i).get_attribute("open") for i in range(files.count()))
    # a file in the "most findings" chart opens its section
    page.locator("[data-open]").first.click()
    assert page.locator("details.file[open]").count() == 1
    page.locator("#expand-all").click()
    assert page.locator("details.file[open]").count() == files.count()
    # a rule's button filters the files to those with that rule
    page.locator('button[data-filter="NL301"]').click()
    assert page.locator("details.file:not([hidden])").count() == 1
    assert page.locator("#shown").text_content() == "1 of 4 files shown"
    page.locator("#filter").fill("")
    page.locator("#filter").press("Enter")
    page.wait_for_function("() => document.querySelectorAll('details.file[hidden]').length === 0")

"""The draft page in a real browser, against a real `newslint serve` on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import article
from tests.serve.server import Server

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "seeds" / "000_4e8bf0b53589c3cc.txt").read_text(encoding="utf-8")
MARKS = "mark[data-code]"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("newsroom")
    (folder / "newslint.toml").write_text('words = ["Horwood"]\n', encoding="utf-8")
    with Server(folder) as running:
        yield running


@pytest.fixture
def draft_page(page, server: Server):
    page.goto(server.url)
    yield page
    # nothing but the server: no CDN, no fonts, no browser phoning home
    assert page.requests.hosts() == {f"127.0.0.1:{server.port}"}


def marks(page) -> list[tuple[str, str]]:
    found = page.eval_on_selector_all(
        MARKS, "nodes => nodes.map(n => [n.dataset.code, n.textContent])"
    )
    return [tuple(pair) for pair in found]


def paste(page, text: str, count: int) -> None:
    page.get_by_test_id("draft").fill(text)
    page.wait_for_function(
        f"() => document.querySelectorAll('{MARKS}').length === {count} && "
        "!document.getElementById('status').textContent.startsWith('Checking')"
    )


def test_seed_000_shows_exactly_its_four_findings(draft_page, artefacts: Path) -> None:
    paste(draft_page, SEED, 4)
    assert marks(draft_page) == [
        ("NL502", "discretely"),
        ("NL601", "**Reporting hate crime **"),
        ("NL201", "visit."),
        ("NL601", "**999. **"),
    ]
    assert draft_page.get_by_test_id("count-error").text_content() == "1"
    assert draft_page.get_by_test_id("count-warning").text_content() == "3"
    assert draft_page.locator(".finding").count() == 4
    # focus on a finding from the list: the caret goes there and its explanation shows
    draft_page.locator(".finding", has_text='bold "999."').locator(".go").click()
    tip = draft_page.locator("#tip")
    tip.wait_for(state="visible")
    assert 'bold "999." will not render' in tip.text_content()
    assert "Bold or italic that will not render" in tip.text_content()
    assert (
        draft_page.evaluate(
            "() => { const d = document.getElementById('draft');"
            " return d.value.slice(d.selectionStart, d.selectionEnd); }"
        )
        == "**999. **"
    )
    draft_page.screenshot(path=str(artefacts / "page-with-findings.png"))


def test_fix_one_finding(draft_page) -> None:
    paste(draft_page, SEED, 4)
    item = draft_page.locator(".finding", has_text='bold "999."')
    item.get_by_role("button", name="Fix").click()
    draft_page.wait_for_function(f"() => document.querySelectorAll('{MARKS}').length === 3")
    value = draft_page.get_by_test_id("draft").input_value()
    assert "report it immediately via **999.** The support" in value
    assert value == SEED.replace("via **999. ** The", "via **999.** The")
    assert ("NL601", "**999. **") not in marks(draft_page)
    assert "1 fix applied" in draft_page.locator("#status").text_content()
    # the browser's Undo takes the fix back, and the finding returns
    draft_page.get_by_test_id("draft").focus()
    draft_page.keyboard.press("Control+z")
    draft_page.wait_for_function(f"() => document.querySelectorAll('{MARKS}').length === 4")
    assert draft_page.get_by_test_id("draft").input_value() == SEED


def test_fix_all_safe(draft_page) -> None:
    paste(draft_page, SEED, 4)
    assert draft_page.locator("#fix-all").text_content() == "Fix all safe (2)"
    draft_page.locator("#fix-all").click()
    draft_page.wait_for_function(f"() => document.querySelectorAll('{MARKS}').length === 2")
    assert [code for code, _ in marks(draft_page)] == ["NL502", "NL201"]
    assert "**999.** The" in draft_page.get_by_test_id("draft").input_value()
    assert draft_page.locator("#fix-all").is_disabled()


def test_typing_a_wrong_weekday_brings_nl301(draft_page) -> None:
    paste(draft_page, SEED, 4)
    draft = draft_page.get_by_test_id("draft")
    draft.focus()
    draft_page.keyboard.press("Control+End")
    # 20 November was a Tuesday in 2018, a Wednesday in 2019 and a Friday in 2020
    draft_page.keyboard.type("\nThe next meeting was on Thursday 20 November.", delay=5)
    draft_page.wait_for_selector('mark[data-code="NL301"]')
    assert ("NL301", "Thursday 20 November") in marks(draft_page)
    assert draft_page.get_by_test_id("count-error").text_content() == "2"


def test_emoji_and_astral_characters_before_a_finding(draft_page) -> None:
    text = article("🚨👮🏽‍♀️ 𝄞 Bold news: report it via **999. ** now 😀 and discretely.\n")
    paste(draft_page, text, 2)
    assert marks(draft_page) == [("NL601", "**999. **"), ("NL502", "discretely")]


def test_opening_a_crlf_file_keeps_its_line_ends_on_download(draft_page, tmp_path: Path) -> None:
    original = article("Report it via **999. ** now.\n").replace("\n", "\r\n")
    path = tmp_path / "appeal.md"
    path.write_bytes(b"\xef\xbb\xbf" + original.encode("utf-8"))
    draft_page.locator("#file-input").set_input_files(str(path))
    draft_page.wait_for_selector(MARKS)
    assert draft_page.locator("#filename").text_content() == "appeal.md"
    draft_page.locator("#fix-all").click()
    draft_page.wait_for_function(f"() => document.querySelectorAll('{MARKS}').length === 0")
    with draft_page.expect_download() as download:
        draft_page.locator("#download").click()
    assert download.value.suggested_filename == "appeal.md"
    saved = Path(download.value.path()).read_bytes()
    assert saved == b"\xef\xbb\xbf" + original.replace("**999. **", "**999.**").encode("utf-8")


def test_a_file_that_is_not_utf8_is_refused_with_a_notice(draft_page, tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(article("Caf\xe9 opening.\n").encode("cp1252"))
    draft_page.locator("#file-input").set_input_files(str(path))
    notice = draft_page.locator("#notice")
    notice.wait_for(state="visible")
    assert "“old.txt” is not UTF-8 text" in notice.text_content()
    assert draft_page.get_by_test_id("draft").input_value() == ""


def test_the_server_error_is_shown_not_thrown(draft_page) -> None:
    paste(draft_page, article("x" * 10 + "\n"), 0)
    draft_page.get_by_test_id("draft").fill("y" * (2 * 1024 * 1024 + 10))
    draft_page.wait_for_function(
        "() => document.getElementById('status').textContent.startsWith('Not checked')"
    )
    assert "larger than 2 MB" in draft_page.locator("#status").text_content()

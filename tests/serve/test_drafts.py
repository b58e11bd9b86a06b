"""The draft checker behind `newslint serve`: findings as the page gets them, and fixes."""

from __future__ import annotations

from pathlib import Path

import pytest
from newslint.serve import build_checker
from newslint.serve.drafts import DraftError, Utf16, safe_filename

from tests.helpers import article, lint_text

BODY = "Report it via **999. ** The team can discretely help. Call 101.\n"


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    folder = tmp_path_factory.mktemp("newsroom")
    (folder / "newslint.toml").write_text('words = ["Horwood"]\n', encoding="utf-8")
    return build_checker(folder)[0]


def js_slice(text: str, start: int, end: int) -> str:
    """What JavaScript's `text.slice(start, end)` returns: UTF-16 code units."""
    units = text.encode("utf-16-le")
    return units[2 * start : 2 * end].decode("utf-16-le")


def summary(answer: dict) -> list[str]:
    return [f"{f['line']}:{f['column']} {f['code']}" for f in answer["findings"]]


def test_check_answers_findings_with_rule_explanations(checker) -> None:
    answer = checker.check(article(BODY))
    assert summary(answer) == ["11:15 NL601", "11:38 NL502"]
    assert answer["counts"] == {"error": 0, "warning": 2, "info": 0}
    assert answer["safe_fixes"] == 1
    first = answer["findings"][0]
    assert first["message"] == 'bold "999." will not render: remove the space before the closing **'
    assert first["fix"] == {"safe": True, "label": "change “**999. **” to “**999.**”"}
    assert answer["findings"][1]["fix"] == {
        "safe": False,
        "label": "change “discretely” to “discreetly”",
    }
    assert set(answer["rules"]) == {"NL502", "NL601"}
    assert answer["rules"]["NL601"]["name"] == "broken-emphasis"
    assert "Flagged:" in answer["rules"]["NL601"]["doc"]


@pytest.mark.parametrize(
    "text",
    [
        article("🚨 Report it via **999. ** now 👮🏽‍♀️ and discretely.\n"),
        article("Line one.\r\nReport 🚓 it via **999. ** now and discretely.\r\n").replace(
            "\n", "\r\n"
        ),
        "\ufeff" + article("Report 😀 it via **999. ** now and discretely.\n"),
    ],
    ids=["emoji", "crlf", "bom"],
)
def test_offsets_are_utf16_code_units_of_the_text_as_sent(checker, text: str) -> None:
    answer = checker.check(text)
    flagged = [js_slice(text, f["start"], f["end"]) for f in answer["findings"]]
    assert flagged == ["**999. **", "discretely"]


def test_utf16_converter() -> None:
    to16 = Utf16("a😀b😀c")
    assert [to16(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]
    assert Utf16("é\r\nx", shift=1)(3) == 4


def test_fix_one_finding_by_its_id(checker) -> None:
    text = article(BODY)
    found = checker.check(text)["findings"]
    answer = checker.fix(text, found[1]["id"])  # an unsafe fix, chosen by the editor
    assert answer["applied"] == 1
    assert answer["text"] == text.replace("discretely", "discreetly")
    assert summary(answer) == ["11:15 NL601"]


def test_fix_all_safe_agrees_with_the_engines_fix(checker) -> None:
    text = article(BODY + "The the officer attended.\n")
    answer = checker.fix(text, "safe")
    engine = lint_text(text, ("NL",), fix=True)
    assert answer["text"] == engine.fixed_text
    assert answer["applied"] == engine.fixed == 2
    assert "discretely" in answer["text"]  # unsafe fixes are left to the editor
    assert summary(answer) == ["11:37 NL502"]


def test_fix_keeps_the_bom(checker) -> None:
    text = "\ufeff" + article(BODY)
    answer = checker.fix(text, "safe")
    assert answer["text"] == "\ufeff" + article(BODY.replace("**999. **", "**999.**"))
    assert (
        js_slice(answer["text"], answer["findings"][0]["start"], answer["findings"][0]["end"])
        == "discretely"
    )


def test_a_fix_for_text_that_changed_is_refused(checker) -> None:
    text = article(BODY)
    stale = checker.check(text)["findings"][0]["id"]
    with pytest.raises(DraftError, match="no longer in the text"):
        checker.fix(article("Report it via **999.** now.\n"), stale)
    with pytest.raises(DraftError):
        checker.fix(text, "NL301:1:2")


def test_the_folder_config_applies(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text(
        'ignore = ["NL601"]\nwords = ["Horwoodx"]\n', encoding="utf-8"
    )
    checker = build_checker(tmp_path)[0]
    text = article("PC Horwoodx said to report it via **999. ** now.\n")
    assert summary(checker.check(text)) == []
    default = build_checker(tmp_path / "..")[0]
    assert "11:35 NL601" in summary(default.check(text))


def test_per_file_ignores_use_the_drafts_name(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text(
        '[per-file-ignores]\n"wire/**" = ["NL6"]\n', encoding="utf-8"
    )
    checker = build_checker(tmp_path)[0]
    text = article(BODY)
    assert "NL601" not in str(summary(checker.check(text, "wire/story.md")))
    assert "NL601" in str(summary(checker.check(text, "story.md")))


def test_languagetool_and_online_stay_off_unless_asked(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text(
        '[languagetool]\nurl = "http://127.0.0.1:9"\n', encoding="utf-8"
    )
    checker, _source, configured = build_checker(tmp_path)
    assert configured
    assert checker.settings.options["NL501"]["languagetool"] in ({}, None)
    assert not checker.settings.online and not checker.settings.use_cache
    asked, _source, _ = build_checker(tmp_path, languagetool=True, online=True)
    assert asked.settings.options["NL501"]["languagetool"]["url"] == "http://127.0.0.1:9"
    assert asked.settings.online


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("draft.md", "draft.md"),
        ("wire/a.md", "wire/a.md"),
        ("../../etc/passwd", "etc/passwd"),
        ("/abs/x.md", "abs/x.md"),
        ("C:\\news\\x.md", "C:/news/x.md"),
        ("", "draft.md"),
        ("..", "draft.md"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def test_fix_labels(checker) -> None:
    text = article("Call the the police via **999. ** now.\n")
    labels = [f["fix"]["label"] for f in checker.check(text)["findings"] if f["fix"]]
    assert labels == ["change “the the” to “the”", "change “**999. **” to “**999.**”"]

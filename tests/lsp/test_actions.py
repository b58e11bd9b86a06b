"""Code actions as pure functions of a linted buffer: fix titles, silencing, kinds, fix all."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from newslint.lsp import actions
from newslint.lsp.check import check
from newslint.lsp.project import default_project

from tests.helpers import BODY_LINE_OFFSET, article
from tests.lsp.client import apply_edits, edits_for

URI = "file:///news/draft.md"


def checked(text: str, tmp_path: Path, encoding: str = "utf-16"):
    return check(URI, 1, text, str(tmp_path / "draft.md"), default_project(tmp_path), encoding)


def everything(result) -> types.Range:
    end = result.buffer.position(len(result.buffer.text))
    return types.Range(types.Position(0, 0), end)


def codes_and_lines(result) -> list[tuple[str, int]]:
    return [(f.code, f.line - BODY_LINE_OFFSET) for f in result.findings]


# body, code to silence, the body afterwards
SILENCE = [
    (
        "Officers met residents.\n\nCall the the police.\n",
        "NL505",
        "Officers met residents.\n\n<!-- newslint: disable-next-line NL505 -->\nCall the the police.\n",
    ),
    (  # inside a paragraph a comment line would split it: the comment ends the line before
        "Officers met residents\nand said: call the the police.\n",
        "NL505",
        "Officers met residents <!-- newslint: disable-next-line NL505 -->\nand said: call the the police.\n",
    ),
    (  # an existing comment gains the code
        "<!-- newslint: disable-next-line NL503 -->\nCall the the neighborhood police.\n",
        "NL505",
        "<!-- newslint: disable-next-line NL503 NL505 -->\nCall the the neighborhood police.\n",
    ),
    (  # the first line of the body, right after the front matter's closing fence
        "Call the the police.\n",
        "NL505",
        "<!-- newslint: disable-next-line NL505 -->\nCall the the police.\n",
    ),
]


@pytest.mark.parametrize("body, code, expected", SILENCE)
def test_silencing_a_line(tmp_path: Path, body: str, code: str, expected: str) -> None:
    head = article("")
    before = checked(head + body, tmp_path)
    finding = next(f for f in before.findings if f.code == code)
    edit = actions.silence_edit(before, finding)
    after_text = apply_edits(head + body, [edit], "utf-16")
    assert after_text == head + expected
    after = checked(after_text, tmp_path)
    assert code not in [f.code for f in after.findings]
    assert "NL001" not in [f.code for f in after.findings]


def test_silencing_keeps_crlf_line_ends(tmp_path: Path) -> None:
    text = article("Officers met residents.\n\nCall the the police.\n").replace("\n", "\r\n")
    result = checked(text, tmp_path)
    edit = actions.silence_edit(result, result.findings[0])
    assert edit.new_text == "<!-- newslint: disable-next-line NL505 -->\r\n"


def test_no_silencing_inside_front_matter_or_for_engine_codes(tmp_path: Path) -> None:
    result = checked(
        article("Officers met residents.\n").replace("21 Nov 2019", "2019-11-21"), tmp_path
    )
    assert [f.code for f in result.findings] == ["NL103"]
    assert actions.silence_edit(result, result.findings[0]) is None
    binary = checked("a\x00b", tmp_path)
    assert [f.code for f in binary.findings] == ["NL003"]
    assert actions.silence_edit(binary, binary.findings[0]) is None


def test_fix_titles_say_what_changes_and_label_unsafe_fixes(tmp_path: Path) -> None:
    result = checked(
        article("Call the the police about the neighborhood. Staff will discretely help.\n"),
        tmp_path,
    )
    titles = {f.code: actions.fix_title(f, result) for f in result.findings}
    assert titles == {
        "NL505": 'NL505: Delete " the"',
        "NL503": 'NL503: Replace "neighborhood" with "neighbourhood"',
        "NL502": 'NL502: Replace "discretely" with "discreetly" (unsafe fix: check the meaning)',
    }


def test_kinds_filter_and_fix_all(tmp_path: Path) -> None:
    result = checked(article("Call the the police.\n"), tmp_path)
    every = actions.code_actions(result, everything(result), None, versioned=True)
    assert [(a.title, a.kind) for a in every] == [
        ('NL505: Delete " the"', "quickfix"),
        ("Silence NL505 on this line", "quickfix"),
        ("Fix all safe problems in this file", "quickfix"),
    ]
    source = actions.code_actions(result, everything(result), ["source"], versioned=True)
    assert [(a.title, a.kind) for a in source] == [
        ("Fix all safe problems in this file", "source.fixAll.newslint")
    ]
    assert actions.code_actions(result, everything(result), ["refactor"], versioned=True) == []
    nowhere = types.Range(types.Position(0, 0), types.Position(0, 0))
    assert [a.kind for a in actions.code_actions(result, nowhere, None, versioned=True)] == [
        "source.fixAll.newslint"
    ]


def test_edits_are_versioned_when_the_client_can_check_versions(tmp_path: Path) -> None:
    result = checked(article("Call the the police.\n"), tmp_path)
    fix = actions.code_actions(result, everything(result), None, versioned=True)[0]
    assert fix.edit.document_changes[0].text_document.version == 1
    plain = actions.code_actions(result, everything(result), None, versioned=False)[0]
    assert plain.edit.document_changes is None
    assert edits_for(plain.edit, URI) == edits_for(fix.edit, URI)


def test_allowed_kinds_are_hierarchical() -> None:
    assert actions.allowed("source.fixAll.newslint", ["source"])
    assert actions.allowed("source.fixAll.newslint", ["source.fixAll"])
    assert not actions.allowed("source.fixAll.newslint", ["source.fix"])
    assert actions.allowed("quickfix", None)

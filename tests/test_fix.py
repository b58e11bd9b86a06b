"""--fix, --diff and --unsafe-fixes: atomic writes that change only what is reported."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newslint._api import Edit, Fix
from newslint.cli import main
from newslint.fix import FileChanged, apply_fixes, write_atomically

from tests.helpers import article, lint_text

BODY = "Call our front desk on 01438-757000 or **999 **now.\n\nSamaritans: 116123.\n"
FIXED = "Call our front desk on 01438 757000 or **999** now.\n\nSamaritans: 116 123.\n"


def invoke(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_fix_writes_in_place_and_reports_only_what_is_left(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(article(BODY + "For details call 01632 96012.\n"))
    path.chmod(0o640)
    result = invoke(str(path), "--fix", "--format", "concise")
    assert path.read_text() == article(FIXED + "For details call 01632 96012.\n")
    assert oct(path.stat().st_mode & 0o777) == "0o640"
    assert result.output == f'{path}:14:18: NL403 [error] "01632 96012" is not a valid UK number\n'
    again = invoke(str(path), "--fix")
    assert path.read_text() == article(FIXED + "For details call 01632 96012.\n")
    assert again.output.endswith("Found 1 problem (1 error) in 1 of 1 file.\n")
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temporary files left


def test_fix_summary_counts_fixes(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(article(BODY))
    result = invoke(str(path), "--fix")
    assert (result.exit_code, result.output) == (
        0,
        "All clear: no problems in 1 file; fixed 3 problems.\n",
    )


def test_fix_keeps_bom_crlf_and_missing_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    original = "\ufeff" + article(BODY).replace("\n", "\r\n").rstrip("\r\n")
    path.write_bytes(original.encode())
    invoke(str(path), "--fix")
    expected = "\ufeff" + article(FIXED).replace("\n", "\r\n").rstrip("\r\n")
    assert path.read_bytes() == expected.encode()


def test_diff_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(article(BODY))
    result = invoke(str(path), "--diff", "--format", "concise")
    assert path.read_text() == article(BODY)
    assert f"--- a/{path}\n+++ b/{path}\n" in result.output
    assert "-Call our front desk on 01438-757000 or **999 **now.\n" in result.output
    assert "+Call our front desk on 01438 757000 or **999** now.\n" in result.output


def test_unsafe_fixes_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(article("Tell Crimestoppers on 0800 555 112.\n"))
    invoke(str(path), "--fix")
    assert "0800 555 112" in path.read_text()
    invoke(str(path), "--unsafe-fixes")
    assert "Tell Crimestoppers on 0800 555 111." in path.read_text()


def test_stdin_fix_writes_the_text_to_stdout() -> None:
    result = CliRunner().invoke(
        main, ["-", "--fix", "--stdin-filename", "draft.md"], input=article(BODY)
    )
    assert result.stdout == article(FIXED)
    assert result.exit_code == 0


def test_stdin_fix_passes_undecodable_input_through_unchanged() -> None:
    data = article("Caf\xe9").encode("cp1252")
    result = CliRunner().invoke(main, ["-", "--fix"], input=data)
    assert result.stdout_bytes == data
    assert "NL003" in result.stderr


def test_refuses_to_overwrite_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"new content")
    with pytest.raises(FileChanged):
        write_atomically(str(path), b"fixed", b"old content")
    assert path.read_bytes() == b"new content"
    assert os.listdir(tmp_path) == ["a.md"]


def test_overlapping_fixes_apply_the_first_only() -> None:
    fixes = [
        Fix.safe_edit(Edit(0, 5, "A")),
        Fix.safe_edit(Edit(3, 8, "B")),
        Fix.safe_edit(Edit(8, 9, "C")),
    ]
    assert apply_fixes("0123456789", fixes) == ("A567C9", 2)
    assert apply_fixes("ab", [Fix.safe_edit(Edit(1, 1, "x")), Fix.safe_edit(Edit(1, 1, "y"))]) == (
        "axb",
        1,
    )


# property: on generated articles, --fix changes no byte outside reported spans, and is idempotent

FRAGMENTS = [
    "Call 01438-757000 today.",
    "Ring 0300 123 4040 or 0300 1234 040.",
    "Call **101**or go online.",
    "Report it via **999. ** The support.",
    "Samaritans: 116123.",
    "Deaf callers: 18001-101.",
    "Call (01707) 354000.",
    "Crimestoppers: 0800 555 112.",
    "Ring ** 101** now.",
    "Plain words here.",
    "Call 0800.555.111 now.",
    "For details call 01632 96012.",
    "**Reporting hate crime **",
    "Ring +44 (0)20-7946-0123.",
    "Café ☕ and 😀 emoji.",
    "`code 0800-555-111`",
    "* item with 116000",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8),
    joiners=st.lists(st.sampled_from([" ", "\n", "\n\n"]), min_size=8, max_size=8),
    crlf=st.booleans(),
)
def test_fix_changes_only_reported_spans_and_is_idempotent(parts, joiners, crlf) -> None:
    body = "".join(p + j for p, j in zip(parts, joiners, strict=False)) + "\n"
    text = article(body)
    if crlf:
        text = text.replace("\n", "\r\n")
    codes = ("NL4", "NL6")
    spans = [(f.start, f.end) for f in lint_text(text, codes).findings]
    result = lint_text(text, codes, fix=True)
    after = result.fixed_text if result.fixed_text is not None else text
    matcher = difflib.SequenceMatcher(None, text, after, autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag != "equal":
            assert any(a <= i1 and i2 <= b for a, b in spans), (tag, text[i1 - 10 : i2 + 10])
    again = lint_text(after, codes, fix=True)
    assert again.fixed_text is None


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- newslint: disable-next-line NL505 -->\n",
        "<!-- newslint: disable-file repeated-word -->\n",
    ],
)
def test_fix_leaves_suppressed_findings_alone(comment: str) -> None:
    # found by the fuzzer: --fix used to apply the fix of a finding the author had silenced
    text = article(comment + "Call the the police.\nCall the the police.\n")
    result = lint_text(text, ("NL001", "NL505"), fix=True)
    if "next-line" in comment:
        assert result.fixed_text == article(comment + "Call the the police.\nCall the police.\n")
    else:
        assert result.fixed_text is None
    assert result.findings == []

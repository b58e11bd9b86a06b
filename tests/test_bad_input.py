"""Bad input: every case gets a clear finding for that file, and the other files are still linted."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from newslint.cli import main

from tests.helpers import article

GOOD = article("Officers met residents.\n")


def lint(tmp_path: Path, name: str, content: bytes | None, *extra: str) -> list[str]:
    """Lint `name` and a good file beside it; return the concise lines."""
    (tmp_path / "good.md").write_text(GOOD)
    target = tmp_path / name
    if content is not None:
        target.write_bytes(content)
    result = CliRunner().invoke(
        main, [str(target), str(tmp_path / "good.md"), "--format", "concise", *extra]
    )
    assert result.exit_code in (0, 1), result.output
    prefix = str(tmp_path) + "/"
    return [line.replace(prefix, "") for line in result.output.splitlines()]


CASES = [
    (
        "binary.md",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        [
            "binary.md:1:1: NL003 [error] binary file (it contains NUL bytes); only UTF-8 text is linted"
        ],
    ),
    (
        "latin1.md",
        article("Caf\xe9 opens.\n").encode("cp1252"),
        [
            "latin1.md:11:4: NL003 [error] not valid UTF-8: byte 0xE9 at byte offset "
            f"{len(article('Caf').encode())} (save the file as UTF-8)"
        ],
    ),
    (
        "empty.md",
        b"",
        [
            'empty.md:1:1: NL101 [error] no front matter: the file must start with a ```yaml block or a "---" block'
        ],
    ),
    ("bom.md", b"\xef\xbb\xbf" + GOOD.encode(), []),
    ("crlf.md", GOOD.replace("\n", "\r\n").encode(), []),
    ("mixed.md", GOOD.replace("title:", "\r\ntitle:").replace("\n\r\n", "\r\n").encode(), []),
    ("front-only.md", GOOD.split("```\n")[0].encode() + b"```\n", []),
    (
        "unclosed.md",
        b"```yaml\narea: x\n",
        [
            'unclosed.md:1:1: NL102 [error] front matter opened with "```yaml" on line 1 is never closed'
        ],
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), CASES)
def test_bad_input_matrix(tmp_path: Path, name: str, content: bytes, expected: list[str]) -> None:
    lines = lint(tmp_path, name, content)
    assert lines == expected


def test_bom_crlf_columns_are_exact(tmp_path: Path) -> None:
    text = "\ufeff" + GOOD.replace("21 Nov 2019", "2019-11-21").replace("\n", "\r\n")
    lines = lint(tmp_path, "a.md", text.encode())
    assert lines[0].startswith("a.md:6:9: NL103")


def test_missing_file_and_broken_symlink(tmp_path: Path) -> None:
    os.symlink(tmp_path / "nowhere.md", tmp_path / "link.md")
    assert (
        lint(tmp_path, "link.md", None)[0]
        == "link.md:1:1: NL003 [error] cannot be read: broken symbolic link"
    )
    assert (
        lint(tmp_path, "absent.md", None)[0]
        == "absent.md:1:1: NL003 [error] cannot be read: no such file"
    )


def test_fifo_is_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    assert lint(tmp_path, "pipe.md", None)[0] == (
        "pipe.md:1:1: NL003 [error] is not a regular file (a pipe, socket or device); not linted"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files whatever their mode")
def test_permission_denied(tmp_path: Path) -> None:
    (tmp_path / "secret.md").write_text(GOOD)
    (tmp_path / "secret.md").chmod(0)
    assert (
        lint(tmp_path, "secret.md", None)[0]
        == "secret.md:1:1: NL003 [error] cannot be read: Permission denied"
    )


def test_huge_file_is_reported_not_linted(tmp_path: Path) -> None:
    start = time.monotonic()
    lines = lint(tmp_path, "huge.md", GOOD.encode() + b"x" * (50 * 1024 * 1024))
    assert (
        lines[0]
        == "huge.md:1:1: NL003 [error] file is 52.4 MB, more than max-file-size (10.5 MB); not linted"
    )
    assert time.monotonic() - start < 10


def test_hostile_yaml_is_bounded(tmp_path: Path) -> None:
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=False):
        bomb.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    (tmp_path / "deep.md").write_text("```yaml\na: " + "[" * 10000 + "]" * 10000 + "\n```\n")
    start = time.monotonic()
    lines = lint(
        tmp_path,
        "bomb.md",
        ("```yaml\n" + "\n".join(bomb) + "\n```\n").encode(),
        str(tmp_path / "deep.md"),
    )
    assert [line.split(" ")[1] for line in lines] == ["NL102", "NL102"]
    assert time.monotonic() - start < 10

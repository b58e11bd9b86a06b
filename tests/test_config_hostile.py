"""Hostile configuration: each exits 2 at once, with a message naming the file and the key."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from newslint.cli import main

from tests.helpers import article


def run(folder: Path, config: str | bytes) -> tuple[int, str]:
    path = folder / "newslint.toml"
    if isinstance(config, str):
        path.write_text(config, "utf-8")
    else:
        path.write_bytes(config)
    (folder / "a.md").write_text(article("Officers met residents.\n"))
    started = time.monotonic()
    result = CliRunner().invoke(main, ["--config", str(path), str(folder / "a.md")])
    assert time.monotonic() - started < 10, "a hostile config must not hang a run"
    return result.exit_code, result.stderr.replace(str(folder) + "/", "")


CASES = [
    ("[nonsense]\na = 1\n", 'newslint.toml: top level: unknown key "nonsense"'),
    ("[rules.nonsense]\na = 1\n", 'newslint.toml: [rules.nonsense]: no rule is called "nonsense"'),
    ("select = 5\n", 'newslint.toml: top level: "select" must be a list of strings'),
    ("require-files = 1\n", 'newslint.toml: top level: "require-files" must be true or false'),
    ("select = " + "[" * 5000 + "]" * 5000 + "\n", "newslint.toml: is not valid TOML: arrays"),
    ("a = " + "{b = " * 3000 + "1" + "}" * 3000 + "\n", "newslint.toml: is not valid TOML"),
    ('words = ["' + "w" * 2_000_000 + '"]\n', "newslint.toml: is larger than 1024 KiB"),
    (
        "max-file-size = 99999999999999999999\n",
        'newslint.toml: top level: "max-file-size" must be at most 1073741824 (1 GiB)',
    ),
    ("max-file-size = -1\n", '"max-file-size" must be a positive whole number'),
    (
        '[rules.url-mismatch]\nurl-id-pattern = "(["\n',
        'newslint.toml: [rules.url-mismatch] "url-id-pattern" is not a valid regular expression',
    ),
    ("[rules.url-mismatch]\nurl-id-pattern = 5\n", '"url-id-pattern" must be a string, not 5'),
    ("[languagetool]\nurl = 5\n", '"languagetool": "url" has the wrong type'),
    ('words-files = ["missing.txt"]\n', '"words-files": missing.txt cannot be read: No such file'),
    ('words-files = ["."]\n', "is not a regular file"),
    ('schema = "missing.json"\n', '"schema": missing.json cannot be read'),
    ('exclude = ["' + "*a" * 10 + '"]\n', '"exclude": pattern "*a*a'),
    ('[per-file-ignores]\n"news\\\\" = ["NL5"]\n', '"per-file-ignores": pattern "news\\"'),
]


@pytest.mark.parametrize(("config", "message"), CASES, ids=lambda c: c[:30])
def test_hostile_config_exits_2_naming_file_and_key(
    tmp_path: Path, config: str, message: str
) -> None:
    code, stderr = run(tmp_path, config)
    assert code == 2
    assert stderr.startswith("newslint: error: ")
    assert message in stderr


def test_binary_config(tmp_path: Path) -> None:
    code, stderr = run(tmp_path, b"\x00\xff\xfe binary")
    assert (code, stderr) == (
        2,
        "newslint: error: newslint.toml: is not UTF-8 text (byte 0xFF at offset 1)\n",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Horwood\n\x00\x01\x02", "words.txt is a binary file, not a words file"),
        (b"caf\xe9\n", "words.txt is not UTF-8 text (byte 0xE9 at offset 3)"),
        (b"word\n" * 2_200_000, "words.txt is 11.0 MB; a words file may be at most 10 MB"),
    ],
    ids=["binary", "latin-1", "enormous"],
)
def test_bad_words_files(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "words.txt").write_bytes(content)
    for config in (
        'words-files = ["words.txt"]\n',
        '[rules.misspelled-word]\nwords-files = ["words.txt"]\n',
    ):
        code, stderr = run(tmp_path, config)
        assert (code, stderr) == (2, f'newslint: error: newslint.toml: "words-files": {message}\n')


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "schema.json is not valid JSON: Expecting value: line 1 column 1 (char 0)"),
        (b"[1, 2]", "schema.json is not a JSON Schema (an object)"),
        (b"[" * 100_000 + b"]" * 100_000, "schema.json is nested too deeply"),
    ],
    ids=["not-json", "a-list", "deep"],
)
def test_bad_schema_files(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "schema.json").write_bytes(content)
    code, stderr = run(tmp_path, 'schema = "schema.json"\n')
    assert (code, stderr) == (2, f'newslint: error: newslint.toml: "schema": {message}\n')


def test_a_good_words_file_still_works(tmp_path: Path) -> None:
    (tmp_path / "words.txt").write_text("# names\nHorwood\n", "utf-8")
    code, stderr = run(tmp_path, 'words-files = ["words.txt"]\n')
    assert (code, stderr) == (0, "")
    assert os.listdir(tmp_path)

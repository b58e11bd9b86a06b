"""Workspace configuration: kept when broken, reported once, and word lists named in it."""

from __future__ import annotations

from pathlib import Path

import pytest
from newslint.config import ConfigError
from newslint.lsp.project import Projects, add_word, folder_for, load_project, word_list


def test_a_broken_config_is_reported_once_and_the_last_good_one_kept(tmp_path: Path) -> None:
    config = tmp_path / "newslint.toml"
    config.write_text('ignore = ["NL601"]\n')
    projects = Projects()
    good, message = projects.get(tmp_path)
    assert message is None and good.config.ignore == ("NL601",)

    config.write_text('ignore = ["NL601"\n')
    projects.invalidate()
    kept, message = projects.get(tmp_path)
    assert kept is good
    assert message.startswith(f"newslint: {config}: is not valid TOML")
    assert message.endswith("(the last good configuration stays in use)")
    projects.invalidate()
    assert projects.get(tmp_path) == (good, None)  # the same error is not shown again

    config.write_text("")
    projects.invalidate()
    fresh, message = projects.get(tmp_path)
    assert message is None and fresh.config.ignore == ()


def test_defaults_when_the_config_never_loaded(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text('select = ["NL999"]\n')
    project, message = Projects().get(tmp_path)
    assert '"NL999" matches no rule' in message and message.endswith("(using the defaults)")
    assert "NL601" in project.settings.rule_codes


def test_the_innermost_workspace_folder_holds_a_file(tmp_path: Path) -> None:
    outer, inner = tmp_path, tmp_path / "desk"
    assert folder_for(inner / "a.md", [outer, inner]) == inner
    assert folder_for(outer / "b.md", [outer, inner]) == outer
    assert folder_for(Path("/elsewhere/c.md"), [outer]) == Path("/elsewhere")
    assert folder_for(None, [inner]) == inner


PYPROJECT = (
    '[project]\nname = "news"\n\n[tool.newslint]\nignore = ["NL105"]\n\n[tool.other]\nx = 1\n'
)


@pytest.mark.parametrize(
    "name, before, after",
    [
        (
            "pyproject.toml",
            PYPROJECT,
            PYPROJECT.replace(
                "[tool.newslint]\n", '[tool.newslint]\nwords-files = ["newslint-words.txt"]\n'
            ),
        ),
        (
            "newslint.toml",
            'ignore = ["NL105"]\n[rules.url-mismatch]\nurl-id-pattern = "-\\\\d+$"\n',
            'ignore = ["NL105"]\nwords-files = ["newslint-words.txt"]\n'
            '[rules.url-mismatch]\nurl-id-pattern = "-\\\\d+$"\n',
        ),
        (
            "newslint.toml",
            'ignore = ["NL105"]',
            'ignore = ["NL105"]\nwords-files = ["newslint-words.txt"]\n',
        ),
    ],
)
def test_a_new_word_list_is_created_and_named(
    tmp_path: Path, name: str, before: str, after: str
) -> None:
    (tmp_path / name).write_text(before)
    project = load_project(tmp_path)
    assert word_list(project).exists_in_config is False
    message = add_word(project, "Wibbler")
    assert message == (
        f'added "Wibbler" to a new word list {tmp_path / "newslint-words.txt"}, named in {tmp_path / name}'
    )
    assert (tmp_path / name).read_text() == after
    assert (tmp_path / "newslint-words.txt").read_text() == "Wibbler\n"
    reloaded = load_project(tmp_path)
    assert word_list(reloaded).exists_in_config
    assert (
        add_word(reloaded, "Wibbler")
        == f'"Wibbler" is already in {tmp_path / "newslint-words.txt"}'
    )


def test_no_config_gets_a_newslint_toml(tmp_path: Path) -> None:
    add_word(load_project(tmp_path), "Wibbler")
    assert (tmp_path / "newslint.toml").read_text() == 'words-files = ["newslint-words.txt"]\n'


@pytest.mark.parametrize(
    "name, text",
    [
        ("newslint.toml", "words-files = []\n"),  # naming it again would repeat the key
        ("pyproject.toml", '[tool]\nnewslint.ignore = ["NL105"]\n'),  # no [tool.newslint] header
    ],
)
def test_a_config_that_cannot_be_edited_safely_is_left_alone(
    tmp_path: Path, name: str, text: str
) -> None:
    (tmp_path / name).write_text(text)
    with pytest.raises(
        ConfigError,
        match='add words-files = \\["newslint-words.txt"\\] yourself|no \\[tool.newslint\\] table',
    ):
        add_word(load_project(tmp_path), "Wibbler")
    assert (tmp_path / name).read_text() == text
    assert not (tmp_path / "newslint-words.txt").exists()

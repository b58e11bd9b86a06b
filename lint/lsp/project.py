"""Workspace configuration for the language server: found, kept, reloaded, and word lists.

A buffer is linted with the configuration that `newslint - --stdin-filename PATH` would use
when run in the buffer's workspace folder: the config file found from that folder upwards. A
configuration that fails to load is reported once (per distinct error); until it is fixed the
last good one for that folder stays in use, or the defaults if there never was one.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import NamedTuple

from newslint.config import CONFIG_FILES, Config, ConfigError, from_table
from newslint.config import load as load_config
from newslint.engine import Settings
from newslint.registry import PluginError, Registry, default_registry
from newslint.words_file import SPELLING_RULE, append_words

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

NEW_WORDS_FILE = "newslint-words.txt"
# files whose change means "load the configuration again"
WATCHED_NAMES = CONFIG_FILES


class Project(NamedTuple):
    config: Config
    settings: Settings
    registry: Registry


def load_project(folder: Path) -> Project:
    """The folder's configuration as the CLI builds it. Raises ConfigError or PluginError."""
    from newslint.app import CheckRequest, build_settings

    config = load_config(start=folder)
    registry = default_registry()
    return Project(config, build_settings(CheckRequest(), config, registry), registry)


def default_project(folder: Path) -> Project:
    """The defaults, for a folder whose configuration has never loaded."""
    from newslint.app import CheckRequest, build_settings

    config = Config(root=folder.resolve())
    try:
        registry = default_registry()
    except PluginError:
        from newslint.registry import build
        from newslint.rules import BUILTIN_MODULES

        registry = build(BUILTIN_MODULES)
    return Project(config, build_settings(CheckRequest(), config, registry), registry)


class Projects:
    """The configuration of each folder in use, loaded once and again after `invalidate()`."""

    def __init__(self) -> None:
        self._current: dict[Path, Project] = {}
        self._stale: set[Path] = set()
        self._reported: dict[Path, str] = {}

    def get(self, folder: Path) -> tuple[Project, str | None]:
        """The folder's project, and an error message the user has not been shown yet."""
        if folder in self._current and folder not in self._stale:
            return self._current[folder], None
        self._stale.discard(folder)
        try:
            project = load_project(folder)
        except (ConfigError, PluginError) as exc:
            message = str(exc)
            kept = folder in self._current
            if not kept:
                self._current[folder] = default_project(folder)
            if self._reported.get(folder) == message:
                return self._current[folder], None
            self._reported[folder] = message
            instead = "the last good configuration stays in use" if kept else "using the defaults"
            return self._current[folder], f"newslint: {message} ({instead})"
        self._reported.pop(folder, None)
        self._current[folder] = project
        return project, None

    def invalidate(self) -> None:
        self._stale.update(self._current)

    def folders(self) -> list[Path]:
        return list(self._current)


def folder_for(path: Path | None, workspace_folders: list[Path]) -> Path:
    """The innermost workspace folder holding `path`; else the file's own folder."""
    if path is not None:
        holding = [f for f in workspace_folders if path == f or f in path.parents]
        if holding:
            return max(holding, key=lambda f: len(f.parts))
        return path.parent
    return workspace_folders[0] if workspace_folders else Path.cwd()


# word lists ---------------------------------------------------------------------------------


class WordList(NamedTuple):
    """Where "add to the word list" writes: an existing list, or one to create and name."""

    path: Path
    exists_in_config: bool
    config_path: Path  # the config file that names it, or will name it


def word_list(project: Project) -> WordList:
    spelling = project.registry.by_name(SPELLING_RULE)
    files = (
        project.settings.options.get(spelling.code, {}).get("words-files", ()) if spelling else ()
    )
    config = project.config
    config_path = config.path or config.root / "newslint.toml"
    if files:
        return WordList(Path(files[0]), True, config_path)
    return WordList(config.root / NEW_WORDS_FILE, False, config_path)


def word_list_paths(project: Project) -> set[Path]:
    """Every word list the project reads, and the one "add a word" would create."""
    spelling = project.registry.by_name(SPELLING_RULE)
    options = project.settings.options.get(spelling.code, {}) if spelling else {}
    files = options.get("words-files", ())
    return {Path(f).resolve() for f in files} | {word_list(project).path.resolve()}


def word_list_names(project: Project) -> set[str]:
    return {path.name for path in word_list_paths(project)}


def add_word(project: Project, word: str) -> str:
    """Add `word` to the project's word list, creating the list (and naming it in the config)
    when there is none. Returns what was done, for the user; raises OSError or ConfigError."""
    target = word_list(project)
    if target.exists_in_config:
        added = append_words(target.path, [word])
        return (
            f'added "{word}" to {target.path}' if added else f'"{word}" is already in {target.path}'
        )
    new_config = _config_naming(target, project.config)
    append_words(target.path, [word])
    target.config_path.write_text(new_config, "utf-8")
    return f'added "{word}" to a new word list {target.path}, named in {target.config_path}'


_TOOL_TABLE = re.compile(r"^\[tool\.newslint\][ \t]*(?:#.*)?$", re.MULTILINE)
_ANY_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)


def _config_naming(target: WordList, config: Config) -> str:
    """The config file's new text, naming the word list; checked to load before it is used."""
    relative = target.path.relative_to(target.config_path.parent).as_posix()
    line = f'words-files = ["{relative}"]\n'
    path = target.config_path
    current = path.read_text("utf-8") if path.exists() else ""
    if path.name == "pyproject.toml":
        header = _TOOL_TABLE.search(current)
        if header is None:
            raise ConfigError(f"{path}: no [tool.newslint] table to add words-files to")
        cut = header.end() + 1
        new = current[:cut] + line + current[cut:]
    else:
        first_table = _ANY_TABLE.search(current)
        cut = first_table.start() if first_table else len(current)
        separator = "" if not current[:cut] or current[:cut].endswith("\n") else "\n"
        new = current[:cut] + separator + line + current[cut:]
    try:
        table = tomllib.loads(new)
        if path.name == "pyproject.toml":
            table = table["tool"]["newslint"]
        loaded = from_table(table, path=path.resolve())
    except (tomllib.TOMLDecodeError, ConfigError, KeyError) as exc:
        raise ConfigError(
            f"{path}: could not name the word list in it ({exc}); add {line.strip()} yourself"
        ) from None
    if relative not in loaded.words_files:
        raise ConfigError(
            f"{path}: could not name the word list in it; add {line.strip()} yourself"
        )
    return new

"""Which files a run lints: explicit paths, and folders walked recursively.

Walks skip hidden folders, `node_modules` and virtual environments and take only names matching
`include`. A file named explicitly (as pre-commit does) is linted whatever its name, unless
`exclude` matches it. Missing paths are kept, so the engine reports them as unreadable. The
temporary files of an interrupted --fix are never taken for articles, even when named.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from newslint.config import Config
from newslint.fix import is_temp_file
from newslint.globs import matches

SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})


def relative_to_root(path: Path, root: Path) -> str:
    """POSIX path relative to the project root, for globs; the path as given when outside it."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _excluded(config: Config, path: Path, *, folder: bool = False) -> bool:
    patterns = (*config.exclude, *config.extend_exclude)
    return bool(patterns) and matches(patterns, relative_to_root(path, config.root), folder=folder)


def _included(config: Config, path: Path) -> bool:
    return matches(config.include, relative_to_root(path, config.root))


def discover(paths: Sequence[str], config: Config) -> list[str]:
    """Paths to lint, in a stable order, each once, spelt as the user gave them."""
    seen: set[str] = set()
    found: list[str] = []
    for given in paths:
        for path in _expand(Path(given), config):
            key = os.path.normcase(os.path.abspath(path))
            if key not in seen:
                seen.add(key)
                found.append(path)
    return found


def _expand(path: Path, config: Config) -> Iterator[str]:
    if not path.is_dir() or path.is_symlink() and not path.exists():
        if not _excluded(config, path) and not is_temp_file(path.name):
            yield str(path)
        return
    if _excluded(config, path, folder=True) and path.resolve() != config.root:
        return
    for folder, subfolders, files in os.walk(path):
        folder_path = Path(folder)
        subfolders[:] = sorted(
            d
            for d in subfolders
            if not d.startswith(".")
            and d not in SKIPPED_FOLDERS
            and not (folder_path / d / "pyvenv.cfg").exists()
            and not _excluded(config, folder_path / d, folder=True)
        )
        for name in sorted(files):
            file_path = folder_path / name
            if (
                not is_temp_file(name)
                and _included(config, file_path)
                and not _excluded(config, file_path)
            ):
                yield str(file_path)

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


class RootRelative:
    """`relative_to_root` for the many files of one run, resolving each folder once:
    `Path.resolve` reads every part of a path, where a file that is not a symbolic link
    resolves to its resolved folder and its name. Its folders are remembered for its life,
    so it lives for one run."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._folders: dict[str, str] = {}
        self._prefix = os.path.join(str(root), "")

    def __call__(self, path: Path) -> str:
        if os.sep != "/" or path.name in ("", "..") or os.path.islink(path):
            return relative_to_root(path, self.root)
        folder = os.path.dirname(str(path))
        resolved = self._folders.get(folder)
        if resolved is None:
            resolved = self._folders[folder] = os.path.realpath(folder or ".")
        full = os.path.join(resolved, path.name)
        if full.startswith(self._prefix):
            return full[len(self._prefix) :]
        return "." if full == str(self.root) else path.as_posix()


def _excluded(config: Config, path: Path, relative: RootRelative, *, folder: bool = False) -> bool:
    patterns = (*config.exclude, *config.extend_exclude)
    return bool(patterns) and matches(patterns, relative(path), folder=folder)


def _included(config: Config, path: Path, relative: RootRelative) -> bool:
    return matches(config.include, relative(path))


def discover(paths: Sequence[str], config: Config) -> list[str]:
    """Paths to lint, in a stable order, each once, spelt as the user gave them."""
    seen: set[str] = set()
    found: list[str] = []
    relative = RootRelative(config.root)
    for given in paths:
        for path in _expand(Path(given), config, relative):
            key = os.path.normcase(os.path.abspath(path))
            if key not in seen:
                seen.add(key)
                found.append(path)
    return found


def _expand(path: Path, config: Config, relative: RootRelative) -> Iterator[str]:
    if not path.is_dir() or path.is_symlink() and not path.exists():
        if not _excluded(config, path, relative) and not is_temp_file(path.name):
            yield str(path)
        return
    if _excluded(config, path, relative, folder=True) and path.resolve() != config.root:
        return
    for folder, subfolders, files in os.walk(path):
        folder_path = Path(folder)
        subfolders[:] = sorted(
            d
            for d in subfolders
            if not d.startswith(".")
            and d not in SKIPPED_FOLDERS
            and not (folder_path / d / "pyvenv.cfg").exists()
            and not _excluded(config, folder_path / d, relative, folder=True)
        )
        for name in sorted(files):
            file_path = folder_path / name
            if (
                not is_temp_file(name)
                and _included(config, file_path, relative)
                and not _excluded(config, file_path, relative)
            ):
                yield str(file_path)

"""Paths relative to the project root: resolved once per folder, the same as resolved whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from newslint.files import RootRelative, relative_to_root


@pytest.mark.skipif(os.sep != "/", reason="symbolic links and POSIX paths")
def test_relative_paths_are_those_of_the_whole_path_resolved(tmp_path, monkeypatch) -> None:
    root = tmp_path / "project"
    (root / "news" / "2019").mkdir(parents=True)
    (root / "news" / "a.md").write_text("x")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "b.md").write_text("x")
    (root / "news" / "linked.md").symlink_to(outside / "b.md")  # a file linked from outside
    (root / "news" / "back.md").symlink_to(root / "news" / "a.md")
    (root / "mirror").symlink_to(root / "news")  # a folder linked inside the project
    (root / "away").symlink_to(outside)  # a folder linked from outside
    monkeypatch.chdir(root / "news")
    paths = [
        root / "news" / "a.md",
        root / "news" / "linked.md",
        root / "news" / "back.md",
        root / "mirror" / "a.md",
        root / "away" / "b.md",
        root / "news" / "2019" / "missing.md",
        root / "news" / ".." / "news" / "a.md",
        root / "news" / "..",
        root,
        outside / "b.md",
        Path("a.md"),
        Path("2019/later.md"),
        Path("../news/a.md"),
        Path("."),
    ]
    relative = RootRelative(root)
    expected = [relative_to_root(p, root) for p in paths]
    assert [relative(p) for p in paths] == expected
    assert [relative(p) for p in paths] == expected  # and again, from what it remembered
    assert expected[:6] == [
        "news/a.md",
        str(root / "news" / "linked.md"),  # resolves outside the project: the path as given
        "news/a.md",
        "news/a.md",
        str(root / "away" / "b.md"),
        "news/2019/missing.md",
    ]

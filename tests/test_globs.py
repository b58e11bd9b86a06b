"""include / exclude / per-file-ignores read as .gitignore, through pathspec; hostile patterns
are refused when the config is read, never left to hang a run."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from newslint.cli import main
from newslint.globs import PatternError, _spec, check_pattern, matches

from tests.helpers import article

# (patterns, path, is it matched), one row per gitignore rule
CASES = [
    # a name without a slash matches at any depth, and everything under a matching folder
    (["*.txt"], "a.txt", True),
    (["*.txt"], "news/2019/a.txt", True),
    (["drafts"], "drafts/a.md", True),
    (["drafts"], "news/drafts/a.md", True),
    (["drafts"], "drafts.md", False),
    # a slash anchors the pattern to the project root
    (["/top.md"], "top.md", True),
    (["/top.md"], "news/top.md", False),
    (["news/*.md"], "news/a.md", True),
    (["news/*.md"], "x/news/a.md", False),
    (["news/*.md"], "news/2019/a.md", False),
    # ** spans folders
    (["archive/**"], "archive/2019/05/a.md", True),
    (["**/old/*.md"], "old/a.md", True),
    (["**/old/*.md"], "news/2019/old/a.md", True),
    (["news/**/a.md"], "news/a.md", True),
    (["news/**/a.md"], "news/x/y/a.md", True),
    # a trailing slash matches folders only
    (["drafts/"], "drafts/a.md", True),
    (["drafts/"], "news/drafts/x/a.md", True),
    (["drafts/"], "drafts", False),
    # negation: the last matching pattern decides
    (["*.md", "!keep.md"], "keep.md", False),
    (["*.md", "!keep.md"], "news/keep.md", False),
    (["*.md", "!keep.md"], "drop.md", True),
    (["!keep.md", "*.md"], "keep.md", True),
    # character classes and ranges, negated with !
    (["a[bc].md"], "ab.md", True),
    (["a[bc].md"], "ad.md", False),
    (["a[!bc].md"], "ad.md", True),
    (["a[!bc].md"], "ab.md", False),
    (["[0-9][0-9].md"], "42.md", True),
    (["?.md"], "a.md", True),
    (["?.md"], "ab.md", False),
    # escapes: a literal #, !, * or a trailing space
    (["\\#notes.md"], "#notes.md", True),
    (["\\!important.md"], "!important.md", True),
    (["a\\*.md"], "a*.md", True),
    (["a\\*.md"], "ab.md", False),
    # comments and blank patterns match nothing
    (["# a comment"], "# a comment", False),
    ([""], "a.md", False),
    # * does not cross a folder boundary
    (["news*"], "news/a.md", True),
    (["n*s/a.md"], "news/a.md", True),
    (["n*/a.md"], "news/x/a.md", False),
]


@pytest.mark.parametrize(("patterns", "path", "expected"), CASES)
def test_gitignore_cases(patterns: list[str], path: str, expected: bool) -> None:
    folder = path.endswith("/")
    assert matches(tuple(patterns), path, folder=folder) is expected


def test_folder_patterns_match_folders_themselves() -> None:
    assert matches(("drafts/",), "drafts", folder=True)
    assert not matches(("drafts/",), "drafts", folder=False)


def test_the_walk_reads_exclude_as_gitignore(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    names = ("news/a.md", "news/keep.md", "drafts/b.md", "drafts/keep.md", "news/drafts/c.md")
    for name in (*names, "archive/d.md", "x/archive/e.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(article("Fine.\n"))
    # as in git, a file under an excluded folder cannot be re-included
    (tmp_path / "newslint.toml").write_text(
        'exclude = ["drafts/", "/archive", "news/*.md", "!keep.md"]\n'
    )
    result = CliRunner().invoke(main, ["--format", "json", "."])
    linted = sorted(f["path"] for f in json.loads(result.stdout)["files"])
    assert linted == ["news/keep.md", "x/archive/e.md"]


def test_include_takes_paths_and_negation(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("news/a.md", "news/README.md", "notes/b.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(article("Fine.\n"))
    (tmp_path / "newslint.toml").write_text('include = ["news/*.md", "!README.md"]\n')
    result = CliRunner().invoke(main, ["--format", "json", "."])
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["news/a.md"]


HOSTILE = [
    ("*a" * 10 + "x", "has too many *"),
    ("**/x/" * 5 + "a", "has too many *"),
    ("*a*a*a*a*x", "has too many *"),
    ("*a*/*a*/*a*", "has too many *"),
    ("a" * 2000, "is longer than 1000 characters"),
    ("!", "is not valid .gitignore syntax"),
    ("news\\", "is not valid .gitignore syntax"),
]


@pytest.mark.parametrize(("pattern", "reason"), HOSTILE)
def test_hostile_patterns_are_refused(pattern: str, reason: str) -> None:
    with pytest.raises(PatternError, match=reason):
        check_pattern(pattern)


def test_a_run_of_stars_is_one_star() -> None:
    check_pattern("*" * 30 + "x")
    assert matches(("*" * 30 + "x",), "a" * 255 + "x")


def test_the_slowest_pattern_allowed_is_still_quick() -> None:
    # the worst cases at the limit, on a path as long as Linux allows
    deep = "/".join(["a" * 255] * 16)
    for pattern in ("*a*a*x", "**/*a*a*/x", "*a*/**/*a", "**/a*/**/a*x"):
        check_pattern(pattern)
        started = time.monotonic()
        matches((pattern,), deep)
        assert time.monotonic() - started < 2.0, pattern


def test_a_hostile_pattern_in_config_exits_2_naming_file_and_key(tmp_path: Path) -> None:
    config = tmp_path / "newslint.toml"
    config.write_text('exclude = ["' + "*a" * 20 + 'x"]\n')
    result = CliRunner().invoke(main, ["--config", str(config), str(tmp_path)])
    assert result.exit_code == 2
    assert f'{config}: top level: "exclude": pattern "' in result.stderr
    assert "has too many *" in result.stderr


_NAME = st.text(alphabet="ab.-_ mdxt/", max_size=12)


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(
    endings=st.lists(
        st.sampled_from([".md", ".markdown", ".txt", "md", ".d", "a.b", "-x"]), min_size=1
    ),
    path=st.builds("/".join, st.lists(_NAME, min_size=1, max_size=4)),
    prefix=st.sampled_from(["", "./", "/", "../", "//", "././"]),
    folder=st.booleans(),
)
def test_star_ending_patterns_match_as_pathspec_does(endings, path, prefix, folder) -> None:
    # the default include (`*.md`…) is matched without pathspec: the same answers
    patterns = tuple(f"*{e}" for e in endings)
    relpath = prefix + path
    expected = bool(
        _spec(patterns).match_file(relpath.removeprefix("./") + ("/" if folder else ""))
    )
    assert matches(patterns, relpath, folder=folder) is expected

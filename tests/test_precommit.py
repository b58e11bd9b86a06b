"""The pre-commit hook, run for real with `pre-commit try-repo` on a temporary content repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import article

REPO_ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(
    not PRE_COMMIT.exists() or not shutil.which("git"), reason="needs pre-commit and git"
)
def test_pre_commit_hook_passes_good_and_fails_bad(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    git(content, "init", "-q")
    (content / "good.md").write_text(article("Officers met residents.\n"))
    (content / "bad.md").write_text(
        article("Officers met residents.\n").replace("21 Nov 2019", "2019-11-21")
    )
    (content / "notes.py").write_text("print('not an article')\n")
    git(content, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def try_repo(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(PRE_COMMIT), "try-repo", str(REPO_ROOT), "newslint", "--files", *files],
            cwd=content,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    passed = try_repo("good.md", "notes.py")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "newslint" in passed.stdout and "Passed" in passed.stdout
    failed = try_repo("good.md", "bad.md")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert (
        'bad.md:6:9: NL103 [error] publish.date "2019-11-21" should be written like "21 Nov 2019"'
        in failed.stdout
    )

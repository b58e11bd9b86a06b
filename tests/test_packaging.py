"""The wheel holds every file the package needs: code, schemas, dictionaries, word lists, pages.

An editable install reads the checkout, so a data file left out of `package-data` goes unnoticed
there and is missing for everyone who installs newslint from a wheel (and the spelling rule, for
one, would fall back quietly instead of failing).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
# the checkout's folders and where they install (pyproject.toml's package-dir)
INSTALLED_AS = {"lint": "newslint", "rules": "newslint.rules", "schemas": "newslint.schemas"}


def _tracked(*folders: str) -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--", *folders],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in listed.stdout.splitlines() if line]


def _installed_name(tracked: str) -> str:
    folder, _, rest = tracked.partition("/")
    return INSTALLED_AS[folder].replace(".", "/") + "/" + rest


@pytest.mark.skipif(
    not shutil.which("git") or not (REPO_ROOT / ".git").exists(), reason="needs a git checkout"
)
def test_the_wheel_holds_every_tracked_file_of_the_package(tmp_path: Path) -> None:
    # built from a copy of the tracked files: a checkout's build/ and *.egg-info folders remember
    # files from earlier builds and would hide one that the configuration leaves out
    source = tmp_path / "source"
    for name in _tracked():
        copy = source / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO_ROOT / name, copy)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), "."],
        cwd=source,
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = tmp_path.glob("newslint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        packed = set(archive.namelist())
    tracked = _tracked(*INSTALLED_AS)
    assert len(tracked) > 50
    missing = [name for name in tracked if _installed_name(name) not in packed]
    assert missing == []

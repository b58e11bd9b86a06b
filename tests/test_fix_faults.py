"""--fix under disk and permission faults: each gives a finding for its file, the file is left
as it was, nothing temporary is left behind, and the run goes on with the other files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from newslint.cli import main
from newslint.engine import lint_path
from newslint.fix import (
    FileChanged,
    identity,
    is_temp_file,
    remove_stale_temp_files,
    write_atomically,
)

from tests.helpers import article, settings_for

BODY = "Call our front desk on 01438-757000 or **999 **now.\n"
FIXED = "Call our front desk on 01438 757000 or **999** now.\n"
SHIM_SOURCE = Path(__file__).parent / "faults" / "faultshim.c"


@pytest.fixture(scope="module")
def shim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The LD_PRELOAD fault shim, compiled for this machine."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None or not sys.platform.startswith("linux"):
        pytest.skip("the fault shim needs Linux and a C compiler")
    target = tmp_path_factory.mktemp("shim") / "faultshim.so"
    subprocess.run(
        [compiler, "-shared", "-fPIC", "-o", str(target), str(SHIM_SOURCE), "-ldl"], check=True
    )
    return target


def two_articles(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(exist_ok=True)
    first, second = folder / "a.md", folder / "b.md"
    first.write_text(article(BODY))
    second.write_text(article(BODY))
    return first, second


@pytest.mark.parametrize(
    ("call", "errno", "reason"),
    [
        ("write", 28, "No space left on device"),
        ("write", 5, "Input/output error"),
        ("fsync", 28, "No space left on device"),
        ("fsync", 5, "Input/output error"),
    ],
)
def test_write_faults_leave_the_file_whole(
    tmp_path: Path, shim: Path, call: str, errno: int, reason: str
) -> None:
    first, second = two_articles(tmp_path / "news")
    env = {
        **os.environ,
        "LD_PRELOAD": str(shim),
        # the fault hits the temporary file of a.md only; b.md is fixed as usual
        "FAULT_MATCH": "/.a.md.",
        "FAULT_CALL": call,
        "FAULT_ERRNO": str(errno),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "--fix", "--format", "concise", "-j", "1", "news"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.stdout == (
        f"news/a.md:1:1: NL003 [error] the fixes could not be written ({reason}); "
        "the file is unchanged\n"
        'news/a.md:11:24: NL401 [warning] "01438-757000" should be written "01438 757000"\n'
        'news/a.md:11:40: NL601 [warning] bold "999" will not render: remove the space before the closing **\n'
    )
    assert (proc.returncode, proc.stderr) == (1, "")
    assert first.read_text() == article(BODY)
    assert second.read_text() == article(FIXED)
    assert sorted(os.listdir(tmp_path / "news")) == ["a.md", "b.md"]


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A 64 KiB tmpfs: a real full disk. Needs root (CI runs as root); skipped elsewhere."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_a_finding_and_the_run_goes_on(tiny_disk: Path) -> None:
    small = tiny_disk / "small.md"
    small.write_text(article(BODY))
    big = tiny_disk / "big.md"
    big.write_text(article(BODY * 500))  # ~26 KB: its fixed copy cannot fit beside it

    def free() -> int:
        return os.statvfs(tiny_disk).f_bavail * os.statvfs(tiny_disk).f_frsize

    # leave two pages: room for small.md's fixed copy, not for big.md's
    (tiny_disk / "filler").write_bytes(b"x" * (free() - 8192))
    assert 4096 <= free() < big.stat().st_size
    result = CliRunner().invoke(
        main, [str(big), str(small), "--fix", "--format", "concise", "--select", "NL4,NL6"]
    )
    first = result.stdout.splitlines()[0]
    assert first == (
        f"{big}:1:1: NL003 [error] the fixes could not be written (No space left on device); "
        "the file is unchanged"
    )
    assert big.read_text() == article(BODY * 500)
    assert small.read_text() == article(FIXED)
    assert sorted(os.listdir(tiny_disk)) == ["big.md", "filler", "small.md"]


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    first, second = two_articles(tmp_path)
    first.chmod(0o444)
    result = CliRunner().invoke(main, [str(tmp_path), "--fix", "--format", "concise"])
    assert result.stdout.splitlines()[0] == (
        f"{first}:1:1: NL003 [error] the file is read-only, so the fixes were not written"
    )
    assert first.read_text() == article(BODY)
    assert second.read_text() == article(FIXED)
    assert oct(first.stat().st_mode & 0o777) == "0o444"


def test_a_file_replaced_by_a_symlink_after_the_read_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"original")
    with open(path, "rb") as handle:
        read_as = identity(str(path), os.fstat(handle.fileno()))
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_bytes(b"original")  # same bytes: only the swap betrays it
    path.unlink()
    path.symlink_to(elsewhere)
    with pytest.raises(FileChanged):
        write_atomically(str(path), b"fixed", b"original", read_as)
    assert path.is_symlink() and elsewhere.read_bytes() == b"original"
    assert sorted(os.listdir(tmp_path)) == ["a.md", "elsewhere.md"]


def test_a_symlinked_article_is_written_through(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    real = tmp_path / "store" / "real.md"
    real.write_text(article(BODY))
    link = tmp_path / "a.md"
    link.symlink_to(real)
    result = lint_path(str(link), settings_for(("NL4", "NL6"), fix=True, write=True), "a.md")
    assert result.findings == []
    assert link.is_symlink() and real.read_text() == article(FIXED)


def test_temporary_files_are_never_articles_and_stale_ones_are_removed(tmp_path: Path) -> None:
    dead = tmp_path / ".a.md.999999999-x1y2.newslint-tmp"  # no such process
    dead.write_text(article("half"))
    mine = tmp_path / f".a.md.{os.getpid()}-abc.newslint-tmp"  # a live run's file is kept
    mine.write_text(article("half"))
    (tmp_path / "a.md").write_text(article(BODY))
    assert is_temp_file(dead.name) and not is_temp_file("a.md")
    assert not is_temp_file(".a.md.12.newslint-tmp.md")
    config = tmp_path / "newslint.toml"
    config.write_text('include = ["*"]\nexclude = ["newslint.toml"]\n')
    result = CliRunner().invoke(
        main, [str(tmp_path), str(dead), "--config", str(config), "--format", "concise"]
    )
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {str(tmp_path / "a.md")}
    assert dead.exists()  # a run that writes nothing deletes nothing
    assert remove_stale_temp_files(str(tmp_path)) == 1
    assert not dead.exists() and mine.exists()

"""The progress bar: shown on a real pseudo-terminal for long runs, absent everywhere else."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import article
from tests.linkserver import LinkServer

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")

CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TF_BUILD")


def _tree(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        (folder / f"a{i:03}.md").write_text(article(f"Officers met residents {i}.\n"))
    return folder


def _run(args: list[str], cwd: Path, *, tty: bool, env: dict[str, str] | None = None) -> str:
    """newslint's standard error, read from a pseudo-terminal (tty) or a pipe."""
    environment = {k: v for k, v in os.environ.items() if k not in CI_VARIABLES}
    environment.update({"TERM": "xterm", "COLUMNS": "100", **(env or {})})
    command = [sys.executable, "-m", "newslint", *args]
    if not tty:
        done = subprocess.run(
            command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=120
        )
        return done.stderr
    primary, secondary = os.openpty()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=secondary,
    )
    os.close(secondary)
    chunks = []
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([primary], [], [], 0.5)
            if ready:
                try:
                    data = os.read(primary, 65536)
                except OSError:  # the other end closed: the process ended
                    break
                if not data:
                    break
                chunks.append(data)
            elif process.poll() is not None:
                break
    finally:
        os.close(primary)
        process.wait(30)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _tree(tmp_path_factory.mktemp("progress") / "news", 60)


def test_bar_shows_count_total_and_rate_on_a_terminal(tree: Path) -> None:
    shown = _run(["news", "--no-cache", "--jobs", "1"], tree.parent, tty=True)
    assert "Linting" in shown
    assert "60/60" in shown
    assert "100%" in shown


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--no-progress"], {}),
        (["--quiet"], {}),
        (["--format", "json"], {}),
        (["--format", "sarif"], {}),
        ([], {"CI": "true"}),
        ([], {"GITHUB_ACTIONS": "true"}),
    ],
    ids=["no-progress", "quiet", "json", "sarif", "CI", "GitHub Actions"],
)
def test_no_bar_when_turned_off_in_ci_or_for_machine_formats(tree: Path, args, env) -> None:
    shown = _run(["news", "--no-cache", *args], tree.parent, tty=True, env=env)
    assert "Linting" not in shown and "60/60" not in shown


def test_no_bar_in_a_pipe(tree: Path) -> None:
    shown = _run(["news", "--no-cache"], tree.parent, tty=False)
    assert shown == ""


def test_no_bar_for_a_short_run(tmp_path: Path) -> None:
    _tree(tmp_path / "news", 5)
    shown = _run(["news", "--no-cache"], tmp_path, tty=True)
    assert "Linting" not in shown


def test_link_checking_shows_a_bar_for_its_requests(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text("[rules.dead-link]\nallow-private-hosts = true\n")
    with LinkServer() as server:
        body = " ".join(f"See {server.url(f'/n/{i}')} now." for i in range(5))
        (tmp_path / "a.md").write_text(article(body + "\n"))
        args = ["a.md", "--online", "--select", "NL208", "--no-cache"]
        shown = _run(args, tmp_path, tty=True)
        assert "Checking links" in shown and "5/5" in shown
        assert "Checking links" not in _run(args, tmp_path, tty=False)
        assert "Checking links" not in _run([*args, "--no-progress"], tmp_path, tty=True)

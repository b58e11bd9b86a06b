"""--fix killed at random moments, and two --fix runs at once: no file is ever half-written,
lost or overwritten unseen, and no temporary file outlives the next run."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import article

KILLS = int(os.environ.get("NEWSLINT_KILLS", "50"))
FILES = 500
# fast rules that fix (phone numbers, emphasis, repeated words): the test is about writing
SELECT = "NL4,NL505,NL6"
BODIES = (
    "Call our front desk on 01438-757000 or **999 **now.\n",
    "Samaritans: 116123. Call the the police.\n",
    "Ring ** 101** now or write to us.\n",
    "Plain words here, nothing to fix.\n",
    "Deaf callers: 18001-101.\n",
)


def newslint(*args: str, **kwargs) -> subprocess.Popen:
    command = [sys.executable, "-m", "newslint", *args]
    # a session of its own, so a kill takes the worker processes too, as a killed terminal would
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        **kwargs,
    )


def make_tree(folder: Path, seed: int) -> dict[str, bytes]:
    rng = random.Random(seed)
    folder.mkdir()
    originals = {}
    for i in range(FILES):
        text = article("".join(rng.sample(BODIES, 3)) * rng.randint(1, 3))
        if i % 7 == 0:
            text = "\ufeff" + text.replace("\n", "\r\n")  # BOM and CRLF must survive too
        data = text.encode()
        (folder / f"a{i:03}.md").write_bytes(data)
        originals[f"a{i:03}.md"] = data
    return originals


def fully_fixed(originals: dict[str, bytes], tmp: Path) -> dict[str, bytes]:
    control = tmp / "control"
    control.mkdir()
    for name, data in originals.items():
        (control / name).write_bytes(data)
    proc = newslint("--fix", "--select", SELECT, str(control))
    proc.communicate(timeout=300)
    assert proc.returncode in (0, 1)
    return {name: (control / name).read_bytes() for name in originals}


def test_fix_killed_at_random_moments_leaves_every_file_whole(tmp_path: Path) -> None:
    tree = tmp_path / "news"
    originals = make_tree(tree, seed=13)
    expected = fully_fixed(originals, tmp_path)
    assert sum(expected[n] != originals[n] for n in originals) > FILES * 0.9
    started = time.monotonic()
    proc = newslint("--fix", "--select", SELECT, str(tree))
    proc.communicate(timeout=300)
    duration = time.monotonic() - started
    rng = random.Random(2024)
    partial = leftovers = 0
    for _kill in range(KILLS):
        for name, data in originals.items():
            (tree / name).write_bytes(data)
        proc = newslint("--fix", "--select", SELECT, str(tree))
        time.sleep(rng.uniform(0.0, duration))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        names = sorted(os.listdir(tree))
        temps = [n for n in names if n not in originals]
        assert all(n.endswith(".newslint-tmp") and n.startswith(".") for n in temps), temps
        leftovers += len(temps)
        states = []
        for name in originals:
            now = (tree / name).read_bytes()
            assert now in (originals[name], expected[name]), f"{name} is neither old nor fixed"
            states.append(now == expected[name])
        partial += 0 < sum(states) < FILES
    # the next run removes what the killed ones left, and never lints it as an article
    proc = newslint("--fix", "--select", SELECT, "--format", "concise", str(tree))
    out, _err = proc.communicate(timeout=300)
    assert b"newslint-tmp" not in out
    assert sorted(os.listdir(tree)) == sorted(originals)
    assert {name: (tree / name).read_bytes() for name in originals} == expected
    print(f"\n{KILLS} kills: {partial} mid-write, {leftovers} temporary files left and cleaned")
    assert partial >= KILLS // 5  # the kills did land while files were being written


def test_two_fix_runs_at_once_lose_no_update(tmp_path: Path) -> None:
    """One run fixes phone numbers, the other emphasis, on the same files at the same time.
    Each file ends with one run's fixes or both; a run whose fixes are missing from a file
    said so (NL004), so nothing was overwritten unseen."""
    tree = tmp_path / "news"
    originals = make_tree(tree, seed=7)
    phones_only = fully_fixed_with(originals, tmp_path / "p", "NL4")
    emphasis_only = fully_fixed_with(originals, tmp_path / "e", "NL6")
    both = fully_fixed_with(originals, tmp_path / "b", "NL4,NL6")
    first = newslint("--fix", "--select", "NL4", "--format", "concise", str(tree))
    second = newslint("--fix", "--select", "NL6", "--format", "concise", str(tree))
    out_first = first.communicate(timeout=300)[0].decode()
    out_second = second.communicate(timeout=300)[0].decode()
    refused_first = {
        Path(line.split(":")[0]).name for line in out_first.splitlines() if "NL004" in line
    }
    refused_second = {
        Path(line.split(":")[0]).name for line in out_second.splitlines() if "NL004" in line
    }
    for name, data in originals.items():
        now = (tree / name).read_bytes()
        assert now in (phones_only[name], emphasis_only[name], both[name], data), name
        if phones_only[name] != data and now in (emphasis_only[name], data):
            assert name in refused_first, f"{name}: the phone fixes were lost unseen"
        if emphasis_only[name] != data and now in (phones_only[name], data):
            assert name in refused_second, f"{name}: the emphasis fixes were lost unseen"
    assert sorted(os.listdir(tree)) == sorted(originals)


def fully_fixed_with(originals: dict[str, bytes], folder: Path, select: str) -> dict[str, bytes]:
    folder.mkdir()
    for name, data in originals.items():
        (folder / name).write_bytes(data)
    proc = newslint("--fix", "--select", select, str(folder))
    proc.communicate(timeout=300)
    return {name: (folder / name).read_bytes() for name in originals}


@pytest.fixture(autouse=True)
def _no_strays(tmp_path: Path):
    yield
    shutil.rmtree(tmp_path, ignore_errors=True)

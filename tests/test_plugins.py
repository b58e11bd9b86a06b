"""Third-party rules through the `newslint.rules` entry-point group, installed for real."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import article

PLUGIN = '''
from newslint import Hit, rule

@rule(code="ACME001", name="no-shouting", severity="warning", summary="a word in capitals")
def no_shouting(doc, opts):
    """Flags URGENT.

    Flagged: URGENT appeal
    Fine:    appeal
    """
    for m in doc.prose_matches(__import__("re").compile(r"URGENT")):
        yield Hit(m.start(), m.end(), "do not shout")

RULES = (no_shouting,)
'''


def install(site: Path, entry: str) -> None:
    site.mkdir(exist_ok=True)
    (site / "newslint_acme.py").write_text(PLUGIN)
    info = site / "newslint_acme-1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint-acme\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[newslint.rules]\n{entry}\n")


def newslint(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "newslint", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_plugin_loads_but_stays_inactive_until_selected(tmp_path: Path) -> None:
    install(tmp_path / "site", "ACME = newslint_acme:RULES")
    (tmp_path / "a.md").write_text(article("URGENT appeal.\n"))
    assert (
        "plug-in ACME: newslint-acme 1.0"
        in newslint(tmp_path / "site", tmp_path, "--version").stdout
    )
    assert newslint(tmp_path / "site", tmp_path, "a.md").returncode == 0
    selected = newslint(
        tmp_path / "site", tmp_path, "--extend-select", "ACME", "a.md", "--format", "concise"
    )
    assert selected.stdout == "a.md:11:1: ACME001 [warning] do not shout\n"
    assert selected.returncode == 1
    listing = newslint(tmp_path / "site", tmp_path, "rules").stdout
    assert (
        "ACME001  no-shouting" in listing
        and "opt-in" in listing.split("ACME001")[1].splitlines()[0]
    )


def test_broken_plugin_is_a_clear_error(tmp_path: Path) -> None:
    install(tmp_path / "site", "ACME = newslint_missing:RULES")
    (tmp_path / "a.md").write_text(article("Text.\n"))
    proc = newslint(tmp_path / "site", tmp_path, "a.md")
    assert proc.returncode == 2
    assert "plug-in newslint-acme (newslint_missing:RULES) failed to load" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_plugin_may_not_use_the_nl_prefix(tmp_path: Path) -> None:
    install(tmp_path / "site", "NL = newslint_acme:RULES")
    proc = newslint(tmp_path / "site", tmp_path, "rules")
    assert proc.returncode == 2
    assert 'must use the prefix "NL"' in proc.stderr

"""The command line, through click's runner and through a real subprocess."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from newslint import __version__
from newslint.cli import main

from tests.helpers import article

GOOD = article("Officers met residents.\n")
BAD_DATE = GOOD.replace("21 Nov 2019", "2019-11-21")
HTTP_URL = GOOD.replace("https://", "http://")  # a warning (NL105)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "good.md").write_text(GOOD)
    (tmp_path / "news" / "bad.txt").write_text(BAD_DATE)
    (tmp_path / "news" / "notes.rst").write_text("not an article")
    (tmp_path / "news" / ".hidden").mkdir()
    (tmp_path / "news" / ".hidden" / "x.md").write_text("no front matter")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.md").write_text("no front matter")
    return tmp_path


def invoke(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_text_output_and_exit_code(project: Path) -> None:
    result = invoke("news")
    assert result.exit_code == 1
    assert result.output == (
        'news/bad.txt:6:9: NL103 [error] publish.date "2019-11-21" should be written like "21 Nov 2019"\n'
        "\n"
        "Found 1 problem (1 error) in 1 of 2 files.\n"
    )


def test_clean_run_prints_only_the_summary(project: Path) -> None:
    result = invoke("news/good.md")
    assert (result.exit_code, result.output) == (0, "All clear: no problems in 1 file.\n")


def test_default_path_is_the_current_folder(project: Path) -> None:
    result = invoke()
    assert "news/bad.txt" in result.output and "node_modules" not in result.output
    assert ".hidden" not in result.output


def test_explicit_files_are_linted_whatever_their_name(project: Path) -> None:
    result = invoke("news/notes.rst", "news/.hidden/x.md")
    assert result.output.count("NL101") == 2


def test_exclude_wins_over_explicit_paths(project: Path) -> None:
    (project / "newslint.toml").write_text('exclude = ["news/bad.txt"]\n')
    assert invoke("news/bad.txt").stdout == "All clear: no problems in 0 files.\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--fail-on", "error"], 0),
        (["--fail-on", "warning"], 1),
        (["--ignore", "NL105"], 0),
        (["--select", "NL103"], 0),
        (["--select", "url-mismatch"], 1),
    ],
)
def test_fail_on_and_selection(project: Path, args: list[str], expected: int) -> None:
    (project / "w.md").write_text(HTTP_URL)
    assert invoke("w.md", *args).exit_code == expected


def test_config_file_selection_and_per_file_ignores(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.newslint]\nignore = ["NL105"]\n\n[tool.newslint.per-file-ignores]\n"news/bad.txt" = ["NL1"]\n'
    )
    (project / "w.md").write_text(HTTP_URL)
    assert invoke("w.md", "news").output == "All clear: no problems in 3 files.\n"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("selct = []\n", 'unknown key "selct"'),
        ('select = "NL1"\n', '"select" must be a list of strings'),
        ('select = ["NL9"]\n', '"NL9" matches no rule'),
        ('fail-on = "fatal"\n', "must be one of info, warning, error"),
        ("[rules.no-such-rule]\nx = 1\n", 'no rule is called "no-such-rule"'),
        ("[rules.url-mismatch]\nurl-id = 1\n", 'unknown option "url-id"'),
        ("[rules.url-mismatch]\nurl-id-pattern = 5\n", "must be a string, not 5"),
        ("select = [\n", "is not valid TOML"),
    ],
)
def test_config_errors_exit_2_naming_file_and_key(project: Path, config: str, message: str) -> None:
    (project / "newslint.toml").write_text(config)
    result = CliRunner().invoke(main, ["news"])
    assert result.exit_code == 2
    assert "newslint.toml" in result.output and message in result.output


def test_a_removed_option_is_ignored_with_a_warning(project: Path) -> None:
    # 0.1's own suffix list gave way to the Public Suffix List: a config that still sets it
    # must not turn a CI run red after an upgrade, but must not pass in silence either
    (project / "newslint.toml").write_text('[rules.malformed-url]\npublic-suffixes = ["uk"]\n')
    (project / "news" / "a.md").write_text(article("Visit www.example.scot for details.\n"))
    done = subprocess.run(
        [sys.executable, "-m", "newslint", "news/a.md", "--select", "NL205"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stdout.splitlines()[-1]) == (
        0,
        "All clear: no problems in 1 file.",
    )
    assert done.stderr == (
        f"newslint: warning: {project / 'newslint.toml'}: [rules.malformed-url]: "
        '"public-suffixes" is no longer an option of NL205 and is ignored: the Public Suffix '
        "List now decides which endings are real; list a newsroom's own endings in "
        "extra-suffixes\n"
    )
    (project / "newslint.toml").write_text('[rules.malformed-url]\npublic-suffix = ["uk"]\n')
    result = CliRunner().invoke(main, ["news"])
    assert result.exit_code == 2 and 'unknown option "public-suffix"' in result.output


def test_config_is_found_upwards(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / ".newslint.toml").write_text('ignore = ["NL103"]\n')
    monkeypatch.chdir(project / "news")
    assert invoke("bad.txt").exit_code == 0


def test_explicit_config_option(project: Path) -> None:
    (project / "strict.toml").write_text('fail-on = "error"\n')
    (project / "w.md").write_text(HTTP_URL)
    assert invoke("--config", "strict.toml", "w.md").exit_code == 0
    assert invoke("--config", "missing.toml", "w.md").exit_code == 2


def test_unknown_selector_on_the_command_line(project: Path) -> None:
    result = CliRunner().invoke(main, ["--select", "NL9", "news"])
    assert result.exit_code == 2 and '--select: "NL9" matches no rule' in result.output


def test_stdin_with_filename(project: Path) -> None:
    result = invoke("-", "--stdin-filename", "news/draft.md", input=BAD_DATE)
    assert result.output.startswith("news/draft.md:6:9: NL103 [error]")
    assert result.exit_code == 1


def test_concise_and_json_formats(project: Path) -> None:
    concise = invoke("news", "--format", "concise").output
    assert (
        concise
        == 'news/bad.txt:6:9: NL103 [error] publish.date "2019-11-21" should be written like "21 Nov 2019"\n'
    )
    report = json.loads(invoke("news", "--format", "json").output)
    assert report["summary"]["by_severity"] == {"error": 1, "warning": 0, "info": 0}
    assert [f["path"] for f in report["files"]] == ["news/bad.txt", "news/good.md"]


def test_output_file_keeps_the_summary_on_the_terminal(project: Path) -> None:
    result = invoke("news", "--format", "json", "--output-file", "report.json")
    assert (
        result.output
        == "Found 1 problem (1 error) in 1 of 2 files. Report written to report.json.\n"
    )
    assert json.loads((project / "report.json").read_text())["summary"]["findings"] == 1


def test_unknown_format_is_a_usage_error(project: Path) -> None:
    result = CliRunner().invoke(main, ["news", "--format", "xml"])
    assert result.exit_code == 2 and 'unknown format "xml"' in result.output


def test_rules_rule_init_and_version(project: Path) -> None:
    table = invoke("rules").output.splitlines()
    assert table[0].split() == ["code", "name", "severity", "fix", "default", "summary"]
    assert any(line.startswith("NL103  front-matter-schema") for line in table)
    doc = invoke("rule", "NL103").output
    assert doc.startswith("NL103 front-matter-schema\nseverity: error; on by default; fix: no\n")
    assert "Flagged:" in doc and "Fine:" in doc
    assert invoke("rule", "front-matter-schema").output == doc
    assert CliRunner().invoke(main, ["rule", "NL999"]).exit_code == 2
    assert invoke("init").output == "wrote newslint.toml\n"
    assert invoke("news").exit_code == 1  # the starter config is valid
    assert CliRunner().invoke(main, ["init"]).exit_code == 2  # refuses to overwrite
    assert invoke("--version").output.startswith(f"newslint {__version__} (Python ")


def test_colour_only_when_asked_and_never_with_no_color(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "\x1b[" not in invoke("news").output
    assert "\x1b[31m[error]\x1b[0m" in invoke("news", "--color", "always").output
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in invoke("news", "--color", "always").output


def test_jobs_keep_output_order(project: Path) -> None:
    for i in range(30):
        (project / "news" / f"n{i:02}.md").write_text(BAD_DATE if i % 3 else GOOD)
    serial = invoke("news", "--jobs", "1", "--format", "json").output
    parallel = invoke("news", "--jobs", "2", "--format", "json").output
    assert serial == parallel
    assert json.loads(serial)["summary"]["findings"] == 21


def test_real_subprocess(project: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "news"], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 1
    assert proc.stdout.endswith("Found 1 problem (1 error) in 1 of 2 files.\n")
    assert proc.stderr == ""
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "--select"], capture_output=True, text=True
    )
    assert proc.returncode == 2


def test_a_check_ends_quickly_but_keeps_its_output_and_what_it_learnt(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # `newslint` ends with os._exit after a check: nothing it printed or cached may be lost
    import sqlite3

    cache = tmp_path_factory.mktemp("cache")
    env = {**os.environ, "NO_COLOR": "1", "NEWSLINT_CACHE_DIR": str(cache)}
    env.pop("PYTHONUNBUFFERED", None)  # output held in Python's buffer until it is flushed
    many = project / "many"
    many.mkdir()
    for i in range(60):
        # dozens of findings a file: more output than a pipe holds (64 KiB)
        numbers = " ".join(f"Callx 0800 555 {j:03d}{i} today." for j in range(40))
        (many / f"n{i:02}.md").write_text(article(numbers + "\n"))
    # one process: the answers it worked out are saved only as it ends
    command = [sys.executable, "-m", "newslint", "many", "--format", "json", "--jobs", "1"]
    first = subprocess.run(command, capture_output=True, text=True, env=env)
    assert (first.returncode, first.stderr) == (1, "")
    report = json.loads(first.stdout)  # all of it, through a pipe
    assert report["summary"]["files"] == 60 and len(first.stdout) > 200_000
    with contextlib.closing(sqlite3.connect(cache / "cache.db")) as db:
        stored = dict(db.execute("SELECT namespace, count(*) FROM entries GROUP BY namespace"))
    assert stored["results"] == 60
    assert stored["memo"] >= 1  # the dictionary's answers, saved as the process ended
    again = subprocess.run(command, capture_output=True, text=True, env=env)
    assert (again.returncode, again.stdout) == (1, first.stdout)
    # a reader that stops early: no traceback, no "Exception ignored" noise
    shell = f"{subprocess.list2cmdline(command[:-4])} many --format concise | head -n 1"
    piped = subprocess.run(shell, shell=True, capture_output=True, text=True, env=env)
    assert len(piped.stdout.splitlines()) == 1
    assert "Traceback" not in piped.stderr and "Exception" not in piped.stderr


def test_a_run_with_no_files_says_so(project: Path) -> None:
    (project / "empty").mkdir()
    (project / "empty" / "notes.rst").write_text("not an article")
    result = CliRunner().invoke(main, ["empty"])
    assert (result.exit_code, result.stdout) == (0, "All clear: no problems in 0 files.\n")
    assert result.stderr == (
        'newslint: warning: no files to lint in "empty" (include: *.md, *.markdown, *.txt); '
        "--require-files makes this an error\n"
    )


def test_require_files_turns_an_empty_run_into_exit_2(project: Path) -> None:
    (project / "newslint.toml").write_text('include = ["*.markdown"]\nexclude = ["drafts/**"]\n')
    (project / "drafts").mkdir()
    (project / "drafts" / "a.markdown").write_text(GOOD)
    result = CliRunner().invoke(main, ["news", "drafts", "--require-files"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        'newslint: error: no files to lint in "news", "drafts" '
        "(include: *.markdown; exclude: drafts/**)\n"
    )
    (project / "newslint.toml").write_text('require-files = true\ninclude = ["*.markdown"]\n')
    assert CliRunner().invoke(main, ["news"]).exit_code == 2
    assert CliRunner().invoke(main, ["news/good.md"]).exit_code == 0  # a file named is a file
    (project / "newslint.toml").write_text('require-files = "yes"\n')
    result = CliRunner().invoke(main, ["news"])
    assert result.exit_code == 2
    assert 'newslint.toml: top level: "require-files" must be true or false' in result.stderr

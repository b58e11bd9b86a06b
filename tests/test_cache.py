"""The cache layer (newslint.cache) and the results cache built on it.

Hits, misses, invalidation on every part of the key, damaged entries, parallel writers, the
size bound, --no-cache, `newslint clean`, --fix, and corpus rules over cached files.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sqlite3
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from newslint import runner
from newslint.cache import Store, _key_bytes, clean, close_all, ensure_folder, flush_all, key_digest
from newslint.cli import main
from newslint.engine import Settings
from newslint.results_cache import ResultsCache, folders_digest, run_fingerprint
from newslint.runner import lint_paths

from tests.helpers import article, settings_for

BAD_DATE = article("Officers met residents.\n", publish="2019-11-21")
FIXABLE = article("Call the the police.\n")


# the store ----------------------------------------------------------------------------------


def test_store_round_trip_and_miss(tmp_path: Path) -> None:
    store = Store(tmp_path / "cache", "ns")
    assert store.get("a") is None
    store.put("a", b"value")
    assert store.get("a") == b"value"  # held by this process, not yet written
    assert not (tmp_path / "cache").exists()  # reading and holding create nothing
    flush_all()
    assert store.get("a") == b"value"
    assert Store(tmp_path / "cache", "other").get("a") is None  # namespaces are apart
    assert store.get("b") is None
    store.put("a", b"other", now=True)
    assert store.get("a") == b"other"
    assert _rows(tmp_path / "cache") == {("ns", "a"): b"other"}


def test_a_store_is_empty_until_its_namespace_holds_a_value(tmp_path: Path) -> None:
    store = Store(tmp_path / "cache", "ns")
    assert store.is_empty()
    assert not (tmp_path / "cache").exists()  # asking creates nothing
    store.put("a", b"value")
    assert not store.is_empty()  # held by this process, not yet written
    flush_all()
    assert not store.is_empty()
    assert Store(tmp_path / "cache", "other").is_empty()  # namespaces are apart
    assert Store(None, "ns").is_empty()  # --no-cache


def test_cache_folder_is_made_with_gitignore_readme_and_tag(tmp_path: Path) -> None:
    folder = tmp_path / ".newslint_cache"
    Store(folder, "ns").put("k", b"v", now=True)
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (
        (folder / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert "safe to delete" in (folder / "README.md").read_text()
    assert not [p for p in tmp_path.iterdir() if p.name != ".newslint_cache"]  # no temp left


def _connect(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(folder / "cache.db", isolation_level=None)


def _rows(folder: Path) -> dict[tuple[str, str], bytes]:
    """Every stored (namespace, key) and value, its seal checked by the store's own reading."""
    found = {}
    with contextlib.closing(_connect(folder)) as db:
        namespaces = [row[0] for row in db.execute("SELECT DISTINCT namespace FROM entries")]
        count = db.execute("SELECT count(*) FROM entries").fetchone()[0]
    for namespace in namespaces:
        store = Store(folder, namespace)
        for key in _KNOWN_KEYS:
            value = store.get(key)
            if value is not None:
                found[(namespace, key)] = value
    assert len(found) == count, "an entry of no known key, or a damaged one"
    return found


_KNOWN_KEYS = ["a", "b", "k", "key", "one", "two"] + [f"k{i}" for i in range(20)]


def _stored_value(folder: Path, key: str) -> bytes:
    with contextlib.closing(_connect(folder)) as db:
        return db.execute("SELECT value FROM entries WHERE key = ?", (_key_bytes(key),)).fetchone()[
            0
        ]


def _set_stored_value(folder: Path, key: str, value: bytes) -> None:
    with contextlib.closing(_connect(folder)) as db:
        db.execute("UPDATE entries SET value = ? WHERE key = ?", (value, _key_bytes(key)))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",  # empty
        lambda data: data[:10],  # truncated inside the header
        lambda data: data[:-3],  # truncated value
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit flipped
        lambda data: b"NLC1" + os.urandom(40),  # garbage with the right magic
        lambda data: b"\x00" * len(data),
    ],
)
def test_damaged_entry_is_a_miss_and_is_rewritten(tmp_path: Path, damage) -> None:
    store = Store(tmp_path, "ns")
    store.put("key", b'{"answer": 42}', now=True)
    _set_stored_value(tmp_path, "key", damage(_stored_value(tmp_path, "key")))
    assert store.get("key") is None
    assert store.get_json("key") is None
    store.put("key", b'{"answer": 42}', now=True)
    assert store.get_json("key") == {"answer": 42}


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",  # emptied
        lambda data: data[:1000],  # truncated
        lambda data: os.urandom(len(data)),  # overwritten
        lambda data: b"SQLite format 3\x00" + os.urandom(len(data) - 16),  # right magic only
    ],
)
def test_damaged_database_file_is_made_again(tmp_path: Path, damage) -> None:
    # (in a child process: this one's connection would read the file as it was)
    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    child = context.Process(target=_fill, args=(str(tmp_path),))
    child.start()
    child.join(60)
    database = tmp_path / "cache.db"
    for side in ("cache.db-wal", "cache.db-shm"):
        (tmp_path / side).unlink(missing_ok=True)
    database.write_bytes(damage(database.read_bytes()))
    store = Store(tmp_path, "ns")
    assert [store.get(f"k{i}") for i in range(3)] == [None] * 3  # never raises, never trusted
    store.put("k0", b"again", now=True)
    assert store.get("k0") == b"again"
    assert _rows(tmp_path) == {("ns", "k0"): b"again"}


def _fill(folder: str) -> None:
    store = Store(Path(folder), "ns")
    for i in range(20):
        store.put(f"k{i}", os.urandom(2000))
    flush_all()


def test_entry_of_another_key_is_not_trusted(tmp_path: Path) -> None:
    store = Store(tmp_path, "ns")
    store.put("one", b"1")
    store.put("two", b"2", now=True)
    _set_stored_value(tmp_path, "one", _stored_value(tmp_path, "two"))  # its seal names "two"
    assert store.get("one") is None


def test_unusable_folder_is_a_slower_run_not_a_failure(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = Store(blocker / "cache", "ns")
    store.put("k", b"v", now=True)  # must not raise
    assert store.get("k") is None
    assert ensure_folder(blocker / "cache") is False


def test_read_only_cache_folder_is_read_and_not_written(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    Store(folder, "ns").put("a", b"1", now=True)
    close_all()
    folder.chmod(0o555)
    (folder / "cache.db").chmod(0o444)
    try:
        if os.access(folder / "cache.db", os.W_OK):
            pytest.skip("running as a user who can write anyway")
        store = Store(folder, "ns")
        store.put("b", b"2", now=True)  # must not raise
        close_all()
        assert Store(folder, "ns").get("b") is None
    finally:
        folder.chmod(0o755)
        (folder / "cache.db").chmod(0o644)


def _set_used(folder: Path, namespace: str, key: str, when: float) -> None:
    with contextlib.closing(_connect(folder)) as db:
        db.execute(
            "UPDATE entries SET used = ? WHERE namespace = ? AND key = ?",
            (when, namespace, _key_bytes(key)),
        )


def test_prune_evicts_least_recently_used(tmp_path: Path) -> None:
    store = Store(tmp_path, "ns", max_bytes=10_000)
    now = time.time()
    for i in range(20):
        store.put(f"k{i}", bytes(1000), now=True)
        _set_used(tmp_path, "ns", f"k{i}", now - 1000 + i)
    removed = store.prune()
    kept = [i for i in range(20) if store.get(f"k{i}") is not None]
    assert removed == 20 - len(kept)
    assert kept == list(range(20 - len(kept), 20))  # the newest survive
    assert sum(len(v) for v in _rows(tmp_path).values()) <= 8000


def test_a_hit_refreshes_an_old_entry(tmp_path: Path) -> None:
    store = Store(tmp_path, "ns", max_bytes=3000)
    now = time.time()
    for i in range(3):
        store.put(f"k{i}", bytes(1000), now=True)
        _set_used(tmp_path, "ns", f"k{i}", now - 3 * 86400 + i)
    assert store.get("k0") is not None  # the oldest, used again
    flush_all()
    store.prune()
    assert [store.get(f"k{i}") is not None for i in range(3)] == [True, False, True]


def test_prune_does_nothing_under_the_bound(tmp_path: Path) -> None:
    store = Store(tmp_path, "ns", max_bytes=10_000)
    store.put("k", bytes(100), now=True)
    assert store.prune() == 0 and store.get("k") == bytes(100)


def _writer(folder: str, worker: int) -> None:
    store = Store(Path(folder), "ns")
    for round_ in range(40):
        for key in range(10):
            # every worker writes the same keys (same values) and keys of its own
            store.put(f"shared{key}", f"value{key}".encode() * 50)
            store.put(f"own{worker}-{round_}-{key}", b"x" * (key + 1))
        flush_all()  # (as the runner does after each batch)


def test_parallel_writers_leave_only_whole_entries(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    Store(tmp_path, "ns").put("before", b"the parent's", now=True)  # a connection open at fork
    workers = [context.Process(target=_writer, args=(str(tmp_path), w)) for w in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    store = Store(tmp_path, "ns")
    for key in range(10):
        assert store.get(f"shared{key}") == f"value{key}".encode() * 50
    for worker in range(4):
        for round_ in range(40):
            assert store.get(f"own{worker}-{round_}-9") == b"x" * 10
    assert store.get("before") == b"the parent's"
    with contextlib.closing(_connect(tmp_path)) as db:
        assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == 1 + 10 + 4 * 40 * 10
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _write_forever(folder: str) -> None:
    store = Store(Path(folder), "ns")
    i = 0
    while True:
        for _ in range(50):
            store.put(f"n{i}", os.urandom(3000))
            i += 1
        flush_all()


def test_a_writer_killed_mid_write_leaves_the_database_whole(tmp_path: Path) -> None:
    import signal

    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    for _ in range(5):
        writer = context.Process(target=_write_forever, args=(str(tmp_path),))
        writer.start()
        time.sleep(0.15)
        os.kill(writer.pid, signal.SIGKILL)
        writer.join(10)
    with contextlib.closing(_connect(tmp_path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        values = [row[0] for row in db.execute("SELECT value FROM entries")]
    assert len(values) >= 50
    store = Store(tmp_path, "ns")
    store.put("after", b"still usable", now=True)
    assert store.get("after") == b"still usable"
    assert all(v.startswith(b"NLC1") and len(v) == 4 + 20 + 3000 for v in values)


def test_clean_refuses_a_folder_newslint_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    with pytest.raises(OSError):
        clean(tmp_path / "mine")
    assert (tmp_path / "mine").is_dir()
    assert clean(tmp_path / "absent") is False


def test_key_parts_are_length_prefixed() -> None:
    assert key_digest("ab", "c") != key_digest("a", "bc")


# the results cache ----------------------------------------------------------------------------


@pytest.fixture
def lint_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the runner really lints (in this process: --jobs 1)."""
    calls: list[str] = []
    real = runner.lint_bytes

    def counting(path, data, settings, relpath=None, read_as=None):
        calls.append(path)
        return real(path, data, settings, relpath, read_as)

    monkeypatch.setattr(runner, "lint_bytes", counting)
    return calls


def _run(tmp_path: Path, settings: Settings, names=("a.md",)) -> list:
    tasks = [(str(tmp_path / name), name) for name in names]
    return lint_paths(tasks, settings, jobs=1)


@pytest.fixture
def cached(tmp_path: Path) -> Settings:
    return settings_for(("NL1", "NL5"))._replace(
        cache_dir=str(tmp_path / "cache"), root=str(tmp_path)
    )


def test_unchanged_file_is_served_from_the_cache(tmp_path, cached, lint_calls) -> None:
    (tmp_path / "a.md").write_text(BAD_DATE)
    first = _run(tmp_path, cached)
    second = _run(tmp_path, cached)
    assert len(lint_calls) == 1
    assert second[0].findings == first[0].findings
    assert [f.code for f in second[0].findings] == ["NL103"]


def test_a_cached_result_equals_a_fresh_one_in_every_field(tmp_path, lint_calls) -> None:
    # a FileResult field the cache forgot (the publish date once) would silently vanish from
    # every report of a re-run; comparing field by field catches the next one too
    import dataclasses

    from newslint.engine import FileResult

    settings = settings_for(("NL1", "NL4", "NL5", "NL407"))._replace(
        cache_dir=str(tmp_path / "cache"), root=str(tmp_path)
    )
    (tmp_path / "a.md").write_text(
        article("Call 0300 123 2040 or 01234 567890.\nCall the the police.\n", "5 Mar 2021")
    )
    fresh = _run(tmp_path, settings)[0]
    cached = _run(tmp_path, settings)[0]
    assert len(lint_calls) == 1
    assert fresh.publish_date == "2021-03-05" and fresh.findings and fresh.corpus
    for field in dataclasses.fields(FileResult):
        mine, theirs = getattr(cached, field.name), getattr(fresh, field.name)
        if field.name == "lines":
            mine, theirs = mine.starts, theirs.starts
        assert mine == theirs, field.name


def test_changed_file_is_linted_again(tmp_path, cached, lint_calls) -> None:
    (tmp_path / "a.md").write_text(BAD_DATE)
    _run(tmp_path, cached)
    (tmp_path / "a.md").write_text(article("Officers met residents.\n"))
    assert _run(tmp_path, cached)[0].findings == []
    assert len(lint_calls) == 2


@pytest.mark.parametrize(
    "change",
    [
        lambda s, tmp: s._replace(rule_codes=s.rule_codes[:-1]),
        lambda s, tmp: s._replace(
            options={**s.options, "NL501": {**s.options["NL501"], "words": ["Horwood"]}}
        ),
        lambda s, tmp: s._replace(per_file_ignores=(("*.md", ("NL5",)),)),
        lambda s, tmp: s._replace(max_file_size=1000),
        lambda s, tmp: s._replace(fix=True),
        lambda s, tmp: s._replace(unsafe_fixes=True),
        lambda s, tmp: s._replace(registry_modules=("tests.sample_rules",)),
    ],
    ids=["rules", "options", "per-file-ignores", "max-file-size", "fix", "unsafe", "registry"],
)
def test_every_run_input_changes_the_fingerprint(tmp_path, cached, change) -> None:
    assert run_fingerprint(change(cached, tmp_path)) != run_fingerprint(cached)


@pytest.mark.parametrize("option", ["schema", "words-files"])
def test_contents_of_files_named_by_options_change_the_fingerprint(
    tmp_path, cached, option
) -> None:
    target = tmp_path / "named.txt"
    target.write_text("one\n")
    code = "NL103" if option == "schema" else "NL501"
    value = str(target) if option == "schema" else [str(target)]
    settings = cached._replace(
        options={**cached.options, code: {**cached.options[code], option: value}}
    )
    before = run_fingerprint(settings)
    target.write_text("two\n")  # same name, same size
    assert run_fingerprint(settings) != before


def test_code_change_changes_the_digest_even_with_the_same_size_and_time(tmp_path) -> None:
    (tmp_path / "rule.py").write_text("A = 1\n")
    info = (tmp_path / "rule.py").stat()
    before = folders_digest([tmp_path])
    (tmp_path / "rule.py").write_text("A = 2\n")
    os.utime(tmp_path / "rule.py", ns=(info.st_atime_ns, info.st_mtime_ns))
    assert folders_digest([tmp_path]) != before


def test_installed_distributions_change_the_fingerprint(tmp_path, cached, monkeypatch) -> None:
    before = run_fingerprint(cached)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "newslint_acme-1.0.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert run_fingerprint(cached) != before


def test_path_is_part_of_the_key(tmp_path, cached, lint_calls) -> None:
    (tmp_path / "a.md").write_text(BAD_DATE)
    (tmp_path / "b.md").write_text(BAD_DATE)
    results = _run(tmp_path, cached, ("a.md", "b.md"))
    assert len(lint_calls) == 2
    assert [r.findings[0].path for r in results] == [str(tmp_path / "a.md"), str(tmp_path / "b.md")]


def test_damaged_result_entry_is_linted_again_and_rewritten(tmp_path, cached, lint_calls) -> None:
    (tmp_path / "a.md").write_text(BAD_DATE)
    _run(tmp_path, cached)
    with contextlib.closing(_connect(tmp_path / "cache")) as db:
        db.execute("UPDATE entries SET value = substr(value, 1, length(value) - 5)")
    assert [f.code for f in _run(tmp_path, cached)[0].findings] == ["NL103"]
    assert [f.code for f in _run(tmp_path, cached)[0].findings] == ["NL103"]
    assert len(lint_calls) == 2  # the damaged entry was a miss, and its rewrite a hit


def test_results_with_internal_errors_are_not_cached(tmp_path, lint_calls) -> None:
    settings = Settings(
        rule_codes=("TS002",),
        options={},
        registry_modules=("tests.sample_rules",),
        cache_dir=str(tmp_path / "cache"),
    )
    (tmp_path / "a.md").write_text(BAD_DATE)
    assert _run(tmp_path, settings)[0].internal_error
    assert _run(tmp_path, settings)[0].internal_error
    assert len(lint_calls) == 2


def test_fixes_that_could_not_be_written_are_tried_again(tmp_path, lint_calls) -> None:
    # a result that says "the fixes were not written" describes the run, not the file: served
    # from the cache, the next --fix would never write them
    settings = settings_for("NL601")._replace(
        cache_dir=str(tmp_path / "cache"), root=str(tmp_path), fix=True, write=True
    )
    page = tmp_path / "a.md"
    page.write_text(article("Call **999. ** now.\n"))
    page.chmod(0o444)
    first = _run(tmp_path, settings)
    assert [f.code for f in first[0].findings] == ["NL003", "NL601"]
    page.chmod(0o644)
    second = _run(tmp_path, settings)
    assert len(lint_calls) == 2
    assert [f.code for f in second[0].findings] == []
    assert page.read_text() == article("Call **999.** now.\n")


def test_no_cache_reads_and_writes_nothing(tmp_path, cached, lint_calls) -> None:
    (tmp_path / "a.md").write_text(BAD_DATE)
    off = cached._replace(use_cache=False)
    _run(tmp_path, off)
    _run(tmp_path, off)
    assert len(lint_calls) == 2
    assert not (tmp_path / "cache" / "results").exists()


def test_online_runs_are_not_cached(cached) -> None:
    assert ResultsCache.for_run(cached._replace(online=True)) is None


def test_parallel_run_fills_the_cache_and_a_rerun_lints_nothing(tmp_path, cached) -> None:
    names = [f"a{i}.md" for i in range(24)]
    for i, name in enumerate(names):
        (tmp_path / name).write_text(BAD_DATE + f"\nNote {i}.\n")
    tasks = [(str(tmp_path / n), n) for n in names]
    first = lint_paths(tasks, cached, jobs=2)
    with contextlib.closing(_connect(tmp_path / "cache")) as db:
        rows = db.execute("SELECT count(*) FROM entries WHERE namespace = 'results'").fetchone()
    assert rows[0] == 24  # the parent's first file and the workers' batches
    second = lint_paths(tasks, cached, jobs=2)
    assert [r.findings for r in second] == [r.findings for r in first]


def test_with_nothing_to_look_up_the_workers_alone_read_the_files(
    tmp_path, cached, monkeypatch
) -> None:
    """A cold run (an empty cache, or none) reads a file bound for a worker only there; the
    parent reads the first files, which it lints or holds before the workers start. A file
    that cannot be read is reported by the worker, in its place."""
    names = [f"a{i:02}.md" for i in range(30)]
    for i, name in enumerate(names):
        (tmp_path / name).write_text(BAD_DATE + f"\nNote {i}.\n")
    (tmp_path / "a20.md").unlink()
    (tmp_path / "a20.md").mkdir()
    parent_reads: list[str] = []
    read = runner.read_file

    def counting(path, settings):
        parent_reads.append(Path(path).name)
        return read(path, settings)

    tasks = [(str(tmp_path / n), n) for n in names]
    expected = [r.findings for r in lint_paths(tasks, cached._replace(use_cache=False), jobs=1)]
    assert [f.code for f in expected[20]] == ["NL003"] and all(expected[:20])
    monkeypatch.setattr(runner, "read_file", counting)  # (the workers' reads are their own)
    for settings in (cached, cached._replace(use_cache=False)):
        parent_reads.clear()
        results = lint_paths(tasks, settings, jobs=2)
        assert parent_reads == names[: 1 + runner._PARALLEL_FROM]
        assert [r.path for r in results] == [str(tmp_path / n) for n in names]
        assert [r.findings for r in results] == expected
    # with results to look up, the parent reads every file to find them
    parent_reads.clear()
    lint_paths(tasks, cached, jobs=2)
    assert parent_reads == names


def test_corpus_rule_sees_cached_files(tmp_path, lint_calls) -> None:
    settings = settings_for("NL407")._replace(cache_dir=str(tmp_path / "cache"))
    names = ["a.md", "b.md", "c.md"]
    for name in names[:2]:
        (tmp_path / name).write_text(article("Call 01707 354 000 today.\n"))
    (tmp_path / "c.md").write_text(article("Call 01707 354000 today.\n"))
    first = _run(tmp_path, settings, names)
    second = _run(tmp_path, settings, names)
    assert len(lint_calls) == 3
    assert [[(f.code, f.line, f.column) for f in r.findings] for r in second] == [
        [(f.code, f.line, f.column) for f in r.findings] for r in first
    ]
    assert [f.code for f in second[2].findings] == ["NL407"]


# through the command line ---------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSLINT_CACHE_DIR")
    (tmp_path / "a.md").write_text(FIXABLE)
    return tmp_path


def _cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_cache_lives_in_the_project_and_clean_removes_it(project: Path) -> None:
    assert _cli("a.md").exit_code == 1
    assert (project / ".newslint_cache" / "cache.db").is_file()
    result = _cli("clean")
    assert result.exit_code == 0 and "removed" in result.output
    assert not (project / ".newslint_cache").exists()
    assert "no cache" in _cli("clean").output


def test_cli_no_cache_makes_no_folder(project: Path) -> None:
    assert _cli("a.md", "--no-cache").exit_code == 1
    assert not (project / ".newslint_cache").exists()


def test_fix_is_never_served_from_a_cached_result(project: Path) -> None:
    assert "NL505" in _cli("a.md", "--format", "concise").output  # caches the findings
    assert _cli("a.md", "--fix").exit_code == 0
    assert project.joinpath("a.md").read_text() == article("Call the police.\n")
    project.joinpath("a.md").write_text(FIXABLE)  # the same bytes as the first run's
    assert _cli("a.md", "--fix").exit_code == 0
    assert project.joinpath("a.md").read_text() == article("Call the police.\n")
    assert _cli("a.md").exit_code == 0  # the fixed text, cached or not, is clean


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("window", [2, 1000])
def test_results_keep_the_order_with_hits_and_misses_mixed(
    tmp_path, cached, monkeypatch, jobs, window
) -> None:
    # small windows make the runner wait for, or lint here, the files behind which cached
    # results pile up
    monkeypatch.setattr(runner, "_MAX_WAITING", window)
    monkeypatch.setattr(runner, "_HOLD_WINDOW", window)
    names = [f"a{i:02}.md" for i in range(40)]
    for i, name in enumerate(names):
        text = BAD_DATE if i % 2 else article("Officers met residents.\n")
        (tmp_path / name).write_text(text + f"\nNote {i}.\n")
    tasks = [(str(tmp_path / n), n) for n in names]
    expected = lint_paths(tasks, cached._replace(use_cache=False), jobs=1)
    lint_paths([t for i, t in enumerate(tasks) if i % 5 == 0], cached, jobs=1)  # a few cached
    mixed = lint_paths(tasks, cached, jobs=jobs)
    assert [r.path for r in mixed] == [r.path for r in expected]
    assert [r.findings for r in mixed] == [r.findings for r in expected]


def test_slow_memo_answers_are_shared_with_other_processes_at_once(tmp_path: Path) -> None:
    from newslint.memo import Memo

    calls: list[str] = []

    def slow() -> list[str]:
        calls.append("slow")
        time.sleep(0.02)
        return ["answer"]

    first = Memo("m", ("s", "fast"), str(tmp_path), shared=("s",))
    second = Memo("m", ("s", "fast"), str(tmp_path), shared=("s",))  # another worker
    assert first.get("s", "word", slow) == ["answer"]
    assert second.get("s", "word", slow) == ["answer"]
    assert calls == ["slow"]
    assert second.get("s", "quick", lambda: True) is True
    assert Memo("m", ("s",), str(tmp_path)).has("s", "quick") is False  # saved only at exit


def test_prune_all_bounds_every_namespace(tmp_path: Path) -> None:
    from newslint.cache import prune_all

    now = time.time()
    for namespace in ("results", "memo", "links"):
        store = Store(tmp_path, namespace)
        for i in range(5):
            store.put(f"k{i}", bytes(1000), now=True)
            _set_used(tmp_path, namespace, f"k{i}", now - 100 + i)
    assert prune_all(tmp_path) == 0  # far under the default size
    assert prune_all(tmp_path, every=0, max_bytes=3000) == 3 * 3  # each keeps its newest two
    for namespace in ("results", "memo", "links"):
        store = Store(tmp_path, namespace)
        assert [store.get(f"k{i}") is not None for i in range(5)] == [False] * 3 + [True] * 2
    assert prune_all(tmp_path, every=3600, max_bytes=1) == 0  # pruned less than an hour ago
    assert prune_all(tmp_path / "missing") == 0


def test_memo_tables_are_bounded_oldest_first(tmp_path: Path) -> None:
    from newslint.memo import Memo

    memo = Memo("bounded", ("t",), str(tmp_path), max_entries=3)
    for i in range(5):
        memo.put("t", f"k{i}", i)
    assert [memo.has("t", f"k{i}") for i in range(5)] == [False, False, True, True, True]
    memo.save()
    reloaded = Memo("bounded", ("t",), str(tmp_path), max_entries=3)
    assert sorted(reloaded.tables["t"]) == ["k2", "k3", "k4"]


def test_cli_corpus_rule_over_cached_files(project: Path) -> None:
    for name, number in (("a.md", "01707 354 000"), ("b.md", "01707 354 000")):
        (project / name).write_text(article(f"Call {number} today.\n"))
    (project / "c.md").write_text(article("Call 01707 354000 today.\n"))
    args = ("a.md", "b.md", "c.md", "--select", "NL407", "--format", "concise")
    first, second = _cli(*args), _cli(*args)
    assert first.output == second.output
    assert [line.split(" ")[:2] for line in second.output.splitlines()] == [["c.md:11:6:", "NL407"]]


def test_inactive_corpus_rules_collect_nothing(tmp_path: Path) -> None:
    from newslint.document import Document
    from newslint.engine import active_corpus_rules, lint_document

    settings = settings_for(("NL208", "NL209", "NL2"))
    assert active_corpus_rules(settings) == ()  # the online rules, offline
    assert [r.code for r in active_corpus_rules(settings._replace(online=True))] == [
        "NL208",
        "NL209",
    ]
    result = lint_document(
        Document("a.md", article("See https://example.org/page now.\n")), settings, "a.md"
    )
    assert result.corpus == {} and result.lines is None


def test_a_python_without_sqlite_runs_without_a_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newslint.cache

    close_all()  # (the other tests' connections, made with SQLite)
    monkeypatch.setattr(newslint.cache, "sqlite3", None)
    store = Store(tmp_path / "cache", "ns")
    store.put("k", b"v", now=True)  # must not raise
    assert store.get("k") is None
    assert store.prune() == 0 and newslint.cache.prune_all(tmp_path / "cache", every=0) == 0
    assert not (tmp_path / "cache" / "cache.db").exists()

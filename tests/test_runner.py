"""The parallel runner: results in the files' order, batches that shrink towards the end."""

from __future__ import annotations

import gc

import pytest
from newslint import runner
from newslint.runner import _lint_batch, lint_paths

from tests.helpers import article, settings_for


def test_batches_shrink_towards_the_end_and_results_keep_their_order(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [f"a{i:03}.md" for i in range(400)]
    for i, name in enumerate(names):
        day = "Monday" if i % 2 else "Tuesday"  # 18 November 2019 was a Monday
        (tmp_path / name).write_text(article(f"Officers met on {day} 18 November 2019.\n"))
    sizes: list[int] = []
    submit = runner._Pipeline._submit

    def recording(self) -> None:
        if self.batch:
            sizes.append(len(self.batch))
        submit(self)

    monkeypatch.setattr(runner._Pipeline, "_submit", recording)
    tasks = [(str(tmp_path / n), n) for n in names]
    results = lint_paths(tasks, settings_for("NL301", use_cache=False), jobs=2)

    assert [r.path for r in results] == [str(tmp_path / n) for n in names]
    assert [bool(r.findings) for r in results] == [i % 2 == 0 for i in range(400)]
    # the first file is linted before the pool starts; about 25 a batch (400 // 16) at first,
    # one at the end, so no worker is left with a long batch while the other has nothing to do
    assert sum(sizes) == 399
    assert sizes[0] > 16
    assert sizes[-4:] == [1, 1, 1, 1]
    assert sizes == sorted(sizes, reverse=True)


def _batch_in_a_frozen_worker(batch):
    if gc.get_freeze_count() == 0:
        raise AssertionError("the worker's inherited objects are not frozen")
    return _lint_batch(batch)


def test_workers_inherit_frozen_objects_and_the_parent_is_unfrozen_after(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [f"a{i:02}.md" for i in range(40)]
    for name in names:
        (tmp_path / name).write_text(article("Officers met on Monday 18 November 2019.\n"))
    monkeypatch.setattr(runner, "_lint_batch", _batch_in_a_frozen_worker)
    tasks = [(str(tmp_path / n), n) for n in names]
    results = lint_paths(tasks, settings_for("NL301", use_cache=False), jobs=2)
    assert [r.findings for r in results] == [[]] * 40
    assert gc.get_freeze_count() == 0


def test_a_program_that_put_collection_off_collects_again_once_warm(tmp_path) -> None:
    # `newslint.cli.run` starts with collection off; the first file linted warms the process
    (tmp_path / "a.md").write_text(article("Officers met on Monday 18 November 2019.\n"))
    gc.disable()
    try:
        lint_paths([(str(tmp_path / "a.md"), "a.md")], settings_for("NL301", use_cache=False), 1)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # what the start made is out of every collection
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_process_that_collects_is_never_frozen_by_a_check(tmp_path) -> None:
    # the language server lints in its own process: frozen, its garbage would never be freed
    (tmp_path / "a.md").write_text(article("Officers met on Monday 18 November 2019.\n"))
    assert gc.isenabled()
    lint_paths([(str(tmp_path / "a.md"), "a.md")], settings_for("NL301", use_cache=False), 1)
    assert gc.get_freeze_count() == 0

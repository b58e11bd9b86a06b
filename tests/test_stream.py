"""ResultStream: produced once, read many times, counted on the way, spilled when long."""

from __future__ import annotations

import pytest
from newslint import stream as stream_module
from newslint.engine import FileResult, Finding
from newslint.stream import ResultStream


def _result(i: int) -> FileResult:
    findings = [Finding(f"f{i}.md", "NL301", "weekday-mismatch", "error", "m", 1, 1, 1, 2)] * (
        i % 3
    )
    return FileResult(f"f{i}.md", findings)


@pytest.mark.parametrize("count", [0, 1, 5, 40])
def test_every_reader_sees_every_result_in_order(monkeypatch, count: int) -> None:
    monkeypatch.setattr(stream_module, "_KEPT_IN_MEMORY", 8)  # 40 results spill to a file
    produced: list[int] = []

    def source():
        for i in range(count):
            produced.append(i)
            yield _result(i)

    results = ResultStream(source())
    assert [r.path for r in results] == [f"f{i}.md" for i in range(count)]
    assert [r.path for r in results] == [f"f{i}.md" for i in range(count)]
    assert produced == list(range(count))  # produced once
    totals = results.finish()
    assert totals.files == count
    assert totals.findings == sum(i % 3 for i in range(count))
    assert totals.files_with_findings == sum(1 for i in range(count) if i % 3)
    assert totals.by_rule[("NL301", "weekday-mismatch", "error")] == totals.findings


def test_a_reader_that_stops_half_way_leaves_the_rest_to_the_next(monkeypatch) -> None:
    monkeypatch.setattr(stream_module, "_KEPT_IN_MEMORY", 2)
    results = ResultStream(_result(i) for i in range(6))
    first = iter(results)
    assert [next(first).path for _ in range(3)] == ["f0.md", "f1.md", "f2.md"]
    assert [r.path for r in results] == [f"f{i}.md" for i in range(6)]
    assert results.finish().files == 6


def test_results_stream_to_the_first_reader_before_the_run_ends() -> None:
    seen: list[str] = []

    def source():
        for i in range(3):
            yield _result(i)
            assert seen == [f"f{j}.md" for j in range(i + 1)]  # the reader already had it

    for result in ResultStream(source()):
        seen.append(result.path)


def test_results_not_kept_cannot_be_read_twice() -> None:
    results = ResultStream((_result(i) for i in range(3)), keep=False)
    assert [r.path for r in results] == ["f0.md", "f1.md", "f2.md"]
    assert results.finish().files == 3
    with pytest.raises(RuntimeError):
        list(results)

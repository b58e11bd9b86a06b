"""The fuzz harness inside `make test`: every committed crash input, and a bounded slice (~20 s)
of mutated articles. `make fuzz` runs the long campaign (tests/fuzz/run.py)."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.invariants import violations
from tests.fuzz.mutate import BUILT_IN_SEEDS, article_slice, mutate, seed_texts
from tests.fuzz.run import kind, minimise

REGRESSIONS = sorted((Path(__file__).parent / "regressions").iterdir())
SEEDS = seed_texts()


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.name)
def test_regression_input(path: Path) -> None:
    assert violations(path.read_bytes()) == []


# CI replays the same slice every run (a red CI must mean a change broke something); on a
# developer's machine hypothesis explores new inputs each time
@settings(
    max_examples=500,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(seed=st.sampled_from(SEEDS), rng=st.randoms(use_true_random=False))
def test_mutated_articles_keep_the_invariants(seed: bytes, rng: random.Random) -> None:
    data = mutate(article_slice(seed, rng), rng, SEEDS)
    assert violations(data) == []


def test_the_oracle_catches_what_it_should() -> None:
    # a harness that cannot fail is no harness: undecodable bytes are fine (NL003), a bad
    # url was an internal error until NL105 learnt to report it
    assert violations(b"\xff\xfe not text") == []
    assert violations(BUILT_IN_SEEDS[1]) == []


def test_a_finding_beside_a_fix_is_news_but_one_in_what_it_wrote_is_not() -> None:
    from tests.fuzz.invariants import _changed_spans, _revealed

    # NL705 wrote the space; "don’tdon’t" is read as a word for the first time
    original, fixed = "101don’tdon’t now", "101 don’tdon’t now"
    changes = _changed_spans(original, fixed)
    assert changes == [(3, 4)]
    assert _revealed(4, 14, changes)
    # a finding over the text a fix wrote, or across a deletion, is the fix's doing
    assert not _revealed(2, 9, [(4, 6)])
    assert not _revealed(2, 10, [(5, 5)])
    assert not _revealed(20, 25, changes)  # far from every change


def test_minimise_keeps_the_failure_and_drops_the_rest() -> None:
    def fails(data: bytes) -> bool:
        return b"[" in data and b"url" in data

    small = minimise(b"title: x\nurl: http://[\nbody\n", fails)
    assert fails(small) and len(small) <= 5
    assert kind('NL002: "x" at 12') == "NL002: … at N"

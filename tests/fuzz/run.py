"""`make fuzz`: lint many mutated articles and check the invariants; report and keep crashes.

    python -m tests.fuzz.run --inputs 100000 --jobs 2 [--seed 1] [--out fuzz-out]

Inputs are mutations of the repo's seeds, a few built-in snippets and, when present,
../shared/corpus and ../shared/corpus-public (read here, never copied into the repo). Each
distinct failure is minimised (delta debugging, keeping the same kind of failure) and written to
`--out` as `<kind>.bin`; a minimised input worth keeping goes into tests/fuzz/regressions/,
where test_fuzz.py runs it for ever after. Exits 1 when anything failed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tests.fuzz.invariants import violations
from tests.fuzz.mutate import inputs, seed_texts

_BATCH = 200


def kind(problem: str) -> str:
    """A failure's kind: its text with numbers and quoted snippets blanked."""
    text = re.sub(r"(?<![A-Z\d])\d+", "N", problem)  # keeps rule codes
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "…", text)
    return text[:160]


def minimise(data: bytes, still_fails: Callable[[bytes], bool], budget: int = 3000) -> bytes:
    """The smallest input (by removing lines, then chunks, then bytes) that still fails."""
    tries = 0
    for unit in (b"\n", None):
        pieces = data.split(b"\n") if unit else [bytes([b]) for b in data]
        joiner = unit or b""
        size = max(1, len(pieces) // 2)
        while size >= 1 and tries < budget:
            i, changed = 0, False
            while i < len(pieces) and tries < budget:
                candidate = pieces[:i] + pieces[i + size :]
                tries += 1
                if candidate != pieces and still_fails(joiner.join(candidate)):
                    pieces, changed = candidate, True
                else:
                    i += size
            if not changed:
                size //= 2
        data = joiner.join(pieces)
    return data


def _batch(args: tuple[int, int]) -> tuple[int, dict[str, tuple[str, bytes]]]:
    seed, count = args
    found: dict[str, tuple[str, bytes]] = {}
    for data in _take(inputs(seed, _SEEDS), count):
        for problem in violations(data):
            found.setdefault(kind(problem), (problem, data))
    return count, found


def _take(stream, count):
    for _ in range(count):
        yield next(stream)


_SEEDS: list[bytes] = []


def _init() -> None:
    _SEEDS.extend(seed_texts())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="fuzz-out")
    args = parser.parse_args(argv)
    _init()
    print(f"fuzz: {len(_SEEDS)} seed articles, {args.inputs} inputs, {args.jobs} jobs", flush=True)
    batches = [
        (args.seed * 1_000_003 + i, min(_BATCH, args.inputs - i * _BATCH))
        for i in range((args.inputs + _BATCH - 1) // _BATCH)
    ]
    started = time.monotonic()
    done = 0
    failures: dict[str, tuple[str, bytes]] = {}
    with ProcessPoolExecutor(args.jobs, initializer=_init) as pool:
        for count, found in pool.map(_batch, batches):
            done += count
            for key, value in found.items():
                if key not in failures:
                    failures[key] = value
                    print(f"  new failure after {done} inputs: {value[0][:300]}", flush=True)
            if done % 5000 < _BATCH:
                rate = done / (time.monotonic() - started)
                print(f"  {done} inputs, {rate:.0f}/s, {len(failures)} failures", flush=True)
    elapsed = time.monotonic() - started
    out = Path(args.out)
    for key, (problem, data) in failures.items():
        small = minimise(data, lambda d, key=key: any(kind(p) == key for p in violations(d)))
        out.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha1(key.encode()).hexdigest()[:12]
        (out / f"{name}.bin").write_bytes(small)
        (out / f"{name}.txt").write_text(problem + "\n", "utf-8")
        print(f"  minimised to {len(small)} bytes: {out / name}.bin", flush=True)
    print(
        f"fuzz: {done} inputs in {elapsed:.0f} s ({done / elapsed:.0f}/s), "
        f"{len(failures)} distinct failures",
        flush=True,
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

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
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
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


def _batch(args: tuple[int, int, str]) -> tuple[int, dict[str, tuple[str, bytes]]]:
    seed, count, out = args
    found: dict[str, tuple[str, bytes]] = {}
    # the input in hand is on disk, so a crash of the whole process (a signal in a C library)
    # still leaves it to be found
    inflight = Path(out) / f".inflight-{os.getpid()}.bin"
    for data in _take(inputs(seed, _SEEDS), count):
        inflight.write_bytes(data)
        for problem in _timed(data):
            found.setdefault(kind(problem), (problem, data))
    return count, found


SLOW = 30  # seconds for one input (three lints); slower is a failure: users would call it a hang


class _TooSlow(BaseException):  # not caught by the oracle, which reports every Exception
    pass


def _timed(data: bytes) -> list[str]:
    def give_up(*_args) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(SLOW)
    try:
        return violations(data)
    except _TooSlow:
        return [f"too slow: checking the input took over {SLOW} s"]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def crashes_process(data: bytes) -> str | None:
    """Why checking this input kills a fresh Python process, or None if it does not."""
    code = "import sys; from tests.fuzz.invariants import violations; violations(sys.stdin.buffer.read())"
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code],
            input=data,
            capture_output=True,
            timeout=600,
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        return "the check did not finish within 600 s"
    if proc.returncode < 0:
        return f"the process died with signal {-proc.returncode}"
    if proc.returncode != 0:
        return f"the process exited {proc.returncode}: {proc.stderr.decode()[-300:]}"
    return None


def _take(stream, count):
    for _ in range(count):
        yield next(stream)


_SEEDS: list[bytes] = []


# an input that makes newslint eat memory must fail as MemoryError in its worker, not bring the
# kernel's OOM killer down on the machine (it once took 24 GB)
MEMORY_LIMIT = 4 * 2**30


def _limit_memory() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass


def _init() -> None:
    _limit_memory()
    _SEEDS.extend(seed_texts())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="fuzz-out")
    parser.add_argument(
        "--minutes", type=float, default=0, help="stop after this long (0: when all inputs ran)"
    )
    args = parser.parse_args(argv)
    _init()
    print(f"fuzz: {len(_SEEDS)} seed articles, {args.inputs} inputs, {args.jobs} jobs", flush=True)
    batches = [
        (args.seed * 1_000_003 + i, min(_BATCH, args.inputs - i * _BATCH))
        for i in range((args.inputs + _BATCH - 1) // _BATCH)
    ]
    started = time.monotonic()
    deadline = started + args.minutes * 60 if args.minutes else float("inf")
    stop: list[str] = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append("stopped by SIGTERM"))
    done = 0
    failures: dict[str, tuple[str, bytes]] = {}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def record(problem: str, data: bytes) -> None:
        key = kind(problem)
        if key not in failures:
            failures[key] = (problem, data)
            # kept at once, so a campaign cut short still leaves every input it found
            name = hashlib.sha1(key.encode()).hexdigest()[:12]
            (out / f"{name}.raw.bin").write_bytes(data)
            print(f"  new failure after {done} inputs: {problem[:300]}", flush=True)

    pending = [(seed, count, str(out)) for seed, count in batches]
    while pending and not stop:
        pool = ProcessPoolExecutor(args.jobs, initializer=_init)
        try:
            running: dict = {}
            while (pending or running) and not stop:
                while pending and len(running) < args.jobs * 2:
                    batch = pending.pop(0)
                    running[pool.submit(_batch, batch)] = batch
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    batch = running.pop(future)
                    try:
                        count, found = future.result()
                    except BrokenProcessPool:
                        raise
                    done += count
                    for problem, data in found.values():
                        record(problem, data)
                    if done % 5000 < _BATCH:
                        rate = done / (time.monotonic() - started)
                        print(
                            f"  {done} inputs, {rate:.0f}/s, {len(failures)} failures", flush=True
                        )
                if time.monotonic() > deadline:
                    stop.append(f"stopped after {args.minutes} minutes")
        except BrokenProcessPool:
            # a worker died: the inputs in flight tell which one killed it; its batch is skipped
            # and the others in flight run again in a new pool
            pending[:0] = [b for b in running.values()][1:]
            done += next(iter(running.values()), (0, 0, ""))[1]
            for inflight in out.glob(".inflight-*.bin"):
                data = inflight.read_bytes()
                why = crashes_process(data)
                if why:
                    record(why, data)
                inflight.unlink()
        except KeyboardInterrupt:
            stop.append("interrupted")
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    if stop:
        print(f"fuzz: {stop[0]}", flush=True)
    for inflight in out.glob(".inflight-*.bin"):
        inflight.unlink()
    elapsed = time.monotonic() - started
    for key, (problem, data) in failures.items():
        if problem.startswith(("the process", "too slow")):
            small = data  # minimising would cost minutes per try; the input is kept whole
        else:
            small = minimise(data, lambda d, key=key: any(kind(p) == key for p in violations(d)))
        name = hashlib.sha1(key.encode()).hexdigest()[:12]
        (out / f"{name}.bin").write_bytes(small)
        (out / f"{name}.raw.bin").unlink(missing_ok=True)
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

"""newslint benchmarks (not tests): side by side with cspell, the results cache, scale, one file.

    python bench/run.py                          # `make bench`: 1,000 articles, scale 1k and 10k
    python bench/run.py --scale 1000,10000,100000
    python bench/run.py --runs 5 --families      # more repeats; per-family cost per article
    python bench/run.py --only-rules             # only each rule's cost per article

Articles come from ../shared/bench/make-scaled-corpus.py (680-word articles generated from the
seeds) and are written under bench/out/ (git-ignored), never into the tracked tree. cspell and
@cspell/dict-en-gb are installed with npm into bench/out/npm on first use and run with
../shared/bench/cspell.json; without npm (or without the network) the cspell row says so.

Each figure is the median of --runs runs (min in brackets): wall time and CPU time (user +
system of the whole process tree), from runs that nothing else measures, and peak memory, from
one more run sampled from /proc every 10 ms: the whole process tree's proportional set size
(pages that forked workers share with the parent counted once) and, in brackets, the largest
single process's resident size (Linux; elsewhere the largest process's peak only). Sampling
reads every process's /proc entry, and on two cores that CPU is taken from whichever tool uses
both (it slowed newslint's cold run by about 5% and cspell's, on one core, hardly at all), so no
timed run is sampled. newslint's and cspell's timed runs take turns, so that a machine whose
speed drifts during the benchmark weighs on both alike. Every newslint run starts with an
empty cache folder unless it measures the cache. The machine's load average is printed: timings
on a shared machine are inflated, CPU time less so than wall time.

newslint's modules are compiled to bytecode first, as `pip install` does for users: in an
editable checkout with PYTHONDONTWRITEBYTECODE set (as on the CI machine) every run would
otherwise compile every module again, 60 ms a run that no installed newslint pays.
"""

from __future__ import annotations

import argparse
import atexit
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
SHARED_BENCH = ROOT.parent / "shared" / "bench"
GENERATOR = SHARED_BENCH / "make-scaled-corpus.py"
CSPELL_CONFIG = SHARED_BENCH / "cspell.json"
NPM_PREFIX = OUT / "npm"


class Measure(NamedTuple):
    wall: float
    cpu: float
    peak_mib: float  # the whole process tree (PSS)
    largest_mib: float  # the largest single process (RSS)
    exit_code: int


def _tree_memory_kib(root: int) -> tuple[int, int]:
    """(memory of a process and its descendants, largest one's resident size), from /proc.

    The tree's memory sums each process's proportional set size (PSS): pages that forked
    workers share with their parent are counted once, not once per process as summed RSS
    would. Without smaps_rollup (old kernels) it falls back to summed RSS."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * page_kib
    total = largest = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        largest = max(largest, rss.get(pid, 0))
        total += _pss_kib(pid, rss.get(pid, 0))
    return total, largest


def _pss_kib(pid: int, fallback: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return fallback


def measure(
    command: Sequence[str], cwd: Path, env: dict[str, str] | None = None, memory: bool = True
) -> Measure:
    """One run: wall and CPU time, and, when `memory`, peak memory (sampling costs CPU)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak = largest = 0
    proc_available = memory and os.path.isdir("/proc")
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak, largest
        while not stop.is_set():
            tree, one = _tree_memory_kib(process.pid)
            peak, largest = max(peak, tree), max(largest, one)
            stop.wait(0.01)

    sampler = threading.Thread(target=sample, daemon=True) if proc_available else None
    if sampler:
        sampler.start()
    code = process.wait()
    wall = time.perf_counter() - start
    stop.set()
    if sampler:
        sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if memory and not proc_available:
        peak = largest = after.ru_maxrss
    return Measure(wall, cpu, peak / 1024, largest / 1024, code)


def repeat(
    runs: int, prepare, command, cwd: Path, env=None, memory_run: bool = True
) -> list[Measure]:
    """`runs` timed runs, each given the peak memory of one more run that is sampled; without
    `memory_run` (a run of a quarter of an hour) the timed runs are sampled themselves."""
    return interleaved(runs, [(prepare, command, env)], cwd, memory_run)[0]


def interleaved(
    runs: int, contenders: Sequence[tuple], cwd: Path, memory_run: bool = True
) -> list[list[Measure]]:
    """`repeat` for several (prepare, command, env) at once, their timed runs taking turns (A B
    A B …): a machine that speeds up or slows down during the benchmark (a shared one does, by
    a tenth within minutes) weighs on each alike, so their ratio is fair."""

    def once(contender: tuple, memory: bool) -> Measure:
        prepare, command, env = contender
        extra = prepare() if prepare else None
        return measure(command, cwd, {**(env or {}), **(extra or {})}, memory=memory)

    timed: list[list[Measure]] = [[] for _ in contenders]
    for _ in range(runs):
        for results, contender in zip(timed, contenders, strict=True):
            results.append(once(contender, memory=not memory_run))
    if not memory_run:
        return timed
    out = []
    for results, contender in zip(timed, contenders, strict=True):
        sampled = once(contender, memory=True)
        out.append(
            [
                r._replace(peak_mib=sampled.peak_mib, largest_mib=sampled.largest_mib)
                for r in results
            ]
        )
    return out


def summary(results: list[Measure]) -> tuple[str, str, str]:
    walls = [r.wall for r in results]
    cpus = [r.cpu for r in results]
    peak = max(r.peak_mib for r in results)
    largest = max(r.largest_mib for r in results)
    return (
        f"{statistics.median(walls):.2f} s ({min(walls):.2f})",
        f"{statistics.median(cpus):.2f} s ({min(cpus):.2f})",
        f"{peak:.0f} MiB ({largest:.0f})",
    )


def corpus(count: int) -> Path:
    folder = OUT / f"corpus-{count}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(
            [sys.executable, str(GENERATOR), str(folder), "-n", str(count)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (folder / ".complete").touch()
    return folder


def newslint_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "newslint", *args]


_SCRATCH = Path(tempfile.mkdtemp(prefix="newslint-bench-"))
atexit.register(shutil.rmtree, _SCRATCH, ignore_errors=True)


def fresh_cache() -> dict[str, str]:
    return {"NEWSLINT_CACHE_DIR": tempfile.mkdtemp(prefix="cache-", dir=_SCRATCH)}


def cspell_binary() -> tuple[Path | None, str]:
    binary = NPM_PREFIX / "node_modules" / ".bin" / "cspell"
    if binary.exists():
        return binary, ""
    npm = shutil.which("npm")
    if npm is None:
        return None, "npm is not installed"
    done = subprocess.run(
        [npm, "install", "--prefix", str(NPM_PREFIX), "cspell@9", "@cspell/dict-en-gb"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not binary.exists():
        return None, "npm could not install cspell: " + (done.stderr.strip().splitlines() or [""])[
            -1
        ]
    return binary, ""


def cspell_version(binary: Path) -> str:
    done = subprocess.run([str(binary), "--version"], capture_output=True, text=True)
    return done.stdout.strip()


def row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def side_by_side(count: int, runs: int) -> tuple[list[str], float | None, float]:
    folder = corpus(count)
    lines = [
        row("", "wall (median, min)", "CPU user+sys", "peak memory: tree (largest process)"),
        row("---", "---", "---", "---"),
    ]
    contenders = [(fresh_cache, newslint_command(".", "--format", "concise"), None)]
    binary, why = cspell_binary()
    if binary is not None:
        # cspell needs the config beside the files for its import path to resolve
        config = folder / "cspell.json"
        shutil.copy(CSPELL_CONFIG, config)
        command = [str(binary), "--config", str(config), "--no-progress", "**/*.md"]
        contenders.append((None, command, {"NODE_PATH": str(NPM_PREFIX / "node_modules")}))
    ours, *others = interleaved(runs, contenders, folder)
    wall, cpu, peak = summary(ours)
    lines.append(row(f"newslint, cold, {count:,} articles, every default rule", wall, cpu, peak))
    theirs_wall = None
    if binary is None:
        lines.append(row("cspell", f"not run: {why}", "", ""))
    else:
        theirs = others[0]
        wall, cpu, peak = summary(theirs)
        lines.append(row(f"cspell {cspell_version(binary)}, en-GB, spelling only", wall, cpu, peak))
        theirs_wall = statistics.median(r.wall for r in theirs)
    return lines, theirs_wall, statistics.median(r.wall for r in ours)


def cache_rows(count: int, runs: int) -> list[str]:
    folder = corpus(count)
    cache = fresh_cache()
    measure(newslint_command(".", "--format", "concise"), folder, cache)  # fill the cache
    unchanged = repeat(runs, None, newslint_command(".", "--format", "concise"), folder, cache)
    target = sorted(folder.glob("*.md"))[0]
    original = target.read_text("utf-8")
    edits = iter(range(10_000))

    def change_one() -> None:
        target.write_text(original + f"\nEdited {next(edits)}.\n", "utf-8")

    try:
        one_changed = repeat(
            runs, change_one, newslint_command(".", "--format", "concise"), folder, cache
        )
    finally:
        target.write_text(original, "utf-8")
    lines = []
    wall, cpu, peak = summary(unchanged)
    lines.append(row(f"re-run, {count:,} unchanged", wall, cpu, peak))
    wall, cpu, peak = summary(one_changed)
    lines.append(row(f"re-run, 1 of {count:,} changed", wall, cpu, peak))
    return lines


def one_file_rows(runs: int) -> list[str]:
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    cache = fresh_cache()
    measure(newslint_command(str(seed)), ROOT, cache)
    warm = repeat(runs, None, newslint_command(str(seed)), ROOT, cache)
    cold = repeat(runs, fresh_cache, newslint_command(str(seed)), ROOT)
    no_cache = repeat(runs, None, newslint_command(str(seed), "--no-cache"), ROOT)
    lines = []
    for label, results in (
        ("one file, warm cache (pre-commit)", warm),
        ("one file, empty cache", cold),
        ("one file, --no-cache", no_cache),
    ):
        wall, cpu, peak = summary(results)
        lines.append(row(label, wall, cpu, peak))
    return lines


def scale_rows(counts: Sequence[int], runs: int) -> list[str]:
    lines = [
        row("articles", "wall (median, min)", "CPU user+sys", "peak: tree (largest)", "articles/s"),
        row("---", "---", "---", "---", "---"),
    ]
    for count in counts:
        folder = corpus(count)
        report = Path(tempfile.mkdtemp(prefix="report-", dir=_SCRATCH)) / "report.sarif"
        results = repeat(
            runs if count <= 10_000 else 1,
            fresh_cache,
            newslint_command(".", "--format", "sarif", "--output-file", str(report)),
            folder,
            memory_run=count <= 10_000,
        )
        wall, cpu, peak = summary(results)
        rate = count / statistics.median(r.wall for r in results)
        lines.append(row(f"{count:,}", wall, cpu, peak, f"{rate:,.0f}"))
    return lines


def compile_calls(count: int) -> str:
    """`re._compile` calls (cache lookups included) and real compilations per article, after
    the first article has loaded every rule."""
    import re
    import re._compiler

    from newslint.document import Document
    from newslint.engine import Settings, lint_document
    from newslint.registry import default_registry

    registry = default_registry()
    settings = Settings(
        rule_codes=tuple(r.code for r in registry.rules if r.default_enabled),
        options={r.code: r.default_options() for r in registry.rules},
        use_cache=False,
    )
    texts = [p.read_text("utf-8") for p in sorted(corpus(count).glob("*.md"))[:100]]
    lint_document(Document("a.md", texts[0]), settings, "a.md")
    lookups = compiles = 0
    real_lookup, real_compile = re._compile, re._compiler.compile

    def lookup(*args):
        nonlocal lookups
        lookups += 1
        return real_lookup(*args)

    def compile_(*args):
        nonlocal compiles
        compiles += 1
        return real_compile(*args)

    re._compile, re._compiler.compile = lookup, compile_
    try:
        for text in texts[1:]:
            lint_document(Document("a.md", text), settings, "a.md")
    finally:
        re._compile, re._compiler.compile = real_lookup, real_compile
    n = len(texts) - 1
    return (
        f"re._compile calls per article: {lookups / n:.1f} (cache lookups by rules that pass "
        f"pattern strings); real compilations: {compiles / n:.2f}"
    )


def families(count: int) -> list[str]:
    from newslint.document import Document
    from newslint.engine import Settings, lint_document
    from newslint.registry import default_registry

    registry = default_registry()
    options = {r.code: r.default_options() for r in registry.rules}
    texts = [p.read_text("utf-8") for p in sorted(corpus(count).glob("*.md"))[:200]]
    cache_dir = tempfile.mkdtemp(prefix="cache-", dir=_SCRATCH)
    lines = [row("part", "ms/article"), row("---", "---")]
    start = time.perf_counter()
    for text in texts:
        doc = Document("a.md", text)
        doc.prose_text, doc.prose_text_with_urls, doc.inline_source, doc.sentences  # noqa: B018
    lines.append(
        row(
            "parse, prose views, sentences",
            f"{(time.perf_counter() - start) / len(texts) * 1e3:.2f}",
        )
    )
    for family in sorted({r.code[:3] for r in registry.rules if r.check is not None}):
        codes = tuple(
            r.code
            for r in registry.rules
            if r.code.startswith(family) and r.check is not None and r.default_enabled
        )
        if not codes:
            continue
        settings = Settings(rule_codes=codes, options=options, cache_dir=cache_dir)
        docs = [Document("a.md", t) for t in texts]
        for doc in docs[:3]:
            lint_document(doc, settings, "a.md")  # load what the family needs
        for doc in docs:
            doc.prose_text, doc.prose_text_with_urls, doc.inline_source, doc.sentences  # noqa: B018
        start = time.perf_counter()
        for doc in docs:
            lint_document(doc, settings, "a.md")
        elapsed = (time.perf_counter() - start) / len(docs) * 1e3
        lines.append(row(f"{family}xx ({len(codes)} rules)", f"{elapsed:.2f}"))
    return lines


def rule_costs(count: int, runs: int) -> list[str]:
    """CPU per article of each rule inside a run of every default rule, the shared analyses (the
    parse and prose views, the words, the phone numbers found) charged to the first rule that
    asks for them, in the registry's order: what a rule costs where it runs. Best of `runs`
    passes over 200 articles, after a pass that loads what the rules need."""
    from newslint.document import Document
    from newslint.engine import Settings, rule_options
    from newslint.registry import default_registry

    registry = default_registry()
    rules = [r for r in registry.rules if r.default_enabled and r.check is not None]
    settings = Settings(
        rule_codes=tuple(r.code for r in rules),
        options={r.code: r.default_options() for r in registry.rules},
        use_cache=False,
    )
    texts = [p.read_text("utf-8") for p in sorted(corpus(count).glob("*.md"))[:200]]

    def one_pass() -> dict[str, float]:
        spent: dict[str, float] = {}
        for text in texts:
            started = time.process_time()
            doc = Document("a.md", text)
            doc.prose_text, doc.prose_text_with_urls, doc.inline_source, doc.sentences  # noqa: B018
            spent["parse, prose views, sentences"] = spent.get(
                "parse, prose views, sentences", 0.0
            ) + (time.process_time() - started)
            for r in rules:
                opts = rule_options(settings, r.code)
                started = time.process_time()
                for _hit in r.check(doc, opts):
                    pass
                spent[r.code] = spent.get(r.code, 0.0) + time.process_time() - started
        return spent

    one_pass()
    best: dict[str, float] = {}
    for _ in range(max(runs, 3)):
        for part, seconds in one_pass().items():
            best[part] = min(best.get(part, seconds), seconds)
    lines = [row("part", "ms/article"), row("---", "---")]
    for part, seconds in sorted(best.items(), key=lambda kv: -kv[1]):
        if seconds / len(texts) >= 5e-6:
            lines.append(row(part, f"{seconds / len(texts) * 1e3:.3f}"))
    lines.append(row("total", f"{sum(best.values()) / len(texts) * 1e3:.2f}"))
    return lines


def compile_bytecode() -> None:
    import compileall

    for folder in ("lint", "rules", "schemas"):
        compileall.compile_dir(ROOT / folder, quiet=2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--scale", default="1000,10000", help="article counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--families", action="store_true", help="per-family cost per article")
    parser.add_argument("--rules", action="store_true", help="per-rule cost inside a full run")
    parser.add_argument("--only-rules", action="store_true", help="print only the per-rule costs")
    args = parser.parse_args()
    if not GENERATOR.exists():
        sys.exit(f"the corpus generator is missing: {GENERATOR}")
    OUT.mkdir(exist_ok=True)
    compile_bytecode()
    if args.only_rules:
        print("\n".join(rule_costs(args.articles, args.runs)))
        return
    load = os.getloadavg()
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
        f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the start; median of {args.runs} runs "
        "(min in brackets)\n"
    )
    lines, theirs, ours = side_by_side(args.articles, args.runs)
    lines += cache_rows(args.articles, max(args.runs, 5))
    lines += one_file_rows(max(args.runs, 10))
    print("\n".join(lines))
    if theirs:
        print(
            f"\nnewslint cold / cspell wall time: {ours / theirs:.3f} "
            f"(goal: at most 0.33, i.e. {theirs / 3:.2f} s here)"
        )
    print()
    print("\n".join(scale_rows([int(c) for c in args.scale.split(",") if c], args.runs)))
    print()
    print(compile_calls(args.articles))
    if args.families:
        print()
        print("\n".join(families(args.articles)))
    if args.rules:
        print()
        print("\n".join(rule_costs(args.articles, args.runs)))
    load = os.getloadavg()
    print(f"\nload average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


if __name__ == "__main__":
    main()

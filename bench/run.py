"""newslint benchmarks (not tests): start-up, per-family cost and whole-tree throughput.

    python bench/run.py                  # 1,000 articles built from ../shared/corpus and seeds/
    python bench/run.py --articles 5000  # more

Articles are copied into a temporary folder (never into the repo), cycling through the source
articles with a number appended to each body, so no two files are identical.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SOURCES = [ROOT / "seeds", ROOT.parent / "shared" / "corpus"]


def source_articles() -> list[str]:
    texts = []
    for folder in SOURCES:
        if folder.is_dir():
            texts += [
                p.read_text("utf-8")
                for p in sorted(folder.iterdir())
                if p.suffix in (".md", ".txt") and p.name != "ATTRIBUTION.md"
            ]
    if not texts:
        sys.exit("no source articles found (seeds/ or ../shared/corpus/)")
    return texts


def make_tree(folder: Path, count: int) -> list[Path]:
    texts = source_articles()
    paths = []
    for i in range(count):
        path = folder / f"{i // 100:03}" / f"article-{i:05}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(texts[i % len(texts)] + f"\nReference {i}.\n", "utf-8")
        paths.append(path)
    return paths


def newslint(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        capture_output=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return time.perf_counter() - start


def bench_startup(runs: int) -> None:
    seed = next((ROOT / "seeds").iterdir())
    times = [newslint(str(seed)) for _ in range(runs)]
    print(
        f"one file, whole process: median {statistics.median(times) * 1000:.0f} ms, "
        f"min {min(times) * 1000:.0f} ms over {runs} runs"
    )


def bench_families(paths: list[Path]) -> None:
    from newslint.document import Document
    from newslint.engine import Settings, lint_document
    from newslint.registry import default_registry

    registry = default_registry()
    options = {r.code: r.default_options() for r in registry.rules}
    texts = [p.read_text("utf-8") for p in paths]
    families = sorted({r.code[:3] for r in registry.rules if r.check is not None})
    parse = time.perf_counter()
    for text in texts:
        doc = Document("a.md", text)
        doc.prose_text  # noqa: B018 - the shared parse every body rule uses
    parse = time.perf_counter() - parse
    print(f"document parse + prose views: {parse / len(texts) * 1e3:.2f} ms/article")
    for family in families:
        codes = tuple(
            r.code for r in registry.rules if r.code.startswith(family) and r.check is not None
        )
        settings = Settings(rule_codes=codes, options=options)
        docs = [Document("a.md", t) for t in texts]
        for doc in docs:
            doc.prose_text  # noqa: B018 - parse outside the timed part
        start = time.perf_counter()
        findings = 0
        for doc in docs:
            findings += len(lint_document(doc, settings, "a.md").findings)
        elapsed = time.perf_counter() - start
        print(
            f"{family}xx ({', '.join(codes)}): {elapsed / len(docs) * 1e3:.3f} ms/article, "
            f"{len(docs) / elapsed:,.0f} articles/s, {findings} findings"
        )


def bench_tree(folder: Path, count: int, jobs: list[int]) -> None:
    for j in jobs:
        elapsed = newslint(str(folder), "--jobs", str(j), "--format", "concise")
        print(
            f"{count} articles, whole process, --jobs {j}: {elapsed:.2f} s ({count / elapsed:,.0f} articles/s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--startup-runs", type=int, default=15)
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    bench_startup(args.startup_runs)
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_tree(Path(tmp), args.articles)
        bench_families(paths)
        bench_tree(Path(tmp), args.articles, [1, 2])


if __name__ == "__main__":
    main()

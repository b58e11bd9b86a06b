"""The HTML report at archive scale, and the README's screenshots (a benchmark, not a test).

    python bench/html_report.py                      # 10,000 generated articles: size and time to open
    python bench/html_report.py -n 1000 --runs 5
    python bench/html_report.py --screenshots docs   # also refresh docs/serve.png and docs/report.png

Articles come from ../shared/bench/make-scaled-corpus.py (seeded from seeds/) and are written to
a temporary folder, never into the repo. Chromium is Debian's (/usr/bin/chromium), driven by
Playwright as in tests/browser.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GENERATOR = ROOT.parent / "shared" / "bench" / "make-scaled-corpus.py"
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def generate(folder: Path, count: int) -> None:
    subprocess.run(
        [
            sys.executable,
            str(GENERATOR),
            str(folder),
            "-n",
            str(count),
            "--seeds",
            str(ROOT / "seeds"),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def write_report(folder: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "newslint",
            ".",
            "--format",
            "html",
            "-o",
            str(out),
            "--fail-on",
            "error",
        ],
        cwd=folder,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def open_times(report: Path, runs: int) -> list[dict[str, float]]:
    from playwright.sync_api import sync_playwright

    timings = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1360, "height": 900})
            started = time.perf_counter()
            page.goto(report.as_uri(), wait_until="load")
            loaded = time.perf_counter() - started
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r)))")
            painted = time.perf_counter() - started
            started = time.perf_counter()
            page.fill("#filter", "NL301")
            page.wait_for_function("() => document.getElementById('shown').textContent !== ''")
            filtered = time.perf_counter() - started - 0.15  # less the filter's typing delay
            timings.append({"load": loaded, "painted": painted, "filter": filtered})
            page.close()
        browser.close()
    return timings


def screenshots(folder: Path, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    from tests.serve.server import Server

    out.mkdir(parents=True, exist_ok=True)
    report = folder / "report.html"
    seed = (ROOT / "seeds" / "000_4e8bf0b53589c3cc.txt").read_text("utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1360, "height": 1500})
        page.goto(report.as_uri())
        page.locator("details.file").first.locator("summary").click()
        page.screenshot(path=str(out / "report.png"), full_page=False)
        page.close()
        newsroom = folder / "newsroom"
        newsroom.mkdir(exist_ok=True)
        (newsroom / "newslint.toml").write_text('words = ["Horwood"]\n', encoding="utf-8")
        with Server(newsroom) as server:
            page = browser.new_page(viewport={"width": 1360, "height": 860})
            page.goto(server.url)
            page.get_by_test_id("draft").fill(seed)
            page.wait_for_selector("mark[data-code]")
            box = page.locator('mark[data-code="NL502"]').bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.locator("#tip").wait_for(state="visible")
            page.screenshot(path=str(out / "serve.png"))
            page.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshots", type=Path, help="folder for serve.png and report.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newslint-html-bench-") as temp:
        folder = Path(temp)
        generate(folder / "news", args.articles)
        report = folder / "report.html"
        written = [write_report(folder, report) for _ in range(args.runs)]
        size = report.stat().st_size
        files = report.read_text("utf-8").count('<details class="file"')
        print(f"{args.articles} articles, {files} with findings: report {size / 1e6:.1f} MB")
        print(
            f"lint + write report: min {min(written):.2f} s, median {statistics.median(written):.2f} s"
        )
        timings = open_times(report, args.runs)
        for key in ("load", "painted", "filter"):
            values = [t[key] for t in timings]
            print(
                f"Chromium {key}: min {min(values):.2f} s, median {statistics.median(values):.2f} s"
            )
        if args.screenshots:
            screenshots(folder, args.screenshots)
            print(f"screenshots in {args.screenshots}")


if __name__ == "__main__":
    main()

"""Online link-check benchmark: 500 distinct URLs against a local server on 127.0.0.1.

    python bench/links.py [--urls 500] [--delay 0.02]

Reports requests per second and the peak number of requests in flight, with the default limits
(8 at once, 2 per host: every URL here is on one host, so 2 is the ceiling) and with the
per-host limit raised to 8.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newslint.rules._linkcheck import CheckConfig, check_urls  # noqa: E402

from tests.linkserver import LinkServer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=500)
    parser.add_argument(
        "--delay", type=float, default=0.02, help="server think time per request (s)"
    )
    args = parser.parse_args()
    for per_host in (2, 8):
        with LinkServer(delay=args.delay) as server:
            urls = [server.url(f"/n/{i}") for i in range(args.urls)]
            config = CheckConfig(
                timeout=5.0, allow_private_hosts=True, per_host=per_host, concurrency=8
            )
            start = time.perf_counter()
            results, peak = check_urls(urls, config, use_cache=False)
            elapsed = time.perf_counter() - start
            ok = sum(r.outcome == "ok" for r in results.values())
            print(
                f"{len(urls)} URLs, per-host {per_host}: {elapsed:.2f} s, {sum(server.hits.values()) / elapsed:,.0f} "
                f"requests/s, peak in flight {peak} (server saw {server.peak}), {ok} ok"
            )


if __name__ == "__main__":
    main()

"""Browser tests: Debian's Chromium driven by Playwright for Python.

Browser downloads are not possible where newslint is tested, so Playwright drives the system's
Chromium (`/usr/bin/chromium`, or $NEWSLINT_CHROMIUM) through `executable_path`. Without it the
tests are skipped, except in CI (CI=true), where a missing browser is a failure: `.ci/run`
installs Debian's `chromium` first. Screenshots are saved to $NEWSLINT_ARTEFACTS (default
`test-artefacts/`) for people to look at.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("NEWSLINT_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking switches Chromium calls Google's hosts by itself.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(config, items) -> None:
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(skip)


# Per module, not per session: while Playwright's synchronous API is open it runs an event loop
# on the main thread, and later tests that call asyncio.run() (the link checker) would fail.
@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with (
        tempfile.TemporaryDirectory(prefix="newslint-chromium-") as profile,
        sync_playwright() as p,
    ):
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1360, "height": 900},
            accept_downloads=True,
        )
        yield context
        context.close()


class Requests(list):
    """Every URL a page asked for."""

    def hosts(self) -> set[str]:
        return {urlsplit(url).netloc for url in self if not url.startswith(("data:", "blob:"))}


@pytest.fixture
def page(browser) -> Iterator:
    page = browser.new_page()
    page.requests = Requests()
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    page.close()
    assert page.errors == []


@pytest.fixture(scope="session")
def artefacts() -> Path:
    folder = Path(os.environ.get("NEWSLINT_ARTEFACTS", ROOT / "test-artefacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder

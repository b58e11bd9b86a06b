"""A progress bar on standard error for long runs at a terminal, and nowhere else.

click's progress bar (click is already a dependency) draws files done and total, the share
done and the time left; the rate is shown beside it. It is shown only when standard error is a
terminal, the run has more than 50 files (link checking: any request), the run is not in CI (`CI` or
`GITHUB_ACTIONS` set), no machine-readable format is written to standard output, and neither
`--quiet` nor `--no-progress` was given. In a pipe or a CI log it would only be noise.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

MIN_ITEMS = 51  # "more than about 50 files"
_CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TF_BUILD")


def wanted(
    stream: TextIO, total: int, *, machine_output: bool, disabled: bool, minimum: int = MIN_ITEMS
) -> bool:
    """Whether a run of `total` items (at least `minimum`) shows a bar on `stream`."""
    if disabled or machine_output or total < minimum:
        return False
    if any(os.environ.get(name) for name in _CI_VARIABLES):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def progress_bar(
    total: int, label: str, stream: TextIO, unit: str = "files"
) -> Iterator[Callable[[int], None]]:
    """A function that advances the bar by n; the bar is cleared when the block ends."""
    import click

    started = time.monotonic()
    done = 0

    def rate(_item: object) -> str:
        elapsed = time.monotonic() - started
        return f"{done / elapsed:,.0f} {unit}/s" if elapsed > 0.2 and done else ""

    with click.progressbar(
        length=total,
        label=label,
        file=stream,
        show_eta=True,
        show_percent=True,
        show_pos=True,
        item_show_func=rate,
        width=24,
    ) as bar:

        def advance(n: int = 1) -> None:
            nonlocal done
            done += n
            bar.update(n, done)

        yield advance

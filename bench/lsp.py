"""Language-server latency: didChange to publishDiagnostics over a real stdio session.

    python bench/lsp.py [--edits 200] [--article seeds/004_40c630a07e428d1c.txt] [--fresh-cache]

Starts `newslint lsp`, opens a ~700-word article, waits for the first check, then makes typing
edits one at a time (a letter typed into a word, a word inserted, a letter deleted; a third of
them leave a word the dictionary does not know, the costly case) and times each from sending
didChange to receiving the diagnostics for that version. A second pass types bursts of
characters 40 ms apart and times the last change of each burst, which is the latency a typist
sees. A third times the complete pass (new spelling suggestions, from the worker process) after
single edits a second apart. Prints min, median, p95 and max with the machine's load average.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
NEWSLINT = Path(sys.executable).parent / "newslint"
WORDS = ["police", "appeal", "witness", "Stevenage", "sergeant", "neighbourhood", "recieve"]


class Session:
    def __init__(self) -> None:
        self.client = LanguageClient("newslint-bench", "1")
        self.arrived: dict[int | None, float] = {}  # the first publication of each version
        self.last: dict[int | None, float] = {}  # and the last (the complete pass, if it differs)
        self.waiting: dict[int, asyncio.Future] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: types.PublishDiagnosticsParams) -> None:
            now = time.perf_counter()
            self.arrived.setdefault(params.version, now)
            self.last[params.version] = now
            future = self.waiting.pop(params.version, None)
            if future is not None and not future.done():
                future.set_result(params)

    async def wait_for(self, version: int) -> None:
        if version in self.arrived:
            return
        future = asyncio.get_running_loop().create_future()
        self.waiting[version] = future
        await asyncio.wait_for(future, 60)


async def forward_stderr(server) -> None:
    """The server's log, shown (an unread pipe would fill and stall it)."""
    while line := await server.stderr.readline():
        sys.stderr.buffer.write(line)


def edit(text: str, rnd: random.Random) -> str:
    """One keystroke's worth of change somewhere in the body's second half."""
    at = text.rfind(" ", 0, rnd.randrange(len(text) // 2, len(text) - 1))
    kind = rnd.random()
    if kind < 0.34:  # a word typed partway: often not a dictionary word
        word = rnd.choice(WORDS)
        return text[:at] + " " + word[: rnd.randint(2, len(word))] + text[at:]
    if kind < 0.67:
        return text[:at] + " " + rnd.choice(WORDS[:3]) + text[at:]
    return text[: at + 1] + text[at + 2 :]


def summary(name: str, values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
    return (
        f"{name}: n={len(values)} min {values[0]:.1f} ms, median {statistics.median(values):.1f} ms, "
        f"p95 {p95:.1f} ms, max {values[-1]:.1f} ms"
    )


async def run(args: argparse.Namespace) -> None:
    session = Session()
    client = session.client
    env = dict(os.environ)
    if args.fresh_cache:
        env["NEWSLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="newslint-bench-cache-")
    await client.start_io(str(NEWSLINT), "lsp", env=env)
    forward = asyncio.create_task(forward_stderr(client._server))
    folder = Path(tempfile.mkdtemp(prefix="newslint-bench-"))
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=folder.as_uri(),
            workspace_folders=[types.WorkspaceFolder(folder.as_uri(), "bench")],
        )
    )
    client.initialized(types.InitializedParams())
    text = Path(args.article).read_text("utf-8")
    uri = (folder / "article.md").as_uri()
    started = time.perf_counter()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text))
    )
    await session.wait_for(1)
    print(
        f"article: {len(text.split())} words; first check {1000 * (session.arrived[1] - started):.0f} ms"
    )

    rnd = random.Random(args.seed)
    version = 1
    single: list[float] = []
    for _ in range(args.edits):
        text = edit(text, rnd)
        version += 1
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version, uri),
                [types.TextDocumentContentChangeWholeDocument(text)],
            )
        )
        await session.wait_for(version)
        single.append(1000 * (session.arrived[version] - sent))
        await asyncio.sleep(rnd.uniform(0.01, 0.05))

    bursts: list[float] = []
    for _ in range(args.edits // 5):
        for _key in range(8):
            text = edit(text, rnd)
            version += 1
            sent = time.perf_counter()
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    types.VersionedTextDocumentIdentifier(version, uri),
                    [types.TextDocumentContentChangeWholeDocument(text)],
                )
            )
            await asyncio.sleep(0.04)
        await session.wait_for(version)
        bursts.append(1000 * (session.arrived[version] - sent))
        await asyncio.sleep(rnd.uniform(0.1, 0.5))  # a pause between bursts

    complete: list[float] = []
    for _ in range(args.edits // 10):
        text = edit(text, rnd)
        version += 1
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version, uri),
                [types.TextDocumentContentChangeWholeDocument(text)],
            )
        )
        await session.wait_for(version)
        await asyncio.sleep(1.0)  # time for the complete pass in the worker process
        complete.append(1000 * (session.last[version] - sent))

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    forward.cancel()
    print(summary("single edits", single))
    print(summary("last key of 8-key bursts (40 ms apart)", bursts))
    print(summary("final diagnostics (the complete pass, if it differs) after an edit", complete))
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--article", default=str(ROOT / "seeds" / "004_40c630a07e428d1c.txt"))
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--fresh-cache", action="store_true", help="start with no answer cache")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()

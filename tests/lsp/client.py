"""A real LSP client for the tests (pytest-lsp) and the editor's side of positions and edits.

The client starts `newslint lsp` as a subprocess and speaks the protocol over its stdio. Positions
and edits are converted here independently of `newslint.lsp.convert`, from the LSP spec's own
definition, so a test compares two implementations rather than one with itself.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Union

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

BIN = Path(sys.executable).parent
NEWSLINT = shutil.which("newslint", path=str(BIN)) or "newslint"
SERVER = ClientServerConfig(server_command=[NEWSLINT, "lsp"], client_factory=lambda: make_client())
# the same server, with tests/lsp/noisy/sitecustomize.py making it print to standard output
NOISY_SERVER = ClientServerConfig(
    server_command=[NEWSLINT, "lsp"],
    client_factory=lambda: make_client(),
    server_env={**os.environ, "PYTHONPATH": str(Path(__file__).parent / "noisy")},
)
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS


def converter():
    """lsprotocol's converter, except that a code action carrying a command stays a code action:
    lsprotocol 2025.0.0 decodes any object with a "command" key as a bare Command, dropping the
    action's kind, diagnostics and the command's arguments."""
    converter = default_converter()

    def command_or_code_action(value: Any, _type: Any) -> types.Command | types.CodeAction:
        if isinstance(value.get("command"), str):
            return converter.structure(value, types.Command)
        return converter.structure(value, types.CodeAction)

    converter.register_structure_hook(
        Union[types.Command, types.CodeAction],  # noqa: UP007 - the exact type lsprotocol uses
        command_or_code_action,
    )
    return converter


def make_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publication (with its version) and registration."""
    client = LanguageClient(converter_factory=converter)
    client.published = []  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)  # type: ignore[attr-defined]

    def register(client: LanguageClient, params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    register_lsp_features(
        client,
        {**DEFAULT_CLIENT_FEATURES, PUBLISH: publish, types.CLIENT_REGISTER_CAPABILITY: register},
    )
    return client


def initialize_params(
    folder: Path, capabilities: types.ClientCapabilities
) -> types.InitializeParams:
    return types.InitializeParams(
        capabilities=capabilities,
        root_uri=folder.as_uri(),
        workspace_folders=[types.WorkspaceFolder(folder.as_uri(), folder.name)],
    )


async def published(
    client: LanguageClient,
    uri: str,
    version: int | None,
    after: int = 0,
    until: Callable[[types.PublishDiagnosticsParams], bool] | None = None,
    timeout: float = 30,
) -> types.PublishDiagnosticsParams:
    """The first publication for `uri` at `version` (after index `after`) that satisfies `until`.

    The server publishes a quick pass at once and the complete pass if it differs, so a test of
    what a version's findings are waits for them to be what it expects, or fails showing the
    last ones published.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    seen = after
    last = None
    while loop.time() < deadline:
        for params in client.published[seen:]:  # type: ignore[attr-defined]
            if params.uri == uri and params.version == version:
                last = params
                if until is None or until(params):
                    return params
        seen = len(client.published)  # type: ignore[attr-defined]
        await asyncio.sleep(0.005)
    shown = received(last) if last is not None else "nothing"
    raise AssertionError(f"{uri} version {version}: last published {shown}")


def open_document(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", version, text))
    )
    return uri


def change_document(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version, uri),
            [types.TextDocumentContentChangeWholeDocument(text)],
        )
    )


# the editor's side ------------------------------------------------------------------------------


def lines_of(text: str) -> list[str]:
    """Lines as LSP defines them (split at CRLF, LF and CR), without their breaks."""
    return re.split(r"\r\n|\n|\r", text)


def units(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def to_position(text: str, line: int, column: int, encoding: str) -> tuple[int, int]:
    """A JSON report's 1-based line and code-point column as an LSP (line, character)."""
    row = lines_of(text)[line - 1]
    if line == 1 and text.startswith("\ufeff"):
        column += 1  # the report counts columns after the BOM; the editor's buffer holds it
    assert column - 1 <= len(row), "the report points past the end of the line"
    return line - 1, units(row[: column - 1], encoding)


def offset_of(text: str, position: types.Position, encoding: str) -> int:
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]
    row = lines_of(text)[position.line]
    for index in range(len(row) + 1):
        if units(row[:index], encoding) == position.character:
            return starts[position.line] + index
    raise AssertionError(f"{position} is not a character boundary")


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    spans = sorted(
        (
            (offset_of(text, e.range.start, encoding), offset_of(text, e.range.end, encoding), e)
            for e in edits
        ),
        key=lambda s: (s[0], s[1]),
        reverse=True,
    )
    for start, end, edit in spans:
        text = text[:start] + edit.new_text + text[end:]
    return text


def edits_for(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    if edit.document_changes:
        return [
            e
            for change in edit.document_changes
            if change.text_document.uri == uri
            for e in change.edits
        ]
    return list((edit.changes or {}).get(uri, []))


def cli_findings(folder: Path, path: Path, text: str) -> list[dict[str, Any]]:
    """The CLI's JSON findings for `text` as the file at `path`, run in the workspace folder."""
    run = subprocess.run(
        [NEWSLINT, "-", "--stdin-filename", os.path.relpath(path, folder), "--format", "json"],
        input=text.encode("utf-8", "surrogatepass"),
        cwd=folder,
        capture_output=True,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr.decode()
    return json.loads(run.stdout)["files"][0]["findings"]


SEVERITY = {"error": 1, "warning": 2, "info": 3}


def expected_diagnostics(
    folder: Path, path: Path, text: str, encoding: str
) -> list[tuple[str, str, int, tuple[int, int], tuple[int, int]]]:
    """What the server must publish: the CLI's findings, placed in the editor's units."""
    return [
        (
            f["code"],
            f["message"],
            SEVERITY[f["severity"]],
            to_position(text, f["line"], f["column"], encoding),
            to_position(text, f["end_line"], f["end_column"], encoding),
        )
        for f in cli_findings(folder, path, text)
    ]


def received(params: types.PublishDiagnosticsParams):
    return [
        (
            d.code,
            d.message,
            int(d.severity),
            (d.range.start.line, d.range.start.character),
            (d.range.end.line, d.range.end.character),
        )
        for d in params.diagnostics
    ]

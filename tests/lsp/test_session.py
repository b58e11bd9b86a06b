"""A real editor session: pytest-lsp starts `newslint lsp` and speaks LSP to it over stdio.

initialize → didOpen a seed → exactly the CLI's findings → code actions → apply a fix → updated
diagnostics → hover → configuration reload → bad buffers → shutdown and exit.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from tests.helpers import article
from tests.lsp.client import (
    NOISY_SERVER,
    SERVER,
    apply_edits,
    change_document,
    edits_for,
    expected_diagnostics,
    initialize_params,
    open_document,
    published,
    received,
)

SEEDS = Path(__file__).parents[2] / "seeds"
SEED = "000_4e8bf0b53589c3cc.txt"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "newsroom"
    (folder / "news").mkdir(parents=True)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / "news" / seed.name)
    return folder


@pytest_lsp.fixture(config=SERVER)
async def vscode(lsp_client: LanguageClient, workspace: Path):
    await lsp_client.initialize_session(
        initialize_params(workspace, client_capabilities("visual-studio-code"))
    )
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_a_seed_gets_the_cli_findings_and_a_fix_updates_them(
    vscode: LanguageClient, workspace: Path
) -> None:
    path = workspace / "news" / SEED
    text = path.read_text("utf-8")
    uri = open_document(vscode, path, text)
    expected = expected_diagnostics(workspace, path, text, "utf-16")
    first = await published(vscode, uri, 1, until=lambda p: received(p) == expected)
    assert {d[0] for d in expected} >= {"NL201", "NL502", "NL601"}
    for diag in first.diagnostics:
        assert diag.source == "newslint"
        assert diag.code_description.href.startswith("https://github.com/newslint/newslint#nl")

    emphasis = next(d for d in first.diagnostics if d.code == "NL601")
    found = await vscode.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            emphasis.range,
            types.CodeActionContext(diagnostics=[emphasis]),
        )
    )
    titles = [a.title for a in found]
    assert "Silence NL601 on this line" in titles
    assert "Fix all safe problems in this file" in titles
    fix = next(a for a in found if a.is_preferred)
    assert fix.title.startswith("NL601: ") and fix.kind == "quickfix"
    assert fix.edit.document_changes[0].text_document.version == 1

    fixed = apply_edits(text, edits_for(fix.edit, uri), "utf-16")
    change_document(vscode, uri, fixed, 2)
    expected = expected_diagnostics(workspace, path, fixed, "utf-16")
    second = await published(vscode, uri, 2, until=lambda p: received(p) == expected)
    assert len(second.diagnostics) == len(first.diagnostics) - 1
    assert emphasis.range not in [d.range for d in second.diagnostics]

    fix_all = next(
        a
        for a in await vscode.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(uri),
                second.diagnostics[0].range,
                types.CodeActionContext(diagnostics=[]),
            )
        )
        if a.title == "Fix all safe problems in this file"
    )
    assert fix_all.edit is None  # VS Code resolves edits lazily
    resolved = await vscode.code_action_resolve_async(fix_all)
    all_fixed = apply_edits(fixed, edits_for(resolved.edit, uri), "utf-16")
    change_document(vscode, uri, all_fixed, 3)
    expected = expected_diagnostics(workspace, path, all_fixed, "utf-16")
    third = await published(vscode, uri, 3, until=lambda p: received(p) == expected)
    assert not [d for d in third.diagnostics if d.code == "NL601"]


@pytest.mark.asyncio
async def test_hover_shows_the_rule_documentation(vscode: LanguageClient, workspace: Path) -> None:
    path = workspace / "news" / SEED
    text = path.read_text("utf-8")
    uri = open_document(vscode, path, text)
    diagnostics = (await published(vscode, uri, 1)).diagnostics
    visit = next(d for d in diagnostics if d.code == "NL201")
    hover = await vscode.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), visit.range.start)
    )
    assert hover.range == visit.range
    assert hover.contents.kind == types.MarkupKind.Markdown
    from newslint.registry import default_registry
    from newslint.ruledoc import describe

    registry = default_registry()
    assert describe(registry.by_code("NL201"), registry) in hover.contents.value
    nothing = await vscode.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 0))
    )
    assert nothing is None


def capabilities_with(encodings: list[str] | None) -> types.ClientCapabilities:
    capabilities = client_capabilities("visual-studio-code")
    capabilities.general = types.GeneralClientCapabilities(position_encodings=encodings)
    return capabilities


# an emoji (two UTF-16 units, four UTF-8 bytes) and an accented letter before findings on the same
# line, CRLF line ends and a BOM: every column differs between the three encodings
HOSTILE = "\ufeff" + article(
    "Residents 😀 in Café Row were told to call the the police.\n"
    "Pedestrians 👮🏽 saw the  **999. ** sign.\n"
    "Visit.\n"
).replace("\n", "\r\n")


# not an article: findings on the BOM's own line
HEADLINE = "\ufeffHeadline 😀 call the the police\r\nVisit.\r\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8", "utf-32"])
@pytest.mark.asyncio
async def test_positions_are_exact_in_every_encoding(
    lsp_client: LanguageClient, workspace: Path, encoding: str
) -> None:
    result = await lsp_client.initialize_session(
        initialize_params(workspace, capabilities_with([encoding]))
    )
    assert result.capabilities.position_encoding == encoding
    path = workspace / "news" / "hostile.md"
    uri = open_document(lsp_client, path, HOSTILE)
    expected = expected_diagnostics(workspace, path, HOSTILE, encoding)
    await published(lsp_client, uri, 1, until=lambda p: received(p) == expected)
    assert [e[0] for e in expected] == ["NL505", "NL601", "NL201"]
    utf32 = expected_diagnostics(workspace, path, HOSTILE, "utf-32")
    assert encoding == "utf-32" or expected[0][3] != utf32[0][3]

    headline = open_document(lsp_client, workspace / "news" / "headline.md", HEADLINE)
    expected = expected_diagnostics(
        workspace, workspace / "news" / "headline.md", HEADLINE, encoding
    )
    await published(lsp_client, headline, 1, until=lambda p: received(p) == expected)
    assert [(e[0], e[3][0]) for e in expected] == [("NL101", 0), ("NL505", 0)]
    # after the BOM, which the editor's buffer holds: 3 bytes in UTF-8, 1 unit otherwise
    assert expected[0][3] == (0, 3 if encoding == "utf-8" else 1)


@pytest_lsp.fixture(config=SERVER)
async def lsp_client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


def codes(*expected: str):
    return lambda params: [d.code for d in params.diagnostics] == list(expected)


async def actions_at(client: LanguageClient, uri: str, diag: types.Diagnostic, only=None):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            diag.range,
            types.CodeActionContext(diagnostics=[diag], only=only),
        )
    )


SPELLING = article(
    "Officers met Ms Smith at the scene.\n"
    "The sergeant said the group would liase with the council.\n"
    "The team will liase with residents\n"
    "and will discretely patrol the area.\n"
)


@pytest.mark.asyncio
async def test_silencing_a_line_and_adding_a_word_to_a_new_word_list(
    vscode: LanguageClient, workspace: Path
) -> None:
    path = workspace / "news" / "draft.md"
    uri = open_document(vscode, path, SPELLING)
    expected = expected_diagnostics(workspace, path, SPELLING, "utf-16")
    assert [e[0] for e in expected] == ["NL501", "NL501", "NL502"]
    first = (await published(vscode, uri, 1, until=lambda p: received(p) == expected)).diagnostics

    # the third line follows a line of the same paragraph: the comment goes at its end
    confused = first[2]
    silence = next(
        a for a in await actions_at(vscode, uri, confused) if a.title.startswith("Silence")
    )
    silenced = apply_edits(SPELLING, edits_for(silence.edit, uri), "utf-16")
    assert "residents <!-- newslint: disable-next-line NL502 -->\n" in silenced
    change_document(vscode, uri, silenced, 2)
    second = (
        await published(vscode, uri, 2, until=codes("NL501", "NL501"))
    ).diagnostics  # no NL001

    add = next(a for a in await actions_at(vscode, uri, second[0]) if a.title.startswith("Add"))
    assert (
        add.title
        == 'Add "liase" to a new word list newslint-words.txt (and name it in newslint.toml)'
    )
    count = len(vscode.published)
    await vscode.workspace_execute_command_async(
        types.ExecuteCommandParams(add.command.command, add.command.arguments)
    )
    assert (workspace / "newslint-words.txt").read_text() == "liase\n"
    assert (workspace / "newslint.toml").read_text() == 'words-files = ["newslint-words.txt"]\n'
    assert any("newslint-words.txt" in m.message for m in vscode.messages)
    await published(vscode, uri, 2, after=count, until=codes())


@pytest.mark.asyncio
async def test_adding_a_word_to_the_configured_list(
    vscode: LanguageClient, workspace: Path
) -> None:
    (workspace / "pyproject.toml").write_text(
        '[project]\nname = "news"\n\n[tool.newslint]\nwords-files = ["words/extra.txt"]\n'
    )
    (workspace / "words").mkdir()
    (workspace / "words" / "extra.txt").write_text("# place names\nZebedee\n")
    path = workspace / "news" / "draft.md"
    uri = open_document(vscode, path, SPELLING)
    liase = (await published(vscode, uri, 1, until=codes("NL501", "NL501", "NL502"))).diagnostics[0]
    add = next(a for a in await actions_at(vscode, uri, liase) if a.title.startswith("Add"))
    assert add.title == 'Add "liase" to the word list words/extra.txt'
    count = len(vscode.published)
    await vscode.workspace_execute_command_async(
        types.ExecuteCommandParams(add.command.command, add.command.arguments)
    )
    assert (workspace / "words" / "extra.txt").read_text() == "# place names\nZebedee\nliase\n"
    await published(vscode, uri, 1, after=count, until=codes("NL502"))


@pytest.mark.asyncio
async def test_configuration_reloads_and_a_broken_one_is_reported_once(
    vscode: LanguageClient, workspace: Path
) -> None:
    path = workspace / "news" / SEED
    text = path.read_text("utf-8")
    uri = open_document(vscode, path, text)
    expected = expected_diagnostics(workspace, path, text, "utf-16")
    before = [e[0] for e in expected]
    assert "NL601" in before
    await published(vscode, uri, 1, until=codes(*before))
    without = [c for c in before if c != "NL601"]
    watchers = [
        w["globPattern"]
        for r in vscode.registrations
        if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
        for w in r.register_options["watchers"]
    ]
    # the config files, and the word list "add to the word list" would create
    assert {
        "**/pyproject.toml",
        "**/newslint.toml",
        "**/.newslint.toml",
        "**/newslint-words.txt",
    } <= set(watchers)

    config = workspace / "newslint.toml"

    async def config_changed(content: str, *expected: str) -> types.PublishDiagnosticsParams:
        count = len(vscode.published)
        config.write_text(content)
        vscode.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                [types.FileEvent(config.as_uri(), types.FileChangeType.Changed)]
            )
        )
        return await published(vscode, uri, 1, after=count, until=codes(*expected))

    await config_changed('ignore = ["NL601"]\n', *without)
    assert vscode.messages == []

    await config_changed('ignore = ["NL601"\n', *without)  # broken: the last good one is kept
    assert len(vscode.messages) == 1
    assert vscode.messages[0].type == types.MessageType.Error
    assert "newslint.toml" in vscode.messages[0].message
    assert "last good configuration" in vscode.messages[0].message

    await config_changed('ignore = ["NL601"\n', *without)  # saved again, still broken
    assert len(vscode.messages) == 1
    await config_changed('ignore = ["NL999"]\n', *without)
    assert len(vscode.messages) == 2 and "NL999" in vscode.messages[-1].message

    await config_changed("", *before)


@pytest.mark.asyncio
async def test_bad_buffers_get_findings_and_the_server_carries_on(
    vscode: LanguageClient, workspace: Path
) -> None:
    # a schema that is JSON but not a JSON Schema fails in the rule, not when loading the config
    (workspace / "broken.schema.json").write_text('{"type": 12}')
    (workspace / "newslint.toml").write_text(
        'max-file-size = 4000\nschema = "broken.schema.json"\nexclude = ["archive/**"]\n'
    )
    news = workspace / "news"
    binary = open_document(vscode, news / "photo.md", "\n\x00\x01PNG")
    huge = open_document(vscode, news / "huge.md", article("Officers met residents.\n" * 400))
    notes = open_document(vscode, news / "notes.txt", "Shopping list\n\nMilk, eggs")
    failing = open_document(vscode, news / "draft.md", article("Officers met residents.\n"))
    archived = open_document(vscode, workspace / "archive" / "old.md", "no front matter")
    (workspace / "newslint-words.txt").write_text("Zebedee\n")
    word_list = open_document(vscode, workspace / "newslint-words.txt", "Zebedee\n")
    # JSON can carry a lone UTF-16 surrogate, which no UTF-8 file can hold
    surrogate = open_document(vscode, news / "pasted.md", "ab\ud800cd")

    found = {
        uri: [
            (d.code, d.range.start.line, d.range.start.character, d.range.end.character, d.message)
            for d in (await published(vscode, uri, 1)).diagnostics
        ]
        for uri in (binary, huge, notes, failing, archived, surrogate, word_list)
    }
    assert found[binary] == [
        ("NL003", 0, 0, 0, "binary file (it contains NUL bytes); only UTF-8 text is linted")
    ]
    assert found[huge] == [
        (
            "NL003",
            0,
            0,
            1,
            "buffer is 9,776 bytes, more than max-file-size (4,000 bytes); not linted",
        )
    ]
    assert [c[0] for c in found[notes]] == ["NL101"]
    assert [c[0] for c in found[failing]] == ["NL002"]
    assert "rule NL103 (front-matter-schema) failed on this file" in found[failing][0][4]
    assert found[archived] == []
    assert found[word_list] == []  # not an article
    assert found[surrogate] == [
        (
            "NL003",
            0,
            2,
            3,
            "not valid UTF-8: byte 0xED at byte offset 2 (save the file as UTF-8)",
        )
    ]

    # still serving
    hover = await vscode.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(binary), types.Position(0, 0))
    )
    assert "NL003 unreadable-file" in hover.contents.value


@pytest.mark.asyncio
async def test_exit_codes_follow_the_protocol(lsp_client: LanguageClient, workspace: Path) -> None:
    await lsp_client.initialize_session(initialize_params(workspace, client_capabilities("neovim")))
    await lsp_client.shutdown_async(None)
    lsp_client.exit(None)
    assert await lsp_client._server.wait() == 0
    lsp_client.capabilities = None  # already shut down: nothing for the fixture to do


@pytest.mark.asyncio
async def test_exit_without_shutdown_is_code_1(lsp_client: LanguageClient, workspace: Path) -> None:
    await lsp_client.initialize_session(initialize_params(workspace, client_capabilities("neovim")))
    lsp_client.exit(None)
    assert await lsp_client._server.wait() == 1
    lsp_client.capabilities = None


def test_without_the_extra_the_command_says_what_to_install() -> None:
    import subprocess

    blocked = "import sys; sys.modules['pygls'] = None; from newslint.cli import main; main()"
    run = subprocess.run(
        [sys.executable, "-c", blocked, "lsp"], capture_output=True, text=True, check=False
    )
    assert run.returncode == 2
    assert (
        run.stderr
        == 'newslint: error: the language server needs pygls: pip install "newslint[lsp]"\n'
    )


@pytest_lsp.fixture(config=NOISY_SERVER)
async def noisy_client(lsp_client: LanguageClient, workspace: Path):
    await lsp_client.initialize_session(initialize_params(workspace, client_capabilities("neovim")))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_nothing_printed_can_corrupt_the_protocol(
    noisy_client: LanguageClient, workspace: Path
) -> None:
    """tests/lsp/noisy/sitecustomize.py makes every Document print to standard output, through
    Python and straight to descriptor 1, in the server and in its worker process."""
    path = workspace / "news" / SEED
    text = path.read_text("utf-8")
    uri = open_document(noisy_client, path, text)
    expected = expected_diagnostics(workspace, path, text, "utf-8")
    await published(noisy_client, uri, 1, until=lambda p: received(p) == expected)
    change_document(noisy_client, uri, text + "Call the the police.\n", 2)
    await published(
        noisy_client, uri, 2, until=lambda p: "NL505" in [d.code for d in p.diagnostics]
    )


@pytest.mark.asyncio
async def test_fix_all_for_a_client_that_cannot_resolve(
    lsp_client: LanguageClient, workspace: Path
) -> None:
    capabilities = client_capabilities("neovim")
    capabilities.text_document.code_action.resolve_support = None
    await lsp_client.initialize_session(initialize_params(workspace, capabilities))
    path = workspace / "news" / "draft.md"
    text = article("Call the the police.\n")
    uri = open_document(lsp_client, path, text)
    diagnostics = (await published(lsp_client, uri, 1, until=codes("NL505"))).diagnostics
    found = await actions_at(lsp_client, uri, diagnostics[0])
    fix_all = next(a for a in found if a.title == "Fix all safe problems in this file")
    assert fix_all.edit is not None  # computed at once
    fixed = apply_edits(text, edits_for(fix_all.edit, uri), "utf-8")
    assert fixed == article("Call the police.\n")

"""The language server: the pygls server object and one small handler per LSP feature.

Each handler reads the buffer, asks `check` (the engine) or `actions`, and sends the converted
result. Each change is linted twice, off the event loop. First a quick pass on a worker thread,
after a short debounce, which leaves out slow optional work (new spelling suggestions take
Hunspell 0.1-0.4 s per word, holding the GIL): its diagnostics are published at once. Then a
complete pass in a worker process, exactly what the CLI reports, published if it differs. A run
whose buffer changed meanwhile is dropped, so only the newest text's findings are published.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path
from typing import Any

from lsprotocol import types
from newslint import __version__
from newslint.config import ConfigError
from newslint.lsp import actions
from newslint.lsp.check import Checked, check, converted, lint_buffer, lint_text, warm_up
from newslint.lsp.convert import UTF16, contains, hover_text
from newslint.lsp.project import WATCHED_NAMES, Projects, add_word, folder_for, word_list_names
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

log = logging.getLogger("newslint.lsp")

# didChange waits this long for the next keystroke before linting: short, because it counts
# against the 150 ms from change to diagnostics; linting an article takes 10-25 ms
DEBOUNCE_SECONDS = 0.015
# the complete pass waits for typing to pause, so that it does not take the CPU from the next
# keystroke's quick pass (a machine may have two cores)
COMPLETE_AFTER_IDLE_SECONDS = 0.25
WATCH_REGISTRATION = "newslint-watched-files"


class NewslintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "newslint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.projects = Projects()
        self.checked: dict[str, Checked] = {}
        self.open: set[str] = set()
        self.lint_pool = ThreadPoolExecutor(1, thread_name_prefix="newslint-lint")
        self._complete_pool: ProcessPoolExecutor | None = None
        self._to_complete: dict[str, None] = {}  # URIs in the order they asked
        self._completing = False
        self._warm: set[Path] = set()
        self._generation: dict[str, int] = {}
        self._fixed: dict[str, tuple[str, str | None]] = {}  # URI: (text, fixed text)
        self._outages_shown: set[str] = set()
        self._watched: set[str] = set()
        self.shut_down = False

    # configuration ----------------------------------------------------------------------------

    def workspace_folders(self) -> list[Path]:
        paths = [to_fs_path(f.uri) for f in self.workspace.folders.values()]
        if not paths and self.workspace.root_path:
            paths = [self.workspace.root_path]
        return [Path(p).resolve() for p in paths if p]

    def project_for(self, path: str | None):
        folder = folder_for(Path(path).resolve() if path else None, self.workspace_folders())
        project, message = self.projects.get(folder)
        if message:
            log.warning("%s", message)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, message))
        return project

    def reload(self) -> None:
        """Configuration or word lists changed: load again and re-lint every open buffer."""
        self.projects.invalidate()
        self._fixed.clear()
        for uri in list(self.open):
            self.schedule(uri, 0)
        self.watch_word_lists()

    def watched_names(self) -> set[str]:
        """Names of the files whose change means "load again": configs and word lists."""
        names = set(WATCHED_NAMES)
        for checked in list(self.checked.values()):
            names.update(word_list_names(checked.project))
        return names

    def watch_word_lists(self) -> None:
        """Ask the client to tell us about config files and word lists that change on disk."""
        capability = self.client_capabilities.workspace
        watched = capability.did_change_watched_files if capability else None
        if not (watched and watched.dynamic_registration):
            return
        globs = {f"**/{name}" for name in self.watched_names()}
        new = sorted(globs - self._watched)
        if not new:
            return
        self._watched.update(new)
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=g) for g in new]
        )
        registration = types.Registration(
            id=f"{WATCH_REGISTRATION}-{len(self._watched)}",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options,
        )
        self.client_register_capability(types.RegistrationParams([registration]))

    def is_watched(self, path: str | None) -> bool:
        return path is not None and Path(path).name in self.watched_names()

    # linting ----------------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """Lint `uri` after `delay`, unless a later change asks again first."""
        generation = self._generation.get(uri, 0) + 1
        self._generation[uri] = generation
        asyncio.ensure_future(self._lint_later(uri, generation, delay)).add_done_callback(_logged)

    async def _lint_later(self, uri: str, generation: int, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        if self._generation.get(uri) != generation or uri not in self.open:
            return  # a newer change or a close superseded this run
        document = self.workspace.get_text_document(uri)
        text, version, path = document.source, document.version, to_fs_path(uri)
        project = self.project_for(path)
        encoding = self.position_encoding()
        loop = asyncio.get_running_loop()
        checked = await loop.run_in_executor(
            self.lint_pool, partial(check, uri, version, text, path, project, encoding, quick=True)
        )
        if self._generation.get(uri) != generation or uri not in self.open:
            return  # the buffer changed while it was linted: its own run will publish
        self.publish(checked)
        folder = checked.project.config.root
        if folder not in self._warm:
            self._warm.add(folder)
            loop.run_in_executor(self.lint_pool, warm_up, checked.project)
        await asyncio.sleep(COMPLETE_AFTER_IDLE_SECONDS)
        if self._generation.get(uri) == generation:
            self.complete_soon(uri)

    def publish(self, checked: Checked) -> None:
        self.checked[checked.uri] = checked
        self.watch_word_lists()  # before the diagnostics, so a client hears of it first
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(checked.uri, list(checked.diagnostics), checked.version)
        )
        for message in checked.outages:
            if message not in self._outages_shown:
                self._outages_shown.add(message)
                self.window_show_message(
                    types.ShowMessageParams(types.MessageType.Warning, f"newslint: {message}")
                )

    @property
    def complete_pool(self) -> ProcessPoolExecutor:
        if self._complete_pool is None:
            # spawn, not fork: this process has threads (pygls's reader, the lint thread); a
            # lower priority, so that the next keystroke's quick pass goes first
            context = multiprocessing.get_context("spawn")
            self._complete_pool = ProcessPoolExecutor(
                1, mp_context=context, initializer=_lower_priority
            )
        return self._complete_pool

    def complete_soon(self, uri: str) -> None:
        """Queue the complete pass for `uri`; one runs at a time, for the newest text."""
        self._to_complete[uri] = None
        if not self._completing:
            self._completing = True
            asyncio.ensure_future(self._complete_queued()).add_done_callback(_logged)

    async def _complete_queued(self) -> None:
        try:
            while self._to_complete and not self.shut_down:
                uri = next(iter(self._to_complete))
                del self._to_complete[uri]
                await self._complete(uri)
        finally:
            self._completing = False

    async def _complete(self, uri: str) -> None:
        quick = self.current(uri)
        if quick is None:
            return  # closed, or changed since: its own quick pass queues it again
        generation = self._generation.get(uri)
        project = quick.project
        loop = asyncio.get_running_loop()
        text, path = quick.buffer.text, quick.path
        try:
            result = await loop.run_in_executor(
                self.complete_pool, lint_text, text, path, project.config, project.settings
            )
            outcome = _returning(result)
        except BrokenProcessPool as exc:
            log.error("the complete-pass worker died (%s); starting another", exc)
            self._complete_pool = None
            return
        except Exception as exc:  # the worker's failure is this buffer's NL002, as in-process
            outcome = _raising(exc)
        if self._generation.get(uri) != generation or uri not in self.open:
            return
        complete = converted(
            uri, quick.version, text, path, project, quick.buffer.encoding, outcome
        )
        if complete.diagnostics != quick.diagnostics or complete.outages:
            self.publish(complete)
        else:
            self.checked[uri] = complete

    def current(self, uri: str) -> Checked | None:
        """The last result, if it is for the buffer's current text (else positions are stale)."""
        checked = self.checked.get(uri)
        if checked is None or uri not in self.open:
            return None
        if checked.buffer.text != self.workspace.get_text_document(uri).source:
            return None
        return checked

    async def fixed_text(self, checked: Checked) -> str | None:
        """The buffer as `newslint --fix` would leave it; kept for the latest text of each URI."""
        text = checked.buffer.text
        kept = self._fixed.get(checked.uri)
        if kept is None or kept[0] != text:
            loop = asyncio.get_running_loop()
            # quick is enough: the slow work it leaves out (suggestions) only makes unsafe fixes
            result = await loop.run_in_executor(
                self.lint_pool,
                partial(
                    lint_buffer,
                    checked.buffer.text,
                    checked.path,
                    checked.project,
                    fix=True,
                    quick=True,
                ),
            )
            kept = self._fixed[checked.uri] = (text, result.fixed_text)
        return kept[1]

    def position_encoding(self) -> str:
        """The encoding pygls negotiated, as its plain name (pygls may hold an enum member)."""
        chosen = self.workspace.position_encoding or UTF16
        return str(getattr(chosen, "value", chosen))

    def supports(self, dotted: str) -> bool:
        value: Any = self.client_capabilities
        for part in dotted.split("."):
            value = getattr(value, part, None)
            if value is None:
                return False
        return bool(value)


def _logged(task: asyncio.Future) -> None:
    """A background run that failed is logged; the server carries on."""
    if not task.cancelled() and task.exception() is not None:
        log.error("background lint failed", exc_info=task.exception())


def _lower_priority() -> None:
    if hasattr(os, "nice"):
        os.nice(10)


def _returning(result):
    return lambda _text, _path, _project: result


def _raising(exc: Exception):
    def fail(_text, _path, _project):
        raise exc

    return fail


server = NewslintServer()


@server.feature(types.INITIALIZED)
def initialized(ls: NewslintServer, _params: types.InitializedParams) -> None:
    ls.watch_word_lists()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.open.add(params.text_document.uri)
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
def did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams) -> None:
    if ls.is_watched(to_fs_path(params.text_document.uri)):
        ls.reload()
    elif params.text_document.uri in ls.open:
        ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.open.discard(uri)
    ls.checked.pop(uri, None)
    ls._fixed.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: NewslintServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any(ls.is_watched(to_fs_path(change.uri)) for change in params.changes):
        ls.reload()


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL_KIND],
        resolve_provider=True,
    ),
)
async def code_action(ls: NewslintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    checked = ls.current(params.text_document.uri)
    if checked is None:
        return []
    versioned = ls.supports("workspace.workspace_edit.document_changes")
    found = actions.code_actions(checked, params.range, params.context.only, versioned=versioned)
    resolvable = ls.supports("text_document.code_action.resolve_support") and "edit" in (
        ls.client_capabilities.text_document.code_action.resolve_support.properties
    )
    for action in found:
        if action.title == actions.FIX_ALL_TITLE and not resolvable:
            actions.resolve_fix_all(
                action, checked, await ls.fixed_text(checked), versioned=versioned
            )
    return found


@server.feature(types.CODE_ACTION_RESOLVE)
async def resolve_code_action(ls: NewslintServer, action: types.CodeAction) -> types.CodeAction:
    data = action.data if isinstance(action.data, dict) else {}
    checked = ls.current(str(data.get("uri")))
    if action.title != actions.FIX_ALL_TITLE or checked is None:
        return action
    if checked.version != data.get("version"):
        return action  # the buffer moved on; the client asks again for the new version
    versioned = ls.supports("workspace.workspace_edit.document_changes")
    return actions.resolve_fix_all(
        action, checked, await ls.fixed_text(checked), versioned=versioned
    )


@server.command(actions.ADD_WORD_COMMAND)
def add_word_command(ls: NewslintServer, uri: str, word: str) -> None:
    checked = ls.checked.get(uri)
    project = checked.project if checked else ls.project_for(to_fs_path(uri))
    try:
        done = add_word(project, word)
    except (OSError, ConfigError) as exc:
        ls.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"newslint: {exc}"))
        return
    ls.window_show_message(types.ShowMessageParams(types.MessageType.Info, f"newslint: {done}"))
    ls.reload()


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: NewslintServer, params: types.HoverParams) -> types.Hover | None:
    checked = ls.current(params.text_document.uri)
    if checked is None:
        return None
    under = [
        (finding, diag)
        for finding, diag in zip(checked.findings, checked.diagnostics, strict=True)
        if contains(diag.range, params.position)
    ]
    if not under:
        return None
    formats = ls.supports("text_document.hover.content_format") and (
        ls.client_capabilities.text_document.hover.content_format
    )
    markdown = not formats or types.MarkupKind.Markdown in formats
    codes = list(dict.fromkeys(f.code for f, _ in under))
    text = hover_text(
        [checked.project.registry.by_code(c) for c in codes],
        checked.project.registry,
        markdown=markdown,
    )
    return types.Hover(
        contents=types.MarkupContent(
            types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText, text
        ),
        range=under[0][1].range,
    )


@server.feature(types.SHUTDOWN)
def shutdown(ls: NewslintServer, _params: None) -> None:
    ls.shut_down = True
    ls.open.clear()  # pending runs see the buffers gone and stop
    ls.lint_pool.shutdown(wait=False, cancel_futures=True)
    if ls._complete_pool is not None:
        ls._complete_pool.shutdown(wait=False, cancel_futures=True)


def serve() -> int:
    """Speak LSP on standard input and output until the client says exit."""
    logging.basicConfig(
        stream=sys.stderr, level=logging.WARNING, format="newslint lsp: %(levelname)s %(message)s"
    )
    # the protocol gets a descriptor of its own, and descriptor 1 becomes standard error, so
    # that nothing a rule, a C library or the worker process prints can corrupt the stream
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    server.start_io(sys.stdin.buffer, protocol_out)
    # the protocol's rule: 0 after shutdown then exit, 1 for exit (or a lost client) without it
    return 0 if server.shut_down else 1

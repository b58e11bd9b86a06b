"""Code actions for one linted buffer: each fix, fix all, silence a line, add a word.

Pure functions of a `Checked` buffer and the request; the server only routes. Edits carry the
buffer's version where the client supports it, so an edit computed for an older text is refused
by the editor rather than applied to the wrong place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from lsprotocol import types
from newslint.codes import ENGINE_RULES
from newslint.engine import Finding
from newslint.frontmatter import locate_block
from newslint.lsp.check import Checked
from newslint.lsp.convert import edits_between, fix_edits, overlaps
from newslint.lsp.project import word_list
from newslint.words_file import SPELLING_RULE

ADD_WORD_COMMAND = "newslint.addWord"
FIX_ALL_KIND = "source.fixAll.newslint"
FIX_ALL_TITLE = "Fix all safe problems in this file"
QUICKFIX = types.CodeActionKind.QuickFix
# engine codes describe the run or the comments themselves; a comment cannot silence them
_NOT_SILENCEABLE = frozenset(r.code for r in ENGINE_RULES)
_TRAILING_DIRECTIVE = re.compile(
    r"<!--\s*newslint\s*:\s*disable-next-line\b(?P<args>[^>]*?)(?P<close>\s*-->)[ \t]*$"
)


def allowed(kind: str, only: Sequence[str] | None) -> bool:
    """LSP kinds are hierarchical: asking for "source" includes "source.fixAll.newslint"."""
    return only is None or any(kind == k or kind.startswith(k + ".") for k in only)


def workspace_edit(
    checked: Checked, edits: list[types.TextEdit], versioned: bool
) -> types.WorkspaceEdit:
    if versioned and checked.version is not None:
        document = types.OptionalVersionedTextDocumentIdentifier(checked.uri, checked.version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(document, edits)])
    return types.WorkspaceEdit(changes={checked.uri: edits})


def code_actions(
    checked: Checked,
    request: types.Range,
    only: Sequence[str] | None,
    *,
    versioned: bool,
) -> list[types.CodeAction]:
    actions: list[types.CodeAction] = []
    touched = False
    for finding, diag in zip(checked.findings, checked.diagnostics, strict=True):
        if not overlaps(diag.range, request):
            continue
        touched = True
        if finding.fix is not None and allowed(QUICKFIX, only):
            actions.append(
                types.CodeAction(
                    title=fix_title(finding, checked),
                    kind=QUICKFIX,
                    diagnostics=[diag],
                    edit=workspace_edit(checked, fix_edits(finding, checked.buffer), versioned),
                    is_preferred=finding.fix.safe,
                )
            )
        silence = silence_edit(checked, finding)
        if silence is not None and allowed(QUICKFIX, only):
            actions.append(
                types.CodeAction(
                    title=f"Silence {finding.code} on this line",
                    kind=QUICKFIX,
                    diagnostics=[diag],
                    edit=workspace_edit(checked, [silence], versioned),
                )
            )
        if finding.name == SPELLING_RULE and finding.snippet and allowed(QUICKFIX, only):
            actions.append(add_word_action(checked, finding, diag))
    if any(f.fix is not None and f.fix.safe for f in checked.findings):
        if touched and allowed(QUICKFIX, only):
            actions.append(fix_all_action(checked, QUICKFIX))
        elif allowed(FIX_ALL_KIND, only):
            actions.append(fix_all_action(checked, FIX_ALL_KIND))
    return actions


def fix_title(finding: Finding, checked: Checked) -> str:
    text = checked.buffer.text
    edits = finding.fix.edits if finding.fix else ()
    if len(edits) == 1:
        (edit,) = edits
        bom = 1 if checked.buffer.bom else 0
        old = text[edit.start + bom : edit.end + bom]
        if old and edit.text:
            title = f'Replace "{old}" with "{edit.text}"'
        elif old:
            title = f'Delete "{old}"'
        else:
            title = f'Insert "{edit.text}"'
    else:
        title = f"Fix: {finding.message}"
    unsafe = finding.fix is not None and not finding.fix.safe
    return f"{finding.code}: {title}{' (unsafe fix: check the meaning)' if unsafe else ''}"


def fix_all_action(checked: Checked, kind: str) -> types.CodeAction:
    """Without its edit: `resolve_fix_all` computes that, only when the user picks it."""
    return types.CodeAction(
        title=FIX_ALL_TITLE,
        kind=kind,
        data={"uri": checked.uri, "version": checked.version},
    )


def resolve_fix_all(
    action: types.CodeAction, checked: Checked, fixed_text: str | None, *, versioned: bool
) -> types.CodeAction:
    edits = edits_between(checked.buffer, fixed_text) if fixed_text is not None else []
    action.edit = workspace_edit(checked, edits, versioned)
    return action


def add_word_action(checked: Checked, finding: Finding, diag: types.Diagnostic) -> types.CodeAction:
    word = finding.snippet.replace("’", "'")
    target = word_list(checked.project)
    if target.exists_in_config:
        title = f'Add "{word}" to the word list {_shown(target.path, checked)}'
    else:
        title = (
            f'Add "{word}" to a new word list {target.path.name} '
            f"(and name it in {target.config_path.name})"
        )
    return types.CodeAction(
        title=title,
        kind=QUICKFIX,
        diagnostics=[diag],
        command=types.Command(title=title, command=ADD_WORD_COMMAND, arguments=[checked.uri, word]),
    )


def _shown(path: Any, checked: Checked) -> str:
    try:
        return path.relative_to(checked.project.config.root).as_posix()
    except ValueError:
        return str(path)


def silence_edit(checked: Checked, finding: Finding) -> types.TextEdit | None:
    """The edit that puts `<!-- newslint: disable-next-line CODE -->` before the finding's line.

    None inside the front matter (a comment there would break the YAML) and for engine codes.
    A comment line would end a paragraph early, so after a line of the same paragraph the
    comment goes at the end of that line instead, where it silences the next line just the same;
    an existing comment there gains the code.
    """
    if finding.code in _NOT_SILENCEABLE:
        return None
    buffer = checked.buffer
    line = finding.line - 1  # engine lines are buffer lines: both split at CRLF, LF and CR
    bom = 1 if buffer.bom else 0
    block = locate_block(buffer.text[bom:])
    body_line = buffer.position(block.end + bom).line if block.style else 0
    if block.style and (line < body_line or block.end + bom >= len(buffer.text)):
        return None
    directive = f"<!-- newslint: disable-next-line {finding.code} -->"
    previous = buffer.line_text(line - 1) if line > body_line else ""
    existing = _TRAILING_DIRECTIVE.search(previous)
    if existing:
        if finding.code in existing.group("args").split():
            return None
        start, _end = buffer.line_span(line - 1)
        at = buffer.position(start + existing.start("close"))
        return types.TextEdit(types.Range(at, at), f" {finding.code}")
    if previous.strip():
        _start, end = buffer.line_span(line - 1)
        at = buffer.position(end)
        return types.TextEdit(types.Range(at, at), f" {directive}")
    start, end = buffer.line_span(line)
    line_break = (
        buffer.text[end : buffer.line_span(line + 1)[0]] if line + 1 < buffer.line_count else ""
    )
    at = buffer.position(start)
    return types.TextEdit(types.Range(at, at), directive + (line_break or "\n"))

"""The codes the engine reports itself (NL0xx): they describe the run, not the article."""

from __future__ import annotations

from newslint._api import engine_rule

UNUSED_SUPPRESSION = engine_rule(
    code="NL001",
    name="unused-suppression",
    severity="warning",
    summary="a newslint comment that suppresses nothing, or names no rule",
    doc="""
    A `<!-- newslint: … -->` comment that silences no finding, names an unknown rule, or names
    none at all. Stale suppressions hide future problems, so they are reported.

    Flagged: <!-- newslint: disable-next-line NL301 --> above a line with no NL301 finding
    Fine:    <!-- newslint: disable-next-line NL301 --> above "Thursday 20 November" (a Wednesday)
    """,
)
INTERNAL_ERROR = engine_rule(
    code="NL002",
    name="internal-error",
    severity="error",
    summary="a rule failed on this file; the other rules still ran",
    doc="""
    A rule raised an exception. The finding names the rule and the error; the rest of the file
    and the other files are still linted, and the run exits 2. Please report it.

    Flagged: any file on which a rule crashes
    Fine:    every file on which all rules run to the end
    """,
)
UNREADABLE_FILE = engine_rule(
    code="NL003",
    name="unreadable-file",
    severity="error",
    summary="the file cannot be read as UTF-8 text",
    doc="""
    The file could not be linted: it is missing or unreadable, binary, not UTF-8 (the byte
    offset of the first bad byte is given; newslint never guesses another encoding), or larger
    than `max-file-size`.

    Flagged: a file saved as Windows-1252 with "café" in it
    Fine:    the same file saved as UTF-8 (with or without a BOM)
    """,
)
FILE_CHANGED = engine_rule(
    code="NL004",
    name="file-changed",
    severity="error",
    summary="the file changed on disk while it was being fixed, so it was not written",
    doc="""
    `--fix` reads a file, computes fixes and writes it back atomically. If something else
    wrote to the file in between, newslint refuses to overwrite that change.

    Flagged: an editor saving the file while `newslint --fix` runs
    Fine:    running `newslint --fix` again once the editor has saved
    """,
)

ENGINE_RULES = (UNUSED_SUPPRESSION, INTERNAL_ERROR, UNREADABLE_FILE, FILE_CHANGED)

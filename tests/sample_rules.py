"""Rules used only by the engine tests: small, predictable, and one that always crashes."""

from __future__ import annotations

import re

from newslint import Edit, Fix, Hit, Option, rule
from newslint._api import corpus_rule

_WORD = re.compile(r"\bXYZZY\b")


@rule(
    code="TS001",
    name="magic-word",
    severity="warning",
    summary="the magic word appears",
    options={"replacement": Option("plugh", "what the fix writes")},
    fixable=True,
)
def magic_word(doc, opts):
    """Flags XYZZY.

    Flagged: say XYZZY
    Fine:    say plugh
    """
    for m in doc.prose_matches(_WORD):
        yield Hit(
            m.start(),
            m.end(),
            '"XYZZY" is a magic word',
            Fix.safe_edit(Edit(m.start(), m.end(), opts["replacement"])),
        )


@rule(code="TS002", name="always-crashes", severity="error", summary="raises on every file")
def always_crashes(doc, opts):
    """Raises.

    Flagged: anything
    Fine:    nothing
    """
    raise ZeroDivisionError("boom")
    yield


@rule(
    code="TS003",
    name="opt-in-info",
    severity="info",
    summary="flags every heading",
    default_enabled=False,
)
def opt_in_info(doc, opts):
    """Flags headings.

    Flagged: # Heading
    Fine:    a paragraph
    """
    for block in doc.blocks:
        if block.kind == "heading":
            yield Hit(block.start, block.end, "a heading")


def _collect_nothing(doc, opts):
    return None


@corpus_rule(
    code="TS004",
    name="corpus-crashes",
    severity="error",
    summary="raises when comparing files",
    collect=_collect_nothing,
)
def corpus_crashes(summaries, opts):
    """Raises in the parent, where corpus rules compare files.

    Flagged: anything
    Fine:    nothing
    """
    raise ZeroDivisionError("corpus boom")
    yield


RULES = (magic_word, always_crashes, opt_in_info, corpus_crashes)

"""Positions and edits between the engine's code-point columns and LSP's code units."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types
from newslint.codes import UNREADABLE_FILE
from newslint.engine import engine_finding
from newslint.lsp.convert import (
    Buffer,
    OutsideText,
    edits_between,
    finding_range,
    hover_text,
)
from newslint.registry import default_registry

from tests.lsp.client import apply_edits

TEXT = "a😀é\r\nx\ry\n\u2028z"
# (offset, utf-16, utf-8, utf-32) as (line, character)
POSITIONS = [
    (0, (0, 0), (0, 0), (0, 0)),
    (1, (0, 1), (0, 1), (0, 1)),
    (2, (0, 3), (0, 5), (0, 2)),  # after the emoji
    (3, (0, 4), (0, 7), (0, 3)),  # end of line 0, before CRLF
    (5, (1, 0), (1, 0), (1, 0)),
    (7, (2, 0), (2, 0), (2, 0)),  # after a lone CR
    (9, (3, 0), (3, 0), (3, 0)),
    (10, (3, 1), (3, 3), (3, 1)),  # U+2028 is no line break in LSP
    (11, (3, 2), (3, 4), (3, 2)),  # the end of the text
]


@pytest.mark.parametrize("offset, utf16, utf8, utf32", POSITIONS)
def test_offsets_and_positions_in_every_encoding(offset, utf16, utf8, utf32) -> None:
    for encoding, expected in (("utf-16", utf16), ("utf-8", utf8), ("utf-32", utf32)):
        buffer = Buffer(TEXT, encoding)
        position = buffer.position(offset)
        assert (position.line, position.character) == expected, encoding
        assert buffer.offset(position) == offset, encoding


@pytest.mark.parametrize(
    "call",
    [
        lambda b: b.position(4),  # between CR and LF
        lambda b: b.position(12),  # past the end
        lambda b: b.position(-1),
        lambda b: b.offset(types.Position(0, 2)),  # inside the emoji's surrogate pair
        lambda b: b.offset(types.Position(0, 5)),  # past the end of line 0
        lambda b: b.offset(types.Position(4, 0)),  # no line 5
        lambda b: b.engine_offset(1, 5),  # column past the line's end
    ],
)
def test_positions_outside_the_text_raise(call) -> None:
    with pytest.raises(OutsideText):
        call(Buffer(TEXT, "utf-16"))


def test_engine_columns_count_after_the_bom() -> None:
    buffer = Buffer("\ufeffab\ncd", "utf-16")
    assert buffer.engine_offset(1, 1) == 1
    assert buffer.engine_offset(2, 2) == 5
    assert buffer.engine_range(1, 1, 1, 3) == types.Range(
        types.Position(0, 1), types.Position(0, 3)
    )


def test_point_findings_cover_one_character_or_none() -> None:
    buffer = Buffer("\nab", "utf-16")
    on_empty_line = engine_finding("x", UNREADABLE_FILE, "m", 1, 1)
    on_text = engine_finding("x", UNREADABLE_FILE, "m", 2, 2)
    assert finding_range(on_empty_line, buffer) == types.Range(
        types.Position(0, 0), types.Position(0, 0)
    )
    assert finding_range(on_text, buffer) == types.Range(types.Position(1, 1), types.Position(1, 2))


_CHARS = st.sampled_from(["a", "é", "😀", "\r", "\n", "\r\n", "\u2028", " ", "\ufeff"])
_TEXTS = st.lists(_CHARS, max_size=30).map("".join)


@given(_TEXTS, st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_every_offset_outside_a_crlf_round_trips(text: str, encoding: str) -> None:
    buffer = Buffer(text, encoding)
    for offset in range(len(text) + 1):
        if 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n":
            continue
        assert buffer.offset(buffer.position(offset)) == offset


@given(_TEXTS, _TEXTS, st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_edits_between_turn_one_text_into_the_other(old: str, new: str, encoding: str) -> None:
    edits = edits_between(Buffer(old, encoding), new)
    assert apply_edits(old, edits, encoding) == new
    assert (edits == []) == (old == new)


def test_edits_between_leave_unchanged_lines_alone() -> None:
    old = "one\ntwo\nthree\nfour\n"
    edits = edits_between(Buffer(old), "one\n2\nthree\nfour!\n")
    assert [(e.range.start.line, e.range.end.line, e.new_text) for e in edits] == [
        (1, 2, "2\n"),
        (3, 4, "four!\n"),
    ]


def test_hover_fences_never_close_early() -> None:
    registry = default_registry()
    text = hover_text([registry.by_code("NL101")], registry, markdown=True)
    assert "```yaml" in text  # NL101's documentation quotes a fence
    assert text.startswith("````text\nNL101 front-matter-missing\n") and text.endswith("\n````")
    plain = hover_text([registry.by_code("NL101")], registry, markdown=False)
    assert plain.startswith("NL101 front-matter-missing\nseverity: error")

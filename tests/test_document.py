"""The document model: decoding, line index, front-matter positions and prose views."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from newslint._lines import LineIndex, blank_copy
from newslint._prose import SEPARATOR, VIEWS, mask, mask_views
from newslint.document import Document, UndecodableText, decode, parse_publish_date

from tests.helpers import article


def test_line_index_handles_every_line_end() -> None:
    text = "ab\r\ncd\ne\rf"
    index = LineIndex(text)
    assert [index.position(i) for i in (0, 2, 4, 7, 9, 10)] == [
        (1, 1),
        (1, 3),
        (2, 1),
        (3, 1),
        (4, 1),
        (4, 2),
    ]


@given(st.text(alphabet=st.sampled_from(list("ab \n\r\t\u2028é"))))
def test_line_starts_and_blank_copies_are_those_a_search_of_line_ends_gives(text: str) -> None:
    # texts of LF line ends alone take a quicker way than those with a CR in them
    breaks = list(re.finditer(r"\r\n|\n|\r", text))
    index = LineIndex(text)
    assert index.starts == [0, *(m.end() for m in breaks)]
    assert index.length == len(text)
    blank = "".join(c if c in "\r\n" else " " for c in text)
    assert blank_copy(text) == blank


def test_columns_count_code_points() -> None:
    doc = Document("a.md", "😀é x")
    assert doc.position(3) == (1, 4)


def test_decode_keeps_bom_flag_and_refuses_other_encodings() -> None:
    assert decode("\ufeffhi".encode()) == ("hi", True)
    with pytest.raises(UndecodableText) as caught:
        decode("caf\xe9 ok".encode("cp1252"))
    assert caught.value.offset == 3
    assert "byte 0xE9 at byte offset 3" in str(caught.value)
    with pytest.raises(UndecodableText, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("21 Nov 2019", dt.date(2019, 11, 21)),
        ("01 Sept 2021", dt.date(2021, 9, 1)),
        ("31 Nov 2019", None),
        ("2019-11-21", None),
        (None, None),
        ("21 Foo 2019", None),
    ],
)
def test_publish_date(value, expected) -> None:
    assert parse_publish_date(value) == expected


def test_prose_blanks_code_links_html_and_urls() -> None:
    body = (
        "Call `0800 555 111` now.\n\n"
        'See [the guide](https://example.org/x_(y) "t") and <https://a.example> or www.example.org.uk/p.\n\n'
        "<!-- a comment -->\n\n"
        "```\ncode block\n```\n\n"
        "# A heading\n\n"
        "> quoted text\n"
    )
    doc = Document("a.md", article(body))
    prose = [text for _, text in doc.prose()]
    assert prose[0] == "Call " + SEPARATOR * len("`0800 555 111`") + " now."
    assert prose[1].startswith("See [the guide]")
    assert "https" not in prose[1] and "www" not in prose[1]
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph", "heading", "paragraph"]
    assert doc.blocks[3].in_quote
    assert all("code block" not in t for t in prose)
    with_urls = doc.prose_text_with_urls
    assert "www.example.org.uk/p" in with_urls
    assert len(doc.prose_text) == len(doc.text)


def test_prose_offsets_are_exact_with_crlf_and_lists() -> None:
    body = "* first item\r\n* second item with 101\r\n\r\nText after.\r\n"
    doc = Document("a.md", article(body).replace("\n", "\r\n").replace("\r\r\n", "\r\n"))
    spans = [doc.text[b.start : b.end] for b in doc.blocks]
    assert spans == ["first item", "second item with 101", "Text after."]


def test_front_matter_positions() -> None:
    doc = Document("a.md", article("Body.\n"))
    start, end = doc.front_matter.value_span(("publish", "date"))
    assert doc.text[start:end] == "21 Nov 2019"
    assert doc.position(start) == (6, 9)
    assert doc.publish_date == dt.date(2019, 11, 21)
    assert doc.blocks[0].start == doc.text.index("Body.")


@pytest.mark.parametrize(
    "body",
    [
        "Plain words only.\n",
        "`code [x](y)` and [a](http://x.y) <b>t</b> @handle www.x.com and e@f.com.\n",
        "See [the page][ref] <!-- note [a](b) --> and <https://a.b/c>.\n\n[ref]: https://x.y\n",
        "| a | [b](c) |\n|---|---|\n| `d` | e@f.com |\n",
        "- item with `a`\n- [link](https://x.y/(z)) www.a.b\n\n> quoted @name\n",
    ],
)
def test_views_built_together_equal_views_built_alone(body: str) -> None:
    doc = Document("a.md", article(body))
    views = mask_views(doc.text, doc.blocks)
    assert views == {view: mask(doc.text, doc.blocks, view) for view in VIEWS}
    assert (doc.prose_text, doc.prose_text_with_urls, doc.inline_source) == (
        views["prose"],
        views["urls"],
        views["source"],
    )


@pytest.mark.parametrize(
    "run",
    ["a." * 40_000 + "uk", "a.b-" * 20_000 + "@", "x" * 80_000 + "@"],
    ids=["dotted-name", "not-quite-an-address", "long-local-part"],
)
def test_masking_a_long_run_is_linear(run: str) -> None:
    # found by the fuzzer: a 600 KB "www.a.a.a…uk" took minutes, because the URL and e-mail
    # patterns retried an unbounded scheme or local part at every word boundary
    import time

    doc = Document("a.md", article("Visit " + run + " today.\n"))
    started = time.monotonic()
    assert doc.prose_text.endswith(" today.\n")
    assert time.monotonic() - started < 5


def test_urls_and_addresses_are_still_blanked() -> None:
    doc = Document(
        "a.md", article("See https://www.example.org/a or write to jo.bloggs@example.org.\n")
    )
    prose = doc.prose_text[len(article("")) :]
    assert (
        prose
        == "See "
        + SEPARATOR * len("https://www.example.org/a")
        + " or write to "
        + SEPARATOR * len("jo.bloggs@example.org")
        + ".\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        article("Plain words.\n\n    indented code\n"),
        article("    indented code first\n\n- a list\n"),
        "---\r\ntitle: x\r\n---\r\n    code after CRLF front matter\r\n\r\nText.\r\n",
        "```yaml\ntitle: x\n```\n# Heading\nText.\n",
        "No front matter.\n\n    code\n",
        "---\ntitle: x\n---",
    ],
)
def test_markdown_tokens_are_those_of_the_blanked_text(text: str) -> None:
    # the parser reads the front matter as empty lines (faster): the tokens must not change
    from newslint.document import _block_parser

    def shape(tokens):
        return [(t.type, t.map, t.content, t.level, t.markup, t.info) for t in tokens]

    doc = Document("a.md", text)
    assert shape(doc.tokens) == shape(_block_parser().parse(doc.normalised))


@pytest.mark.parametrize(
    "body",
    [
        "One. Two! Three? “Four.” (Five.) Mr. Smith met Dr. Jones. Call 0300 123 2040. Done.\n",
        "| Cell one. | Two. Three |\n|---|---|\n| a.b. | c! D |\n",
        "Ends with a mark.\r\n\r\nNext block?! Yes... And 3.5 million. £10. 'Quoted.' Fine\n",
        "- Item one.\n- Item two. Still two.\n\n> Quote. More.\n",
        "No marks at all\n",
    ],
)
def test_sentences_split_where_a_full_search_splits(body: str) -> None:
    # sentence ends are found from the . ! and ? only: the same as searching every character
    from newslint.document import _ABBREVIATION, _SENTENCE_END

    doc = Document("a.md", article(body))
    text, spans = doc.prose_text_with_urls, []
    for block in doc.blocks:
        start = block.start
        for m in _SENTENCE_END.finditer(text, block.start, block.end):
            if not _ABBREVIATION.search(text, max(block.start, m.start() - 8), m.start()):
                spans.append((start, m.start()))
                start = m.end()
        spans.append((start, block.end))
    assert doc.sentences == tuple(spans)
    assert len(spans) > len(doc.blocks) or body.startswith("No")


@given(
    st.lists(st.sampled_from(["a", " ", "\n", "\r\n", "\r", "\0", "# ", "| a |", "- ", "`"])).map(
        "".join
    )
)
def test_block_tokens_are_those_of_markdown_its_own_normalize_step(text: str) -> None:
    from markdown_it import MarkdownIt

    doc = Document("a.md", text)
    reference = MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])

    def shape(tokens: list) -> list[tuple]:
        return [(t.type, t.tag, t.map, t.content, t.markup, t.info) for t in tokens]

    assert shape(doc.tokens) == shape(reference.parse(doc._parser_text))

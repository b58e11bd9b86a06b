"""A masked span (address, code span, link target, HTML comment) separates the words around it.

Masking replaces what is not prose with characters of the same count so that offsets stay
exact. Blanks alone would make the words on either side of a masked address look adjacent:
"or www.example.org.uk or" would read "or or". These rows pin the separation for each rule that
looks at neighbouring words, and the spans that must stay transparent (HTML formatting tags).
"""

from __future__ import annotations

import pytest
from newslint._prose import SEPARATOR
from newslint.document import Document

from tests.helpers import article, lint_body

ROWS = [
    # NL505: the word before and after a masked span are not a repeat
    ("For help visit www.mygov.scot or https://www.gov.wales/report or call 101.", "NL505", []),
    ("Send it to `forms@example.org.uk` to get a reply.", "NL505", []),
    ("Write to press@example.org.uk to arrange it.", "NL505", []),
    ("Tag @ExamplePolice and @ExampleCouncil and share it.", "NL505", []),
    ("Read the [guide](https://example.org.uk/a) the council wrote.", "NL505", []),
    ("Read the [guide][1] the council wrote.\n\n[1]: https://example.org.uk/a", "NL505", []),
    ("We will <!-- check wording --> will be there.", "NL505", []),
    ("See <https://example.org.uk> see below.", "NL505", []),
    # ...and a real repeat is still found, also around formatting tags
    ("Call the the police.", "NL505", ["1:6 NL505"]),
    ("Call the <b>the</b> police.", "NL505", ["1:6 NL505"]),
    # NL301: a weekday and a date with an address between them are not one date
    ("Opening on Friday www.example.org.uk 10 March 2019.", "NL301", []),
    ("Opening on Friday 10 March 2019.", "NL301", ["1:12 NL301"]),
    # NL201: a masked object after "visit" is something, not nothing
    ("For details, visit `www.example.org.uk`.", "NL201", []),
    ("For details, visit <https://www.example.org.uk>.", "NL201", []),
    ("For details, visit.", "NL201", ["1:14 NL201"]),
    ("For details, <strong>visit</strong>.", "NL201", ["1:22 NL201"]),
]


@pytest.mark.parametrize(("body", "code", "expected"), ROWS)
def test_masked_spans_separate_words(body: str, code: str, expected: list[str]) -> None:
    assert lint_body(body, code) == expected


def test_sentences_split_around_a_masked_comment() -> None:
    doc = Document("a.md", article("It ended. <!-- note --> Then it began.\n"))
    starts = [doc.text[s:e] for s, e in doc.sentences]
    assert starts == ["It ended.", "Then it began."]


def test_separator_fills_objects_and_spaces_fill_formatting() -> None:
    doc = Document("a.md", article("A `b` <em>c</em> www.example.org.uk d.\n"))
    (block,) = doc.blocks
    prose = doc.prose_text[block.start : block.end]
    assert prose == f"A {SEPARATOR * 3}     c      {SEPARATOR * 18} d."
    assert len(doc.prose_text) == len(doc.text)


def test_a_tag_opening_before_a_long_run_of_spaces_is_read_in_linear_time() -> None:
    # a lazy pattern tried every split of the spaces after "<a": 20,000 took 4 s, 60,000 half
    # a minute
    import time

    started = time.monotonic()
    doc = Document("a.md", article("Officers met residents.\n\n<a" + " " * 60_000 + "x <b>\n"))
    assert "<b>" not in doc.prose_text and "<a" in doc.prose_text
    assert time.monotonic() - started < 5


def test_tags_are_masked_up_to_the_first_closing_bracket() -> None:
    doc = Document("a.md", article("Met <a href=\"x\" title='y'>him</a> and <br/> her.\n"))
    assert "Met " in doc.prose_text and "him" in doc.prose_text and " her." in doc.prose_text
    assert "<" not in doc.prose_text and ">" not in doc.prose_text

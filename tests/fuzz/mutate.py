"""Structure-aware mutations of news articles, for the fuzz harness.

A mutation knows what an article is made of: a YAML front-matter block, Markdown syntax, dates,
phone numbers, links, suppression comments. It inserts, deletes, duplicates and swaps those
pieces, and also the bytes that break naive readers: a BOM, CRLF and lone CR, NUL, invalid UTF-8,
very long lines. Every mutation is a function of the input and a `random.Random`, so one seed
replays one input exactly and hypothesis can drive the same functions.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"

# small texts written for the harness; the corpora are read at fuzz time, never copied here
BUILT_IN_SEEDS = (
    b"```yaml\narea: Hertfordshire\nog:\n  description: A test.\npublish:\n  date: 21 Nov 2019\n"
    b"title: Test\nurl: https://www.herts.police.uk/news/test-1\n```\n\n"
    b"Officers patrolled on Thursday 20 November. Call **101 **or 01438 757000, visit\n"
    b"[the portal](www.example.org.uk/report) or the the website.\n",
    b"---\narea: Kent\ntitle: Appeal\nurl: http://[::1/news\npublish: {date: 31 Apr 2023}\n---\n\n"
    b"# Appeal\n\n* Yesterday (Sunday 12 March) a car was stolen.\n* Ring 0800 555 111.\n\n"
    b"<!-- newslint: disable-next-line NL301 -->\nFriday, March 10th colour color.\n",
)

FRAGMENTS: dict[str, tuple[bytes, ...]] = {
    "yaml": (
        b"```yaml\n",
        b"```\n",
        b"---\n",
        b"area: Hertfordshire\n",
        b"url: https://www.herts.police.uk/news/a-1\n",
        b"url: http://[www.herts.police.uk/news\n",
        b"url: https://host:99999/x\n",
        b"url: https://user:pw@[::1]:80/x\n",
        b"url: https://b\xc3\xbccher.example/%zz\n",
        b"publish:\n  date: 29 Feb 2019\n",
        b"publish: 21 Nov 2019\n",
        b"title: !!binary aGVsbG8=\n",
        b"og: &a [*a, *a]\n",
        b"a: &x [1, 2]\nb: [*x, *x, *x]\n",
        b"? [complex, key]\n: value\n",
        b"title: [[[[[[[[[[\n",
        b"area: ~\n",
        b"title: 'unterminated\n",
        b"  description: |\n    block\n",
        b"\t- tab\n",
        b"%YAML 1.1\n",
        b"!!python/object:os.system {}\n",
        b"date: 2019-11-21\n",
        b"title: 1e400\n",
    ),
    "markdown": (
        b"**",
        b"** ",
        b" **",
        b"**999. **",
        b"**101**or",
        b"__",
        b"*",
        b"_",
        b"`",
        b"```\n",
        b"~~~\n",
        b"    indented code\n",
        b"> ",
        b"# ",
        b"\n\n",
        b"- ",
        b"1. ",
        b"| a | b |\n|---|---|\n",
        b"<div>",
        b"</div>",
        b"<!--",
        b"-->",
        b"[",
        b"]",
        b"](",
        b")",
        b"![",
        b"[^1]",
        b"\\",
        b"&amp;",
        b"&#x0;",
        b"&#99999999;",
        b"***",
        b"\n---\n",
        b"<https://",
        b">",
    ),
    "dates": (
        b"Thursday 20 November",
        b"Friday, 10th March 2023",
        b"Friday the 10th of March",
        b"Monday 31 April",
        b"29 February",
        b"Saturday 29 February 2020",
        b"yesterday (Sunday 12 March)",
        b"last night (Monday 13 March)",
        b"between Friday 10 and Sunday 12 March",
        b"10 March (Friday)",
        b"Friday 10/03/2023",
        b"Friday 99/99/9999",
        b"Friday 0 March",
        b"Friday 10 March 0",
        b"Friday 10 March 99999",
        b"tomorrow, Tuesday 1 January,",
        b"Sept",
        b"Wednesday",
        b"1st",
        b"2023",
    ),
    "numbers": (
        b"01438 757000",
        b"01438-757000",
        b"0800 555 111",
        b"0800 555 112",
        b"116123",
        b"999",
        b"101",
        b"+44 (0)20 7946 0000",
        b"+44",
        b"07700 900123",
        b"0",
        b"00000000000000000000000000",
        b"\xef\xbc\x91\xef\xbc\x90\xef\xbc\x91",  # full-width digits
        b"\xd9\xa1\xd9\xa0\xd9\xa1",  # Arabic-Indic digits
        b"1,000,000",
        b"\xc2\xa3",
    ),
    "links": (
        b"[the portal](www.example.org.uk/register)",
        b"[online]()",
        b"[x](<>)",
        b"[x](#)",
        b"[x](https://)",
        b"visit",
        b"visit this link.",
        b"click here",
        b"www.exampleforce",
        b"https://www.example.police.uk/",
        b"http://[::1",
        b"https://[",
        b"https://]",
        b"https://host:0/",
        b"https://host:65536/",
        b"https://host:-1/",
        b"https://u:p@host/",
        b"https://%zz/",
        b"https://%00/",
        b"https://xn--/",
        b"https://b\xc3\xbccher.example/",
        b"https://\xe2\x84\x80.example/",
        b"javascript:alert(1)",
        b"data:text/html,<b>x</b>",
        b"mailto:",
        b"tel:",
        b"<www.example.org.uk>",
        b"[LINK]",
        b"TBC",
        b"https://www.example.gov.uk/" + b"a" * 300,
        b"www." + b"a." * 100 + b"uk",
    ),
    "directives": (
        b"<!-- newslint: disable-next-line NL301 -->\n",
        b"<!-- newslint: disable NL5 -->\n",
        b"<!-- newslint: enable NL5 -->\n",
        b"<!-- newslint: disable-file NL4 -->\n",
        b"<!-- newslint: disable-next-line -->\n",
        b"<!-- newslint: disable-next-line NOPE999 -->\n",
        b"<!-- newslint: bogus -->\n",
        b"<!-- newslint:",
    ),
    "words": (
        b"the the",
        b"a a ",
        b"colour color",
        b"organize",
        b"judgement judgment",
        b"discretely",
        b"stationery car",
        b"liase",
        b"Hertforshire",
        b"don\xe2\x80\x99t",
        b"caf\xc3\xa9",
        b"cafe\xcc\x81",
        b"\xf0\x9f\x98\x80",
        b"\xe2\x80\x8b",
        b"\xc2\xad",
        b"\xe2\x80\xae",
        b"\xef\xbf\xbd",
    ),
    "bytes": (
        b"\xef\xbb\xbf",
        b"\r\n",
        b"\r",
        b"\x00",
        b"\xff",
        b"\xc3",
        b"\xed\xa0\x80",
        b"\xf4\x90\x80\x80",
        b"\x0c",
        b"\x1b[31m",
        b"\t",
        b"\xe2\x80\xa8",
        b"\xc2\x85",
    ),
}
_KINDS = tuple(FRAGMENTS)


def seed_texts(shared: Path = SHARED) -> list[bytes]:
    """The repo's seeds, the built-in snippets and, when present, the shared corpora."""
    texts = list(BUILT_IN_SEEDS)
    folders = [REPO / "seeds", shared / "corpus", shared / "corpus-public"]
    for folder in folders:
        if folder.is_dir():
            texts.extend(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())
    return texts


def _point(data: bytes, rng: random.Random) -> int:
    """A position, often at a line start or a word boundary, where structure lives."""
    if not data:
        return 0
    roll = rng.random()
    if roll < 0.3:
        starts = [0] + [i + 1 for i in range(len(data)) if data[i] == 10]
        return rng.choice(starts)
    if roll < 0.6:
        spaces = [i for i in range(len(data)) if data[i] in b" \n"] or [0]
        return rng.choice(spaces)
    return rng.randrange(len(data) + 1)


def _span(data: bytes, rng: random.Random) -> tuple[int, int]:
    start = _point(data, rng)
    length = rng.choice((1, 2, 3, 5, 8, 20, 60, 200))
    return start, min(len(data), start + length)


def insert_fragment(data: bytes, rng: random.Random) -> bytes:
    piece = rng.choice(FRAGMENTS[rng.choice(_KINDS)])
    at = _point(data, rng)
    return data[:at] + piece + data[at:]


def replace_with_fragment(data: bytes, rng: random.Random) -> bytes:
    start, end = _span(data, rng)
    return data[:start] + rng.choice(FRAGMENTS[rng.choice(_KINDS)]) + data[end:]


def delete_span(data: bytes, rng: random.Random) -> bytes:
    start, end = _span(data, rng)
    return data[:start] + data[end:]


def duplicate_span(data: bytes, rng: random.Random) -> bytes:
    start, end = _span(data, rng)
    return data[:end] + data[start:end] + data[end:]


def swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    if len(lines) > 2:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def random_bytes(data: bytes, rng: random.Random) -> bytes:
    at = _point(data, rng)
    noise = bytes(rng.randrange(256) for _ in range(rng.choice((1, 2, 4, 16))))
    return data[:at] + noise + data[at:]


def flip_byte(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1 :]


def line_ends(data: bytes, rng: random.Random) -> bytes:
    choice = rng.random()
    if choice < 0.4:
        return data.replace(b"\n", b"\r\n")
    if choice < 0.7:
        return data.replace(b"\n", b"\r")
    lines = data.split(b"\n")
    return b"".join(line + rng.choice((b"\n", b"\r\n", b"\r")) for line in lines)


def add_bom(data: bytes, rng: random.Random) -> bytes:
    return b"\xef\xbb\xbf" + data if rng.random() < 0.8 else data + b"\xef\xbb\xbf"


def long_line(data: bytes, rng: random.Random) -> bytes:
    piece = rng.choice(FRAGMENTS[rng.choice(_KINDS)])
    at = _point(data, rng)
    return data[:at] + piece * rng.choice((50, 500, 3000)) + data[at:]


def cut(data: bytes, rng: random.Random) -> bytes:
    """Truncate, as a half-written file would be."""
    return data[: rng.randrange(len(data) + 1)]


def splice(data: bytes, rng: random.Random, other: bytes = b"") -> bytes:
    if not other:
        return data
    at = _point(data, rng)
    start, end = _span(other, rng)
    return data[:at] + other[start:end] + data[at:]


MUTATIONS: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    insert_fragment,
    insert_fragment,
    insert_fragment,
    replace_with_fragment,
    replace_with_fragment,
    delete_span,
    delete_span,
    duplicate_span,
    swap_lines,
    random_bytes,
    flip_byte,
    line_ends,
    add_bom,
    long_line,
    cut,
)


def mutate(data: bytes, rng: random.Random, others: list[bytes] | None = None) -> bytes:
    """One to eight mutations, chosen at random; sometimes a splice from another seed."""
    for _ in range(rng.choice((1, 1, 2, 2, 3, 4, 8))):
        if others and rng.random() < 0.05:
            data = splice(data, rng, rng.choice(others))
        else:
            data = rng.choice(MUTATIONS)(data, rng)
    return data


def article_slice(data: bytes, rng: random.Random) -> bytes:
    """The front matter and a few paragraphs: long articles cost time and add little."""
    paragraphs = data.split(b"\n\n")
    if len(paragraphs) <= 6:
        return data
    start = rng.randrange(1, len(paragraphs))
    return b"\n\n".join(paragraphs[:1] + paragraphs[start : start + rng.randint(2, 6)])


def inputs(seed: int, seeds: list[bytes]) -> Iterator[bytes]:
    """An endless, reproducible stream of mutated articles."""
    rng = random.Random(seed)
    while True:
        base = article_slice(rng.choice(seeds), rng)
        yield mutate(base, rng, seeds)

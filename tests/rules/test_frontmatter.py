"""NL101–NL106: front matter present, parsable, valid against the schema, and sensible."""

from __future__ import annotations

import json

import pytest

from tests.helpers import lint_text

CODES = ("NL101", "NL102", "NL103", "NL104", "NL105", "NL106")
GOOD = """```yaml
area: Hertfordshire
og:
  description: Officers met residents.
publish:
  date: 21 Nov 2019
title: Officers meet residents
url: https://www.herts.police.uk/news/officers-meet-residents-1052
```

Body text.
"""


def with_fields(**changes: str | None) -> str:
    """GOOD with some lines replaced (value) or removed (None), keyed by the line's key."""
    lines = GOOD.splitlines(keepends=True)
    out = []
    for line in lines:
        key = line.split(":", 1)[0].strip()
        if key in changes:
            if changes[key] is not None:
                out.append(line.split(":", 1)[0] + ": " + changes[key] + "\n")
            continue
        out.append(line)
    return "".join(out)


def found(text: str, options: dict | None = None) -> list[str]:
    return [f"{f.line}:{f.column} {f.code}" for f in lint_text(text, CODES, options).findings]


OK = [
    GOOD,
    GOOD.replace("```yaml\n", "---\n", 1).replace("```\n", "---\n", 1),
    with_fields(date="01 Dec 2021"),
    with_fields(date="1 Sept 2021"),
    with_fields(date="29 Feb 2020"),
    with_fields(title='"LGBT+ History Month \\u2013 support"'),
    with_fields(title="'Quoted: with a colon'"),
    with_fields(url="https://example.org/a?b=c"),
    with_fields(url="https://[2001:db8::1]:8443/news/a-1"),
    with_fields(url="https://b\u00fccher.example/news/%C3%A9t%C3%A9"),
    GOOD.replace("Body text.\n", ""),  # front matter only
    GOOD.replace("\n", "\r\n"),
    GOOD.replace("```yaml", "```yml", 1),
    GOOD.replace("```yaml", "~~~yaml", 1).replace("\n```\n", "\n~~~\n", 1),
    with_fields(area="British Transport Police"),
]

BAD = [
    ("Headline without metadata\n\nBody.\n", ["1:1 NL101"]),
    ("", ["1:1 NL101"]),
    ("\n```yaml\narea: x\n```\n", ["1:1 NL101"]),
    ("```yaml\narea: Hertfordshire\ntitle: Unclosed\n\nBody text.\n", ["1:1 NL102"]),
    ("---\narea: x\n", ["1:1 NL102"]),
    ("```yaml\narea: Hertfordshire\ntitle: Police: appeal\n```\n", ["3:14 NL102"]),
    ("```yaml\narea: [Hertfordshire\n```\n", ["3:1 NL102"]),
    ("```yaml\n- a\n- b\n```\n", ["2:1 NL102"]),
    ("```yaml\njust a string\n```\n", ["2:1 NL102"]),
    ("```yaml\narea: a\narea: b\n```\n", ["3:1 NL102"]),
    ('```yaml\narea: "unterminated\n```\n', ["3:1 NL102"]),
    (with_fields(title=None), ["2:1 NL103"]),
    (with_fields(area=None), ["2:1 NL103"]),
    (with_fields(url=None, title=None), ["2:1 NL103", "2:1 NL103"]),
    (with_fields(date="2019-11-21"), ["6:9 NL103"]),
    (with_fields(date="21/11/2019"), ["6:9 NL103"]),
    (with_fields(date="21 November 2019"), ["6:9 NL103"]),
    (with_fields(date="unknown"), ["6:9 NL103"]),
    (with_fields(date='""'), ["6:3 NL103"]),
    (with_fields(description=None), ["3:1 NL103"]),
    (GOOD.replace("  description:", "  image:"), ["4:3 NL103"]),
    (with_fields(title='""'), ["7:1 NL103"]),
    (with_fields(url="www.herts.police.uk/news"), ["8:6 NL103"]),
    (with_fields(og="hello", description=None), ["3:5 NL103"]),
    (with_fields(date="31 Nov 2019"), ["6:9 NL104"]),
    (with_fields(date="29 Feb 2019"), ["6:9 NL104"]),
    (with_fields(url="http://www.herts.police.uk/news/a-1"), ["8:6 NL105"]),
    # found by the fuzzer: an unbalanced [ made urllib raise (NL002)
    (with_fields(url="http://[www.herts.police.uk/news"), ["8:6 NL105"]),
    (with_fields(url="https://www.herts.police.uk]/news"), ["8:6 NL105"]),
    (with_fields(url="https://www.herts.police.uk:99999/news"), ["8:6 NL105"]),
    (with_fields(url="https://user@/news"), ["8:6 NL105"]),
]


@pytest.mark.parametrize("text", OK)
def test_ok(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(("text", "expected"), BAD)
def test_bad(text: str, expected: list[str]) -> None:
    assert found(text) == expected


MESSAGES = [
    (with_fields(title=None), 'missing required field "title"'),
    (with_fields(description=None), '"og" is empty'),
    (GOOD.replace("  description:", "  image:"), 'missing required field "og.description"'),
    (
        with_fields(date="2019-11-21"),
        'publish.date "2019-11-21" should be written like "21 Nov 2019"',
    ),
    (
        with_fields(date="31 Nov 2019"),
        'publish.date "31 Nov 2019" is not a real date (November 2019 has 30 days)',
    ),
    (
        with_fields(date="29 Feb 2019"),
        'publish.date "29 Feb 2019" is not a real date (2019 is not a leap year)',
    ),
    (with_fields(title='""'), '"title" is empty'),
    (
        with_fields(og="hello", description=None),
        '"og" should be a mapping of keys to values, not "hello"',
    ),
    ("```yaml\narea: a\narea: b\n```\n", 'duplicate key "area" in front matter'),
    (
        with_fields(url="http://[www.herts.police.uk/news"),
        'url "http://[www.herts.police.uk/news" is not a valid web address: '
        "a [ or ] in the host that is not a bracketed IPv6 address",
    ),
    (
        with_fields(url="https://www.herts.police.uk:99999/news"),
        'url "https://www.herts.police.uk:99999/news" is not a valid web address: '
        "the port must be a number from 0 to 65535",
    ),
    (
        with_fields(url="https://ex\uff0fample.org@herts.police.uk/"),
        'url "https://ex\uff0fample.org@herts.police.uk/" is not a valid web address: '
        "the host has characters that Unicode normalisation changes",
    ),
    ("```yaml\n- a\n```\n", "front matter must be a mapping of keys to values, not a list"),
    ("```yaml\narea: x\n", 'front matter opened with "```yaml" on line 1 is never closed'),
]


@pytest.mark.parametrize(("text", "message"), MESSAGES)
def test_messages(text: str, message: str) -> None:
    assert message in [f.message for f in lint_text(text, CODES).findings]


def test_url_options() -> None:
    text = with_fields(url="https://www.example.org/news/appeal-1052all")
    options = {
        "url-mismatch": {
            "area-domains": {"Hertfordshire": "herts.police.uk"},
            "url-id-pattern": r"-\d+$",
        }
    }
    result = lint_text(text, "NL105", options)
    assert [(f.line, f.column, f.message) for f in result.findings] == [
        (
            8,
            6,
            'url host "www.example.org" is not on herts.police.uk, the domain for area "Hertfordshire"',
        ),
        (8, 6, 'url ends with "appeal-1052all", which does not match url-id-pattern "-\\d+$"'),
    ]
    assert lint_text(GOOD, "NL105", options).findings == []


def test_custom_schema(tmp_path) -> None:
    schema = {"type": "object", "required": ["byline"], "properties": {"area": {"enum": ["Kent"]}}}
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema))
    result = lint_text(GOOD, "NL103", {"front-matter-schema": {"schema": str(path)}})
    assert [(f.line, f.column, f.message) for f in result.findings] == [
        (2, 1, 'missing required field "byline"'),
        (2, 7, 'area "Hertfordshire" should be one of "Kent"'),
    ]


def test_yaml_scalars_stay_as_written() -> None:
    # PyYAML would read these as a date, an int and a bool; the schema must see the text
    text = with_fields(title="2019-11-21", area="yes")
    result = lint_text(text, ("NL103",))
    assert result.findings == []


def test_alias_bomb_is_bounded() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=False):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    text = "```yaml\n" + "\n".join(lines) + "\n```\n"
    result = lint_text(text, CODES)
    assert [f.code for f in result.findings] == ["NL102"]
    assert "too many YAML aliases" in result.findings[0].message


# Hostile nesting, each with where NL102 must point (line, column), whichever loader reads it.
DEEP_NESTING = [
    ("flow lists", "a: " + "[" * 10000 + "]" * 10000, (2, 54)),
    ("flow mappings", "a: " + "{b: " * 60 + "c" + "}" * 60, (2, 204)),
    ("block mappings", "\n".join(" " * i + f"k{i}:" for i in range(60)) + " x", (53, 52)),
    ("block lists", "a:\n" + "  " + "- " * 60 + "x", (3, 103)),
    (
        "alias of a deep list",
        "x: &x " + "[" * 40 + "]" * 40 + "\ny: " + "[" * 20 + "*x" + "]" * 20,
        (2, 37),
    ),
]
JUST_DEEP_ENOUGH = "a: " + "[" * 50 + "]" * 50


def _deep_nesting_findings() -> list[tuple[str, int, int]]:
    found = []
    for _, yaml_text, _ in DEEP_NESTING:
        result = lint_text("```yaml\n" + yaml_text + "\n```\n", CODES)
        found += [(f.message, f.line, f.column) for f in result.findings]
    return found


@pytest.fixture(params=["libyaml", "pure-python"])
def yaml_loader(request, monkeypatch) -> str:
    import yaml

    if request.param == "libyaml":
        if not yaml.__with_libyaml__:
            pytest.skip("this PyYAML was built without libyaml")
    else:
        # what newslint sees where PyYAML was installed without its C extension
        monkeypatch.delattr(yaml, "CSafeLoader")
    return request.param


def test_deep_nesting_is_ours_whichever_loader(yaml_loader: str) -> None:
    message = "front matter is nested more than 50 levels deep"
    assert _deep_nesting_findings() == [(message, *where) for _, _, where in DEEP_NESTING]


def test_nesting_at_the_limit_is_accepted(yaml_loader: str) -> None:
    result = lint_text("```yaml\n" + JUST_DEEP_ENOUGH + "\n```\n", ("NL102",))
    assert result.findings == []


def _pyyaml_matrix() -> list:
    import sys
    from pathlib import Path

    # `make test` installs every supported PyYAML wheel for this Python side by side here
    folder = Path(sys.prefix) / "pyyaml-matrix"
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


@pytest.mark.skipif(not _pyyaml_matrix(), reason="run `make test` to install the PyYAML matrix")
@pytest.mark.parametrize("target", _pyyaml_matrix(), ids=lambda p: f"PyYAML-{p.name}")
def test_deep_nesting_is_the_same_with_every_pyyaml(target) -> None:
    import os
    import subprocess
    import sys

    script = (
        "import json, sys, yaml\n"
        "from tests.rules import test_frontmatter as t\n"
        "runs = [t._deep_nesting_findings()]\n"
        "if yaml.__with_libyaml__:\n"
        "    del yaml.CSafeLoader\n"
        "    runs.append(t._deep_nesting_findings())\n"
        "print(json.dumps({'version': yaml.__version__, 'runs': runs}))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), os.getcwd()])}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    report = json.loads(done.stdout)
    assert report["version"] == target.name
    expected = [list(f) for f in _deep_nesting_findings()]
    assert report["runs"] and all(run == expected for run in report["runs"])


def test_builtin_schemas_are_valid() -> None:
    # the engine skips check_schema for the built-in article schema on every run; this is the check
    from importlib import resources

    import jsonschema

    for name in ("article.schema.json", "report.schema.json"):
        schema = json.loads(resources.files("newslint.schemas").joinpath(name).read_text())
        jsonschema.Draft202012Validator.check_schema(schema)

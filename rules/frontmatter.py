"""Front-matter rules (NL1xx): the block is present, parses, fits the schema and makes sense.

The document has already parsed the block (see `newslint.frontmatter`); these rules only judge
it, so the YAML is read once per file however many rules look at it.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, urlsplit

from newslint import Document, Hit, Option, rule
from newslint.document import parse_publish_date
from newslint.memo import Memo

_DATE_SHAPE = re.compile(r"^\s*(\d{1,2}) ([A-Z][a-z]{2,3}) (\d{4})\s*$")
_WEB_URL = re.compile(r"^https?://\S+$")
_DEFAULT_AREAS = (
    "Avon and Somerset",
    "Bedfordshire",
    "Cambridgeshire",
    "Cheshire",
    "City of London",
    "Cleveland",
    "Cumbria",
    "Derbyshire",
    "Devon and Cornwall",
    "Dorset",
    "Durham",
    "Dyfed-Powys",
    "Essex",
    "Gloucestershire",
    "Greater Manchester",
    "Gwent",
    "Hampshire",
    "Hertfordshire",
    "Humberside",
    "Kent",
    "Lancashire",
    "Leicestershire",
    "Lincolnshire",
    "Merseyside",
    "Metropolitan",
    "Norfolk",
    "North Wales",
    "North Yorkshire",
    "Northamptonshire",
    "Northumbria",
    "Nottinghamshire",
    "South Wales",
    "South Yorkshire",
    "Staffordshire",
    "Suffolk",
    "Surrey",
    "Sussex",
    "Thames Valley",
    "Warwickshire",
    "West Mercia",
    "West Midlands",
    "West Yorkshire",
    "Wiltshire",
    # national and special forces publish press releases too
    "British Transport Police",
    "Civil Nuclear Constabulary",
    "Ministry of Defence Police",
    "Police Scotland",
    "Police Service of Northern Ireland",
)
_TYPE_WORDS = {
    "string": "text",
    "object": "a mapping of keys to values",
    "array": "a list",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


@rule(
    code="NL101",
    name="front-matter-missing",
    severity="error",
    summary="the file does not start with a ```yaml or --- front-matter block",
)
def front_matter_missing(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """Every article starts with its metadata: a fenced ```yaml block (the seed format) or a
    `---` … `---` block, at the very first line.

    Flagged: a file whose first line is the headline
    Fine:    ```yaml / area: Hertfordshire / … / ``` followed by the body
    """
    problem = doc.front_matter.problem
    if problem and problem.kind == "missing":
        yield Hit(problem.start, problem.end, problem.message)


@rule(
    code="NL102",
    name="front-matter-syntax",
    severity="error",
    summary="the front matter is not valid YAML, is not closed, or is not a mapping",
)
def front_matter_syntax(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """The block must parse as YAML, be closed, hold a mapping at the top level and use each key
    once. Reported at the YAML parser's own line and column. Aliases and nesting are bounded, so
    a hostile block (a "billion laughs" alias bomb) is reported instead of exhausting memory.

    Flagged: title: Police: appeal for witnesses   (an unquoted second colon)
    Fine:    title: "Police: appeal for witnesses"
    """
    problem = doc.front_matter.problem
    if problem and problem.kind == "syntax":
        yield Hit(problem.start, problem.end, problem.message)


@rule(
    code="NL103",
    name="front-matter-schema",
    severity="error",
    summary="a front-matter field is missing or does not fit the article schema",
    options={
        "schema": Option(
            "",
            "path to a JSON Schema (Draft 2020-12) to use instead of the built-in article schema",
            config_key="schema",
            is_path=True,
        )
    },
)
def front_matter_schema(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """Validates the front matter with jsonschema (Draft 2020-12, format checking on) against
    `newslint/schemas/article.schema.json`, or the schema named by `schema = "path"`. Values are
    checked as written: `21 Nov 2019` stays text. Each problem is reported at the offending
    value, or at the first key of the mapping that lacks a field.

    Flagged: date: 2019-11-21      publish.date "2019-11-21" should be written like "21 Nov 2019"
    Flagged: (no title: line)      missing required field "title"
    Fine:    date: 21 Nov 2019
    """
    fm = doc.front_matter
    if not fm.ok:
        return
    schema_path = opts.get("schema") or ""
    memo, key = _valid_memo(opts), _memo_key(schema_path, fm.data)
    if memo.has("valid", key):
        return  # this exact front matter passed this exact schema before
    validator = _validator(schema_path)
    seen: set[tuple] = set()
    for error in sorted(
        validator.iter_errors(fm.data), key=lambda e: (list(map(str, e.absolute_path)), e.validator)
    ):
        path = tuple(error.absolute_path)
        message, span = _describe(error, path, fm)
        if (path, message) in seen:
            continue
        seen.add((path, message))
        yield Hit(span[0], span[1], message)
    if not seen:
        memo.put("valid", key, 1)


@rule(
    code="NL104",
    name="publish-date-invalid",
    severity="error",
    summary="the publish date is written correctly but is not a real date",
)
def publish_date_invalid(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """`publish.date` has the right shape but no such day exists, so every date check that
    needs the publish year is skipped for this article.

    Flagged: date: 31 Nov 2019     (November has 30 days)
    Fine:    date: 30 Nov 2019
    """
    fm = doc.front_matter
    value = fm.get("publish.date") if fm.ok else None
    if not isinstance(value, str):
        return
    m = _DATE_SHAPE.match(value)
    if not m or parse_publish_date(value) is not None:
        return
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    name = "Sep" if m.group(2) == "Sept" else m.group(2)
    if name not in months:
        return  # the schema rule reports an unknown month
    month, year, day = months.index(name) + 1, int(m.group(3)), int(m.group(1))
    length = calendar.monthrange(year, month)[1]
    if day == 29 and month == 2:
        reason = f"{year} is not a leap year"
    else:
        reason = f"{calendar.month_name[month]} {year} has {length} days"
    start, end = fm.value_span(("publish", "date"))
    yield Hit(start, end, f'publish.date "{value}" is not a real date ({reason})')


def _split_url(url: str) -> tuple[SplitResult | None, str]:
    """The URL's parts, or None and why it cannot be a working address."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - urllib checks the port only when it is read
    except ValueError as exc:
        reason = str(exc)
        if "IPv6" in reason:
            return None, "a [ or ] in the host that is not a bracketed IPv6 address"
        if "Port" in reason:
            return None, "the port must be a number from 0 to 65535"
        if "NFKC" in reason:
            return None, "the host has characters that Unicode normalisation changes"
        return None, reason[0].lower() + reason[1:]
    if not parts.hostname:
        return None, "it has no host"
    return parts, ""


@rule(
    code="NL105",
    name="url-mismatch",
    severity="warning",
    summary="the article URL uses http, or does not fit the area's domain or id pattern",
    options={
        "area-domains": Option(
            {}, 'area name -> domain its URLs must end with, e.g. Hertfordshire = "herts.police.uk"'
        ),
        "url-id-pattern": Option(
            "", r'regular expression the last path segment must match, e.g. "-\d+$"', regex=True
        ),
    },
)
def url_mismatch(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """Checks the `url` field beyond its shape: it should use https; with `area-domains` set,
    its host must belong to the area's site; with `url-id-pattern` set, its last path segment
    must match (catching scraped suffixes such as `-1052all`).

    Flagged: url: http://www.herts.police.uk/news/appeal-1052    (http, not https)
    Fine:    url: https://www.herts.police.uk/news/appeal-1052
    """
    fm = doc.front_matter
    url = fm.get("url") if fm.ok else None
    if not isinstance(url, str) or not _WEB_URL.match(url):
        return
    start, end = fm.value_span(("url",))
    parts, problem = _split_url(url)
    if parts is None:
        yield Hit(start, end, f'url "{url}" is not a valid web address: {problem}')
        return
    if parts.scheme == "http":
        yield Hit(start, end, f'url "{url}" uses http: write https://')
    area = fm.get("area")
    domain = opts["area-domains"].get(area) if isinstance(area, str) else None
    host = (parts.hostname or "").lower()
    if domain and host != domain.lower() and not host.endswith("." + domain.lower()):
        yield Hit(start, end, f'url host "{host}" is not on {domain}, the domain for area "{area}"')
    pattern = opts["url-id-pattern"]
    if pattern:
        segment = parts.path.rstrip("/").rsplit("/", 1)[-1]
        if not re.search(pattern, segment):
            yield Hit(
                start,
                end,
                f'url ends with "{segment}", which does not match url-id-pattern "{pattern}"',
            )


@rule(
    code="NL106",
    name="unknown-area",
    severity="warning",
    summary="the area is not one of the areas the newsroom configured",
    options={
        "areas": Option(
            [], "the accepted `area` values; none by default, so nothing is checked until set"
        ),
        "area-list": Option(
            "none",
            "a bundled list accepted as well: police-force-areas (the 43 territorial police"
            " force areas of England and Wales and the national forces)",
            choices=("none", "police-force-areas"),
        ),
    },
)
def unknown_area(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
    """`area` must name one of the newsroom's areas exactly, so that articles can be filtered
    by it. Opt-in: nothing is checked until `areas = [...]` lists them, or `area-list =
    "police-force-areas"` accepts the 43 territorial police force areas of England and Wales
    and the national forces. Councils, NHS bodies and fire services write the area they serve
    in their own words ("Salford, Oldham, Rochdale and Bury", "North West London"), which no
    official list holds, so no list is assumed.

    Flagged: area: Herts         (with areas = ["Hertfordshire"])
    Fine:    area: Hertfordshire (with areas = ["Hertfordshire"])
    """
    known = list(opts["areas"])
    if opts["area-list"] == "police-force-areas":
        known += _DEFAULT_AREAS
    fm = doc.front_matter
    area = fm.get("area") if fm.ok else None
    if not known or not isinstance(area, str) or not area.strip() or area in known:
        return
    start, end = fm.value_span(("area",))
    close = [a for a in known if a.lower() == area.strip().lower()]
    hint = f': did you mean "{close[0]}"?' if close else ""
    yield Hit(start, end, f'area "{area}" is not a known area{hint}')


RULES = (
    front_matter_missing,
    front_matter_syntax,
    front_matter_schema,
    publish_date_invalid,
    url_mismatch,
    unknown_area,
)


# schema validation ------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def _memo(where: str | bool) -> Memo:
    # every article has its own front matter: keep the latest few thousand, not every one seen
    return Memo("front-matter-valid", ("valid",), where, max_entries=2000)


def _valid_memo(opts: Mapping[str, Any]) -> Memo:
    return _memo(opts.get("use-cache", True))


def _memo_key(schema_path: str, data: Any) -> str:
    """The schema's bytes and the data, hashed: any change to either is a new key."""
    if schema_path:
        try:
            schema = Path(schema_path).read_bytes()
        except OSError:
            schema = schema_path.encode()
    else:
        schema = _builtin_schema()
    payload = schema + b"\0" + json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(payload).hexdigest()


@lru_cache(maxsize=1)
def _builtin_schema() -> bytes:
    # a file of the installed package: it does not change while newslint runs (a project's own
    # schema is read for every article, so an edit to it counts at once in the language server)
    return resources.files("newslint.schemas").joinpath("article.schema.json").read_bytes()


@lru_cache(maxsize=4)
def _validator(schema_path: str):
    import jsonschema

    if schema_path:
        try:
            with open(schema_path, encoding="utf-8") as handle:
                schema = json.load(handle)
        except OSError as exc:
            raise RuntimeError(f"schema {schema_path} cannot be read: {exc.strerror}") from None
        except json.JSONDecodeError as exc:
            raise RuntimeError(f"schema {schema_path} is not valid JSON: {exc}") from None
    else:
        schema = json.loads(
            resources.files("newslint.schemas").joinpath("article.schema.json").read_text("utf-8")
        )
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    if schema_path:  # the built-in schema is checked by the test suite, not on every run
        cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path) or "front matter"


def _describe(error, path: tuple, fm) -> tuple[str, tuple[int, int]]:
    value = error.instance
    where = _dotted(path)
    span = fm.value_span(path) or (fm.start, fm.yaml_start)
    kind = error.validator
    if kind == "required":
        missing = re.match(r"'([^']*)' is a required property", error.message)
        name = missing.group(1) if missing else error.message
        full = f"{where}.{name}" if path else name
        return f'missing required field "{full}"', fm.first_key_span(path) or span
    if isinstance(value, str) and not value.strip() and kind in ("pattern", "minLength", "type"):
        key = fm.key_span(path)
        return f'"{where}" is empty', (key[0], span[1]) if key else span
    if kind == "type":
        expected = error.validator_value
        names = " or ".join(
            _TYPE_WORDS.get(t, t) for t in (expected if isinstance(expected, list) else [expected])
        )
        return f'"{where}" should be {names}, not {_kind(value)}', span
    if kind == "pattern":
        hint = (
            error.schema.get("x-newslint-expected")
            or f"does not match the pattern {error.validator_value}"
        )
        return f'{where} "{value}" {hint}', span
    if kind == "enum":
        options = ", ".join(f'"{v}"' for v in error.validator_value)
        return f'{where} "{value}" should be one of {options}', span
    if kind == "format":
        return f'{where} "{value}" is not a valid {error.validator_value}', span
    if kind == "additionalProperties":
        extra = re.findall(r"'([^']*)'", error.message)
        key = fm.key_span((*path, extra[0])) if extra else None
        return f"unknown field {', '.join(repr(e) for e in extra)} in {where}", key or span
    return f"{where}: {error.message}", span


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f'"{value}"'

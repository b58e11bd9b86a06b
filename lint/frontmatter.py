"""Find and parse the front-matter block, keeping the position of every YAML node.

Two forms are accepted at the very top of a file: a fenced ```yaml block (the seed format) and
a `---` … `---` block. Scalars stay exactly as written (no dates, numbers or booleans), so the
schema sees what the author typed. Aliases and nesting are bounded, so a hostile block cannot
exhaust time or memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

_FENCE_OPEN = re.compile(r"(?P<fence>`{3,}|~{3,})[ \t]*(?:yaml|yml)[ \t]*(?:\r\n|\n|\r|$)")
_DASHES_OPEN = re.compile(r"---[ \t]*(?:\r\n|\n|\r)")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")
_DASHES_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*$")

MAX_DEPTH = 50
MAX_NODES = 10_000

Path = tuple[Any, ...]


class FrontMatterProblem(NamedTuple):
    """Why the block could not be read: `missing` (no block) or `syntax` (unparsable)."""

    kind: str
    message: str
    start: int
    end: int


@dataclass
class FrontMatter:
    style: str | None = None  # "fenced" or "dashes"
    start: int = 0  # the opening fence
    end: int = 0  # just after the closing fence's line: where the body starts
    yaml_start: int = 0
    yaml_end: int = 0
    data: Any = None
    problem: FrontMatterProblem | None = None
    _spans: dict[Path, tuple[int, int]] = field(default_factory=dict)
    _key_spans: dict[Path, tuple[int, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.problem is None and isinstance(self.data, dict)

    def get(self, dotted: str) -> Any:
        """The value at a dotted path (`publish.date`), or None."""
        value = self.data
        for part in dotted.split("."):
            if not isinstance(value, dict) or part not in value:
                return None
            value = value[part]
        return value

    def value_span(self, path: Path) -> tuple[int, int] | None:
        """Absolute span of the value at `path` (the root mapping is `()`)."""
        return self._spans.get(tuple(path))

    def key_span(self, path: Path) -> tuple[int, int] | None:
        """Absolute span of the key that introduces `path`."""
        return self._key_spans.get(tuple(path))

    def first_key_span(self, path: Path) -> tuple[int, int] | None:
        """Span of the first key in the mapping at `path`: where a missing key is reported."""
        depth = len(path)
        firsts = [
            span
            for p, span in self._key_spans.items()
            if len(p) == depth + 1 and p[:depth] == tuple(path)
        ]
        return min(firsts) if firsts else None


@lru_cache(maxsize=16)
def _fence_closer(fence: str) -> re.Pattern[str]:
    """A closing fence: the opening character, at least as many times."""
    return re.compile(re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")


def locate_block(text: str) -> FrontMatter:
    """Find the block and split off the YAML; no parsing yet."""
    fenced = _FENCE_OPEN.match(text)
    dashes = None if fenced else _DASHES_OPEN.match(text)
    if not fenced and not dashes:
        first_line_end = _LINE.match(text).end()
        return FrontMatter(
            problem=FrontMatterProblem(
                "missing",
                'no front matter: the file must start with a ```yaml block or a "---" block',
                0,
                len(text[:first_line_end].rstrip("\r\n")),
            )
        )
    opener = fenced or dashes
    style = "fenced" if fenced else "dashes"
    closer = _fence_closer(fenced.group("fence")) if fenced else _DASHES_CLOSE
    pos = opener.end()
    while pos < len(text):
        line = _LINE.match(text, pos)
        content = line.group().rstrip("\r\n")
        if closer.match(content):
            return FrontMatter(style=style, end=line.end(), yaml_start=opener.end(), yaml_end=pos)
        pos = line.end()
    opener_text = opener.group().rstrip("\r\n")
    return FrontMatter(
        style=style,
        end=len(text),
        yaml_start=opener.end(),
        problem=FrontMatterProblem(
            "syntax",
            f'front matter opened with "{opener_text}" on line 1 is never closed',
            0,
            len(opener_text),
        ),
    )


def parse(text: str) -> FrontMatter:
    """Locate the block and parse its YAML into plain dicts, lists and strings with positions."""
    fm = locate_block(text)
    if fm.problem is not None:
        return fm
    yaml_text = text[fm.yaml_start : fm.yaml_end]
    import yaml

    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    try:
        _refuse_deep_nesting(yaml_text, fm.yaml_start)
        root = yaml.compose(yaml_text, Loader=loader)
        if root is None:
            fm.data = {}
            fm._spans[()] = (fm.start, fm.yaml_start)
            return fm
        fm.data = _Builder(fm).build(root)
    except _Refused as refusal:
        fm.problem = FrontMatterProblem("syntax", refusal.message, refusal.start, refusal.end)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        offset = fm.yaml_start + (mark.index if mark else 0)
        fm.problem = FrontMatterProblem("syntax", _yaml_message(exc), offset, offset + 1)
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        fm.problem = FrontMatterProblem(
            "syntax", f"front matter is not valid YAML: {exc}", fm.yaml_start, fm.yaml_start
        )
    if fm.problem is not None:
        fm.data = None
        return fm
    if not isinstance(fm.data, dict):
        start, end = fm._spans[()]
        fm.problem = FrontMatterProblem(
            "syntax",
            f"front matter must be a mapping of keys to values, not a {_kind(fm.data)}",
            start,
            end,
        )
    return fm


class _Refused(Exception):
    def __init__(self, message: str, start: int, end: int) -> None:
        super().__init__(message)
        self.message, self.start, self.end = message, start, end


_TOO_DEEP = f"front matter is nested more than {MAX_DEPTH} levels deep"


def _refuse_deep_nesting(yaml_text: str, base: int) -> None:
    """Refuse nesting deeper than MAX_DEPTH before the loader sees the text.

    The loaders have limits of their own (libyaml's flow-level cap, Python's recursion limit)
    that differ between PyYAML releases and word their errors differently; stopping first keeps
    the finding and its position ours. libyaml reads far ahead before yielding a token, so its
    cap would fire first: the count uses PyYAML's pure-Python scanner, which has no cap and reads
    at most 1,024 characters ahead.
    """
    # every collection opens at an indicator of its own, so few indicators cannot nest deeply
    if sum(map(yaml_text.count, "[{-:?")) <= MAX_DEPTH + 1:
        return
    import yaml

    opens = (
        yaml.BlockMappingStartToken,
        yaml.BlockSequenceStartToken,
        yaml.FlowMappingStartToken,
        yaml.FlowSequenceStartToken,
    )
    closes = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
    depth = 0
    for token in yaml.scan(yaml_text, Loader=yaml.SafeLoader):
        if isinstance(token, opens):
            depth += 1
            # the root collection is depth 1; values nest MAX_DEPTH levels below it
            if depth > MAX_DEPTH + 1:
                start = base + token.start_mark.index
                raise _Refused(_TOO_DEEP, start, start + 1)
        elif isinstance(token, closes):
            depth -= 1


class _Builder:
    """Turns composed YAML nodes into plain values, recording each node's absolute span."""

    def __init__(self, fm: FrontMatter) -> None:
        self.fm = fm
        self.nodes = 0

    def span(self, node) -> tuple[int, int]:
        base = self.fm.yaml_start
        return base + node.start_mark.index, base + node.end_mark.index

    def build(self, root) -> Any:
        return self._value(root, (), 0)

    def _value(self, node, path: Path, depth: int) -> Any:
        import yaml

        self.nodes += 1
        span = self.span(node)
        if depth > MAX_DEPTH:
            # aliases can nest deeper than the text does, so the built value is bounded too
            raise _Refused(_TOO_DEEP, *span)
        if self.nodes > MAX_NODES:
            raise _Refused(
                f"front matter expands to more than {MAX_NODES:,} values (too many YAML aliases)",
                *span,
            )
        self.fm._spans.setdefault(path, span)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = (
                    key_node.value
                    if isinstance(key_node, yaml.ScalarNode)
                    else str(self._value(key_node, path, depth + 1))
                )
                if key in result:
                    raise _Refused(f'duplicate key "{key}" in front matter', *self.span(key_node))
                self.fm._key_spans[(*path, key)] = self.span(key_node)
                result[key] = self._value(value_node, (*path, key), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self._value(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return node.value


def _kind(value: Any) -> str:
    return {list: "list", str: "single value"}.get(type(value), type(value).__name__)


def _yaml_message(exc) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    detail = (
        f"{problem} {context}".strip()
        if problem and context and context not in problem
        else problem or context
    )
    return f"front matter is not valid YAML: {detail}"

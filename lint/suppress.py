"""Inline suppression comments.

    <!-- newslint: disable-next-line NL301 -->     the next line
    <!-- newslint: disable NL5 --> … <!-- newslint: enable NL5 -->
    <!-- newslint: disable-file NL4 -->            the whole file

Each names at least one code, prefix or rule name; blanket suppressions are refused. A comment
that silences nothing among the rules that ran is reported as NL001, so stale ones do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from newslint._api import Hit, Rule
from newslint.selection import ALWAYS_REPORTED, selector_matches

# A directive is "<!-- newslint:" then an action and its arguments up to the first "-->", with
# no "<" or ">" between. Its end is found with str.find rather than by a pattern: the pattern's
# optional spaces around the arguments made one unclosed comment followed by thousands of blank
# lines cost minutes (found by the fuzzer); each ">" and "<" is looked for once, so thousands of
# openings cost no more.
_OPENING = re.compile(r"<!--\s*newslint\s*:")
_ACTION = re.compile(r"[A-Za-z-]*")
_SEPARATORS = re.compile(r"[\s,]+")
_ACTIONS = ("disable-next-line", "disable", "enable", "disable-file")


@dataclass
class Directive:
    action: str
    selectors: tuple[str, ...]
    start: int
    end: int
    first_line: int
    last_line: int
    used: set[str] = field(default_factory=set)


class _Range(NamedTuple):
    directive: Directive
    selector: str
    first_line: int
    last_line: int


def find_directives(doc) -> list[Directive]:
    if "newslint" not in doc.text:
        return []
    text = doc.text
    code_lines = _code_lines(doc)
    found = []
    closing = -1  # the first ">" after the opening: the only one that can close a directive
    for m in _OPENING.finditer(text):
        if closing < m.end():
            closing = text.find(">", m.end())
            if closing < 0:
                break  # nothing closes any comment from here on
        close = closing - 2
        if close < m.end() or text[close:closing] != "--" or text.find("<", m.end(), close) >= 0:
            continue
        inside = text[m.end() : close]
        end = closing + 1
        first_line = doc.position(m.start())[0]
        if first_line - 1 in code_lines:
            continue
        words = inside.strip()
        action = _ACTION.match(words).group()
        selectors = tuple(s for s in _SEPARATORS.split(words[len(action) :].strip()) if s)
        found.append(Directive(action, selectors, m.start(), end, first_line, doc.position(end)[0]))
    return found


def _code_lines(doc) -> set[int]:
    lines: set[int] = set()
    for token in doc.tokens:
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(*token.map))
    return lines


def apply(
    findings: Sequence,
    directives: Sequence[Directive],
    active: Sequence[Rule],
    all_rules: Sequence[Rule],
):
    """Findings left after suppression, and the NL001 hits for faulty or unused comments."""
    problems: list[Hit] = []
    ranges: list[_Range] = []
    open_ranges: dict[str, _Range] = {}
    last_line = 10**9
    for d in directives:
        if d.action not in _ACTIONS:
            problems.append(
                Hit(
                    d.start,
                    d.end,
                    f'unknown newslint comment "{d.action}" (use one of {", ".join(_ACTIONS)})',
                )
            )
            continue
        if not d.selectors:
            problems.append(
                Hit(
                    d.start,
                    d.end,
                    f'"newslint: {d.action}" must name the rules it silences (blanket suppressions are not allowed)',
                )
            )
            continue
        for s in d.selectors:
            if not any(selector_matches(s, r) for r in all_rules):
                problems.append(Hit(d.start, d.end, f'"{s}" in a newslint comment matches no rule'))
                d.used.add(s)  # already reported; not "unused" as well
                continue
            if d.action == "disable-next-line":
                ranges.append(_Range(d, s, d.last_line + 1, d.last_line + 1))
            elif d.action == "disable-file":
                ranges.append(_Range(d, s, 1, last_line))
            elif d.action == "disable":
                open_ranges[s.upper()] = _Range(d, s, d.last_line, last_line)
            else:
                opened = open_ranges.pop(s.upper(), None)
                if opened is None:
                    problems.append(
                        Hit(d.start, d.end, f'"enable {s}" has no matching "disable {s}" before it')
                    )
                else:
                    ranges.append(
                        _Range(opened.directive, opened.selector, opened.first_line, d.first_line)
                    )
                d.used.add(s)
    ranges.extend(open_ranges.values())
    kept = []
    for finding in findings:
        covering = [
            r
            for r in ranges
            if finding.code not in ALWAYS_REPORTED
            and r.first_line <= finding.line <= r.last_line
            and (finding.code.startswith(r.selector.upper()) or finding.name == r.selector.lower())
        ]
        for r in covering:
            r.directive.used.add(r.selector)
        if not covering:
            kept.append(finding)
    for r in ranges:
        d = r.directive
        if r.selector in d.used:
            continue
        if any(selector_matches(r.selector, rule) for rule in active):
            problems.append(Hit(d.start, d.end, f'"{d.action} {r.selector}" suppresses nothing'))
            d.used.add(r.selector)
    return kept, problems

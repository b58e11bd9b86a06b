"""One self-contained HTML page for people: a summary with small charts, then each file's findings.

The file opens offline: the stylesheet (the one `newslint serve` uses) and a small script are
inlined, and its Content-Security-Policy forbids every request. It stays usable for an archive of
10,000 files: each file is a collapsed section holding only the text around its findings, never
the whole article. The text is read back from the file (or taken from the fixed text), and a file
that changed since it was linted is shown without context rather than with the wrong context.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple, TextIO

from newslint._lines import LineIndex
from newslint.engine import SEVERITY_RANK, FileResult, Finding
from newslint.report import Report, plural, relative_path, summary_line

FAMILIES = {
    "0": "Engine",
    "1": "Front matter",
    "2": "Links",
    "3": "Dates",
    "4": "Phone numbers",
    "5": "Spelling and words",
    "6": "Markdown",
    "7": "Word use",
}
SEVERITIES = ("error", "warning", "info")
CONTEXT = 80  # characters of the article shown on each side of a finding
FLAGGED_MAX = 160
TOP_FILES = 10
_MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class Bar(NamedTuple):
    label: str
    count: int
    percent: float  # of the longest bar in its chart
    note: str = ""
    target: str = ""  # an anchor or a filter the bar leads to


class Month(NamedTuple):
    label: str  # "Nov 2019"
    files: int
    findings: int
    per_article: float
    percent: float


class Shown(NamedTuple):
    """One finding as the report prints it, with the article's text around it."""

    code: str
    name: str
    severity: str
    line: int
    column: int
    message: str
    before: str
    flagged: str
    after: str


class FileView(NamedTuple):
    anchor: str
    path: str
    counts: tuple[tuple[str, int], ...]  # (severity, count), most severe first
    codes: str  # the rule codes found, for the page's filter
    findings: tuple[Shown, ...]
    publish_date: str | None


def severity_label(severity: str, count: int) -> str:
    """ "2 errors", "1 warning", "3 info" (info has no plural)."""
    return severity if count == 1 or severity == "info" else severity + "s"


def short_path(path: str, keep: int = 2) -> str:
    """The last folders of a long path, which tell files apart in a narrow chart."""
    parts = path.split("/")
    return path if len(parts) <= keep + 1 else "…/" + "/".join(parts[-keep:])


def family(code: str) -> str:
    if code.startswith("NL") and len(code) == 5:
        return f"{FAMILIES.get(code[2], 'Other')} (NL{code[2]}xx)"
    return f"Plug-in {code.rstrip('0123456789')}"


def _bars(counts: Counter, notes: dict[str, str] | None = None) -> list[Bar]:
    if not counts:
        return []
    longest = max(counts.values())
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [
        Bar(label, n, 100 * n / longest, (notes or {}).get(label, ""), label)
        for label, n in ordered
    ]


def months(results: Sequence[FileResult]) -> tuple[list[Month], int, int]:
    """Findings per article for every month from the first to the last publish date; and the
    files and findings with no usable publish date."""
    files: Counter = Counter()
    findings: Counter = Counter()
    undated_files = undated_findings = 0
    for r in results:
        if r.publish_date is None:
            undated_files += 1
            undated_findings += len(r.findings)
            continue
        key = (int(r.publish_date[:4]), int(r.publish_date[5:7]))
        files[key] += 1
        findings[key] += len(r.findings)
    if not files:
        return [], undated_files, undated_findings
    (year, month), last = min(files), max(files)
    rows: list[tuple[str, int, int, float]] = []
    while (year, month) <= last:
        n, found = files[(year, month)], findings[(year, month)]
        rows.append((f"{_MONTH_NAMES[month - 1]} {year}", n, found, found / n if n else 0.0))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    highest = max(row[3] for row in rows) or 1.0
    return (
        [Month(label, n, found, rate, 100 * rate / highest) for label, n, found, rate in rows],
        undated_files,
        undated_findings,
    )


def _source(result: FileResult) -> str | None:
    """The text the findings point into: the fixed text, else the file as it is now."""
    if result.fixed_text is not None:
        return result.fixed_text
    if any(f.code == "NL003" for f in result.findings):
        return None  # unreadable, binary or too large: nothing to show
    from newslint.document import UndecodableText, decode

    try:
        with open(result.path, "rb") as handle:
            return decode(handle.read())[0]
    except (OSError, UndecodableText):
        return None


def _one_line(text: str) -> str:
    return text.replace("\r\n", " ↵ ").replace("\n", " ↵ ").replace("\r", " ↵ ")


def _points_into(f: Finding, text: str) -> bool:
    """Whether the finding's offsets still point at what was flagged (the file may have changed
    since, and a finding about the whole file points nowhere)."""
    if f.start == f.end == 0 or f.end > len(text):
        return False
    return not f.snippet or text[f.start : f.end].startswith(f.snippet)


def shown(f: Finding, text: str | None, lines: LineIndex | None) -> Shown:
    before = flagged = after = ""
    if text is not None and lines is not None and _points_into(f, text):
        line_start = lines.line_start(f.line - 1)
        line_end = lines.line_end(f.end_line - 1, text)
        start = max(line_start, f.start - CONTEXT)
        end = min(max(line_end, f.end), f.end + CONTEXT)
        before = ("…" if start > line_start else "") + text[start : f.start]
        flagged = text[f.start : f.end]
        if len(flagged) > FLAGGED_MAX:
            flagged = flagged[: FLAGGED_MAX - 1] + "…"
        after = text[f.end : end] + ("…" if end < line_end else "")
    return Shown(
        f.code,
        f.name,
        f.severity,
        f.line,
        f.column,
        f.message,
        _one_line(before),
        _one_line(flagged),
        _one_line(after),
    )


def file_view(index: int, result: FileResult, root: str) -> FileView:
    text = _source(result)
    lines = LineIndex(text) if text is not None else None
    counts = Counter(f.severity for f in result.findings)
    return FileView(
        anchor=f"file-{index}",
        path=relative_path(result.path, root) or result.path,
        counts=tuple((s, counts[s]) for s in SEVERITIES if counts[s]),
        codes=" ".join(sorted({f.code for f in result.findings})),
        findings=tuple(shown(f, text, lines) for f in result.findings),
        publish_date=result.publish_date,
    )


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def write(report: Report, stream: TextIO) -> None:
    from markupsafe import Markup
    from newslint._html import asset, render

    findings = report.findings
    rules = {r.code: r for r in report.rules}
    by_rule = Counter(f.code for f in findings)
    rule_notes = {
        code: f"{rules[code].name}: {rules[code].summary}" if code in rules else ""
        for code in by_rule
    }
    worst = {}
    for f in findings:
        if SEVERITY_RANK[f.severity] >= SEVERITY_RANK.get(worst.get(f.code, "info"), 0):
            worst[f.code] = f.severity
    with_findings = [(i, r) for i, r in enumerate(report.results) if r.findings]
    views = [file_view(i, r, report.root) for i, r in with_findings]
    top = sorted(views, key=lambda v: (-len(v.findings), v.path))[:TOP_FILES]
    longest = len(top[0].findings) if top else 1
    month_rows, undated_files, undated_findings = months(report.results)
    script = asset("report.js")
    render_args = {
        "version": report.version,
        "generated": dt.datetime.now(dt.timezone.utc).strftime("%d %b %Y %H:%M UTC"),
        "summary": summary_line(report),
        "files_total": len(report.results),
        "files_with_findings": report.files_with_findings,
        "findings_total": len(findings),
        "severity_counts": [(s, report.by_severity[s]) for s in SEVERITIES],
        "families": _bars(Counter(family(f.code) for f in findings)),
        "rules": [
            bar._replace(
                label=f"{bar.label} {rules[bar.label].name}" if bar.label in rules else bar.label
            )
            for bar in _bars(by_rule, rule_notes)
        ],
        "rule_severity": worst,
        "top_files": [
            Bar(
                short_path(v.path),
                len(v.findings),
                100 * len(v.findings) / longest,
                v.path,
                v.anchor,
            )
            for v in top
        ],
        "months": month_rows,
        "max_per_article": max((m.per_article for m in month_rows), default=0.0),
        "undated_files": undated_files,
        "undated_findings": undated_findings,
        "files": views,
        "clean_files": len(report.results) - len(views),
        "plural": plural,
        "label": severity_label,
        "css": Markup(asset("style.css")),
        "script": Markup(script),
        "script_hash": _script_hash(script),
    }
    stream.write(render("report.html", **render_args))

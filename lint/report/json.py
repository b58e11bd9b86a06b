"""Machine-readable findings, described by `newslint/schemas/report.schema.json`.

Lines and columns are 1-based; columns count Unicode code points; `end_column` is just after the
last flagged character. Fields may be added in later versions, never renamed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from newslint.engine import Finding
from newslint.report import Report, write_json_with_array

SCHEMA_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "message": f.message,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
    }
    if f.fix is not None:
        out["fix"] = {
            "applicability": "safe" if f.fix.safe else "unsafe",
            "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in f.fix.edits],
        }
    return out


def write(report: Report, stream: TextIO) -> None:
    def document(files: Any) -> dict[str, Any]:
        totals = report.totals if files_done else None  # counted while the files went by
        return {
            "version": SCHEMA_VERSION,
            "tool": {"name": "newslint", "version": report.version},
            "files": files,
            "summary": {
                "files": totals.files if totals else 0,
                "files_with_findings": totals.files_with_findings if totals else 0,
                "findings": totals.findings if totals else 0,
                "fixed": totals.fixed if totals else 0,
                "by_severity": {
                    s: totals.by_severity[s] if totals else 0 for s in ("error", "warning", "info")
                },
            },
        }

    def files() -> Iterator[dict[str, Any]]:
        nonlocal files_done
        for r in report.results:
            yield {
                "path": r.path,
                "fixed": r.fixed,
                "findings": [finding_dict(f) for f in r.findings],
            }
        files_done = True

    files_done = False
    write_json_with_array(stream, document, files())
    stream.write("\n")

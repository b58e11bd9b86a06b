"""Machine-readable findings, described by `newslint/schemas/report.schema.json`.

Lines and columns are 1-based; columns count Unicode code points; `end_column` is just after the
last flagged character. Fields may be added in later versions, never renamed.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from newslint.engine import Finding
from newslint.report import Report

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
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "newslint", "version": report.version},
        "files": [
            {"path": r.path, "fixed": r.fixed, "findings": [finding_dict(f) for f in r.findings]}
            for r in report.results
        ],
        "summary": {
            "files": len(report.results),
            "files_with_findings": report.files_with_findings,
            "findings": len(report.findings),
            "fixed": report.fixed,
            "by_severity": {s: report.by_severity[s] for s in ("error", "warning", "info")},
        },
    }
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")

"""SARIF 2.1.0, for GitHub code scanning and other review tools.

Rules come with their descriptions and a link to their README section; results carry the
region (columns in Unicode code points), the flagged text and any fix. Paths are relative to the
project root (`uriBaseId` ROOT) so results line up with the repository.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from newslint._api import Rule
from newslint.engine import Finding
from newslint.report import Report, relative_path, write_json_with_array

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
HOMEPAGE = "https://github.com/newslint/newslint"
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def help_uri(r: Rule) -> str:
    return f"{HOMEPAGE}#{r.code.lower()}-{r.name}"


def _rule(r: Rule) -> dict[str, Any]:
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.doc or r.summary},
        "helpUri": help_uri(r),
        "defaultConfiguration": {"level": LEVELS[r.severity], "enabled": r.default_enabled},
    }


def _location(f: Finding, root: str) -> dict[str, Any]:
    rel = relative_path(f.path, root)
    if rel is not None:
        artifact = {"uri": quote(rel), "uriBaseId": "ROOT"}
    else:
        artifact = {"uri": Path(f.path).resolve().as_uri()}
    region: dict[str, Any] = {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
    }
    if f.snippet:
        region["snippet"] = {"text": f.snippet}
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


def _fixes(f: Finding, location: dict[str, Any]) -> list[dict[str, Any]]:
    if not f.fix_regions:
        return []
    replacements = [
        {
            "deletedRegion": {"startLine": a, "startColumn": b, "endLine": c, "endColumn": d},
            "insertedContent": {"text": text},
        }
        for a, b, c, d, text in f.fix_regions
    ]
    kind = "safe" if f.fix and f.fix.safe else "unsafe (may change meaning)"
    return [
        {
            "description": {"text": f"newslint {kind} fix for {f.code}"},
            "artifactChanges": [
                {
                    "artifactLocation": location["physicalLocation"]["artifactLocation"],
                    "replacements": replacements,
                }
            ],
        }
    ]


def _results(report: Report, index: dict[str, int]) -> Iterator[dict[str, Any]]:
    for f in report.iter_findings():
        location = _location(f, report.root)
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [location],
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        fixes = _fixes(f, location)
        if fixes:
            result["fixes"] = fixes
        yield result


def write(report: Report, stream: TextIO) -> None:
    rules = list(report.rules)
    index = {r.code: i for i, r in enumerate(rules)}

    def log(results: Any) -> dict[str, Any]:
        return {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "newslint",
                            "version": report.version,
                            "informationUri": HOMEPAGE,
                            "rules": [_rule(r) for r in rules],
                        }
                    },
                    "originalUriBaseIds": {
                        "ROOT": {"uri": Path(report.root).resolve().as_uri() + "/"}
                    },
                    "columnKind": "unicodeCodePoints",
                    "results": results,
                }
            ],
        }

    write_json_with_array(stream, log, _results(report, index))
    stream.write("\n")

"""GitLab Code Quality JSON (`artifacts: reports: codequality`), shown in merge requests.

Fingerprints hash the path, the rule, the flagged text and its occurrence number, not the
line, so a finding keeps its identity when lines above it move.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from typing import Any, TextIO

from newslint.report import Report, relative_path, write_json_with_array

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def _issues(report: Report) -> Iterator[dict[str, Any]]:
    for result in report.results:
        seen: Counter = Counter()  # occurrences count within one file; paths never repeat
        for f in result.findings:
            path = relative_path(f.path, report.root) or f.path
            key = (path, f.code, f.snippet or f.message)
            seen[key] += 1
            digest = hashlib.sha256("\0".join((*key, str(seen[key]))).encode()).hexdigest()
            yield {
                "description": f"{f.code} {f.message}",
                "check_name": f"{f.code} {f.name}",
                "fingerprint": digest,
                "severity": SEVERITIES[f.severity],
                "location": {"path": path, "lines": {"begin": f.line, "end": f.end_line}},
            }


def write(report: Report, stream: TextIO) -> None:
    write_json_with_array(stream, lambda issues: issues, _issues(report))
    stream.write("\n")

"""GitLab Code Quality JSON (`artifacts: reports: codequality`), shown in merge requests.

Fingerprints hash the path, the rule, the flagged text and its occurrence number, not the
line, so a finding keeps its identity when lines above it move.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import TextIO

from newslint.report import Report, relative_path

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def write(report: Report, stream: TextIO) -> None:
    issues = []
    seen: Counter = Counter()
    for f in report.findings:
        path = relative_path(f.path, report.root) or f.path
        key = (path, f.code, f.snippet or f.message)
        seen[key] += 1
        digest = hashlib.sha256("\0".join((*key, str(seen[key]))).encode()).hexdigest()
        issues.append(
            {
                "description": f"{f.code} {f.message}",
                "check_name": f"{f.code} {f.name}",
                "fingerprint": digest,
                "severity": SEVERITIES[f.severity],
                "location": {"path": path, "lines": {"begin": f.line, "end": f.end_line}},
            }
        )
    json.dump(issues, stream, ensure_ascii=False, indent=2)
    stream.write("\n")

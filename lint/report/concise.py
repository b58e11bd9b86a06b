"""One line per finding and nothing else, for editors' problem matchers and grep.

seeds/000.txt:48:92: NL601 [warning] bold "999." will not render: …
"""

from __future__ import annotations

from typing import TextIO

from newslint.report import Report


def write(report: Report, stream: TextIO) -> None:
    for f in report.iter_findings():
        stream.write(f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}\n")

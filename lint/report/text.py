"""For people: findings grouped by file, then one summary line (only the summary when clean).

seeds/000.txt:48:92: NL601 [warning] bold "999." will not render: …
"""

from __future__ import annotations

from typing import TextIO

from newslint.report import Report, summary_line
from newslint.report._style import SEVERITY_COLOUR, paint


def write(report: Report, stream: TextIO) -> None:
    colour = report.color
    for result in report.results:
        if not result.findings:
            continue
        for f in result.findings:
            location = paint(f"{f.path}:{f.line}:{f.column}:", "bold", colour)
            severity = paint(f"[{f.severity}]", SEVERITY_COLOUR[f.severity], colour)
            stream.write(f"{location} {paint(f.code, 'cyan', colour)} {severity} {f.message}\n")
        stream.write("\n")
    if not report.quiet:
        stream.write(summary_line(report) + "\n")

"""GitHub Actions workflow commands: each finding becomes an annotation on its line.

    ::error file=seeds/000.txt,line=31,col=92,endLine=31,endColumn=98,title=NL201 visit-missing-target::…

`--format auto` picks this format when GITHUB_ACTIONS=true.
"""

from __future__ import annotations

from typing import TextIO

from newslint.report import Report

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def write(report: Report, stream: TextIO) -> None:
    for f in report.iter_findings():
        properties = ",".join(
            f"{key}={escape_property(str(value))}"
            for key, value in (
                ("file", f.path),
                ("line", f.line),
                ("col", f.column),
                ("endLine", f.end_line),
                ("endColumn", f.end_column),
                ("title", f"{f.code} {f.name}"),
            )
        )
        stream.write(f"::{COMMANDS[f.severity]} {properties}::{escape_data(f.message)}\n")

"""JUnit XML for GitLab's and Jenkins' test reports: a testsuite per file, a failing testcase
per finding (a clean file is one passing testcase)."""

from __future__ import annotations

from typing import TextIO
from xml.etree import ElementTree as ET

from newslint.report import Report


def write(report: Report, stream: TextIO) -> None:
    suites = ET.Element("testsuites", name="newslint", tests="0", failures="0", errors="0")
    total = failures = 0
    for result in report.results:
        count = len(result.findings)
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=result.path,
            tests=str(max(count, 1)),
            failures=str(count),
            errors="0",
            skipped="0",
        )
        if not result.findings:
            ET.SubElement(
                suite, "testcase", name="newslint", classname=result.path, file=result.path
            )
        for f in result.findings:
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{f.code} {f.name} at {f.line}:{f.column}",
                classname=result.path,
                file=f.path,
                line=str(f.line),
            )
            failure = ET.SubElement(
                case, "failure", message=f.message, type=f"{f.code} {f.severity}"
            )
            failure.text = f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}"
        total += max(count, 1)
        failures += count
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    ET.indent(suites)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(suites, encoding="unicode"))
    stream.write("\n")

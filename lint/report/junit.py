"""JUnit XML for GitLab's and Jenkins' test reports: a testsuite per file, a failing testcase
per finding (a clean file is one passing testcase)."""

from __future__ import annotations

from typing import TextIO
from xml.etree import ElementTree as ET

from newslint.engine import FileResult
from newslint.report import Report


def _suite(result: FileResult) -> ET.Element:
    count = len(result.findings)
    suite = ET.Element(
        "testsuite",
        name=result.path,
        tests=str(max(count, 1)),
        failures=str(count),
        errors="0",
        skipped="0",
    )
    if not result.findings:
        ET.SubElement(suite, "testcase", name="newslint", classname=result.path, file=result.path)
    for f in result.findings:
        case = ET.SubElement(
            suite,
            "testcase",
            name=f"{f.code} {f.name} at {f.line}:{f.column}",
            classname=result.path,
            file=f.path,
            line=str(f.line),
        )
        failure = ET.SubElement(case, "failure", message=f.message, type=f"{f.code} {f.severity}")
        failure.text = f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}"
    return suite


def write(report: Report, stream: TextIO) -> None:
    # the totals head the document, so they are counted first (a stream is read to its end
    # into its spool); then one file's suite at a time is built and written
    totals = report.totals
    tests = totals.findings + (totals.files - totals.files_with_findings)
    suites = ET.Element(
        "testsuites", name="newslint", tests=str(tests), failures=str(totals.findings), errors="0"
    )
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    if not totals.files:
        stream.write(ET.tostring(suites, encoding="unicode") + "\n")
        return
    head = ET.tostring(suites, encoding="unicode")
    stream.write(head.replace(" />", ">", 1) + "\n")
    for result in report.results:
        suite = _suite(result)
        ET.indent(suite, space="  ", level=1)
        stream.write("  " + ET.tostring(suite, encoding="unicode") + "\n")
    stream.write("</testsuites>\n")

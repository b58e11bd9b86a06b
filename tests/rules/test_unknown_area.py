"""NL106: the area is one the newsroom configured (opt-in; issue #16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from newslint.cli import main

from tests.helpers import lint_text

ARTICLE = """```yaml
area: {area}
og:
  description: Residents are invited to a meeting.
publish:
  date: 21 Nov 2019
title: Public meeting
url: https://www.example.gov.uk/news/public-meeting
```

Body text.
"""
OWN = {"unknown-area": {"areas": ["Hertfordshire", "Salford, Oldham, Rochdale and Bury"]}}
POLICE = {"unknown-area": {"area-list": "police-force-areas"}}
BOTH = {"unknown-area": {"areas": ["Stevenage"], "area-list": "police-force-areas"}}

CASES = [  # (area, options, expected message or None)
    # nothing configured: nothing checked, whatever the area
    ("Herts", None, None),
    ("North West London", None, None),
    ("Salford, Oldham, Rochdale and Bury", None, None),
    ("Peak District", None, None),
    # the newsroom's own list
    ("Hertfordshire", OWN, None),
    ("Salford, Oldham, Rochdale and Bury", OWN, None),
    ("Herts", OWN, 'area "Herts" is not a known area'),
    (
        "hertfordshire",
        OWN,
        'area "hertfordshire" is not a known area: did you mean "Hertfordshire"?',
    ),
    # the bundled police force areas, alone or with the newsroom's own
    ("Thames Valley", POLICE, None),
    ("British Transport Police", POLICE, None),
    ("Cambridge", POLICE, 'area "Cambridge" is not a known area'),
    ("Stevenage", BOTH, None),
    ("Devon and Cornwall", BOTH, None),
    (
        "devon and cornwall",
        BOTH,
        'area "devon and cornwall" is not a known area: did you mean "Devon and Cornwall"?',
    ),
]


@pytest.mark.parametrize(("area", "options", "message"), CASES)
def test_unknown_area(area: str, options: dict | None, message: str | None) -> None:
    findings = lint_text(ARTICLE.format(area=area), "NL106", options).findings
    assert [(f.line, f.column, f.message) for f in findings] == (
        [(2, 7, message)] if message else []
    )


def test_configured_from_a_file_and_a_bad_list_name_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE.format(area="Herts"))
    assert CliRunner().invoke(main, ["a.md"]).exit_code == 0  # nothing configured
    config = tmp_path / "newslint.toml"
    config.write_text('[rules.unknown-area]\narea-list = "police-force-areas"\n')
    result = CliRunner().invoke(main, ["a.md"])
    assert result.exit_code == 1 and 'NL106 [warning] area "Herts"' in result.output
    config.write_text('[rules.unknown-area]\narea-list = "councils"\n')
    result = CliRunner().invoke(main, ["a.md"])
    assert result.exit_code == 2 and "newslint.toml" in result.output

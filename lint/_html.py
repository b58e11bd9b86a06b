"""The HTML files shared by `newslint serve` and `--format html`, read from package data.

Templates, the one stylesheet and the scripts live in `newslint/htmlfiles/` (as coverage.py
keeps its `htmlfiles/`): no CDN, no build step. Jinja2 renders the templates with autoescaping
on, because everything shown comes from articles and must never become markup.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

PACKAGE_DATA = "htmlfiles"


def asset(name: str) -> str:
    """The text of one file in htmlfiles/ (a stylesheet, a script)."""
    return resources.files("newslint").joinpath(PACKAGE_DATA, name).read_text("utf-8")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    import jinja2  # only the HTML outputs pay for it

    folder = resources.files("newslint").joinpath(PACKAGE_DATA)
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)

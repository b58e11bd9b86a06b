"""Small helpers the rule tables share: wrap a body in valid front matter and lint it."""

from __future__ import annotations

from typing import Any

from newslint.document import Document
from newslint.engine import FileResult, Settings, lint_document
from newslint.registry import default_registry

FRONT_MATTER = """```yaml
area: Hertfordshire
og:
  description: A short test article.
publish:
  date: {publish}
title: Test article
url: https://www.herts.police.uk/news/test-article-1
```

"""
BODY_LINE_OFFSET = FRONT_MATTER.count("\n")


def settings_for(
    select: str | tuple[str, ...], options: dict[str, Any] | None = None, **flags: Any
) -> Settings:
    registry = default_registry()
    codes = (select,) if isinstance(select, str) else tuple(select)
    chosen = [r for r in registry.rules if any(r.code.startswith(c) or r.name == c for c in codes)]
    resolved = {r.code: r.default_options() for r in registry.rules}
    for key, value in (options or {}).items():
        target = registry.find(key)
        resolved[target.code].update(value)
    return Settings(rule_codes=tuple(r.code for r in chosen), options=resolved, **flags)


def lint_text(
    text: str, select: str | tuple[str, ...], options: dict | None = None, **flags: Any
) -> FileResult:
    doc = Document("article.md", text)
    return lint_document(doc, settings_for(select, options, **flags), "article.md")


def article(body: str, publish: str = "21 Nov 2019") -> str:
    return FRONT_MATTER.format(publish=publish) + body


def lint_body(
    body: str,
    select: str | tuple[str, ...],
    publish: str = "21 Nov 2019",
    options: dict | None = None,
) -> list[str]:
    """`"line:col CODE"` for each finding, lines counted from the body's first line."""
    result = lint_text(article(body, publish), select, options)
    return [f"{f.line - BODY_LINE_OFFSET}:{f.column} {f.code}" for f in result.findings]


def messages(
    body: str,
    select: str | tuple[str, ...],
    publish: str = "21 Nov 2019",
    options: dict | None = None,
) -> list[str]:
    result = lint_text(article(body, publish), select, options)
    return [f.message for f in result.findings]


def fixed(
    body: str,
    select: str | tuple[str, ...],
    publish: str = "21 Nov 2019",
    options: dict | None = None,
    unsafe: bool = False,
) -> str:
    """The body after applying fixes to a fixed point."""
    result = lint_text(article(body, publish), select, options, fix=True, unsafe_fixes=unsafe)
    text = result.fixed_text if result.fixed_text is not None else article(body, publish)
    return text[len(FRONT_MATTER.format(publish=publish)) :]

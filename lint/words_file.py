"""`newslint --add-words FILE PATHS`: teach the spelling rule a project's vocabulary.

Lints PATHS with NL501 alone and appends the words it does not know to FILE: sorted,
de-duplicated against what the file already holds, comments and order of existing lines kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from newslint.config import Config
from newslint.engine import Settings
from newslint.files import discover, relative_to_root
from newslint.registry import Registry
from newslint.runner import lint_paths

SPELLING_RULE = "misspelled-word"


def _existing_words(text: str) -> set[str]:
    return {
        line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()
    }


def add_unknown_words(
    target: Path, paths: tuple[str, ...], config: Config, registry: Registry
) -> int:
    from newslint.config import resolve_rule_options

    rule = registry.by_name(SPELLING_RULE)
    settings = Settings(
        rule_codes=(rule.code,),
        options=resolve_rule_options(registry, config),
        root=str(config.root),
        max_file_size=config.max_file_size,
    )
    tasks = [(p, relative_to_root(Path(p), config.root)) for p in discover(paths, config)]
    unknown = {
        f.snippet.replace("’", "'")
        for result in lint_paths(tasks, settings)
        for f in result.findings
        if f.code == rule.code and f.snippet
    }
    return append_words(target, unknown)


def append_words(target: Path, words: Iterable[str]) -> int:
    """Append the words `target` does not hold yet, sorted; create it if missing. The count."""
    current = target.read_text("utf-8") if target.exists() else ""
    new = sorted(set(words) - _existing_words(current), key=lambda w: (w.lower(), w))
    if new:
        separator = "" if not current or current.endswith("\n") else "\n"
        target.write_text(current + separator + "".join(f"{w}\n" for w in new), "utf-8")
    return len(new)

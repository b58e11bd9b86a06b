"""LanguageTool as an extra source of NL501/NL502 findings (opt-in, `[languagetool]` in config).

The client is language_tool_python, talking to a server at `url` or to one it starts under Java
(`local = true`). The article's prose blocks are sent as plain text, one paragraph each, and
matches are mapped back to the file: TYPOS → NL501, CONFUSED_WORDS (and any `categories` you
add) → NL502. Offsets come back in code points (the client corrects LanguageTool's UTF-16
units). If the server cannot be used (refused, garbage, an answer cut off, no complete answer
within `timeout` seconds, however slowly it drips, or an answer with more matches than the text
has characters), the first attempt says why and later ones fail at once: the run reports it a
single time and the offline rules still report.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from newslint import ServiceUnavailable
from newslint._prose import SEPARATOR

TYPOS, CONFUSED = "TYPOS", "CONFUSED_WORDS"


class LtMatch(NamedTuple):
    start: int
    end: int
    category: str
    rule_id: str
    message: str
    replacements: tuple[str, ...]


class LtSettings(NamedTuple):
    url: str = ""
    local: bool = False
    language: str = "en-GB"
    disabled_rules: tuple[str, ...] = ()
    enabled_rules: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    timeout: float = 30.0

    @classmethod
    def from_config(cls, table: Mapping[str, Any]) -> LtSettings:
        return cls(
            url=table.get("url", ""),
            local=bool(table.get("local", False)),
            language=table.get("language", "en-GB"),
            disabled_rules=tuple(table.get("disabled-rules", ())),
            enabled_rules=tuple(table.get("enabled-rules", ())),
            categories=tuple(table.get("categories", ())),
            timeout=float(table.get("timeout", 30.0)),
        )

    @property
    def where(self) -> str:
        return f"LanguageTool at {self.url}" if self.url else "local LanguageTool"


class _Client:
    def __init__(self, settings: LtSettings) -> None:
        self.settings = settings
        self.tool = None
        self.failure: str | None = None

    def check(self, text: str):
        if self.failure:
            raise ServiceUnavailable(self.failure)
        answer: dict[str, Any] = {}

        def ask() -> None:
            try:
                if self.tool is None:
                    self.tool = self._connect()
                answer["matches"] = self.tool.check(text)
            except Exception as exc:  # the client raises requests, JSON and Java errors alike
                answer["error"] = exc

        # the client's timeout applies to each read, so a server that sends a byte a second
        # would hold the run for ever; the whole exchange gets a deadline instead (a daemon
        # thread, so an abandoned request cannot keep the process alive)
        worker = threading.Thread(target=ask, name="newslint-languagetool", daemon=True)
        worker.start()
        worker.join(self.settings.timeout)
        if worker.is_alive():
            reason = f"no complete answer within {self.settings.timeout:g} s"
        elif "error" in answer:
            reason = _reason(answer["error"])
        elif len(answer["matches"]) > len(text) + 100:
            reason = f"{len(answer['matches'])} matches for {len(text)} characters of text"
        else:
            return answer["matches"]
        self.failure = (
            f"{self.settings.where} could not be used ({reason}); "
            "its findings are missing, the offline spelling rules still ran"
        )
        raise ServiceUnavailable(self.failure)

    def _connect(self):
        try:
            import language_tool_python
        except ImportError:
            raise RuntimeError(
                'language_tool_python is not installed: pip install "newslint[languagetool]"'
            ) from None
        s = self.settings
        if s.url:
            tool = language_tool_python.LanguageTool(s.language, remote_server=s.url)
        else:
            tool = language_tool_python.LanguageTool(s.language)
        tool._TIMEOUT = s.timeout  # the client's own default waits five minutes
        tool.disabled_rules.update(s.disabled_rules)
        tool.enabled_rules.update(s.enabled_rules)
        return tool


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:300]


@lru_cache(maxsize=2)
def client(settings: LtSettings) -> _Client:
    return _Client(settings)


def matches(doc, settings: LtSettings) -> list[LtMatch]:
    """LanguageTool's matches for the document's prose, located in the file."""
    # masked addresses and code go to LanguageTool as spaces, which it has always been sent;
    # only its TYPOS and CONFUSED_WORDS categories are used, which never read across them
    text = doc.prose_text.replace(SEPARATOR, " ")
    pieces, starts = [], []
    position = 0
    for block in doc.blocks:
        starts.append((position, block.start))
        pieces.append(text[block.start : block.end])
        position += block.end - block.start + 2
    if not pieces:
        return []
    wanted = {TYPOS, CONFUSED, *settings.categories}
    found = []
    for m in client(settings).check("\n\n".join(pieces)):
        if m.category not in wanted:
            continue
        base, absolute = next((b for b in reversed(starts) if b[0] <= m.offset), starts[0])
        start = absolute + (m.offset - base)
        found.append(
            LtMatch(
                start,
                start + m.error_length,
                m.category,
                m.rule_id,
                m.message,
                tuple(m.replacements[:3]),
            )
        )
    return found

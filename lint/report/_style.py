"""ANSI colour for terminal output; every helper is the identity when colour is off."""

from __future__ import annotations

_CODES = {"bold": "1", "dim": "2", "red": "31", "yellow": "33", "blue": "34", "cyan": "36"}
SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "blue"}


def paint(text: str, style: str, enabled: bool) -> str:
    if not enabled:
        return text
    return f"\x1b[{_CODES[style]}m{text}\x1b[0m"

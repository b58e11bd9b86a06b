"""A rule's documentation as `newslint rule CODE` prints it (the language server's hover too)."""

from __future__ import annotations

from newslint._api import Rule
from newslint.registry import Registry


def describe(found: Rule, registry: Registry) -> str:
    default = (
        "on by default"
        if found.default_enabled and not registry.is_plugin(found)
        else "opt-in (select it to use it)"
    )
    lines = [
        f"{found.code} {found.name}",
        f"severity: {found.severity}; {default}; fix: {'yes' if found.fixable else 'no'}",
        f"\n{found.summary}.\n",
        found.doc,
    ]
    if found.options:
        lines.append(f"\nOptions ([tool.newslint.rules.{found.name}]):")
        for key, option in found.options.items():
            lines.append(f"  {key} = {toml_value(option.default)}\n      {option.help}")
    return "\n".join(lines)


def toml_value(value) -> str:
    """A default shown as TOML, long lists and tables shortened."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, (list, tuple)):
        shown = ", ".join(f'"{v}"' for v in list(value)[:4])
        return f"[{shown}{', …' if len(value) > 4 else ''}]"
    if isinstance(value, dict):
        return (
            "{ "
            + ", ".join(f'"{k}" = "{v}"' for k, v in list(value.items())[:3])
            + (", … }" if len(value) > 3 else " }")
        )
    return str(value)

"""Find, read and validate configuration.

Looked up from the current directory upwards: `newslint.toml`, `.newslint.toml` (keys at the
top level) or `pyproject.toml` with a `[tool.newslint]` table; or the file given by `--config`.
Every key is checked against one declarative table, so a typo is an error naming the file and
the key, never silently ignored. Rule options are checked against the rules' own declarations in
`resolve_rule_options`, once the registry is known.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from newslint._api import SEVERITIES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILES = ("newslint.toml", ".newslint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


class ConfigError(Exception):
    """A configuration problem; the message names the file and the key."""


def _strings(where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return tuple(value)


def _patterns(where: str, value: Any) -> tuple[str, ...]:
    from newslint.globs import PatternError, check_pattern

    patterns = _strings(where, value)
    for pattern in patterns:
        try:
            check_pattern(pattern)
        except PatternError as exc:
            raise ConfigError(f'{where}: pattern "{_shorten(pattern)}" {exc}') from None
    return patterns


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _string(where: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where} must be a string")
    return value


def _severity(where: str, value: Any) -> str:
    if value not in SEVERITIES:
        raise ConfigError(f"{where} must be one of {', '.join(SEVERITIES)}, not {value!r}")
    return value


def _bool(where: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where} must be true or false")
    return value


MAX_MAX_FILE_SIZE = 1024**3


def _file_size(where: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ConfigError(f"{where} must be a positive whole number")
    if value > MAX_MAX_FILE_SIZE:
        raise ConfigError(f"{where} must be at most {MAX_MAX_FILE_SIZE} (1 GiB), not {value}")
    return value


def _per_file_ignores(where: str, value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table of glob = [codes]")
    _patterns(where, list(value))
    return tuple((glob, _strings(f'{where}."{glob}"', codes)) for glob, codes in value.items())


def _tables(where: str, value: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ConfigError(
            f"{where} must hold one table per rule, e.g. [tool.newslint.rules.phone-format]"
        )
    return {name: dict(options) for name, options in value.items()}


_LANGUAGETOOL_KEYS = {
    "url": str,
    "local": bool,
    "language": str,
    "disabled-rules": list,
    "enabled-rules": list,
    "categories": list,
    "timeout": (int, float),
}


def _languagetool(where: str, value: Any) -> dict[str, Any]:
    """[languagetool]: a server `url` or `local = true`, and what to ask it."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table")
    for key, item in value.items():
        expected = _LANGUAGETOOL_KEYS.get(key)
        if expected is None:
            raise ConfigError(
                f'{where}: unknown key "{key}" (known keys: {", ".join(_LANGUAGETOOL_KEYS)})'
            )
        if not isinstance(item, expected) or (
            expected is list and not all(isinstance(v, str) for v in item)
        ):
            raise ConfigError(f'{where}: "{key}" has the wrong type')
    if value and not value.get("url") and not value.get("local"):
        raise ConfigError(f'{where}: set "url" (a LanguageTool server) or "local = true"')
    return dict(value)


# key -> (attribute, validator): the whole config schema in one place
_KEYS: dict[str, tuple[str, Callable[[str, Any], Any]]] = {
    "select": ("select", _strings),
    "extend-select": ("extend_select", _strings),
    "ignore": ("ignore", _strings),
    "include": ("include", _patterns),
    "exclude": ("exclude", _patterns),
    "extend-exclude": ("extend_exclude", _patterns),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "fail-on": ("fail_on", _severity),
    "schema": ("schema", _string),
    "max-file-size": ("max_file_size", _file_size),
    "require-files": ("require_files", _bool),
    "words": ("words", _strings),
    "words-files": ("words_files", _strings),
    "rules": ("rules", _tables),
    "languagetool": ("languagetool", _languagetool),
}


class Config(NamedTuple):
    path: Path | None = None
    root: Path = Path(".")
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: str = "warning"
    schema: str | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    require_files: bool = False
    words: tuple[str, ...] = ()
    words_files: tuple[str, ...] = ()
    rules: Mapping[str, Mapping[str, Any]] = {}
    languagetool: Mapping[str, Any] = {}

    def relative(self, value: str) -> Path:
        """A path from the config file, resolved against the directory holding it."""
        return (self.root / value).resolve()


def find_config(start: Path) -> Path | None:
    for directory in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        return "newslint" in _read_toml(pyproject).get("tool", {})
    except ConfigError:
        return False


MAX_CONFIG_SIZE = 1024 * 1024  # bytes; a linter's settings are a few hundred


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_SIZE + 1)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror}") from None
    if len(data) > MAX_CONFIG_SIZE:
        raise ConfigError(
            f"{path}: is larger than {MAX_CONFIG_SIZE // 1024} KiB; not a config file?"
        )
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: is not UTF-8 text (byte 0x{data[exc.start]:02X} at offset {exc.start})"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: is not valid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(
            f"{path}: is not valid TOML: arrays or tables nested too deeply"
        ) from None


def load(path: Path | None = None, *, start: Path | None = None) -> Config:
    """The config at `path`, or the one found upwards from `start`; defaults when none."""
    if path is None:
        path = find_config(start or Path.cwd())
        if path is None:
            return Config(root=(start or Path.cwd()).resolve())
    elif not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("newslint", {})
        prefix = "[tool.newslint]"
    else:
        table = data
        prefix = "top level"
    return from_table(table, path=path.resolve(), where=f"{path}: {prefix}")


def from_table(
    table: Mapping[str, Any], *, path: Path | None = None, where: str = "config"
) -> Config:
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise ConfigError(f'{where}: unknown key "{key}" (known keys: {known})')
        attribute, validate = _KEYS[key]
        values[attribute] = validate(f'{where}: "{key}"', value)
    root = path.parent if path else Path.cwd()
    return Config(path=path, root=root, **values)


def resolve_rule_options(
    registry, config: Config, warn: Callable[[str], None] | None = None
) -> dict[str, dict[str, Any]]:
    """Each rule's options: its defaults overlaid with `[rules.<name>]`, every value checked.
    An option the rule no longer has is ignored with a warning (`warn`), not an error."""
    where = str(config.path or "config")
    resolved = {r.code: r.default_options() for r in registry.rules}
    for r in registry.rules:
        for option_name, declared in r.options.items():
            if declared.config_key:
                value = getattr(config, _KEYS[declared.config_key][0])
                if value:
                    resolved[r.code][option_name] = _resolve_paths(config, declared, value)
    for key, options in config.rules.items():
        found = registry.find(key)
        if found is None:
            raise ConfigError(f'{where}: [rules.{key}]: no rule is called "{key}"')
        for option, value in options.items():
            declared = found.options.get(option)
            if declared is None and option in found.removed_options:
                if warn is not None:
                    warn(
                        f'{where}: [rules.{key}]: "{option}" is no longer an option of '
                        f"{found.code} and is ignored: {found.removed_options[option]}"
                    )
                continue
            if declared is None:
                known = ", ".join(sorted(found.options)) or "none"
                raise ConfigError(
                    f'{where}: [rules.{key}]: unknown option "{option}" (options of {found.code}: {known})'
                )
            value = check_option_value(f'{where}: [rules.{key}] "{option}"', declared, value)
            resolved[found.code][option] = _resolve_paths(config, declared, value)
    _check_files(registry, resolved, where)
    return resolved


# options naming files that a rule reads whole, and what they must hold; checked once here, so
# that a missing, binary or enormous one is a config error rather than a failure in every file
_FILE_OPTIONS = {"words-files": "a words file", "schema": "a JSON Schema"}
MAX_DATA_FILE_SIZE = 10 * 1024 * 1024


def _check_files(registry, resolved: dict[str, dict[str, Any]], where: str) -> None:
    checked: set[str] = set()
    for r in registry.rules:
        for option, what in _FILE_OPTIONS.items():
            declared = r.options.get(option)
            if declared is None or not declared.is_path:
                continue
            value = resolved[r.code].get(option)
            for path in (value,) if isinstance(value, str) else value or ():
                if path and path not in checked:
                    checked.add(path)
                    _check_file(f'{where}: "{option}"', path, what)


def _check_file(where: str, path: str, what: str) -> None:
    import os
    import stat

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"{where}: {path} is not a regular file")
        if info.st_size > MAX_DATA_FILE_SIZE:
            raise ConfigError(
                f"{where}: {path} is {info.st_size / 1e6:.1f} MB; {what} may be at most "
                f"{MAX_DATA_FILE_SIZE / 1e6:.0f} MB"
            )
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ConfigError(f"{where}: {path} cannot be read: {exc.strerror or exc}") from None
    if b"\x00" in data:
        raise ConfigError(f"{where}: {path} is a binary file, not {what}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{where}: {path} is not UTF-8 text (byte 0x{data[exc.start]:02X} at offset {exc.start})"
        ) from None
    if what == "a JSON Schema":
        import json

        try:
            schema = json.loads(text)
        except ValueError as exc:
            raise ConfigError(f"{where}: {path} is not valid JSON: {exc}") from None
        except RecursionError:
            raise ConfigError(f"{where}: {path} is nested too deeply") from None
        if not isinstance(schema, (dict, bool)):
            raise ConfigError(f"{where}: {path} is not a JSON Schema (an object)")


def _resolve_paths(config: Config, declared, value: Any) -> Any:
    if not declared.is_path:
        return value
    if isinstance(value, str):
        return str(config.relative(value)) if value else value
    return tuple(str(config.relative(v)) for v in value)


def check_option_value(where: str, declared, value: Any) -> Any:
    default = declared.default
    expected = type(default)
    if isinstance(default, (bool, str, int, float)):
        ok = isinstance(value, expected) and (expected is bool or not isinstance(value, bool))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            ok, value = True, float(value)
    elif isinstance(default, (list, tuple)):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        value = tuple(value) if ok else value
    elif isinstance(default, dict):
        ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    else:
        ok = True
    if not ok:
        raise ConfigError(f"{where} must be {_describe(default)}, not {value!r}")
    if declared.choices and value not in declared.choices:
        raise ConfigError(f"{where} must be one of {', '.join(declared.choices)}, not {value!r}")
    if declared.regex and value:
        import re

        try:
            re.compile(value)
        except (re.error, RecursionError, OverflowError) as exc:
            raise ConfigError(f"{where} is not a valid regular expression ({exc})") from None
    return value


def _describe(default: Any) -> str:
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, int):
        return "a whole number"
    if isinstance(default, float):
        return "a number"
    if isinstance(default, str):
        return "a string"
    if isinstance(default, (list, tuple)):
        return "a list of strings"
    return "a table of strings"

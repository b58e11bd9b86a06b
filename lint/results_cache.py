"""The results cache: a file whose bytes and whose run inputs were seen before is not re-linted.

Each file's result is stored under a key made of the file's bytes, its path, and the run's
*fingerprint*: a digest of everything else that can change a finding:

- newslint's own code and data (every file of the installed package, by content: during
  development the version stays the same while rules change);
- the installed distributions (the names and versions of every `*.dist-info` on `sys.path`:
  plug-ins, phonenumbers' metadata, PyYAML, markdown-it-py…) and the Python version;
- the selected rules, every rule option after config and command line (LanguageTool settings
  included), per-file ignores, the fix switches and the file size limit;
- the contents of every file a path option names (the schema, words files, a dictionary).

Nothing depends on today's date: dates are resolved against the publish date, which is in the
file. Results of a run with `--online` are not cached (a link's state changes without any input
changing; the link checker keeps its own entries with a time limit), and neither are results
with an internal error, a service outage or applied fixes: those files are linted again.
Corpus rules' collected data is cached with the findings, so they still see every file.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from newslint._api import Edit, Fix, Rule
from newslint._lines import LineIndex
from newslint.cache import READ_SIZE, Store, cache_folder, file_digest, key_digest
from newslint.codes import FILE_CHANGED, UNREADABLE_FILE
from newslint.engine import FileResult, Finding, Settings, active_rules

_NAMESPACE = "results"
_FORMAT = 1  # bump when the stored shape changes


def run_fingerprint(settings: Settings) -> str:
    """A digest of every input of a run except the files themselves."""
    registry, _ = active_rules(settings, "")
    rules = [r for code in settings.rule_codes if (r := registry.by_code(code)) is not None]
    run = {
        "format": _FORMAT,
        "python": sys.version,
        "rules": list(settings.rule_codes),
        "options": settings.options,
        "per_file_ignores": settings.per_file_ignores,
        "max_file_size": settings.max_file_size,
        "fix": [settings.fix, settings.write, settings.unsafe_fixes],
        "registry": settings.registry_modules,
        "plugins": [tuple(p) for p in registry.plugins],
        "origins": sorted({r.origin for r in rules}),
    }
    return key_digest(
        json.dumps(run, sort_keys=True, default=repr),
        package_digest(),
        # not sys.path[0]: the script's folder or the current folder, which differ between
        # `newslint` and `python -m newslint` and hold no installed distributions
        distributions_digest(tuple(sys.path[1:])),
        _option_files_digest(rules, settings.options),
    )


@lru_cache(maxsize=1)
def package_digest() -> str:
    """newslint's code and data, by content (about 4 MB: 10 ms)."""
    import newslint
    import newslint.rules
    import newslint.schemas

    return folders_digest(
        sorted({Path(m.__file__).parent for m in (newslint, newslint.rules, newslint.schemas)})
    )


def folders_digest(folders: Iterable[Path]) -> str:
    """Every file under the folders (bytecode caches aside), by name and content."""
    parts: list[str | bytes] = []
    buffer = bytearray(READ_SIZE)
    for folder in folders:
        for base, subfolders, files in os.walk(folder):
            subfolders[:] = sorted(s for s in subfolders if s != "__pycache__")
            for name in sorted(files):
                if name.endswith((".pyc", ".pyo")):
                    continue
                path = os.path.join(base, name)
                try:
                    parts += [os.path.relpath(path, folder), file_digest(path, buffer)]
                except OSError:
                    parts.append(path)
    return key_digest(*parts)


@lru_cache(maxsize=4)
def distributions_digest(search_path: tuple[str, ...]) -> str:
    """The names (with versions) of every installed distribution: cheap, and any install,
    upgrade or plug-in change makes a new key."""
    names: list[str] = []
    for entry in search_path:
        try:
            names += [
                n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info"))
            ]
        except OSError:
            continue
    return key_digest(*sorted(names))


def _option_files_digest(rules: Iterable[Rule], options: Mapping[str, Mapping[str, Any]]) -> str:
    parts: list[str | bytes] = []
    for r in rules:
        for key, option in r.options.items():
            if not option.is_path:
                continue
            value = options.get(r.code, {}).get(key, option.default)
            for path in [value] if isinstance(value, str) else list(value or ()):
                parts += [r.code, key, str(path), *_path_contents(str(path))]
    return key_digest(*parts)


def _path_contents(path: str) -> list[bytes]:
    if not path:
        return []
    candidates = [path, f"{path}.dic", f"{path}.aff"]  # a Hunspell dictionary is named bare
    found = []
    for candidate in candidates:
        if os.path.isfile(candidate):
            try:
                found.append(Path(candidate).read_bytes())
            except OSError:
                found.append(b"unreadable")
    return found


class ResultsCache:
    """Get and put one file's result, keyed by its bytes and the run's fingerprint."""

    def __init__(self, store: Store, fingerprint: str) -> None:
        self.store = store
        self.fingerprint = fingerprint

    @classmethod
    def for_run(cls, settings: Settings) -> ResultsCache | None:
        """The cache for this run, or None when the run must not use one."""
        if not settings.use_cache or settings.online:
            return None
        folder = Path(settings.cache_dir) if settings.cache_dir else cache_folder(settings.root)
        return cls(Store(folder, _NAMESPACE), run_fingerprint(settings))

    def key(self, path: str, relpath: str, data: bytes) -> str:
        return key_digest(self.fingerprint, path, relpath, data)

    def get(self, path: str, relpath: str, data: bytes) -> FileResult | None:
        stored = self.store.get_json(self.key(path, relpath, data))
        if stored is None:
            return None
        try:
            return _decode_result(path, stored)
        except (KeyError, TypeError, ValueError, IndexError):
            return None  # the right digest but a shape this version cannot read: a miss

    def put(self, path: str, relpath: str, data: bytes, result: FileResult) -> None:
        if result.internal_error or result.outages or result.fixed_text is not None:
            return
        if any(f.code in _ABOUT_THE_RUN for f in result.findings):
            return  # fixes that could not be written: the next --fix must try again
        try:
            value = _encode_result(result)
            encoded = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return  # a plug-in's corpus data that JSON cannot hold: lint it again next time
        self.store.put(self.key(path, relpath, data), encoded.encode("utf-8"))


# findings about what happened to the file in this run (NL003 from a failed write, NL004), not
# about its content, so they must not outlive the run
_ABOUT_THE_RUN = frozenset({FILE_CHANGED.code, UNREADABLE_FILE.code})


def _encode_result(result: FileResult) -> dict[str, Any]:
    value: dict[str, Any] = {"findings": [_encode_finding(f) for f in result.findings]}
    if result.publish_date is not None:
        value["publish_date"] = result.publish_date
    if result.corpus:
        value["corpus"] = {code: _tagged(data) for code, data in result.corpus.items()}
        if result.lines is not None:
            value["lines"] = [result.lines.starts, result.lines.length]
    return value


def _decode_result(path: str, value: Mapping[str, Any]) -> FileResult:
    result = FileResult(path, [_decode_finding(path, f) for f in value["findings"]])
    result.publish_date = value.get("publish_date")
    if "corpus" in value:
        result.corpus = {code: _untagged(data) for code, data in value["corpus"].items()}
        if "lines" in value:
            starts, length = value["lines"]
            result.lines = LineIndex.from_starts(starts, length)
    return result


def _encode_finding(f: Finding) -> list[Any]:
    fix = [f.fix.safe, [list(e) for e in f.fix.edits]] if f.fix is not None else None
    return [
        f.code,
        f.name,
        f.severity,
        f.message,
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        fix,
        f.start,
        f.end,
        f.snippet,
        [list(r) for r in f.fix_regions],
    ]


def _decode_finding(path: str, row: list[Any]) -> Finding:
    (code, name, severity, message, line, column, end_line, end_column, fix, start, end) = row[:11]
    snippet, regions = row[11], row[12]
    decoded_fix = (
        Fix(tuple(Edit(int(a), int(b), str(t)) for a, b, t in fix[1]), bool(fix[0]))
        if fix is not None
        else None
    )
    return Finding(
        path,
        str(code),
        str(name),
        str(severity),
        str(message),
        int(line),
        int(column),
        int(end_line),
        int(end_column),
        decoded_fix,
        int(start),
        int(end),
        str(snippet),
        tuple((int(a), int(b), int(c), int(d), str(t)) for a, b, c, d, t in regions),
    )


def _tagged(value: Any) -> Any:
    """JSON that keeps tuples apart from lists, so corpus data reads back as it was made."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, tuple):
        return {"t": [_tagged(v) for v in value]}
    if isinstance(value, list):
        return [_tagged(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"d": {k: _tagged(v) for k, v in value.items()}}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _untagged(value: Any) -> Any:
    if isinstance(value, list):
        return [_untagged(v) for v in value]
    if isinstance(value, dict):
        if "t" in value:
            return tuple(_untagged(v) for v in value["t"])
        return {k: _untagged(v) for k, v in value["d"].items()}
    return value

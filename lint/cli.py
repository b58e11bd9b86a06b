"""The `newslint` command: parses options, builds settings, runs the engine, picks reporters.

Exit codes: 0 nothing at or above --fail-on, 1 something was, 2 usage, config, plug-in or
internal error.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from pathlib import Path
from typing import TextIO

import click
from newslint import __version__
from newslint.config import Config, ConfigError
from newslint.config import load as load_config
from newslint.registry import PluginError, Registry, default_registry

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
TERMINAL_FORMATS = ("text", "concise")


class _DefaultToCheck(click.Group):
    """`newslint PATHS` means `newslint check PATHS`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (
            args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")
        ):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _version_text() -> str:
    lines = [f"newslint {__version__} (Python {sys.version.split()[0]})"]
    try:
        registry = default_registry()
    except PluginError as exc:
        return lines[0] + f"\nplug-ins: failed to load: {exc}"
    for plugin in registry.plugins:
        lines.append(f"plug-in {plugin.prefix}: {plugin.distribution} {plugin.version}")
    return "\n".join(lines)


def _print_version(ctx: click.Context, _param, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_version_text())
        ctx.exit(0)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version, the Python in use and installed plug-ins.",
)
def main() -> None:
    """Lint news articles: front matter, phone numbers, links, dates and spelling.

    `newslint PATHS` is short for `newslint check PATHS`.
    """


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _fail(message: str) -> None:
    click.echo(f"newslint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _load(config_path: str | None) -> tuple[Config, Registry]:
    try:
        config = load_config(Path(config_path) if config_path else None)
        registry = default_registry()
    except (ConfigError, PluginError) as exc:
        _fail(str(exc))
    return config, registry


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Use this config file instead of searching.",
)
@click.option(
    "--select", multiple=True, help="Only these codes, prefixes or rule names (comma-separated)."
)
@click.option(
    "--extend-select", multiple=True, help="Also these codes, prefixes or names (opt-in rules too)."
)
@click.option("--ignore", multiple=True, help="Skip these codes, prefixes or names.")
@click.option(
    "--exclude", multiple=True, help="Skip paths matching this glob (adds to the config's)."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the exit code 1 (default: warning).",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    metavar="FORMAT",
    help="Output format: text (default), concise, json, sarif, github, junit, gitlab, or auto "
    "(github inside GitHub Actions, else text). Repeatable; see `newslint formats`.",
)
@click.option(
    "--output-file",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the (machine-readable) report here; the summary still goes to the terminal.",
)
@click.option(
    "--statistics", is_flag=True, help="After the report, count the findings of each rule."
)
@click.option(
    "--add-words",
    "add_words",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Append the words NL501 does not know in PATHS to FILE (sorted, de-duplicated); report nothing.",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes in place.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that may change meaning.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option(
    "--online",
    is_flag=True,
    help="Allow rules that use the network (link checks; needs newslint[online]).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither read nor write the cache (results, remembered answers, link checks).",
)
@click.option(
    "--no-progress", is_flag=True, help="No progress bar (it shows only at a terminal anyway)."
)
@click.option(
    "--quiet", "-q", is_flag=True, help="Print findings only: no progress bar, no summary line."
)
@click.option(
    "--require-files",
    is_flag=True,
    help="Exit 2 when no file matched PATHS (for CI: a mistyped path must not pass).",
)
@click.option(
    "--stdin-filename", help="The path to report (and match config globs) when reading from `-`."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: CPUs).",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    help="Colour in text output (never when NO_COLOR is set).",
)
def check(
    paths,
    config_path,
    select,
    extend_select,
    ignore,
    exclude,
    fail_on,
    formats,
    output_file,
    statistics,
    add_words,
    fix,
    unsafe_fixes,
    diff,
    online,
    no_cache,
    no_progress,
    quiet,
    require_files,
    stdin_filename,
    jobs,
    color,
) -> None:
    """Lint PATHS (files or folders; `-` reads standard input). Default: the current folder."""
    from newslint.app import CheckRequest, run_check

    config, registry = _load(config_path)
    if online:
        try:
            import httpx  # noqa: F401
        except ImportError:
            _fail('--online needs httpx: pip install "newslint[online]"')
    if add_words:
        from newslint.words_file import add_unknown_words

        try:
            added = add_unknown_words(Path(add_words), tuple(paths) or (".",), config, registry)
        except (ConfigError, OSError) as exc:
            _fail(str(exc))
        click.echo(f"added {added} word{'' if added == 1 else 's'} to {add_words}")
        sys.exit(EXIT_CLEAN)
    request = CheckRequest(
        paths=tuple(paths) or (".",),
        select=_split(select) or None,
        extend_select=_split(extend_select),
        ignore=_split(ignore),
        exclude=tuple(exclude),
        fail_on=fail_on,
        formats=_split(formats) or ("text",),
        output_file=output_file,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        diff=diff,
        online=online,
        use_cache=not no_cache,
        stdin_filename=stdin_filename,
        jobs=jobs,
        color=_use_colour(color, sys.stdout),
        statistics=statistics,
        quiet=quiet,
        progress=not no_progress,
        require_files=require_files,
    )
    try:
        code = run_check(request, config, registry, sys.stdout, sys.stderr)
    except ConfigError as exc:
        _fail(str(exc))
    except click.UsageError:
        raise
    global _check_done
    _check_done = True
    sys.exit(code)


_check_done = False  # a check has reported: all that is left is to keep what it learnt


def run() -> None:
    """The `newslint` program: `main`, ended quickly once a check has reported.

    Python's own exit frees every object a run made, one by one (the dictionary, the word-use
    lexicon, compiled patterns): 50–70 ms, a sixth of a one-file pre-commit run. After a check
    there is nothing to free for: this process's remembered answers and cache writes are saved,
    the output is flushed, and the process ends at once, as mypy does. Other commands (`lsp`,
    `serve`) and `main` called in-process (tests) exit as usual."""
    # the start makes long-lived objects (rules, patterns, the dictionary) that collections
    # would walk again and again: 80 of them, 10–15 ms of a cold one-file run. The runner
    # freezes them and collects again once warm; the servers collect from their start.
    gc.disable()
    try:
        main()
    except SystemExit as exc:
        if not _check_done:
            raise
        _quick_exit(exc.code)


def _quick_exit(code: object) -> None:
    from newslint.cache import close_all
    from newslint.memo import save_all

    save_all()
    close_all()
    for stream in (sys.stdout, sys.stderr):
        # (a reader that went away, as with `| head`: nothing more can reach it)
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code if isinstance(code, int) else EXIT_CLEAN if code is None else EXIT_ERROR)


def _use_colour(choice: str, stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if choice == "always":
        return True
    return choice == "auto" and hasattr(stream, "isatty") and stream.isatty()


@main.command("rules")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Config file to show defaults from.",
)
def list_rules(config_path) -> None:
    """List every rule: code, name, default severity, fixable, on by default, summary."""
    _config, registry = _load(config_path)
    rows = [("code", "name", "severity", "fix", "default", "summary")]
    for r in registry.rules:
        default = "on" if r.default_enabled and not registry.is_plugin(r) else "opt-in"
        rows.append((r.code, r.name, r.severity, "yes" if r.fixable else "-", default, r.summary))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        click.echo(
            "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5]
        )


@main.command("rule")
@click.argument("code_or_name")
def show_rule(code_or_name: str) -> None:
    """Show one rule's documentation, options and defaults."""
    _config, registry = _load(None)
    found = registry.find(code_or_name)
    if found is None:
        _fail(f'no rule "{code_or_name}"; `newslint rules` lists them')
    from newslint.ruledoc import describe

    click.echo(describe(found, registry))


@main.command("lsp")
@click.option(
    "--stdio", is_flag=True, help="Accepted for editors that pass it; stdio is the only transport."
)
def lsp(stdio: bool) -> None:
    """Run the language server on standard input and output, for editors (newslint[lsp])."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        _fail('the language server needs pygls: pip install "newslint[lsp]"')
    from newslint.lsp.server import serve

    gc.enable()  # a server runs for hours: it collects as usual (`run` put collection off)
    sys.exit(serve())


@main.command("clean")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="The config file whose project's cache to delete.",
)
def clean(config_path) -> None:
    """Delete the cache folder (.newslint_cache in the project root, or $NEWSLINT_CACHE_DIR)."""
    from newslint.cache import cache_folder
    from newslint.cache import clean as delete_cache

    config, _registry = _load(config_path)
    folder = cache_folder(config.root)
    try:
        removed = delete_cache(folder)
    except OSError as exc:
        _fail(f"cannot delete the cache: {exc}")
    click.echo(f"removed {folder}" if removed else f"no cache at {folder}")


@main.command("formats")
def list_formats() -> None:
    """List the output formats."""
    from newslint.report import formats, reporter

    for name in formats():
        doc = (reporter(name).__doc__ or "").strip().splitlines()
        click.echo(f"{name:10} {doc[0] if doc else ''}")


@main.command("init")
@click.option("--force", is_flag=True, help="Overwrite an existing newslint.toml.")
def init(force: bool) -> None:
    """Write a commented starter newslint.toml in the current folder."""
    from importlib import resources

    target = Path("newslint.toml")
    if target.exists() and not force:
        _fail("newslint.toml already exists (use --force to overwrite it)")
    target.write_text(
        resources.files("newslint").joinpath("starter.toml").read_text("utf-8"), encoding="utf-8"
    )
    click.echo(f"wrote {target}")


@main.command("serve")
@click.argument(
    "folder", required=False, default=".", type=click.Path(exists=True, file_okay=False)
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8765,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port (0: any free one).",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests for this host name (e.g. the machine's name on the office network).",
)
@click.option(
    "--online", is_flag=True, help="Let the link rules request links (needs newslint[online])."
)
@click.option("--languagetool", is_flag=True, help="Also ask the config's LanguageTool server.")
def serve_command(folder, host, port, allow_hosts, online, languagetool) -> None:
    """A local web page for checking drafts, with FOLDER's settings (default: this folder)."""
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        _fail('`newslint serve` needs Starlette and uvicorn: pip install "newslint[serve]"')
    if online:
        try:
            import httpx  # noqa: F401
        except ImportError:
            _fail('--online needs httpx: pip install "newslint[online]"')
    from newslint.serve import ServeError, serve

    gc.enable()  # a server runs for hours: it collects as usual (`run` put collection off)
    try:
        serve(
            Path(folder),
            host=host,
            port=port,
            online=online,
            languagetool=languagetool,
            allow_hosts=allow_hosts,
        )
    except (ConfigError, PluginError, ServeError) as exc:
        _fail(str(exc))

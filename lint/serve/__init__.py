"""`newslint serve`: a local web page where editors paste or drop a draft and see its findings.

Starlette routes the requests and uvicorn serves them (the `serve` extra). The settings are read
once from the folder's config; the server never writes a file (no answer cache, no fixed files)
and keeps nothing per user. The network rules and LanguageTool stay off unless asked for when the
server starts.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from newslint.serve.guard import WILDCARDS, HostPolicy, is_loopback

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


class ServeError(Exception):
    """The server cannot start; the message says why."""


def build_checker(folder: Path, *, online: bool = False, languagetool: bool = False):
    """The checker for drafts, with the settings of the config found from `folder`, and a line
    saying where those settings came from."""
    from newslint.app import CheckRequest, build_settings
    from newslint.config import load
    from newslint.registry import default_registry
    from newslint.serve.drafts import DraftChecker

    config = load(start=folder)
    registry = default_registry()
    settings = build_settings(CheckRequest(online=online, use_cache=False), config, registry)
    if not languagetool:
        options = {code: dict(values) for code, values in settings.options.items()}
        for r in registry.rules:
            for key, option in r.options.items():
                if option.config_key == "languagetool":
                    options[r.code][key] = option.default
        settings = settings._replace(options=options)
    # a server writes nothing: no answer cache, no link cache, no fixed files
    settings = settings._replace(use_cache=False, write=False, fix=False)
    checker = DraftChecker(settings, {r.code: r for r in registry.rules})
    source = (
        f"settings from {config.path}"
        if config.path
        else f"default settings (no newslint config in {folder.resolve()} or above)"
    )
    return checker, source, bool(config.languagetool)


def listen(host: str, port: int) -> socket.socket:
    """A listening socket, opened here so that a busy port is a clear error and port 0 works."""
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def url_of(sock: socket.socket, host: str) -> str:
    port = sock.getsockname()[1]
    shown = "127.0.0.1" if host in WILDCARDS else host
    if ":" in shown:
        shown = f"[{shown.strip('[]')}]"
    return f"http://{shown}:{port}"


def serve(
    folder: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    online: bool = False,
    languagetool: bool = False,
    allow_hosts: Iterable[str] = (),
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> None:
    import uvicorn
    from newslint.serve.app import create_app

    checker, source, lt_configured = build_checker(folder, online=online, languagetool=languagetool)
    if languagetool and not lt_configured:
        raise ServeError("--languagetool needs a [languagetool] table in the config")
    policy = HostPolicy(host, allow_hosts)
    sock = listen(host, port)
    url = url_of(sock, host)
    if not is_loopback(host):
        err.write(
            f"newslint: warning: --host {host} exposes the page to other machines; anyone who "
            "can reach this address can use it (there is no login)\n"
        )
    if lt_configured and not languagetool:
        err.write(
            "newslint: LanguageTool is configured but off here; add --languagetool to use it\n"
        )
    context = {"source": source, "online": online, "languagetool": languagetool}
    app = create_app(checker, policy, context)
    out.write(f"newslint serve: {url}  ({source}; Ctrl+C stops it)\n")
    out.flush()
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, lifespan="off", server_header=False
    )
    uvicorn.Server(config).run(sockets=[sock])

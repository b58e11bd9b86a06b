"""The draft page's routes: the page, its two assets, and two JSON endpoints.

The routes only pass requests to `DraftChecker` and return what it answers. Linting runs in a
worker thread, one draft at a time: the engine's process-wide caches (the Hunspell dictionary)
are shared by every request and are not documented as thread-safe, and with two cores a second
thread would not be faster anyway. No request leaves a trace: nothing is kept per user and no
file is written.
"""

from __future__ import annotations

import threading
from typing import Any

from newslint import __version__
from newslint._html import asset, render
from newslint.serve.drafts import DEFAULT_FILENAME, DraftChecker, DraftError
from newslint.serve.guard import (
    MAX_BODY,
    HostGuard,
    HostPolicy,
    RequestRefused,
    read_json,
    text_field,
)
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

# The page loads nothing from anywhere else, and may not be framed by another site.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
ASSETS = {"style.css": "text/css; charset=utf-8", "page.js": "text/javascript; charset=utf-8"}


def create_app(checker: DraftChecker, policy: HostPolicy, page_context: dict[str, Any]) -> Any:
    lock = threading.Lock()
    page = render(
        "page.html", version=__version__, max_mb=MAX_BODY // (1024 * 1024), **page_context
    )
    assets = {name: asset(name) for name in ASSETS}

    def locked(method, *args):
        with lock:
            return method(*args)

    async def index(_request: Request) -> Response:
        return HTMLResponse(page, headers=SECURITY_HEADERS)

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in assets:
            return Response("not found\n", status_code=404, headers=SECURITY_HEADERS)
        return Response(assets[name], media_type=ASSETS[name], headers=SECURITY_HEADERS)

    async def check(request: Request) -> Response:
        data = await read_json(request)
        text = text_field(data, "text")
        filename = text_field(data, "filename", DEFAULT_FILENAME)
        return _json(await run_in_threadpool(locked, checker.check, text, filename))

    async def fix(request: Request) -> Response:
        data = await read_json(request)
        text = text_field(data, "text")
        which = text_field(data, "fix")
        filename = text_field(data, "filename", DEFAULT_FILENAME)
        return _json(await run_in_threadpool(locked, checker.fix, text, which, filename))

    async def refused(_request: Request, exc: Exception) -> Response:
        status = exc.status if isinstance(exc, RequestRefused) else 409
        return _json({"error": str(exc)}, status)

    async def failed(_request: Request, exc: Exception) -> Response:
        return _json({"error": f"newslint failed on this draft: {type(exc).__name__}: {exc}"}, 500)

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/assets/{name}", static),
            Route("/api/check", check, methods=["POST"]),
            Route("/api/fix", fix, methods=["POST"]),
        ],
        exception_handlers={RequestRefused: refused, DraftError: refused, Exception: failed},
    )
    return HostGuard(app, policy)


def _json(data: dict[str, Any], status: int = 200) -> Response:
    return JSONResponse(data, status_code=status, headers=SECURITY_HEADERS)

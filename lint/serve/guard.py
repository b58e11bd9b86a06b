"""What the draft server refuses: requests for another host name, and oversized bodies.

A page on 127.0.0.1 can still be reached by a web site the editor visits, through DNS
rebinding: the site's own name is made to resolve to 127.0.0.1, so the browser sends the
request with that name in its Host header. Only the names the server was bound to are answered.
"""

from __future__ import annotations

import ipaddress
import json
import socket
from collections.abc import Iterable
from typing import Any

MAX_BODY = 2 * 1024 * 1024
DRAIN_LIMIT = 8  # an oversized body up to this many times the limit is read and dropped
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("0.0.0.0", "::", "")


class RequestRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class HostPolicy:
    """The Host header names a server bound to `bound` answers to.

    Bound to loopback: the loopback names. Bound to one address or name: that one. Bound to every
    interface (0.0.0.0): any IP address (a rebinding attack always sends a name, never an
    address) and this machine's names. `extra` adds names (`--allow-host`)."""

    def __init__(self, bound: str, extra: Iterable[str] = ()) -> None:
        bound = bound.strip("[]").lower()
        names = {bound, *(name.lower() for name in extra)}
        self.any_ip = bound in WILDCARDS
        if is_loopback(bound):
            names.update(LOOPBACK_NAMES)
        if self.any_ip:
            names.update({"localhost", socket.gethostname().lower(), socket.getfqdn().lower()})
        self.names = frozenset(n for n in names if n not in WILDCARDS)

    def allows(self, header: str | None) -> bool:
        if not header:
            return False
        host = header.strip().lower()
        if host.startswith("["):  # [::1]:8765
            host = host[1 : host.find("]")] if "]" in host else host
        elif host.count(":") == 1:
            host = host.split(":", 1)[0]
        host = host.rstrip(".")
        return host in self.names or (self.any_ip and _is_ip(host))


class HostGuard:
    """ASGI middleware: answer 400 to a request whose Host header the policy does not allow."""

    def __init__(self, app: Any, policy: HostPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            headers = dict(scope.get("headers") or [])
            host = headers.get(b"host", b"").decode("latin-1")
            if not self.policy.allows(host):
                body = (
                    f'newslint serve does not answer for the host "{host}"; '
                    "open the address it printed when it started\n"
                ).encode()
                await send(
                    {
                        "type": "http.response.start",
                        "status": 400,
                        "headers": [
                            (b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


async def read_json(request: Any, limit: int = MAX_BODY) -> dict[str, Any]:
    """The request's JSON object, refusing a body over `limit` bytes before reading it all."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise RequestRefused(415, "send the draft as JSON (Content-Type: application/json)")
    too_big = RequestRefused(
        413, f"the draft is larger than {limit // (1024 * 1024)} MB; check a shorter text"
    )
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > DRAIN_LIMIT * limit:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size <= limit:
            chunks.append(chunk)
        elif size > DRAIN_LIMIT * limit:
            break
    if size > limit:
        # read to the end (up to a bound) so that the client, still sending, hears the answer
        raise too_big
    try:
        data = json.loads(b"".join(chunks))
    except (ValueError, UnicodeDecodeError):
        raise RequestRefused(400, "the request is not valid JSON") from None
    if not isinstance(data, dict):
        raise RequestRefused(400, "the request must be a JSON object")
    return data


def text_field(data: dict[str, Any], key: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise RequestRefused(400, f'"{key}" must be a string')
    return value

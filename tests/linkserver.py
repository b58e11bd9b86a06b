"""A real HTTP server on 127.0.0.1 for the online link tests and the link benchmark.

Paths: /ok, /moved (301 → /ok), /gone-home (301 → /), /missing (404), /removed (410),
/flaky (500 once, then 200), /busy (429 with Retry-After: 1, always), /loop (302 → /loop),
/slow (answers after `slow` seconds), /no-head (405 to HEAD, 200 to GET), /cookie (sets a cookie
and redirects to /ok), /n/<anything> (200, for load), and any path a test puts in `redirects`.
It listens on `host` (any 127.x address), with TLS when given a server context, and records
every request.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LinkServer:
    def __init__(
        self, slow: float = 3.0, delay: float = 0.0, host: str = "127.0.0.1", tls=None
    ) -> None:
        self.slow = slow
        self.delay = delay
        self.host = host
        self.redirects: dict[str, str] = {}  # path -> Location, for tests to add
        self.hits: Counter = Counter()
        self.requests: list[tuple[str, str, dict]] = []
        self.in_flight = 0
        self.peak = 0
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_HEAD(self) -> None:
                self._answer("HEAD")

            def do_GET(self) -> None:
                self._answer("GET")

            def _answer(self, method: str) -> None:
                with server.lock:
                    server.hits[self.path] += 1
                    server.requests.append((method, self.path, dict(self.headers)))
                    server.in_flight += 1
                    server.peak = max(server.peak, server.in_flight)
                    count = server.hits[self.path]
                try:
                    if server.delay:
                        time.sleep(server.delay)
                    self._route(method, count)
                finally:
                    with server.lock:
                        server.in_flight -= 1

            def _send(self, status: int, headers: dict | None = None, body: bytes = b"") -> None:
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command == "GET" and body:
                    self.wfile.write(body)

            def _route(self, method: str, count: int) -> None:
                path = self.path
                if path in server.redirects:
                    self._send(302, {"Location": server.redirects[path]})
                elif path in ("/ok", "/") or path.startswith("/n/"):
                    self._send(200, body=b"hello" * 1000)
                elif path == "/moved":
                    self._send(301, {"Location": "/ok"})
                elif path == "/gone-home":
                    self._send(301, {"Location": "/"})
                elif path == "/missing":
                    self._send(404)
                elif path == "/removed":
                    self._send(410)
                elif path == "/flaky":
                    self._send(500 if count == 1 else 200)
                elif path == "/busy":
                    self._send(429, {"Retry-After": "1"})
                elif path == "/loop":
                    self._send(302, {"Location": "/loop"})
                elif path == "/slow":
                    time.sleep(server.slow)
                    self._send(200)
                elif path == "/no-head":
                    self._send(405 if method == "HEAD" else 200)
                elif path == "/cookie":
                    self._send(302, {"Location": "/ok", "Set-Cookie": "session=secret; Path=/"})
                else:
                    self._send(404)

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def __enter__(self) -> LinkServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

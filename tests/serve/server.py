"""Run a real `newslint serve` in a subprocess on 127.0.0.1 (port 0: the system picks one)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any


class Server:
    """`with Server(folder) as server:` starts `newslint serve FOLDER --port 0` and stops it."""

    def __init__(self, folder: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.args = args
        self.env = {**os.environ, **(env or {})}
        self.url = ""
        self.proc: subprocess.Popen | None = None
        self.stderr = ""

    def __enter__(self) -> Server:
        command = [sys.executable, "-m", "newslint", "serve", str(self.folder), "--port", "0"]
        self.proc = subprocess.Popen(
            [*command, *self.args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env,
            cwd=self.folder,
        )
        timer = threading.Timer(30, self.proc.kill)  # a server that never starts fails the test
        timer.start()
        line = self.proc.stdout.readline()
        timer.cancel()
        if not line.startswith("newslint serve: http://"):
            self.proc.kill()
            raise RuntimeError(f"server did not start: {line!r} {self.proc.stderr.read()!r}")
        self.url = line.split()[2]
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGINT)  # Ctrl+C, as the editor's colleague stops it
        try:
            _, self.stderr = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.communicate()

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def request(
        self,
        path: str,
        body: Any = None,
        *,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        method: str | None = None,
    ) -> tuple[int, Any]:
        """(status, decoded JSON or text) of one request."""
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers = {"Content-Type": "application/json", **(headers or {})}
        request = urllib.request.Request(
            self.url + path, data=data, headers=headers or {}, method=method
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, raw, kind = response.status, response.read(), response.headers
        except urllib.error.HTTPError as exc:
            status, raw, kind = exc.code, exc.read(), exc.headers
        text = raw.decode("utf-8")
        if kind.get("content-type", "").startswith("application/json"):
            return status, json.loads(text)
        return status, text

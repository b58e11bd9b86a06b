"""LanguageTool (opt-in): language_tool_python's real client against a LanguageTool-compatible
HTTP server started on 127.0.0.1 by the test (`/v2/languages` and `/v2/check` in LanguageTool's
documented format, offsets in UTF-16 code units as LanguageTool sends them).

A test against a real LanguageTool server runs only when NEWSLINT_LANGUAGETOOL_URL is set, e.g.
    java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port 8081
    NEWSLINT_LANGUAGETOOL_URL=http://127.0.0.1:8081 make test
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner
from newslint.cli import main

from tests.helpers import article, lint_body

CODES = ("NL501", "NL502")
# word -> (category, rule id, message, replacements)
FAKE_RULES = {
    "teh": ("TYPOS", "MORFOLOGIK_RULE_EN_GB", "Possible spelling mistake found.", ["the", "ten"]),
    "Horwood": ("TYPOS", "MORFOLOGIK_RULE_EN_GB", "Possible spelling mistake found.", ["Harwood"]),
    "loose": ("CONFUSED_WORDS", "LOSE_LOOSE", "Did you mean “lose”?", ["lose"]),
    "Thursday": ("SEMANTICS", "DATE_WEEKDAY", "The date is not a Thursday.", []),
}


class FakeLanguageTool:
    def __init__(self, mode: str = "ok") -> None:
        self.mode = mode
        self.checks: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _json(self, payload) -> None:
                body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if self.path.startswith("/v2/languages"):
                    self._json([{"name": "English (GB)", "code": "en", "longCode": "en-GB"}])
                else:
                    self.send_error(404)

            def do_POST(self) -> None:
                form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                text = form["text"][0]
                fake.checks.append({k: v[0] for k, v in form.items()})
                if fake.mode == "slow":
                    time.sleep(3)
                if fake.mode == "malformed":
                    self._json(b"<html>not json</html>")
                    return
                if fake.mode == "cut":  # promises a body and closes half-way
                    self.send_response(200)
                    self.send_header("Content-Length", "1000")
                    self.end_headers()
                    self.wfile.write(b'{"matches": [')
                    self.close_connection = True
                    return
                if fake.mode == "drip":  # a byte every 0.2 s: no single read times out
                    body = json.dumps({"matches": []}).encode() + b" " * 1000
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    for byte in body:
                        try:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                        except OSError:
                            return  # the client gave up, as it should
                        time.sleep(0.2)
                    return
                if fake.mode == "huge":  # 200,000 matches (about 40 MB) for a short text
                    one = json.dumps(match(text, "teh") if "teh" in text else huge_match(text))
                    self._json(b'{"matches": [' + b",".join([one.encode()] * 200_000) + b"]}")
                    return
                self._json(
                    {
                        "software": {"name": "LanguageTool", "version": "6.8"},
                        "language": {"code": "en-GB"},
                        "matches": [
                            match(text, word) for word in FAKE_RULES for _ in [0] if word in text
                        ],
                    }
                )

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        # a client that gives up mid-answer is the point of some tests, not an error to print
        self.httpd.handle_error = lambda _request, _address: None
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> FakeLanguageTool:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def match(text: str, word: str) -> dict:
    index = text.index(word)
    utf16 = lambda s: len(s.encode("utf-16-le")) // 2  # noqa: E731 - LanguageTool counts UTF-16 units
    category, rule_id, message, replacements = FAKE_RULES[word]
    return {
        "message": message,
        "shortMessage": "",
        "replacements": [{"value": r} for r in replacements],
        "offset": utf16(text[:index]),
        "length": utf16(word),
        "context": {"text": text, "offset": utf16(text[:index]), "length": utf16(word)},
        "sentence": text,
        "rule": {
            "id": rule_id,
            "description": message,
            "issueType": "misspelling",
            "category": {"id": category, "name": category.title()},
        },
    }


def huge_match(text: str) -> dict:
    found = match("teh", "teh")
    found["offset"], found["length"] = 0, 1
    return found


def options(url: str, **extra) -> dict:
    table = {"url": url, "timeout": 1.0, **extra}
    return {"misspelled-word": {"languagetool": table}, "confused-word": {"languagetool": table}}


def test_matches_are_mapped_with_exact_positions() -> None:
    body = (
        "Emoji 😀 first: teh car.\n\nPC Horwood said drivers could loose their licence on Thursday."
    )
    with FakeLanguageTool() as lt:
        found = lint_body(body, CODES, options=options(lt.url))
    second = body.split("\n\n")[1]
    assert found == [
        f"1:{body.index('teh') + 1} NL501",
        f"3:{second.index('loose') + 1} NL502",  # offline NL502 finds it too; reported once
    ]
    assert lt.checks[0]["language"] == "en-GB"


def test_one_request_serves_both_rules_and_categories_can_be_added() -> None:
    with FakeLanguageTool() as lt:
        from tests.helpers import messages

        found = messages(
            "It was on Thursday. Teh end.", CODES, options=options(lt.url, categories=["SEMANTICS"])
        )
        assert len(lt.checks) == 1
    assert '"Thursday": The date is not a Thursday [LanguageTool DATE_WEEKDAY]' in found
    assert all("Horwood" not in m for m in found)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("mode", ["refused", "slow", "malformed", "cut", "drip", "huge"])
def test_failure_is_reported_once_and_offline_rules_still_run(
    tmp_path: Path, monkeypatch, mode: str
) -> None:
    monkeypatch.chdir(tmp_path)
    for i in range(3):
        (tmp_path / f"a{i}.md").write_text(article("Door staff can discretely signal for help.\n"))
    with FakeLanguageTool("ok" if mode == "refused" else mode) as lt:
        url = f"http://127.0.0.1:{closed_port()}" if mode == "refused" else lt.url
        (tmp_path / "newslint.toml").write_text(f'[languagetool]\nurl = "{url}"\ntimeout = 1\n')
        started = time.monotonic()
        result = CliRunner().invoke(
            main, [".", "--format", "concise", "--select", "NL5", "--jobs", "1"]
        )
        assert time.monotonic() - started < 20  # the drip alone would take over 3 minutes
    assert result.exit_code == 2
    assert result.stdout.count("NL502") == 3  # the offline rule reported every file
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith(
        f"newslint: error: LanguageTool at {url} could not be used ("
    )
    assert "Traceback" not in result.output


def test_config_is_validated(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(article("Text.\n"))
    (tmp_path / "newslint.toml").write_text('[languagetool]\nlanguage = "en-GB"\n')
    result = CliRunner().invoke(main, ["a.md"])
    assert (
        result.exit_code == 2
        and 'set "url" (a LanguageTool server) or "local = true"' in result.output
    )
    (tmp_path / "newslint.toml").write_text('[languagetool]\nurl = "http://x"\nserver = 1\n')
    assert 'unknown key "server"' in CliRunner().invoke(main, ["a.md"]).output


@pytest.mark.skipif(
    not os.environ.get("NEWSLINT_LANGUAGETOOL_URL"),
    reason="set NEWSLINT_LANGUAGETOOL_URL to test a real server",
)
def test_real_languagetool_server() -> None:
    url = os.environ["NEWSLINT_LANGUAGETOOL_URL"]
    found = lint_body("Officers found teh stolen car.", "NL501", options=options(url, timeout=30.0))
    assert found == ["1:16 NL501"]

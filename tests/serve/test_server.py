"""`newslint serve` as a real server on 127.0.0.1: routes, refusals, statelessness, no writes."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from newslint.cli import main
from newslint.serve.guard import HostPolicy

from tests.helpers import article
from tests.serve.server import Server

BODY = "Report it via **999. ** now. Patrols will run on Thursday 22 November.\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("newsroom")
    (folder / "newslint.toml").write_text('words = ["Horwood"]\n', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def server(folder: Path):
    with Server(folder) as running:
        yield running


def codes(answer: dict) -> list[str]:
    return [f"{f['line']}:{f['column']} {f['code']}" for f in answer["findings"]]


def test_page_and_assets_come_from_the_package_with_a_strict_policy(server: Server) -> None:
    status, page = server.request("/")
    assert status == 200
    assert 'data-testid="draft"' in page and "/assets/page.js" in page
    assert "http://" not in page.replace(server.url, "") and "https://" not in page
    for name in ("style.css", "page.js"):
        status, body = server.request(f"/assets/{name}")
        assert status == 200 and len(body) > 1000
    assert server.request("/assets/../../pyproject.toml")[0] == 404
    assert server.request("/assets/report.html")[0] == 404
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", "/")
    headers = connection.getresponse().headers
    assert "default-src 'none'" in headers["content-security-policy"]
    assert "connect-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_check_and_fix(server: Server) -> None:
    text = article(BODY)
    status, answer = server.request("/api/check", {"text": text})
    assert status == 200
    assert codes(answer) == ["11:15 NL601", "11:50 NL301"]
    status, fixed = server.request("/api/fix", {"text": text, "fix": answer["findings"][0]["id"]})
    assert status == 200 and fixed["applied"] == 1
    assert fixed["text"] == text.replace("**999. **", "**999.**")
    assert codes(fixed) == ["11:49 NL301"]
    status, error = server.request(
        "/api/fix", {"text": fixed["text"], "fix": answer["findings"][0]["id"]}
    )
    assert status == 409 and "no longer in the text" in error["error"]


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1:{port}", 200),
        ("localhost:{port}", 200),
        ("[::1]:{port}", 200),
        ("LOCALHOST", 200),
        ("attacker.example:{port}", 400),
        ("127.0.0.1.attacker.example", 400),
        ("10.0.0.5:{port}", 400),
        ("", 400),
    ],
)
def test_only_the_bound_host_is_answered(server: Server, host: str, status: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.putrequest("POST", "/api/check", skip_host=True)
    body = json.dumps({"text": article(BODY)}).encode()
    if host:
        connection.putheader("Host", host.format(port=server.port))
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    response = connection.getresponse()
    assert response.status == status
    if status == 400 and host:  # with no Host at all, uvicorn refuses the request itself
        assert b"does not answer for the host" in response.read()


@pytest.mark.parametrize(
    ("bound", "allowed", "refused"),
    [
        ("127.0.0.1", ["127.0.0.1:80", "localhost", "[::1]:1"], ["evil.example", "192.168.1.9"]),
        ("::1", ["[::1]:8765", "localhost:8765"], ["evil.example:8765"]),
        ("192.0.2.7", ["192.0.2.7:8765"], ["localhost", "evil.example", "192.0.2.8"]),
        ("0.0.0.0", ["192.0.2.8:8765", "[2001:db8::1]:80", "localhost"], ["evil.example:8765"]),
    ],
)
def test_host_policy(bound: str, allowed: list[str], refused: list[str]) -> None:
    policy = HostPolicy(bound)
    assert [h for h in allowed if not policy.allows(h)] == []
    assert [h for h in refused if policy.allows(h)] == []
    assert HostPolicy(bound, ["newsroom.local"]).allows("newsroom.local:8765")


def test_a_body_over_2_mb_is_refused_with_a_clear_error(server: Server) -> None:
    text = article("Patrols ran on Friday 22 November.\n" * 60_000)
    assert len(text.encode()) > 2 * 1024 * 1024
    status, error = server.request("/api/check", {"text": text})
    assert status == 413
    assert error["error"] == "the draft is larger than 2 MB; check a shorter text"
    # the same without a Content-Length: the server counts what arrives
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    body = json.dumps({"text": text}).encode()
    chunks = (body[i : i + 65536] for i in range(0, len(body), 65536))
    connection.request(
        "POST",
        "/api/check",
        body=chunks,
        headers={"Content-Type": "application/json"},
        encode_chunked=True,
    )
    response = connection.getresponse()
    assert response.status == 413
    assert json.loads(response.read())["error"].startswith("the draft is larger than 2 MB")


def test_a_huge_declared_body_is_refused_before_it_is_sent(server: Server) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.putrequest("POST", "/api/check")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", str(10**9))
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 413
    assert json.loads(response.read())["error"].startswith("the draft is larger than 2 MB")


@pytest.mark.parametrize(
    ("data", "content_type", "status", "message"),
    [
        (
            b'{"text": "x"}',
            "text/plain",
            415,
            "send the draft as JSON (Content-Type: application/json)",
        ),
        (b"{not json", "application/json", 400, "the request is not valid JSON"),
        (b"\xff\xfe", "application/json", 400, "the request is not valid JSON"),
        (b'["text"]', "application/json", 400, "the request must be a JSON object"),
        (b'{"text": 5}', "application/json", 400, '"text" must be a string'),
        (b"{}", "application/json", 400, '"text" must be a string'),
        (
            b'{"text": "x", "filename": null}',
            "application/json",
            400,
            '"filename" must be a string',
        ),
    ],
)
def test_bad_requests_get_clear_errors(
    server: Server, data: bytes, content_type: str, status: int, message: str
) -> None:
    answer = server.request("/api/check", data=data, headers={"Content-Type": content_type})
    assert answer == (status, {"error": message})


def test_bad_drafts_are_findings_not_errors(server: Server) -> None:
    for text in ["", "no front matter at all\n", "```yaml\n: : :\n```\n", "\x00\ud800 odd"]:
        status, answer = server.request("/api/check", {"text": text})
        assert status == 200, text
        assert all(f["code"] != "NL002" for f in answer["findings"])


def test_concurrent_editors_each_get_their_own_answer(server: Server) -> None:
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    def check(day: str) -> tuple[str, list[str]]:
        text = article(f"Patrols will run on {day} 22 November.\n")
        return day, codes(server.request("/api/check", {"text": text})[1])

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(check, days * 4))
    for day, found in answers:
        # 22 November 2019 was a Friday
        assert found == ([] if day == "Friday" else ["11:21 NL301"]), day


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
    }


def test_a_session_of_requests_writes_no_file(tmp_path: Path) -> None:
    folder = tmp_path / "newsroom"
    folder.mkdir()
    (folder / "newslint.toml").write_text('words = ["Horwood"]\n', encoding="utf-8")
    (folder / "story.md").write_text(article(BODY), encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "HOME": str(home),
        "NEWSLINT_CACHE_DIR": str(tmp_path / "cache"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "TMPDIR": str(tmp_path / "tmp"),
    }
    (tmp_path / "tmp").mkdir()
    before = snapshot(tmp_path)
    with Server(folder, env=env) as server:
        text = article(BODY + "Anyone wishing to liase with the team can. Call the the police.\n")
        server.request("/")
        server.request("/assets/page.js")
        answer = server.request("/api/check", {"text": text, "filename": "story.md"})[1]
        server.request("/api/fix", {"text": text, "fix": answer["findings"][0]["id"]})
        server.request("/api/fix", {"text": text, "fix": "safe", "filename": "../x.md"})
    assert server.proc.returncode is not None
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "cache").exists()


def test_exposing_the_server_warns(folder: Path) -> None:
    with Server(folder, "--host", "0.0.0.0") as server:
        assert server.request("/", headers={"Host": f"127.0.0.1:{server.port}"})[0] == 200
        assert server.request("/", headers={"Host": f"evil.example:{server.port}"})[0] == 400
    assert "--host 0.0.0.0 exposes the page to other machines" in server.stderr


def test_a_busy_port_is_a_clear_error(server: Server, folder: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "serve", str(folder), "--port", str(server.port)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert f"newslint: error: cannot listen on 127.0.0.1:{server.port}:" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_languagetool_without_a_config_table_is_a_usage_error(folder: Path) -> None:
    result = CliRunner().invoke(main, ["serve", str(folder), "--port", "0", "--languagetool"])
    assert result.exit_code == 2
    assert "--languagetool needs a [languagetool] table" in result.output


def test_without_the_serve_extra_the_error_says_what_to_install(monkeypatch, folder: Path) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # what `import uvicorn` meets when absent
    result = CliRunner().invoke(main, ["serve", str(folder)])
    assert result.exit_code == 2
    assert 'needs Starlette and uvicorn: pip install "newslint[serve]"' in result.output


def test_serve_help_lists_its_options() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--allow-host", "--online", "--languagetool"):
        assert option in result.output
    assert os.environ.get("NEWSLINT_CACHE_DIR")

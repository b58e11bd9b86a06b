"""NL208–NL209 and the link checker, against a real HTTP server started on 127.0.0.1."""

from __future__ import annotations

import contextlib
import socket
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from newslint.cache import Store
from newslint.cli import main
from newslint.rules._linkcheck import CheckConfig, check_urls

from tests.helpers import article
from tests.linkserver import LinkServer

FAST = CheckConfig(
    timeout=1.0, retries=2, backoff=0.05, allow_private_hosts=True, user_agent="newslint/test"
)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_each_outcome() -> None:
    with LinkServer(slow=3) as server:
        paths = [
            "/ok",
            "/moved",
            "/gone-home",
            "/missing",
            "/removed",
            "/flaky",
            "/busy",
            "/loop",
            "/slow",
            "/no-head",
        ]
        urls = [server.url(p) for p in paths] + [f"http://127.0.0.1:{closed_port()}/x"]
        results, _peak = check_urls(urls, FAST, use_cache=False)
        outcome = {url.split("/", 3)[-1]: (r.outcome, r.status) for url, r in results.items()}
        assert outcome == {
            "ok": ("ok", 200),
            "moved": ("ok", 200),
            "gone-home": ("redirected-home", 200),
            "missing": ("dead", 404),
            "removed": ("dead", 410),
            "flaky": ("ok", 200),
            "busy": ("blocked", 429),
            "loop": ("too-many-redirects", None),
            "slow": ("timeout", None),
            "no-head": ("ok", 200),
            "x": ("unreachable", None),
        }
        assert server.hits["/flaky"] == 2  # one retry after the 500
        assert server.hits["/busy"] == 3  # two retries, each after Retry-After: 1
        assert server.hits["/loop"] == 11  # the first request and ten redirects
        assert {m for m, p, _ in server.requests if p == "/no-head"} == {"HEAD", "GET"}
        assert all(h.get("User-Agent") == "newslint/test" for _, _, h in server.requests)


def test_no_cookies_or_credentials_are_sent() -> None:
    with LinkServer() as server:
        url = server.url("/cookie").replace("http://", "http://user:password@")
        results, _ = check_urls([url], FAST, use_cache=False)
        assert results[url].outcome == "ok"
        for _method, _path, headers in server.requests:
            assert "Cookie" not in headers and "Authorization" not in headers


def test_default_refuses_private_addresses_without_sending_anything() -> None:
    with LinkServer() as server:
        results, _ = check_urls([server.url("/ok")], CheckConfig(timeout=1.0), use_cache=False)
        result = results[server.url("/ok")]
        assert result.outcome == "refused"
        assert "resolves to 127.0.0.1, a loopback address" in result.detail
        assert server.requests == []


def test_unresolvable_host_is_dead() -> None:
    results, _ = check_urls(["https://no-such-host.invalid/page"], FAST, use_cache=False)
    assert (
        results["https://no-such-host.invalid/page"].outcome,
        results["https://no-such-host.invalid/page"].detail,
    ) == ("dead", "host no-such-host.invalid does not resolve")


def test_cache_spares_a_second_request(tmp_path: Path) -> None:
    config = CheckConfig(timeout=1.0, allow_private_hosts=True, cache_dir=str(tmp_path))
    with LinkServer() as server:
        urls = [server.url("/ok"), server.url("/missing"), server.url("/busy")]
        check_urls(urls, config)
        first = sum(server.hits.values())
        results, _ = check_urls(urls, config)
        assert results[server.url("/missing")].outcome == "dead"
        # definitive results came from the cache; only the 429 (not cached) was asked again
        assert sum(server.hits.values()) - first == server.hits["/busy"] // 2
        store = Store(tmp_path, "links")
        assert [store.get_json(u) is not None for u in urls] == [True, True, False]
        check_urls(urls, config, use_cache=False)
        assert server.hits["/ok"] == 2


def test_rules_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSLINT_CACHE_DIR")
    with LinkServer() as server:
        (tmp_path / "newslint.toml").write_text(
            "[rules.dead-link]\nallow-private-hosts = true\ntimeout = 1.0\n"
            "[rules.redirected-home]\nallow-private-hosts = true\ntimeout = 1.0\n"
        )
        body = f"Read [the appeal]({server.url('/missing')}) or {server.url('/gone-home')} and {server.url('/ok')}.\n"
        (tmp_path / "a.md").write_text(article(body))
        (tmp_path / "b.md").write_text(article(f"Also [here]({server.url('/missing')}).\n"))
        offline = CliRunner().invoke(
            main, ["a.md", "--format", "concise", "--select", "NL208,NL209"]
        )
        assert offline.output == "" and server.requests == []  # nothing without --online
        result = CliRunner().invoke(
            main, ["a.md", "b.md", "--online", "--format", "concise", "--select", "NL208,NL209"]
        )
        missing, home = server.url("/missing"), server.url("/gone-home")
        assert result.output.splitlines() == [
            f'a.md:11:19: NL208 [error] "{missing}" is a dead link: it answers 404',
            f'a.md:11:{19 + len(missing) + 5}: NL209 [warning] "{home}" now redirects to the home page '
            f"{server.url('/')}: the page has probably moved or gone",
            f'b.md:11:13: NL208 [error] "{missing}" is a dead link: it answers 404',
        ]
        assert server.hits["/missing"] == 1  # each distinct URL once per run, for both rules
        with contextlib.closing(sqlite3.connect(tmp_path / ".newslint_cache" / "cache.db")) as db:
            stored = db.execute("SELECT count(*) FROM entries WHERE namespace = 'links'")
            assert stored.fetchone()[0] == 3  # in the project's cache: each link's answer


def test_cli_refusal_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with LinkServer() as server:
        (tmp_path / "a.md").write_text(article(f"See {server.url('/ok')}.\n"))
        result = CliRunner().invoke(
            main, ["a.md", "--online", "--no-cache", "--format", "concise", "--select", "NL208"]
        )
        assert (
            "was not checked: 127.0.0.1 resolves to 127.0.0.1, a loopback address" in result.output
        )
        assert server.requests == []

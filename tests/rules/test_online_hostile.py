"""The link checker against hostile names and servers, all on 127.0.0.0/8: DNS rebinding (a
resolver the test controls), redirects into the private network, TLS name checking with the
address pinned, malformed addresses, and servers that drip, flood or never stop."""

from __future__ import annotations

import contextlib
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path

import pytest
from newslint.rules._linkcheck import CheckConfig, check_urls, parse_target

from tests.linkserver import LinkServer

INTERNAL = "127.0.0.2"  # stands for the private network an attacker wants to reach


def policy(address: str) -> str | None:
    # 127.0.0.1 plays a public address here; everything else is the private network
    return None if address == "127.0.0.1" else "an internal address"


class Resolver:
    """A DNS the test controls: answers from a table, or a list of answers in turn."""

    def __init__(self, answers: dict[str, list[list[str]]]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    async def __call__(self, host: str):
        self.asked.append(host)
        turns = self.answers.get(host, [[]])
        return turns[min(len([h for h in self.asked if h == host]) - 1, len(turns) - 1)]


def config(resolver: Resolver, **extra) -> CheckConfig:
    settings = {"timeout": 2.0, "retries": 0, "user_agent": "newslint/test", **extra}
    return CheckConfig(resolver=resolver, address_policy=policy, **settings)


@pytest.fixture
def internal():
    server = LinkServer(host=INTERNAL)
    with server:
        yield server


def test_dns_rebinding_cannot_move_the_request(internal: LinkServer) -> None:
    with LinkServer() as public:
        # first answer public, every later one internal: a second lookup would be steered
        resolver = Resolver({"www.example.test": [["127.0.0.1"], [INTERNAL]]})
        url = f"http://www.example.test:{public.port}/ok"
        results, _ = check_urls([url], config(resolver), use_cache=False)
        assert results[url].outcome == "ok"
        assert resolver.asked == ["www.example.test"]  # resolved once, and that answer used
        assert [(m, p) for m, p, _ in public.requests] == [("HEAD", "/ok")]
        assert public.requests[0][2]["Host"] == f"www.example.test:{public.port}"
        assert internal.requests == []


def test_every_address_is_checked(internal: LinkServer) -> None:
    resolver = Resolver({"www.example.test": [["127.0.0.1", INTERNAL]]})
    url = f"http://www.example.test:{internal.port}/ok"
    results, _ = check_urls([url], config(resolver), use_cache=False)
    assert (results[url].outcome, results[url].detail) == (
        "refused",
        f"www.example.test resolves to {INTERNAL}, an internal address "
        "(set allow-private-hosts to check it)",
    )
    assert internal.requests == []


def test_each_redirect_is_resolved_and_checked_again(internal: LinkServer) -> None:
    with LinkServer() as public:
        target = f"http://intranet.example.test:{internal.port}/ok"
        public.redirects["/away"] = target
        resolver = Resolver(
            {"www.example.test": [["127.0.0.1"]], "intranet.example.test": [[INTERNAL]]}
        )
        url = f"http://www.example.test:{public.port}/away"
        results, _ = check_urls([url], config(resolver), use_cache=False)
        assert results[url].outcome == "refused"
        assert "intranet.example.test resolves to 127.0.0.2" in results[url].detail
        assert resolver.asked == ["www.example.test", "intranet.example.test"]
        assert internal.requests == []


def test_a_redirect_to_an_address_literal_is_checked(internal: LinkServer) -> None:
    with LinkServer() as public:
        public.redirects["/away"] = f"http://{INTERNAL}:{internal.port}/ok"
        url = f"http://www.example.test:{public.port}/away"
        resolver = Resolver({"www.example.test": [["127.0.0.1"]]})
        results, _ = check_urls([url], config(resolver), use_cache=False)
        assert results[url].outcome == "refused"
        assert internal.requests == []


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A certificate authority and a certificate for www.example.test that it signed."""
    if subprocess.run(["openssl", "version"], capture_output=True).returncode != 0:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
            "/CN=newslint test CA", "-keyout", "ca.key", "-out", "ca.pem")  # fmt: skip
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=www.example.test",
            "-keyout", "site.key", "-out", "site.csr")  # fmt: skip
    (folder / "san.ext").write_text("subjectAltName=DNS:www.example.test\n")
    openssl("x509", "-req", "-in", "site.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "site.pem")  # fmt: skip
    return folder / "ca.pem", folder / "site.pem", folder / "site.key"


def test_tls_keeps_the_server_name_while_the_address_is_pinned(certificate) -> None:
    ca, cert, key = certificate
    names: list[str | None] = []
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _sock, name, _ctx: names.append(name)
    with LinkServer(tls=context) as server:
        resolver = Resolver({"www.example.test": [["127.0.0.1"]]})
        trust = ssl.create_default_context(cafile=str(ca))
        url = f"https://www.example.test:{server.port}/ok"
        results, _ = check_urls([url], config(resolver, verify=trust), use_cache=False)
        assert (results[url].outcome, results[url].status) == ("ok", 200)
        assert names == ["www.example.test"]
        assert server.requests[0][2]["Host"] == f"www.example.test:{server.port}"
        # a name the certificate does not cover fails verification: the check is real
        other = f"https://other.example.test:{server.port}/ok"
        resolver.answers["other.example.test"] = [["127.0.0.1"]]
        results, _ = check_urls([other], config(resolver, verify=trust), use_cache=False)
        assert results[other].outcome == "unreachable"
        assert "certificate" in results[other].detail.lower()


MALFORMED = [
    ("http://[www.example.org/x", "a [ or ] in the host that is not a bracketed IPv6 address"),
    ("https://www.example.org]/x", "a [ or ] in the host that is not a bracketed IPv6 address"),
    ("https://www.example.org:99999/x", "the port must be a number from 0 to 65535"),
    ("https://www.example.org:0/x", "the port must be a number from 1 to 65535"),
    ("https://www.example.org:-1/x", "the port must be a number from 0 to 65535"),
    (
        "https://%77ww.example.org/",
        'the host "%77ww.example.org" has a % escape, which no host name may contain',
    ),
    (
        "https://www.exa mple.org/",
        'the host "www.exa mple.org" has characters no host name may contain',
    ),
    (
        "https://xn--zz.example/",
        'the host "xn--zz.example" is not a valid international domain name',
    ),
    (
        "https://www..example.org/",
        'the host "www..example.org" has an empty part or a part longer than 63 characters',
    ),
    ("https://\u2100.example/", "the host has characters that Unicode normalisation changes"),
    ("https:///path", "the address has no host"),
    ("javascript:alert(1)", "a javascript: address is not a web page"),
    ("data:text/html,<b>hi</b>", "a data: address is not a web page"),
    ("ftp://files.example.org/", "ftp scheme: only http and https addresses are checked"),
]


@pytest.mark.parametrize(("url", "detail"), MALFORMED)
def test_malformed_addresses_are_results_not_errors(url: str, detail: str) -> None:
    resolver = Resolver({})
    results, _ = check_urls([url], config(resolver), use_cache=False)
    assert (results[url].outcome, results[url].detail) == ("malformed", detail)
    assert resolver.asked == []  # nothing was even looked up


def test_international_names_and_credentials() -> None:
    target, problem = parse_target("https://user:secret@b\u00fccher.example/caf\u00e9?q=1#top")
    assert problem == ""
    assert target.host == "xn--bcher-kva.example"
    assert target.url == "https://xn--bcher-kva.example/caf\u00e9?q=1#top"  # no credentials
    assert (target.port, target.path, target.host_header) == (
        443,
        "/caf\u00e9?q=1",
        "xn--bcher-kva.example",
    )
    v6, _ = parse_target("http://[2001:db8::1]:8080/")
    assert (v6.host, v6.port, v6.host_header) == ("2001:db8::1", 8080, "[2001:db8::1]:8080")


class RawServer:
    """A TCP server on 127.0.0.1 that answers every connection with `respond(socket)`."""

    def __init__(self, respond) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.respond = respond
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            with contextlib.suppress(OSError):
                self.respond(conn, self.stop)

    def __enter__(self) -> RawServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()
        self.sock.close()


def drip(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    while not stop.is_set():  # a header byte every 0.1 s: no single read ever times out
        conn.sendall(b"X")
        time.sleep(0.1)


def flood_headers(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    for _ in range(20_000):  # 1.2 MB of headers
        if stop.is_set():
            return
        conn.sendall(b"X-Filler: " + b"x" * 50 + b"\r\n")


def endless_body(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000000000\r\n\r\n")
    chunk = b"x" * 65536
    while not stop.is_set():
        conn.sendall(chunk)


@pytest.mark.parametrize(
    ("respond", "outcome"),
    [(drip, "timeout"), (flood_headers, "unreachable"), (endless_body, "ok")],
    ids=["slow-drip", "huge-headers", "endless-body"],
)
def test_hostile_servers_cost_at_most_the_timeout(respond, outcome: str) -> None:
    with RawServer(respond) as server:
        url = f"http://www.example.test:{server.port}/page"
        resolver = Resolver({"www.example.test": [["127.0.0.1"]]})
        started = time.monotonic()
        results, _ = check_urls([url], config(resolver, timeout=1.0), use_cache=False)
        assert results[url].outcome == outcome, results[url]
        assert time.monotonic() - started < 5.0  # the timeout is 1 s; the rest is a busy CI


def test_get_after_a_refused_head_asks_for_one_byte() -> None:
    with LinkServer() as server:
        resolver = Resolver({"www.example.test": [["127.0.0.1"]]})
        url = f"http://www.example.test:{server.port}/no-head"
        results, _ = check_urls([url], config(resolver), use_cache=False)
        assert results[url].outcome == "ok"
        assert [(m, h.get("Range")) for m, _, h in server.requests] == [
            ("HEAD", None),
            ("GET", "bytes=0-0"),
        ]


def test_hostile_links_in_an_article_are_findings(tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner
    from newslint.cli import main

    from tests.helpers import article

    monkeypatch.chdir(tmp_path)
    body = (
        "Read [the appeal](javascript:alert(1)) or [this](http://[www.example.org/x) "
        "or [that](https://www.example.org:99999/).\n"
    )
    (tmp_path / "a.md").write_text(article(body))
    result = CliRunner().invoke(
        main, ["a.md", "--online", "--no-cache", "--format", "concise", "--select", "NL208"]
    )
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        'a.md:11:19: NL208 [error] "javascript:alert(1)" was not checked: '
        "a javascript: address is not a web page",
        'a.md:11:50: NL208 [error] "http://[www.example.org/x" was not checked: '
        "a [ or ] in the host that is not a bracketed IPv6 address",
        'a.md:11:87: NL208 [error] "https://www.example.org:99999/" was not checked: '
        "the port must be a number from 0 to 65535",
    ]

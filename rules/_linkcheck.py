"""The online link checker behind NL208/NL209 (opt-in with `--online`; never in the default run).

Each distinct URL is requested once per run with httpx (async): HEAD first, a ranged GET when
HEAD is refused; redirects followed by hand (at most 10); 429 and 5xx retried with backoff,
honouring Retry-After; bounded concurrency overall and per host; nothing of a body is read, and
each request has a deadline for the whole exchange, so a server that drips its headers cannot
hold the run. Results are cached on disk with a TTL. No cookies or credentials are ever sent.

Every hop is resolved once, every address it resolves to is checked (loopback, private,
link-local and cloud-metadata addresses are refused unless explicitly allowed), and the request
goes to an address that was checked, with the Host header and TLS server name (SNI, and so
certificate checking) of the name in the link: a DNS answer that changes between the check and
the connection (DNS rebinding) cannot redirect the request. An address that cannot be requested
(bad brackets, port, % escape, IDNA, a javascript: or data: scheme) is a result, never an error.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit, urlunsplit

# host name -> the addresses it resolves to (empty when it does not resolve)
Resolver = Callable[[str], Awaitable[Sequence[str]]]

DEFINITIVE = ("ok", "dead", "redirected-home")  # worth caching; the rest may change within minutes


@dataclass(frozen=True)
class CheckConfig:
    timeout: float = 10.0
    max_redirects: int = 10
    retries: int = 2
    concurrency: int = 8
    per_host: int = 2
    cache_ttl_days: float = 7.0
    cache_dir: str | None = None  # newslint's cache folder; links go in its `links` namespace
    # the run's progress display: progress(total, label) is a context manager yielding advance(n)
    progress: Callable[[int, str], Any] | None = field(default=None, compare=False)
    allow_private_hosts: bool = False
    user_agent: str = "newslint"
    backoff: float = 0.5
    max_retry_after: float = 30.0
    # tests: a resolver and an address policy they control (an address -> why it is refused, or
    # None), and a TLS context that trusts their own certificate authority
    resolver: Resolver | None = None
    address_policy: Callable[[str], str | None] | None = None
    verify: Any = True


@dataclass(frozen=True)
class LinkResult:
    url: str
    # ok, dead, redirected-home, refused, malformed, blocked, timeout, unreachable,
    # too-many-redirects
    outcome: str
    status: int | None = None
    final_url: str | None = None
    detail: str = ""
    requests: int = 0


class OnlineUnavailable(RuntimeError):
    """httpx is not installed: `pip install "newslint[online]"`."""


def _is_forbidden(address: str) -> str | None:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if getattr(ip, "ipv4_mapped", None):
        ip = ip.ipv4_mapped
    if str(ip) in ("169.254.169.254", "fd00:ec2::254"):
        return "a cloud metadata address"
    for test, name in (
        (ip.is_loopback, "a loopback address"),
        (ip.is_private, "a private address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_unspecified, "an unspecified address"),
    ):
        if test:
            return name
    return None


class Target(NamedTuple):
    """A URL taken apart for a request: the name to resolve and everything the request needs."""

    url: str  # as it will be followed (credentials removed)
    scheme: str
    host: str  # ASCII: IDNA-encoded, IPv6 without brackets
    port: int
    path: str  # path and query, at least "/"
    host_header: str


_NOT_WEB = re.compile(r"^\s*(javascript|vbscript|data|file):", re.IGNORECASE)


def parse_target(url: str) -> tuple[Target | None, str]:
    """The URL's target, or None and why it cannot be requested."""
    scheme = _NOT_WEB.match(url)
    if scheme:
        return None, f"a {scheme.group(1).lower()}: address is not a web page"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        reason = str(exc)
        if "IPv6" in reason:
            return None, "a [ or ] in the host that is not a bracketed IPv6 address"
        if "Port" in reason:
            return None, "the port must be a number from 0 to 65535"
        if "NFKC" in reason:
            return None, "the host has characters that Unicode normalisation changes"
        return None, f"the address cannot be parsed ({reason})"
    if parts.scheme.lower() not in ("http", "https"):
        return None, f"{parts.scheme or 'no'} scheme: only http and https addresses are checked"
    host = parts.hostname or ""
    if not host:
        return None, "the address has no host"
    if port == 0:
        return None, "the port must be a number from 1 to 65535"
    if "%" in host and not _is_ip(host):
        return None, f'the host "{host}" has a % escape, which no host name may contain'
    try:
        ascii_host = host if host.isascii() else _idna(host)
    except UnicodeError as exc:
        return None, f'the host "{host}" is not a valid international domain name ({exc})'
    if not _is_ip(ascii_host):
        problem = _bad_name(ascii_host)
        if problem:
            return None, f'the host "{host}" {problem}'
    scheme = parts.scheme.lower()
    default = 443 if scheme == "https" else 80
    shown = f"[{ascii_host}]" if ":" in ascii_host else ascii_host
    netloc = shown if port in (None, default) else f"{shown}:{port}"
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    # userinfo is dropped: no credentials are ever sent
    clean = urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))
    return Target(clean, scheme, ascii_host, port or default, path, netloc), ""


def _bad_name(host: str) -> str:
    """Why an ASCII host name cannot exist in the DNS ("" when it can)."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", host):
        return "has characters no host name may contain"
    labels = host.removesuffix(".").split(".")
    if len(host) > 253 or any(not 0 < len(label) <= 63 for label in labels):
        return "has an empty part or a part longer than 63 characters"
    for label in labels:
        if label.lower().startswith("xn--"):
            try:
                _idna(label.lower().encode("ascii").decode("idna"))
            except UnicodeError:
                return "is not a valid international domain name"
    return ""


def _idna(host: str) -> str:
    try:
        import idna  # httpx's own dependency: IDNA 2008 with UTS #46 mapping, as browsers do
    except ImportError:  # pragma: no cover - httpx always brings it
        return host.encode("idna").decode("ascii")
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise UnicodeError(str(exc)) from None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


async def system_resolver(host: str) -> Sequence[str]:
    """Every address the system resolver gives for the name (none when it does not resolve)."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        return ()
    return tuple(dict.fromkeys(str(info[4][0]) for info in infos))


def _is_home(url: str) -> bool:
    return urlsplit(url).path in ("", "/")


class _Cache:
    """Definitive results by URL, each an entry of the `links` namespace of newslint's cache
    (`newslint.cache`): written at once and atomically, checked when read, bounded."""

    def __init__(self, folder: str | None, ttl_days: float) -> None:
        from newslint.cache import Store

        self.store = Store(Path(folder) if folder else None, "links")
        self.ttl = ttl_days * 86400

    def get(self, url: str) -> LinkResult | None:
        entry = self.store.get_json(url)
        if not isinstance(entry, dict) or time.time() - entry.get("checked", 0) > self.ttl:
            return None
        fields = {
            k: entry[k] for k in ("url", "outcome", "status", "final_url", "detail") if k in entry
        }
        try:
            return LinkResult(**fields)
        except TypeError:
            return None  # an entry of another shape: check the link again

    def put(self, result: LinkResult) -> None:
        if result.outcome in DEFINITIVE:
            entry = asdict(result)
            entry.pop("requests")
            self.store.put_json(result.url, {**entry, "checked": time.time()}, now=True)


class _Checker:
    def __init__(self, config: CheckConfig) -> None:
        self.config = config
        self.limit = asyncio.Semaphore(config.concurrency)
        self.hosts: dict[str, asyncio.Semaphore] = {}
        self.in_flight = 0
        self.peak = 0

    async def check(self, client, url: str) -> LinkResult:
        import httpx

        start, problem = parse_target(url)
        if start is None:
            return LinkResult(url, "malformed", detail=problem)
        target: Target = start
        requests = 0
        for _hop in range(self.config.max_redirects + 1):
            # resolved once per hop; the request goes to an address checked here
            if _is_ip(target.host):
                addresses: Sequence[str] = (target.host,)
            else:
                addresses = await (self.config.resolver or system_resolver)(target.host)
            if not addresses:
                return LinkResult(
                    url,
                    "dead",
                    final_url=target.url,
                    detail=f"host {target.host} does not resolve",
                    requests=requests,
                )
            if not self.config.allow_private_hosts:
                for address in addresses:
                    reason = (self.config.address_policy or _is_forbidden)(address)
                    if reason:
                        detail = f"{target.host} resolves to {address}, {reason} (set allow-private-hosts to check it)"
                        return LinkResult(url, "refused", detail=detail, requests=requests)
            try:
                status, headers, used = await self._request(client, target, addresses)
            except (httpx.TimeoutException, asyncio.TimeoutError):
                detail = f"no answer within {self.config.timeout:g} s"
                return LinkResult(url, "timeout", detail=detail, requests=requests + 1)
            except (httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
                return LinkResult(
                    url, "unreachable", detail=str(exc) or type(exc).__name__, requests=requests + 1
                )
            requests += used
            if status in (301, 302, 303, 307, 308) and "location" in headers:
                following = urljoin(target.url, headers["location"])
                target, problem = parse_target(following)  # type: ignore[assignment]
                if target is None:
                    detail = (
                        f"it redirects to {following[:200]}, which cannot be requested: {problem}"
                    )
                    return LinkResult(url, "malformed", detail=detail, requests=requests)
                continue
            if status in (404, 410):
                return LinkResult(url, "dead", status, target.url, requests=requests)
            if 200 <= status < 300:
                if target.url != start.url and _is_home(target.url) and not _is_home(start.url):
                    return LinkResult(url, "redirected-home", status, target.url, requests=requests)
                return LinkResult(url, "ok", status, target.url, requests=requests)
            return LinkResult(
                url, "blocked", status, target.url, detail=f"answered {status}", requests=requests
            )
        detail = f"more than {self.config.max_redirects} redirects"
        return LinkResult(
            url, "too-many-redirects", final_url=target.url, detail=detail, requests=requests
        )

    async def _send(self, client, method: str, target: Target, addresses, per_host):
        """One request to the first of the checked addresses that accepts a connection."""
        import httpx

        headers = {"Host": target.host_header}
        if method == "GET":
            headers["Range"] = "bytes=0-0"  # a server that honours it sends one byte
        extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
        async with self.limit, per_host:
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
            try:
                for i, address in enumerate(addresses):
                    shown = f"[{address}]" if ":" in address else address
                    pinned = f"{target.scheme}://{shown}:{target.port}{target.path}"
                    request = client.build_request(
                        method, pinned, headers=headers, extensions=extensions
                    )
                    try:
                        # the whole exchange has a deadline: per-read timeouts alone let a
                        # server that sends a byte a second hold the run for ever
                        response = await asyncio.wait_for(
                            client.send(request, stream=True), self.config.timeout
                        )
                    except httpx.ConnectError:
                        if i + 1 < len(addresses):
                            continue
                        raise
                    await response.aclose()  # the body is never read
                    return response.status_code, response.headers
                raise httpx.ConnectError("no address to connect to")
            finally:
                self.in_flight -= 1

    async def _request(self, client, target: Target, addresses: Sequence[str]):
        """HEAD (GET when HEAD is refused), retrying 429 and 5xx; (status, headers, requests)."""
        per_host = self.hosts.setdefault(target.host, asyncio.Semaphore(self.config.per_host))
        used = 0
        for attempt in range(self.config.retries + 1):
            status, headers = await self._send(client, "HEAD", target, addresses, per_host)
            used += 1
            if status in (403, 405, 501):
                status, headers = await self._send(client, "GET", target, addresses, per_host)
                used += 1
            if (status == 429 or status >= 500) and attempt < self.config.retries:
                await asyncio.sleep(self._delay(headers.get("retry-after"), attempt))
                continue
            break
        return status, headers, used

    def _delay(self, retry_after: str | None, attempt: int) -> float:
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), self.config.max_retry_after)
        return self.config.backoff * (2**attempt)


async def _check_all(urls: list[str], config: CheckConfig) -> tuple[dict[str, LinkResult], int]:
    from http.cookiejar import CookieJar, DefaultCookiePolicy

    import httpx

    checker = _Checker(config)
    # a jar whose policy accepts no cookie: none is stored, so none is ever sent
    jar = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
    limits = httpx.Limits(
        max_connections=config.concurrency, max_keepalive_connections=config.concurrency
    )
    async with httpx.AsyncClient(
        timeout=config.timeout,
        follow_redirects=False,
        headers={"User-Agent": config.user_agent},
        cookies=jar,
        trust_env=False,
        limits=limits,
        verify=config.verify,
    ) as client:
        if config.progress is None:
            results = await asyncio.gather(*(checker.check(client, url) for url in urls))
        else:
            with config.progress(len(urls), "Checking links") as advance:

                async def check_and_count(url: str) -> LinkResult:
                    result = await checker.check(client, url)
                    advance(1)
                    return result

                results = await asyncio.gather(*(check_and_count(url) for url in urls))
    return dict(zip(urls, results, strict=True)), checker.peak


def check_urls(
    urls: Iterable[str], config: CheckConfig, *, use_cache: bool = True
) -> tuple[dict[str, LinkResult], int]:
    """Check each distinct URL once; returns results and the peak number of requests in flight."""
    try:
        import httpx  # noqa: F401
    except ImportError:
        raise OnlineUnavailable('--online needs httpx: pip install "newslint[online]"') from None
    cache = _Cache(config.cache_dir if use_cache else None, config.cache_ttl_days)
    distinct = sorted(set(urls))
    results: dict[str, LinkResult] = {}
    todo = []
    for url in distinct:
        cached = cache.get(url) if use_cache else None
        if cached:
            results[url] = cached
        else:
            todo.append(url)
    peak = 0
    if todo:
        fresh, peak = asyncio.run(_check_all(todo, config))
        results.update(fresh)
        if use_cache:
            for result in fresh.values():
                cache.put(result)
    return results, peak

"""The online link checker behind NL208/NL209 (opt-in with `--online`; never in the default run).

Each distinct URL is requested once per run with httpx (async): HEAD first, GET when HEAD is
refused; redirects followed by hand (at most 10, each hop checked for safety); 429 and 5xx
retried with backoff, honouring Retry-After; bounded concurrency overall and per host; nothing of
a body is read. Results are cached on disk with a TTL. Targets that resolve to loopback,
private, link-local or cloud-metadata addresses are refused unless explicitly allowed, and no
cookies or credentials are ever sent.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

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


@dataclass(frozen=True)
class LinkResult:
    url: str
    outcome: (
        str  # ok, dead, redirected-home, refused, blocked, timeout, unreachable, too-many-redirects
    )
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


def _strip_credentials(url: str) -> str:
    parts = urlsplit(url)
    if parts.username or parts.password:
        netloc = parts.hostname or ""
        if parts.port:
            netloc += f":{parts.port}"
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return url


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
            self.store.put_json(result.url, {**entry, "checked": time.time()})


class _Checker:
    def __init__(self, config: CheckConfig) -> None:
        self.config = config
        self.limit = asyncio.Semaphore(config.concurrency)
        self.hosts: dict[str, asyncio.Semaphore] = {}
        self.in_flight = 0
        self.peak = 0

    async def _safe(self, url: str) -> tuple[str | None, bool]:
        """Why the URL's host may not be contacted (or None), and whether it resolves at all."""
        host = urlsplit(url).hostname
        if not host:
            return "the address has no host", True
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, urlsplit(url).port or 443, type=socket.SOCK_STREAM
            )
        except (socket.gaierror, UnicodeError):
            return None, False
        if not self.config.allow_private_hosts:
            for info in infos:
                reason = _is_forbidden(info[4][0])
                if reason:
                    return (
                        f"{host} resolves to {info[4][0]}, {reason} (set allow-private-hosts to check it)",
                        True,
                    )
        return None, True

    async def check(self, client, url: str) -> LinkResult:
        import httpx

        start = _strip_credentials(url)
        target = start
        requests = 0
        for _hop in range(self.config.max_redirects + 1):
            refusal, resolves = await self._safe(target)
            if refusal:
                return LinkResult(url, "refused", detail=refusal, requests=requests)
            if not resolves:
                host = urlsplit(target).hostname
                return LinkResult(
                    url,
                    "dead",
                    final_url=target,
                    detail=f"host {host} does not resolve",
                    requests=requests,
                )
            try:
                status, headers, used = await self._request(client, target)
            except httpx.TimeoutException:
                detail = f"no answer within {self.config.timeout:g} s"
                return LinkResult(url, "timeout", detail=detail, requests=requests + 1)
            except httpx.HTTPError as exc:
                return LinkResult(
                    url, "unreachable", detail=str(exc) or type(exc).__name__, requests=requests + 1
                )
            requests += used
            if status in (301, 302, 303, 307, 308) and "location" in headers:
                target = urljoin(target, headers["location"])
                continue
            if status in (404, 410):
                return LinkResult(url, "dead", status, target, requests=requests)
            if 200 <= status < 300:
                if target != start and _is_home(target) and not _is_home(start):
                    return LinkResult(url, "redirected-home", status, target, requests=requests)
                return LinkResult(url, "ok", status, target, requests=requests)
            return LinkResult(
                url, "blocked", status, target, detail=f"answered {status}", requests=requests
            )
        detail = f"more than {self.config.max_redirects} redirects"
        return LinkResult(
            url, "too-many-redirects", final_url=target, detail=detail, requests=requests
        )

    async def _send(self, client, method: str, url: str, per_host: asyncio.Semaphore):
        async with self.limit, per_host:
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
            try:
                async with client.stream(method, url) as response:  # the body is never read
                    return response.status_code, response.headers
            finally:
                self.in_flight -= 1

    async def _request(self, client, url: str):
        """HEAD (GET when HEAD is refused), retrying 429 and 5xx; (status, headers, requests)."""
        per_host = self.hosts.setdefault(
            urlsplit(url).hostname or "", asyncio.Semaphore(self.config.per_host)
        )
        used = 0
        for attempt in range(self.config.retries + 1):
            status, headers = await self._send(client, "HEAD", url, per_host)
            used += 1
            if status in (403, 405, 501):
                status, headers = await self._send(client, "GET", url, per_host)
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

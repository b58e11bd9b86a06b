"""Online link rules (NL208–NL209): only with `--online`; never in the default or pre-commit run.

Both rules are corpus rules: every file contributes its http(s) addresses, and the parent process
checks each distinct address once for the whole run (see `_linkcheck`), then reports per file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any

from newslint import Document, Hit, Option, corpus_rule
from newslint.rules._urls import links_between, url_tokens

_OPTIONS = {
    "timeout": Option(10.0, "seconds to wait for each answer"),
    "max-redirects": Option(10, "redirects to follow before giving up"),
    "retries": Option(
        2, "retries after a 429 or 5xx answer, with backoff (Retry-After is honoured)"
    ),
    "concurrency": Option(8, "requests in flight at once"),
    "per-host": Option(2, "requests in flight at once to one host"),
    "cache-ttl": Option(7.0, "days a checked address is trusted before it is checked again"),
    "cache-dir": Option(
        "",
        "cache folder for link results, from the config file's folder (default: the project's "
        ".newslint_cache)",
        is_path=True,
    ),
    "allow-private-hosts": Option(
        False, "check addresses that resolve to loopback, private or link-local addresses"
    ),
}


def _addresses(doc: Document, opts: Mapping[str, Any]) -> tuple[tuple[str, int, int], ...]:
    """(URL to request, start, end) for link targets, autolinks and addresses in the text."""
    if not opts["online"]:
        return ()
    found = []
    for block in doc.blocks:
        for link in links_between(doc, block.start, block.end):
            # script and data addresses are reported too (they are never requested)
            if re.match(r"https?://\S|(?:javascript|vbscript|data):", link.dest.strip(), re.I):
                found.append((link.dest.strip(), link.dest_start, link.dest_end))
        for token in url_tokens(doc.prose_text_with_urls, block.start, block.end):
            if token.text.lower().startswith(("http://", "https://", "www.")):
                found.append((token.with_scheme, token.start, token.end))
    return tuple(found)


@lru_cache(maxsize=2)
def _check(urls: tuple[str, ...], config, use_cache: bool) -> dict:
    # both online rules ask with the same arguments: one network pass serves them
    from newslint.rules._linkcheck import check_urls

    return check_urls(urls, config, use_cache=use_cache)[0]


def _results(summaries: Sequence[tuple[str, Any]], opts: Mapping[str, Any]) -> dict:
    urls = tuple(sorted({url for _path, found in summaries for url, _s, _e in found}))
    if not opts["online"] or not urls:
        return {}
    from newslint import __version__
    from newslint.rules._linkcheck import CheckConfig

    config = CheckConfig(
        timeout=opts["timeout"],
        max_redirects=opts["max-redirects"],
        retries=opts["retries"],
        concurrency=opts["concurrency"],
        per_host=opts["per-host"],
        cache_ttl_days=opts["cache-ttl"],
        cache_dir=opts["cache-dir"]
        or (opts["use-cache"] if isinstance(opts["use-cache"], str) else None),
        allow_private_hosts=opts["allow-private-hosts"],
        user_agent=f"newslint/{__version__} (link checker; +https://pypi.org/project/newslint/)",
        progress=opts.get("progress"),
    )
    return _check(urls, config, opts["use-cache"])


@corpus_rule(
    code="NL208",
    name="dead-link",
    severity="error",
    collect=_addresses,
    active=lambda opts: bool(opts["online"]),
    default_enabled=True,
    summary="a link that answers 404 or 410, whose host does not resolve, or that may not be checked",
    options=_OPTIONS,
)
def dead_link(
    summaries: Sequence[tuple[str, Any]], opts: Mapping[str, Any]
) -> Iterator[tuple[str, Hit]]:
    """With `--online`: every http(s) address in the selected files is requested once (HEAD,
    then a ranged GET if HEAD is refused). 404, 410 and a host that does not resolve are
    reported; 401, 403, 429, 5xx and time-outs are not, because many police sites block robots.
    An address that resolves to a loopback, private, link-local or cloud-metadata address is not
    contacted and is reported with the reason (readers cannot reach it either), and so is one
    that cannot be requested: unbalanced brackets, a bad port, a % escape or an invalid
    international name in the host, or a `javascript:` or `data:` link.

    Flagged: [the appeal](https://www.example.police.uk/appeal-1234)   (answers 404)
    Fine:    [the appeal](https://www.example.police.uk/appeal-1235)   (answers 200)
    """
    results = _results(summaries, opts)
    for path, found in summaries:
        for url, start, end in found:
            result = results.get(url)
            if result is None:
                continue
            if result.outcome == "dead":
                why = f"it answers {result.status}" if result.status else result.detail
                yield path, Hit(start, end, f'"{url}" is a dead link: {why}')
            elif result.outcome in ("refused", "malformed"):
                yield path, Hit(start, end, f'"{url}" was not checked: {result.detail}')


@corpus_rule(
    code="NL209",
    name="redirected-home",
    severity="warning",
    collect=_addresses,
    active=lambda opts: bool(opts["online"]),
    default_enabled=True,
    summary="a link to a page that now redirects to the site's home page (a soft 404)",
    options=_OPTIONS,
)
def redirected_home(
    summaries: Sequence[tuple[str, Any]], opts: Mapping[str, Any]
) -> Iterator[tuple[str, Hit]]:
    """With `--online`: an address with a path that ends, after redirects, on the home page.
    Sites do this when a page is removed, so the link no longer says what the article promises.

    Flagged: https://www.example.police.uk/news/appeal-1234 → 301 → https://www.example.police.uk/
    Fine:    https://www.example.police.uk/news/appeal-1234 → 301 → https://www.example.police.uk/news/1234
    """
    results = _results(summaries, opts)
    for path, found in summaries:
        for url, start, end in found:
            result = results.get(url)
            if result is not None and result.outcome == "redirected-home":
                yield (
                    path,
                    Hit(
                        start,
                        end,
                        f'"{url}" now redirects to the home page {result.final_url}: '
                        "the page has probably moved or gone",
                    ),
                )


RULES = (dead_link, redirected_home)

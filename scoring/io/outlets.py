"""Outlet identity: one normalised domain per outlet, so articles can be joined
to outlet ratings (MBFC, Lin et al. 2023, ...) whatever form the host took."""
from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import urlsplit

# Leading labels that name a variant of the same site, not a different outlet.
_VARIANT_LABELS = re.compile(r"^(?:www\d{0,2}|m|amp|mobile)\.")

# Hosts that are the same outlet under another name (and URL shorteners the
# outlets use in their own links). Keys and values are already normalised.
ALIASES: dict[str, str] = {
    "abcnews.go.com": "abcnews.com",
    "edition.cnn.com": "cnn.com",
    "us.cnn.com": "cnn.com",
    "cnn.it": "cnn.com",
    "nyti.ms": "nytimes.com",
    "wapo.st": "washingtonpost.com",
    "reut.rs": "reuters.com",
    "fxn.ws": "foxnews.com",
    "nbcnews.to": "nbcnews.com",
    "bbc.in": "bbc.com",
}

# Suffixes under which each subdomain is a different owner: parent-domain
# fallback must stop above them (a blog on blogspot.com is not blogspot.com).
_SHARED_SUFFIXES = frozenset({
    "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "com.au", "net.au", "org.au",
    "co.nz", "co.za", "co.in", "co.jp", "com.br", "com.cn", "com.mx", "com.tr",
    "com.sg", "com.hk", "co.il", "com.ar", "com.pk", "com.ng",
    "blogspot.com", "wordpress.com", "substack.com", "medium.com", "tumblr.com",
    "github.io", "wixsite.com", "weebly.com",
})

_HOST_RE = re.compile(r"^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?)+$")


def _bare_host(value: str) -> str:
    """Host part of a host or URL, lower-cased, without port, user or trailing dot."""
    s = value.strip().lower()
    if "/" in s or ":" in s or "@" in s:
        s = _hostname(s)
    return s.strip(".")


def _hostname(url: str) -> str:
    """The host of ``url`` ('' when it has none or cannot be parsed)."""
    try:
        return urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:  # "http://[::1": a malformed host is no outlet, the article is still read
        return ""


def normalize_domain(host: str | None) -> str | None:
    """Canonical outlet domain for a host or URL, or None when there is none.

    Lower-cases, drops the port, strips ``www.``/``m.``/``amp.``/``mobile.``
    prefixes and maps known aliases: ``"https://m.edition.cnn.com/x"`` -> ``"cnn.com"``.
    """
    if not host or not isinstance(host, str):
        return None
    s = _bare_host(host)
    # Strip variant prefixes only while a registrable name is left behind.
    while _VARIANT_LABELS.match(s) and s.count(".") >= 2:
        s = _VARIANT_LABELS.sub("", s, count=1)
    if not s or not _HOST_RE.match(s):
        return None
    return ALIASES.get(s, s)


def domain_from_url(url: str | None) -> str | None:
    """Normalised domain of an article URL (``None`` for empty or host-less values)."""
    if not url or not isinstance(url, str):
        return None
    s = url.strip()
    if not s:
        return None
    return normalize_domain(_hostname(s))


def looks_like_domain(value: str | None) -> bool:
    """True for outlet fields that are a host ("cnn.com"), not a name ("CNN")."""
    if not value or not isinstance(value, str):
        return False
    s = value.strip().lower()
    return " " not in s and bool(_HOST_RE.match(s.strip(".")))


def candidate_domains(host: str | None) -> Iterator[str]:
    """The normalised domain, then its parent domains, most specific first.

    Used for label lookup: ``"video.foxnews.com"`` yields ``video.foxnews.com``,
    ``foxnews.com``. It never yields a bare public suffix (``com``, ``co.uk``)
    nor a shared hosting domain (``blogspot.com``), and an alias ends the walk
    (``video.abcnews.go.com`` yields ``video.abcnews.go.com``, ``abcnews.com``).
    """
    dom = normalize_domain(host)
    if dom is None:
        return
    labels = dom.split(".")
    seen: set[str] = set()
    for i in range(len(labels) - 1):
        cand = ".".join(labels[i:])
        if i > 0 and cand in _SHARED_SUFFIXES:
            return
        if i + 2 < len(labels) and ".".join(labels[i + 1 :]) in _SHARED_SUFFIXES:
            # cand is the registrable name under a shared suffix: last useful one.
            if cand not in seen:
                yield ALIASES.get(cand, cand)
            return
        aliased = ALIASES.get(cand)
        out = aliased or cand
        if out not in seen:
            seen.add(out)
            yield out
        if aliased:
            return

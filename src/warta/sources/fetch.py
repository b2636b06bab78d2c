"""The only module that touches the network: a polite HTTP fetcher.

Polite means: a User-Agent that names warta, a timeout, robots.txt obeyed, and at most
one request per host every ``delay`` seconds.
"""
from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Iterator
from urllib.parse import urlsplit

from .. import __version__
from ..errors import InputError
from .files import MAX_BYTES, decode_bytes

USER_AGENT = f"warta/{__version__} (+https://github.com/warta-id/warta; news research)"


class Fetcher:
    """Fetch pages politely. One instance per batch so rate limits and robots are shared."""

    def __init__(self, *, user_agent: str = USER_AGENT, timeout: float = 20.0,
                 delay: float = 1.0, max_bytes: int = MAX_BYTES):
        self.user_agent = user_agent
        self.timeout = timeout
        self.delay = delay
        self.max_bytes = max_bytes
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            wait = self._last.get(host, 0.0) + self.delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last[host] = time.monotonic()

    def _raw_get(self, url: str) -> tuple[bytes, str]:
        host = urlsplit(url).netloc
        self._wait_turn(host)
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent,
                                                       "Accept-Language": "id,en;q=0.5"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                data = response.read(self.max_bytes + 1)
                ctype = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            raise InputError(url, f"HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            raise InputError(url, f"unreachable ({exc.reason})") from None
        except (TimeoutError, OSError) as exc:
            raise InputError(url, f"unreachable ({exc})") from None
        if len(data) > self.max_bytes:
            raise InputError(url, f"response over the limit of {self.max_bytes / 1048576:.0f} MB")
        return data, ctype

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            parser = urllib.robotparser.RobotFileParser(root + "/robots.txt")
            try:
                data, _ = self._raw_get(root + "/robots.txt")
                parser.parse(data.decode("utf-8", "replace").splitlines())
            except InputError as exc:
                # No robots.txt (404) means no restrictions; an unreachable host fails later anyway.
                parser = None if "HTTP 4" in exc.problem or "unreachable" in exc.problem else parser
                if parser is not None:
                    parser.disallow_all = True
            self._robots[root] = parser
        parser = self._robots[root]
        return parser is None or parser.can_fetch(self.user_agent, url)

    def get(self, url: str) -> tuple[str, str]:
        """The decoded body and content type of ``url``; InputError on any failure."""
        if not self.allowed(url):
            raise InputError(url, "disallowed by robots.txt")
        data, ctype = self._raw_get(url)
        declared = None
        if "charset=" in ctype:
            declared = ctype.split("charset=", 1)[1].split(";")[0].strip().strip('"')
        text, _ = decode_bytes(data, url, declared=declared)
        return text, ctype


def _is_feed(text: str, ctype: str) -> bool:
    head = text[:2048].lstrip().lower()
    return ("rss" in ctype or "atom" in ctype or
            (head.startswith("<?xml") or head.startswith("<rss") or head.startswith("<feed"))
            and ("<rss" in head or "<feed" in head or "<rdf" in head))


def iter_url(url: str, *, fetcher: Fetcher | None = None,
             max_bytes: int = MAX_BYTES) -> Iterator:
    """A URL is a feed (each entry becomes a document) or one article page."""
    from . import RawDocument

    fetcher = fetcher or Fetcher(max_bytes=max_bytes)
    try:
        text, ctype = fetcher.get(url)
    except InputError as exc:
        yield RawDocument(source=url, url=url, error=exc.problem)
        return
    if _is_feed(text, ctype):
        from .feeds import iter_feed
        yield from iter_feed(text, url, fetcher=fetcher, max_bytes=max_bytes)
    else:
        yield RawDocument(source=url, url=url, html=text)

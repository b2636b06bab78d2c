"""Fetching against a local web site: robots.txt, User-Agent, rate limit, feeds, failures."""
import socket

from conftest import EXAMPLES
from warta.api import analyze_one
from warta.sources import iter_documents
from warta.sources.fetch import USER_AGENT, Fetcher

ARTICLE = ("<html><head><title>Bus Listrik Makassar</title></head><body><article>"
           "<p>TRIBUNNEWS.COM, MAKASSAR - Pemerintah Kota Makassar mulai menguji coba lima bus "
           "listrik di koridor Pantai Losari. Selama masa uji coba satu bulan, penumpang tidak "
           "dipungut biaya apa pun oleh pemerintah kota.</p></article></body></html>").encode()

TEASER_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Tribunnews</title>
<item><title>Bus listrik</title><link>{base}/bus</link><description>Uji coba.</description>
<pubDate>Tue, 03 Sep 2024 08:30:00 +0700</pubDate></item>
<item><title>Rahasia</title><link>{base}/private/x</link><description>Singkat.</description></item>
</channel></rss>"""


def test_fetch_feed_url_fetches_teaser_entries(http_site):
    site = http_site
    site.routes["/robots.txt"] = (200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
    site.routes["/bus"] = (200, "text/html; charset=utf-8", ARTICLE)
    site.routes["/feed"] = (200, "application/rss+xml", TEASER_FEED.format(base=site.base).encode())
    fetcher = Fetcher(delay=0.2)
    found = list(iter_documents([site.base + "/feed"], fetcher=fetcher))
    assert [d.error for d in found] == [None, "disallowed by robots.txt"]
    art = analyze_one(found[0])
    assert art.published == "2024-09-03" and art.dateline.place == "Makassar"
    assert art.title == "Bus listrik"
    # Polite: our User-Agent on every request, robots.txt fetched once, never the private page.
    paths = [p for p, _, _ in site.log]
    assert paths.count("/robots.txt") == 1 and "/private/x" not in paths
    assert all(ua == USER_AGENT for _, ua, _ in site.log)
    times = [t for _, _, t in site.log]
    assert all(b - a >= 0.15 for a, b in zip(times, times[1:]))


def test_fetch_feed_file_with_full_content_needs_no_network():
    found = list(iter_documents([str(EXAMPLES / "feed" / "warta-contoh.rss")]))
    assert len(found) == 2 and all(d.html for d in found)
    art = analyze_one(found[0])
    assert art.outlet == "Tribunnews" and art.published == "2024-09-02"
    assert art.dateline.place == "Sumenep"


def test_fetch_http_errors_and_unreachable(http_site):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/berita"
    found = list(iter_documents([http_site.base + "/hilang", dead], fetcher=Fetcher(delay=0)))
    assert found[0].error == "HTTP 404 Not Found"
    assert found[1].error.startswith("unreachable") and found[1].source == dead

"""End to end in a real browser: Debian's chromium driven by Playwright against `warta serve`."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BACKENDS, EXAMPLES, ROOT, warta_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "test-artifacts" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed")


@pytest.fixture(scope="module", params=BACKENDS)
def server(request, databases):
    db = databases.new(request.param)
    subprocess.run([sys.executable, "-m", "warta", "ingest", str(EXAMPLES), "--db", str(db), "-q", "--jobs", "1"],
                   check=True, capture_output=True)
    with warta_server(db) as base:
        yield base


def shot(page, name: str, request) -> None:
    page.screenshot(path=str(SHOTS / f"{name}-{request.node.callspec.id}.png"), full_page=True)


def test_browser_search_article_entity_chart(server, request):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)  # a fresh profile each launch
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(server + "/search")
        page.fill("input[name=q]", "harga beras")
        page.click("header button")
        page.wait_for_selector("ol.results li")
        assert "Harga Beras Medium" in page.inner_text("ol.results")
        shot(page, "search", request)

        page.click("ol.results li a.title")
        page.wait_for_selector("article .body")
        assert page.locator(".body a.ent").count() > 3 and page.locator(".body .quote").count() >= 1
        shot(page, "article", request)

        page.click(".body a.ent.GPE")
        page.wait_for_selector("#mentions-chart svg")
        assert page.locator("#mentions-chart svg rect.bar").count() >= 1
        box = page.locator("#mentions-chart svg").bounding_box()
        assert box and box["width"] > 100 and box["height"] > 50  # the chart is drawn, not empty
        assert page.locator("#network svg circle").count() >= 2
        shot(page, "entity", request)

        page.goto(server + "/dashboard")
        page.wait_for_selector("#per-day svg rect.bar")
        shot(page, "dashboard", request)
        browser.close()
    assert errors == []
    assert all((SHOTS / f"{n}-{request.node.callspec.id}.png").stat().st_size > 5000
               for n in ("search", "article", "entity", "dashboard"))

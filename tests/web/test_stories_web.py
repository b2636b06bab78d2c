"""The front page, /stories and /stories/{id}, in process and in a real browser."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import BACKENDS, ROOT, warta_server
from warta.web import create_app

FIXTURE = ROOT / "tests" / "fixtures" / "stories.jsonl"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, databases):
    db = databases.new(request.param)
    subprocess.run([sys.executable, "-m", "warta", "ingest", str(FIXTURE), "--db", str(db), "-q", "--jobs", "1"],
                   check=True, capture_output=True)
    return db


def test_front_page_and_story_routes(db):
    with TestClient(create_app(db)) as c:
        front = c.get("/index.json").json()
        assert front["ok"] and front["counts"]["articles"] == 5 and front["counts"]["stories"] == 3
        assert front["stories"][0]["size"] == 3 and front["since"] == "2024-03-02"
        assert [a["id"] for a in front["latest"]][:2] == ["gempa-sukabumi", "medan-banjir"]
        assert "antara-banjir" not in [a["id"] for a in front["latest"]]  # a copy is named with its original
        assert any(e["name"] == "Arif Wibowo" for e in front["entities"])
        html = c.get("/").text
        assert "Banjir" in html and 'class="spark"' in html and "/stories/" in html
        listed = c.get("/stories.json", params={"entity": "Arif Wibowo"}).json()
        assert listed["total"] == 1 and listed["stories"][0]["articles"] == ["kompas-banjir", "antara-banjir", "tempo-surut"]
        sid = listed["stories"][0]["id"]
        story = c.get(f"/stories/{sid}.json").json()["story"]
        assert story["first_reporter"]["id"] == "kompas-banjir" and [a["id"] for a in story["copies"]] == ["antara-banjir"]
        assert story["quotes"] and story["quotes"][0]["quotes"]
        page = c.get(f"/stories/{sid}").text
        assert "First reported by" in page and "copy of" in page
        art = c.get("/articles/antara-banjir").text
        assert f"/stories/{sid}" in art and 'id="copy-of"' in art
        assert "Also published" in c.get("/articles/kompas-banjir").text
        assert c.get("/stories/tidak-ada.json").status_code == 404
        assert c.get("/stories.json", params={"from": "kemarin"}).status_code == 400
        assert c.get("/stories.json", params={"limit": 0}).status_code == 400
        grouped = c.get("/search.json", params={"q": "pengungsi"}).json()
        every = c.get("/search.json", params={"q": "pengungsi", "all": 1}).json()
        assert every["total"] == grouped["total"] + 1


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed")
def test_browser_front_page_to_story_to_copy(db, request):
    from playwright.sync_api import sync_playwright

    shots = ROOT / "test-artifacts" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    with warta_server(db) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(base + "/")
        page.wait_for_selector("#top-stories li svg.spark")
        box = page.locator("#top-stories li svg.spark").first.bounding_box()
        assert box and box["width"] > 50
        page.screenshot(path=str(shots / f"front-{request.node.callspec.id}.png"), full_page=True)
        page.click("#top-stories li a")
        page.wait_for_selector("#timeline tr.copy")
        assert "Kompas" in page.inner_text("#first-reporter")
        page.screenshot(path=str(shots / f"story-{request.node.callspec.id}.png"), full_page=True)
        page.click("#timeline tr.copy td a")
        page.wait_for_selector("#copy-of a")
        page.click("#story a")
        page.wait_for_selector("#timeline")
        page.goto(base + "/stories")
        assert page.locator("#stories li").count() == 3
        browser.close()
    assert errors == []

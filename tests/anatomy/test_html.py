import json

import pytest

import warta
from conftest import DATA, EXAMPLES, need

BOILERPLATE = ("Baca juga", "ADVERTISEMENT", "SCROLL TO CONTINUE", "Gambas", "data dirimu",
               "Simak Video", "JernihBerkomentar", "Bagikan", "Copyright", "Terpopuler")


@pytest.mark.parametrize("name,outlet,published,place,first_words", [
    ("kompas-harga-beras.html", "Kompas", "2024-05-21", "Jakarta", "Badan Pangan Nasional"),
    ("detik-gempa-sukabumi.html", "Detik", "2024-08-03", "Jakarta", "Gempa bumi bermagnitudo"),
])
def test_html_examples(name, outlet, published, place, first_words):
    html = (EXAMPLES / "html" / name).read_text("utf-8")
    art = warta.analyze(html)
    assert (art.outlet, art.published, art.dateline.place) == (outlet, published, place)
    assert art.text.startswith(first_words)
    assert art.title and art.url.startswith("https://")
    assert not any(b.lower() in art.text.lower() for b in BOILERPLATE)
    assert art.related and all(r.kind == "Baca juga" for r in art.related)


def test_html_htmldate_id_pages_date_and_clean_body():
    folder = need(DATA / "html" / "htmldate-id")
    gold = json.loads((folder / "gold_dates.json").read_text("utf-8"))
    for url, item in gold.items():
        html = (folder / item["file"]).read_text("utf-8", errors="replace")
        art = warta.analyze(html, format="html")
        assert art.published == item["date"], item["file"]
        assert not any(b.lower() in art.text.lower() for b in BOILERPLATE), item["file"]
        assert art.dateline is not None, item["file"]


def test_html_broken_markup_still_yields_the_article():
    html = ("<html><head><title>Banjir Bandang</title><body><div class=content><p>TEMPO.CO, Garut - "
            "Banjir bandang menerjang tiga desa di Garut setelah hujan deras semalaman.<p>Warga "
            "mengungsi ke balai desa dan masjid <b>terdekat. <p>Petugas gabungan masih membersihkan "
            "lumpur yang menutup jalan desa hingga Rabu siang.</div></span></table>")
    art = warta.analyze(html)
    assert art.dateline.place == "Garut" and art.title == "Banjir Bandang"
    assert art.text.startswith("Banjir bandang menerjang") and "lumpur" in art.text

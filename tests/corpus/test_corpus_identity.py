"""One key per real-world entity across the corpus, on every backend (warta.identity + the store)."""
import pytest

import warta
from warta.search import entity_profile
from warta.store import prepare_row

# Fixture articles written for these tests. "Sutrisno" alone in one article is the Bambang
# Sutrisno two other articles name in full; "Budi" alone is two people's given name.
FULL_1 = ("Bambang Sutrisno, kepala sekolah itu, meninjau ruang kelas yang rusak. "
          "Sutrisno mengatakan perbaikan dimulai pekan depan.")
FULL_2 = ("Warga menyambut Bambang Sutrisno di halaman sekolah. "
          "Menurut Sutrisno, anggaran perbaikan sudah disetujui.")
ALONE = "Sutrisno menegaskan bahwa anggaran perbaikan sekolah sudah siap."
BUDI_A = ("Budi Santoso, warga Cibinong, melapor ke polisi. Budi kehilangan sepeda motor. "
          "Polisi meminta Budi Santoso menunggu.")
BUDI_A2 = "Budi Santoso kembali ke kantor polisi. Budi membawa surat kendaraan."
BUDI_B = ("Budi Hartono, pedagang sayur, membuka lapak baru. Budi berharap omzet naik. "
          "Budi Hartono sudah berjualan sepuluh tahun.")
BUDI_B2 = "Budi Hartono menutup lapaknya lebih awal. Budi mengaku lelah."
BUDI_ALONE = "Budi mengaku tidak tahu apa-apa soal kejadian itu."


def put(store, text, ident):
    rec = warta.analyze(text, id=ident).to_dict()
    return store.write([prepare_row(rec, source="uji")])[0]


def keys(store, ident, written):
    rec = store.get(ident)
    return {e["entity"] for e in rec["entities"] if e["text"] == written}


def test_a_short_form_alone_joins_the_one_full_name_the_corpus_knows_earlier_and_later(store):
    put(store, ALONE, "alone")  # stored first: only "Sutrisno"
    assert keys(store, "alone", "Sutrisno") == {"sutrisno"}
    put(store, FULL_1, "full-1")
    # One article joining a one-word name to a full name is not enough evidence yet.
    assert keys(store, "alone", "Sutrisno") == {"sutrisno"}
    put(store, FULL_2, "full-2")
    assert keys(store, "alone", "Sutrisno") == {"bambang-sutrisno"}  # the earlier article moved
    rec = store.get("alone")
    assert rec["entity_index"]["bambang-sutrisno"]["name"] == "Bambang Sutrisno"
    assert rec["entity_index"]["bambang-sutrisno"]["linked"] == ["sutrisno"]
    put(store, ALONE.replace("sekolah", "madrasah"), "alone-later")  # and a later one lands there too
    assert keys(store, "alone-later", "Sutrisno") == {"bambang-sutrisno"}
    profile = entity_profile(store, "Sutrisno")  # found by any alias
    assert profile["key"] == "bambang-sutrisno" and profile["name"] == "Bambang Sutrisno"
    assert {a["text"] for a in profile["aliases"]} == {"Bambang Sutrisno", "Sutrisno"}
    assert [(l["local"], l["how"], l["articles"]) for l in profile["linked"]] == [("sutrisno", "corpus", 2)]
    top = {e["key"]: e["articles"] for e in store.top_entities(label="PER")}
    assert top["bambang-sutrisno"] == 4 and "sutrisno" not in top
    assert all(e["entity"] != "sutrisno" for r in store.records() for e in r["entities"])


def test_a_given_name_two_people_share_stays_apart(store):
    for ident, text in (("a", BUDI_A), ("a2", BUDI_A2), ("b", BUDI_B), ("b2", BUDI_B2), ("alone", BUDI_ALONE)):
        put(store, text, ident)
    assert keys(store, "alone", "Budi") == {"budi"}
    assert keys(store, "a", "Budi") == {"budi-santoso"} and keys(store, "b", "Budi") == {"budi-hartono"}


def test_merge_and_split_survive_reingest_and_relink(store):
    for ident, text in (("alone", ALONE), ("full-1", FULL_1), ("full-2", FULL_2), ("budi", BUDI_ALONE)):
        put(store, text, ident)
    store.correct("merge", "bambang-sutrisno", "budi")  # an analyst's (odd) call, applied as told
    assert keys(store, "budi", "Budi") == {"bambang-sutrisno"}
    store.correct("split", "bambang-sutrisno", "Sutrisno")
    assert keys(store, "alone", "Sutrisno") == {"sutrisno"}
    assert keys(store, "full-1", "Sutrisno") == {"sutrisno"}  # inside an article too
    assert keys(store, "full-1", "Bambang Sutrisno") == {"bambang-sutrisno"}
    before = {r["id"]: [e["entity"] for e in r["entities"]] for r in store.records()}
    assert put(store, FULL_1, "full-1") == "duplicate"  # re-ingest
    result = store.relink()
    assert result["articles"] == 4
    after = {r["id"]: [e["entity"] for e in r["entities"]] for r in store.records()}
    assert after == before
    assert [c["action"] for c in store.corrections()] == ["merge", "split"]


def test_relink_recomputes_what_incremental_linking_built(store):
    for ident, text in (("alone", ALONE), ("full-1", FULL_1), ("full-2", FULL_2), ("a", BUDI_A), ("alone-b", BUDI_ALONE)):
        put(store, text, ident)
    incremental = {r["id"]: [e["entity"] for e in r["entities"]] for r in store.records()}
    counts = store.stats()["counts"]
    assert store.relink()["changed"] == 0
    assert {r["id"]: [e["entity"] for e in r["entities"]] for r in store.records()} == incremental
    assert store.stats()["counts"] == counts


def test_an_updated_article_takes_its_evidence_back(store):
    put(store, ALONE, "alone")
    put(store, FULL_1, "full-1")
    put(store, FULL_2, "full-2")
    assert keys(store, "alone", "Sutrisno") == {"bambang-sutrisno"}
    # One of the two articles that joined the names is corrected upstream and no longer does.
    put(store, "Warga menyambut kepala sekolah di halaman. Anggaran perbaikan sudah disetujui.", "full-2")
    assert keys(store, "alone", "Sutrisno") == {"sutrisno"}


def test_entity_page_shows_every_alias_and_each_join(db_url):
    from fastapi.testclient import TestClient

    from warta.web import create_app

    store = warta.open(db_url)
    for ident, text in (("alone", ALONE), ("full-1", FULL_1), ("full-2", FULL_2)):
        put(store, text, ident)
    store.close()
    with TestClient(create_app(db_url)) as c:
        entity = c.get("/entities/sutrisno.json").json()["entity"]  # a linked name's key finds its entity
        assert entity["key"] == "bambang-sutrisno"
        assert {a["text"]: a["mentions"] for a in entity["aliases"]} == {"Sutrisno": 3, "Bambang Sutrisno": 2}
        page = c.get("/entities/bambang-sutrisno").text
        assert "<code>sutrisno</code>, written alone in 1 article" in page
        assert c.get("/articles/alone.json").json()["article"]["entities"][0]["entity"] == "bambang-sutrisno"


def test_cli_merge_split_relink_and_errors(db_url, tmp_path):
    import json
    import subprocess
    import sys

    def run(*args):
        return subprocess.run([sys.executable, "-m", "warta", *args, "--db", db_url], capture_output=True, text=True)

    store = warta.open(db_url)
    for ident, text in (("alone", ALONE), ("full-1", FULL_1), ("full-2", FULL_2), ("budi", BUDI_ALONE)):
        put(store, text, ident)
    store.close()
    done = run("entities", "merge", "Bambang Sutrisno", "Budi", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["other"] == "budi"
    again = run("entities", "merge", "Bambang Sutrisno", "Budi")
    assert again.returncode == 1 and "one entity already" in again.stderr
    missing = run("entities", "split", "Bambang Sutrisno", "Atlantis")
    assert missing.returncode == 1 and "not a form of Bambang Sutrisno" in missing.stderr
    relinked = run("entities", "--relink", "--json")
    assert relinked.returncode == 0 and json.loads(relinked.stdout)["articles"] == 4
    profile = json.loads(run("entity", "Budi", "--json").stdout)
    assert profile["key"] == "bambang-sutrisno"
    assert [(c["action"], c["other"]) for c in profile["corrections"]] == [("merge", "budi")]


def synthetic(ident, mentions):
    """A stored record with these (text, key) PER mentions, one sentence each."""
    text, entities, index = "", [], {}
    for written, key in mentions:
        start = len(text)
        text += f"{written} berbicara di {ident}. "
        entities.append({"start": start, "end": start + len(written), "text": written, "label": "PER", "entity": key})
        entry = index.setdefault(key, {"name": written, "label": "PER", "mentions": 0, "aliases": [], "roles": [],
                                       "country": None})
        entry["mentions"] += 1
    return prepare_row({"id": ident, "text": text.strip(), "entities": entities, "entity_index": index,
                        "times": [], "quotes": [], "events": []}, source="uji")


CHAINED = [  # "Ali Umar" is joined both ways, "Andi" to "Ali Umar" and "Ali Umar" to "Ahmad Ali Umar"
    ("j1", [("Ahmad Ali Umar", "ahmad-ali-umar"), ("Ali Umar", "ahmad-ali-umar")]),
    ("j2", [("Ahmad Ali Umar", "ahmad-ali-umar"), ("Ali Umar", "ahmad-ali-umar")]),
    ("j3", [("Ali Umar", "ali-umar"), ("Ahmad Ali Umar", "ali-umar")]),
    ("j4", [("Ali Umar", "ali-umar"), ("Andi", "ali-umar")]),
    ("j5", [("Ali Umar", "ali-umar"), ("Andi", "ali-umar")]),
    ("lone", [("Andi", "andi")]),
]


def link_table(store):
    rec = {r["id"]: sorted({e["entity"] for e in r["entities"]}) for r in store.records()}
    return rec, store.stats()["counts"]["entity_links"]


@pytest.mark.parametrize("one_by_one", [True, False])
def test_links_have_no_chains_or_cycles_and_do_not_depend_on_batching(store, one_by_one):
    rows = [synthetic(i, m) for i, m in CHAINED]
    if one_by_one:
        for r in rows:
            store.write([r])
    else:
        store.write(rows)
    links = {r["local"]: r["key"] for r in store._all("SELECT local, key FROM entity_links")}
    assert all(k != l for l, k in links.items())                 # nothing links to itself
    assert not set(links.values()) & set(links)                  # every link ends at a final key
    # "Andi", joined to "Ali Umar" by two articles, is Ali Umar's entity, whichever key that has.
    ali = {e["entity"] for e in store.get("j4")["entities"] if e["text"] == "Ali Umar"}
    assert {e["entity"] for e in store.get("lone")["entities"]} == ali
    assert ali == {e["entity"] for e in store.get("j1")["entities"] if e["text"] == "Ahmad Ali Umar"}
    before = link_table(store)
    store.relink()
    assert link_table(store) == before


def test_one_batch_names_the_entity_by_its_full_name_whatever_the_order(store):
    rows = [prepare_row(warta.analyze(t, id=i).to_dict(), source="uji")
            for i, t in (("alone", ALONE), ("full-1", FULL_1), ("full-2", FULL_2))]
    store.write(rows)
    top = {e["key"]: e["name"] for e in store.top_entities(label="PER")}
    assert top == {"bambang-sutrisno": "Bambang Sutrisno"}
    assert store.get("alone")["entity_index"]["bambang-sutrisno"]["name"] == "Bambang Sutrisno"


def test_a_store_whose_linking_never_finished_relinks_on_its_next_open(db_url):
    store = warta.open(db_url)
    for ident, text in (("alone", ALONE), ("full-1", FULL_1), ("full-2", FULL_2)):
        put(store, text, ident)
    # As an upgraded corpus looks before (or when interrupted during) its first relink.
    with store._transaction() as conn:
        for sql in ("DELETE FROM entity_forms", "DELETE FROM entity_links", "UPDATE mentions SET entity_key = local_key",
                    "UPDATE identity_state SET relinked = 0"):
            store._exec(conn, sql)
    assert keys(store, "alone", "Sutrisno") == {"sutrisno"}
    store.close()
    again = warta.open(db_url)
    assert keys(again, "alone", "Sutrisno") == {"bambang-sutrisno"}
    assert again.stats()["counts"]["entity_links"] == 1
    again.close()


def test_lookup_with_a_title_split_drops_the_alias_and_a_merge_of_two_kinds_warns(store):
    from warta.search import entity_profile, merge_entities, split_entity

    for ident, text in (("full-1", FULL_1), ("full-2", FULL_2), ("budi", BUDI_A)):
        put(store, text, ident)
    assert entity_profile(store, "Kepala Bambang Sutrisno")["key"] == "bambang-sutrisno"
    split_entity(store, "Bambang Sutrisno", "Sutrisno")
    entry = store.get("full-1")["entity_index"]["bambang-sutrisno"]
    assert "Sutrisno" not in entry["aliases"] and store.get("full-1")["entity_index"]["sutrisno"]["mentions"] == 1
    assert "warning" not in merge_entities(store, "Bambang Sutrisno", "Budi Santoso")
    assert "is PER and" in merge_entities(store, "Bambang Sutrisno", "Cibinong")["warning"]

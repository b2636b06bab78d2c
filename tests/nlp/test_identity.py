"""Identity inside one article: alias statements, the knowledge base, and what never merges."""
import pytest

import warta
from warta.nlp.entities import gazetteer, people


def keys(text):
    a = warta.analyze(text)
    found = {}
    for e in a.entities:
        found.setdefault(e.text, set()).add(e.entity)
    return found, a.entity_index


@pytest.mark.parametrize("text, full, alias", [
    ("Terdakwa Muhammad Yusuf alias Ucok mengaku menyesal. Ucok meminta maaf kepada keluarga korban.",
     "Muhammad Yusuf", "Ucok"),
    ("Pelatih Hendra Kusuma yang akrab disapa Koh Hendra memimpin latihan. Koh Hendra puas dengan hasilnya.",
     "Hendra Kusuma", "Koh Hendra"),
    ("Siti Aminah (Mak Inah) sudah berjualan nasi uduk sejak 1990. Mak Inah membuka warung pukul 05.00.",
     "Siti Aminah", "Mak Inah"),
    ("Polisi menangkap Hendro Prasetyo atau lebih dikenal sebagai Hendro Gondrong di rumahnya. "
     "Hendro Gondrong ditangkap Senin.", "Hendro Prasetyo", "Hendro Gondrong"),
    ("Bang Ucok, sapaan akrab Ridwan Siregar, membuka bengkel sejak 2010. Menurut Ridwan Siregar, usahanya ramai.",
     "Ridwan Siregar", "Bang Ucok"),
])
def test_an_alias_statement_joins_its_two_names(text, full, alias):
    found, index = keys(text)
    assert found[alias] == found[full], found
    entry = index[next(iter(found[full]))]
    assert entry["name"] == full and alias in entry["aliases"]


def test_a_choice_between_two_people_is_no_alias():
    found, _ = keys("Warga memilih Prabowo Subianto atau Sandiaga, kata Hasan. Sandiaga Uno hadir di Bandung.")
    assert found.get("Sandiaga", {"-"}) != found["Prabowo Subianto"]


def test_the_knowledge_base_gives_one_key_to_every_form_of_a_public_figure():
    assert people()["Jokowi"][0] == "Joko Widodo"
    found, index = keys("Jokowi meresmikan bendungan di Jawa Tengah. Presiden Joko Widodo didampingi menteri.")
    assert found["Jokowi"] == found["Joko Widodo"] == {"joko-widodo"}
    assert index["joko-widodo"]["kb"].startswith("id.wikipedia.org/")
    alone, _ = keys("Jokowi meninjau pasar di Solo, Sabtu.")
    assert alone["Jokowi"] == {"joko-widodo"}  # with no full name in the article at all


def test_a_known_person_is_nobody_else_s_short_form():
    found, _ = keys("Mantan Presiden Soeharto disebut dalam sidang. Putranya, Tommy Soeharto, hadir. "
                    "Soeharto memimpin selama 32 tahun.")
    assert found["Soeharto"].isdisjoint(found["Tommy Soeharto"])


def test_city_regency_and_province_stay_apart():
    found, index = keys("Banjir melanda Kabupaten Bogor dan Kota Bogor. Hujan juga turun di Kota Bengkulu, "
                        "ibu kota Provinsi Bengkulu.")
    assert found["Kabupaten Bogor"] != found["Kota Bogor"]
    assert found["Kota Bengkulu"] != found["Provinsi Bengkulu"]
    assert found["Kota Bogor"] == {"bogor"}


def test_province_short_forms_and_codes():
    assert gazetteer()["Jabar"][1] == "Jawa Barat"
    found, index = keys("Gubernur Jabar meninjau banjir. Pemerintah Jawa Barat menyiapkan bantuan.")
    assert found["Jabar"] == found["Jawa Barat"] == {"jawa-barat"}
    assert index["jawa-barat"]["kb"] == "ISO 3166-2:ID-JB"


def test_a_national_body_never_joins_its_regional_branch():
    found, _ = keys("Komisi Pemilihan Umum Jawa Barat menetapkan jadwal. KPU pusat belum menjawab.")
    assert "KPU" in found and all(k != "kpu" for k in found.get("Komisi Pemilihan Umum Jawa Barat", set()))


@pytest.mark.parametrize("text, a, b", [
    ("Pemain Marc Klok (Persib) mencetak gol. Persib menang atas Persija.", "Marc Klok", "Persib"),
    ("Foto: Budi Santoso (Antara). Antara melaporkan banjir di kota itu.", "Budi Santoso", "Antara"),
    ("Yang hadir: Budi Santoso atau Andi, serta Rahmat. Andi pulang lebih awal.", "Budi Santoso", "Andi"),
    ("Bandung yang dikenal sebagai Paris Van Java macet setiap akhir pekan.", "Bandung", "Paris Van Java"),
])
def test_no_alias_statement_joins_a_body_a_place_or_another_person(text, a, b):
    found, _ = keys(text)
    assert found.get(a, {"-a"}).isdisjoint(found.get(b, {"-b"})), found


def test_a_programme_and_its_acronym_are_no_person():
    a = warta.analyze("Program Makan Bergizi Gratis yang lebih dikenal dengan MBG dimulai. MBG diawasi ketat.")
    assert all(e.label != "PER" for e in a.entities)

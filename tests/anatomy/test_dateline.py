import pytest

from warta.anatomy.dateline import find_dateline
from warta.anatomy.outlets import by_token, outlet_name


@pytest.mark.parametrize("para,text,outlet,place", [
    ("TEMPO.CO, Jakarta - Pemimpin Korea Utara tiba.", "TEMPO.CO, Jakarta -", "TEMPO.CO", "Jakarta"),
    ("TEMPO.CO, Makassar-- Masyarakat Kota Parepare datang.", "TEMPO.CO, Makassar--", "TEMPO.CO", "Makassar"),
    ("KOMPAS.com - Harga cabai naik.", "KOMPAS.com -", "KOMPAS.com", None),
    ("JAKARTA, KOMPAS.com - Menteri Perhubungan menyebut.", "JAKARTA, KOMPAS.com -", "KOMPAS.com", "Jakarta"),
    ("Jakarta, CNN Indonesia -- Nilai ekspor naik.", "Jakarta, CNN Indonesia --", "CNN Indonesia", "Jakarta"),
    ("(ANTARA) - Pemerintah menargetkan.", "(ANTARA) -", "ANTARA", None),
    ("Bitung (ANTARA) - Kementerian Perhubungan menargetkan.", "Bitung (ANTARA) -", "ANTARA", "Bitung"),
    ("Liputan6.com, Jakarta - Festival kembali digelar.", "Liputan6.com, Jakarta -", "Liputan6.com", "Jakarta"),
    ("REPUBLIKA.CO.ID, JAKARTA -- Kementerian Agama mengumumkan.", "REPUBLIKA.CO.ID, JAKARTA --", "REPUBLIKA.CO.ID", "Jakarta"),
    ("Jakarta - Gempa bumi mengguncang.", "Jakarta -", None, "Jakarta"),
    ("SURABAYA - Polisi menangkap dua orang.", "SURABAYA -", None, "Surabaya"),
    ("Jakarta, detikNews - Presiden meresmikan.", "Jakarta, detikNews -", "detikNews", "Jakarta"),
    ("KONTAN.CO.ID - JAKARTA. Harga emas turun.", "KONTAN.CO.ID - JAKARTA.", "KONTAN.CO.ID", "Jakarta"),
    ("Beritasatu.com, Bandung - Hujan deras turun.", "Beritasatu.com, Bandung -", "Beritasatu.com", "Bandung"),
])
def test_dateline_found(para, text, outlet, place):
    found = find_dateline(para)
    assert found is not None
    dateline, cut = found
    assert (dateline.text, dateline.outlet, dateline.place) == (text, outlet, place)
    assert para[cut:][0].isalnum()


@pytest.mark.parametrize("para", [
    "Pemimpin Korea Utara Kim Jong Un mengintip ke dalam kokpit.",
    "Harga - harga kebutuhan pokok naik menjelang Lebaran.",
    "Pemerintah - melalui kementerian - menyiapkan anggaran.",
    "Rp 5.000 - Rp 10.000 per kilogram harganya.",
    "Kim Jong Un - pemimpin Korea Utara - tiba di Rusia.",
])
def test_dateline_not_found(para):
    assert find_dateline(para) is None


@pytest.mark.parametrize("token,name", [
    ("TEMPO.CO", "Tempo"), ("tempo.co", "Tempo"), ("KOMPAS.com", "Kompas"), ("detikNews", "Detik"),
    ("detikFinance", "Detik"), ("ANTARA", "ANTARA"), ("CNN Indonesia", "CNN Indonesia"),
    ("https://nasional.sindonews.com/read/1", "Sindonews"), ("Kompas.com", "Kompas"),
])
def test_outlets_lookup(token, name):
    assert by_token(token).name == name


def test_outlets_unknown_name_kept_as_written():
    assert outlet_name(None, "  Kabar Desa  ") == "Kabar Desa"

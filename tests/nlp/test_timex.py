"""Time expressions: every form the issue lists, with values checked by hand."""
import pytest

from warta.nlp.timex import find_times

ANCHOR = "2023-09-15"  # a Friday, week 37


def one(text, published=ANCHOR):
    times = find_times(text, published)
    assert len(times) == 1, [(t.text, t.value) for t in times]
    t = times[0]
    assert text[t.start:t.end] == t.text
    return t.text, t.type, t.value


TIMEX_CASES = [
    # dates in news forms
    ("Ia tiba pada 15 September 2023 di Jakarta.", "15 September 2023", "DATE", "2023-09-15"),
    ("Ia tiba pada Jumat 15 September 2023.", "Jumat 15 September 2023", "DATE", "2023-09-15"),
    ("Ia tiba pada Jumat, 15 September 2023.", "Jumat, 15 September 2023", "DATE", "2023-09-15"),
    ("Pesawat jatuh Minggu (28/12/2014).", "Minggu (28/12/2014)", "DATE", "2014-12-28"),
    ("Rapat digelar Selasa (12/9).", "Selasa (12/9)", "DATE", "2023-09-12"),
    ("Rapat digelar 5/3/2023 di kantor.", "5/3/2023", "DATE", "2023-03-05"),
    ("Rapat digelar 5-3-2023 di kantor.", "5-3-2023", "DATE", "2023-03-05"),
    ("Harga naik sejak September 2023.", "September 2023", "DATE", "2023-09"),
    ("Ia lulus pada tahun 2007.", "tahun 2007", "DATE", "2007"),
    ("Rumah itu dibangun pada 1950an.", "1950an", "DATE", "195"),
    ("Musik populer tahun 1990-an kembali.", "tahun 1990-an", "DATE", "199"),
    ("Proyek selesai akhir 2025.", "akhir 2025", "DATE", "2025"),
    ("Harga turun pada awal Mei 2024.", "awal Mei 2024", "DATE", "2024-05"),
    ("Jadwal mundur dari Juli lalu.", "Juli lalu", "DATE", "2023-07"),
    # weekdays against the publication date
    ("Kim tiba di Rusia pada Selasa.", "Selasa", "DATE", "2023-09-12"),
    ("Ia tiba Jumat.", "Jumat", "DATE", "2023-09-15"),
    ("Sidang digelar Selasa depan.", "Selasa depan", "DATE", "2023-09-19"),
    ("Sidang akan digelar Selasa.", "Selasa", "DATE", "2023-09-19"),
    ("Sidang digelar Senin lalu.", "Senin lalu", "DATE", "2023-09-11"),
    # parts of day and clock times
    ("Mereka bertemu Kamis malam.", "Kamis malam", "TIME", "2023-09-14TNI"),
    ("Mereka bertemu Kamis pagi.", "Kamis pagi", "TIME", "2023-09-14TMO"),
    ("Mereka bertemu Rabu sore.", "Rabu sore", "TIME", "2023-09-13TAF"),
    ("Mereka bertemu Rabu petang.", "Rabu petang", "TIME", "2023-09-13TEV"),
    ("Pesawat hilang Minggu (28/12/2014) pukul 06.18 WIB.", "Minggu (28/12/2014) pukul 06.18 WIB",
     "TIME", "2014-12-28T06:18"),
    ("Sidang dimulai pukul 07.30 WIB.", "pukul 07.30 WIB", "TIME", "2023-09-15T07:30"),
    ("Acara dimulai jam 19.00 WITA.", "jam 19.00 WITA", "TIME", "2023-09-15T19:00"),
    ("Kapal tiba pukul 10.15 WIT.", "pukul 10.15 WIT", "TIME", "2023-09-15T10:15"),
    ("Banjir datang Senin malam, 4 Maret 2024.", "Senin malam, 4 Maret 2024", "TIME", "2024-03-04TNI"),
    ("Gempa terasa semalam.", "semalam", "TIME", "2023-09-14TNI"),
    # relative expressions
    ("Ia datang kemarin.", "kemarin", "DATE", "2023-09-14"),
    ("Ia datang hari ini.", "hari ini", "DATE", "2023-09-15"),
    ("Ia datang besok.", "besok", "DATE", "2023-09-16"),
    ("Ia datang lusa.", "lusa", "DATE", "2023-09-17"),
    ("Ia datang kemarin lusa.", "kemarin lusa", "DATE", "2023-09-13"),
    ("Ia datang pekan lalu.", "pekan lalu", "DATE", "2023-W36"),
    ("Ia datang minggu ini.", "minggu ini", "DATE", "2023-W37"),
    ("Ia datang pekan depan.", "pekan depan", "DATE", "2023-W38"),
    ("Putin awal pekan ini mengatakan.", "awal pekan ini", "DATE", "2023-W37"),
    ("Ia datang bulan lalu.", "bulan lalu", "DATE", "2023-08"),
    ("Ia datang bulan depan.", "bulan depan", "DATE", "2023-10"),
    ("Ia datang tahun lalu.", "tahun lalu", "DATE", "2022"),
    ("Ia datang tahun ini.", "tahun ini", "DATE", "2023"),
    ("Ia datang tahun depan.", "tahun depan", "DATE", "2024"),
    ("Ia datang dua hari lalu.", "dua hari lalu", "DATE", "2023-09-13"),
    ("Ia datang 3 pekan lalu.", "3 pekan lalu", "DATE", "2023-W34"),
    ("Ia datang sepuluh tahun lalu.", "sepuluh tahun lalu", "DATE", "2013"),
    ("Ia datang dua bulan mendatang.", "dua bulan mendatang", "DATE", "2023-11"),
    ("Ia pergi beberapa hari lalu.", "beberapa hari lalu", "DATE", "PAST_REF"),
    ("Ia pergi akhir pekan ini.", "akhir pekan ini", "DATE", "2023-W37-WE"),
    # durations
    ("Perang sudah 18 bulan.", "18 bulan", "DURATION", "P18M"),
    ("Listrik padam 24 jam.", "24 jam", "DURATION", "PT24H"),
    ("Ia menunggu sekitar 40 menit.", "sekitar 40 menit", "DURATION", "PT40M"),
    ("Hujan turun tiga hari ke depan.", "tiga hari ke depan", "DURATION", "P3D"),
    ("Ia menginap sehari.", "sehari", "DURATION", "P1D"),
    ("Ia menginap setengah hari.", "setengah hari", "DURATION", "P0.5D"),
    ("Mereka menunggu beberapa hari.", "beberapa hari", "DURATION", "PXD"),
    ("Ia dipenjara belasan tahun.", "belasan tahun", "DURATION", "PXY"),
    ("Ia bekerja dua puluh lima tahun.", "dua puluh lima tahun", "DURATION", "P25Y"),
    # sets
    ("Ia berlatih setiap hari.", "setiap hari", "SET", "P1D"),
    ("Rapat digelar tiap pekan.", "tiap pekan", "SET", "P1W"),
    ("Pasar buka setiap Senin.", "setiap Senin", "SET", "XXXX-WXX-1"),
    # vague references
    ("Saat ini harga naik.", "Saat ini", "DATE", "PRESENT_REF"),
    ("Harga kini naik.", "kini", "DATE", "PRESENT_REF"),
    ("Saat itu harga naik.", "Saat itu", "DATE", "PAST_REF"),
    ("Kita lihat nanti.", "nanti", "DATE", "FUTURE_REF"),
    # seasons
    ("Salju turun pada musim dingin 2022.", "musim dingin 2022", "DATE", "2022-WI"),
]


@pytest.mark.parametrize("text,span,type_,value", TIMEX_CASES)
def test_timex_forms(text, span, type_, value):
    assert one(text) == (span, type_, value)


def test_timex_kemudian_counts_from_the_last_date():
    times = find_times("Kapal berangkat 3 Januari 2015. Dua hari kemudian kapal tiba.", ANCHOR)
    assert [(t.text, t.value) for t in times] == [("3 Januari 2015", "2015-01-03"),
                                                ("Dua hari kemudian", "2015-01-05")]


def test_timex_no_anchor_leaves_relative_values_unresolved():
    values = {t.text: t.value for t in find_times(
        "Pada Selasa; bulan depan; tahun ini; 15 September; kemarin; 18 bulan; 1 Mei 2020.", None)}
    assert values == {"Selasa": "XXXX-WXX-2", "bulan depan": "XXXX-XX", "tahun ini": "XXXX",
                      "15 September": "XXXX-09-15", "kemarin": "XXXX-XX-XX", "18 bulan": "P18M",
                      "1 Mei 2020": "2020-05-01"}


@pytest.mark.parametrize("text", [
    "Rusia membuat Su-35 dan Su-57.", "Pesawat QZ8501 hilang.", "Nomor penerbangan 8501.",
    "Pasal 5 mengatur sanksi.", "Harganya Rp 2.500 per kilogram.", "Sebanyak 2019 orang hadir.",
    "Ia membayar Rp 2020 saja.", "Skor akhir 2-1 untuk tuan rumah.", "Nomor 2014 dipanggil.",
    "Korea Utara dan Korea Selatan.", "Warga memilih dulu calon yang jujur.", "COVID-19 menyebar.",
    "Ia membeli F-16 dan MiG-29.", "Suhu 30 derajat.", "Minggu ini minggu lalu",
])
def test_timex_no_false_positives(text):
    times = find_times(text, ANCHOR)
    if text.startswith("Minggu ini"):
        assert [t.value for t in times] == ["2023-W37", "2023-W36"]
    else:
        assert times == [], [(t.text, t.value) for t in times]


@pytest.mark.parametrize("text", ["", "...", "!!! ??? ,,,", "x" * 200_000, "1" * 5000,
                                  "Selasa " * 2000, "日本語のテキスト 2023年", "\n\n\n"])
def test_timex_odd_input(text):
    for t in find_times(text, ANCHOR):
        assert text[t.start:t.end] == t.text


def test_timex_triggered_scan_finds_what_a_full_scan_finds():
    from conftest import EXAMPLES, SEED
    from warta.nlp import timex

    texts = [p.read_text("utf-8") for p in (EXAMPLES / "teks").glob("*.txt")]
    texts += [p.read_text("utf-8") for p in SEED.glob("*.txt")] if SEED.exists() else []
    texts += [case[0] for case in TIMEX_CASES]
    for text in texts:
        fast = [(p.start, p.end) for p in timex._candidates(text)]
        assert fast == [(p.start, p.end) for p in timex._candidates(text, full_scan=True)]


def test_timex_spacy_component_sets_spans_and_values():
    import spacy

    from warta.nlp import components  # noqa: F401

    nlp = spacy.blank("id")
    nlp.add_pipe("warta_timex")
    doc = nlp.make_doc("Kim tiba pada Selasa dan pulang Kamis malam.")
    doc._.published = ANCHOR
    doc = nlp.get_pipe("warta_timex")(doc)
    assert [(s.text, s.label_) for s in doc.spans["times"]] == [("Selasa", "DATE"), ("Kamis malam", "TIME")]
    assert [t.value for t in doc._.times] == ["2023-09-12", "2023-09-14TNI"]
    assert nlp.analyze_pipes()["problems"] == {"warta_timex": []}


# Years past the calendar's ends get TIMEX3's own values (BC years, FUTURE_REF), never an error:
# 6,000 years before 2023 is astronomical year -3977, that is 3978 BC.
EXTREME_CASES = [
    ("Gua itu dihuni sejak 6.000 tahun yang lalu.", "6.000 tahun yang lalu", "BC3978"),
    ("Kota itu berdiri 10.000 tahun lalu.", "10.000 tahun lalu", "BC7978"),
    ("Benda itu dibuat 2.023 tahun lalu.", "2.023 tahun lalu", "BC0001"),
    ("Benda itu dibuat 2.022 tahun lalu.", "2.022 tahun lalu", "0001"),
    ("Sampah plastik terurai 8.000 tahun lagi.", "8.000 tahun lagi", "FUTURE_REF"),
    ("Peristiwa itu terjadi 3.000.000 hari lalu.", "3.000.000 hari lalu", "PAST_REF"),
    ("Batu itu terbentuk 500.000 pekan lalu.", "500.000 pekan lalu", "PAST_REF"),
    ("Candi itu dibangun pada abad ke-7.", "abad ke-7", "06"),
    ("Gaya itu lahir pada abad XX.", "abad XX", "19"),
    ("Kerajaan itu runtuh pada abad ke-5 SM.", "abad ke-5 SM", "BC04"),
    ("Kota itu direncanakan untuk tahun 2500.", "tahun 2500", "2500"),
    ("Prasasti itu berasal dari tahun 500 SM.", "tahun 500 SM", "BC0500"),
    ("Zaman es berakhir 1.200 dekade lalu.", "1.200 dekade lalu", "BC997"),
]


@pytest.mark.parametrize("text,span,value", EXTREME_CASES)
def test_timex_extremes_have_timex3_values(text, span, value):
    assert one(text)[::2] == (span, value)


def test_timex_a_failing_tagger_leaves_a_warning_not_a_lost_article(monkeypatch):
    import warta
    import warta.nlp.timex as timex

    def broken(text, published=None):
        raise ValueError("year -3983 is out of range")

    monkeypatch.setattr(timex, "find_times", broken)
    art = warta.analyze("Warga Jakarta berkumpul pada Senin pagi.", published=ANCHOR)
    assert art.times == [] and art.entities  # the other steps still ran
    assert art.warnings == ["times: not read (ValueError: year -3983 is out of range)"]


def test_timex_any_failing_step_is_a_warning(monkeypatch):
    import warta
    import warta.nlp.quotes as quotes

    monkeypatch.setattr(quotes, "find_quotes", lambda *a, **k: 1 / 0)
    art = warta.analyze("“Kami siap,” kata Budi Santoso di Jakarta pada Senin.", published=ANCHOR)
    assert art.quotes == [] and art.times and art.entities
    assert art.warnings == ["quotes: not read (ZeroDivisionError: division by zero)"]


STORY_ANCHOR = "2017-06-05"
# Forms of the TimeML gold's conventions: modifiers inside the span, no UTC offset in values,
# the story's current day as the anchor of what has no date of its own (HeidelTime's news strategy).
FORM_CASES = [
    ("Ia tiba sekitar pukul 10.00 di kantor.", "sekitar pukul 10.00", "TIME", "2017-06-05T10:00"),
    ("Rapat digelar tanggal 3 Mei 2017.", "tanggal 3 Mei 2017", "DATE", "2017-05-03"),
    ("Gedung itu dibangun pada 2005 silam.", "2005 silam", "DATE", "2005"),
    ("Kapal merapat pukul 07.00 WIB pagi.", "pukul 07.00 WIB pagi", "TIME", "2017-06-05T07:00"),
    ("Musim kemarau tahun ini lebih panjang.", "Musim kemarau tahun ini", "DATE", "2017"),
    ("Ia hanya singgah sebentar.", "sebentar", "DURATION", "PTXM"),
    ("Barang itu habis dalam hitungan jam.", "hitungan jam", "DURATION", "PTXH"),
    ("Dulu ia bekerja sebagai guru.", "Dulu", "DATE", "PAST_REF"),
    ("Lahan itu dulunya sawah.", "dulunya", "DATE", "PAST_REF"),
    ("Warga berkumpul menjelang magrib.", "menjelang magrib", "TIME", "2017-06-05TEV"),
    ("Massa bergerak usai salat Jumat.", "usai salat Jumat", "TIME", "2017-06-02TMI"),
    ("Laba kuartal ketiga naik.", "kuartal ketiga", "DATE", "2017-Q3"),
    ("Ekspor triwulan I-2015 turun.", "triwulan I-2015", "DATE", "2015-Q1"),
    ("Target paruh pertama 2019 tercapai.", "paruh pertama 2019", "DATE", "2019-H1"),
    ("Laporan semester II tahun ini terbit.", "semester II tahun ini", "DATE", "2017-H2"),
    ("Harga naik menjelang Natal.", "Natal", "DATE", "2016-12-25"),
    ("Upacara HUT RI ke-72 digelar.", "HUT RI ke-72", "DATE", "2017-08-17"),
    ("Arus mudik Lebaran 2017 padat.", "Lebaran 2017", "DATE", "2017-06-25"),
    ("Pasar ramai saat Idul Fitri tahun lalu.", "Idul Fitri tahun lalu", "DATE", "2016-07-06"),
    ("Acara itu tayang setiap Sabtu, pukul 08.00 WIB.", "setiap Sabtu, pukul 08.00 WIB", "SET", "XXXX-WXX-6T08:00"),
    ("Tumis bawang, aduk sesaat.", "sesaat", "DURATION", "PTXM"),
    ("Ia terpilih sebagai Ketua KPK periode 2019 - 2023.", "periode 2019 - 2023", "DATE", "2019"),
    ("Pria berusia 39 tahun ini tampil di panggung.", "39 tahun", "DURATION", "P39Y"),
    ("Usia korban sekitar 17-25 tahun.", "sekitar 17-25 tahun", "DURATION", "P17Y"),
    ("Ke depan kegiatan ini akan terus digelar.", "Ke depan", "DATE", "FUTURE_REF"),
    ("Banjir datang sejak awal musim hujan.", "awal musim hujan", "DATE", "2017"),
    ("Karena awal kemarau mundur, panen tertunda.", "awal kemarau", "DATE", "2017"),
    ("Mobil keluaran akhir 90’-an masih dicari.", "akhir 90’-an", "DATE", "199"),
    ("Upacara Hari Perhubungan Nasional (Harhubnas) digelar di lapangan.",
     "Hari Perhubungan Nasional (Harhubnas)", "DATE", "2017-09-17"),
    ("Warga berjaga hingga malam hari.", "malam hari", "TIME", "2017-06-05TNI"),
    ("Libur İdul Adha 2017 cukup panjang.", "İdul Adha 2017", "DATE", "2017-09-01"),  # a Turkish capital I
    ("Truk terguling di Lampung, senin (16/09/2019) sore.", "senin (16/09/2019) sore", "TIME", "2019-09-16TAF"),
    ("Penyidikan berlangsung 11-30 Juni 2009.", "11-30 Juni 2009", "DATE", "2009-06-11"),
    ("Larangan itu dicabut pada musim panas tahun depan.", "musim panas tahun depan", "DATE", "2018-SU"),
    ("Ia bersinar pada awal musim 2015-2016 bersama Genoa.", "awal musim 2015-2016", "DATE", "2015"),
    ("Berikan waktu 6 minggu ini untuk bekerja.", "6 minggu ini", "DURATION", "P6W"),
    ("Pengunjungnya lima juta orang dalam setahun.", "setahun", "SET", "P1Y"),
    ("Undang-undang itu akan disahkan dalam waktu dekat.", "waktu dekat", "DATE", "FUTURE_REF"),
    ("Razia digelar tiga bulan sekali.", "tiga bulan sekali", "SET", "P3M"),
    ("Ia berpidato di acara itu September tahun lalu.", "September tahun lalu", "DATE", "2016-09"),
    ("Operasi digelar mulai tanggal 23-26 September 2017.", "tanggal 23-26 September 2017", "DATE", "2017-09-23"),
    ("Sekjen PSI Raja Juli Antoni enggan berkomentar.", None, None, None),
    ("Ia khawatir masalah timbul di kemudian hari.", "kemudian hari", "DATE", "FUTURE_REF"),
    ("Pasar tumbuh pesat di masa-masa mendatang.", "masa-masa mendatang", "DATE", "FUTURE_REF"),
    ("Tapi sekarang ini fokusnya kantor kecil.", "sekarang ini", "DATE", "PRESENT_REF"),
    ("Air sulit didapat saat musim kemarau ini.", "musim kemarau ini", "DATE", "2017"),
    ("Ia diancam pidana penjara paling lama 3 tahun 6 bulan.", "paling lama 3 tahun 6 bulan", "DURATION", "P3Y6M"),
    ("Rapat berlangsung 2 jam 30 menit.", "2 jam 30 menit", "DURATION", "PT2H30M"),
    ("Ia pulang, kemudian hari Senin kembali.", "hari Senin", "DATE", "2017-06-05"),
]


def test_timex_a_slipped_month_beside_its_weekday():
    # 16 August 2019 was a Friday; the story was published Monday 16 September.
    assert one("Indeks dipantau pada Senin (16/8/2019).", "2019-09-16") == ("Senin (16/8/2019)", "DATE", "2019-09-16")
    # A weekday that fits neither reading leaves the date as written.
    assert one("Ia datang Jumat (19/9/2019).", "2019-09-20") == ("Jumat (19/9/2019)", "DATE", "2019-09-19")
    assert one("Sidang digelar Senin (12/8/2019) lalu.", "2019-09-16")[2] == "2019-08-12"
    # An unclosed bracket after the year still ends the date.
    assert one("Ia menjawab lewat pesan, Minggu (15/9/2019. Seperti diketahui", "2019-09-15") == (
        "Minggu (15/9/2019", "DATE", "2019-09-15")


def test_timex_later_after_only_a_part_of_the_day():
    times = find_times("Senin (16/9/2019) pagi api membesar. Beberapa saat kemudian mobil pemadam tiba. "
                       "Api padam 30 menit kemudian.", "2019-09-16")
    assert [(t.text, t.type, t.value) for t in times][1:] == [
        ("Beberapa saat kemudian", "TIME", "2019-09-16TMO"), ("30 menit kemudian", "TIME", "2019-09-16TMO")]
    times = find_times("Pukul 09.00 api muncul. Beberapa saat kemudian mobil tiba.", "2019-09-16")
    assert times[1].value == "2019-09-16T09:00"
    assert one("Dua jam kemudian ia pergi.", "2019-09-16") == ("Dua jam kemudian", "DURATION", "PT2H")


@pytest.mark.parametrize("text", ["Ia dijerat UU Nomor 12 Tahun 1995 tentang Pemasyarakatan.",
                                  "Aturan itu kembali ke PP 32 tahun 1999.",
                                  "Timnas bersiap untuk kualifikasi Piala Dunia 2022 zona Asia."])
def test_timex_years_in_names_of_laws_and_tournaments_are_not_times(text):
    assert find_times(text, STORY_ANCHOR) == []


def test_timex_a_planned_day_does_not_move_the_story():
    times = find_times("Pesawat tiba Senin besok. Pada pukul 07.00 WIB jarak pandang 1 kilometer.", "2019-09-15")
    assert [(t.text, t.value) for t in times] == [("Senin besok", "2019-09-16"), ("pukul 07.00 WIB", "2019-09-15T07:00")]
    assert [t.value for t in find_times("\u201cTadi ditelepon ibu,\u201d katanya soal kedua bidang tadi.", "2019-09-15")] == ["PAST_REF"]


def test_timex_saat_itu_is_the_time_named_last():
    times = find_times("Pada 1966, Adam Malik, menteri luar negeri saat itu, berkunjung ke Jerman.", STORY_ANCHOR)
    assert [(t.text, t.value) for t in times] == [("1966", "1966"), ("saat itu", "1966")]
    assert [(t.text, t.value) for t in find_times("Saat itu ia masih kecil.", STORY_ANCHOR)] == [("Saat itu", "PAST_REF")]


def test_timex_a_day_without_year_takes_the_year_the_story_moved_to():
    times = find_times("Penyidikan berlangsung 11-30 Juni 2009. Kemudian diperpanjang pada 1 Juli.", "2019-09-19")
    assert [(t.text, t.value) for t in times] == [("11-30 Juni 2009", "2009-06-11"), ("1 Juli", "2009-07-01")]


def test_timex_a_modifier_keeps_the_clock_apart_from_its_date():
    text = "Mayat ditemukan Senin (16/9/2019), sekitar pukul 11.00 WIT. Ia minum kopi Senin (16/9/2019) malam sekitar pukul 19.00 WIB."
    assert [(t.text, t.type, t.value, t.mod) for t in find_times(text, "2019-09-17")] == [
        ("Senin (16/9/2019)", "DATE", "2019-09-16", None),
        ("sekitar pukul 11.00 WIT", "TIME", "2019-09-16T11:00", "APPROX"),
        ("Senin (16/9/2019) malam", "TIME", "2019-09-16TNI", None),
        ("sekitar pukul 19.00 WIB", "TIME", "2019-09-16T19:00", "APPROX")]


@pytest.mark.parametrize("text,span,kind,value", FORM_CASES)
def test_timex_timeml_forms(text, span, kind, value):
    if span is None:  # no time expression at all
        assert find_times(text, STORY_ANCHOR) == []
        return
    assert one(text, STORY_ANCHOR) == (span, kind, value)


def test_timex_not_past_when_dulu_means_first():
    assert find_times("Kami makan dulu, lalu ia bertanya terlebih dahulu.", STORY_ANCHOR) == []


def test_timex_story_day_moves_with_the_narrative():
    text = ("Kecelakaan terjadi Sabtu (3/6/2017). Sekitar pukul 09.30, bus terguling. "
            "Dua jam kemudian jalan dibuka. Keesokan harinya polisi datang. Malam itu hujan turun.")
    got = [(t.text, t.value) for t in find_times(text, STORY_ANCHOR)]
    assert got == [("Sabtu (3/6/2017)", "2017-06-03"), ("Sekitar pukul 09.30", "2017-06-03T09:30"),
                   ("Dua jam kemudian", "2017-06-03T11:30"), ("Keesokan harinya", "2017-06-04"),
                   ("Malam itu", "2017-06-04TNI")]
    # A year or a month alone does not move the story's day.
    assert find_times("Pada 2005 silam, pukul 07.00 WIB ia tiba.", STORY_ANCHOR)[1].value == "2017-06-05T07:00"


def test_timex_zone_beside_the_value():
    t = find_times("Pesawat jatuh Minggu (28/12/2014) pukul 06.18 WIB.", STORY_ANCHOR)[0]
    assert (t.value, t.zone) == ("2014-12-28T06:18", "WIB")
    assert find_times("Rapat pukul 10.00 WITA.", STORY_ANCHOR)[0].to_dict()["zone"] == "WITA"


def test_timex_a_former_name_is_no_time():
    assert find_times("Ia menulis di X, yang dulunya disebut Twitter.", STORY_ANCHOR) == []


@pytest.mark.parametrize("published,value", [("2019-09-16", "2019-W37-WE"), ("2019-09-18", "2019-W37-WE"),
                                             ("2019-09-19", "2019-W38-WE"), ("2019-09-22", "2019-W38-WE")])
def test_timex_a_bare_weekend_is_the_nearest_one(published, value):
    # Monday to Wednesday: the weekend just past; Thursday and Friday: the coming one
    assert one("Rapat itu digelar pada akhir pekan di luar gedung DPR.", published)[2] == value


@pytest.mark.parametrize("text,span,kind,value,mod", [
    ("Tidak sampai 24 jam, pelaku ditangkap.", "Tidak sampai 24 jam", "DURATION", "PT24H", "LESS_THAN"),
    ("Ia menunggu kurang dari dua jam.", "kurang dari dua jam", "DURATION", "PT2H", "LESS_THAN"),
    ("Sudah hampir 1,5 tahun tidak ada pembahasan.", "hampir 1,5 tahun", "DURATION", "P18M", "LESS_THAN"),
    ("Rapat berlangsung setengah jam.", "setengah jam", "DURATION", "PT30M", None),
    ("Pembahasan tuntas Ahad, 15 September 2019 malam.", "Ahad, 15 September 2019 malam", "TIME", "2019-09-15TNI", None),
    ("Geger  Selasa, 10 September 2019 19:22  Dari Polres HSU", "Selasa, 10 September 2019 19:22", "TIME",
     "2019-09-10T19:22", None),
    ("Kebakaran terjadi pada Februari-Maret.", "Februari-Maret", "DATE", "2019-02", None),
    ("Pemerintah mencari pengganti dalam waktu dekat ini.", "waktu dekat ini", "DATE", "FUTURE_REF", None),
    ("Jalan itu belakangan ini ramai dibicarakan.", "belakangan ini", "DATE", "PAST_REF", None),
])
def test_timex_modifiers_fractions_stamps_and_ranges(text, span, kind, value, mod):
    times = find_times(text, "2019-09-17")
    assert [(t.text, t.type, t.value, t.mod) for t in times] == [(span, kind, value, mod)]


def test_timex_a_yearless_date_far_ahead_is_the_past_one():
    # 6 February: 146 days ahead of 13 September 2019, 219 back; a report reads it as past
    assert one("Pesawat itu mendarat darurat pada 6 Februari.", "2019-09-13")[2] == "2019-02-06"
    assert one("Pelantikan digelar pada 1 Oktober.", "2019-09-13")[2] == "2019-10-01"


def test_timex_the_day_a_source_spoke_does_not_move_the_story():
    text = ("Pelaku menusuk korban pada Sabtu (14/9/2019). \"Sudah kami tangkap,\" kata Kapolsek Sukma kepada "
            "wartawan, Minggu (15/9/2019). Korban dijemput sekitar pukul 02.30 WIB.")
    assert [t.value for t in find_times(text, "2019-09-15")] == ["2019-09-14", "2019-09-15", "2019-09-14T02:30"]
    # with no story day before it, the day told is the story's day
    text = "\"Keluarga terpukul,\" ujar Imam di rumahnya, Rabu 18 September 2019. Ia baru tahu sore harinya."
    assert [t.value for t in find_times(text, "2019-09-19")] == ["2019-09-18", "2019-09-18TAF"]

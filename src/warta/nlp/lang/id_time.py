"""Indonesian time vocabulary: data only. The time tagger (warta.nlp.timex) builds its rules from it."""

MONTHS = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6,
    "juli": 7, "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11,
    "desember": 12,
}
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8, "ags": 8,
    "agst": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "nop": 11, "des": 12,
}

# ISO weekday numbers. Written with a capital in news; lower-case "minggu" is a week.
WEEKDAYS = {"Senin": 1, "Selasa": 2, "Rabu": 3, "Kamis": 4, "Jumat": 5, "Jum'at": 5, "Jum’at": 5,
            "Sabtu": 6, "Minggu": 7, "Ahad": 7}

# Parts of the day, as TIMEX3 codes.
PARTS_OF_DAY = {"pagi": "MO", "siang": "MI", "sore": "AF", "petang": "EV", "malam": "NI", "dinihari": "NI",
                "dini hari": "NI", "subuh": "MO"}

# Units: (TIMEX3 duration letter, whether it is a time unit written after "T", size in days
# for date arithmetic or None when it is not a calendar step).
UNITS = {
    "detik": ("S", True), "menit": ("M", True), "jam": ("H", True),
    "hari": ("D", False), "pekan": ("W", False), "minggu": ("W", False),
    "bulan": ("M", False), "tahun": ("Y", False), "windu": ("Y8", False),
    "dekade": ("DE", False), "dasawarsa": ("DE", False), "abad": ("CE", False),
}

# "sehari", "sepekan": one of a unit.
SE_UNITS = {"sehari": "hari", "sepekan": "pekan", "seminggu": "minggu", "sebulan": "bulan",
            "setahun": "tahun", "sejam": "jam", "semenit": "menit", "semalaman": "malam"}

NUMBER_WORDS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
    "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "setengah": 0.5, "separuh": 0.5,
}
# Numbers that say "some": the duration's count becomes X.
VAGUE_NUMBERS = ("beberapa", "belasan", "puluhan", "ratusan", "ribuan", "berbulan-bulan",
                 "bertahun-tahun", "berhari-hari", "berminggu-minggu", "berjam-jam")

# Words before a unit that are never a count ("suatu hari" is "one day", not a duration).
NOT_COUNTS = ("suatu", "setiap", "tiap", "per")

# Relative days: offset from the anchor date.
RELATIVE_DAYS = {"kemarin lusa": -2, "kemarin": -1, "hari ini": 0, "besok": 1, "esok hari": 1,
                 "esok": 1, "besok lusa": 2, "lusa": 2}

# "pekan lalu", "tahun depan": offset in units of the period.
RELATIVE_DIRECTIONS = {"lalu": -1, "kemarin": -1, "silam": -1, "yang lalu": -1, "ini": 0,
                       "depan": 1, "mendatang": 1}
# "tiga hari kemudian": counted from the last date mentioned, not from the anchor.
AFTER_REFERENCE = {"kemudian": 1, "berikutnya": 1, "setelahnya": 1, "sesudahnya": 1,
                   "sebelumnya": -1}
FROM_ANCHOR = {"lalu": -1, "yang lalu": -1, "silam": -1, "mendatang": 1, "lagi": 1,
               "yang akan datang": 1}

# "awal pekan ini", "akhir 2014": TIMEX3 mod.
MODIFIERS = {"awal": "START", "pertengahan": "MID", "medio": "MID", "akhir": "END",
             "penghujung": "END", "ujung": "END"}

SETS = {"hari": "P1D", "pekan": "P1W", "minggu": "P1W", "bulan": "P1M", "tahun": "P1Y",
        "malam": "P1D", "pagi": "P1D", "jam": "PT1H"}

REFERENCES = {
    "PRESENT_REF": ("saat ini", "kini", "sekarang", "dewasa ini", "masa kini", "hari-hari ini", "saat sekarang",
                    "sementara ini", "sekarang ini"),
    "PAST_REF": ("saat itu", "waktu itu", "ketika itu", "kala itu", "masa lalu", "masa lampau",
                 "zaman dulu", "tempo dulu", "sejak dulu", "dahulu kala", "baru-baru ini",
                 "beberapa waktu lalu", "beberapa waktu yang lalu", "belum lama ini", "beberapa waktu terakhir",
                 "suatu ketika", "belakangan ini", "akhir-akhir ini"),
    "FUTURE_REF": ("masa depan", "kelak", "nanti", "nantinya", "mendatang", "ke depannya", "kedepannya",
                   "ke depan", "kedepan", "beberapa waktu ke depan", "waktu dekat", "waktu dekat ini",
                   "masa mendatang", "masa-masa mendatang", "masa yang akan datang",
                   "masa-masa yang akan datang", "kemudian hari"),
}

# "saat itu" and its kin: the time the story named last (TimeML anchors them so), else PAST_REF.
THEN = ("saat itu", "waktu itu", "ketika itu", "kala itu", "pada saat itu")

SEASONS = {"musim semi": "SP", "musim panas": "SU", "musim gugur": "FA", "musim dingin": "WI"}

# Time zones named after a clock time, as UTC offsets (kept beside a TIMEX3 value, not in it).
TIME_ZONES = {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00", "UTC": "+00:00", "GMT": "+00:00"}

# A four-digit number followed by these is a quantity, not a year.
COUNT_NOUNS = ("orang", "unit", "ton", "meter", "m", "km", "kilometer", "kg", "persen", "jiwa",
               "buah", "rumah", "ekor", "hektare", "ha", "liter", "lembar", "kali", "penumpang",
               "peserta", "warga", "kursi", "pasien", "siswa", "mahasiswa", "personel", "pasukan",
               "kendaraan", "mobil", "motor", "kapal", "pesawat", "titik", "desa", "sekolah", "rupiah",
               "dollar", "dolar", "MW", "GW", "mm", "cm", "barel", "bph", "mmscfd", "kaki",
               "ekor", "keluarga", "KK", "pekerja", "karyawan", "buruh", "tenaga", "anggota")
# ... and these before it make it a number of something else.
NOT_YEAR_BEFORE = ("Rp", "Rp.", "US$", "No", "No.", "nomor", "Nomor", "Pasal", "pasal", "ayat",
                   "Ayat", "NIP", "kode", "Kode", "pukul", "jam", "KM", "Km")

# A weekday or month name after these is part of a place name ("Pasar Minggu").
NOT_TIME_BEFORE = ("Pasar", "Jl", "Jl.", "Jalan", "Kampung", "Gang", "Desa", "Dusun")

# Words before a weekday or month that point to the future ("akan digelar Sabtu").
FUTURE_CUES = ("akan", "bakal", "rencananya", "direncanakan", "dijadwalkan", "hendak",
               "mendatang", "berikutnya")

# Tropical seasons have no TIMEX3 code: their value is the year they fall in.
TROPICAL_SEASONS = ("musim kemarau", "musim hujan", "musim penghujan", "musim pancaroba", "pancaroba",
                    "masa peralihan musim", "peralihan musim")

# Vague durations (TIMEX3 writes the unknown amount as X).
VAGUE_DURATIONS = {"sebentar": "PTXM", "sejenak": "PTXM", "beberapa saat": "PTXM",
                   "hitungan menit": "PTXM", "hitungan jam": "PTXH", "hitungan hari": "PXD",
                   "hitungan minggu": "PXW", "hitungan pekan": "PXW", "hitungan bulan": "PXM",
                   "hitungan tahun": "PXY", "sesaat": "PTXM"}

# Expressions that take the story's current day (the date named last): offset in days, part of day.
STORY_DAYS = {"hari itu": (0, None), "pada hari yang sama": (0, None), "keesokan harinya": (1, None),
              "keesokan hari": (1, None), "esok harinya": (1, None), "keesokan paginya": (1, "MO"),
              "keesokan malamnya": (1, "NI"), "malam itu": (0, "NI"), "pagi itu": (0, "MO"),
              "siang itu": (0, "MI"), "sore itu": (0, "AF"), "petang itu": (0, "EV"),
              "malam harinya": (0, "NI"), "siang harinya": (0, "MI"), "sore harinya": (0, "AF"),
              "pagi harinya": (0, "MO"), "dini hari": (0, "NI"), "senja": (0, "EV"),
              "menjelang magrib": (0, "EV"), "menjelang maghrib": (0, "EV"), "saat magrib": (0, "EV"),
              "usai magrib": (0, "EV"), "usai salat magrib": (0, "EV"), "waktu subuh": (0, "MO"),
              "saat subuh": (0, "MO"), "usai salat subuh": (0, "MO"), "usai salat zuhur": (0, "AF"),
              "usai salat isya": (0, "NI"), "tengah malam": (0, "NI"), "tengah hari": (0, "MI"),
              "pagi hari": (0, "MO"), "siang hari": (0, "MI"), "sore hari": (0, "AF"), "malam hari": (0, "NI")}

# Ordinals of quarters and halves: "kuartal ketiga", "triwulan III", "semester 2".
ORDINALS = {"pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4,
            "1": 1, "2": 2, "3": 3, "4": 4}

# Holidays on fixed dates: (month, day).
FIXED_HOLIDAYS = {"natal": (12, 25), "hari natal": (12, 25), "malam natal": (12, 24),
                  "tahun baru": (1, 1), "malam tahun baru": (12, 31), "hari kemerdekaan": (8, 17),
                  "hut ri": (8, 17), "hari buruh": (5, 1), "hari pahlawan": (11, 10),
                  "hari kartini": (4, 21), "hari sumpah pemuda": (10, 28),
                  # national and international days the news covers on the day
                  "hari pendidikan nasional": (5, 2), "hardiknas": (5, 2),
                  "hari kebangkitan nasional": (5, 20), "harkitnas": (5, 20),
                  "hari lahir pancasila": (6, 1), "hari bhayangkara": (7, 1), "hari anak nasional": (7, 23),
                  "hari olahraga nasional": (9, 9), "haornas": (9, 9),
                  "hari perhubungan nasional": (9, 17), "harhubnas": (9, 17),
                  "hari kesaktian pancasila": (10, 1), "hari batik nasional": (10, 2), "hut tni": (10, 5),
                  "hari santri nasional": (10, 22), "hari santri": (10, 22),
                  "hari kesehatan nasional": (11, 12), "hari guru nasional": (11, 25), "hari ibu": (12, 22),
                  "hari pers nasional": (2, 9), "hari bumi": (4, 22), "hari aids sedunia": (12, 1),
                  "hari antikorupsi sedunia": (12, 9), "hari anti korupsi sedunia": (12, 9)}

# Holidays of the Islamic calendar as Indonesia's government set them (the Ministry of Religious
# Affairs' sidang isbat and the joint decrees on national holidays), 1 Syawal and 10 Zulhijah.
IDUL_FITRI = {2008: "10-01", 2009: "09-20", 2010: "09-10", 2011: "08-31", 2012: "08-19",
              2013: "08-08", 2014: "07-28", 2015: "07-17", 2016: "07-06", 2017: "06-25",
              2018: "06-15", 2019: "06-05", 2020: "05-24", 2021: "05-13", 2022: "05-02",
              2023: "04-22", 2024: "04-10", 2025: "03-31"}
IDUL_ADHA = {2008: "12-08", 2009: "11-27", 2010: "11-17", 2011: "11-06", 2012: "10-26",
             2013: "10-15", 2014: "10-05", 2015: "09-24", 2016: "09-12", 2017: "09-01",
             2018: "08-22", 2019: "08-11", 2020: "07-31", 2021: "07-20", 2022: "07-10",
             2023: "06-29", 2024: "06-17", 2025: "06-06"}
LUNAR_HOLIDAYS = {"lebaran": IDUL_FITRI, "idul fitri": IDUL_FITRI, "idulfitri": IDUL_FITRI,
                  "hari raya idul fitri": IDUL_FITRI, "idul adha": IDUL_ADHA, "iduladha": IDUL_ADHA,
                  "hari raya idul adha": IDUL_ADHA, "hari raya kurban": IDUL_ADHA}

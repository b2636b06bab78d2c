"""Indonesian speech vocabulary for quotations: data only (used by warta.nlp.quotes)."""

# Cues after a direct quote: "…," kata X.  (with -nya: "…," ujarnya.)
AFTER_QUOTE_CUES = ("kata", "ujar", "ucap", "tutur", "ungkap", "jelas", "tegas", "sebut", "tambah",
                    "imbuh", "papar", "terang", "lanjut", "tulis", "tanya", "pungkas", "tukas", "seru",
                    "katanya", "ujarnya", "ucapnya", "tuturnya", "ungkapnya", "jelasnya", "tegasnya",
                    "sebutnya", "tambahnya", "imbuhnya", "paparnya", "terangnya", "lanjutnya", "tulisnya",
                    "tanyanya", "pungkasnya", "tukasnya", "kata dia", "ujar dia", "kata mereka",
                    "seperti dikutip", "dikutip dari", "bebernya", "beber", "sambungnya", "akunya", "aku")

# Verbs that report speech and take a clause: "X mengatakan (bahwa) …".
CLAUSE_VERBS = ("mengatakan", "berkata", "menuturkan", "mengungkapkan", "menjelaskan", "menegaskan",
                "menambahkan", "menilai", "mengklaim", "menyebutkan", "mengindikasikan", "menyampaikan",
                "memaparkan", "menerangkan", "mengakui", "berpendapat", "beranggapan", "meyakini",
                "mengingatkan", "memastikan", "membantah", "mengungkap", "menduga", "memperkirakan",
                "mengimbau", "berharap", "menyebut", "menyatakan", "memperingatkan", "menekankan",
                "mengumumkan", "melaporkan", "mengaku")
# Of those, the ones that need "bahwa" (or a direct quote) before what follows is a statement:
# "menyatakan keprihatinannya" is an act, "menyatakan bahwa …" a statement.
NEED_BAHWA = ("menyatakan", "menyebut", "mengingatkan", "memperingatkan", "memastikan",
              "melaporkan", "mengumumkan", "menekankan", "mengimbau")

# Pronouns that point back to the last named speaker.
PRONOUNS = ("ia", "dia", "beliau", "dirinya", "-nya", "nya")
# Speakers that are groups or unnamed: kept as speaker_text, speaker stays null.
GROUP_HEADS = ("para", "pihak", "sejumlah", "beberapa", "mereka", "kami", "warga", "pejabat", "analis",
               "pengamat", "sumber")

# Where something was said: "di X", "melalui akun Instagram-nya", "kepada wartawan".
CHANNEL_PATTERNS = (r"di\s+(?:akun\s+)?(?P<c1>X|Twitter|Instagram|Facebook|TikTok|YouTube|Threads)(?:-nya)?",
                    r"melalui\s+(?P<c2>(?:akun\s+)?[\w-]+(?:\s+(?:resmi|pribadi)(?:nya)?)?)",
                    r"kepada\s+(?P<c3>wartawan|awak\s+media|media|jurnalis|pers)",
                    r"dalam\s+(?P<c4>konferensi\s+pers|jumpa\s+pers|keterangan\s+(?:tertulis|resmi)|siaran\s+pers|wawancara)")

# Academic degrees and honorifics written after a name, between commas ("Siti Zuniati, MM
# menyampaikan"): never the speaker. Compared without dots and spaces, in upper case.
DEGREES = frozenset("""SPD MPD SSI MSI ST MT MM MSC SH MH SE ME MA MBA PHD SKOM MKOM SSOS MSOS SIP MIP
MHUM SS AK CA SAG MAG LC MP SP SPSI MPSI SKEP NS SFARM APT SKED MKES SKM MPH MENG SPT SHUT STR MIKOM
MPDI SPDI SHI MHI MAP MSN SIKOM SSN MSN MSAS MSOC DIPL SPOG SPA MARS MKN SSTP MTP MEC MACC CPA CFA
SE.AK IPU ASEAN.ENG""".split())

# What stands between a speaker and the speech verb without being the speaker: "X, dalam
# pidatonya, menegaskan", "X, Minggu (1/12/2024), menyebutkan", "X, yang menjadi …, menyampaikan".
NOT_SUBJECT_OPENERS = ("dalam", "saat", "ketika", "pada", "usai", "seusai", "selepas", "di", "yang",
                       "juga", "turut", "kemudian", "lalu", "kepada", "melalui", "sementara", "sebelumnya",
                       "selanjutnya", "dipenghujung", "kemarin", "hari", "tadi", "sekaligus", "selaku",
                       "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")

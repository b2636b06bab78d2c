"""PLOVER events coded on the Indonesian text: who did what to whom, when and where.

A predicate from ``lang/plover.tsv`` (active and passive forms) triggers an event. In its
sentence the actor is the nearest entity before the trigger, or, when that place holds only a
pronoun ("Mereka", "ia"), the previous event's actor. The target is the first entity after
the trigger. Passive forms swap the two, and "oleh X" names the actor; an agentless arrest is
made by the body the story named before. For an active trigger
the parsed subject of its clause (``clauses``) names an actor the rules left unset, and a unit
named with its body or country acts instead of it. ``when`` is the
sentence's first time expression resolved to a day (else unset, never the publication date),
and ``where`` is its first place that is neither actor nor target. Negation and modality
become ``status``: asserted, intended, hypothetical or negated.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from ..record import Entity, Event, Quote, Span, TimeExpr
from .clauses import Clauses
from .entities import title_re
from .lang.speech import AFTER_QUOTE_CUES, CLAUSE_VERBS
from .trie import trie_pattern

if TYPE_CHECKING:
    from spacy.tokens import Doc

ACTORS = ("PER", "ORG", "GPE", "NORP")
PLACES = ("GPE", "LOC", "FAC")
NEGATION = re.compile(r"(?<![\w-])(?:tidak|tak|belum|bukan|enggan|batal)(?:\s+\w+){0,2}\s*$", re.IGNORECASE)
INTENT = re.compile(r"(?<![\w-])(?:akan|bakal|berencana|siap|ingin|hendak|mempertimbangkan|berniat|"
                    r"berjanji|dijadwalkan|rencananya)(?![\w-])", re.IGNORECASE)
# ... and what a law or a rule allows ("KPK berwenang menyita", "setiap orang yang dianiaya"):
# a power or a provision, not something done.
HYPOTHETICAL = re.compile(r"(?<![\w-])(?:mungkin|bisa|dapat|jika|apabila|seandainya|kemungkinan|"
                          r"diperkirakan|berpotensi|berwenang|kewenangan|wewenang|boleh|diperbolehkan|"
                          r"setiap\s+orang|barang\s*siapa|siapa\s*pun)(?![\w-])", re.IGNORECASE)
PREPOSITION = re.compile(r"(?<![\w-])(?:ke|di|dari|dengan|untuk|kepada|terhadap|pada|bagi|atas|antara|"
                         r"tentang|mengenai|oleh|menuju|sejak|hingga)\s+(?:\w+\s+)?$", re.IGNORECASE)
# Senses outside politics and security: the trigger followed by these is no PLOVER event
# ("membantu menurunkan kolesterol", "menangkap keindahan", "saat ditemui wartawan").
NOT_EVENT_AFTER = re.compile(r"^\s+(?:me[mn]?\w+|ber\w+|keindahan|momen|gambar|foto|peluang|kesempatan|"
                             r"sinyal|cahaya|suasana|pesan|makna|ikan|perhatian|hati|bola|gol|poin|"
                             r"kolesterol|sistem|kulit|tubuh|pencernaan)(?![\w-])", re.IGNORECASE)
SENSE_TYPES = ("AID", "SUPPORT", "COERCE", "CONCEDE")  # the types whose triggers have everyday senses
# Legal, pastoral and field-work senses of some triggers, read from the words after them:
# "diancam Pasal 340" (punishable under), "dituntut 10 tahun penjara" (a sentencing demand),
# "meminta hujan" (a prayer), "mendatangi lokasi kejadian" and "meninjau langsung" (field work),
# "bertemu sejumlah wartawan" (an interview).
OFF_SENSE_AFTER = {
    "THREATEN": re.compile(r"^\s+(?:dengan\s+)?(?:pasal|hukuman|pidana|penjara|kurungan|denda|sanksi|ancaman|"
                           r"uu|undang-undang|maksimal|minimal|paling|seumur|mati|\d)", re.IGNORECASE),
    "REQUEST": re.compile(r"^\s+(?:dengan\s+)?(?:hukuman|pidana|penjara|kurungan|denda|selama|seumur|mati|\d+\s+tahun|"
                          r"(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas)\s+(?:tahun|bulan)|"
                          r"hujan|doa|ampun|ampunan|kepada\s+(?:allah|tuhan)|"
                          r"(?:\S+\s+){0,6}?(?:untuk\s+)?(?:melaksanakan\s+|menggelar\s+)?(?:salat|sholat|shalat|"
                          r"istisqa|istighosah|berdoa|doa\s+bersama|zikir))", re.IGNORECASE),
    "CONSULT": re.compile(r"^\s+(?:(?:sejumlah|para|beberapa|awak)\s+)?(?:wartawan|jurnalis|awak\s+media|media|"
                          r"lokasi|tkp|tempat\s+kejadian|langsung|kondisi|proyek|pembangunan|lahan|area|kawasan)(?![\w-])",
                          re.IGNORECASE),
}
INTERVIEW = re.compile(r"(?<![\w-])(?:saat|ketika|usai|seusai|waktu|tatkala|kala)\s+$", re.IGNORECASE)
NOT_AGENT_WORDS = {"di", "ke", "dari", "pada", "dalam", "saat", "untuk", "sejak", "hingga", "sampai", "bagi",
                   "kepada", "dengan", "atas", "tentang", "selama", "menuju", "sebagai", "dan", "yang"}
PRONOUN = re.compile(r"(?<![\w-])(?:mereka|ia|dia|beliau|dirinya|pihaknya|kedua negara|keduanya)(?![\w-])",
                     re.IGNORECASE)
PERSON_PRONOUNS = {"ia", "dia", "beliau", "dirinya"}
FIRST_PERSON = re.compile(r"(?<![\w-])(?:kami|kita|saya|aku)(?![\w-])", re.IGNORECASE)
BACK_CHARS = 600  # how far back a pronoun's antecedent may be named

# Groups and people the text names by a common noun ("Massa … berunjuk rasa", "polisi
# menangkap", "dianiaya suaminya"): no entity, but the actor an analyst reads, kept as written.
_GROUP_NOUNS = ("banyak pihak", "sejumlah pihak", "berbagai pihak", "beberapa pihak", "perusahaan",
                "koalisi masyarakat sipil", "aktivis antikorupsi", "massa", "warga", "mahasiswa", "pelajar",
                "siswa", "buruh", "pekerja", "nelayan", "petani",
                "demonstran", "pengunjuk rasa", "pendemo", "polisi", "petugas", "aparat", "tentara", "prajurit",
                "pasukan", "jaksa", "hakim", "majelis hakim", "penyidik", "pelaku", "tersangka", "terdakwa",
                "tergugat", "penggugat", "sopir", "pengemudi", "guru", "dokter", "pendukung", "simpatisan",
                "relawan", "aktivis", "legislator", "oknum", "kakek", "nenek", "pria", "wanita", "perempuan",
                "remaja", "pemuda", "orang tak dikenal", "OTK", "kelompok bersenjata", "pengungsi", "korban",
                "suaminya", "istrinya", "ayahnya", "ibunya", "anaknya", "kakaknya", "adiknya", "pacarnya",
                "tetangganya", "temannya", "majikannya", "pemerintah", "anggota dewan")
_GROUP = (r"(?<![\w-])(?:(?:para|ratusan|ribuan|puluhan|belasan|sejumlah|seorang|sekelompok|segerombolan|kelompok|"
          r"sebagian|beberapa|aksi)\s+)?(?:" + trie_pattern(_GROUP_NOUNS) + r")(?![\w-])")
GROUP_BEFORE = re.compile(_GROUP, re.IGNORECASE)
GROUP_AFTER = re.compile(r"^\s+(?:oleh\s+)?(?P<g>" + _GROUP + ")", re.IGNORECASE)
GROUP_RELATIVE = re.compile(_GROUP + r"\s*,?\s*yang\s", re.IGNORECASE)
# A place after these names the people from it: "warga Papua", "nenek asal Tiongkok".
ORIGIN_BEFORE = re.compile(r"(?P<who>(?<![\w-])(?:(?:para|ratusan|ribuan|puluhan|sejumlah|seorang)\s+)?"
                           r"(?:massa|warga|mahasiswa|masyarakat|rakyat|pemuda|orang|aktivis|pengunjuk rasa|"
                           r"demonstran|nenek|kakek|pria|wanita|perempuan|nelayan|buruh|petani|pengungsi)"
                           r"(?:\s+(?:asal|dari|keturunan|berkewarganegaraan))?|(?<![\w-])(?:asal|berkewarganegaraan))\s+$",
                           re.IGNORECASE)
GROUP_CHARS = 80  # how far before its trigger a group subject may stand


# A passive's agent after "oleh" written as a common noun, up to where its clause goes on
# ("ditembak mati oleh polisi atau warga sejak …", "disahkan oleh Kongres pada 2008").
BY_PHRASE = re.compile(r"^(?:\s+[\w-]+){0,2}?\s+oleh\s+(?P<g>(?!(?:mereka|ia|dia|beliau|kami|kita|saya|pihak)\b)"
                       r"[\w-]+(?:\s+(?!(?:yang|di|ke|dari|pada|dalam|sejak|setelah|sebelum|karena|saat|ketika|"
                       r"untuk|sebagai|atas|terhadap|dengan|hingga|sampai|tahun|pekan|bulan|lalu|kemarin|itu|"
                       r"tersebut|ini|dan|serta|namun|tetapi|bahwa|agar|supaya)\b)[\w-]+){0,3})"
                       r"(?=\s*(?:[,.;:!?()\"“”]|$)|\s+[\w-]+)", re.IGNORECASE)
PLENARY = re.compile(r"(?<![\w-])(?:rapat|sidang)\s+paripurna(?![\w-])", re.IGNORECASE)
# Who arrests, read back from the story when a passive arrest names no agent ("Pelaku
# ditangkap saat …" after "Polres Banyuasin menangkap …"): the body named last.
ARRESTING_BODY = re.compile(r"(?<![\w-])(?:polisi|polri|polda|polres\w*|polsek|bareskrim|densus|reskrim|satreskrim|"
                            r"sat\s+reskrim|satresnarkoba|direktorat\s+(?:narkoba|reserse)|ditres\w+|brimob|"
                            r"kepolisian|kpk|komisi\s+pemberantasan\s+korupsi|kejaksaan|kejari|kejati|kejagung|"
                            r"bnn\w*|badan\s+narkotika|imigrasi|bea\s+cukai|satpol|tni|kodim|kodam|fbi|"
                            r"penjaga\s+perbatasan|patroli)(?![\w-])", re.IGNORECASE)
AGENTLESS_ARRESTS = {"ditangkap", "ditahan", "dibekuk", "diciduk", "diringkus", "digerebek", "digeledah", "disita"}
CONTEXT_CHARS = 1500  # how far back the story may have named the body
_RANK = r"(?:Kombes|Kompol|Irjen|Brigjen|Jenderal|Komjen|Ipda|Iptu|Aiptu|Aipda|Bripka|Briptu|Brigadir|Ajun|Komisaris|Pol)\b"
POLICE_TITLE = re.compile(rf"(?<![\w-])Ka(?P<unit>pol(?:res(?:ta|tabes)?|sek|da))\s+(?P<where>(?!{_RANK})[A-Z][a-z][\w-]*"
                          rf"(?:\s+(?!{_RANK})[A-Z][a-z][\w-]*){{0,3}})")


LOCATIVE = re.compile(r"(?<![\w-])di\s+$", re.IGNORECASE)
_SPEECH = re.compile(rf"(?<![\w-])(?:{trie_pattern(CLAUSE_VERBS)})(?![\w-])", re.IGNORECASE)
# A reported clause that opens with these has no subject of its own, or the speaker's own side
# ("mengatakan akan menolak", "mengatakan pemerintah sedang mempertimbangkan sanksi"): the speaker
# or the body they speak for acts.
_SPEAKERS_SIDE = {"akan", "tidak", "tak", "belum", "sudah", "telah", "segera", "harus", "bisa", "dapat", "ingin",
                  "siap", "tetap", "juga", "pun", "masih", "baru", "sempat", "berencana", "mau", "perlu", "terus",
                  "kembali", "bakal", "hendak", "enggan", "turut", "ikut", "langsung", "sedang", "tengah",
                  "pemerintah", "pemerintahnya", "pihaknya", "kami", "kita", "saya", "aku", "ia", "dia", "beliau",
                  "negaranya", "partainya", "kementeriannya", "lembaganya", "instansinya"}
_ADDRESSEE = re.compile(r"^\s*,?\s*(?:(?:kepada|pada)\s+(?:para\s+)?\w+(?:\s+media)?\s*,?\s*)?(?:bahwa\s+)?",
                        re.IGNORECASE)


def _reported(between: str) -> bool:
    """Whether a speech verb stands between an entity and the trigger and the reported clause
    names its own subject ("mengatakan polisi menangkap"): the entity speaks, it does not act."""
    speech = list(_SPEECH.finditer(between))
    if not speech:
        return False
    rest = between[speech[-1].end():]
    first = re.match(r"[^\W\d_][\w-]*", rest[_ADDRESSEE.match(rest).end():])
    return first is not None and first.group().lower() not in _SPEAKERS_SIDE


@lru_cache(maxsize=1)
def soft_sections() -> frozenset[str]:
    text = resources.files(__package__).joinpath("lang", "soft_sections.txt").read_text("utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def soft_section(url: str | None) -> bool:
    """Whether ``url`` lies in a sport, entertainment, lifestyle, health or technology section."""
    if not url:
        return False
    from urllib.parse import urlsplit

    parts = urlsplit(url if "//" in url else "//" + url)
    host = (parts.hostname or "").split(".")
    path = [p for p in parts.path.lower().split("/") if p]
    return bool({host[0] if len(host) > 2 else "", path[0] if path else ""} & soft_sections())


TOPIC_CHARS = 1500  # what the topic model reads: the opening of the body, as it learnt


@lru_cache(maxsize=1)
def _topic_model():
    import spacy

    from . import tokenizer  # noqa: F401  (registers warta.tokenizer.v1)

    # warta's tokenizer, as the model learnt (spaCy's Indonesian one takes seconds to load)
    return spacy.load(resources.files("warta").joinpath("models", "topic-id"), exclude=["tokenizer"],
                      config={"nlp": {"tokenizer": {"@tokenizers": "warta.tokenizer.v1"}}})


def topic(text: str | Doc) -> dict[str, float]:
    """The probability of each news topic (models/topic-id: news, economy, sport, entertainment,
    lifestyle, technology), learnt from CLICK-ID's outlet sections, for the opening of ``text``:
    a string, or a Doc already tokenised by warta's pipeline (not tokenised again)."""
    nlp = _topic_model()
    if isinstance(text, str):
        doc = nlp.make_doc(text[:TOPIC_CHARS])
    else:
        from spacy.tokens import Doc

        words = [t for t in text if t.idx < TOPIC_CHARS]
        doc = Doc(nlp.vocab, words=[t.text for t in words], spaces=[bool(t.whitespace_) for t in words])
    return dict(nlp.get_pipe("textcat")(doc).cats)


OTHER_TOPIC = 0.5  # how sure the model must be of another topic to code no events (50c check: 0.5 best of 0.5, 0.7, 0.9)


def news_topic(text: str | Doc | dict[str, float]) -> bool:
    """Whether ``text`` (or its ``topic`` probabilities) may be politics, law, security, regional
    or world news, where PLOVER events are coded: no other topic is likelier than OTHER_TOPIC
    (a short text, which the model is never sure of, stays news)."""
    cats = text if isinstance(text, dict) else topic(text)
    return not any(p >= OTHER_TOPIC for t, p in cats.items() if t != "news")


# -- the sense model: does this coded trigger name a PLOVER event that happened? -------------

SENSE_CHARS = 150  # how much of the sentence on each side of the trigger the model reads


@lru_cache(maxsize=1)
def _sense_model():
    """models/event-sense (training/events/train.py), or None where it is not installed."""
    import json

    import spacy

    from . import tokenizer  # noqa: F401  (registers warta.tokenizer.v1)

    path = resources.files("warta").joinpath("models", "event-sense")
    if not path.joinpath("threshold.json").is_file():
        return None
    settings = json.loads(path.joinpath("threshold.json").read_text("utf-8"))
    members = [spacy.load(path.joinpath(f"member-{k}"), exclude=["tokenizer"],
                          config={"nlp": {"tokenizer": {"@tokenizers": "warta.tokenizer.v1"}}})
               for k in range(settings["members"])]
    return members, settings["threshold"]


# None: the installed model's own; 0.0 keeps every event with its probability (draw.py --unfiltered)
SENSE_THRESHOLD: float | None = None


def sense_text(text: str, sentence: tuple[int, int], event: Event, index: dict[str, dict],
               cats: dict[str, float]) -> str:
    """What the sense model reads of one event: its type and status, what kind of actor and
    target it has, the article's topic, and the words around the trigger."""
    def kind(key: str | None, written: str | None = None) -> str:
        if key:
            return ((index.get(key) or {}).get("label") or "ent").lower()
        return "group" if written else "none"

    s_start, s_end = sentence
    t = event.trigger
    words = [f"type_{event.type.lower()}", f"status_{event.status}", f"actor_{kind(event.actor, event.actor_text)}",
             f"target_{kind(event.target)}"]
    words += [f"topic_{name}" for name, p in sorted(cats.items()) if name != "news" and p >= 0.2]
    if cats.get("news", 1.0) < 0.6:
        words.append("topic_news_weak")
    left = text[max(s_start, t.start - SENSE_CHARS):t.start].lower()
    # the words after the trigger are marked apart: "akan" before it is a plan, after it what
    # a threat or a demand says
    right = re.findall(r"\w+", text[t.end:min(s_end, t.end + SENSE_CHARS)].lower())
    return " ".join(words) + " | " + " ".join(left.split()) + " trig_" + "_".join(t.text.lower().split()) + \
        " " + " ".join("r_" + w for w in right)


def sensed(found: list[Event], text: str, sentences: list[tuple[int, int]], index: dict[str, dict],
           cats: dict[str, float]) -> list[Event]:
    """The events the sense model keeps, each with its probability as ``confidence``; all of
    them, unchanged, where no model is installed. The model reads whether an asserted event is
    one in its political sense; planned, possible and denied events keep their ``status`` and
    stay (the model learnt from asserted events only)."""
    loaded = _sense_model()
    if loaded is None or not found:
        return found
    members, threshold = loaded
    if SENSE_THRESHOLD is not None:
        threshold = SENSE_THRESHOLD
    items = [sense_text(text, sentences[e.sentence], e, index, cats) for e in found]
    # One tokenisation serves every member: the bag-of-words model reads hashed token texts.
    docs = [members[0].make_doc(t) for t in items]
    sums = [0.0] * len(found)
    for nlp in members:  # the members' mean, steadier than any one of them
        textcat = nlp.get_pipe("textcat")
        scores = textcat.model.ops.to_numpy(textcat.predict(docs))
        column = list(textcat.labels).index("event")
        for i in range(len(found)):
            sums[i] += float(scores[i, column])
    kept = []
    for event, total in zip(found, sums):
        p = total / len(members)
        event.confidence = round(p, 3)
        if p >= threshold or event.status != "asserted":
            kept.append(event)
    return kept


@dataclass(frozen=True)
class Predicate:
    form: str
    type: str
    mode: str | None
    passive: bool


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Predicate]:
    text = resources.files(__package__).joinpath("lang", "plover.tsv").read_text("utf-8")
    table = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        forms, kind, mode = (line.split("\t") + ["", ""])[:3]
        for form in forms.split("|"):
            table[form.lower()] = Predicate(form.lower(), kind, mode or None, form.lower().startswith("di"))
    return table


@lru_cache(maxsize=1)
def trigger_re() -> re.Pattern:
    forms = {f.lower() for f in lexicon()}  # matched case-insensitively: one trie branch per form
    return re.compile(r"(?<![\w-])(?:" + trie_pattern(forms) + r")(?![\w-])", re.IGNORECASE)


# The trigger inside a purpose or a request ("untuk disahkan", "meminta Polri menangkap"): what
# is wanted, not what happened.
WANTED = re.compile(r"(?<![\w-])(?:untuk|agar|supaya|guna|demi|menunggu|meminta|mendesak|menuntut|"
                    r"mengimbau|menyerukan|mengajak|memerintahkan|menginstruksikan|berharap|diminta)"
                    r"(?:\s+[\w.-]+){0,3}\s+$", re.IGNORECASE)


# "Tak ada satu pun fraksi yang menolak", "tidak semua poin … disetujui": none, or not all, did it.
NONE_OF = re.compile(r"(?<![\w-])(?:tidak|tak)\s+(?:ada|semua|seluruh|satu\s*pun)(?![\w-])", re.IGNORECASE)


def _status(before: str, sentence_head: str) -> str:
    clause = re.split(r"[,;:]", before)[-1]
    if NEGATION.search(before[-40:]) or NONE_OF.search(clause):
        return "negated"
    if INTENT.search(sentence_head) or WANTED.search(before[-60:]):
        return "intended"
    if HYPOTHETICAL.search(sentence_head):
        return "hypothetical"
    return "asserted"


def _off_sense(text: str, m: re.Match, pred: Predicate, s_start: int) -> bool:
    """Whether this trigger is used outside PLOVER's senses."""
    if pred.form in ("ditemui", "dihubungi", "dikonfirmasi") and INTERVIEW.search(text[max(s_start, m.start() - 12):m.start()]):
        return True  # "saat ditemui di kantornya": an interview, not a meeting
    after = text[m.end():m.end() + 80]
    if pred.type in OFF_SENSE_AFTER and OFF_SENSE_AFTER[pred.type].match(after):
        return True
    return pred.type in SENSE_TYPES and bool(NOT_EVENT_AFTER.match(after))


def _antecedent(pronoun: re.Match, ents: list[Entity], starts: list[int]) -> str | None:
    """Who a pronoun with no actor before it points back to: the last person named before it
    ("ia", "dia", "beliau", "dirinya"), else the last body ("pihaknya", "mereka")."""
    labels = ("PER",) if pronoun.group().lower() in PERSON_PRONOUNS else ("ORG", "NORP")
    i = bisect.bisect_left(starts, pronoun.start())
    for e in reversed(ents[:i]):
        if e.end < pronoun.start() - BACK_CHARS:
            break
        if e.label in labels:
            return e.entity
    return None


def _group_subject(text: str, s_start: int, at: int) -> str | None:
    """The common noun naming who acts, just before the trigger in its clause ("Massa dari
    mahasiswa … berunjuk rasa"), not governed by a preposition."""
    for hit in reversed(list(GROUP_BEFORE.finditer(text, max(s_start, at - GROUP_CHARS), at))):
        start = hit.start()
        if re.search(r"[.;:!?\n\"“”]", text[start:at]) or PREPOSITION.search(text[max(s_start, start - 12):start]):
            continue
        if re.search(r"(?<![\w-])yang\s", text[hit.end():at]) and not re.match(r"\s+yang\s", text[hit.end():]):
            continue  # "… yang ditangkap polisi menolak": a relative clause in between
        return " ".join(hit.group().split())
    return None


_OPENING = re.compile(r"“|(?:^|(?<=\s))\"(?=\S)")
_MARKS = re.compile(r"[\"“”]")
_CUES = AFTER_QUOTE_CUES + ("tandas", "tandasnya", "tutup", "tutupnya", "kilah", "kilahnya", "urai", "urainya")
_CUE_AFTER = re.compile(rf"[\s,.!?]*(?P<cue>{trie_pattern(_CUES)})(?![\w-])", re.IGNORECASE)
QUOTE_CHARS = 800  # how far a quote may run on past the trigger to the words saying who spoke


def _speaker_later(text: str, at: int, ents: list[Entity], starts: list[int],
                   spoken: list[tuple[int, int, str]], index: dict[str, dict]) -> str | None:
    """Who says "kami" at ``at`` inside a quote that the quote finder did not close (it runs on
    over a paragraph break): the person the cue after its closing mark names ("… ,” ujar
    Kepala Seksi …, Edi Eko Sasmito"), or, for "ujarnya", the last speaker before."""
    before = list(_MARKS.finditer(text, max(0, at - QUOTE_CHARS), at))
    if not before or not _OPENING.match(text, before[-1].start()):
        return None  # not inside an opened quote
    close = _MARKS.search(text, at, at + QUOTE_CHARS)
    cue = _CUE_AFTER.match(text, close.end()) if close and not _OPENING.match(text, close.start()) else None
    if cue is None:
        return None
    tail = re.match(r"[^.!?\n]{0,160}", text[cue.end():]).group()
    if cue.group("cue").lower().endswith("nya") or re.match(r"\s+(?:dia|ia|beliau)(?![\w-])", tail):
        last = next((q[2] for q in reversed(spoken) if at - BACK_CHARS <= q[1] <= at
                     and (index.get(q[2]) or {}).get("label") == "PER"), None)
        if last is None:
            i = bisect.bisect_left(starts, at)
            last = next((e.entity for e in reversed(ents[:i]) if e.label == "PER" and e.start >= at - BACK_CHARS), None)
        return last
    i, j = bisect.bisect_left(starts, cue.end()), bisect.bisect_left(starts, cue.end() + len(tail))
    named = [e for e in ents[i:j] if e.label in ("PER", "ORG")]
    return next((e.entity for e in named if e.label == "PER"), named[0].entity if named else None)


def _context_agent(text: str, pred: Predicate, at: int, ents: list[Entity], starts: list[int],
                   coded: list[Event], index: dict[str, dict]) -> tuple[Entity | None, str | None]:
    """The agent of an agentless passive arrest, from the story before it: the actor of the
    last such event, else the last law-enforcement body named ("Kapolres Banyuasin" names
    Polres Banyuasin). Returns (entity, actor text)."""
    if pred.form not in AGENTLESS_ARRESTS:
        return None, None
    body = ARRESTING_BODY
    for ev in reversed(coded):
        if ev.trigger.start < at - CONTEXT_CHARS:
            break
        if ev.type == pred.type and ev.status == "asserted":
            name = (index.get(ev.actor) or {}).get("name") if ev.actor else ev.actor_text
            if name and body.search(name):
                holder = next((e for e in ents if e.entity == ev.actor), None)
                return (holder, None) if holder else (None, ev.actor_text)
    i = bisect.bisect_left(starts, at)
    named = next((e for e in reversed(ents[:i]) if e.start >= at - CONTEXT_CHARS and e.label == "ORG"
                  and body.search((index.get(e.entity) or {}).get("name") or e.text)), None)
    titled = None
    for hit in POLICE_TITLE.finditer(text, max(0, at - CONTEXT_CHARS), at):
        titled = hit
    if titled and (named is None or titled.start() > named.end):
        return None, f"{titled.group('unit').capitalize()} {titled.group('where')}"
    return named, None


def _parsed_subject_is(clauses: Clauses, sentence: tuple[int, int], at: int, entity: Entity) -> bool:
    """Whether the parse makes ``entity`` the trigger's subject ("Moskow menuduh Korea Utara
    menahan …": North Korea detains, though Moscow acted on it just before)."""
    found = clauses.subject(sentence, at)
    return found is not None and found.start <= entity.start and entity.end <= found.reach


# Heads of a subject phrase that stand for the entity inside it ("Pemerintah Indonesia" is Indonesia).
_STANDS_FOR = {"pemerintah", "negara", "kota", "provinsi", "kabupaten", "pihak", "kantor", "kubu"}


def _clause_subject(text: str, clauses: Clauses, sentence: tuple[int, int], at: int, in_sentence: list[Entity],
                    actor_key: str | None, group: str | None) -> tuple[str | None, str | None, str | None]:
    """The parse's subject of an active trigger: it names the actor the rules left unset ("Massa
    pengunjuk rasa mendesak": the crowd; "Serikat menuntut": the union), and a unit or person
    named with a body or a country acts instead of it ("Penjaga perbatasan Rusia menahan",
    "Fraksi PDI-P DPRD DKI meminta"). Returns (actor key, actor text, the entity an actor text
    names a part of)."""
    found = clauses.subject(sentence, at)
    if found is None:
        return actor_key, group, None
    p_start, p_end, h_start, h_end, reach = found
    head = text[h_start:h_end]
    if PRONOUN.fullmatch(head) or FIRST_PERSON.fullmatch(head):
        return actor_key, group, None  # the pronoun rules' job
    inside = [e for e in in_sentence if p_start <= e.start and e.end <= p_end and e.label in ACTORS]
    person = next((e for e in inside if e.label == "PER"), None)
    holder = next((e for e in in_sentence if e.start <= h_start < e.end), None)
    if holder is not None:
        return (holder.entity, None, None) if holder.label in ACTORS and actor_key is None else (actor_key, group, None)
    if person is not None and p_end == person.end:
        return person.entity, None, None  # "Presiden Joko Widodo": the person
    if head.lower() in _STANDS_FOR or title_re().match(text[h_start:p_end]):
        return (inside[-1].entity, None, None) if inside and actor_key is None else (actor_key, group, None)
    written = " ".join(text[p_start:p_end].split())
    cut_off = [e for e in in_sentence if p_end <= e.start and e.end <= reach]  # "Ratusan buruh … di KBB"
    if actor_key is not None and not any(e.entity == actor_key for e in inside + cut_off):
        return actor_key, group, None  # the rules' actor stands outside the subject: leave it
    if not any(e.entity == actor_key for e in inside):
        actor_key = None
    return None, written, (actor_key or (inside[-1].entity if inside else None))


def find_events(text: str, sentences: list[tuple[int, int]], entities: list[Entity],
                index: dict[str, dict], times: list[TimeExpr], dateline_place: str | None = None,
                quotes: list[Quote] | None = None) -> list[Event]:
    """Events of the text; ``dateline_place`` is where the story was filed, the ``where`` of an
    event whose sentence names no place; ``quotes`` (with speakers) say who "kami" and "saya" are."""
    spoken = sorted((q.start, q.end, q.speaker) for q in quotes or () if q.speaker)
    clauses = Clauses(text)
    parts: dict[int, str] = {}
    ents = sorted(entities, key=lambda e: e.start)
    starts = [e.start for e in ents]
    out: list[Event] = []
    last_actor, last_actor_at = None, -1
    last_group: tuple[int, str] | None = None  # (where, who) of the last actor named by a common noun
    for n, (s_start, s_end) in enumerate(sentences):
        lo, hi = bisect.bisect_left(starts, s_start), bisect.bisect_left(starts, s_end)
        in_sentence = ents[lo:hi]
        day = next((t.value for t in times if s_start <= t.start < s_end and t.value
                    and re.match(r"\d{4}-\d{2}-\d{2}", t.value)), None)
        menurut = re.search(r"(?<![\w-])menurut\s", text[s_start:s_end])
        source_from = s_start + menurut.start() if menurut else s_end  # "…, menurut X" is a source
        sentence_events: list[Event] = []
        for m in trigger_re().finditer(text, s_start, s_end):
            pred = lexicon()[re.sub(r"\s+", " ", m.group().lower())]
            if _off_sense(text, m, pred, s_start):
                continue
            before = [e for e in in_sentence if e.end <= m.start() and e.label in ACTORS]
            after = [e for e in in_sentence if m.end() <= e.start < source_from and e.label in ACTORS
                     and not LOCATIVE.search(text[max(m.end(), e.start - 4):e.start])]  # "di Cikampek": where
            # "Perdana Menteri Malaysia Anwar Ibrahim": the country of a title is not the one acted on
            after = [e for i, e in enumerate(after) if e.label == "PER" or i + 1 == len(after)
                     or after[i + 1].label != "PER" or text[e.end:after[i + 1].start].strip()]
            # The subject is not governed by a preposition ("kunjungannya ke Rusia").
            subjects = [e for e in before if not PREPOSITION.search(text[max(s_start, e.start - 12):e.start])]
            # With every name before it governed by a preposition, a place is still no actor
            # ("di Jenewa, para pakar itu menyerukan").
            candidates = subjects or [e for e in before if e.label not in ("GPE", "LOC")]
            actor = candidates[-1] if candidates else None
            if len(candidates) > 1:
                prior = candidates[-2]
                gap = text[prior.end:actor.start]
                k = len(candidates) - 1
                while k > 0 and candidates[k].label in ("GPE", "LOC") and re.fullmatch(
                        r"[\s,()]*(?:[A-Z][\w-]*[\s,()]*){0,3}", text[candidates[k - 1].end:candidates[k].start]):
                    k -= 1
                if k < len(candidates) - 1 and candidates[k].label == "ORG":
                    # "Polda Daerah Istimewa, (DIY) menangkap", "Polres Banyuasin, Sumatera Selatan
                    # (Sumsel) menangkap": the body, not its region
                    actor = candidates[k]
                elif re.match(r"\s*,?\s*yang\s", gap) and not _SPEECH.search(gap):
                    actor = prior  # "Tarrant, yang berkewarganegaraan Australia menembaki": the one the clause is about
            if actor is not None:
                earlier = candidates[-2] if len(candidates) > 1 and candidates[-2] is not actor else None
                for hit in GROUP_RELATIVE.finditer(text, earlier.end if earlier else s_start, actor.start):
                    if not _SPEECH.search(text[hit.end():actor.start]) and not PREPOSITION.search(
                            text[max(s_start, hit.start() - 12):hit.start()]):
                        actor = None  # "Polisi yang dipimpin Kapolres X menangkap": the police
                        break
            if actor is not None and _reported(text[actor.end:m.start()]):
                actor = None  # "Kapolres X mengatakan polisi menangkap …": X speaks, the police act
            pronoun = list(PRONOUN.finditer(text, s_start, m.start()))
            actor_key = actor.entity if actor else None
            group = carried = carried_of = part_of = None
            if actor is not None and actor.label in ("GPE", "LOC") and not pred.passive:
                origin = ORIGIN_BEFORE.search(text, max(s_start, actor.start - 40), actor.start)
                if origin:  # "nenek asal Tiongkok", "massa Papua": people of the place, not the place
                    actor_key, group = None, " ".join(text[origin.start("who"):actor.end].split())
            if pronoun and (actor is None or pronoun[-1].start() > actor.end):
                # "Mereka memperingatkan …": the last actor; with none yet, the sentence's person.
                person = next((e for e in subjects if e.label == "PER"), None)
                if pronoun[-1].group().lower() in PERSON_PRONOUNS:
                    # "dia", "ia": a person, never a body that acted last ("Dia" after "Ormas MKGR menolak")
                    spoke = next((q[2] for q in reversed(spoken) if q[1] <= pronoun[-1].start()
                                  and q[1] >= pronoun[-1].start() - BACK_CHARS
                                  and (index.get(q[2]) or {}).get("label") == "PER"), None)
                    back = last_actor if (index.get(last_actor) or {}).get("label") == "PER" else None
                    actor_key = back or spoke or (person.entity if person else actor_key) \
                        or _antecedent(pronoun[-1], ents, starts)
                elif last_group is not None and last_group[0] > last_actor_at:
                    actor_key, group = None, last_group[1]  # "Mereka" after "Mahasiswa … menolak": the students
                else:
                    actor_key = last_actor or (person.entity if person else actor_key) \
                        or _antecedent(pronoun[-1], ents, starts)
                    if actor_key is None:  # nobody acted yet: the last group the text named
                        named = [g for g in GROUP_BEFORE.finditer(text, max(0, pronoun[-1].start() - BACK_CHARS),
                                                                   pronoun[-1].start())
                                 if not g.group().lower().endswith("nya")]
                        group = " ".join(named[-1].group().split()) if named else None
            said = next((q for q in spoken if q[0] <= m.start() < q[1]), None)
            me = list(FIRST_PERSON.finditer(text, max(s_start, said[0]), m.start())) if said else []
            if me and (actor is None or me[-1].start() > actor.end):
                actor_key = said[2]  # "“Kami menolak …,” kata X": X
            elif said is None and FIRST_PERSON.search(text, actor.end if actor else s_start, m.start()):
                later = _speaker_later(text, m.start(), ents, starts, spoken, index)
                if later is not None:
                    actor_key, me = later, [later]  # a quote that runs on past this sentence: who it is said by
            previous = sentence_events[-1] if sentence_events else None
            if previous and previous.target == actor_key and previous.actor and not (
                    actor is not None and not pred.passive and _parsed_subject_is(clauses, (s_start, s_end), m.start(), actor)):
                actor_key = previous.actor  # "X bertemu dengan Y dan mengunjungi …": still X
            target = after[0] if after else None
            target_key = target.entity if target else None
            if pred.passive:
                by = re.search(r"(?<![\w-])oleh\s+", text[m.end():s_end])
                # the agent follows "oleh" within a few words ("oleh Ketua DPR Bambang"), not a
                # name further on in the sentence
                agent = next((e for e in after if by and e.start >= m.end() + by.end() and re.fullmatch(
                    r"(?:\s*[\w.-]+){0,3}\s*", text[m.end() + by.end():e.start])), None)
                between = text[m.end():after[0].start] if after else ""
                if agent is None and after and re.fullmatch(r"\s*(?:\w+\s+){0,2}?", between) \
                        and not set(between.lower().split()) & NOT_AGENT_WORDS \
                        and after[0].label in ("PER", "ORG", "GPE", "NORP"):
                    agent = after[0]  # "didukung Iran", "diusir petugas keamanan X": the agent, without "oleh"
                if agent is None:  # "disahkan dalam rapat paripurna DPR": the house that sits
                    agent = next((e for e in after if e.label == "ORG" and e.start - m.end() < 120
                                  and PLENARY.search(text, m.end(), e.start)), None)
                if agent is None:  # "dianiaya suaminya", "ditangkap polisi", "dibunuh oleh seorang murid lain"
                    named = GROUP_AFTER.match(text[m.end():s_end]) or BY_PHRASE.match(text[m.end():s_end])
                    group = " ".join(named.group("g").split()) if named else None
                if agent is None and group is None:
                    agent, group = _context_agent(text, pred, m.start(), ents, starts, out, index)
                actor_key, target_key = (agent.entity if agent else None), actor_key
            elif group is None and (actor_key is None or (actor is not None and previous
                                                         and previous.target == actor_key)):
                group = _group_subject(text, s_start, m.start())
                if group is None and previous and previous.target == actor_key and previous.actor_text:
                    group = carried = previous.actor_text  # "Massa berunjuk rasa …, menolak": the crowd
                    carried_of = parts.get(id(previous))
                if group is not None:
                    actor_key = None
            if not pred.passive and not (pronoun and (actor is None or pronoun[-1].start() > actor.end)) \
                    and not me and (actor_key is None and group in (None, carried) or actor is not None
                                    and actor_key == actor.entity and actor.label != "PER"):
                actor_key, group, part_of = _clause_subject(text, clauses, (s_start, s_end), m.start(),
                                                            in_sentence, actor_key, group)
                part_of = part_of or (carried_of if group == carried else None)
            if actor_key == target_key:
                target_key = None
            if actor_key is None and target_key is None and part_of is None:
                continue  # who did what to whom, with nobody named, tells an analyst nothing
            place = next((e for e in in_sentence if e.label in PLACES
                          and e.entity not in (actor_key, target_key)), None)
            country = (index.get(actor_key) or {}).get("country") if actor_key else None
            event = Event(type=pred.type, mode=pred.mode, actor=actor_key, target=target_key,
                          where=(index.get(place.entity) or {}).get("name") if place else dateline_place, when=day,
                          sentence=n, trigger=Span(m.start(), m.end(), m.group()))
            event.actor_country = country if (index.get(actor_key) or {}).get("label") == "PER" else None
            event.actor_text = group if actor_key is None else None
            event.status = _status(text[s_start:m.start()], text[s_start:m.start()])
            event.confidence = round(0.4 + 0.3 * (actor_key is not None) + 0.2 * (target_key is not None)
                                     + 0.1 * (day is not None), 2)
            out.append(event)
            sentence_events.append(event)
            if part_of:
                parts[id(event)] = part_of  # "Fraksi PKS": an entity's part acts
            if actor_key:
                last_actor, last_actor_at = actor_key, m.start()
            elif event.actor_text:
                last_group = (m.start(), event.actor_text)
    return out

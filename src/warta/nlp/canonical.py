"""Canonical entities and roles within one article.

Every mention gets a key into ``entity_index``. The key is a slug of the canonical name, so it
is the same in every article that names the same thing. Short forms join their full form:
"Kim" joins "Kim Jong Un", "Dewan Keamanan" joins "Dewan Keamanan PBB", "AS" joins
"Amerika Serikat" (through the gazetteer). A short form that could join two full forms joins
the nearest one before it.

Identity inside the article, before any corpus knowledge: a public figure's name or nickname
from ``lang/people.tsv`` carries its full name ("Jokowi" -> "Joko Widodo"), and an alias
statement joins its two names ("Basuki Tjahaja Purnama alias Ahok", "Ridwan Kamil yang akrab
disapa Kang Emil", "Kang Emil, sapaan akrab Ridwan Kamil"). A name the knowledge base knows
never joins another full name as its short form ("Soeharto" is not "Tommy Soeharto").

Roles are title + affiliation pairs read around a person's mentions. Premodifiers:
"Menteri Luar Negeri Korea Selatan Park Jin", "Presiden Vladimir Putin". Appositions:
"Kepala BPBD, Arif Wibowo,". The titles come from ``lang/titles.txt``.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter

from ..ids import slug
from ..record import Entity
from .entities import Mention, common_words, gazetteer, identifiers, people, title_re

_JOINS = {"PER", "ORG"}
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z]{1,11})\)")
_ALL_CAPS = re.compile(r"[A-Z]{2,8}")
_AFTER_BRACKETS = re.compile(r"\s+((?:Kota|Kabupaten|Provinsi|Kab\.|Prov\.|Kecamatan|Daerah|Wilayah|Pusat|Resor|"
                             r"Sektor)(?:\s+[A-Z][\w'’-]*){1,3})")


# "X alias Y", "X yang akrab disapa Y", "X (Y)", "X atau lebih dikenal sebagai Y": Y names X.
_INNER_ACRONYM = re.compile(r"^(.+?)\s*\(([A-Z][A-Za-z]{1,9})\)\s*(.*)$")


def _nick(group: str) -> str:
    return rf"[\"“']?(?P<{group}>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){{0,2}})[\"”']?"


_CALLED = (r"(?:yang\s+)?(?:akrab|biasa|kerap|sering|karib)\s+(?:di)?(?:sapa|panggil|sebut)(?:\s+dengan)?(?:\s+(?:nama|sebutan))?"
           r"|(?:yang\s+)?(?:lebih\s+)?(?:dikenal|terkenal)\s+(?:dengan|sebagai)(?:\s+(?:nama|sebutan|panggilan))?"
           r"|alias")
_STATEMENT = re.compile(rf"\s*(?:,\s*)?(?:(?:atau\s+)?(?:{_CALLED})\s+{_nick('called')}(?=[\s,.;:)]|$)"
                        rf"|\(\s*{_nick('bracket')}\s*\)|atau\s+{_nick('bare')}(?=\s*[,.;)]))")
# The same statements read from the text, for names the model missed or cut short: the
# capitalised words before the cue are a person's name, those after it the nickname.
_CUE = re.compile(r"(?<![\w-])(?P<full>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,5})[ \t]*,?[ \t]+(?:atau\s+)?"
                  rf"(?:{_CALLED})\s+{_nick('alias')}(?=[\s,.;:)]|$)")
# "Kang Emil, sapaan akrab Ridwan Kamil": the name before is the nickname of the one after.
_NICKNAME_OF = re.compile(r"\s*,\s*(?:yang\s+merupakan\s+)?(?:sapaan|panggilan|nama\s+panggilan)(?:\s+(?:akrab|karib))?"
                          r"(?:\s+(?:dari|bagi|untuk))?\s+(?=[A-Z])")


def _words(s: str) -> list[str]:
    return s.split()


def _part_of(short: list[str], full: list[str]) -> bool:
    n = len(short)
    return n < len(full) and any(full[i:i + n] == short for i in range(len(full) - n + 1))


def link(text: str, mentions: list[Mention], roles: bool = True) -> tuple[list[Entity], dict[str, dict]]:
    """Entities with keys, and the entity index, for ``mentions`` of ``text``; with ``roles``,
    the index also holds each person's roles (``add_roles``)."""
    mentions, known = _statements(text, _known_people(text, mentions))
    names = [m.canonical or " ".join(text[m.start:m.end].split()) for m in mentions]
    canonical = list(names)
    # "Badan Pangan Nasional (Bapanas)": the acronym in brackets names the same body.
    acronyms = {}
    expanded: dict[int, str] = {}
    for i, (m, name) in enumerate(zip(mentions, names)):
        inner = _INNER_ACRONYM.match(name) if m.label == "ORG" and not m.canonical else None
        if inner:  # one span "Pengadilan Negeri (PN) Depok": the name without its brackets
            full = f"{inner.group(1)} {inner.group(3)}".strip()
            expanded[i] = full
            acronyms.setdefault(f"{inner.group(2)} {inner.group(3)}".strip(), full)
            continue
        hit = _ACRONYM.match(text, m.end) if m.label == "ORG" else None
        if hit and hit.group(1) != name:
            # "Badan Penanggulangan Bencana Daerah (BPBD) Kota Semarang": the name goes on
            # after the brackets, and the acronym ("BPBD", "BPBD Kota Semarang") stands for
            # that whole, particular body.
            more = _AFTER_BRACKETS.match(text, hit.end()) if not m.canonical else None
            if more:
                rest = " ".join(more.group(1).split())
                expanded[i] = f"{name} {rest}"
                acronyms[f"{hit.group(1)} {rest}"] = acronyms[hit.group(1)] = expanded[i]
            acronyms.setdefault(hit.group(1), name)
    for i, full in expanded.items():
        canonical[i] = names[i] = full
    # "KPK" with "Komisi Pemberantasan Korupsi" in the same article, both ORG: the capitals'
    # initials spell the acronym, and no other full name there spells it.
    spelt: dict[str, set[str]] = {}
    for m, name in zip(mentions, names):
        words = [w for w in name.split() if w[:1].isupper()]
        if m.label == "ORG" and len(words) >= 2:
            spelt.setdefault("".join(w[0] for w in words), set()).add(name)
    for m, name in zip(mentions, names):
        if m.label == "ORG" and _ALL_CAPS.fullmatch(name) and len(spelt.get(name, ())) == 1:
            acronyms.setdefault(name, next(iter(spelt[name])))
    for i, m in enumerate(mentions):
        if m.label == "ORG" and names[i] in acronyms and not m.canonical:
            canonical[i] = names[i] = acronyms[names[i]]
    # Work on distinct names: an article repeats a few names many times.
    distinct: dict[tuple[str, str], list[int]] = {}
    for i, m in enumerate(mentions):
        if m.label in _JOINS and not m.canonical:
            distinct.setdefault((m.label, names[i]), []).append(i)
    # Full forms may be names the knowledge base or the gazetteer gave ("Widodo" after "Joko Widodo").
    full_names = set(distinct) | {(m.label, n) for m, n in zip(mentions, names) if m.label in _JOINS}
    for (label, name), where in distinct.items():
        if name in known:  # a known name is its own entity, never a short form of another
            continue
        words = _words(name)
        fulls = [n for (lab, n) in full_names if lab == label and _part_of(words, _words(n))]
        if label == "ORG":  # an ORG short form is the start of the full name
            fulls = [n for n in fulls if _words(n)[:len(words)] == words]
        fulls = [n for n in fulls if not any(_part_of(_words(n), _words(o)) for o in fulls)]
        if len(fulls) == 1:
            for i in where:
                canonical[i] = fulls[0]
        elif fulls:  # ambiguous: the nearest full form before each mention
            firsts = {n: [mentions[j].start for j, nm in enumerate(names) if nm == n and mentions[j].label == label]
                      for n in fulls}
            for i in where:
                before = [(max(s for s in firsts[n] if s < mentions[i].start), n)
                          for n in fulls if any(s < mentions[i].start for s in firsts[n])]
                canonical[i] = max(before)[1] if before else fulls[0]
    entities, index, labels = [], {}, {}
    for m, name, surface in zip(mentions, canonical, names):
        source = people().get(name) if m.label == "PER" else None
        key = slug(name)
        entities.append(Entity(start=m.start, end=m.end, text=text[m.start:m.end], label=m.label, entity=key))
        entry = index.setdefault(key, {"name": name, "label": m.label, "mentions": 0, "aliases": [],
                                       "roles": [], "country": None})
        entry["mentions"] += 1
        labels.setdefault(key, Counter())[m.label] += 1
        written = " ".join(text[m.start:m.end].split())
        if written != name and written not in entry["aliases"]:
            entry["aliases"].append(written)
        if m.country and entry["country"] is None:
            entry["country"] = m.country
        if source and source[0] == name and source[1]:
            entry["kb"] = source[1]
        elif m.source == "gazetteer" or (m.canonical and m.label in ("GPE", "ORG")):
            if name in identifiers():
                entry.setdefault("kb", identifiers()[name])
    for key, counts in labels.items():
        index[key]["label"] = counts.most_common(1)[0][0]
    if roles:
        add_roles(text, entities, index)
    return entities, index


def _known_people(text: str, mentions: list[Mention]) -> list[Mention]:
    """PER mentions with the full name the knowledge base gives their form."""
    out = []
    for m in mentions:
        surface = " ".join(text[m.start:m.end].split())
        # The model may read a nickname as a place or body ("Bamsoet"); the gazetteer's own
        # names stay what they are.
        person = m.label == "PER" or (m.label in ("LOC", "ORG") and m.source == "model" and surface not in gazetteer())
        hit = people().get(surface) if person and not m.canonical else None
        out.append(Mention(m.start, m.end, "PER", m.source, hit[0], m.country, "person") if hit else m)
    return out


# Heads of names that are no person's ("Program Makan Bergizi Gratis yang lebih dikenal dengan MBG").
_NOT_PERSON_HEADS = frozenset((
    "Program", "Tim", "Timnas", "Bantuan", "Gerakan", "Operasi", "Kota", "Kabupaten", "Desa", "Kampung", "Pulau",
    "Gunung", "Sungai", "Jalan", "Kawasan", "Provinsi", "Kecamatan", "Kelurahan", "Pasar", "Festival", "Hari",
    "Partai", "Klub", "Grup", "Band", "Komunitas", "Yayasan", "Sekolah", "Universitas", "Undang-Undang", "UU",
    "Peraturan", "Aplikasi", "Film", "Lagu", "Album", "Buku", "Proyek", "Candi", "Masjid", "Tari", "Batik"))
# Nouns that open a sentence before a person's name ("Terdakwa Muhammad Yusuf alias Ucok").
_PERSON_NOUNS = frozenset((
    "terdakwa", "tersangka", "terpidana", "pelaku", "korban", "warga", "saksi", "pelatih", "artis", "penyanyi",
    "komedian", "pelawak", "pengusaha", "psikolog", "pemilik", "almarhum", "almarhumah", "mendiang", "sosok",
    "pria", "wanita", "perempuan", "remaja", "bocah", "nenek", "kakek", "siswa", "mahasiswa", "guru", "dokter",
    "aktor", "aktris", "pedangdut", "pesinetron", "selebgram", "musisi", "presenter", "politikus", "politisi",
    "ulama", "penulis", "petani", "nelayan", "pedagang", "sopir", "atlet", "pebulu", "petinju", "pesepakbola"))


def _cue_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Both names of every "X alias Y" / "X yang akrab disapa Y" as whole PER mentions: a
    missing one is added, a model span inside one ("Reza Samudra" of "Nicola Reza Samudra",
    "Merry" of "Om Merry") or one the model read as a body ("Parasian Situmorang") becomes it."""
    spans = []
    for hit in _CUE.finditer(text):
        start, end = hit.span("full")
        words = text[start:end].split()
        weak = False  # a capitalised common word opened it: only a person the model found is trusted
        while words and (words[0].lower() in common_words() or words[0].lower() in _PERSON_NOUNS
                         or title_re().fullmatch(words[0])):
            weak = weak or words[0].lower() in common_words()
            start = text.index(words[0], start) + len(words[0])
            while text[start].isspace():
                start += 1
            words.pop(0)
        lead = title_re().match(text, start, end)  # "Ketua RT Budi": the title is not the name
        if lead and lead.end() < end:
            start = lead.end() + len(text[lead.end():end]) - len(text[lead.end():end].lstrip())
        alias = hit.group("alias")
        inside = [m for m in mentions if m.start < end and start < m.end]
        person = any(m.label == "PER" for m in inside)
        if (not words or text[start:end] in gazetteer() or words[0] in _NOT_PERSON_HEADS
                or any(m.source in ("gazetteer", "pattern") and m.label != "PER" for m in inside)
                or (weak and not person) or alias.isupper() or title_re().match(alias)
                or alias.split()[0] in _NOT_PERSON_HEADS):
            continue  # a place, a programme, a body or a title: not two names of one person
        spans += [(start, end), hit.span("alias")]
    if not spans:
        return mentions
    return _take(mentions, spans, "PER")


def _take(mentions: list[Mention], spans: list[tuple[int, int]], label: str, full: str | None = None) -> list[Mention]:
    """``mentions`` where each span is one mention, unless a longer mention or a known place
    holds part of it."""
    out = list(mentions)
    for start, end in spans:
        inside = [m for m in out if m.start < end and start < m.end]
        if any(m.start < start or m.end > end or m.source == "gazetteer" for m in inside):
            continue
        if len(inside) == 1 and (inside[0].start, inside[0].end, inside[0].label) == (start, end, label) \
                and full is None:
            continue
        out = [m for m in out if m not in inside] + [Mention(start, end, label, "pattern", full)]
    return sorted(out, key=lambda m: m.start)


def _statements(text: str, mentions: list[Mention]) -> tuple[list[Mention], set[str]]:
    """Mentions with the full name their alias statements give, and the names that are known
    identities (from the knowledge base or a statement) and so are nobody's short form."""
    mentions = _cue_mentions(text, mentions)
    names = [m.canonical or " ".join(text[m.start:m.end].split()) for m in mentions]
    known = {n for m, n in zip(mentions, names) if m.kind == "person"}
    joined: dict[tuple[str, str], str] = {}  # (label, alias) -> full name
    relabel: set[int] = set()  # nicknames the model read as a place or body ("Bang Ucok")
    for i, m in enumerate(mentions):
        if m.label not in _JOINS and m.label != "LOC":
            continue
        hit = _STATEMENT.match(text, m.end) if m.label in _JOINS else None
        if hit:
            group = next(g for g in ("called", "bracket", "bare") if hit.group(g))
            if group == "bracket" and m.label != "PER":
                continue  # "Badan ... (BPBD)": the acronym rules below read those
            if group in ("bracket", "bare") and any(o.label != "PER" and o.start < end and start < o.end
                                                    for o in mentions for start, end in [hit.span(group)]):
                continue  # "Marc Klok (Persib)", "Budi Santoso (Antara)": a body or place in brackets
            start, end = hit.span(group)
            alias = " ".join(text[start:end].split())
            if _plausible_alias(text, m, names[i], alias, group == "bare", mentions, names):
                joined[(m.label, alias)] = names[i]
            continue
        after = _NICKNAME_OF.match(text, m.end)
        j = _next_person(text, mentions, after.end()) if after else None
        if j is not None and names[j] != names[i] and (m.label == "PER" or m.label in ("LOC", "ORG") and
                                                         len(names[i].split()) <= 3):
            joined[(m.label, names[i])] = names[j]
            relabel.add(i)
    if not joined:
        return mentions, known
    known |= set(joined.values())
    out = []
    nicknames = {names[i] for i in relabel}
    for m, name in zip(mentions, names):
        full = joined.get((m.label, name))
        label = "PER" if name in nicknames else m.label
        out.append(Mention(m.start, m.end, label, m.source, full, m.country, m.kind) if full and full != name else m)
    joined = {("PER" if alias in nicknames else label, alias): full for (label, alias), full in joined.items()}
    # The alias itself, and its later uses, are mentions of the same entity.
    out.sort(key=lambda m: m.start)
    for (label, alias), full in joined.items():
        spans = [hit.span() for hit in re.finditer(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])", text)]
        out = _take(out, spans, label, full)
    return out, known


def _next_person(text: str, mentions: list[Mention], at: int) -> int | None:
    """The PER mention that starts at ``at`` or after a capitalised word or two ("Emha" before
    the model's "Ainun Nadjib")."""
    for j, m in enumerate(mentions):
        if m.label == "PER" and at <= m.start <= at + 16 and re.fullmatch(r"(?:[A-Z][\w'’.-]*\s+){0,2}",
                                                                          text[at:m.start]):
            return j
    return None


def _plausible_alias(text: str, m: Mention, name: str, alias: str, bare_atau: bool,
                     mentions: list[Mention], names: list[str]) -> bool:
    """Whether ``alias``, read after the name ``name``, is another name of it: not a place, a
    title, a body, nor (after a bare "atau", unless the knowledge base says so) somebody else
    ("Prabowo Subianto atau Sandiaga")."""
    if alias == name or alias in gazetteer() or title_re().match(alias) or alias.lower() in _NOT_ALIASES:
        return False
    if m.label == "PER" and people().get(alias, (name,))[0] != name and alias in people():
        return False  # the knowledge base knows it as somebody else
    if bare_atau:  # "X atau Y" is as often a choice between two people: only a known nickname
        return m.label == "PER" and people().get(alias, ("",))[0] == name
    return True


_NOT_ALIASES = frozenset(("kiri", "kanan", "tengah", "foto", "ist", "dok", "red", "istimewa", "net", "arsip", "sumber",
                          "antara", "reuters", "afp", "ap", "kompas", "tempo", "detik", "tribun", "okezone",
                          "sindonews", "liputan6", "kumparan", "viva", "cnn", "cnn indonesia", "instagram",
                          "twitter", "youtube", "facebook", "tiktok", "almarhum", "almarhumah"))

_AFFILIATION_LABELS = {"GPE", "ORG", "LOC", "NORP"}


def add_roles(text: str, entities: list[Entity], index: dict[str, dict]) -> None:
    """Each person's roles ("Menteri Luar Negeri", of "Korea Utara") into their index entry."""
    by_end = {e.end: e for e in entities}
    ordered = sorted(entities, key=lambda e: e.start)
    starts = [e.start for e in ordered]
    for person in (e for e in entities if e.label == "PER"):
        for role in _roles_before(text, person, by_end) + _roles_after(text, person, ordered, starts):
            if role.get("of"):  # the affiliation's key -> its canonical name
                role["of"] = index[role["of"]]["name"]
            entry = index[person.entity]
            if role not in entry["roles"]:
                entry["roles"].append(role)
            if entry["country"] is None and role.get("of"):
                place = gazetteer().get(role["of"])
                if place and place[3] == "country" and place[2]:
                    entry["country"] = place[2]


def _title_ending_at(text: str, end: int) -> str | None:
    """The title whose last word ends at ``end`` (white space and one comma allowed)."""
    window_start = max(0, end - 80)
    for m in title_re().finditer(text, window_start, end):
        rest = text[m.end():end]
        if re.fullmatch(r"\s*,?\s*", rest):
            return " ".join(m.group().split())
    return None


def _roles_before(text: str, person: Entity, by_end: dict[int, Entity]) -> list[dict]:
    gap = re.search(r"\s*,?\s*$", text[max(0, person.start - 3):person.start])
    cut = person.start - (len(gap.group()) if gap else 0)
    affiliation = by_end.get(cut)
    if affiliation is not None and affiliation.label in _AFFILIATION_LABELS:
        title = _title_ending_at(text, affiliation.start)
        if title:
            return [{"title": title, "of": affiliation.entity}]
    title = _title_ending_at(text, person.start)
    return [{"title": title}] if title else []


def _roles_after(text: str, person: Entity, entities: list[Entity], starts: list[int]) -> list[dict]:
    """'Arif Wibowo, Kepala BPBD Kota Semarang,' : a title after the name and a comma."""
    m = re.match(r",\s*", text[person.end:person.end + 3])
    if not m:
        return []
    start = person.end + m.end()
    title = title_re().match(text, start)
    if not title:
        return []
    after = title.end()
    i = bisect.bisect_left(starts, after)
    nxt = entities[i] if i < len(entities) else None
    if nxt is not None and re.fullmatch(r"\s*", text[after:nxt.start]) and nxt.label in _AFFILIATION_LABELS:
        return [{"title": " ".join(title.group().split()), "of": nxt.entity}]
    if re.match(r"\s*[,.]", text[after:after + 2]):
        return [{"title": " ".join(title.group().split())}]
    return []

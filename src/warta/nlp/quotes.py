"""Who said what: direct, partial and indirect quotations with their speakers.

Decisions:
- a direct quote broken by its attribution ("…," kata X. "…") gives two quotes with one
  speaker, each with its own offsets, so every quote's text is one contiguous span;
- a quote that runs over several paragraphs (each opening with a quotation mark and only the
  last one closing) is one quote;
- a quoted phrase inside a sentence that is not itself quoted speech is ``partial``;
- indirect speech is "X <verb> (bahwa) …" and "Menurut X, …"; "…, menurut X." at the end of a
  sentence names a source, not a speaker, and is kept in ``source``;
- ``speaker_text`` is the speaker as written (with title); ``speaker`` is an entity key when it
  names an entity or a pronoun points back to one, else null (groups, unnamed officials);
- a pronoun points back to the last speaker while that person is named in the quote's
  paragraph or the one before, else to the first person named in the nearest sentence that
  names one (eval/quotes: 0.674 of 46 pronouns a reader resolved, 0.435 for the last speaker).
"""
from __future__ import annotations

import bisect
import re

from ..record import Entity, Quote
from .lang import speech as V

_OPEN, _CLOSE = "“\"‘", "”\"’"
_PAIRS = {"“": "”", '"': '"', "‘": "’"}
_MARK = re.compile("[" + re.escape(_OPEN + _CLOSE) + "]")


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_AFTER = re.compile(rf"^[\s,.!?]*(?P<cue>{_alt(V.AFTER_QUOTE_CUES)})(?![\w-])", re.IGNORECASE)
_CLAUSE = re.compile(rf"(?<![\w-])(?P<cue>{_alt(V.CLAUSE_VERBS)})(?![\w-])")
_CHANNEL = re.compile(r"^\s*,?\s*(?:" + "|".join(V.CHANNEL_PATTERNS) + r")", re.IGNORECASE)
_MENURUT = re.compile(r"(?<![\w-])[Mm]enurut(?:nya\b|\s+)")
_SENT_END = re.compile(r"[.!?](?=\s|$)|\n")


def _direct_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks.

    Marks pair in order within a paragraph (a straight '"' closes the one before it). A quote
    left open at a paragraph's end goes on when the next paragraph opens with a mark too
    (Indonesian style); otherwise it is dropped as unbalanced.
    """
    spans: list[tuple[int, int]] = []
    carried: tuple[str, int] | None = None
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_end = para.span()
        opened: tuple[str, int] | None = None
        i = p_start
        if carried is not None:
            if text[p_start] in _OPEN:
                opened, i = carried, p_start + 1
            carried = None
        for mark in _MARK.finditer(text, i, p_end):  # only quotation marks change the state
            i = mark.start()
            ch = text[i]
            if opened is not None and ch == _PAIRS[opened[0]] and (
                    ch != "’" or i + 1 == p_end or not text[i + 1].isalnum()):
                if i > opened[1]:
                    spans.append((opened[1], i))
                opened = None
            elif opened is None and ch in _OPEN and (ch != "‘" or i == p_start or not text[i - 1].isalnum()):
                opened = (ch, i + 1)
        if opened is not None and not text[opened[1]:p_end].strip() == "":
            carried = opened
    return spans


class _Index:
    """Sentence ends and entity starts of one text, for bisecting instead of scanning."""

    def __init__(self, text: str, entities: list[Entity]):
        # A period after a degree or an initial ("M.Si. ,", "S. Pd") ends no sentence.
        self.ends = [m.end() for m in _SENT_END.finditer(text) if not _abbreviation(text, m.start())]
        self.length = len(text)
        self.entities = sorted(entities, key=lambda e: e.start)
        self.starts = [e.start for e in self.entities]

    def sentence(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding ``pos``; the end includes its stop."""
        i = bisect.bisect_right(self.ends, pos)
        start = self.ends[i - 1] if i > 0 else 0
        j = bisect.bisect_left(self.ends, pos + 1)
        return start, (self.ends[j] if j < len(self.ends) else self.length)

    def within(self, start: int, end: int, labels=("PER", "ORG")) -> Entity | None:
        """The last PER/ORG entity lying inside [start, end)."""
        i = bisect.bisect_left(self.starts, start)
        found = None
        while i < len(self.entities) and self.entities[i].start < end:
            e = self.entities[i]
            if e.end <= end and e.label in labels:
                found = e
            i += 1
        return found


def _speaker_after(text: str, pos: int, entities: list[Entity]) -> tuple[str | None, int]:
    """The speaker written at ``pos`` (after a cue): an entity with its title, or a phrase."""
    m = re.match(r"\s*", text[pos:])
    start = pos + m.end()
    # Title words and the name: up to a comma, a channel word, or the sentence end.
    stop = re.search(r"[,.;:!?\n]|\s(?:di|kepada|saat|ketika|dalam|melalui|seperti|pada|usai|seusai|dari|"
                     r"dikutip|sebagaimana)\s", text[start:start + 160])
    end = start + (stop.start() if stop else min(160, len(text) - start))
    phrase = text[start:end].strip()
    return (phrase or None), end




def _channel(text: str, pos: int) -> str | None:
    m = _CHANNEL.match(text[pos:pos + 80])
    if not m:
        return None
    return next(v for k, v in m.groupdict().items() if v)


_FOLLOW = "\x00follow"  # placeholder: the last named speaker, filled in reading order


def _speaker(phrase: str | None, entity: Entity | None) -> str | None:
    """A speaker's key, or _FOLLOW for a pronoun (resolved later, in reading order)."""
    if entity is not None and entity.label in ("PER", "ORG"):
        return entity.entity
    if phrase and phrase.lower().strip(" -") in V.PRONOUNS:
        return _FOLLOW
    return None


def _resolve_in_order(quotes: list[Quote], ix: "_Index | None" = None, text: str = "") -> None:
    """A pronoun speaker ("kata dia", "ujarnya", "Ia menambahkan") is the last speaker while
    that person is still in view (named in this paragraph or the one before); else the person
    the text has moved on to: the first person named in the nearest sentence that names one."""
    last = None
    for q in quotes:
        if q.speaker == _FOLLOW:
            q.speaker = _antecedent(q, ix, text, last) if ix is not None and RESOLVE_IN_VIEW else last
        elif q.speaker is not None:
            last = q.speaker


RESOLVE_IN_VIEW = True  # False: a pronoun is always the last speaker (the old rule; eval/quotes compares)


def _antecedent(q: Quote, ix: "_Index", text: str, last: str | None) -> str | None:
    here = text.rfind("\n\n", 0, q.start)
    view = text.rfind("\n\n", 0, here) if here > 0 else -1
    start = view + 2 if view >= 0 else 0
    i, j = bisect.bisect_left(ix.starts, start), bisect.bisect_left(ix.starts, q.start)
    persons = [e for e in ix.entities[i:j] if e.label == "PER" and e.entity]
    if not persons or last in {e.entity for e in persons}:
        return last
    s_start, _ = ix.sentence(persons[-1].start)
    return next(e.entity for e in persons if e.start >= s_start)


def find_quotes(text: str, entities: list[Entity], index: dict[str, dict] | None = None) -> list[Quote]:
    """Quotes in ``text`` in reading order, given the article's entities (for speakers) and,
    to resolve a speaker named by role ("kata Kapolda", "juru bicara itu"), their index."""
    ix = _Index(text, entities)
    found: list[tuple[int, Quote]] = []
    direct = _direct_spans(text)
    covered: list[tuple[int, int]] = []
    for start, end in direct:
        inner = text[start:end]
        statement_end = end - (len(inner) - len(inner.rstrip(" ,")))
        after = _AFTER.match(text[end + 1:end + 60])
        s_start, s_end = ix.sentence(start)
        lead = text[s_start:start - 1]
        if after:
            cue = after.group("cue").lower().split()[0]
            pos = end + 1 + after.end()
            if cue.endswith("nya") or after.group("cue").lower() in ("kata dia", "ujar dia", "kata mereka"):
                phrase = "dia" if cue.endswith("nya") else after.group("cue").split()[-1]
                speaker = _speaker(phrase, None)
                speaker_text = phrase
            else:
                speaker_text, pos = _speaker_after(text, pos, entities)
                ent = ix.within(end + 1 + after.end(), pos)
                speaker = _speaker(speaker_text, ent)
            quote = Quote(start=start, end=statement_end, text=text[start:statement_end], kind="direct",
                          speaker=speaker, speaker_text=speaker_text, cue=cue, channel=_channel(text, pos))
        elif lead.strip() and len(inner.split()) <= 8 and not lead.rstrip().endswith(":") \
                and not _CLAUSE.search(lead):
            continue  # a quoted title or term ("dengan tema “Musik Generasi Baru”"), not speech
        elif lead.strip() and len(inner.split()) <= 8 and not lead.rstrip().endswith(":"):
            # A quoted phrase inside reported speech: "menyatakan “keprihatinan serius”".
            cue_m = list(_CLAUSE.finditer(lead))
            quote = Quote(start=start, end=statement_end, text=text[start:statement_end], kind="partial",
                          cue=cue_m[-1].group("cue") if cue_m else None)
            subject = lead[:cue_m[-1].start()].strip() if cue_m else ""
            ent = ix.within(s_start, s_start + len(subject)) if subject else None
            quote.speaker = _speaker(None, ent) if ent else None
            quote.speaker_text = ent.text if ent else None
        else:
            # "X mengatakan: “…”" or a quote standing alone after the last speaker.
            cue_m = list(_CLAUSE.finditer(lead))
            ent = ix.within(s_start, start)
            quote = Quote(start=start, end=statement_end, text=text[start:statement_end], kind="direct",
                          cue=cue_m[-1].group("cue") if cue_m else None,
                          speaker=_speaker(None, ent) if ent else _FOLLOW,
                          speaker_text=ent.text if ent else None)
        if quote.text.strip():
            found.append((start, quote))
            covered.append((start - 1, end + 1))
    found.extend(_indirect(text, ix, covered))
    found.sort(key=lambda f: f[0])
    ordered = [q for _, q in found]
    if index:
        _resolve_roles(ordered, ix, index)
    _resolve_in_order(ordered, ix, text)
    return ordered


_ROLE_HEAD = re.compile(r"^(?:sang|pak|bu|bapak|ibu)\s+", re.IGNORECASE)
_ROLE_TAIL = re.compile(r"\s+(?:itu|tersebut|juga|pun|ini)$", re.IGNORECASE)


def _resolve_roles(quotes: list[Quote], ix: "_Index", index: dict[str, dict]) -> None:
    """A speaker written as a role alone ("Kapolda", "juru bicara itu") is the last person named
    before the quote whose role that is."""
    for q in quotes:
        if q.speaker is not None or not q.speaker_text:
            continue
        role = _ROLE_HEAD.sub("", _ROLE_TAIL.sub("", q.speaker_text.strip())).lower()
        if not role or len(role.split()) > 4 or role in V.PRONOUNS:
            continue
        for e in reversed(ix.entities[:bisect.bisect_left(ix.starts, q.start)]):
            titles = [(r.get("title") or "").lower() for r in (index.get(e.entity) or {}).get("roles") or []]
            if e.label == "PER" and any(t == role or t.split()[:len(role.split())] == role.split() for t in titles if t):
                q.speaker = e.entity
                break


_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]{0,7})$")


def _abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` closes a degree or an initial rather than a sentence."""
    if text[dot] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, dot - 8), dot)
    if not m:
        return False
    word = m.group(1).replace(".", "").upper()
    return word in V.DEGREES or (len(word) == 1 and text[dot - 1].isupper())


def _not_subject(part: str) -> bool:
    """A comma-separated part before a speech verb that cannot be its speaker: a degree
    ("MM", "S.Pd"), a date or time ("Minggu (1/12/2024)"), an adverbial ("dalam pidatonya")."""
    words = part.split()
    if not words:
        return True
    if all(re.sub(r"[.\s]", "", w).upper() in V.DEGREES for w in words):
        return True
    first = words[0].lower()
    return first in V.NOT_SUBJECT_OPENERS or first[0] in "(0123456789"


def _subject(text: str, s_start: int, verb: int, ix: "_Index") -> tuple[int, int]:
    """(start, end) of the speaker before a speech verb: the last comma-separated part that
    can be a speaker, or an earlier one naming a person when that part names none
    ("Dandi, Pemilik showroom Akar, Kecamatan Jepara mengaku"). A leading time phrase is
    never the speaker ("Pada Jumat …, Menteri X mengatakan")."""
    parts, pos = [], s_start
    for piece in re.split(r"(,)", text[s_start:verb]):
        if piece != ",":
            lead = len(piece) - len(piece.lstrip())
            parts.append((pos + lead, pos + len(piece.rstrip())))
        pos += len(piece)
    parts = [(a, b) for a, b in parts if b > a]
    while len(parts) > 1 and _not_subject(text[parts[-1][0]:parts[-1][1]]):
        parts.pop()
    if not parts:
        return verb, verb
    last = parts[-1]
    if _not_subject(text[last[0]:last[1]]) and not ix.within(last[0], last[1], ("PER", "ORG")):
        return verb, verb
    said = text[last[0]:last[1]]
    # Look further back only when this part is no name the recogniser missed: it names a place
    # or a body, or opens in lower case ("Dandi, pemilik bengkel X, Kecamatan Jepara mengaku").
    other = ix.within(last[0], last[1], ("ORG", "GPE", "LOC", "FAC"))
    if ix.within(last[0], last[1], ("PER",)) is None and (other is not None or said[:1].islower()) \
            and said.lower() not in V.PRONOUNS and said.lower().split()[0] not in V.GROUP_HEADS:
        for a, b in reversed(parts[-3:-1]):
            if ix.within(a, b, ("PER",)) is not None:
                return a, b
    return last


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies in one of ``spans`` (sorted, not overlapping)."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _indirect(text: str, ix: _Index, covered):
    covered = sorted(covered)
    entities = ix.entities
    out = []
    for m in _CLAUSE.finditer(text):
        if _inside(covered, m.start()):
            continue
        s_start, s_end = ix.sentence(m.start())
        rest_start = m.end()
        rest = text[rest_start:s_end]
        addressee = re.match(r"\s*(?:kepada\s+(?:wartawan|awak\s+media|media|pers|[A-Z]\w+(?:\s+[A-Z]\w+)*)"
                             r"|dalam\s+[\w\s]{3,40}?(?=\s+bahwa)|di\s+[A-Z][\w\s]{2,40}?(?=\s+bahwa))", rest)
        skip = addressee.end() if addressee else 0
        bahwa = re.match(r"\s*,?\s*bahwa\s+", rest[skip:])
        cue = m.group("cue")
        if bahwa:
            body = rest_start + skip + bahwa.end()
        elif cue in V.NEED_BAHWA:
            continue
        else:
            lead = re.match(r"\s*,?\s*", rest[skip:])
            body = rest_start + skip + lead.end()
        end = s_end
        while end > body and text[end - 1] in ".!? \n":
            end -= 1
        # "…, menurut kantor berita Yonhap." names a source, not part of the statement.
        source = None
        tail = re.search(r",\s*menurut\s+([^,.]+)$", text[body:end])
        if tail:
            source = tail.group(1).strip()
            end = body + tail.start()
        statement = text[body:end]
        if len(statement.split()) < 3 or _inside(covered, body) or statement.lstrip().startswith(tuple(_OPEN)):
            continue
        subject_start, subject_end = _subject(text, s_start, m.start(), ix)
        subject_text = text[subject_start:subject_end]
        ent = ix.within(subject_start, subject_end)
        if ent is not None:  # "Putin awal pekan ini": the speaker ends with the name
            # An entity that runs back over the comma cut ("Badan …, dan Geofisika (BMKG)") is whole.
            subject_start = min([subject_start] + [e.start for e in entities
                                                  if e.start < subject_start < e.end])
            who_end = ent.end + (1 if text[ent.end:ent.end + 1] == ")" else 0)
            subject_text = text[subject_start:who_end].strip(" ,") or subject_text
        subject_text = subject_text.strip()
        speaker = _speaker(subject_text, ent)
        quote = Quote(start=body, end=end, text=statement, kind="indirect", speaker=speaker,
                      speaker_text=subject_text or None, cue=cue,
                      channel=addressee.group().strip().split(None, 1)[-1] if addressee else None)
        quote.source = source
        out.append((body, quote))
    for m in _MENURUT.finditer(text):
        s_start, s_end = ix.sentence(m.start())
        if m.start() - s_start > 3 or _inside(covered, m.start()):
            continue  # only a sentence that opens with "Menurut X, …"
        comma = text.find(",", m.end(), s_end)
        if comma < 0:
            continue
        who = text[m.end():comma].strip() or ("-nya" if m.group().endswith("nya") else "")
        body = comma + 1 + (len(text[comma + 1:]) - len(text[comma + 1:].lstrip()))
        if _inside(covered, body) or text[body:body + 1] in _OPEN:
            continue  # "Menurut X, “…,” ucapnya": the direct quote already holds the statement
        end = s_end
        while end > body and text[end - 1] in ".!? \n":
            end -= 1
        ent = ix.within(m.end(), comma)
        out.append((body, Quote(start=body, end=end, text=text[body:end], kind="indirect",
                                speaker=_speaker(who, ent), speaker_text=who, cue="menurut")))
    return out

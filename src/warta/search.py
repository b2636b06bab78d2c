"""Search over the store, backend-neutral: queries parsed into stems, snippets from warta's
own offsets, results shaped for every interface.

The store runs the engine (FTS5 on SQLite, tsquery on PostgreSQL) from the parsed query;
nothing here writes SQL.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .anatomy.outlets import outlet_name
from .errors import QueryError
from .query import Filters, ParsedQuery, Term, parse_query
from .stemming import WORD, stem_word

SNIPPET_CHARS = 220

__all__ = ["search", "list_stories", "timeline", "top_entities", "entity_profile", "search_quotes", "list_events",
           "plover_events", "snippet", "parse_query", "ParsedQuery", "Term"]


def _filters(outlet=None, date_from=None, date_to=None, entity=None, label=None) -> Filters:
    return Filters.read(outlet=outlet_name(outlet) if outlet else None, date_from=date_from,
                        date_to=date_to, entity=entity, label=label)


def snippet(text: str, stems: set[str], prefixes: list[str], size: int = SNIPPET_CHARS
            ) -> tuple[str, list[tuple[int, int]]]:
    """The passage of ``text`` with the most query hits, and the hits' offsets in it."""
    # Affixes keep a stem's letters but may change its first one (meN-: sapu -> menyapu), so
    # only words holding the rest of a query stem are worth stemming.
    cores = [s[1:] for s in stems]

    def hit(w: str) -> bool:
        return (any(c in w for c in cores) and stem_word(w) in stems) or any(w.startswith(p) for p in prefixes)

    hits = [(m.start(), m.end()) for m in WORD.finditer(text) if hit(m.group().lower())]
    best = hits[0][0] if hits else 0
    best_count = 0
    for s, _ in hits:
        count = sum(1 for h, _ in hits if s <= h < s + size - 40)
        if count > best_count:
            best, best_count = s, count
    start = max(0, best - 40)
    if start:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 and best - space < 80 else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + size // 2 else end
    lead = "…" if start > 0 else ""
    # Paragraph and line breaks shown as " ¶" and " ": same lengths, so offsets hold.
    body = text[start:end].replace("\n\n", " ¶").replace("\n", " ")
    marks = [(s - start + len(lead), e - start + len(lead)) for s, e in hits if s >= start and e <= end]
    return lead + body + ("…" if end < len(text) else ""), marks


def search(store, query: str, *, outlet: str | None = None, date_from: str | None = None,
           date_to: str | None = None, limit: int = 20, offset: int = 0, entity: str | None = None,
           label: str | None = None, facets: bool = False, copies: bool = False) -> dict[str, Any]:
    """{"total": N, "rows": [{id, title, outlet, published, snippet, score, highlights, copies,
    also_in}]}, one row per group of copies (its best hit; ``copies``: every copy a row), and
    with ``facets`` the counts of matching articles by outlet, month, entity and entity label."""
    filters = _filters(outlet, date_from, date_to, entity, label)
    parsed = parse_query(query)
    if not parsed:
        return {"total": 0, "rows": [], "note": "the query has no words to search for"}
    found = store.search(parsed, filters, limit=limit, offset=offset, facets=facets, copies=copies)
    stems, prefixes = parsed.highlight_terms()
    rows = []
    for r in found["rows"]:
        text_snip, marks = snippet(r["text"], stems, prefixes)
        rows.append({"id": r["id"], "title": r["title"], "outlet": r["outlet"],
                     "published": r["published"], "snippet": text_snip,
                     "score": round(float(r["score"]), 4), "highlights": marks,
                     "copies": r.get("copies", []), "also_in": r.get("also_in", [])})
    result = {"total": found["total"], "rows": rows}
    if facets:
        result["facets"] = found["facets"]
    return result


EVENT_STATUSES = ("asserted", "intended", "hypothetical", "negated")


def list_events(store, *, type: str | None = None, actor: str | None = None, target: str | None = None,
                entity: str | None = None, limit: int = 100, status: str | None = "asserted") -> dict[str, Any]:
    """Stored events, newest first, filtered by PLOVER type, actor or target entity key, an
    entity (any of its names) as actor or target, and status: by default the events that
    happened (asserted), as PLOVER codes them; ``None`` for planned, possible and denied ones
    too. Each comes with the names and its sentence."""
    if status is not None and status not in EVENT_STATUSES:
        raise ValueError(f"status: {status!r} is not one of {', '.join(EVENT_STATUSES)} (or 'any')")
    key = None
    if entity:
        from .ids import slug

        key = store.entity_key(slug(entity), alias=entity)
        if key is None:
            return {"total": 0, "rows": [], "per_day": []}
    result = store.events(type=type, actor=actor, target=target, entity=key, limit=limit, status=status)
    for row in result["rows"]:
        text = row.pop("text")
        start = row.pop("trigger_start")
        row["sentence"] = _sentence_at(text, start, size=400) if start is not None else None
    return result


def timeline(store, query: str | None = None, *, outlet: str | None = None,
             date_from: str | None = None, date_to: str | None = None, limit: int = 50) -> dict[str, Any]:
    """Dated time expressions across articles, in date order: when things happened.

    Only expressions resolved to a day (DATE or TIME values starting YYYY-MM-DD) are listed;
    ``query`` restricts them to articles matching a full-text search.
    """
    filters = _filters(outlet, date_from, date_to)
    parsed = None
    if query:
        parsed = parse_query(query)
        if not parsed:
            return {"total": 0, "rows": []}
    found = store.timeline(parsed, filters, limit=limit)
    rows = [{"date": r["day"], "value": r["value"], "expression": r["expression"], "id": r["id"],
             "title": r["title"], "outlet": r["outlet"], "published": r["published"],
             "context": _sentence_at(r["text"], r["start"])} for r in found["rows"]]
    return {"total": found["total"], "rows": rows}


def _sentence_at(text: str, offset: int, size: int = 200) -> str:
    """The sentence-ish stretch of ``text`` around ``offset``."""
    start = max(text.rfind(". ", 0, offset), text.rfind("\n", 0, offset))
    start = start + 1 if start >= 0 else 0
    end = min([i for i in (text.find(". ", offset), text.find("\n", offset)) if i >= 0] or [len(text)])
    piece = text[start:end + 1].strip()
    return piece if len(piece) <= size else piece[:size].rsplit(" ", 1)[0] + "…"


def top_entities(store, *, label: str | None = None, top: int = 20) -> list[dict[str, Any]]:
    """The entities named in most articles, with mention counts."""
    return store.top_entities(label=label, top=top)


def _without_title(name: str) -> str | None:
    """``name`` without the title before it ("Presiden Joko Widodo" -> "Joko Widodo"), if any."""
    from .nlp.entities import title_re

    lead = title_re().match(name.strip())
    rest = name.strip()[lead.end():].strip() if lead else ""
    return rest or None


def entity_profile(store, name: str, *, limit: int = 20) -> dict[str, Any] | None:
    """Everything stored about one entity: mentions over time, co-occurring entities, roles,
    aliases. ``name``: a key, a name or any alias, with or without a title before it."""
    from .ids import slug

    found = store.entity(slug(name), alias=name, limit=limit)
    if found is None and _without_title(name):
        found = store.entity(slug(_without_title(name)), alias=_without_title(name), limit=limit)
    return found


def search_quotes(store, query: str | None = None, *, speaker: str | None = None,
                  limit: int = 20) -> dict[str, Any]:
    """Quotes by text (stemmed full-text search) and/or speaker (name, alias or key)."""
    from .ids import slug

    parsed = None
    if query:
        parsed = parse_query(query)
        if not parsed:
            return {"total": 0, "rows": []}
    return store.quotes(parsed, speaker_key=slug(speaker) if speaker else None, speaker=speaker, limit=limit)


def plover_events(store) -> Iterator[dict[str, Any]]:
    """Every stored event as a PLOVER-style JSON object, with its source sentence."""
    for rec in store.event_records():
        index, sentences, text = rec.get("entity_index") or {}, rec.get("sentences") or [], rec["text"]
        for n, e in enumerate(rec.get("events") or []):
            s = e.get("sentence")
            sentence = text[sentences[s][0]:sentences[s][1]] if s is not None and s < len(sentences) else None
            yield {"event_id": f"{rec['id']}-{n}", "event_type": e["type"], "mode": e.get("mode"),
                   "actor": e.get("actor"), "actor_name": (index.get(e.get("actor")) or {}).get("name"),
                   "actor_text": e.get("actor_text"),
                   "actor_country": e.get("actor_country"), "recipient": e.get("target"),
                   "recipient_name": (index.get(e.get("target")) or {}).get("name"),
                   "event_date": e.get("when"), "location": e.get("where"), "status": e.get("status"),
                   "confidence": e.get("confidence"), "trigger": (e.get("trigger") or {}).get("text"),
                   "source": {"article_id": rec["id"], "url": rec.get("url"), "outlet": rec.get("outlet"),
                              "published": rec.get("published"), "sentence": sentence, "language": "id"}}


def find_entity(store, name: str) -> str | None:
    """The corpus key of the entity named ``name`` (a key, a name or any alias)."""
    from .ids import slug

    key = store.entity_key(slug(name), alias=name)
    if key is None and _without_title(name):
        key = store.entity_key(slug(_without_title(name)), alias=_without_title(name))
    return key


def merge_entities(store, keep: str, other: str) -> dict[str, Any]:
    """Join the entity ``other`` into ``keep`` (each a key, name or alias), for good."""
    a, b = find_entity(store, keep), find_entity(store, other)
    for name, key in ((keep, a), (other, b)):
        if key is None:
            raise QueryError(f"{name}: no such entity")
    if a == b:
        raise QueryError(f"{keep} and {other}: one entity already ({a})")
    labels = [(store.entity(k, alias=None, limit=1) or {}).get("label") for k in (a, b)]
    result = store.correct("merge", a, b)
    if labels[0] != labels[1]:
        result["warning"] = f"{a} is {labels[0]} and {b} is {labels[1]}: merged as told"
    return result


def split_entity(store, name: str, form: str) -> dict[str, Any]:
    """Keep the written form ``form`` apart from the entity ``name``, for good."""
    key = find_entity(store, name)
    if key is None:
        raise QueryError(f"{name}: no such entity")
    profile = store.entity(key, alias=None, limit=1)
    written = {" ".join(a["text"].split()).casefold() for a in profile["aliases"]}
    if " ".join(form.split()).casefold() not in written:
        raise QueryError(f"{form}: not a form of {profile['name']} ({key}); its forms: "
                         + ", ".join(a["text"] for a in profile["aliases"][:10]))
    if " ".join(form.split()).casefold() == profile["name"].casefold():
        raise QueryError(f"{form}: the name of {key} itself; split another form, or merge")
    return store.correct("split", key, " ".join(form.split()))


def list_stories(store, *, date_from: str | None = None, date_to: str | None = None, entity: str | None = None,
                 outlet: str | None = None, limit: int = 20, order: str = "recent") -> dict[str, Any]:
    """{"total": N, "stories": [{id, title, articles, outlets, first, last, size, ...}]}; ``entity``
    is a name, alias or key (an unknown one matches no story)."""
    key = None
    if entity:
        key = find_entity(store, entity)
        if key is None:
            return {"total": 0, "stories": [], "note": f"no entity called {entity!r}"}
    filters = _filters(outlet, date_from, date_to, key)
    return store.stories(filters, limit=limit, order=order)

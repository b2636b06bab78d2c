"""Full-text search over the store: safe query parsing, filters, BM25 ranking, snippets.

A user's query never reaches FTS5 as written. It is read as words, "phrases", prefix*,
-excluded words, OR and NOT; every word is stemmed exactly as the index was, and the MATCH
expression is rebuilt from quoted stems, so no input can be an FTS5 syntax error.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .anatomy.outlets import outlet_name
from .errors import QueryError
from .stemming import WORD, stem_word, words

# Title hits weigh more than body hits.
TITLE_WEIGHT, TEXT_WEIGHT = 4.0, 1.0
SNIPPET_CHARS = 220
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass
class Term:
    stems: list[str]
    prefix: bool = False

    def fts(self) -> str:
        return '"' + " ".join(self.stems) + '"' + ("*" if self.prefix else "")


@dataclass
class ParsedQuery:
    # Each clause is a list of alternatives joined by OR; clauses are joined by AND.
    clauses: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    def match(self) -> str | None:
        """The FTS5 MATCH expression, or None when nothing positive is asked for."""
        if not self.clauses:
            return None
        expr = " AND ".join("(" + " OR ".join(t.fts() for t in c) + ")" for c in self.clauses)
        if self.excluded:
            expr = f"({expr}) NOT (" + " OR ".join(t.fts() for t in self.excluded) + ")"
        return expr

    def highlight_terms(self) -> tuple[set[str], list[str]]:
        stems, prefixes = set(), []
        for clause in self.clauses:
            for term in clause:
                (prefixes.append(term.stems[-1]) if term.prefix else None)
                stems.update(term.stems[:-1] if term.prefix else term.stems)
        return stems, prefixes


def parse_query(query: str) -> ParsedQuery:
    """Read a user's query; never raises on odd syntax."""
    parsed = ParsedQuery()
    negate = join_or = False
    for m in _TOKEN.finditer(query or ""):
        minus, phrase, bare = m.groups()
        if bare is not None:
            if bare.upper() in ("OR", "|"):
                join_or = bool(parsed.clauses)
                continue
            if bare.upper() in ("AND", "&", "NEAR"):
                continue
            if bare.upper() == "NOT":
                negate = True
                continue
            minus = "-" if bare.startswith("-") else ""
            prefix = bare.rstrip(")").endswith("*")
            ws = words(bare)
        else:
            prefix = False
            ws = words(phrase)
        if not ws:
            continue
        stems = [stem_word(w) for w in ws[:-1]] + [ws[-1] if prefix else stem_word(ws[-1])]
        term = Term(stems=stems, prefix=prefix)
        if minus or negate:
            parsed.excluded.append(term)
        elif join_or:
            parsed.clauses[-1].append(term)
        else:
            parsed.clauses.append([term])
        negate = join_or = False
    return parsed


def _date_bound(value: str | None, end: bool) -> str | None:
    """'2023', '2023-09' or '2023-09-15' as an inclusive bound on ISO dates."""
    if not value:
        return None
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}", value):
            return f"{value}-12-31" if end else f"{value}-01-01"
        if re.fullmatch(r"\d{4}-\d{2}", value):
            dt.date(int(value[:4]), int(value[5:]), 1)
            return f"{value}-31" if end else f"{value}-01"
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise QueryError(f"date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD") from None


def _filters(where: list[str], params: dict[str, Any], outlet: str | None, date_from: str | None,
             date_to: str | None, date_column: str, entity: str | None = None,
             label: str | None = None) -> None:
    """Add the outlet, date-range, entity and entity-label conditions shared by every search."""
    if entity:
        where.append("a.pk IN (SELECT article_pk FROM mentions WHERE entity_key = :entity)")
        params["entity"] = entity
    if label:
        where.append("a.pk IN (SELECT article_pk FROM mentions WHERE label = :label)")
        params["label"] = label.upper()
    if outlet:
        where.append("a.outlet = :outlet COLLATE NOCASE")
        params["outlet"] = outlet_name(outlet)
    if (lo := _date_bound(date_from, end=False)) is not None:
        where.append(f"{date_column} >= :date_from")
        params["date_from"] = lo
    if (hi := _date_bound(date_to, end=True)) is not None:
        where.append(f"{date_column} <= :date_to")
        params["date_to"] = hi


def search_sql(query: str, *, outlet: str | None = None, date_from: str | None = None,
               date_to: str | None = None, limit: int = 20, offset: int = 0,
               entity: str | None = None, label: str | None = None
               ) -> tuple[str, str, dict[str, Any]] | None:
    """(rows SQL, count SQL, parameters) for a search, or None if the query has no terms."""
    match = parse_query(query).match()
    if match is None:
        return None
    where = ["articles_fts MATCH :match"]
    params: dict[str, Any] = {"match": match, "limit": max(0, int(limit)),
                              "offset": max(0, int(offset))}
    _filters(where, params, outlet, date_from, date_to, "a.published", entity, label)
    base = "FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid WHERE " + " AND ".join(where)
    rows = (f"SELECT a.id, a.title, a.outlet, a.published, a.text, "
            f"bm25(articles_fts, {TITLE_WEIGHT}, {TEXT_WEIGHT}) AS rank {base} "
            "ORDER BY rank LIMIT :limit OFFSET :offset")
    return rows, f"SELECT count(*) {base}", params


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
           label: str | None = None, facets: bool = False) -> dict[str, Any]:
    """{"total": N, "rows": [{id, title, outlet, published, snippet, score, highlights}]}, and
    with ``facets`` the counts of matching articles by outlet, month, entity and entity label."""
    built = search_sql(query, outlet=outlet, date_from=date_from, date_to=date_to,
                       limit=limit, offset=offset, entity=entity, label=label)
    if built is None:
        return {"total": 0, "rows": [], "note": "the query has no words to search for"}
    rows_sql, count_sql, params = built
    total = store.query(count_sql, {k: v for k, v in params.items() if k not in ("limit", "offset")})[0][0]
    stems, prefixes = parse_query(query).highlight_terms()
    rows = []
    for r in store.query(rows_sql, params):
        text_snip, marks = snippet(r["text"], stems, prefixes)
        rows.append({"id": r["id"], "title": r["title"], "outlet": r["outlet"],
                     "published": r["published"], "snippet": text_snip,
                     "score": round(-r["rank"], 4), "highlights": marks})
    result = {"total": total, "rows": rows}
    if facets:
        result["facets"] = _facets(store, count_sql, {k: v for k, v in params.items() if k not in ("limit", "offset")})
    return result


def _facets(store, count_sql: str, params: dict[str, Any], top: int = 10) -> dict[str, list[dict]]:
    """Counts over the whole matching set, from the count query's FROM/WHERE."""
    base = count_sql.split("count(*) ", 1)[1]
    matching = f"SELECT a.pk {base}"
    q = store.query
    return {
        "outlet": [dict(r) for r in q(f"SELECT a.outlet AS value, count(*) AS n {base} GROUP BY a.outlet "
                                      "ORDER BY n DESC LIMIT :top", {**params, "top": top})],
        "month": [dict(r) for r in q(f"SELECT substr(a.published, 1, 7) AS value, count(*) AS n {base} "
                                     "GROUP BY value ORDER BY value", params)],
        "entity": [dict(r) for r in q(
            "SELECT m.entity_key AS value, e.name AS name, e.label AS label, count(DISTINCT m.article_pk) AS n "
            f"FROM mentions m JOIN entities e ON e.key = m.entity_key WHERE m.article_pk IN ({matching}) "
            "GROUP BY m.entity_key ORDER BY n DESC, e.name LIMIT :top", {**params, "top": top})],
        "label": [dict(r) for r in q(
            "SELECT m.label AS value, count(DISTINCT m.article_pk) AS n FROM mentions m "
            f"WHERE m.article_pk IN ({matching}) GROUP BY m.label ORDER BY n DESC", params)],
    }


def list_events(store, *, type: str | None = None, actor: str | None = None, target: str | None = None,
                limit: int = 100) -> dict[str, Any]:
    """Stored events, newest first, filtered by PLOVER type and actor or target entity key."""
    where, params = [], {"limit": max(0, int(limit))}
    for column, value in (("type", type and type.upper()), ("actor", actor), ("target", target)):
        if value:
            where.append(f"ev.{column} = :{column}")
            params[column] = value
    base = "FROM events ev JOIN articles a ON a.pk = ev.article_pk" + (" WHERE " + " AND ".join(where) if where else "")
    total = store.query(f"SELECT count(*) {base}", {k: v for k, v in params.items() if k != "limit"})[0][0]
    rows = store.query(f'SELECT ev.type, ev.mode, ev.actor, ev.target, ev."where", ev."when", ev.trigger_text, '
                       f"a.id, a.title, a.published {base} ORDER BY coalesce(ev.\"when\", a.published) DESC "
                       "LIMIT :limit", params)
    per_day = store.query(f'SELECT substr(coalesce(ev."when", a.published), 1, 10) AS day, count(*) AS n {base} '
                          "GROUP BY day ORDER BY day", {k: v for k, v in params.items() if k != "limit"})
    return {"total": total, "rows": [dict(r) for r in rows], "per_day": [dict(r) for r in per_day]}


def timeline(store, query: str | None = None, *, outlet: str | None = None,
             date_from: str | None = None, date_to: str | None = None, limit: int = 50) -> dict[str, Any]:
    """Dated time expressions across articles, in date order: when things happened.

    Only expressions resolved to a day (DATE or TIME values starting YYYY-MM-DD) are listed;
    ``query`` restricts them to articles matching a full-text search.
    """
    where = ["t.value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"]
    params: dict[str, Any] = {"limit": max(0, int(limit))}
    if query:
        match = parse_query(query).match()
        if match is None:
            return {"total": 0, "rows": []}
        where.append("t.article_pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match)")
        params["match"] = match
    _filters(where, params, outlet, date_from, date_to, "substr(t.value, 1, 10)")
    base = "FROM times t JOIN articles a ON a.pk = t.article_pk WHERE " + " AND ".join(where)
    total = store.query(f"SELECT count(*) {base}", {k: v for k, v in params.items() if k != "limit"})[0][0]
    rows = []
    for r in store.query(f"SELECT substr(t.value, 1, 10) AS day, t.value, t.text AS expression, t.start, "
                         f"a.id, a.title, a.outlet, a.published, a.text {base} "
                         "ORDER BY day, a.published, t.start LIMIT :limit", params):
        rows.append({"date": r["day"], "value": r["value"], "expression": r["expression"],
                     "id": r["id"], "title": r["title"], "outlet": r["outlet"],
                     "published": r["published"], "context": _sentence_at(r["text"], r["start"])})
    return {"total": total, "rows": rows}


def _sentence_at(text: str, offset: int, size: int = 200) -> str:
    """The sentence-ish stretch of ``text`` around ``offset``."""
    start = max(text.rfind(". ", 0, offset), text.rfind("\n", 0, offset))
    start = start + 1 if start >= 0 else 0
    end = min([i for i in (text.find(". ", offset), text.find("\n", offset)) if i >= 0] or [len(text)])
    piece = text[start:end + 1].strip()
    return piece if len(piece) <= size else piece[:size].rsplit(" ", 1)[0] + "…"


def top_entities(store, *, label: str | None = None, top: int = 20) -> list[dict[str, Any]]:
    """The entities named in most articles, with mention counts."""
    where, params = "", {"top": max(0, int(top))}
    if label:
        where = "WHERE e.label = :label"
        params["label"] = label.upper()
    rows = store.query(
        "SELECT e.key, e.name, e.label, e.country, count(*) AS mentions, "
        "count(DISTINCT m.article_pk) AS articles FROM mentions m JOIN entities e ON e.key = m.entity_key "
        f"{where} GROUP BY e.key ORDER BY articles DESC, mentions DESC, e.name LIMIT :top", params)
    return [dict(r) for r in rows]


def entity_profile(store, name: str, *, limit: int = 20) -> dict[str, Any] | None:
    """Everything stored about one entity: mentions over time, co-occurring entities, roles, aliases."""
    import json as _json

    from .nlp.canonical import slug

    key = slug(name)
    row = store.query("SELECT key, name, label, country FROM entities WHERE key = :k", {"k": key})
    if not row:  # an alias: the entity most often written this way
        row = store.query("SELECT e.key, e.name, e.label, e.country FROM mentions m JOIN entities e "
                          "ON e.key = m.entity_key WHERE m.text = :t COLLATE NOCASE "
                          "GROUP BY e.key ORDER BY count(*) DESC LIMIT 1", {"t": name})
    if not row:
        return None
    entity = dict(row[0])
    key = entity["key"]
    per_day = store.query("SELECT a.published AS date, count(DISTINCT a.pk) AS articles, count(*) AS mentions "
                          "FROM mentions m JOIN articles a ON a.pk = m.article_pk WHERE m.entity_key = :k "
                          "GROUP BY a.published ORDER BY a.published", {"k": key})
    together = store.query(
        "SELECT e.key, e.name, e.label, count(DISTINCT o.article_pk) AS articles FROM mentions o "
        "JOIN entities e ON e.key = o.entity_key WHERE o.article_pk IN "
        "(SELECT article_pk FROM mentions WHERE entity_key = :k) AND o.entity_key != :k "
        "GROUP BY e.key ORDER BY articles DESC, e.name LIMIT :n", {"k": key, "n": limit})
    aliases = store.query("SELECT text, count(*) AS n FROM mentions WHERE entity_key = :k "
                          "GROUP BY text ORDER BY n DESC", {"k": key})
    roles: dict[tuple, int] = {}
    articles = []
    for r in store.query("SELECT a.id, a.title, a.outlet, a.published, a.record FROM articles a WHERE a.pk IN "
                         "(SELECT article_pk FROM mentions WHERE entity_key = :k) ORDER BY a.published DESC",
                         {"k": key}):
        info = (_json.loads(r["record"]).get("entity_index") or {}).get(key) or {}
        for role in info.get("roles") or []:
            ident = (role.get("title"), role.get("of"))
            roles[ident] = roles.get(ident, 0) + 1
        if len(articles) < limit:
            articles.append({"id": r["id"], "title": r["title"], "outlet": r["outlet"], "published": r["published"]})
    return {**entity, "aliases": [{"text": a["text"], "mentions": a["n"]} for a in aliases],
            "roles": [{"title": t, "of": o, "articles": n} for (t, o), n in sorted(roles.items(), key=lambda x: -x[1])],
            "timeline": [dict(r) for r in per_day], "cooccurring": [dict(r) for r in together],
            "articles": articles}


def search_quotes(store, query: str | None = None, *, speaker: str | None = None,
                  limit: int = 20) -> dict[str, Any]:
    """Quotes by text (stemmed full-text search) and/or speaker (name, alias or key)."""
    from .nlp.canonical import slug

    where, params = [], {"limit": max(0, int(limit))}
    if query:
        match = parse_query(query).match()
        if match is None:
            return {"total": 0, "rows": []}
        where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :match)")
        params["match"] = match
    if speaker:
        where.append("(q.speaker = :key OR q.speaker IN (SELECT entity_key FROM mentions WHERE text = :name "
                     "COLLATE NOCASE) OR q.speaker_text LIKE :like)")
        params.update(key=slug(speaker), name=speaker, like=f"%{speaker}%")
    base = "FROM quotes q JOIN articles a ON a.pk = q.article_pk" + (" WHERE " + " AND ".join(where) if where else "")
    total = store.query(f"SELECT count(*) {base}", {k: v for k, v in params.items() if k != "limit"})[0][0]
    rows = store.query(f"SELECT q.text, q.kind, q.speaker, q.speaker_text, q.cue, q.channel, a.id, a.title, "
                       f"a.outlet, a.published, (SELECT name FROM entities WHERE key = q.speaker) AS speaker_name "
                       f"{base} ORDER BY a.published DESC, q.start LIMIT :limit", params)
    return {"total": total, "rows": [dict(r) for r in rows]}


def plover_events(store) -> Iterator[dict[str, Any]]:
    """Every stored event as a PLOVER-style JSON object, with its source sentence."""
    import json as _json

    for r in store.iter_query("SELECT a.id, a.url, a.outlet, a.published, a.record FROM articles a WHERE a.pk IN "
                              "(SELECT article_pk FROM events) ORDER BY a.published, a.id"):
        rec = _json.loads(r["record"])
        index, sentences, text = rec.get("entity_index") or {}, rec.get("sentences") or [], rec["text"]
        for n, e in enumerate(rec.get("events") or []):
            s = e.get("sentence")
            sentence = text[sentences[s][0]:sentences[s][1]] if s is not None and s < len(sentences) else None
            yield {"event_id": f"{r['id']}-{n}", "event_type": e["type"], "mode": e.get("mode"),
                   "actor": e.get("actor"), "actor_name": (index.get(e.get("actor")) or {}).get("name"),
                   "actor_country": e.get("actor_country"), "recipient": e.get("target"),
                   "recipient_name": (index.get(e.get("target")) or {}).get("name"),
                   "event_date": e.get("when"), "location": e.get("where"), "status": e.get("status"),
                   "confidence": e.get("confidence"), "trigger": (e.get("trigger") or {}).get("text"),
                   "source": {"article_id": r["id"], "url": r["url"], "outlet": r["outlet"],
                              "published": r["published"], "sentence": sentence, "language": "id"}}

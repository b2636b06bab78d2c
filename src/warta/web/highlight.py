"""Article text as HTML with quotes, entities and time expressions marked (all text escaped)."""
from __future__ import annotations

from html import escape
from urllib.parse import quote as urlquote


def _layer(spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Non-overlapping spans, longest first on conflicts."""
    kept: list[tuple[int, int, str, str]] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


def article_html(rec: dict) -> str:
    """The body as paragraphs of escaped text; quotes wrap marks, marks never cross quotes."""
    text = rec.get("text") or ""
    index = rec.get("entity_index") or {}
    quotes = _layer([(q["start"], q["end"], "quote",
                      f'<span class="quote" title="{escape(q.get("speaker_text") or "unattributed")} '
                      f'({escape(q.get("kind") or "")})">') for q in rec.get("quotes") or []])
    marks = []
    for e in rec.get("entities") or []:
        name = (index.get(e.get("entity")) or {}).get("name") or e["text"]
        href = f"/entities/{urlquote(e.get('entity') or '')}"
        marks.append((e["start"], e["end"], "ent",
                      f'<a class="ent {escape(e["label"])}" href="{escape(href)}" title="{escape(name)}">'))
    for t in rec.get("times") or []:
        marks.append((t["start"], t["end"], "time",
                      f'<mark class="time" title="{escape(t["type"])} {escape(str(t.get("value")))}">'))
    marks = [m for m in _layer(marks)
             if not any(q[0] < m[0] < q[1] < m[1] or m[0] < q[0] < m[1] < q[1] for q in quotes)]
    events = []
    for start, end, kind, opening in quotes + marks:
        closing = {"quote": "</span>", "ent": "</a>", "time": "</mark>"}[kind]
        events.append((start, 1 if kind == "quote" else 2, opening))
        events.append((end, -(1 if kind == "quote" else 2), closing))
    # At one position: close inner marks, then quotes; open quotes, then inner marks.
    events.sort(key=lambda e: (e[0], 0 if e[1] == -2 else 1 if e[1] == -1 else 2 if e[1] == 1 else 3))
    out, pos = [], 0
    for at, _, tag in events:
        out.append(escape(text[pos:at]))
        out.append(tag)
        pos = at
    out.append(escape(text[pos:]))
    html = "".join(out)
    return "".join(f"<p>{p}</p>" for p in html.split("\n\n") if p.strip()).replace("\n", "<br>")

"""One key per real-world entity across the corpus: the rules the store's linking follows.

An article's NLP joins the names the article itself connects and those the knowledge base
knows; each such entity has a *local* key ("prabowo" when an article writes only "Prabowo").
The corpus joins more. Every article that joins a written form to an entity of another key
("Prabowo" inside "prabowo-subianto") is evidence; a local key takes the key of the one entity
the evidence points to, and stays its own when it points to none or to several ("Budi" of
"Budi Gunawan" and of "Budi Karya Sumadi"). The evidence only ever comes from joins inside one
article, which keep NLP's never-merge rules, so the corpus never merges two entities that no
article has joined. Corrections by hand win over both: ``merge`` joins two keys, ``split``
keeps one written form apart from an entity.

Pure functions over records and rows; the store runs them inside its write transactions.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from .ids import slug

MERGE, SPLIT = "merge", "split"
CORPUS = "corpus"  # how a link was made: by the corpus's evidence, or by a ``merge`` correction
# Evidence a one-word person's name needs before it joins a full name across articles: a
# given name is shared by many people, and one article joining it proves little.
ONE_WORD_SUPPORT = 2


def norm(form: str) -> str:
    return " ".join(form.split()).casefold()


def evidence(record: dict[str, Any]) -> set[tuple[str, str, str]]:
    """(form, key, label) for every written form this article joined to an entity whose key is
    not the form's own: the form "Jokowi" of "joko-widodo", "Prabowo" of "prabowo-subianto"."""
    found = set()
    for e in record.get("entities") or []:
        key = e.get("entity")
        form = slug(e["text"])
        if key and form != key:
            found.add((form, key, e["label"]))
    return found


def label_counts(record: dict[str, Any]) -> dict[str, Counter]:
    """How often the article's mentions of each local key carry each label."""
    counts: dict[str, Counter] = {}
    for e in record.get("entities") or []:
        if e.get("entity"):
            counts.setdefault(e["entity"], Counter())[e["label"]] += 1
    return counts


def local_labels(record: dict[str, Any]) -> dict[str, str]:
    """The label of each local key of the article (its mentions' most frequent)."""
    return {k: c.most_common(1)[0][0] for k, c in label_counts(record).items()}


def decide(local: str, label: str, candidates: dict[str, int], final: Callable[[str], str],
           forbidden: set[str]) -> str | None:
    """The key ``local`` links to, or None for its own.

    ``candidates``: key -> articles that joined the form ``local`` to that key (same label);
    ``final``: a key's own current resolution; ``forbidden``: keys a split keeps it from."""
    support: Counter = Counter()
    for key, n in candidates.items():
        target = final(key)
        if target != local and target not in forbidden and key not in forbidden:
            support[target] += n
    if len(support) != 1:
        return None  # none, or ambiguous: several entities go by this name
    (target, n), = support.items()
    if label == "PER" and "-" not in local and n < ONE_WORD_SUPPORT:
        return None
    return target


def rekey(record: dict[str, Any], links: dict[str, str], names: dict[str, dict[str, Any]],
          splits: Iterable[tuple[str, str]] = ()) -> dict[str, Any]:
    """``record`` with corpus keys: each local key replaced by the key it links to (``links``,
    absent = itself), entity_index entries of one entity merged under its corpus ``names``
    entry, and each split form (key, written form) given its own entity."""
    index = record.get("entity_index") or {}
    split_forms: dict[str, set[str]] = {}
    for key, form in splits:
        split_forms.setdefault(key, set()).add(norm(form))
    if not index or not (any(k in links for k in index) or split_forms):
        return record
    out = dict(record)
    target = {k: links.get(k, k) for k in index}
    entities, new_index, split_names = [], {}, {}
    for e in record.get("entities") or []:
        key = target.get(e.get("entity"), e.get("entity"))
        if key in split_forms and norm(e["text"]) in split_forms[key]:
            split_names[key + "\0" + norm(e["text"])] = " ".join(e["text"].split())
            key = _split_key(e["text"], key)
        entities.append({**e, "entity": key})
    for old, entry in index.items():
        new = target[old]
        corpus = names.get(new) or {}
        name = corpus.get("name") or entry.get("name") if new != old else entry.get("name")
        merged = new_index.setdefault(new, {**entry, "name": name, "mentions": 0, "aliases": [],
                                            "roles": [], "country": entry.get("country")})
        if new != old:
            merged.setdefault("linked", [])
            if old not in merged["linked"]:
                merged["linked"].append(old)
        for alias in ([entry.get("name")] if entry.get("name") != merged["name"] else []) + list(entry.get("aliases") or []):
            if alias and alias != merged["name"] and alias not in merged["aliases"]:
                merged["aliases"].append(alias)
        for role in entry.get("roles") or []:
            if role not in merged["roles"]:
                merged["roles"].append(role)
        merged["country"] = merged.get("country") or entry.get("country")
    for key, forms in split_forms.items():  # a split form is no alias of its old entity any more
        if key in new_index:
            new_index[key]["aliases"] = [a for a in new_index[key]["aliases"] if norm(a) not in forms]
    for marker, written in split_names.items():
        key = _split_key(written, marker.split("\0")[0])
        parent = new_index.get(marker.split("\0")[0], {})
        new_index.setdefault(key, {"name": written, "label": parent.get("label"), "mentions": 0,
                                   "aliases": [], "roles": [], "country": None})
    counts = Counter(e["entity"] for e in entities)
    for key, entry in new_index.items():
        entry["mentions"] = counts.get(key, 0)
    out["entities"] = entities
    out["entity_index"] = {k: v for k, v in new_index.items() if v["mentions"] or k not in split_forms}
    out["quotes"] = [_rekey_quote(q, target, split_forms) for q in record.get("quotes") or []]
    out["events"] = [{**ev, "actor": target.get(ev.get("actor"), ev.get("actor")),
                      "target": target.get(ev.get("target"), ev.get("target"))} for ev in record.get("events") or []]
    return out


def _split_key(written: str, key: str) -> str:
    new = slug(written)
    return new if new != key else f"{new}-split"


def _rekey_quote(q: dict[str, Any], target: dict[str, str], split_forms: dict[str, set[str]]) -> dict[str, Any]:
    speaker = target.get(q.get("speaker"), q.get("speaker"))
    said = norm(q.get("speaker_text") or "")
    for form in split_forms.get(speaker, ()):
        if said == form:  # the speaker written as that form alone ("Kapolri Budi Gunawan" is not "Gunawan")
            return {**q, "speaker": _split_key(form, speaker)}
    return {**q, "speaker": speaker}

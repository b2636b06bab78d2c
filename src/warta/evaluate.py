"""Evaluation: read gold annotations, score what a tagger predicts, print P/R/F1.

Time expressions are scored the TempEval way: strict span match, relaxed (overlapping)
span match, type and value accuracy on relaxed matches, and normalised F1, where a
prediction counts only when its span overlaps a gold span and its value is the gold value.
"""
from __future__ import annotations

import gzip
import html
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from pathlib import Path

from .errors import InputError
from .sources.files import decode_bytes


@dataclass
class GoldDoc:
    name: str
    dct: str | None
    text: str
    times: list[dict] = field(default_factory=list)


_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def _iso(value: str | None) -> str | None:
    """'2013-12-4' -> '2013-12-04'."""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2}).*", value or "")
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else None


def read_timeml(path: Path) -> GoldDoc:
    """One TimeML file: the <TEXT> as plain text, its TIMEX3 spans, and the DCT value."""
    raw, _ = decode_bytes(path.read_bytes(), str(path))
    raw = raw.replace("\r\n", "\n")
    dct = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if body is None:
        raise InputError(str(path), "no <TEXT> element: not a TimeML document")
    text, times, open_timex, pos = [], [], None, 0
    length = 0
    for m in _TAG.finditer(body.group(1)):
        chunk = html.unescape(body.group(1)[pos:m.start()])
        text.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs = m.groups()
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif open_timex:
            start, a = open_timex
            times.append({"start": start, "end": length, "type": a.get("type"), "value": a.get("value")})
            open_timex = None
    text.append(html.unescape(body.group(1)[pos:]))
    full = "".join(text)
    for t in times:
        t["text"] = full[t["start"]:t["end"]]
    return GoldDoc(path.name, _iso(dct.group(1)) if dct else None, full, times)


def _corpus_texts(path: Path) -> dict[str, tuple[str, str | None]]:
    """{id: (text, date)} from a JSONL corpus: warta lines (text) or CLICK-ID rows."""
    from .anatomy.dates import normalise_published

    opener = gzip.open if path.name.endswith(".gz") else open
    out = {}
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            text = row.get("text") or "\n\n".join(row.get("paragraphs_heuristic") or [])
            date = row.get("published") or row.get("date_raw")
            try:
                date = normalise_published(date)
            except ValueError:
                date = None
            out[str(row["id"])] = (text, date)
    return out


def load_docs(data: str | Path, gold: str | Path | None = None) -> list[GoldDoc]:
    """Documents to score: a TimeML folder (annotations inline), or any data with a gold file.

    A gold file is JSONL, one document a line: {"doc", "dct", "times": [{start, end, text, type,
    value}]}; its offsets index the document text as read here.
    """
    data = Path(data)
    if data.is_dir():
        docs = {p.name: read_timeml(p) for p in sorted(data.glob("*.tml"))}
    elif data.exists():
        docs = {k: GoldDoc(k, d, t) for k, (t, d) in _corpus_texts(data).items()}
    else:
        raise InputError(str(data), "no such file or folder")
    if gold is None:
        return list(docs.values())
    picked = []
    for number, line in enumerate(Path(gold).read_text("utf-8").splitlines(), start=1):
        entry = json.loads(line)
        doc = docs.get(entry["doc"])
        if doc is None:
            raise InputError(f"{gold}:{number}", f"document {entry['doc']!r} is not in {data}")
        for t in entry["times"]:
            if doc.text[t["start"]:t["end"]] != t["text"]:
                raise InputError(f"{gold}:{number}", f"span {t['start']}-{t['end']} reads "
                                 f"{doc.text[t['start']:t['end']]!r}, not {t['text']!r}")
        picked.append(GoldDoc(doc.name, entry.get("dct") or doc.dct, doc.text, entry["times"]))
    return picked


def _prf(tp: int, npred: int, ngold: int) -> dict[str, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def score_times(docs: Iterable[GoldDoc], predict: Callable[[str, str | None], list[dict]],
                value_match: Callable[[str | None, str | None], bool] | None = None) -> dict:
    """Strict/relaxed span P/R/F1, type and value accuracy, normalised P/R/F1."""
    same_value = value_match or (lambda pred, gold: pred == gold)
    n_gold = n_pred = strict = relaxed = typed = valued = 0
    for doc in docs:
        gold, pred = doc.times, predict(doc.text, doc.dct)
        n_gold += len(gold)
        n_pred += len(pred)
        spans = {(g["start"], g["end"]) for g in gold}
        strict += sum((p["start"], p["end"]) in spans for p in pred)
        used: set[int] = set()
        for g in gold:
            j = next((j for j, p in enumerate(pred) if j not in used
                      and p["start"] < g["end"] and g["start"] < p["end"]), None)
            if j is None:
                continue
            used.add(j)
            relaxed += 1
            typed += pred[j].get("type") == g["type"]
            valued += same_value(pred[j].get("value"), g["value"])
    return {"gold": n_gold, "predicted": n_pred, "strict": _prf(strict, n_pred, n_gold),
            "relaxed": _prf(relaxed, n_pred, n_gold),
            "type_accuracy": round(typed / relaxed, 4) if relaxed else 0.0,
            "value_accuracy": round(valued / relaxed, 4) if relaxed else 0.0,
            "normalised": _prf(valued, n_pred, n_gold)}


def warta_times(text: str, dct: str | None) -> list[dict]:
    from .nlp.timex import find_times

    return [t.to_dict() for t in find_times(text, dct)]


def read_conllu_texts(path: Path) -> list[str]:
    """The '# text =' line of every sentence in a CoNLL-U file."""
    return [line[len("# text = "):].strip() for line in path.read_text("utf-8").splitlines()
            if line.startswith("# text = ")]


def score_sentences(path: Path, split: Callable[[str], list[tuple[int, int]]], group: int = 10) -> dict:
    """Sentence-boundary P/R/F1: gold sentences joined by spaces into running text, ``group``
    at a time (UD gives no paragraphs), and a predicted sentence counts when its span is exact."""
    sentences = read_conllu_texts(path)
    tp = n_pred = 0
    for i in range(0, len(sentences), group):
        chunk = sentences[i:i + group]
        text, gold, pos = "", set(), 0
        for s in chunk:
            gold.add((pos, pos + len(s)))
            text += s + " "
            pos += len(s) + 1
        pred = split(text.rstrip())
        n_pred += len(pred)
        tp += sum(1 for span in pred if tuple(span) in gold)
    return {"gold": len(sentences), "predicted": n_pred, **_prf(tp, n_pred, len(sentences))}


def read_conll_ner(path: Path) -> list[tuple[list[str], list[str]]]:
    """(tokens, BIO tags) per sentence of a CoNLL file: first column token, last column tag."""
    sentences, words, tags = [], [], []
    for line in path.read_text("utf-8").splitlines():
        cols = line.split()
        if not cols:
            if words:
                sentences.append((words, tags))
            words, tags = [], []
            continue
        words.append(cols[0])
        tags.append(cols[-1])
    if words:
        sentences.append((words, tags))
    return sentences


_NER_MAP = {"PERSON": "PER", "PLACE": "LOC", "ORGANISATION": "ORG", "ORGANIZATION": "ORG",
            "GPE": "LOC", "FAC": "LOC"}


def _bio_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    from .nlp.encoder import bio_spans

    return set(bio_spans([t[:2] + _NER_MAP.get(t[2:], t[2:]) if t != "O" else t for t in tags]))


def _country_names() -> set[str]:
    from .nlp.entities import gazetteer

    return {name for name, (_, _, _, kind) in gazetteer().items() if kind == "country"}


def score_ner(path: Path, tag: Callable[[list[str]], list[str]], skip_countries: bool = False) -> dict:
    """Exact-span P/R/F1 overall and per label (PER, ORG, LOC; GPE and FAC count as LOC).

    ``skip_countries`` leaves spans that are exactly a country name out of gold and prediction
    alike: data sets differ on whether "Israel" in "serangan Israel" is an entity at all."""
    countries = _country_names() if skip_countries else set()
    pairs = []
    for words, gold_tags in read_conll_ner(path):
        gold, pred = _bio_spans(gold_tags), _bio_spans(tag(words))
        pred = {p for p in pred if p[2] in ("PER", "ORG", "LOC")}
        if countries:
            gold = {s for s in gold if " ".join(words[s[0]:s[1]]) not in countries}
            pred = {s for s in pred if " ".join(words[s[0]:s[1]]) not in countries}
        pairs.append((gold, pred))
    return score_spans(pairs)


def score_spans(pairs) -> dict:
    """Exact-span P/R/F1, overall ("ALL") and per label, of (gold, predicted) span sets."""
    counts: dict[str, list[int]] = {}
    for gold, pred in pairs:
        for label in {s[2] for s in gold | pred} | {"ALL"}:
            g = {s for s in gold if label in ("ALL", s[2])}
            p = {s for s in pred if label in ("ALL", s[2])}
            c = counts.setdefault(label, [0, 0, 0])
            c[0] += len(g & p)
            c[1] += len(p)
            c[2] += len(g)
    return {label: {**_prf(tp, npred, ngold), "gold": ngold, "predicted": npred}
            for label, (tp, npred, ngold) in sorted(counts.items())}


def model_ner_tags(words: list[str]) -> list[str]:
    """BIO tags from the NER model alone, over the given tokens."""
    from spacy.tokens import Doc

    from .nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    doc = nlp.get_pipe("warta_ner")(Doc(nlp.vocab, words=words))
    return [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in doc]


def warta_ner_tags(words: list[str]) -> list[str]:
    """BIO tags from warta's entities (model + rules) over pre-tokenised words."""
    from .nlp import find_entities

    text, starts = "", []
    for w in words:
        starts.append(len(text))
        text += w + " "
    entities, _ = find_entities(text.rstrip())
    tags = ["O"] * len(words)
    for e in entities:
        inside = [i for i, s in enumerate(starts) if e.start <= s < e.end]
        for n, i in enumerate(inside):
            tags[i] = ("B-" if n == 0 else "I-") + e.label
    return tags


def _bilou_spans(tags: list[str], wanted: tuple[str, ...]) -> list[tuple[int, int, str]]:
    spans, start = [], None
    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if label not in wanted:
            start = None
            continue
        if prefix in ("B", "U") or start is None:
            start = i
        if prefix in ("L", "U"):
            spans.append((start, i + 1, label))
            start = None
    return spans


def score_quotes_kota(path: Path, statements: Callable[[str], list[tuple[int, int]]] | None = None) -> dict:
    """Statement P/R/F1 (a match: token overlap >= 50% of the shorter span) and speaker accuracy.

    The blocks of the file become the paragraphs of one text (tokens joined by spaces), which
    warta analyses whole, so pronouns can reach back to earlier paragraphs. A statement's gold
    speaker is the PERSON or PERSONCOREF span of its block nearest to it; a predicted speaker
    is right when its written form overlaps that span or its entity's name contains it.
    """
    from .nlp import find_entities, find_quotes

    blocks = read_conll_ner(path)  # same layout: token first, tag last, blocks by blank lines
    text_parts, token_spans, block_of = [], [], []
    pos = 0
    for b, (words, _) in enumerate(blocks):
        for w in words:
            token_spans.append((pos, pos + len(w)))
            block_of.append(b)
            text_parts.append(w + " ")
            pos += len(w) + 1
        text_parts.append("\n\n")
        pos += 2
    text = "".join(text_parts)
    tags = [t for _, ts in blocks for t in ts]
    gold = _bilou_spans(tags, ("STATEMENT",))
    persons = _bilou_spans(tags, ("PERSON", "PERSONCOREF"))
    if statements is None:
        entities, index = find_entities(text)
        quotes = find_quotes(text, entities, index)
    else:  # another predictor's statement spans (no speakers)
        from .record import Quote
        index = {}
        quotes = [Quote(start=a, end=b, text=text[a:b], kind="model") for a, b in statements(text)]

    import bisect

    starts = [a for a, _ in token_spans]

    def tokens_of(start: int, end: int) -> set[int]:
        i = max(bisect.bisect_right(starts, start) - 1, 0)
        out = set()
        while i < len(token_spans) and token_spans[i][0] < end:
            if token_spans[i][1] > start:
                out.add(i)
            i += 1
        return out

    pred = [(tokens_of(q.start, q.end), q) for q in quotes]
    used, matched, speaker_total, speaker_right = set(), 0, 0, 0
    by_speaker: dict[str, list[int]] = {"PERSON": [0, 0], "PERSONCOREF": [0, 0]}  # [scored, right]
    for g_start, g_end, _ in gold:
        g = set(range(g_start, g_end))
        best = None
        for j, (toks, q) in enumerate(pred):
            if j in used or not toks:
                continue
            overlap = len(g & toks)
            if overlap >= 0.5 * min(len(g), len(toks)):
                best = j
                break
        if best is None:
            continue
        used.add(best)
        matched += 1
        block = block_of[g_start]
        candidates = [p for p in persons if block_of[p[0]] == block]
        if not candidates:
            continue
        speaker_total += 1
        near = min(candidates, key=lambda p: min(abs(p[0] - g_end), abs(g_start - p[1])))
        gold_text = " ".join(text[token_spans[i][0]:token_spans[i][1]] for i in range(near[0], near[1]))
        q = pred[best][1]
        said = tokens_of(*_find(text, q.speaker_text, q.start)) if q.speaker_text else set()
        name = (index.get(q.speaker) or {}).get("name", "") if q.speaker else ""
        right = bool(said & set(range(near[0], near[1])) or (name and (gold_text in name or name in gold_text)))
        speaker_right += right
        by_speaker[near[2]][0] += 1
        by_speaker[near[2]][1] += right
    by_kind = {}
    for kind in ("direct", "partial", "indirect"):
        ks = [j for j, (_, q) in enumerate(pred) if q.kind == kind]
        by_kind[kind] = {"predicted": len(ks),
                         "precision": round(sum(j in used for j in ks) / len(ks), 4) if ks else 0.0}
    # KoTA annotates reported speech: the statements scored against indirect and partial quotes only.
    reported = [j for j, (_, q) in enumerate(pred) if q.kind in ("indirect", "partial")]
    reported_hits = _matches_of(gold, [pred[j][0] for j in reported])
    return {"statements": {**_prf(matched, len(quotes), len(gold)), "gold": len(gold), "predicted": len(quotes)},
            "reported_speech": {**_prf(reported_hits, len(reported), len(gold)), "predicted": len(reported)},
            "by_kind": by_kind,
            "speaker_by_kind": {("named person" if k == "PERSON" else "coreferring mention"):
                                {"scored": n, "accuracy": round(r / n, 4) if n else 0.0}
                                for k, (n, r) in by_speaker.items()},
            "speaker_accuracy": round(speaker_right / speaker_total, 4) if speaker_total else 0.0,
            "speakers_scored": speaker_total}


def _matches_of(gold: list[tuple[int, int, str]], predicted: list[set[int]]) -> int:
    """Gold spans matched one to one by predicted token sets (overlap >= 50% of the shorter)."""
    used, hits = set(), 0
    for g_start, g_end, _ in gold:
        g = set(range(g_start, g_end))
        for j, toks in enumerate(predicted):
            if j not in used and toks and len(g & toks) >= 0.5 * min(len(g), len(toks)):
                used.add(j)
                hits += 1
                break
    return hits


def _find(text: str, phrase: str, near: int) -> tuple[int, int]:
    """The occurrence of ``phrase`` nearest to ``near``."""
    best, start = (0, 0), text.find(phrase)
    while start >= 0:
        if best == (0, 0) or abs(start - near) < abs(best[0] - near):
            best = (start, start + len(phrase))
        start = text.find(phrase, start + 1)
    return best


# -- entity identity across the corpus (eval/identity/pairs.jsonl) --------------------------

def _key_of(record: dict | None, form: str) -> str | None:
    """The key the article gives the name ``form``: its mentions written so (the most
    frequent key), else the mentions that hold an occurrence of it ("Presiden Joko Widodo")."""
    if not record:
        return None
    want = " ".join(form.split()).casefold()
    exact = Counter(e["entity"] for e in record.get("entities") or []
                    if " ".join(e["text"].split()).casefold() == want and e.get("entity"))
    if not exact:
        text = record.get("text") or ""
        spans = [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text)]
        exact = Counter(e["entity"] for e in record.get("entities") or [] if e.get("entity")
                        and any(e["start"] <= s and t <= e["end"] for s, t in spans))
    return exact.most_common(1)[0][0] if exact else None


def score_identity(pairs: list[dict], get: Callable[[str], dict | None]) -> dict:
    """Same-pair accuracy (within and across articles), false merges of never-pairs, and how
    many forms were found, for one store (``get``: article id -> stored record)."""
    cache: dict[str, dict | None] = {}

    def key(side: dict) -> str | None:
        if side["article"] not in cache:
            cache[side["article"]] = get(side["article"])
        return _key_of(cache[side["article"]], side["text"])

    out: dict[str, Any] = {"forms": 0, "forms_found": 0, "cases": {}}
    groups: dict[str, list[int]] = {}
    for p in pairs:
        a, b = key(p["a"]), key(p["b"])
        out["forms"] += 2
        out["forms_found"] += (a is not None) + (b is not None)
        joined = a is not None and a == b
        group = (f"same-{p['scope']}" if p["same"] else "never")
        hits = groups.setdefault(group, [0, 0, 0])  # right, found both, all
        hits[0] += joined if p["same"] else (not joined)
        hits[1] += a is not None and b is not None
        hits[2] += 1
        case = out["cases"].setdefault(f"{'same' if p['same'] else 'never'}:{p['case']}", [0, 0])
        case[0] += joined if p["same"] else (not joined)
        case[1] += 1
    for group, (right, both, total) in groups.items():
        out[group] = {"pairs": total, "both_found": both,
                      ("accuracy" if group != "never" else "kept_apart"): round(right / total, 3) if total else 0.0}
    never = groups.get("never", [0, 0, 0])
    out["false_merge_rate"] = round((never[2] - never[0]) / never[2], 3) if never[2] else 0.0
    return out

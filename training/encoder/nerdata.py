"""NER sentences for the encoder: readers, label maps, the held-out guard, span scoring."""
from __future__ import annotations

import random
from pathlib import Path

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
NERGRIT = {"PERSON": "PER", "PLACE": "LOC", "ORGANISATION": "ORG", "PER": "PER", "LOC": "LOC", "ORG": "ORG"}
# IDCrossNER's fine labels onto PER/ORG/LOC; the rest (works, awards, events, misc...) are O
CROSSNER = {
    "person": "PER", "politician": "PER", "scientist": "PER", "writer": "PER", "musicalartist": "PER",
    "researcher": "PER",
    "organisation": "ORG", "politicalparty": "ORG", "university": "ORG", "band": "ORG", "magazine": "ORG",
    "location": "LOC", "country": "LOC",
}


def read_conll(path: Path, labels: dict[str, str]):
    """(words, BIO tags) per sentence; word in the first column, tag in the last."""
    words, tags = [], []
    for line in path.read_text("utf-8").splitlines():
        cols = line.split()
        if not cols:
            if words:
                yield words, repair(tags)
            words, tags = [], []
            continue
        tag = cols[-1]
        if tag != "O":
            prefix, _, label = tag.partition("-")
            mapped = labels.get(label)
            tag = f"{prefix[0]}-{mapped}" if mapped and prefix[:1] in "BI" else "O"
        words.append(cols[0])
        tags.append(tag)
    if words:
        yield words, repair(tags)


def repair(tags: list[str]) -> list[str]:
    """An I- that does not continue its label starts a span."""
    out, prev = [], "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def key(words: list[str]) -> str:
    return " ".join(words).lower()


def training_sets(data: Path, lower: float = 0.15, seed: int = 13, crossner: bool = False):
    """(train, dev, nergrit_test, dropped): train drops every sentence found in either held-out set."""
    ner = data / "ner"
    dev = list(read_conll(ner / "idner-news-2k/dev.txt", NERGRIT))
    test = list(read_conll(ner / "nergrit/test_preprocess.txt", NERGRIT))
    held = {key(w) for w, _ in dev + test}
    sources = [(ner / "idner-news-2k/train.txt", NERGRIT), (ner / "nergrit/train_preprocess.txt", NERGRIT),
               (ner / "nergrit/valid_preprocess.txt", NERGRIT)]
    if crossner:
        sources += [(p, CROSSNER) for p in sorted((ner / "idcrossner").glob("*/train.txt"))]
    rng = random.Random(seed)
    train, dropped = [], 0
    for path, labels in sources:
        for words, tags in read_conll(path, labels):
            if key(words) in held:
                dropped += 1
                continue
            train.append((words, tags))
            if rng.random() < lower:
                train.append(([w.lower() for w in words], tags))
    return train, dev, test, dropped


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    out, start, label = set(), None, None
    for i, t in enumerate(repair(list(tags)) + ["O"]):
        if start is not None and not (t.startswith("I-") and t[2:] == label):
            out.add((start, i, label))
            start = None
        if t.startswith("B-"):
            start, label = i, t[2:]
    return out


def score(gold: list[list[str]], pred: list[list[str]]) -> dict[str, tuple[float, float, float]]:
    """Exact-span P/R/F1, overall ("ALL") and per label."""
    counts: dict[str, list[int]] = {}
    for g, p in zip(gold, pred):
        gs, ps = spans(g), spans(p)
        for lab in {s[2] for s in gs | ps} | {"ALL"}:
            gl = {s for s in gs if lab in ("ALL", s[2])}
            pl = {s for s in ps if lab in ("ALL", s[2])}
            c = counts.setdefault(lab, [0, 0, 0])
            c[0] += len(gl & pl)
            c[1] += len(pl)
            c[2] += len(gl)
    out = {}
    for lab, (tp, np_, ng) in sorted(counts.items()):
        p = tp / np_ if np_ else 0.0
        r = tp / ng if ng else 0.0
        out[lab] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out

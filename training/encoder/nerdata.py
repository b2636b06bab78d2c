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


def score(gold: list[list[str]], pred: list[list[str]]) -> dict[str, tuple[float, float, float]]:
    """Exact-span (P, R, F1), overall ("ALL") and per label, as `warta eval ner` counts them."""
    from warta.evaluate import score_spans
    from warta.nlp.encoder import bio_spans

    scores = score_spans((set(bio_spans(g)), set(bio_spans(p))) for g, p in zip(gold, pred))
    return {lab: (s["precision"], s["recall"], s["f1"]) for lab, s in scores.items()}

"""KoTA quotes data as spaCy DocBins: STATEMENT and CUE spans per paragraph block.

    python training/quotes/prepare.py [--data ../shared/data]

train.spacy from train-60, dev.spacy from dev-20 (model selection; it overlaps dev-40, so
dev-40 scores of a model selected on dev-20 are optimistic and are reported as such).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

from warta.evaluate import _bilou_spans

KEEP = ("STATEMENT", "CUE")


def blocks(path: Path):
    words, tags = [], []
    for line in path.read_text("utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0].strip():
            if words:
                yield words, tags
            words, tags = [], []
            continue
        tag = cols[-1].strip()
        label = tag.split("-", 1)[-1] if tag != "O" else ""
        words.append(cols[0])
        tags.append(tag if label in KEEP else "O")
    if words:
        yield words, tags


def main() -> None:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(here.parents[1] / ".." / "shared" / "data"))
    args = ap.parse_args()
    kota = Path(args.data) / "quotes" / "kota-414"
    vocab = spacy.blank("id").vocab
    (here / "corpus").mkdir(exist_ok=True)
    for name, file in (("train", "train-60.txt"), ("dev", "dev-20.txt")):
        db, n = DocBin(), 0
        for words, tags in blocks(kota / file):
            doc = Doc(vocab, words=words)
            # The data has stray I- tags; read spans leniently, as the scorer does.
            doc.ents = [Span(doc, a, b, label=label) for a, b, label in _bilou_spans(tags, KEEP)]
            db.add(doc)
            n += 1
        db.to_disk(here / "corpus" / f"{name}.spacy")
        print(f"{name}: {n} blocks")


if __name__ == "__main__":
    main()

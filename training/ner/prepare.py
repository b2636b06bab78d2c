"""Turn the NER data in ../shared/data/ner into spaCy DocBins for training.

    python training/ner/prepare.py [--data ../shared/data] [--out training/ner/corpus]

train.spacy: idner-news-2k train + NERGrit train (PERSON/PLACE/ORGANISATION -> PER/LOC/ORG),
each sentence also once in lower case (casing augmentation: news text is not always cased).
dev.spacy: idner-news-2k dev (model selection). nergrit-test.spacy: NERGrit test (held out).
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import biluo_tags_to_spans, iob_to_biluo

MAP = {"PERSON": "PER", "PLACE": "LOC", "ORGANISATION": "ORG", "PER": "PER", "LOC": "LOC", "ORG": "ORG"}


def read_conll(path: Path):
    """(tokens, iob tags) per sentence; the token is the first column, the tag the last."""
    words, tags = [], []
    for line in path.read_text("utf-8").splitlines():
        cols = line.split()
        if not cols:
            if words:
                yield words, tags
            words, tags = [], []
            continue
        tag = cols[-1]
        if tag != "O":
            prefix, label = tag.split("-", 1)
            tag = f"{prefix}-{MAP[label]}"
        words.append(cols[0])
        tags.append(tag)
    if words:
        yield words, tags


def country_names() -> set[tuple[str, ...]]:
    """Country names of warta's gazetteer, as token tuples."""
    from warta.nlp.entities import gazetteer

    return {tuple(name.split()) for name, (_, _, _, kind) in gazetteer().items() if kind == "country"}


def unannotate(words, tags, names, longest):
    """BILUO tags with country names (and any span overlapping one) marked missing ("-")."""
    biluo = iob_to_biluo(tags)
    hit = [False] * len(words)
    for i in range(len(words)):
        for n in range(min(longest, len(words) - i), 0, -1):
            if tuple(words[i:i + n]) in names:
                hit[i:i + n] = [True] * n
                break
    # widen to whole entity spans so no span is cut in half
    start = None
    for i, tag in enumerate(biluo + ["O"]):
        if tag[0] in "BU":
            start = i
        if start is not None and tag[0] in "LU":
            if any(hit[start:i + 1]):
                hit[start:i + 1] = [True] * (i + 1 - start)
            start = None
    return ["-" if h else t for h, t in zip(hit, biluo)]


def to_doc(vocab, words, tags, lower=False, biluo=None):
    doc = Doc(vocab, words=[w.lower() for w in words] if lower else words)
    biluo = biluo or iob_to_biluo(tags)
    spans = biluo_tags_to_spans(doc, [t if t != "-" else "O" for t in biluo])
    doc.set_ents(spans, missing=[doc[i:i + 1] for i, t in enumerate(biluo) if t == "-"], default="outside")
    return doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / ".." / "shared" / "data"))
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "corpus"))
    ap.add_argument("--lower", type=float, default=0.15, help="share of training sentences added lower-cased")
    ap.add_argument("--with-valid", action="store_true", help="also train on NERGrit valid")
    ap.add_argument("--no-nergrit", action="store_true", help="train on idner-news-2k alone")
    ap.add_argument("--idner-copies", type=int, default=1, help="times idner-news-2k train is included")
    ap.add_argument("--missing-countries", action="store_true",
                    help="leave country names unannotated in NERGrit (its convention differs from idner's)")
    args = ap.parse_args()
    names = country_names() if args.missing_countries else set()
    longest = max((len(n) for n in names), default=0)
    ner = Path(args.data) / "ner"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    vocab = spacy.blank("id").vocab
    rng = random.Random(13)
    sets = {
        "train": [ner / "idner-news-2k/train.txt"] * args.idner_copies
                 + ([] if args.no_nergrit else [ner / "nergrit/train_preprocess.txt"])
                 + ([ner / "nergrit/valid_preprocess.txt"] if args.with_valid else []),
        "dev": [ner / "idner-news-2k/dev.txt"],
        "nergrit-test": [ner / "nergrit/test_preprocess.txt"],
    }
    for name, files in sets.items():
        db, n = DocBin(), 0
        for f in files:
            partial = name == "train" and args.missing_countries and "nergrit" in f.parts
            for words, tags in read_conll(f):
                biluo = unannotate(words, tags, names, longest) if partial else None
                db.add(to_doc(vocab, words, tags, biluo=biluo))
                n += 1
                if name == "train" and rng.random() < args.lower:
                    db.add(to_doc(vocab, words, tags, lower=True, biluo=biluo))
        db.to_disk(out / f"{name}.spacy")
        print(f"{name}: {n} sentences -> {out / (name + '.spacy')}")


if __name__ == "__main__":
    main()

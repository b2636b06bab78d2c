"""Self-training data: CLICK-ID sentences labelled by a trained NER model (silver labels).

    python training/ner/silver.py --model DIR [--data ../shared/data] [--n 6000] [--out FILE]

Sentences come from CLICK-ID paragraphs (never from the evaluation sets), tokenised by warta's
tokenizer, and keep the model's PER/ORG/LOC spans. Sentences with no entity are kept at the rate
they occur in the gold training data, so the model does not learn that every sentence names
something.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path

from spacy.tokens import DocBin


def sentences(data: Path, rng: random.Random):
    """CLICK-ID sentences of 5 to 60 words, each once, from the paragraphs in random order."""
    from warta.nlp.sentences import split_sentences

    paras = []
    with gzip.open(data / "corpus/click-id-articles.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            paras += json.loads(line)["paragraphs_heuristic"]
    rng.shuffle(paras)
    seen: set[str] = set()
    for para in paras:
        for start, end in split_sentences(para):
            sent = para[start:end].strip()
            if 5 <= len(sent.split()) <= 60 and sent not in seen:
                seen.add(sent)
                yield sent


class SilverBin:
    """The silver sentences kept: ``n`` of them, at most ``empty`` of which name no entity."""

    def __init__(self, n: int, empty: float):
        self.db, self.n, self.max_empty = DocBin(), n, n * empty
        self.kept = self.empty = 0

    @property
    def full(self) -> bool:
        return self.kept >= self.n

    def offer(self, doc) -> None:
        if self.full or (not doc.ents and self.empty >= self.max_empty):
            return
        self.empty += not doc.ents
        self.db.add(doc)
        self.kept += 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", required=True)
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / ".." / "shared" / "data"))
    ap.add_argument("--n", type=int, default=6000)
    ap.add_argument("--empty", type=float, default=0.25, help="share of sentences without entities")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "corpus" / "silver.spacy"))
    args = ap.parse_args()
    from warta.nlp.pipeline import load_pipeline

    nlp = load_pipeline(str(Path(args.model).resolve()))
    rng = random.Random(29)
    silver = SilverBin(args.n, args.empty)
    with nlp.select_pipes(enable=["warta_ner"]):
        for doc in nlp.pipe(sentences(Path(args.data), rng), batch_size=256):
            if silver.full:
                break
            silver.offer(doc)
    silver.db.to_disk(args.out)
    print(f"silver: {silver.kept:,} sentences ({silver.empty:,} without entities) -> {args.out}")


if __name__ == "__main__":
    main()

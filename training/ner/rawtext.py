"""Unlabelled news text for `spacy pretrain`: CLICK-ID and IndoSum paragraphs as JSONL.

    python training/ner/rawtext.py [--data ../shared/data] [--out training/ner/corpus/raw.jsonl] [--limit N]

One {"text": paragraph} a line, shuffled (seeded), paragraphs of fewer than 5 words left out.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent


def paragraphs(data: Path):
    with gzip.open(data / "corpus" / "click-id-articles.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            yield from json.loads(line).get("paragraphs_heuristic") or []
    with open(data / "summ" / "indosum-dev01-04.jsonl", encoding="utf-8") as handle:
        for line in handle:
            for para in json.loads(line)["paragraphs"]:  # paragraph > sentence > token
                yield " ".join(" ".join(sentence) for sentence in para)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(HERE.parents[1] / ".." / "shared" / "data"))
    ap.add_argument("--out", default=str(HERE / "corpus" / "raw.jsonl"))
    ap.add_argument("--limit", type=int, default=0, help="keep at most this many paragraphs (0: all)")
    args = ap.parse_args()
    paras = [p.strip() for p in paragraphs(Path(args.data)) if len(p.split()) >= 5]
    random.Random(0).shuffle(paras)
    if args.limit:
        paras = paras[:args.limit]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for p in paras:
            handle.write(json.dumps({"text": p}, ensure_ascii=False) + "\n")
    print(f"{len(paras)} paragraphs, {sum(len(p.split()) for p in paras):,} words -> {out}")


if __name__ == "__main__":
    main()

"""Train floret subword vectors on the unlabelled news text in ../shared/data.

    python training/ner/vectors.py [--data ../shared/data] [--out training/ner/vectors]

Text: CLICK-ID (22k articles) and IndoSum (2.7k articles), tokenised with warta's tokenizer
so the vectors see the tokens the NER model sees. floret trains with subword information;
the vectors of the --keep most frequent words are exported (vectors.vec) and turned into a
spaCy vectors folder (vectors/spacy) for the training config.
"""
from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from pathlib import Path

import spacy


def texts(data: Path):
    with gzip.open(data / "corpus/click-id-articles.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            yield row["title"]
            yield from row["paragraphs_heuristic"]
    with open(data / "summ/indosum-dev01-04.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            for para in row.get("paragraphs", []):
                for sent in para:
                    yield " ".join(sent)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / ".." / "shared" / "data"))
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "vectors"))
    ap.add_argument("--dim", type=int, default=80)
    ap.add_argument("--bucket", type=int, default=40000)
    ap.add_argument("--epoch", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--keep", type=int, default=40000, help="words whose vectors ship with the model")
    args = ap.parse_args()
    import floret

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    corpus = out / "corpus.txt"
    tokenizer = spacy.blank("id").tokenizer
    n = 0
    with open(corpus, "w", encoding="utf-8") as handle:
        for text in texts(Path(args.data)):
            text = text.replace("\n", " ").strip()
            if text:
                handle.write(" ".join(t.text for t in tokenizer(text)) + "\n")
                n += 1
    print(f"corpus: {n:,} lines -> {corpus}")
    model = floret.train_unsupervised(str(corpus), model="cbow", mode="floret", hashCount=2,
                                      bucket=args.bucket, minn=3, maxn=5, minCount=3,
                                      dim=args.dim, epoch=args.epoch, thread=args.threads)
    model.save_vectors(str(out / "vectors.vec"))
    subprocess.run([sys.executable, "-m", "spacy", "init", "vectors", "id", str(out / "vectors.vec"),
                    str(out / "spacy"), "--truncate", str(args.keep)], check=True)
    corpus.unlink()


if __name__ == "__main__":
    main()

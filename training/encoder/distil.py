"""Train warta's CNN NER model on gold plus the encoder's silver labels (distillation).

    python training/encoder/distil.py [--data ../shared/data] [--silver output/silver.spacy] [--gold-copies 3] [--max-steps 5000]

The gold part is `training/ner/prepare.py`'s train set (idner-news-2k train, NERGrit train, 15%
lower-cased copies), the recipe is the shipped one (`training/ner/base.cfg`) and model selection
is on idner dev, so what changes from the gold-only model is the silver data, the gold part
repeated (--gold-copies) so that it keeps its weight next to many silver sentences, and more
steps for the larger set.
Then `training/ner/train.py --skip-training --output DIR --install` ships it.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NER = HERE.parent / "ner"


def run(*args: str) -> None:
    print("+", " ".join(args), flush=True)
    subprocess.run([sys.executable, *args], check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(HERE.parents[1] / ".." / "shared" / "data"))
    ap.add_argument("--silver", default=str(HERE / "output" / "silver.spacy"))
    ap.add_argument("--gold-copies", type=int, default=3)
    ap.add_argument("--config", default=str(NER / "base.cfg"))
    ap.add_argument("--max-steps", default="5000")
    ap.add_argument("--seed", default="0")
    ap.add_argument("--output", default=str(HERE / "output" / "distil"))
    args = ap.parse_args()
    run(str(NER / "prepare.py"), "--data", args.data)
    mix = HERE / "output" / "distil-train"
    shutil.rmtree(mix, ignore_errors=True)
    mix.mkdir(parents=True)
    for i in range(args.gold_copies):
        shutil.copy(NER / "corpus/train.spacy", mix / f"gold{i}.spacy")
    shutil.copy(args.silver, mix / "silver.spacy")
    run("-m", "spacy", "train", args.config, "--paths.train", str(mix), "--paths.dev",
        str(NER / "corpus/dev.spacy"), "--output", args.output, "--training.max_steps", args.max_steps,
        "--system.seed", args.seed)


if __name__ == "__main__":
    main()

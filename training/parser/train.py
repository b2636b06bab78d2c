"""Rebuild warta's dependency parser from the UD Indonesian treebanks in ../shared/data.

    python training/parser/train.py [--data ../shared/data] [--install]

Steps: prepare.py (DocBins), `spacy train` (the tok2vec starts from models/ner-id's and is
learnt further; a UPOS tagger shares it), then UAS/LAS on the held-out GSD test, and with
--install the best model is copied to src/warta/models/parser-id/ with its model card.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TARGET = ROOT / "src" / "warta" / "models" / "parser-id"


def run(*args: str) -> None:
    print("+", " ".join(args), flush=True)
    subprocess.run([sys.executable, *args], check=True, cwd=ROOT)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT / ".." / "shared" / "data"))
    ap.add_argument("--output", default=str(HERE / "output"))
    ap.add_argument("--install", action="store_true", help="copy the best model into the package")
    args = ap.parse_args()
    run(str(HERE / "prepare.py"), "--data", args.data)
    run("-m", "spacy", "train", str(HERE / "base.cfg"), "--paths.train", str(HERE / "corpus/train.spacy"),
        "--paths.dev", str(HERE / "corpus/dev.spacy"), "--output", args.output)
    best = Path(args.output) / "model-best"
    scores = HERE / "output" / "heldout.json"
    run("-m", "spacy", "evaluate", str(best), str(HERE / "corpus/heldout.spacy"), "--output", str(scores))
    s = json.loads(scores.read_text("utf-8"))
    print(f"UD_Indonesian-GSD test (held out): UAS {s['dep_uas']:.3f} LAS {s['dep_las']:.3f} UPOS {s['tag_acc']:.3f}")
    if args.install:
        keep = {p.name: p.read_bytes() for p in TARGET.glob("*") if p.suffix == ".md" or p.name.startswith("LICENSE")}
        shutil.rmtree(TARGET, ignore_errors=True)
        shutil.copytree(best, TARGET, ignore=shutil.ignore_patterns("tokenizer"))  # warta's own tokenizer reads
        for name, data in keep.items():
            (TARGET / name).write_bytes(data)
        meta = json.loads((TARGET / "meta.json").read_text("utf-8"))
        meta.update(name="parser_id", license="CC BY-SA 4.0", author="warta",
                    description="warta's Indonesian dependency parser; see README.md")
        (TARGET / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"installed {best} -> {TARGET}")


if __name__ == "__main__":
    main()

"""Rebuild warta's NER model from ../shared/data: prepare data, train vectors, train, install.

    python training/ner/train.py [--data ../shared/data] [--config training/ner/vectors.cfg] [--install]

Steps: prepare.py (DocBins), vectors.py (floret vectors, when the config uses them and they are
missing), `spacy train`, then with --install the best model is copied to
src/warta/models/ner-id/ with its model card and licence. Scores print as training goes.
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
TARGET = ROOT / "src" / "warta" / "models" / "ner-id"


def run(*args: str) -> None:
    print("+", " ".join(args), flush=True)
    subprocess.run([sys.executable, *args], check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT / ".." / "shared" / "data"))
    ap.add_argument("--config", default=str(HERE / "base.cfg"))
    ap.add_argument("--output", default=str(HERE / "output" / "model"))
    ap.add_argument("--max-steps", default="3400")
    ap.add_argument("--install", action="store_true", help="copy the best model into the package")
    ap.add_argument("--skip-training", action="store_true", help="only report (and install) --output's best model")
    args = ap.parse_args()
    if not args.skip_training:
        run(str(HERE / "prepare.py"), "--data", args.data)
        if "vectors/spacy" in Path(args.config).read_text("utf-8") and not (HERE / "vectors" / "spacy").exists():
            run(str(HERE / "vectors.py"), "--data", args.data)
        run("-m", "spacy", "train", args.config, "--paths.train", str(HERE / "corpus/train.spacy"),
            "--paths.dev", str(HERE / "corpus/dev.spacy"), "--output", args.output,
            "--training.max_steps", args.max_steps)
    best = Path(args.output) / "model-best"
    scores = json.loads((best / "meta.json").read_text("utf-8")).get("performance", {})
    print(f"idner dev: F1 {scores.get('ents_f', 0):.3f} P {scores.get('ents_p', 0):.3f} R {scores.get('ents_r', 0):.3f}")
    if args.install:
        keep = {p.name for p in TARGET.glob("*") if p.suffix == ".md" or p.name.startswith(("LICENSE", "NOTICE"))}
        saved = {name: (TARGET / name).read_bytes() for name in keep}
        shutil.rmtree(TARGET, ignore_errors=True)
        shutil.copytree(best, TARGET)
        for name, data in saved.items():
            (TARGET / name).write_bytes(data)
        meta = json.loads((TARGET / "meta.json").read_text("utf-8"))
        meta.update(name="ner_id", license="MIT", author="warta",
                    description="warta's Indonesian PER/ORG/LOC model; see README.md")
        (TARGET / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"installed {best} -> {TARGET}")


if __name__ == "__main__":
    main()

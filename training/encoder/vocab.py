"""Cut the encoder's 250,037-row embedding matrix to the pieces Indonesian news uses.

    python training/encoder/vocab.py [--data ../shared/data] [--encoder output/e5.pt] [--out output/e5-id.pt]

Kept: the special pieces, every piece of the NER data's words (all splits, so that scoring never
meets a cut piece), and every piece of the words of CLICK-ID articles and IndoSum documents. The
tokenizer then runs over the kept pieces alone (`e5model.restricted`), which segments every one
of those words as the full vocabulary does.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from e5model import META, Tokenizer  # noqa: E402


def words(data: Path):
    for path in sorted((data / "ner").rglob("*.txt")):
        if path.name.startswith(("README", "LICENSE")):
            continue
        for line in path.read_text("utf-8").splitlines():
            if line.split():
                yield line.split()[0]
    with gzip.open(data / "corpus/click-id-articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            yield from ((a["title"] or "") + " " + (a["content_raw"] or "")).split()
    with open(data / "summ/indosum-dev01-04.jsonl", encoding="utf-8") as fh:
        for line in fh:
            for para in json.loads(line).get("paragraphs", []):
                for sent in para:
                    yield from sent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(HERE.parents[1] / ".." / "shared" / "data"))
    ap.add_argument("--encoder", default=str(HERE / "output" / "e5.pt"))
    ap.add_argument("--out", default=str(HERE / "output" / "e5-id.pt"))
    args = ap.parse_args()
    t0 = time.time()
    ck = torch.load(args.encoder, weights_only=False)
    t = ck["tokenizer"]
    tok = Tokenizer(t["pieces"], t["scores"], t["norm"], t["bos"], t["eos"], t["unk"])
    used = {t["bos"], t["eos"], t["unk"], 1}  # 1 = <pad>
    seen: set[str] = set()
    for w in words(Path(args.data)):
        if w in seen:
            continue
        seen.add(w)
        n = tok.normalise(w).replace(" ", "")
        for variant in (META + n, n, META + n.lower()):
            used.update(tok.word(variant))
    keep = sorted(used)
    state = dict(ck["state"])
    state["word.weight"] = state["word.weight"][keep].clone()
    ck["config"] = dict(ck["config"], vocab=len(keep))
    ck["state"], ck["keep"] = state, keep
    torch.save(ck, args.out)
    print(f"{len(seen):,} distinct words -> {len(keep):,} of {len(t['pieces']):,} pieces kept "
          f"({time.time() - t0:.0f} s); wrote {args.out} ({Path(args.out).stat().st_size / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()

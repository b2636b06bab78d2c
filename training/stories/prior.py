"""Build the document-frequency prior of stories: how many CLICK-ID articles hold each stem.

    python training/stories/prior.py [--data ../shared/data] [--out src/warta/models/story-df/df.tsv.gz]

A young store has seen few articles, so its own document frequencies weigh every word of its
first stories alike; warta adds these to them (`warta.stories.with_prior`). Counted over the
title and body stems that stories use (stopwords and words of two letters left out), over every
CLICK-ID article except the pool of the story gold (the national news of 10-13 September 2019,
`eval/stories/sample.py`), so that the gold is still scored on text the prior never saw. Stems
in fewer than MIN_DF articles are dropped: absent, they count as unseen.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "eval" / "stories"))
from sample import OUTLETS, national, published  # noqa: E402

MIN_DF = 3


def in_gold_pool(d: dict) -> bool:
    return d["source"] in OUTLETS and national(d) and "2019-09-10" <= published(d)[:10] <= "2019-09-13"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "warta" / "models" / "story-df" / "df.tsv.gz")
    args = ap.parse_args()
    from tqdm import tqdm

    from warta.stemming import stem_text
    from warta.stories import _stopwords

    stop = _stopwords()
    df: Counter = Counter()
    n = left_out = 0
    with gzip.open(args.data / "corpus" / "click-id-articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in tqdm(f, desc="articles", unit=" art"):
            d = json.loads(line)
            if in_gold_pool(d):
                left_out += 1
                continue
            text = (d.get("title") or "") + "\n\n" + "\n\n".join(d["paragraphs_heuristic"])
            df.update({w for w in stem_text(text).split() if w not in stop and len(w) > 2})
            n += 1
    kept = sorted((t, c) for t, c in df.items() if c >= MIN_DF)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # mtime 0: the same data gives the same bytes
    with gzip.GzipFile(args.out, "wb", mtime=0) as gz:
        gz.write(f"#articles\t{n}\n".encode())
        gz.write("".join(f"{t}\t{c}\n" for t, c in kept).encode())
    print(f"{n} articles ({left_out} of the story-gold pool left out): {len(kept)} stems in at least "
          f"{MIN_DF} articles -> {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()

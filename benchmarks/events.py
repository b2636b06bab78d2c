"""What the event-sense model and the clause parser cost: warta's analysis of CLICK-ID with and without them.

    python benchmarks/events.py [--limit 600]

Runs warta.analyze_many over the same news articles (the five outlets whose news warta codes)
three times in one process, after a warm-up: with neither the sense model (models/event-sense)
nor the parser (models/parser-id), with the sense model alone, and with both, and prints
articles/s, the events kept, and each throughput as a ratio of the first.
"""
from __future__ import annotations

import argparse
import time

from _data import click_id

from warta import analyze_many
from warta.nlp import clauses, events


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
    model, parser = events._sense_model, clauses.parser
    timings = {}
    for name, sense, parse in (("neither", False, False), ("the sense model", True, False),
                               ("sense model and parser", True, True)):
        events._sense_model = model if sense else (lambda: None)
        clauses.parser = parser if parse else (lambda: None)
        seconds, n, arts = run(items)
        timings[name] = seconds
        print(f"{name:<24} {len(items) / seconds:7.1f} articles/s  {n:5d} events in {arts} articles")
    events._sense_model, clauses.parser = model, parser
    for name in list(timings)[1:]:
        print(f"throughput with {name}: {timings['neither'] / timings[name]:.3f} of neither")

if __name__ == "__main__":
    main()

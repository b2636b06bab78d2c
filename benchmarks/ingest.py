"""Analyse and ingest throughput on CLICK-ID, next to bare spaCy blank("id") tokenisation.

    python benchmarks/ingest.py [--limit N] [--jobs J]

Prints articles/s for: spaCy blank("id") tokenisation (the reference), warta analysis in one
process, and a full `warta ingest` (analysis in J workers, SQLite writes) into a fresh database,
each also as a ratio to the reference. All three run on the same texts in the same run.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from _data import click_id

from warta import analyze_many
from warta.ingest import default_jobs, ingest
from warta.sources import iter_documents
from warta.store import SQLiteStore


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="articles to use (default: all 22,136)")
    ap.add_argument("--jobs", type=int, default=default_jobs())
    args = ap.parse_args()
    items = click_id(args.limit)
    n = len(items)
    words = sum(len(i["text"].split()) for i in items)
    print(f"data: CLICK-ID, {n:,} articles, {words:,} words")

    import spacy
    nlp = spacy.blank("id")
    t = time.perf_counter()
    for _ in nlp.pipe((i["text"] for i in items), batch_size=256):
        pass
    ref = n / (time.perf_counter() - t)
    print(f"spaCy blank('id') tokenisation : {ref:8.1f} articles/s  (reference)")

    t = time.perf_counter()
    failed = sum(1 for r in analyze_many(items) if not hasattr(r, "text"))
    one = n / (time.perf_counter() - t)
    print(f"warta analyze, 1 process       : {one:8.1f} articles/s  ({one / ref:.2f}x reference), {failed} failed")

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "click.jsonl"
        src.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
        store = SQLiteStore(Path(tmp) / "bench.db")
        summary = ingest(iter_documents([str(src)]), store, jobs=args.jobs)
        rate = summary.total / summary.seconds
        print(f"warta ingest, {args.jobs} workers        : {rate:8.1f} articles/s  ({rate / ref:.2f}x reference); "
              f"{summary.new:,} new, {summary.duplicate:,} duplicate, {summary.failed:,} failed")
        t = time.perf_counter()
        again = ingest(iter_documents([str(src)]), store, jobs=args.jobs)
        print(f"re-ingest (all known)          : {again.total / (time.perf_counter() - t):8.1f} articles/s; "
              f"{again.new} new, {again.duplicate:,} duplicate")
        store.close()


if __name__ == "__main__":
    main()

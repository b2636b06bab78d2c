"""Analyse and ingest throughput on CLICK-ID, per backend, next to bare spaCy blank("id") tokenisation.

    python benchmarks/ingest.py [--limit N] [--jobs J] [--db FILE|URL ...] [--concurrent URL]

Prints articles/s for: spaCy blank("id") tokenisation (the reference), warta analysis in one
process, and a full `warta ingest` (analysis in J workers, writes) into each --db (empty
databases; default a fresh SQLite file), each also as a ratio to the reference, all in the same
run. With --concurrent, two `warta ingest` processes load the same articles into that empty
database at once, and the number of articles stored is printed next to what one ingest alone
stored: they should be equal.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _data import click_id

from warta import analyze_many
from warta.ingest import default_jobs, ingest
from warta.sources import iter_documents
from warta.store import open_store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="articles to use (default: all 22,136)")
    ap.add_argument("--jobs", type=int, default=default_jobs())
    ap.add_argument("--db", action="append", help="empty database to ingest into (repeat for each backend)")
    ap.add_argument("--concurrent", metavar="DB", help="empty database for two concurrent ingests")
    ap.add_argument("--skip-single", action="store_true", help="leave out the one-process analysis")
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

    if not args.skip_single:
        t = time.perf_counter()
        failed = sum(1 for r in analyze_many(items) if not hasattr(r, "text"))
        one = n / (time.perf_counter() - t)
        print(f"warta analyze, 1 process       : {one:8.1f} articles/s  ({one / ref:.2f}x reference), {failed} failed")

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "click.jsonl"
        src.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
        alone = None  # articles one ingest stores (the input less failures and exact duplicates)
        for db in args.db or [str(Path(tmp) / "bench.db")]:
            store = open_store(db)
            if store.count():
                sys.exit(f"{store.url}: not empty; give an empty database")
            summary = ingest(iter_documents([str(src)]), store, jobs=args.jobs)
            rate = summary.total / summary.seconds
            alone = summary.new
            print(f"warta ingest, {args.jobs} workers, {store.backend:<10}: {rate:8.1f} articles/s  "
                  f"({rate / ref:.2f}x reference); {summary.new:,} new, {summary.duplicate:,} duplicate, "
                  f"{summary.failed:,} failed")
            t = time.perf_counter()
            again = ingest(iter_documents([str(src)]), store, jobs=args.jobs)
            print(f"re-ingest (all known), {store.backend:<10}: {again.total / (time.perf_counter() - t):8.1f} "
                  f"articles/s; {again.new} new, {again.duplicate:,} duplicate")
            store.close()
        if args.concurrent:
            cmd = [sys.executable, "-m", "warta", "ingest", str(src), "--db", args.concurrent, "--json", "-q",
                   "--jobs", str(max(1, args.jobs // 2))]
            t = time.perf_counter()
            procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) for _ in range(2)]
            outs = [json.loads(p.communicate()[0]) for p in procs]
            seconds = time.perf_counter() - t
            with open_store(args.concurrent) as store:
                stored, url = store.count(), store.url
            print(f"two concurrent ingests into {url}: {seconds:.0f} s; new {outs[0]['new']:,} + {outs[1]['new']:,}, "
                  f"duplicate {outs[0]['duplicate']:,} + {outs[1]['duplicate']:,}, failed "
                  f"{outs[0]['failed'] + outs[1]['failed']}; {stored:,} articles stored "
                  f"(one ingest alone stored {alone:,})")


if __name__ == "__main__":
    main()

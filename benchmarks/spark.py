"""The Spark job against `warta ingest`, and the bulk load of its output, in one run.

    python benchmarks/spark.py [--limit 5000] [--pg postgresql://...] [--work /tmp/warta-spark-bench]

On the same CLICK-ID articles (JSONL): `warta ingest -j 2` into a fresh SQLite file (the
reference), then `warta spark` on local[1] and on local[2], each a fresh process end to end
(JVM start, model load in every Python worker, analysis, copies, Parquet). Spark's fixed cost is
measured as the job on 50 articles, less those 50 at the local[1] rate. Prints articles/s, the
ratios, the scaling from 1 to 2 cores, and, from these figures, the cores needed for 500,000
articles a day in 3 hours. Then loads the Parquet output into SQLite (and PostgreSQL with --pg
or $WARTA_TEST_PG) with `Store.load` (COPY on PostgreSQL) against `Store.write` of the same rows
(the reference), and how far the job's copies agree with the copies the store finds.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from _data import click_id

from warta.spark import output_records
from warta.store import open_store, prepare_row

DAY, WINDOW = 500_000, 3 * 3600


def warta(*args: str) -> tuple[float, dict]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "warta", *args, "--json"], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1) or not done.stdout.strip():
        sys.exit(f"warta {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return seconds, json.loads(done.stdout.strip().splitlines()[-1])


def rows_of(out: Path):
    for item in output_records(out):
        yield prepare_row(json.loads(item["record"]), source=item["source"])


def load(db: str, out: Path, bulk: bool) -> float:
    store = open_store(db)
    try:
        started = time.perf_counter()
        if bulk:
            store.load(rows_of(out))
        else:  # the reference: the row-by-row write path, then the same rebuild of stories
            store.place_stories = False
            batch = []
            for row in rows_of(out):
                batch.append(row)
                if len(batch) >= 1000:
                    store.write(batch)
                    batch = []
            if batch:
                store.write(batch)
            store.place_stories = True
            store.rebuild_stories()
        return time.perf_counter() - started
    finally:
        store.close()


def new_pg(server: str) -> str:
    import psycopg

    name = f"warta_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return urlunsplit(urlsplit(server)._replace(path="/" + name))


def drop_pg(server: str, url: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {urlsplit(url).path[1:]} WITH (FORCE)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=5000)
    ap.add_argument("--pg", default=os.environ.get("WARTA_TEST_PG"), help="a PostgreSQL server URL")
    ap.add_argument("--work", default="/tmp/warta-spark-bench")
    args = ap.parse_args()
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    items = [i for i in click_id(args.limit * 2) if i["text"].strip()][:args.limit]
    n = len(items)
    source = work / "click-id.jsonl"
    source.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    small = work / "small.jsonl"
    small.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items[:50]), encoding="utf-8")
    print(f"CLICK-ID: {n:,} articles ({source.stat().st_size / 1e6:.1f} MB of JSONL), {os.cpu_count()} cores")

    ingest_s, _ = warta("ingest", str(source), "--db", str(work / "ingest.db"), "-j", "2", "-q")
    print(f"  warta ingest -j 2 (reference)  {ingest_s:7.1f} s  {n / ingest_s:6.1f} articles/s  1.00x")
    runs = {}
    for cores in (1, 2):
        out = work / f"out-{cores}.parquet"
        seconds, summary = warta("spark", str(source), "--out", str(out), "--master", f"local[{cores}]", "-q")
        runs[cores] = (seconds, summary)
        print(f"  warta spark local[{cores}]          {seconds:7.1f} s  {n / seconds:6.1f} articles/s  "
              f"{ingest_s / seconds:.2f}x   (session {summary['startup_seconds']:.1f} s, {summary['articles']:,} "
              f"articles, {summary['copies']:,} copies, {summary['errors']} errors)")
    fixed_s, _ = warta("spark", str(small), "--out", str(work / "small.parquet"), "--master", "local[2]", "-q")
    per_core = (runs[1][0] - fixed_s) / (n - 50)  # seconds an article takes one core, start-up aside
    fixed = fixed_s - 50 * per_core / 2
    scaling = (runs[1][0] - fixed) / (runs[2][0] - fixed)
    print(f"  fixed start-up cost (job on 50 articles, less their analysis): {fixed:.1f} s")
    print(f"  scaling 1 -> 2 cores, start-up aside: {scaling:.2f}x (ideal 2.00x); "
          f"end to end {runs[1][0] / runs[2][0]:.2f}x")
    rate = 1 / per_core  # articles/s one core
    efficiency = scaling / 2
    cores = DAY / ((WINDOW - fixed) * rate * efficiency)
    print(f"  cluster for {DAY:,} articles in 3 h: {DAY:,} / (({WINDOW:,} s - {fixed:.0f} s) x {rate:.1f} "
          f"articles/s per core x {efficiency:.2f} parallel efficiency) = {cores:.1f} cores, "
          f"so {int(cores) + 1} cores (e.g. {(int(cores) + 1 + 7) // 8} executors of 8 cores)")

    out = work / "out-2.parquet"
    print(f"bulk load of {out.name} ({runs[2][1]['articles']:,} articles), stories and copies rebuilt:")
    targets = [("SQLite", lambda tag: str(work / f"load-{tag}.db"))]
    if args.pg:
        targets.append(("PostgreSQL", lambda tag: new_pg(args.pg)))
    for name, make in targets:
        ref_db, bulk_db = make("write"), make("load")
        ref = load(ref_db, out, bulk=False)
        bulk = load(bulk_db, out, bulk=True)
        m = runs[2][1]["articles"]
        print(f"  {name:10}  Store.write {m / ref:6.1f} articles/s (reference)   Store.load {m / bulk:6.1f} "
              f"articles/s   {ref / bulk:.2f}x")
        if name == "SQLite":
            agreement(out, bulk_db)
        if args.pg and name == "PostgreSQL":
            drop_pg(args.pg, ref_db)
            drop_pg(args.pg, bulk_db)


def agreement(out: Path, db: str) -> None:
    """How far the job's copies (exact Jaccard over LSH candidates) agree with the store's
    (estimated from MinHash signatures), as pairs (copy, original)."""
    spark = {(r["record"] and json.loads(r["record"])["id"], r["copy_of"])
             for r in output_records(out, columns=("record", "copy_of")) if r["copy_of"]}
    store = open_store(db)
    try:
        stored = {(r["id"], (r.get("copy_of"))) for r in store.records() if r.get("copy_of")}
    finally:
        store.close()
    both = len(spark & stored)
    print(f"  copies: the job {len(spark):,}, the store {len(stored):,}, the same (copy, original) {both:,} "
          f"(of the job's {both / max(1, len(spark)):.3f}, of the store's {both / max(1, len(stored)):.3f})")


if __name__ == "__main__":
    main()

"""Entity identity on CLICK-ID: warta before this feature (slug keys) against warta now, one run.

    python benchmarks/identity.py [--limit N] [--jobs 2] [--before COMMIT] [--work DIR]

Ingests the same CLICK-ID articles twice with `warta ingest --jobs J`: once with the warta of
COMMIT (checked out with `git worktree`, run on this environment's packages: today's slug
keys), once with this checkout. Prints each ingest's articles/s and their ratio, the number of
entity keys each store holds, and the identity scores on eval/identity/pairs.jsonl for both
(the earlier store read as it was written, without this warta's migration and relinking).
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from _data import click_id

ROOT = Path(__file__).resolve().parents[1]
BEFORE = "418c421"  # the last commit with slug keys only


def ingest(src: Path, db: Path, jobs: int, pythonpath: Path | None) -> float:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "warta", "ingest", str(src), "--db", str(db), "--jobs", str(jobs),
                           "--quiet", "--json"], env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1: some inputs failed (empty bodies), the rest stored
        sys.exit(f"ingest into {db} failed: {done.stderr.strip()[-500:]}")
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--before", default=BEFORE)
    ap.add_argument("--work", default="/tmp/warta-identity-bench")
    ap.add_argument("--splits", default="test", help="test, dev or both (test,dev)")
    ap.add_argument("--reuse", action="store_true", help="score the stores of an earlier run again")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    items = click_id(args.limit)
    src = work / "click.jsonl"
    src.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), "utf-8")
    old = work / "before"
    if not old.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old), args.before], check=True,
                       stdout=subprocess.DEVNULL)
    dbs = {"before": work / "before.db", "now": work / "now.db"}
    if not args.reuse:
        seconds = {"before": ingest(src, dbs["before"], args.jobs, old / "src"),
                   "now": ingest(src, dbs["now"], args.jobs, None)}
        print(f"CLICK-ID, {len(items):,} articles, warta ingest --jobs {args.jobs}, one run:")
        for name in dbs:
            print(f"  {name:7s} {len(items) / seconds[name]:8.1f} articles/s ({seconds[name]:.0f} s)")
        print(f"  now / before: {seconds['before'] / seconds['now']:.2f} of the throughput")
    every = [json.loads(l) for l in (ROOT / "eval/identity/pairs.jsonl").read_text("utf-8").splitlines() if l.strip()]
    for split in args.splits.split(","):
        report(dbs, [p for p in every if p["split"] == split], split)


def report(dbs, pairs, split) -> None:
    from warta.evaluate import score_identity
    from warta.store import open_store

    raw = sqlite3.connect(dbs["before"])  # the records exactly as the earlier warta stored them
    before_keys = {r[0] for r in raw.execute("SELECT key FROM entities")}
    results = {"before (slug keys)": score_identity(pairs, lambda i: _raw_record(raw, i))}
    print(f"  before  {len(before_keys):,} entity keys")
    for name, db in (("now", dbs["now"]),):
        with open_store(str(db)) as store:
            counts = store.stats()["counts"]
            results[name] = score_identity(pairs, store.get)
        print(f"  {name:7s} {counts['entities']:,} entity keys, {counts['entity_links']:,} names linked across articles")
    print(f"\nentity identity on the {len(pairs)} {split} pairs of eval/identity/pairs.jsonl:")
    print(f"  {'store':20s} {'same within':>14s} {'same across':>14s} {'never apart':>14s} {'false merges':>13s} {'forms found':>12s}")
    for name, r in results.items():
        cell = lambda g, m: f"{(r.get(g) or {}).get(m, 0):.3f} of {(r.get(g) or {}).get('pairs', 0)}"  # noqa: E731
        print(f"  {name:20s} {cell('same-within', 'accuracy'):>14s} {cell('same-cross', 'accuracy'):>14s} "
              f"{cell('never', 'kept_apart'):>14s} {r['false_merge_rate']:>13.3f} {r['forms_found']:>6d}/{r['forms']}")
    print("\nby case (right / pairs):")
    for case in sorted({c for r in results.values() for c in r["cases"]}):
        print(f"  {case:28s} " + "  ".join(f"{name.split()[0]} {r['cases'].get(case, [0, 0])[0]}/{r['cases'].get(case, [0, 0])[1]}"
                                           for name, r in results.items()))


def _raw_record(conn, ident: str):
    row = conn.execute("SELECT record FROM articles WHERE id = ?", (ident,)).fetchone()
    return json.loads(row[0]) if row else None


if __name__ == "__main__":
    main()

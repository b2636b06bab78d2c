"""Entity identity on CLICK-ID: warta before this feature (slug keys) against warta now, one run.

    python benchmarks/identity.py [--limit N] [--jobs 2] [--before COMMIT] [--work DIR]

Ingests the same CLICK-ID articles twice with `warta ingest --jobs J`: once with the warta of
COMMIT (checked out with `git worktree`, run on this environment's packages: today's slug
keys), once with this checkout. Prints each ingest's articles/s and their ratio, the number of
entity keys each store holds, and `warta eval identity` on eval/identity/pairs.jsonl for both.
"""
from __future__ import annotations

import argparse
import json
import os
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
    subprocess.run([sys.executable, "-m", "warta", "ingest", str(src), "--db", str(db), "--jobs", str(jobs),
                    "--quiet", "--json"], check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--before", default=BEFORE)
    ap.add_argument("--work", default="/tmp/warta-identity-bench")
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
    seconds = {"before": ingest(src, dbs["before"], args.jobs, old / "src"),
               "now": ingest(src, dbs["now"], args.jobs, None)}
    print(f"CLICK-ID, {len(items):,} articles, warta ingest --jobs {args.jobs}, one run:")
    for name in dbs:
        print(f"  {name:7s} {len(items) / seconds[name]:8.1f} articles/s ({seconds[name]:.0f} s)")
    print(f"  now / before: {seconds['before'] / seconds['now']:.2f} of the throughput")
    from warta.store import open_store

    for name, db in dbs.items():
        with open_store(str(db)) as store:
            counts = store.stats()["counts"]
        print(f"  {name:7s} {counts['entities']:,} entity keys, {counts['mentions']:,} mentions, "
              f"{counts['entity_links']:,} names linked across articles")
    subprocess.run([sys.executable, "-m", "warta", "eval", "identity", "--db", f"before={dbs['before']}",
                    "--db", f"now={dbs['now']}"], check=True)


if __name__ == "__main__":
    main()

"""What copies and stories cost at ingest: CLICK-ID with them on, against off, in one run.

    python benchmarks/stories.py [--limit N] [--jobs 2] [--db-dir /tmp]

Ingests the same articles twice into fresh SQLite files with J workers: first with copies and
stories off (the reference), then on. Prints articles/s of each and the ratio, the copies and
stories found, the on-disk size of the copy index (signatures and LSH bands) and of the story
tables, and the writer process's peak memory. Also times MinHash signatures with rensa and
datasketch over the same bodies, and how often the two agree on a copy.
"""
from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from _data import click_id

from warta import stories
from warta.ingest import ingest
from warta.sources import iter_documents
from warta.store import open_store


def table_bytes(path: str, tables: list[str]) -> int:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        names = tables + [r[0] for r in conn.execute(
            f"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({','.join('?' * len(tables))})",
            tables)]
        return sum(r[0] for r in conn.execute(
            f"SELECT sum(pgsize) FROM dbstat WHERE name IN ({','.join('?' * len(names))})", names))
    finally:
        conn.close()


def minhash_libraries(items: list[dict], n: int = 2000) -> None:
    from datasketch import MinHash
    from rensa import RMinHash

    sets = [sorted(stories.shingles(stories.copy_tokens(i))) for i in items[:n]]
    sets = [s for s in sets if len(s) >= stories.MIN_SHINGLES]
    t = time.perf_counter()
    r = []
    for s in sets:
        m = RMinHash(num_perm=stories.NUM_PERM, seed=stories.SEED)
        m.update(s)
        r.append(m)
    rensa_s = time.perf_counter() - t
    t = time.perf_counter()
    d = []
    for s in sets:
        m = MinHash(num_perm=stories.NUM_PERM, seed=stories.SEED)
        m.update_batch([x.encode("utf-8") for x in s])
        d.append(m)
    ds_s = time.perf_counter() - t
    # Agreement on pairs that share a band in rensa's signatures.
    pairs, agree = 0, 0
    for i in range(0, len(sets) - 1):
        j = i + 1
        a = stories.is_copy(r[i].digest(), len(sets[i]), r[j].digest(), len(sets[j]))[0]
        b = d[i].jaccard(d[j]) >= stories.COPY_JACCARD
        pairs += 1
        agree += a == b
    print(f"MinHash of {len(sets):,} bodies ({stories.NUM_PERM} permutations): rensa {len(sets) / rensa_s:,.0f}/s, "
          f"datasketch {len(sets) / ds_s:,.0f}/s ({ds_s / rensa_s:.1f}x slower); "
          f"copy decisions agree on {agree}/{pairs} neighbouring pairs")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="articles (default: all 22,136)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--db-dir", default="/tmp")
    args = ap.parse_args()
    items = click_id(args.limit)
    print(f"data: CLICK-ID, {len(items):,} articles; {args.jobs} workers; SQLite")
    src = Path(args.db_dir) / "warta-stories-bench.jsonl"
    src.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    rates = {}
    for mode in ("off", "on"):
        db = Path(args.db_dir) / f"warta-stories-bench-{mode}.db"
        for p in db.parent.glob(db.name + "*"):
            p.unlink()
        store = open_store(str(db))
        store.place_stories = mode == "on"
        summary = ingest(iter_documents([str(src)]), store, jobs=args.jobs)
        rates[mode] = summary.total / summary.seconds
        extra = ""
        if mode == "on":
            st = store.stats()["counts"]
            copies = sum(1 for r in store.records() if r["copy_of"])
            extra = (f"; {st['stories']:,} stories, {copies:,} copies; copy index on disk "
                     f"{table_bytes(str(db), ['copy_signatures', 'copy_bands']) / 1048576:.1f} MB, story tables "
                     f"{table_bytes(str(db), ['stories', 'story_terms', 'story_members', 'story_df']) / 1048576:.1f} MB")
        print(f"stories and copies {mode:<3}: {rates[mode]:7.1f} articles/s ({summary.new:,} new, "
              f"{summary.failed:,} failed){extra}", flush=True)
        store.close()
    print(f"ratio on/off: {rates['on'] / rates['off']:.3f}")
    print(f"writer peak memory (max RSS of this process): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    minhash_libraries(items)


if __name__ == "__main__":
    main()

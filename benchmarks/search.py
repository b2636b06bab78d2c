"""Search latency over all of CLICK-ID, per backend, next to the bare engine query in the same run.

    python benchmarks/search.py --db click.db [--db postgresql://.../click] [--rounds 3]

Each --db is a database holding CLICK-ID (a SQLite file is built when missing; copy it to
PostgreSQL with `warta copy`). For each, 50 fixed queries run through warta.search.search
(parse, stem, filter, rank, count, snippets) and through the backend's bare engine query of
the same stems (FTS5 MATCH or tsquery @@, ranked, LIMIT 10); p50/p95/max are printed for
both and their ratio. With two databases, how often their top hits agree.
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from _data import click_id

from warta.ingest import ingest
from warta.search import parse_query, search
from warta.sources import iter_documents
from warta.store import is_postgres, open_store

QUERIES = [
    "jokowi", "prabowo", "banjir", "gempa bumi", "harga beras", "pemilu", "korupsi", "kpk",
    "revisi undang-undang kpk", "demo mahasiswa", "kebakaran hutan", "kabut asap", "papua",
    "wamena", "ibu kota baru", "kalimantan timur", "sepak bola", "timnas indonesia", "liga inggris",
    "persija", "rupiah melemah", "bank indonesia", "suku bunga", "inflasi", "harga emas",
    "saham", "investasi asing", "pajak", "bpjs kesehatan", "iuran bpjs", "narkoba", "polisi menangkap",
    "artis", "film", "konser", "pernikahan", "kesehatan anak", "diet", "resep masakan", "smartphone",
    '"dewan perwakilan rakyat"', "menteri keuangan", "sri mulyani", "trump", "china", "hong kong",
    "kereta api", "pesawat", "mudik", "tol* -jakarta",
]


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def line(name: str, ms: list[float]) -> str:
    return (f"{name:<34}: p50 {pct(ms, 50):7.2f} ms  p95 {pct(ms, 95):7.2f} ms  max {max(ms):7.2f} ms  "
            f"mean {statistics.mean(ms):7.2f} ms")


def open_corpus(db: str, tmp: str):
    store = open_store(db)
    if store.count() == 0 and not is_postgres(db):
        src = Path(tmp) / "click.jsonl"
        src.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in click_id()), encoding="utf-8")
        s = ingest(iter_documents([str(src)]), store)
        print(f"built {db}: {s.new:,} articles in {s.seconds:.0f} s")
    return store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", action="append", help="database holding CLICK-ID (repeat for each backend)")
    ap.add_argument("--rounds", type=int, default=3, help="times each query runs")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    stores = [open_corpus(db, tmp.name) for db in (args.db or [str(Path(tmp.name) / "click.db")])]
    tops = []
    for store in stores:
        print(f"data: CLICK-ID in {store.url} ({store.backend}), {store.count():,} articles; "
              f"{len(QUERIES)} queries x {args.rounds}")
        raw_ms, warta_ms = [], []
        search(store, "pemanasan")  # warm the connection and the stemmer
        for _ in range(args.rounds):
            for q in QUERIES:
                parsed = parse_query(q)
                t = time.perf_counter()
                store.match_ids(parsed, 10)
                raw_ms.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                search(store, q, limit=10)
                warta_ms.append((time.perf_counter() - t) * 1000)
        engine = "FTS5 MATCH" if store.backend == "sqlite" else "tsquery @@"
        print("  " + line(f"raw {engine} + rank + LIMIT 10", raw_ms))
        print("  " + line("warta search (count, snippets)", warta_ms))
        print(f"  ratio warta/raw: p50 {pct(warta_ms, 50) / pct(raw_ms, 50):.1f}x, "
              f"p95 {pct(warta_ms, 95) / pct(raw_ms, 95):.1f}x")
        tops.append({q: [r["id"] for r in search(store, q, limit=10)["rows"]] for q in QUERIES})
        totals = {q: search(store, q, limit=0)["total"] for q in QUERIES}
        tops[-1]["_totals"] = totals
    if len(tops) >= 2:
        a, b = tops[0], tops[1]
        same_total = sum(a["_totals"][q] == b["_totals"][q] for q in QUERIES)
        first = sum(a[q][:1] == b[q][:1] for q in QUERIES)
        overlap = statistics.mean(len(set(a[q]) & set(b[q])) / max(1, len(a[q])) for q in QUERIES)
        print(f"agreement of the first two databases over {len(QUERIES)} queries: same total {same_total}, "
              f"same first hit {first}, top-10 overlap {overlap:.2f}")
    for store in stores:
        store.close()


if __name__ == "__main__":
    main()

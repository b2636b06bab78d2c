"""Search latency over all of CLICK-ID: warta search next to the same FTS5 MATCH run raw.

    python benchmarks/search.py [--db FILE] [--limit N]

Builds (or reuses) a database of CLICK-ID, then runs 50 fixed queries through
warta.search.search (parse, stem, filter, rank, count, snippets) and the bare FTS5 MATCH
of the same expression (rank + LIMIT 10), and prints p50/p95/max for both.
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
from warta.store import SQLiteStore

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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="existing CLICK-ID database to reuse (built when missing)")
    ap.add_argument("--rounds", type=int, default=3, help="times each query runs")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = Path(args.db or Path(tmp.name) / "click.db")
    store = SQLiteStore(db)
    if store.count() == 0:
        items = click_id()
        src = Path(tmp.name) / "click.jsonl"
        src.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
        s = ingest(iter_documents([str(src)]), store)
        print(f"built {db}: {s.new:,} articles in {s.seconds:.0f} s")
    print(f"data: CLICK-ID database, {store.count():,} articles; {len(QUERIES)} queries x {args.rounds}")

    raw_ms, warta_ms = [], []
    for _ in range(args.rounds):
        for q in QUERIES:
            match = parse_query(q).match()
            t = time.perf_counter()
            store.query("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 10", (match,))
            raw_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            search(store, q, limit=10)
            warta_ms.append((time.perf_counter() - t) * 1000)
    for name, ms in (("raw FTS5 MATCH + rank  ", raw_ms), ("warta search (full)    ", warta_ms)):
        print(f"{name}: p50 {pct(ms, 50):6.2f} ms  p95 {pct(ms, 95):6.2f} ms  max {max(ms):6.2f} ms  "
              f"mean {statistics.mean(ms):6.2f} ms")
    print(f"ratio warta/raw: p50 {pct(warta_ms, 50) / pct(raw_ms, 50):.1f}x, "
          f"p95 {pct(warta_ms, 95) / pct(raw_ms, 95):.1f}x")
    store.close()


if __name__ == "__main__":
    main()

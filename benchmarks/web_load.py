"""Load on `warta serve`: 50 concurrent clients on search and article pages over CLICK-ID.

    python benchmarks/web_load.py [--db benchmarks/out/click.db] [--clients 50] [--requests 2000]

Starts the server in a subprocess, then an asyncio loop of httpx clients, each searching one
of the 50 benchmark queries (HTML page) and opening the first hit (HTML page). Prints p50/p95
latency per page kind and the error count, next to the trivial /-/versions.json endpoint
measured the same way in the same run (the server's own floor).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _data import click_id
from search import QUERIES


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


async def load(base: str, clients: int, total: int) -> dict[str, list[float]]:
    import httpx

    timings: dict[str, list[float]] = {"versions": [], "search": [], "article": []}
    errors = 0
    failures: list[str] = []
    budget = total
    rng = random.Random(7)

    async def one(client):
        nonlocal errors, budget
        while budget > 0:
            budget -= 1
            q = {"q": rng.choice(QUERIES)}
            try:
                for kind, url, params in (("versions", "/-/versions.json", None), ("search", "/search", q)):
                    t = time.perf_counter()
                    r = await client.get(url, params=params)
                    timings[kind].append((time.perf_counter() - t) * 1000)
                    errors += r.status_code >= 500
                hits = (await client.get("/search.json", params=q)).json().get("rows") or []
                if hits:
                    t = time.perf_counter()
                    r = await client.get(f"/articles/{hits[0]['id']}")
                    timings["article"].append((time.perf_counter() - t) * 1000)
                    errors += r.status_code >= 500
            except httpx.HTTPError as exc:
                errors += 1
                failures.append(f"{type(exc).__name__}: {exc}")

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        await asyncio.gather(*(one(client) for _ in range(clients)))
    timings["errors"] = [errors]
    if failures:
        print("  first failures:", "; ".join(sorted(set(failures))[:3]))
    return timings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=str(Path(__file__).parent / "out" / "click.db"))
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=2000)
    args = ap.parse_args()
    db = Path(args.db)
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "click.jsonl"
            src.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in click_id()), encoding="utf-8")
            subprocess.run([sys.executable, "-m", "warta", "ingest", str(src), "--db", str(db), "-q"], check=False)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "warta", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        n = int(json.load(urllib.request.urlopen(base + "/dashboard.json"))["counts"]["articles"])
        print(f"data: {db} ({n:,} articles); {args.clients} concurrent clients, {args.requests} rounds")
        t = time.perf_counter()
        timings = asyncio.run(load(base, args.clients, args.requests))
        wall = time.perf_counter() - t
    finally:
        server.terminate()
        server.wait(timeout=10)
    for kind in ("versions", "search", "article"):
        ms = timings[kind]
        label = "reference: /-/versions.json" if kind == "versions" else f"{kind} page (HTML)"
        print(f"  {label:<28} n={len(ms):5d}  p50 {pct(ms, 50):7.1f} ms  p95 {pct(ms, 95):7.1f} ms  "
              f"mean {statistics.mean(ms):7.1f} ms")
    done = sum(len(timings[k]) for k in ("versions", "search", "article"))
    print(f"  errors (5xx): {timings['errors'][0]}; {done / wall:.0f} timed requests/s over {wall:.1f} s")


if __name__ == "__main__":
    main()

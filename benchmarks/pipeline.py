"""Full analysis pipeline throughput on CLICK-ID, next to bare spaCy blank("id") tokenisation.

    python benchmarks/pipeline.py [--limit 2000] [--ner fast,accurate] [--model DIR]

Prints words/s (wall clock, and per CPU second, steadier on a shared machine) of
warta.analyze_many (anatomy, sentences, NER model, entity rules, canonical entities, roles,
time expressions) and of blank("id") tokenisation of the same texts in the same run, and the
cost ratio between them; plus model size and load time. --ner names the NER modes to run
(`accurate` needs warta[accurate]); --model runs the fast mode with another CNN folder.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from _data import click_id

from warta import analyze_many
from warta.nlp.pipeline import model_path, use_ner


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--ner", default="fast", help="comma-separated NER modes to run: fast, accurate")
    ap.add_argument("--model", metavar="DIR", help="the CNN folder of the fast mode (default: the shipped one)")
    args = ap.parse_args()
    fast = str(Path(args.model).resolve()) if args.model else "fast"
    items = click_id(args.limit)
    words = sum(len(i["text"].split()) for i in items)
    print(f"data: CLICK-ID, first {len(items):,} articles, {words:,} words")
    folder = Path(args.model) if args.model else model_path()
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    load = subprocess.run([sys.executable, "-c", "import sys, time; t = time.perf_counter(); "
                           "from warta.nlp.pipeline import load_pipeline; load_pipeline(sys.argv[1]); "
                           "print(time.perf_counter() - t)", fast], capture_output=True, text=True, check=True)
    print(f"model: {folder} {size / 1048576:.1f} MB, loads in {float(load.stdout):.2f} s (fresh process)")

    import statistics

    import spacy
    runs, cpu_runs = [], []
    for _ in range(3):  # a fresh pipeline each time, so each run starts with an empty vocab as warta does
        nlp = spacy.blank("id")
        t, c = time.perf_counter(), time.process_time()
        for _ in nlp.pipe((i["text"] for i in items), batch_size=256):
            pass
        runs.append(words / (time.perf_counter() - t))
        cpu_runs.append(words / (time.process_time() - c))
    ref, ref_cpu = statistics.median(runs), statistics.median(cpu_runs)
    print(f"spaCy blank('id') tokenisation : {ref:10,.0f} words/s  (reference; median of 3 runs: "
          f"{', '.join(f'{r:,.0f}' for r in runs)}); {ref_cpu:,.0f} words per CPU second")
    from warta.nlp.pipeline import load_pipeline

    for mode in args.ner.split(","):
        use_ner(fast if mode == "fast" else mode)
        load_pipeline()
        t, c = time.perf_counter(), time.process_time()
        results = list(analyze_many(items))
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        rate, rate_cpu = words / wall, words / cpu
        failed = sum(1 for r in results if not hasattr(r, "text"))
        ents = sum(len(r.entities) for r in results if hasattr(r, "entities"))
        print(f"warta, NER {mode:8s}, 1 process : {rate:10,.0f} words/s  ({ref / rate:.1f}x the reference's cost; "
              f"{len(items) / wall:.0f} articles/s); {rate_cpu:,.0f} words per CPU second "
              f"({ref_cpu / rate_cpu:.1f}x); {ents:,} entities, {failed} failed", flush=True)


if __name__ == "__main__":
    main()

"""Time expressions: warta next to dateparser's search_dates on the same gold, same run.

    python benchmarks/timex.py

Scores both on the held-out gold (eval/time/kompas-test.jsonl over the IndoTimex Kompas
articles, eval/time/clickid-test.jsonl over CLICK-ID) and the development gold, then times
both over the same documents. dateparser gets every benefit: its value counts as right when
the gold value is a prefix of its date (it cannot express a month, a week or a duration).
"""
from __future__ import annotations

import datetime as dt
import time
import warnings
from pathlib import Path

from _data import DATA

from warta.evaluate import load_docs, score_times, warta_times

ROOT = Path(__file__).resolve().parents[1]
KOMPAS = DATA / "time" / "indotimex-kompas-development-unannotated"
SETS = [("Kompas held-out (IndoTimex 25 docs)", KOMPAS, ROOT / "eval/time/kompas-test.jsonl"),
        ("CLICK-ID held-out (8 docs)", DATA / "corpus/click-id-articles.jsonl.gz", ROOT / "eval/time/clickid-test.jsonl"),
        ("CLICK-ID TimeML held-out (20 docs, eval/time/GUIDELINE.md)", DATA / "corpus/click-id-articles.jsonl.gz",
         ROOT / "eval/time/clickid-timeml.jsonl"),
        ("Kompas development (25 docs, tuned on)", KOMPAS, ROOT / "eval/time/kompas-dev.jsonl")]


def dateparser_times(text: str, dct: str | None) -> list[dict]:
    from dateparser.search import search_dates

    settings = {"PREFER_DATES_FROM": "past"}
    if dct:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(dct)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=["id"], settings=settings) or []
    out, pos = [], 0
    for phrase, when in found:
        start = text.find(phrase, pos)
        if start < 0:
            continue
        pos = start + len(phrase)
        out.append({"start": start, "end": pos, "text": phrase, "type": "DATE",
                    "value": when.date().isoformat()})
    return out


def generous(pred: str | None, gold: str | None) -> bool:
    return bool(pred and gold and (pred == gold or (gold[:1].isdigit() and pred.startswith(gold))))


def line(name, s):
    n, r = s["normalised"], s["relaxed"]
    return (f"  {name:<11} relaxed span P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f} | "
            f"value acc {s['value_accuracy']:.3f} | normalised P {n['precision']:.3f} R {n['recall']:.3f} "
            f"F1 {n['f1']:.3f}  ({s['predicted']} predicted, {s['gold']} gold)")


def main() -> None:
    all_docs = []
    for title, data, gold in SETS:
        docs = load_docs(data, gold)
        all_docs += docs
        print(f"data: {title}: {gold.name}")
        print(line("warta", score_times(docs, warta_times)))
        print(line("dateparser", score_times(docs, dateparser_times, value_match=generous)))
    words = sum(len(d.text.split()) for d in all_docs)
    timings = {}
    for name, fn in (("warta", warta_times), ("dateparser", dateparser_times)):
        fn("Pemanasan pada Selasa.", "2020-01-01")
        t = time.perf_counter()
        for d in all_docs:
            fn(d.text, d.dct)
        timings[name] = time.perf_counter() - t
    print(f"speed over {len(all_docs)} documents ({words:,} words):")
    for name, secs in timings.items():
        print(f"  {name:<11} {secs:7.3f} s  {len(all_docs) / secs:8.1f} docs/s")
    print(f"  warta is {timings['dateparser'] / timings['warta']:.0f}x faster than dateparser")


if __name__ == "__main__":
    main()

"""Score warta's events today against the hand judgments of an earlier check.

    python eval/events/rescore.py [--judged eval/events/clickid-50c-judged.jsonl] [--data ../shared/data]

Analyses the judged CLICK-ID articles again and looks each event up among the judged ones by
article, type, trigger and actor and target names. Precision counts the events found there;
events no one judged are counted apart (they need a reader). A check scored after rules were
written from its errors no longer measures them blind: use it while developing, and a fresh
draw for the figures you report.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "eval" / "stories"))
from sample import published  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--judged", type=Path, default=ROOT / "eval" / "events" / "clickid-50c-judged.jsonl")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--asserted", action="store_true", help="only events whose status is asserted")
    ap.add_argument("--recall", type=Path, help="events coded by hand in some of the articles "
                    "(e.g. eval/events/clickid-50d-20-recall.jsonl): a warta event finds one of the "
                    "same type whose trigger holds or lies in its own")
    ap.add_argument("--unjudged", type=Path, help="write the events no one judged, each with its sentence, "
                    "to this JSONL file for a reader")
    ap.add_argument("--show-wrong", action="store_true", help="print each event judged wrong, with the reader's note")
    ap.add_argument("--rules-alone", action="store_true", help="score the rules' events, the sense model switched off")
    args = ap.parse_args()
    import warta
    from warta.nlp import events as coding

    if args.rules_alone:
        coding.SENSE_THRESHOLD = 0.0

    judged = [json.loads(line) for line in args.judged.open(encoding="utf-8")]
    ids = {j["article"] for j in judged}
    arts = {}
    with gzip.open(args.data / "corpus" / "click-id-articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in ids:
                arts[d["id"]] = d
    pool = Counter()
    verdict = {}
    for j in judged:
        key = (j["article"], j["type"], j["trigger"].lower(), j["actor"], j["target"])
        pool[key] += 1
        verdict.setdefault(key, []).append((j["type_right"], j["actor_right"], j.get("note", "")))
    n = typed = acted = unjudged = 0
    new: list[dict] = []
    coded = {}
    for ident in sorted(arts):
        d = arts[ident]
        when = published(d)
        rec = warta.analyze("\n\n".join(d["paragraphs_heuristic"]), id=ident, url=d["url"], title=d["title"],
                            published=when if when[:4].isdigit() else None).to_dict()
        names = {k: v.get("name", k) for k, v in (rec.get("entity_index") or {}).items()}
        coded[ident] = rec["events"]
        for ev in rec["events"]:
            if args.asserted and ev.get("status") != "asserted":
                continue
            key = (ident, ev["type"], ev["trigger"]["text"].lower(), (names.get(ev["actor"]) or ev.get("actor_text")), names.get(ev["target"]))
            if verdict.get(key):
                t, a, note = verdict[key].pop(0)
                if args.show_wrong and not (t and a):
                    print(f"  wrong {'type' if not t else 'actor'}: {ident} {ev['status']} {ev['type']} "
                          f"{ev['trigger']['text']!r} actor={key[3]!r}: {note}")
                n += 1
                typed += t
                acted += a
            else:
                unjudged += 1
                start, end = rec["sentences"][ev["sentence"]]
                new.append({"article": ident, "status": ev["status"], "type": ev["type"],
                            "trigger": ev["trigger"]["text"], "actor": (names.get(ev["actor"]) or ev.get("actor_text")),
                            "target": names.get(ev["target"]), "where": ev["where"],
                            "sentence": rec["text"][start:end]})
    print(f"{args.judged.name}: {n} events judged, {unjudged} not judged; "
          f"type precision {typed / max(n, 1):.3f}, type-and-actor {acted / max(n, 1):.3f}")
    if args.unjudged:
        with args.unjudged.open("w", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in new)
    if args.recall:
        total = found = 0
        for row in map(json.loads, args.recall.open(encoding="utf-8")):
            pool = list(coded.get(row["article"], []))
            for g in row["events"]:
                total += 1
                for ev in pool:
                    a, b = ev["trigger"]["text"].lower(), g["trigger"].lower()
                    if ev["type"] == g["type"] and (a in b or b in a):
                        found += 1
                        pool.remove(ev)
                        break
        print(f"{args.recall.name}: recall {found}/{total} = {found / max(total, 1):.3f}")


if __name__ == "__main__":
    main()

"""Score the two rules for pronoun speakers on the hand-labelled sample.

    python eval/quotes/pronouns.py [--data ../shared/data]

`pronouns-gold.jsonl` names, for each of the 50 quotes of `sample_pronouns.py`'s seeded draw
from CLICK-ID news, the person a reader takes the pronoun to mean (labelled from the text
alone, without either rule's answer), or "?" where the text shown does not tell. A rule is
right when the entity it gives (its name or an alias) and the reader's name share a word (case
and titles aside).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from sample_pronouns import ROOT, draw  # noqa: E402

_TITLES = {"menteri", "presiden", "kepala", "ketua", "wakil", "gubernur", "bupati", "wali", "kota", "direktur",
           "utama", "juru", "bicara", "kapolda", "kapolres", "kiyai", "dr", "prof", "jenderal", "irjen", "brigjen"}


def words(*names: str | None) -> set[str]:
    return {w for n in names for w in re.findall(r"\w+", (n or "").lower()) if len(w) > 2 and w not in _TITLES}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args()
    gold = {g["n"]: g for g in map(json.loads, (HERE / "pronouns-gold.jsonl").open(encoding="utf-8"))}
    rows = draw(args.data, len(gold))
    assert all(gold[r["n"]]["article"] == r["article"] for r in rows), "the draw no longer matches the gold"
    known = [r for r in rows if gold[r["n"]]["speaker"].strip() != "?"]
    print(f"pronoun speakers: {len(rows)} quotes from CLICK-ID news ({len(known)} a reader can resolve from the "
          f"text shown, {len(rows) - len(known)} not)")
    for rule, label in (("old", "the last speaker"), ("new", "the last speaker while in view, else the person "
                                                             "the text moved on to")):
        right = [r for r in known if words(*r[rule + "_forms"]) & words(gold[r["n"]]["speaker"])]
        print(f"  {label}: {len(right)}/{len(known)} right ({len(right) / len(known):.3f})")
    print("wrong under the new rule:")
    for r in known:
        if not words(*r["new_forms"]) & words(gold[r["n"]]["speaker"]):
            print(f"  #{r['n']} {r['article']}: reader {gold[r['n']]['speaker']!r}, new {r['new']!r}, old {r['old']!r}")


if __name__ == "__main__":
    main()

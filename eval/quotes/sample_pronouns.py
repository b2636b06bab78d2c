"""Draw the pronoun-speaker sample: 50 quotes from CLICK-ID news whose speaker is a pronoun
("kata dia", "ujarnya", "Ia menambahkan"), with the text a reader needs to resolve it.

    python eval/quotes/sample_pronouns.py [--data ../shared/data] > /tmp/pronoun-sample.jsonl

Each line: {"n", "article", "start", "quote", "context", "old", "new", "old_forms", "new_forms"}
(`start`: the quote's offset in warta's clean text; `*_forms`: the entity's name and aliases). `context` is the quote's paragraph
and the two before it, the quote marked with [[ ]]. `old` and `new` are the names the two rules
give (the last speaker; the last speaker while still in view, else the person the text moved on
to). The person labelling sees only `n`, `context` and `quote` (`eval/quotes/pronouns-gold.jsonl`).
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTLETS = {"kompas", "tempo", "okezone", "sindonews", "tribunnews"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=20261201)
    args = ap.parse_args()
    for row in draw(args.data, args.n, args.seed):
        print(json.dumps(row, ensure_ascii=False))


def draw(data: Path, n: int = 50, seed: int = 20261201) -> list[dict]:
    """The sample, with the speaker each rule gives."""
    import warta.nlp.quotes as Q
    from warta import analyze

    arts = []
    with gzip.open(data / "corpus" / "click-id-articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            text = "\n\n".join(p for p in d["paragraphs_heuristic"] if p.strip())
            if d["source"].lower().split(".")[0] in OUTLETS and text.count("\"") >= 4:
                arts.append((d["id"], text))
    random.Random(seed).shuffle(arts)
    followed: list = []
    original = Q._resolve_in_order

    def spy(quotes, ix=None, text=""):
        followed.extend(q for q in quotes if q.speaker == Q._FOLLOW)
        return original(quotes, ix, text)

    Q._resolve_in_order = spy
    out = []
    for ident, text in arts:
        if len(out) >= n:
            break
        results = {}
        for rule in (False, True):
            Q.RESOLVE_IN_VIEW = rule
            followed.clear()
            art = analyze(text, id=ident)
            results[rule] = ([(q.start, q.speaker) for q in followed], art)
        (old_q, old_a), (new_q, new_a) = results[False], results[True]
        names = lambda a, k: (a.entity_index.get(k) or {}).get("name") if k else None  # noqa: E731
        forms = lambda a, k: [names(a, k), *((a.entity_index.get(k) or {}).get("aliases") or [])] if k else []  # noqa: E731
        for (start, old), (_, new) in zip(old_q, new_q):
            if len(out) >= n:
                break
            q = next(x for x in new_a.quotes if x.start == start)
            para = new_a.text.rfind("\n\n", 0, q.start)
            begin = para
            for _ in range(2):
                begin = new_a.text.rfind("\n\n", 0, begin) if begin > 0 else -1
            end = new_a.text.find("\n\n", q.end)
            end = len(new_a.text) if end < 0 else end
            ctx = new_a.text[max(0, begin + 2):q.start] + "[[" + new_a.text[q.start:q.end] + "]]" + new_a.text[q.end:end]
            out.append({"n": len(out) + 1, "article": ident, "start": q.start, "quote": q.text, "context": ctx,
                        "old": names(old_a, old), "new": names(new_a, new),
                        "old_forms": forms(old_a, old), "new_forms": forms(new_a, new)})
            break  # one quote an article: the sample spreads over articles
    Q._resolve_in_order, Q.RESOLVE_IN_VIEW = original, True
    return out


if __name__ == "__main__":
    main()

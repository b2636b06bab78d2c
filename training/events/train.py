"""Learn warta's event-sense model from the hand judgments under eval/events; score it on a held-out check.

    python training/events/train.py [--data ../shared/data] [--test eval/events/clickid-50f-judged.jsonl] [--install]

warta's model is learnt from every check (`--install`, no `--test`); `--test` holds one out and
scores it, which is how the figures in models/event-sense/README.md were made.

Every event warta's rules code is a trigger in a sentence; a reader judged whether it is an
instance of its PLOVER type that happened (`type_right` in `eval/events/clickid-50?-judged.jsonl`).
Only events the rules mark asserted are learnt from and filtered: planned, possible and denied
ones keep their `status` and are not the model's to judge.
The judged articles are analysed again with the model switched off, and each event is matched
to its judgment by article, type and trigger. A spaCy bag-of-words classifier (unigrams and
bigrams of `warta.nlp.events.sense_text`: the type, status, actor and target kinds, the
article's topic, and the words around the trigger) learns from the checks. The threshold below which warta drops an event is chosen by 5-fold cross-validation on
the training checks alone (the best F0.5 of keeping right events); the held-out check is
scored once, at the end.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "src" / "warta" / "models" / "event-sense"
EVENTS = ROOT / "eval" / "events"
TRAIN = [EVENTS / f"clickid-50{c}-judged.jsonl" for c in "bcdefg"]
sys.path.insert(0, str(ROOT / "eval" / "stories"))


def examples(paths: list[Path], data: Path) -> list[tuple[str, bool, str]]:
    """(sense text, judged right, article) for every coded event that has a judgment."""
    import warta
    from sample import published
    from tqdm import tqdm

    from warta.nlp import events

    judged: dict[tuple[str, str, str], list[bool]] = {}
    for path in paths:
        for row in map(json.loads, path.open(encoding="utf-8")):
            judged.setdefault((row["article"], row["type"], row["trigger"].lower()), []).append(row["type_right"])
    ids = {k[0] for k in judged}
    arts = {}
    with gzip.open(data / "corpus" / "click-id-articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in ids:
                arts[d["id"]] = d
    saved, events._sense_model = events._sense_model, lambda: None  # every event the rules code
    out = []
    try:
        for ident in tqdm(sorted(arts), desc="articles"):
            d = arts[ident]
            when = published(d)
            art = warta.analyze("\n\n".join(d["paragraphs_heuristic"]), id=ident, url=d["url"], title=d["title"],
                                published=when if when[:4].isdigit() else None)
            cats = events.topic(art.text)
            for ev in art.events:
                verdicts = judged.get((ident, ev.type, ev.trigger.text.lower()))
                if verdicts and ev.status == "asserted":
                    text = events.sense_text(art.text, art.sentences[ev.sentence], ev, art.entity_index, cats)
                    out.append((text, verdicts.pop(0), ident))
    finally:
        events._sense_model = saved
    return out


def learn(train: list[tuple[str, bool, str]], epochs: int, seed: int = 0):
    import spacy
    from spacy.training import Example

    from warta.nlp.tokenizer import make_tokenizer

    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("id")
    tokenizer = make_tokenizer(nlp)
    textcat = nlp.add_pipe("textcat", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
        "no_output_layer": False, "length": 65536}})
    for label in ("event", "other"):
        textcat.add_label(label)
    data = [Example.from_dict(tokenizer(t), {"cats": {"event": float(y), "other": float(not y)}})
            for t, y, _ in train]
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(data)
        for i in range(0, len(data), 16):
            nlp.update(data[i:i + 16], sgd=optimizer, drop=0.1)
    return nlp, tokenizer


def learn_all(train: list[tuple[str, bool, str]], epochs: int, members: int) -> list:
    """``members`` models, each from its own seed: their mean is steadier than any one of them."""
    return [learn(train, epochs, seed) for seed in range(members)]


def probabilities(models: list, items: list[tuple[str, bool, str]]) -> list[float]:
    """The members' mean probability of "event" for each item."""
    sums = [0.0] * len(items)
    for nlp, tokenizer in models:
        textcat = nlp.get_pipe("textcat")
        for i, doc in enumerate(textcat.pipe((tokenizer(t) for t, _, _ in items))):
            sums[i] += doc.cats["event"]
    return [x / len(models) for x in sums]


def kept_scores(ps: list[float], ys: list[bool], threshold: float) -> tuple[float, float, int]:
    """(precision of the kept events, share of right events kept, events kept)."""
    kept = [y for p, y in zip(ps, ys) if p >= threshold]
    right = sum(ys)
    return (sum(kept) / len(kept) if kept else 0.0), (sum(kept) / right if right else 0.0), len(kept)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--test", type=Path, help="a judged check to hold out and score at the end "
                    "(e.g. eval/events/clickid-50f-judged.jsonl); without it every check is learnt from")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--members", type=int, default=5, help="models learnt from different seeds, averaged")
    ap.add_argument("--install", action="store_true", help=f"write the model and its threshold to {TARGET}")
    ap.add_argument("--baseline", action="store_true", help="with --test: score the installed model on the "
                    "held-out check too, to compare")
    args = ap.parse_args()

    train_paths = [p for p in TRAIN if args.test is None or p.resolve() != args.test.resolve()]
    train = examples(train_paths, args.data)
    test = examples([args.test], args.data) if args.test else []
    print(f"learn from {len(train)} judged events ({sum(y for _, y, _ in train)} right) of "
          f"{', '.join(p.name for p in train_paths)}" + (f"; held out: {len(test)} of {args.test.name}" if test else ""))

    # the threshold, by 5-fold cross-validation over articles of the training checks
    articles = sorted({a for _, _, a in train})
    random.Random(1).shuffle(articles)
    fold = {a: i % 5 for i, a in enumerate(articles)}
    oof: list[tuple[float, bool]] = []
    for k in range(5):
        model = learn_all([x for x in train if fold[x[2]] != k], args.epochs, args.members)
        held = [x for x in train if fold[x[2]] == k]
        oof += list(zip(probabilities(model, held), (y for _, y, _ in held)))
    ps, ys = [p for p, _ in oof], [y for _, y in oof]
    print(f"\ncross-validated on the training checks (base precision {sum(ys) / len(ys):.3f}):")
    print(f"{'threshold':>9} {'P kept':>7} {'R kept':>7} {'F0.5':>6} {'kept':>5}")
    best = (0.0, 0.0)
    for t in [i / 20 for i in range(1, 20)]:
        p, r, n = kept_scores(ps, ys, t)
        f = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
        print(f"{t:9.2f} {p:7.3f} {r:7.3f} {f:6.3f} {n:5d}")
        best = max(best, (f, t))
    threshold = best[1]
    print(f"threshold chosen: {threshold:.2f} (best F0.5)")

    model = learn_all(train, args.epochs, args.members)
    if test:
        pt = probabilities(model, test)
        yt = [y for _, y, _ in test]
        p, r, n = kept_scores(pt, yt, threshold)
        print(f"\nheld out ({args.test.name}, {len(test)} events, base precision {sum(yt) / max(len(yt), 1):.3f}):")
        print(f"kept {n}: precision {p:.3f}, recall of right events {r:.3f}, "
              f"F1 {2 * p * r / (p + r) if p + r else 0.0:.3f}")
        if args.baseline:
            from warta.nlp import events

            installed = events._sense_model()
            if installed is not None:
                members, cut = installed
                pb = probabilities([(nlp, nlp.make_doc) for nlp in members], test)
                p, r, n = kept_scores(pb, yt, cut)
                print(f"installed model ({len(members)} members, threshold {cut:.2f}) on the same events: "
                      f"kept {n}: precision {p:.3f}, recall of right events {r:.3f}, "
                      f"F1 {2 * p * r / (p + r) if p + r else 0.0:.3f}")
    if args.install:
        import shutil

        for old in TARGET.glob("member-*"):
            shutil.rmtree(old)
        for k, (nlp, _) in enumerate(model):
            nlp.to_disk(TARGET / f"member-{k}", exclude=["tokenizer"])
        (TARGET / "threshold.json").write_text(json.dumps({"threshold": threshold, "members": len(model)}) + "\n",
                                               "utf-8")
        print(f"-> {TARGET}")


if __name__ == "__main__":
    main()

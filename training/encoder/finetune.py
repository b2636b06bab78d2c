"""Fine-tune the decoded multilingual-e5-small as a PER/ORG/LOC token classifier.

    python training/encoder/finetune.py [--data ../shared/data] [--epochs 5] [--out training/encoder/output/ner]

Train: idner-news-2k train, NERGrit train and valid (with --crossner also IDCrossNER train, its
fine labels mapped onto PER/ORG/LOC), 15% of sentences added again lower-cased; any sentence
also in idner dev or NERGrit test is dropped. Dev (checkpoint choice): idner dev; NERGrit test is only reported.
Labels go on each word's first piece. Batch 16, AdamW at lr 1e-4 with 10% warm-up then linear
decay. The word-embedding matrix is cut to the pieces the training data and CLICK-ID use
(`vocab.py`), which is where most of the file's size and the optimiser's memory went.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from e5model import Encoder, Tagger, Tokenizer, batch, restricted  # noqa: E402
from nerdata import LABELS, score, training_sets  # noqa: E402


def load_encoder(path: Path) -> tuple[Encoder, Tokenizer]:
    ck = torch.load(path, weights_only=False)
    t = ck["tokenizer"]
    tok = restricted(t, ck["keep"]) if "keep" in ck else Tokenizer(
        t["pieces"], t["scores"], t["norm"], t["bos"], t["eos"], t["unk"])
    enc = Encoder(**ck["config"])
    enc.load_state_dict(ck["state"])
    return enc, tok


def predict(model: Tagger, tok: Tokenizer, sentences: list[list[str]], size: int = 32) -> list[list[str]]:
    model.eval()
    order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
    out: list[list[str]] = [[] for _ in sentences]
    with torch.no_grad():
        for b in range(0, len(order), size):
            idx = order[b:b + size]
            ids, lengths, firsts = batch(tok, [sentences[i] for i in idx])
            best = model(ids, lengths).argmax(-1)
            for row, i in enumerate(idx):
                out[i] = [model.labels[int(best[row, f])] if f >= 0 else "O" for f in firsts[row]]
    return out


def report(name: str, scores: dict) -> str:
    parts = [f"{lab} {f:.3f}" for lab, (p, r, f) in scores.items() if lab != "ALL"]
    p, r, f = scores["ALL"]
    return f"{name}: P {p:.3f} R {r:.3f} F1 {f:.3f} ({', '.join(parts)})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(HERE.parents[1] / ".." / "shared" / "data"))
    ap.add_argument("--encoder", default=str(HERE / "output" / "e5-id.pt"))
    ap.add_argument("--out", default=str(HERE / "output" / "ner"))
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--lower", type=float, default=0.15, help="share of sentences added again lower-cased")
    ap.add_argument("--crossner", action="store_true",
                    help="also train on IDCrossNER train (tried: dev 0.857, NERGrit test 0.774; not kept)")
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    train, dev, test, dropped = training_sets(Path(args.data), args.lower, crossner=args.crossner)
    print(f"train {len(train)} sentences ({dropped} dropped: also in a held-out set), "
          f"dev {len(dev)}, NERGrit test {len(test)}", flush=True)
    enc, tok = load_encoder(Path(args.encoder))
    model = Tagger(enc, LABELS)
    lab = {l: i for i, l in enumerate(LABELS)}
    steps = args.epochs * ((len(train) + args.batch - 1) // args.batch)
    warm = max(1, steps // 10)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: s / warm if s < warm else max(0.0, (steps - s) / max(1, steps - warm)))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    best, history, step, t0 = -1.0, [], 0, time.time()
    for epoch in range(1, args.epochs + 1):
        model.train()
        # batches of similar length, in random order
        order = sorted(range(len(train)), key=lambda i: (len(train[i][0]), rng.random()))
        chunks = [order[i:i + args.batch] for i in range(0, len(order), args.batch)]
        rng.shuffle(chunks)
        total, pieces, te = 0.0, 0, time.time()
        for n, idx in enumerate(chunks, 1):
            ids, lengths, firsts = batch(tok, [train[i][0] for i in idx])
            target = torch.full(ids.shape, -100, dtype=torch.long)
            for row, i in enumerate(idx):
                for f, tag in zip(firsts[row], train[i][1]):
                    if f >= 0:
                        target[row, f] = lab[tag]
            logits = model(ids, lengths)
            loss = torch.nn.functional.cross_entropy(logits.view(-1, len(LABELS)), target.view(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            total += float(loss.detach())
            pieces += int(lengths.sum())
            if n % 50 == 0:
                el = time.time() - t0
                print(f"  epoch {epoch} batch {n}/{len(chunks)} loss {total / n:.4f} "
                      f"{pieces / (time.time() - te):.0f} pieces/s {el:.0f} s", flush=True)
        dev_scores = score([t for _, t in dev], predict(model, tok, [w for w, _ in dev]))
        line = report(f"epoch {epoch} idner dev", dev_scores)
        print(line, f"[{time.time() - t0:.0f} s]", flush=True)
        history.append(dict(epoch=epoch, dev=dev_scores["ALL"], seconds=round(time.time() - t0)))
        if dev_scores["ALL"][2] > best:
            best = dev_scores["ALL"][2]
            torch.save({"labels": LABELS, "state": model.state_dict(), "epoch": epoch}, out / "tagger.pt")
    model.load_state_dict(torch.load(out / "tagger.pt", weights_only=False)["state"])
    final = {"idner dev": score([t for _, t in dev], predict(model, tok, [w for w, _ in dev])),
             "NERGrit test": score([t for _, t in test], predict(model, tok, [w for w, _ in test]))}
    for name, s in final.items():
        print(report(name, s))
    (out / "scores.json").write_text(json.dumps(dict(args=vars(args), history=history, final=final), indent=2))


if __name__ == "__main__":
    main()

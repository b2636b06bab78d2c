"""Silver NER data: CLICK-ID sentences labelled by the fine-tuned encoder, for the CNN to learn from.

    python training/encoder/silver.py [--data ../shared/data] [--n 30000] [--out training/encoder/output/silver.spacy]

Sentences come from CLICK-ID paragraphs (CC BY 4.0; never from an evaluation set: any sentence
also in idner dev or NERGrit test is dropped), split by warta's sentence splitter and tokenised
by warta's tokenizer, so the CNN trains on the tokens it will see. Sentences without an entity
are kept up to --empty of the total, about the share in the gold training data.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import torch
from spacy.training import biluo_tags_to_spans, iob_to_biluo

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from e5model import Tagger  # noqa: E402
from finetune import load_encoder, predict  # noqa: E402
from nerdata import key, repair, training_sets  # noqa: E402


def ner_silver():
    """training/ner/silver.py (it shares this file's name): its sentence stream and silver bin."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("ner_silver", HERE.parent / "ner" / "silver.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(HERE.parents[1] / ".." / "shared" / "data"))
    ap.add_argument("--encoder", default=str(HERE / "output" / "e5-id.pt"))
    ap.add_argument("--tagger", default=str(HERE / "output" / "ner" / "tagger.pt"))
    ap.add_argument("--n", type=int, default=30000)
    ap.add_argument("--empty", type=float, default=0.25, help="largest share of sentences without entities")
    ap.add_argument("--out", default=str(HERE / "output" / "silver.spacy"))
    args = ap.parse_args()
    torch.set_num_threads(2)
    from warta.nlp.components import trim
    from warta.nlp.pipeline import load_pipeline

    tokenizer = load_pipeline("none").tokenizer
    data = Path(args.data)
    _, dev, test, _ = training_sets(data)
    held = {key(w) for w, _ in dev + test}
    enc, tok = load_encoder(Path(args.encoder))
    ck = torch.load(args.tagger, weights_only=False)
    model = Tagger(enc, ck["labels"])
    model.load_state_dict(ck["state"])
    shared = ner_silver()
    silver, t0 = shared.SilverBin(args.n, args.empty), time.time()
    stream = shared.sentences(data, random.Random(29))
    while not silver.full:
        docs = []
        for sent in stream:
            doc = tokenizer(sent)
            if key([t.text for t in doc]) not in held:
                docs.append(doc)
            if len(docs) == 512:
                break
        if not docs:
            break
        tags = predict(model, tok, [[t.text for t in d] for d in docs])
        for doc, t in zip(docs, tags):
            spans = []
            for span in biluo_tags_to_spans(doc, iob_to_biluo(repair(t))):
                # the gold data writes "(PKB)" as one token, warta's tokenizer as three: no
                # span may keep the bracket it would then end with
                start, end = trim(doc.text, span.start_char, span.end_char)
                piece = doc.char_span(start, end, label=span.label_, alignment_mode="contract")
                if piece is not None and len(piece):
                    spans.append(piece)
            doc.ents = spans
            silver.offer(doc)
        print(f"  {silver.kept:,} sentences, {time.time() - t0:.0f} s", flush=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    silver.db.to_disk(out)
    print(f"silver: {silver.kept:,} sentences ({silver.empty:,} without entities) -> {out} in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()

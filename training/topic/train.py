"""Learn warta's news-topic classifier from CLICK-ID's section labels; score it on held-out articles.

    python training/topic/train.py [--data ../shared/data] [--install]

Each CLICK-ID article's outlet section (`category`, `sub_category`) gives one of six topics
(TOPICS below; sections that fit none, such as opinion or education, are left out). Articles
whose id is named anywhere under eval/ are left out too, so the event checks there stay blind,
and those whose id hashes to 0 mod 10 are held out for the scores printed at the end. A spaCy
bag-of-words text classifier (unigrams and bigrams of the body's first 1,500 characters)
learns from the rest. warta codes PLOVER events only where it reads "news" (politics, law,
security, regions and the world).
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "src" / "warta" / "models" / "topic-id"
TOPICS = ("news", "economy", "sport", "entertainment", "lifestyle", "technology")
# Section words (category or sub-category, lower case) for each topic; the first that matches wins.
SECTIONS = [
    ("sport", "bola sport sports olahraga super-skor motogp netting sepakbola all-sports motosport "
              "liga-indonesia liga-inggris liga-champion sepakbola-dunia"),
    ("entertainment", "seleb selebriti celebrity entertainment tv musik film korea hot-gossip cinefilm "
                      "berita-film news-&-entertainment"),
    ("technology", "tekno autotekno otomotif sains gadget oh-begitu auto-mobil motor techno"),
    ("lifestyle", "lifestyle gaya cantik beauty fashion travel health life look-good kuliner muslim "
                  "serba-serbi parenting"),
    ("economy", "bisnis ekbis economy money properti finance sektor-riil bursa-finansial makro "
                "saham-dan-valas fiskal-&-moneter whats-new property"),
    ("news", "nasional news daerah metro dunia international internasional regional berita-utama hukum "
             "politik peristiwa megapolitan nusantara perkotaan asia-pasifik amerika eropa timur-tengah"),
]
SKIP = {"humaniora", "edukasi", "kolom", "opini", "-"}
CHARS = 1500


def topic(d: dict) -> str | None:
    sub = re.sub(r"\s+", "-", str(d.get("sub_category") or "-").strip().lower())
    cat = re.sub(r"\s+", "-", str(d.get("category") or "-").strip().lower())
    if {sub, cat} & SKIP - {"-"}:
        return None
    for name in (sub, cat):
        for label, words in SECTIONS:
            if name in words.split():
                return label
    return None


def text_of(body: str) -> str:
    return body[:CHARS]


def held_out(ident: str) -> bool:
    return int(hashlib.sha1(ident.encode()).hexdigest(), 16) % 10 == 0


def eval_ids() -> set[str]:
    found = set()
    for p in (ROOT / "eval").rglob("*"):
        if p.is_file() and p.suffix in {".jsonl", ".tsv", ".json", ".md", ".txt"}:
            found |= set(re.findall(r"clickid-\d+", p.read_text("utf-8", errors="ignore")))
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--install", action="store_true", help=f"write the model to {TARGET}")
    args = ap.parse_args()
    import spacy
    from spacy.training import Example
    from tqdm import tqdm

    skip = eval_ids()
    train, test = [], []
    with gzip.open(args.data / "corpus" / "click-id-articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            label = topic(d)
            if label is None or d["id"] in skip or not any(p.strip() for p in d["paragraphs_heuristic"]):
                continue
            item = (text_of("\n\n".join(d["paragraphs_heuristic"])), label)
            (test if held_out(d["id"]) else train).append(item)
    print(f"CLICK-ID: {len(train)} articles to learn from, {len(test)} held out, {len(skip)} named in eval/ left out")
    from warta.nlp.tokenizer import make_tokenizer

    nlp = spacy.blank("id")
    tokenizer = make_tokenizer(nlp)  # warta's tokens: the pipeline hands the model its own Doc
    textcat = nlp.add_pipe("textcat", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
        "no_output_layer": False, "length": 131072}})
    for t in TOPICS:
        textcat.add_label(t)
    docs = [(tokenizer(t), {t2: float(t2 == lab) for t2 in TOPICS}) for t, lab in tqdm(train, desc="tokens")]
    examples = [Example.from_dict(doc, {"cats": cats}) for doc, cats in docs]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(0)
    for epoch in range(args.epochs):
        rng.shuffle(examples)
        losses: dict = {}
        for i in range(0, len(examples), 64):
            nlp.update(examples[i:i + 64], sgd=optimizer, losses=losses)
        print(f"epoch {epoch + 1}: loss {losses['textcat']:.2f}")
    gold = [lab for _, lab in test]
    pred = [max(doc.cats, key=doc.cats.get) for doc in textcat.pipe((tokenizer(t) for t, _ in test), batch_size=256)]
    print(f"\nheld-out CLICK-ID articles ({len(test)}), topic from the outlet's section:")
    print(f"{'topic':<14} {'P':>6} {'R':>6} {'F1':>6} {'n':>6}")
    for t in TOPICS:
        tp = sum(1 for g, p in zip(gold, pred) if g == p == t)
        np_, ng = pred.count(t), gold.count(t)
        p, r = tp / np_ if np_ else 0.0, tp / ng if ng else 0.0
        print(f"{t:<14} {p:6.3f} {r:6.3f} {2 * p * r / (p + r) if p + r else 0.0:6.3f} {ng:6d}")
    print(f"accuracy {sum(g == p for g, p in zip(gold, pred)) / len(gold):.3f}")
    if args.install:
        nlp.to_disk(TARGET, exclude=["tokenizer"])  # warta loads its own tokenizer with it
        print(f"-> {TARGET}")


if __name__ == "__main__":
    main()

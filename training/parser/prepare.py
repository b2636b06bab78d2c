"""UD Indonesian treebanks -> spaCy DocBins for warta's dependency parser.

    python training/parser/prepare.py [--data ../shared/data]

A multiword token ("menyetujuinya" = "menyetujui" + "nya") becomes one token, as warta's
tokenizer leaves it: it takes the head and relation of the part whose head lies outside it,
and arcs into any part point at it. Splits: train = CSUI train + GSD dev + PUD test; dev (model
selection) = CSUI test; held out = GSD test, scored only by evaluate.py.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SPLITS = {
    "train": ["UD_Indonesian-CSUI/id_csui-ud-train.conllu", "UD_Indonesian-GSD/id_gsd-ud-dev.conllu",
              "UD_Indonesian-PUD/id_pud-ud-test.conllu"],
    "dev": ["UD_Indonesian-CSUI/id_csui-ud-test.conllu"],
    "heldout": ["UD_Indonesian-GSD/id_gsd-ud-test.conllu"],
}


def sentences(path: Path):
    """Each sentence of a CoNLL-U file as (rows, ranges): rows[id] = columns, ranges = MWT lines."""
    rows: dict[int, list[str]] = {}
    ranges: list[tuple[int, int, list[str]]] = []
    for line in path.read_text("utf-8").splitlines() + [""]:
        if not line.strip():
            if rows:
                yield rows, ranges
            rows, ranges = {}, []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "." in cols[0]:
            continue  # empty nodes
        if "-" in cols[0]:
            a, b = map(int, cols[0].split("-"))
            ranges.append((a, b, cols))
        else:
            rows[int(cols[0])] = cols


def to_doc(vocab: Vocab, rows: dict[int, list[str]], ranges) -> Doc:
    merged = {i: (a, b, cols) for a, b, cols in ranges for i in range(a, b + 1)}
    units: list[tuple[int, int, str, bool]] = []  # (first id, last id, form, space after)
    i, n = 1, max(rows)
    while i <= n:
        if i in merged:
            a, b, cols = merged[i]
            units.append((a, b, cols[1], "SpaceAfter=No" not in cols[9]))
            i = b + 1
        else:
            units.append((i, i, rows[i][1], "SpaceAfter=No" not in rows[i][9]))
            i += 1
    unit_of = {k: u for u, (a, b, _, _) in enumerate(units) for k in range(a, b + 1)}
    words, spaces, heads, deps, pos = [], [], [], [], []
    for u, (a, b, form, space) in enumerate(units):
        parts = range(a, b + 1)
        main = next((k for k in parts if not a <= int(rows[k][6]) <= b), a)
        head = int(rows[main][6])
        words.append(form)
        spaces.append(space)
        heads.append(u if head == 0 else unit_of[head])
        deps.append("ROOT" if head == 0 else rows[main][7])
        pos.append(rows[main][3])
    return Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=pos)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT / ".." / "shared" / "data"))
    ap.add_argument("--out", default=str(HERE / "corpus"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    vocab = Vocab()
    for split, files in SPLITS.items():
        db, count, tokens = DocBin(), 0, 0
        for name in files:
            for rows, ranges in sentences(Path(args.data) / "ud" / name):
                doc = to_doc(vocab, rows, ranges)
                db.add(doc)
                count, tokens = count + 1, tokens + len(doc)
        db.to_disk(out / f"{split}.spacy")
        print(f"{split}: {count} sentences, {tokens} tokens -> {out / f'{split}.spacy'}")


if __name__ == "__main__":
    main()

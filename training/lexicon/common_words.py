"""Build warta's list of common words: words that Indonesian news writes in lower case.

    python training/lexicon/common_words.py [--data ../shared/data] [--out src/warta/nlp/lang/common_words.txt]

Counts, in the CLICK-ID corpus, how often each word appears inside a sentence in lower case
and how often capitalised. A word is common when it is seen in lower case at least
--min-lower times and capitalised inside a sentence at most --max-caps of that. A capitalised
common word at the start of a sentence ("Risiko", "Demi", "Itulah") is then no name on its
own; names that are also words ("Budi", "Indah") are capitalised often enough to stay out.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# a word, and whether something that ends a sentence (or the paragraph start) comes before it
_TOKEN = re.compile(r"(?P<stop>(?:^|[.!?:;\"“”'‘’()\[\]-])\s*)?(?P<word>[^\W\d_][\w'’-]*)")


def count(paragraphs) -> tuple[Counter, Counter]:
    lower, caps = Counter(), Counter()
    for para in paragraphs:
        for m in _TOKEN.finditer(para):
            word = m.group("word")
            # after a boundary or a quote casing says nothing; warta looks up only plain words
            if m.group("stop") is not None or not word.isalpha():
                continue
            if word.islower():
                lower[word] += 1
            elif word[0].isupper() and word[1:].islower():
                caps[word.lower()] += 1
    return lower, caps


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT / ".." / "shared" / "data"))
    ap.add_argument("--out", default=str(ROOT / "src" / "warta" / "nlp" / "lang" / "common_words.txt"))
    ap.add_argument("--min-lower", type=int, default=20)
    ap.add_argument("--max-caps", type=float, default=0.02)
    args = ap.parse_args()
    from tqdm import tqdm

    path = Path(args.data) / "corpus" / "click-id-articles.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        paragraphs = (p for line in tqdm(handle, desc="CLICK-ID articles", unit=" articles")
                      for p in json.loads(line).get("paragraphs_heuristic") or [])
        lower, caps = count(paragraphs)
    words = sorted(w for w, n in lower.items() if n >= args.min_lower and caps[w] <= args.max_caps * n)
    Path(args.out).write_text(
        f"# words Indonesian news writes in lower case (training/lexicon/common_words.py on CLICK-ID, CC BY 4.0,"
        f" min {args.min_lower} lower-case, capitalised at most {args.max_caps:.0%})\n"
        + "\n".join(words) + "\n", "utf-8")
    print(f"{len(words)} common words -> {args.out}")


if __name__ == "__main__":
    main()

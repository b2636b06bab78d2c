"""A seeded generator of syndicated copies over CLICK-ID articles.

    python eval/copies/generate.py [--n 300] [--seed 7] [--out /tmp/warta-copies.jsonl]

For each chosen article it writes the original and one copy made the way Indonesian outlets
republish each other, cycling through the kinds below (light: the body is kept; heavy: the
body changes). A copy is published a few hours to two days after its original. Lines are
warta JSONL objects with a "gold" field: {"kind", "original"} for copies, {"kind": "original"}.

Light: dateline (another outlet's dateline), read-also (one or two "Baca juga" lines), byline
(a reporter/editor line), numbers (``Rp 1,5`` written ``Rp1,5`` and back), headline (a new title).
Heavy: trimmed (the last third of the paragraphs dropped), added (a paragraph of another
article appended), rewrite (a word in most sentences replaced or dropped, a sentence or two
cut), mixed (dateline, read-also, trimmed and rewrite together).
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from datetime import datetime, timedelta
from pathlib import Path

LIGHT = ["dateline", "read-also", "byline", "numbers", "headline"]
HEAVY = ["trimmed", "added", "rewrite", "mixed"]
KINDS = LIGHT + HEAVY
DATELINES = ["JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -", "TEMPO.CO, Jakarta -", "JAKARTA - ", "Liputan6.com, Jakarta -",
             "SINDOnews.com -", "TRIBUNNEWS.COM, JAKARTA -", "Okezone.com, Jakarta -"]
READ_ALSO = ["Baca juga: Pemerintah Siapkan Langkah Lanjutan", "Baca Juga: Ini Tanggapan DPR soal Kebijakan Baru",
             "Baca juga: Warga Diminta Tetap Waspada", "Baca juga: Polisi Dalami Kasus Tersebut"]
BYLINES = ["Pewarta: Andi Pratama\nEditor: Siti Rahma", "Reporter: Dimas Saputra", "Penulis: Rina Kartika | Editor: Bayu"]
SWAPS = {"mengatakan": "menyatakan", "menurut": "kata", "pemerintah": "pemerintah pusat", "warga": "masyarakat",
         "tersebut": "itu", "akan": "bakal", "sudah": "telah", "juga": "pun", "saat": "ketika", "bahwa": "jika",
         "kepada": "pada", "sejumlah": "beberapa", "melakukan": "menggelar", "namun": "tetapi"}
HEADLINE_PREFIX = ["Terungkap!", "Ini Kata", "Begini", "Soal", "Jadi Sorotan,"]
_DATELINE = re.compile(r"^[^\n]{0,60}?\s[-–—]\s")


def _published(d: dict) -> datetime:
    m = re.search(r"/(20\d\d)/(\d\d)/(\d\d)/", d["url"])
    day = "-".join(m.groups()) if m else d["date_raw"]
    try:
        base = datetime.fromisoformat(day[:10])
    except ValueError:
        base = datetime(2019, 9, 15)
    clock = re.match(r"(\d\d):(\d\d)", d.get("time_raw") or "")
    return base.replace(hour=int(clock.group(1)), minute=int(clock.group(2))) if clock else base.replace(hour=8)


def _numbers(text: str) -> str:
    text = re.sub(r"\bRp\s+(?=\d)", "Rp", text)
    return re.sub(r"(?<=\d),(?=\d)", ".", text) if "," in text else text


def _rewrite(paras: list[str], rnd: random.Random) -> list[str]:
    out = []
    for p in paras:
        sentences = re.split(r"(?<=[.!?])\s+", p)
        kept = []
        for s in sentences:
            if len(sentences) > 2 and rnd.random() < 0.1:
                continue  # a sentence cut
            words = s.split()
            for i, w in enumerate(words):
                if w.lower() in SWAPS and rnd.random() < 0.7:
                    words[i] = SWAPS[w.lower()]
            if len(words) > 8 and rnd.random() < 0.5:
                del words[rnd.randrange(1, len(words) - 1)]
            kept.append(" ".join(words))
        out.append(" ".join(kept))
    return out


def make_copy(d: dict, kind: str, other: dict, rnd: random.Random) -> tuple[str, str]:
    """(title, body) of a copy of ``d`` of the given kind (``other`` gives an added paragraph)."""
    paras = [p for p in d["paragraphs_heuristic"] if p.strip()]
    title = d["title"]
    if kind in ("dateline", "mixed"):
        first = _DATELINE.sub("", paras[0]) if _DATELINE.match(paras[0]) else paras[0].lstrip("- ")
        paras = [f"{rnd.choice(DATELINES)} {first}", *paras[1:]]
    if kind in ("read-also", "mixed"):
        for _ in range(rnd.randint(1, 2)):
            paras.insert(rnd.randint(1, max(1, len(paras) - 1)), rnd.choice(READ_ALSO))
    if kind == "byline":
        paras.append(rnd.choice(BYLINES))
    if kind == "numbers":
        paras = [_numbers(p) for p in paras]
    if kind == "headline":
        title = f"{rnd.choice(HEADLINE_PREFIX)} {title}"
    if kind in ("trimmed", "mixed"):
        paras = paras[:max(2, round(len(paras) * 2 / 3))]
    if kind == "added":
        extra = [p for p in other["paragraphs_heuristic"] if len(p) > 80]
        paras.append(extra[0] if extra else "Kasus ini masih terus didalami oleh pihak berwenang.")
    if kind in ("rewrite", "mixed"):
        paras = _rewrite(paras, rnd)
    return title, "\n\n".join(paras)


def generate(data: Path, n: int, seed: int, exclude: set[str] = frozenset()) -> list[dict]:
    news = {"Kompas.com", "tempo.co", "okezone.com", "sindonews.com", "tribunnews.com"}
    pool = []
    with gzip.open(data / "corpus" / "click-id-articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            paras = [p for p in d["paragraphs_heuristic"] if p.strip()]
            if d["source"] in news and d["id"] not in exclude and len(paras) >= 4 and sum(map(len, paras)) > 1200:
                pool.append(d)
    pool.sort(key=lambda d: d["id"])
    rnd = random.Random(seed)
    chosen = rnd.sample(pool, n)
    out = []
    for i, d in enumerate(chosen):
        kind = KINDS[i % len(KINDS)]
        when = _published(d)
        out.append({"id": d["id"], "url": d["url"], "title": d["title"], "outlet": d["source"],
                    "published": when.isoformat(timespec="minutes"), "text": "\n\n".join(d["paragraphs_heuristic"]),
                    "gold": {"kind": "original"}})
        title, body = make_copy(d, kind, chosen[(i + 1) % len(chosen)], rnd)
        later = when + timedelta(minutes=rnd.randint(30, 48 * 60))
        out.append({"id": f"{d['id']}-copy", "url": f"https://salinan.test/{d['id']}", "title": title,
                    "outlet": rnd.choice(["antaranews.com", "suara.com", "jpnn.com", "merdeka.com"]),
                    "published": later.isoformat(timespec="minutes"), "text": body,
                    "gold": {"kind": kind, "original": d["id"]}})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2].parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default="/tmp/warta-copies.jsonl")
    args = ap.parse_args()
    items = generate(args.data, args.n, args.seed)
    with open(args.out, "w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(items)} articles ({args.n} originals, {args.n} copies) written to {args.out}")


if __name__ == "__main__":
    main()

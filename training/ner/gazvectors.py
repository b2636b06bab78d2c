"""Gazetteer features as static vectors: one small vector of list memberships per word.

    python training/ner/gazvectors.py [--out training/ner/gazvectors]
    python -m spacy train training/ner/gazetteer.cfg --paths.train training/ner/corpus/train.spacy \
        --paths.dev training/ner/corpus/dev.spacy --output training/ner/output/gazetteer

Each lower-cased word gets a 0/1 feature per list it appears in (first word / later word of a
country name, of a province, of a city, of an organisation; a title word; the head word of an
organisation or facility name; an Indonesian given name or family name). The NER model reads
them next to its hash embeddings (`include_static_vectors`), so it sees that "Urumqi" is a
city or "Tumiran" a name without having met them in training. Lists: warta's gazetteer
(CLDR, GeoNames, provinces, aliases), warta's titles, and the Indonesian person names of the
Faker package (MIT). Measured: no better than the model without them (see the model card).
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np
import spacy
from spacy.vectors import Vectors

from warta.nlp import entities as E

FEATURES = ("country_first", "country_rest", "province_first", "province_rest", "city_first",
            "city_rest", "org_first", "org_rest", "title", "org_head", "fac_head", "given_name",
            "family_name")


def person_names() -> tuple[set[str], set[str]]:
    from faker.providers.person.id_ID import Provider as P

    given = set(P.first_names_male) | set(P.first_names_female)
    return given, set(P.last_names)


def features() -> dict[str, np.ndarray]:
    table: dict[str, np.ndarray] = {}

    def mark(word: str, name: str) -> None:
        vec = table.setdefault(word.lower(), np.zeros(len(FEATURES), dtype="float32"))
        vec[FEATURES.index(name)] = 1.0

    for surface, (label, _canonical, _cc, kind) in E.gazetteer().items():
        kind = kind if kind in ("country", "province", "city") else "org" if label == "ORG" else "city"
        words = re.findall(r"[\w'’.-]+", surface)
        for i, w in enumerate(words):
            mark(w, f"{kind}_{'first' if i == 0 else 'rest'}")
    for title in E.titles():
        for w in title.split():
            mark(w, "title")
    for head in E._ORG_WORDS:
        mark(head.split()[0], "org_head")
    for head in E._FAC_WORDS:
        mark(head.split()[0], "fac_head")
    given, family = person_names()
    for w in given:
        mark(w, "given_name")
    for w in family:
        mark(w, "family_name")
    return table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "gazvectors"))
    args = ap.parse_args()
    table = features()
    nlp = spacy.blank("id")
    keys = [nlp.vocab.strings.add(w) for w in table]
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=np.stack(list(table.values())),
                                keys=keys, attr="LOWER")
    nlp.to_disk(args.out)
    counts = np.stack(list(table.values())).sum(0)
    print(f"{len(table):,} words x {len(FEATURES)} features -> {args.out}")
    print("  " + ", ".join(f"{n} {int(c):,}" for n, c in zip(FEATURES, counts)))


if __name__ == "__main__":
    main()

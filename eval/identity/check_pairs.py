#!/usr/bin/env python3
"""Check eval/identity/pairs.jsonl against the CLICK-ID corpus.

Usage: python3 eval/identity/check_pairs.py [pairs.jsonl] [click-id-articles.jsonl.gz]

Checks: valid JSON per line with the expected fields; every `text` occurs
verbatim (case-sensitive) in "\n\n".join(paragraphs_heuristic) of its
article; within pairs share one article id, cross pairs do not; for cross
pairs article b does not contain form a; case labels are known; no article
is used by more than 3 pairs; the same/different labels are consistent
(no different pair joins two mentions linked by same pairs); minimum counts.
Reads the corpus once, line by line, keeping only the articles it needs.
"""
import collections
import gzip
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PAIRS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "pairs.jsonl")
CORPUS = sys.argv[2] if len(sys.argv) > 2 else "/work/shared/data/corpus/click-id-articles.jsonl.gz"

SAME_CASES = {"nickname", "short-form", "acronym", "alias-statement", "place", "party"}
DIFF_CASES = {"first-name", "surname", "relative", "sub-body", "regional-branch",
              "province-capital", "country-capital", "city-regency", "other"}

errors = []
pairs = []
with open(PAIRS, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        try:
            o = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: invalid JSON: {e}")
            continue
        for k in ("a", "b", "same", "scope", "case", "context", "note"):
            if k not in o:
                errors.append(f"line {n}: missing field {k}")
        for side in ("a", "b"):
            s = o.get(side, {})
            if not isinstance(s, dict) or not s.get("article") or not s.get("text"):
                errors.append(f"line {n}: bad {side}")
        if not isinstance(o.get("same"), bool):
            errors.append(f"line {n}: same must be boolean")
        if o.get("scope") not in ("within", "cross"):
            errors.append(f"line {n}: bad scope {o.get('scope')}")
        allowed = SAME_CASES if o.get("same") else DIFF_CASES
        if o.get("case") not in allowed:
            errors.append(f"line {n}: case {o.get('case')} not allowed for same={o.get('same')}")
        pairs.append((n, o))

need = {o[s]["article"] for _, o in pairs for s in ("a", "b") if isinstance(o.get(s), dict)}
texts = {}
with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
    for line in f:
        # cheap prefilter on the id before parsing the whole line
        i = line.find('"id": "')
        if i >= 0 and line[i + 7:i + 20] not in need:
            continue
        d = json.loads(line)
        if d["id"] in need:
            texts[d["id"]] = "\n\n".join(d["paragraphs_heuristic"])
missing_articles = need - set(texts)
for a in sorted(missing_articles):
    errors.append(f"article {a} not in corpus")

per_article = collections.Counter()
parent = {}


def find(x):
    parent.setdefault(x, x)
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


for n, o in pairs:
    try:
        a, b = o["a"], o["b"]
    except KeyError:
        continue
    for s in (a, b):
        t = texts.get(s["article"])
        if t is not None and s["text"] not in t:
            errors.append(f"line {n}: {s['text']!r} not found verbatim in {s['article']}")
    if o["scope"] == "within" and a["article"] != b["article"]:
        errors.append(f"line {n}: within pair with two articles")
    if o["scope"] == "cross":
        if a["article"] == b["article"]:
            errors.append(f"line {n}: cross pair with one article")
        elif a["text"] in texts.get(b["article"], ""):
            errors.append(f"line {n}: cross pair but article b contains form a {a['text']!r}")
    for side in ("a", "b"):
        if o[side]["text"] not in o["context"]:
            errors.append(f"line {n}: form {o[side]['text']!r} not shown in context")
    for piece in o["context"].replace(" [...] ", " || ").split(" || "):
        if len(piece) > 200:
            errors.append(f"line {n}: context piece longer than 200 characters")
    if a["article"] == b["article"]:
        per_article[a["article"]] += 1
    else:
        per_article[a["article"]] += 1
        per_article[b["article"]] += 1
    if o["same"]:
        parent[find((a["article"], a["text"]))] = find((b["article"], b["text"]))

for n, o in pairs:
    if not o.get("same") and "a" in o and "b" in o:
        if find((o["a"]["article"], o["a"]["text"])) == find((o["b"]["article"], o["b"]["text"])):
            errors.append(f"line {n}: different pair links two mentions joined by same pairs")

for art, c in per_article.items():
    if c > 3:
        errors.append(f"article {art} used by {c} pairs (max 3)")

cnt = collections.Counter((o["same"], o["scope"], o["case"]) for _, o in pairs)
same_within = sum(v for (s, sc, _), v in cnt.items() if s and sc == "within")
same_cross = sum(v for (s, sc, _), v in cnt.items() if s and sc == "cross")
diff_total = sum(v for (s, _, _), v in cnt.items() if not s)
alias = sum(v for (s, _, c), v in cnt.items() if s and c == "alias-statement")
diff_case = collections.Counter()
for (s, _, c), v in cnt.items():
    if not s:
        diff_case[c] += v

if same_within + same_cross < 100:
    errors.append(f"only {same_within + same_cross} same pairs (need 100)")
if same_within < 45:
    errors.append(f"only {same_within} same/within pairs (need 45)")
if same_cross < 45:
    errors.append(f"only {same_cross} same/cross pairs (need 45)")
if alias < 12:
    errors.append(f"only {alias} alias-statement pairs (need 12)")
if diff_total < 70:
    errors.append(f"only {diff_total} different pairs (need 70)")
for c in DIFF_CASES:
    if diff_case[c] < 5:
        errors.append(f"different case {c}: {diff_case[c]} pairs (need 5)")

print(f"pairs: {len(pairs)}  same: {same_within + same_cross} (within {same_within}, cross {same_cross})  different: {diff_total}")
for (s, sc, c), v in sorted(cnt.items(), key=lambda kv: (not kv[0][0], kv[0][1], kv[0][2])):
    print(f"  {'same' if s else 'diff':4} {sc:6} {c:16} {v}")
if errors:
    print(f"{len(errors)} problem(s):")
    for e in errors:
        print("  " + e)
    sys.exit(1)
print("OK")

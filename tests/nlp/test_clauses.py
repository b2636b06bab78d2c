"""The parsed subject of a trigger's clause (models/parser-id)."""
from warta.nlp.clauses import Clauses, parser


def subject(text, word):
    found = Clauses(text).subject((0, len(text)), text.index(word))
    return text[found[0]:found[1]] if found else None


def test_parser_ships_with_a_tagger_and_dependencies():
    doc = parser()("Polisi menangkap dua orang tersangka di Bekasi.")
    assert doc[1].dep_ == "ROOT" and doc[0].dep_ == "nsubj" and doc[0].head.i == 1
    assert doc[0].tag_ in {"NOUN", "PROPN"}


def test_subject_of_an_active_verb_with_its_noun_phrase():
    assert subject("Ratusan mahasiswa menolak revisi undang-undang itu.", "menolak") == "Ratusan mahasiswa"
    assert subject("Serikat menuntut kenaikan upah.", "menuntut") == "Serikat"


def test_a_verb_that_continues_another_takes_its_subject():
    assert subject("Warga datang dan menolak rencana itu.", "menolak") == "Warga"


def test_no_subject_where_the_clause_names_none():
    assert subject("Menolak rencana itu adalah hak warga.", "Menolak") is None
    text = "Mereka yang ditangkap menolak tuduhan itu."  # not one plain noun phrase
    assert subject(text, "menolak") is None


def test_a_place_or_an_aside_after_the_head_is_cut_from_the_subject():
    text = "Massa pengunjuk rasa di Gedung KPK di Kuningan, Jakarta Selatan, mendesak Presiden mencopot mereka."
    assert subject(text, "mendesak") == "Massa pengunjuk rasa"
    found = Clauses(text).subject((0, len(text)), text.index("mendesak"))
    assert "di Kuningan" in text[found.end:found.reach]  # the places cut off still count as the subject's
    assert subject("Sehari sebelumnya, KPK menggeledah kantor itu.", "menggeledah") is None

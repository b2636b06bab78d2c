"""warta's spaCy components, registered with spaCy's factory registry."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from .timex import safe_find_times

for _name in ("published", "times"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class TimexTagger:
    """Time expressions as ``doc._.times`` (TimeExpr list) and ``doc.spans["times"]``.

    The anchor for relative expressions is ``doc._.published`` (YYYY-MM-DD) when set.
    """

    def __init__(self, nlp: Language, name: str = "warta_timex"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        # doc.text rebuilds the string token by token; callers that hold the text pass it.
        times, warnings = safe_find_times(doc.user_data.get("text") or doc.text, doc._.published)
        doc._.times = times
        if warnings:
            doc.user_data.setdefault("warnings", []).extend(warnings)
        spans = (doc.char_span(t.start, t.end, label=t.type, alignment_mode="expand") for t in times)
        doc.spans["times"] = [s for s in spans if s is not None]
        return doc


@Language.factory("warta_timex", assigns=["doc._.times", "doc.spans"])
def make_timex(nlp: Language, name: str) -> TimexTagger:
    return TimexTagger(nlp, name)


@Language.factory("warta_encoder_ner", assigns=["doc.ents"])
def make_encoder_ner(nlp: Language, name: str):
    from .encoder import EncoderNER

    return EncoderNER(nlp, name)


@registry.tokenizers("warta.tokenizer.v1")
def create_tokenizer():
    """The tokenizer factory warta's pipelines name in their config."""
    from .pipeline import make_tokenizer

    return make_tokenizer

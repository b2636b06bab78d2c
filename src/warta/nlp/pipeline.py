"""warta's NLP pipeline: the spaCy components of ``components.py``, put together by ``pipeline.cfg``.

``load_pipeline()`` builds it (once per NER model, cached); ``make_doc`` sets the inputs the
steps read; ``use_ner`` chooses the NER model later analyses in this process use, by setting
``components.warta_ner.model`` in the config.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .components import shipped_model, trim  # noqa: F401  (registers the factories; trim for training)

CONFIG = Path(__file__).with_name("pipeline.cfg")

# The longest text the pipeline reads, in characters (a source file is at most 10 MB).
MAX_CHARS = 12_000_000

NER_MODES = ("fast", "accurate")
_ner = "fast"


def model_path() -> Path:
    """The shipped CNN NER model."""
    return shipped_model()


def check_ner(model: str) -> str:
    """``model`` if the pipeline can run it: "fast", "accurate", "none" or a model folder."""
    if model == "accurate":
        from .encoder import available, model_dir

        if not available():
            raise RuntimeError(f"accurate NER needs onnxruntime and the model in {model_dir()}: "
                               "pip install 'warta[accurate]'")
    elif model not in ("fast", "none"):
        path = Path(model)
        if not ((path / "config.cfg").exists() or (path / "model.onnx").exists()):
            raise ValueError(f"NER model {model}: not a spaCy model (config.cfg) or an encoder export (model.onnx)")
    return model


def use_ner(model: str) -> None:
    """Choose the NER model every later analysis in this process uses.

    "fast" is the shipped CNN; "accurate" is the fine-tuned multilingual-e5-small encoder
    (``warta[accurate]``: ONNX Runtime), several times slower and better on names it has not
    seen; "none" leaves entities to warta's rules; a folder is a model to evaluate."""
    global _ner
    if model not in NER_MODES + ("none",) and not Path(model).is_dir():
        raise ValueError(f"unknown NER mode {model!r}: choose one of {', '.join(NER_MODES)} or a model folder")
    _ner = check_ner(model)


def current_ner() -> str:
    return _ner


def load_pipeline(ner: str | None = None, overrides: dict | None = None):
    """The pipeline for the NER model ``ner`` (default: the one ``use_ner`` chose), cached;
    ``overrides`` set other config values ({"components.warta_ner.chunk": 20000})."""
    items = tuple(sorted((overrides or {}).items()))
    return _build(ner or _ner, items)


@lru_cache(maxsize=4)
def _build(ner: str, overrides: tuple):
    from spacy.util import load_config, load_model_from_config

    config = load_config(CONFIG, overrides={**dict(overrides), "components.warta_ner.model": check_ner(ner)},
                         interpolate=False)
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    nlp.max_length = MAX_CHARS
    return nlp


def make_doc(nlp, text: str, published: str | None = None, place: str | None = None, ident: str | None = None,
             url: str | None = None):
    """The Doc the pipeline reads: ``text`` tokenised, with its time anchor, dateline place and URL."""
    if len(text) > MAX_CHARS:
        raise ValueError(f"a text of {len(text):,} characters is longer than warta reads ({MAX_CHARS:,})")
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.place = place
    doc._.url = url
    doc.user_data["text"] = text
    if ident:
        doc.user_data["id"] = ident
    return doc


def run(text: str, published: str | None = None, place: str | None = None):
    """A Doc of ``text`` through the whole pipeline, with ``published`` as the time anchor."""
    nlp = load_pipeline()
    return nlp(make_doc(nlp, text, published, place))

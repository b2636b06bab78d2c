"""warta: Indonesian news intelligence, from an article to a structured, searchable record.

    >>> import warta
    >>> art = warta.analyze(open("artikel.txt").read(), published="2023-09-15")
    >>> art.outlet, art.dateline.place, len(art.sentences)
"""
from __future__ import annotations

__version__ = "0.1.0"

from .api import analyze, analyze_many, open_store  # noqa: E402
from .errors import InputError, WartaError  # noqa: E402
from .record import Article, Failed  # noqa: E402

open = open_store  # noqa: A001  (warta.open(path) as in the design; builtins stay untouched)

__all__ = ["analyze", "analyze_many", "open", "Article", "Failed", "InputError", "WartaError",
           "__version__"]

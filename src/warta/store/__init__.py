"""The store: articles and what was extracted from them. Never imports nlp or the web layer."""
from .sqlite import SQLiteStore, prepare_row

__all__ = ["SQLiteStore", "prepare_row"]

"""The store: articles and what was extracted from them, behind one protocol (``Store``).

``open_store(db)`` takes a SQLite file path or a ``postgresql://`` URL. Never imports nlp,
anatomy or the web layer.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import StoreError
from .base import COUNTED, DUPLICATE, NEW, UPDATED, Row, Store, prepare_row

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


_USERINFO = re.compile(r"(?<=://)([^/@?#]*?):[^/@?#]*@")
_PASSWORD_PARAM = re.compile(r"(?i)(\bpassword=)[^&\s]*")


def mask_password(db: str) -> str:
    """``db`` with any password (``user:PASSWORD@`` or ``password=``) masked."""
    return _PASSWORD_PARAM.sub(r"\1***", _USERINFO.sub(r"\1:***@", str(db)))


def is_postgres(db: str) -> bool:
    return str(db).startswith(POSTGRES_SCHEMES)


def display(db: str) -> str:
    """``db`` fit to print (a URL's password masked)."""
    return mask_password(db) if "://" in str(db) else str(db)


def open_store(db: str | Path = "warta.db", *, create: bool = True, readonly: bool = False,
               pool_size: int | None = None) -> Store:
    """Open the store at ``db`` (a file path or a ``postgresql://`` URL), migrating it unless
    ``readonly``. Without ``create``, a database that holds no warta tables is an error."""
    db = str(db)
    store = _open(db, create=create, readonly=readonly, pool_size=pool_size)
    store.embed_titles = os.environ.get("WARTA_STORY_EMBEDDINGS", "") == "1"
    return store


def _open(db: str, *, create: bool, readonly: bool, pool_size: int | None) -> Store:
    if is_postgres(db):
        from .postgres import PostgresStore

        return PostgresStore(db, readonly=readonly, create=create, pool_size=pool_size)
    if "://" in db:
        raise StoreError(f"{mask_password(db)}: not a database warta can open (give a SQLite file path or a "
                         "postgresql://USER@HOST/DBNAME URL)")
    if not create and not Path(db).exists():
        raise StoreError(f"{db}: no such database (create one with `warta ingest PATH --db {db}`)")
    from .sqlite import SQLiteStore

    return SQLiteStore(db, readonly=readonly, create=create)


def copy(source: Store, target: Store, *, batch_size: int = 500, on_batch=None) -> dict[str, int]:
    """Write every article of ``source`` into ``target``; the new/updated/duplicate counts.
    Copies and stories are found again once at the end, in publication order (as
    ``rebuild_stories`` finds them)."""
    counts = {NEW: 0, UPDATED: 0, DUPLICATE: 0}
    batch: list[Row] = []
    have = {(c["action"], c["key"], c["other"]) for c in target.corrections()}
    for c in source.corrections():  # first, so every article is linked as in the source
        if (c["action"], c["key"], c["other"]) not in have:
            target.correct(c["action"], c["key"], c["other"], c["made_at"])

    def flush():
        for status in target.write(batch):
            counts[status] += 1
        if on_batch:
            on_batch(len(batch))
        batch.clear()

    placing, target.place_stories = target.place_stories, False
    try:
        for row in source.rows():
            batch.append(row)
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
    finally:
        target.place_stories = placing
    target.rebuild_stories()
    return counts


__all__ = ["open_store", "is_postgres", "display", "mask_password", "copy", "Store", "Row", "prepare_row",
           "NEW", "UPDATED", "DUPLICATE", "COUNTED"]

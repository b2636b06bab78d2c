"""Shared helpers for the benchmarks: where the data lives and how CLICK-ID becomes warta input."""
from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

DATA = Path(os.environ.get("WARTA_DATA", Path(__file__).resolve().parents[1] / ".." / "shared" / "data"))
CLICK_ID = DATA / "corpus" / "click-id-articles.jsonl.gz"


def require(path: Path) -> Path:
    if not path.exists():
        sys.exit(f"{path}: not found (set WARTA_DATA to the folder described in shared/data/README.md)")
    return path


def click_id(limit: int | None = None) -> list[dict]:
    """CLICK-ID articles as warta JSONL objects (text, id, url, title, outlet, published)."""
    items = []
    with gzip.open(require(CLICK_ID), "rt", encoding="utf-8") as handle:
        for line in handle:
            d = json.loads(line)
            items.append({"id": d["id"], "url": d["url"], "title": d["title"], "outlet": d["source"],
                          "published": d["date_raw"], "text": "\n\n".join(d["paragraphs_heuristic"])})
            if limit and len(items) >= limit:
                break
    return items

"""The FastAPI app: every page answers as HTML and, with a .json suffix or Accept, as JSON.

JSON success bodies carry {"ok": true, ...}; every JSON error is
{"ok": false, "status": N, "error": "one line", "errors": [...]}. The app reads through one
read-only store shared by its threads (a connection pool on PostgreSQL); it writes only
with a write token.
"""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hmac
import io
import json
import threading
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..api import analyze_document
from ..errors import QueryError, StoreError, WartaError
from ..sources import document_from_dict
from ..search import EVENT_STATUSES, entity_profile, list_events, list_stories, search, search_quotes
from .charts import bar_chart, network, per_day_counts, sparkline
from ..store import Store, display, open_store, prepare_row
from .highlight import article_html

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
TEMPLATES = Jinja2Templates(directory=str(resources.files(__package__).joinpath("templates")))


def _wants_json(request: Request) -> bool:
    """JSON for .json paths, for data exports (.jsonl, .csv, ...) and for Accept: application/json."""
    last = request.url.path.rsplit("/", 1)[-1]
    return ("." in last and not last.endswith(".html")) or "application/json" in request.headers.get("accept", "")


def error_body(status: int, error: str, errors: list[Any] | None = None) -> dict[str, Any]:
    return {"ok": False, "status": status, "error": error, "errors": errors or []}


POOL_SIZE = 8  # PostgreSQL connections the app's threads share for reading


class _Stores:
    """The app's stores, opened on first use (so a database created later is found then)."""

    def __init__(self, db: str):
        self.db = db
        self._lock = threading.Lock()
        self._reader: Store | None = None
        self._writer: Store | None = None

    def reader(self) -> Store:
        with self._lock:
            if self._reader is None:
                try:
                    self._reader = open_store(self.db, readonly=True, create=False, pool_size=POOL_SIZE)
                except StoreError as exc:
                    raise HTTPException(503, str(exc)) from None
            return self._reader

    def writer(self) -> Store:
        with self._lock:
            if self._writer is None:
                try:
                    self._writer = open_store(self.db, pool_size=2)
                except StoreError as exc:
                    raise HTTPException(503, str(exc)) from None
            return self._writer

    def close(self) -> None:
        with self._lock:
            for s in (self._reader, self._writer):
                if s is not None:
                    s.close()
            self._reader = self._writer = None


def create_app(db: str | Path = "warta.db", *, write_token: str | None = None) -> FastAPI:
    """The app over the store at ``db`` (a SQLite file or a postgresql:// URL); read-only
    unless ``write_token`` is set."""
    stores = _Stores(str(db))

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        stores.close()

    app = FastAPI(title="warta", version=__version__, lifespan=lifespan,
                  description="Indonesian news as structured, searchable records.")
    app.state.db = display(str(db))
    app.state.stores = stores
    app.mount("/static", StaticFiles(directory=str(resources.files(__package__).joinpath("static"))),
              name="static")

    def read(fn, *args, **kwargs):
        """Run one read on the shared read-only store; a bad query is a 400."""
        try:
            return fn(stores.reader(), *args, **kwargs)
        except QueryError as exc:
            raise HTTPException(400, str(exc)) from None
        except StoreError as exc:
            raise HTTPException(503, str(exc)) from None

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = str(exc.detail).splitlines()[0] if exc.detail else "error"
        if _wants_json(request):
            return JSONResponse(error_body(exc.status_code, message), status_code=exc.status_code)
        return TEMPLATES.TemplateResponse(request, "error.html", {"status": exc.status_code, "error": message},
                                          status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errors = [{"loc": list(e.get("loc", [])), "msg": e.get("msg")} for e in exc.errors()]
        message = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors) or "invalid request"
        if _wants_json(request):
            return JSONResponse(error_body(400, message, errors), status_code=400)
        return TEMPLATES.TemplateResponse(request, "error.html", {"status": 400, "error": message}, status_code=400)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        body = error_body(500, f"internal error ({type(exc).__name__})")
        return JSONResponse(body, status_code=500)

    def _front() -> dict[str, Any]:
        figures = read(lambda s: s.stats())
        since = None
        if figures["last_published"]:  # the corpus's last week, not the clock's: an archive has one too
            try:
                since = (dt.date.fromisoformat(figures["last_published"][:10]) - dt.timedelta(days=7)).isoformat()
            except ValueError:
                since = None
        stories = read(list_stories, date_from=since, limit=12, order="size")["stories"]
        return {"ok": True, "counts": figures["counts"], "first_published": figures["first_published"],
                "last_published": figures["last_published"], "since": since, "stories": stories,
                "entities": read(lambda s: s.top_entities(top=15, since=since)),
                "latest": read(lambda s: s.latest(15))}

    def _sparked(stories: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**s, "spark": sparkline(per_day_counts(s["per_day"]))} for s in stories]

    @app.get("/index.json")
    def front_json():
        """The front page: biggest stories of the corpus's last week, most named entities, latest articles, counts."""
        return _front()

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        front = _front()
        if _wants_json(request):
            return JSONResponse(front)
        f = {"counts": front["counts"], "first_published": front["first_published"],
             "last_published": front["last_published"]}
        return TEMPLATES.TemplateResponse(request, "home.html", {
            "f": f, "since": front["since"], "stories": _sparked(front["stories"]), "entities": front["entities"],
            "latest": front["latest"]})

    def _stories(entity: str | None, outlet: str | None, date_from: str | None, date_to: str | None,
                 limit: int) -> dict[str, Any]:
        if not 0 < limit <= 500:
            raise HTTPException(400, "limit: must be between 1 and 500")
        return {"ok": True, **read(list_stories, entity=entity or None, outlet=outlet or None,
                                   date_from=date_from or None, date_to=date_to or None, limit=limit)}

    @app.get("/stories.json")
    def stories_json(entity: str | None = None, outlet: str | None = None, date_from: str | None = Query(None, alias="from"),
                     date_to: str | None = Query(None, alias="to"), limit: int = 50):
        """Recent stories: {"ok": true, "total": N, "stories": [{id, title, articles, outlets, first, last, ...}]}."""
        return _stories(entity, outlet, date_from, date_to, limit)

    @app.get("/stories", response_class=HTMLResponse)
    def stories_page(request: Request, entity: str | None = None, outlet: str | None = None,
                     date_from: str | None = Query(None, alias="from"), date_to: str | None = Query(None, alias="to"),
                     limit: int = 50):
        result = _stories(entity, outlet, date_from, date_to, limit)
        if _wants_json(request):
            return JSONResponse(result)
        return TEMPLATES.TemplateResponse(request, "stories.html", {
            "stories": _sparked(result["stories"]), "total": result["total"], "note": result.get("note"),
            "entity": entity or "", "outlet": outlet or "", "date_from": date_from or "", "date_to": date_to or ""})

    def _story(ident: str) -> dict[str, Any]:
        story = read(lambda s: s.story(ident))
        if story is None:
            raise HTTPException(404, f"{ident}: no such story")
        return story

    @app.get("/stories/{ident}.json")
    def story_json(ident: str):
        """One story: articles in order of publication, first reporter, copies, entities, quotes, times."""
        return {"ok": True, "story": _story(ident)}

    @app.get("/stories/{ident}", response_class=HTMLResponse)
    def story_page(request: Request, ident: str):
        story = _story(ident)
        if _wants_json(request):
            return JSONResponse({"ok": True, "story": story})
        per_day = Counter(a["published"][:10] for a in story["articles"] if a["published"])
        chart = bar_chart(sorted(per_day.items()))
        return TEMPLATES.TemplateResponse(request, "story.html", {"s": story, "chart": chart})

    def _search(request: Request, q: str, outlet: str | None, date_from: str | None, date_to: str | None,
                page: int, entity: str | None = None, label: str | None = None,
                every_copy: bool = False) -> dict[str, Any]:
        if page < 1 or page > 1000:
            raise HTTPException(400, "page: must be between 1 and 1000")
        if not q.strip():
            return {"ok": True, "total": 0, "rows": [], "q": q, "page": page, "facets": {}}
        result = read(search, q, outlet=outlet, date_from=date_from, date_to=date_to, entity=entity,
                      label=label, limit=20, offset=(page - 1) * 20, facets=True, copies=every_copy)
        return {"ok": True, "q": q, "page": page, **result}

    @app.get("/search.json")
    def search_json(request: Request, q: str = "", outlet: str | None = None, date_from: str | None = None,
                    date_to: str | None = None, entity: str | None = None, label: str | None = None,
                    page: int = 1, all: bool = False):
        """Full-text search: {"ok": true, "total": N, "rows": [...], "facets": {...}}; one row per
        group of copies (``copies``, ``also_in``), every copy with ``all=1``."""
        return _search(request, q, outlet, date_from, date_to, page, entity, label, all)

    @app.get("/search", response_class=HTMLResponse)
    def search_page(request: Request, q: str = "", outlet: str | None = None, date_from: str | None = None,
                    date_to: str | None = None, entity: str | None = None, label: str | None = None,
                    page: int = 1, all: bool = False):
        result = _search(request, q, outlet, date_from, date_to, page, entity, label, all)
        if _wants_json(request):
            return JSONResponse(result)
        filters = {"q": q, "outlet": outlet, "date_from": date_from, "date_to": date_to,
                   "entity": entity, "label": label}
        return TEMPLATES.TemplateResponse(request, "search.html", {**result, **{k: v or "" for k, v in filters.items()},
                                                                    "filters": {k: v for k, v in filters.items() if v}},
                                          headers={"Link": '</search.json>; rel="alternate"'})

    def _events(type: str | None, actor: str | None, target: str | None, entity: str | None,
                limit: int, status: str = "asserted") -> dict[str, Any]:
        if not 0 < limit <= 1000:
            raise HTTPException(400, "limit: must be between 1 and 1000")
        if status not in (*EVENT_STATUSES, "any"):
            raise HTTPException(400, f"status: must be one of {', '.join(EVENT_STATUSES)} or any")
        return {"ok": True, "status": status,
                **read(list_events, type=type or None, actor=actor or None, target=target or None,
                       entity=entity or None, limit=limit, status=None if status == "any" else status)}

    @app.get("/events.json")
    def events_json(type: str | None = None, actor: str | None = None, target: str | None = None,
                    entity: str | None = None, limit: int = 100, status: str = "asserted"):
        """PLOVER events, filtered by type, actor and target entity keys, an entity's name, and
        status (the events that happened by default; `any` adds planned, possible, denied ones)."""
        return _events(type, actor, target, entity, limit, status)

    @app.get("/events", response_class=HTMLResponse)
    def events_page(request: Request, type: str | None = None, actor: str | None = None,
                    target: str | None = None, entity: str | None = None, limit: int = 100,
                    status: str = "asserted"):
        result = _events(type, actor, target, entity, limit, status)
        if _wants_json(request):
            return JSONResponse(result)
        chart = bar_chart([(d["day"] or "?", d["n"]) for d in result["per_day"]])
        return TEMPLATES.TemplateResponse(request, "events.html", {**result, "chart": chart, "type": type or "",
                                                                    "actor": actor or "", "target": target or "",
                                                                    "entity": entity or "", "types": PLOVER_TYPES,
                                                                    "statuses": EVENT_STATUSES})

    def _article(ident: str) -> dict[str, Any]:
        record = read(lambda s: s.get(ident))
        if record is None:
            raise HTTPException(404, f"{ident}: no such article")
        return record

    @app.get("/articles/{ident}.json")
    def article_json(ident: str):
        """One article: {"ok": true, "article": <the record>}."""
        return {"ok": True, "article": _article(ident)}

    @app.get("/articles/{ident}", response_class=HTMLResponse)
    def article_page(request: Request, ident: str):
        record = _article(ident)
        if _wants_json(request):
            return JSONResponse({"ok": True, "article": record})
        copies = read(lambda s: s.copies(record["id"]))
        story = read(lambda s: s.story(record["story"], full=False)) if record.get("story") else None
        return TEMPLATES.TemplateResponse(request, "article.html",
                                          {"a": record, "body": article_html(record), "copies": copies,
                                           "story_title": story["title"] if story else None},
                                          headers={"Link": f'</articles/{ident}.json>; rel="alternate"'})

    def _entity(key: str) -> dict[str, Any]:
        profile = read(entity_profile, key, limit=50)
        if profile is None:
            raise HTTPException(404, f"{key}: no such entity")
        profile["quotes"] = read(search_quotes, None, speaker=profile["key"], limit=50)["rows"]
        profile["events"] = read(list_events, entity=profile["key"], limit=50)["rows"]
        profile["stories"] = read(list_stories, entity=profile["key"], limit=50, order="size")["stories"]
        return profile

    @app.get("/entities/{key}.json")
    def entity_json(key: str):
        """One entity: mentions over time, co-occurring entities, roles, aliases, quotes, articles."""
        return {"ok": True, "entity": _entity(key)}

    @app.get("/entities/{key}", response_class=HTMLResponse)
    def entity_page(request: Request, key: str):
        profile = _entity(key)
        if _wants_json(request):
            return JSONResponse({"ok": True, "entity": profile})
        chart = bar_chart([(t["date"] or "?", t["mentions"]) for t in profile["timeline"]])
        graph = network(profile["name"], [(c["name"], c["key"], c["label"], c["articles"])
                                          for c in profile["cooccurring"][:16]])
        return TEMPLATES.TemplateResponse(request, "entity.html", {"e": profile, "chart": chart, "graph": graph})

    def _quotes(q: str, speaker: str | None, limit: int) -> dict[str, Any]:
        if not 0 < limit <= 500:
            raise HTTPException(400, "limit: must be between 1 and 500")
        return {"ok": True, "q": q, "speaker": speaker or "",
                **read(search_quotes, q or None, speaker=speaker, limit=limit)}

    @app.get("/quotes.json")
    def quotes_json(q: str = "", speaker: str | None = None, limit: int = 50):
        """Quotes by text and/or speaker: {"ok": true, "total": N, "rows": [...]}."""
        return _quotes(q, speaker, limit)

    @app.get("/quotes", response_class=HTMLResponse)
    def quotes_page(request: Request, q: str = "", speaker: str | None = None, limit: int = 50):
        result = _quotes(q, speaker, limit)
        if _wants_json(request):
            return JSONResponse(result)
        return TEMPLATES.TemplateResponse(request, "quotes.html", result)

    def _dashboard() -> dict[str, Any]:
        figures = read(lambda s: s.stats())
        return {"ok": True, **figures, "per_day": read(lambda s: s.per_day())}

    @app.get("/dashboard.json")
    def dashboard_json():
        """The corpus: counts, articles per day and per outlet."""
        return _dashboard()

    @app.get("/dashboard", response_class=HTMLResponse)
    def dashboard_page(request: Request):
        figures = _dashboard()
        if _wants_json(request):
            return JSONResponse(figures)
        chart = bar_chart([(d["date"], d["articles"]) for d in figures["per_day"]])
        outlets = bar_chart([(o["outlet"], o["articles"]) for o in figures["outlets"]], css="chart outlets")
        return TEMPLATES.TemplateResponse(request, "dashboard.html", {"f": figures, "chart": chart, "outlets": outlets})

    @app.get("/search.{fmt}")
    def search_export(request: Request, fmt: str, q: str = "", outlet: str | None = None,
                      date_from: str | None = None, date_to: str | None = None, limit: int = 1000):
        """Export a search as JSONL or CSV (id, title, outlet, published, url, score)."""
        if fmt not in ("jsonl", "csv", "parquet"):
            raise HTTPException(404, f"search.{fmt}: no such export (use .json, .jsonl, .csv or .parquet)")
        if not 0 < limit <= 10_000:
            raise HTTPException(400, "limit: must be between 1 and 10000")
        rows = read(search, q, outlet=outlet, date_from=date_from, date_to=date_to, limit=limit)["rows"] \
            if q.strip() else []
        fields = ["id", "title", "outlet", "published", "score", "snippet"]
        if fmt == "parquet":
            try:
                import pyarrow as pa
                import pyarrow.parquet as pq
            except ImportError:
                raise HTTPException(501, "Parquet export needs pyarrow: pip install 'warta[parquet]'") from None
            table = pa.Table.from_pylist([{k: r[k] for k in fields} for r in rows],
                                         schema=pa.schema([(k, pa.float64() if k == "score" else pa.string())
                                                           for k in fields]))
            sink = io.BytesIO()
            pq.write_table(table, sink)
            return Response(sink.getvalue(), media_type="application/vnd.apache.parquet",
                            headers={"Content-Disposition": 'attachment; filename="warta-search.parquet"'})
        if fmt == "jsonl":
            body = "".join(json.dumps({k: r[k] for k in fields}, ensure_ascii=False) + "\n" for r in rows)
            return Response(body, media_type="application/x-ndjson")
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return Response(buf.getvalue(), media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="warta-search.csv"'})

    @app.post("/articles.json")
    async def post_article(request: Request):
        """Analyse and store one article (JSON like a JSONL line); needs the write token."""
        if not write_token:
            raise HTTPException(403, "writing is disabled: start the server with a write token")
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given, f"Bearer {write_token}"):
            raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required")
        try:
            payload = await request.json()
        except ValueError:
            raise HTTPException(400, "body: not JSON") from None
        try:
            raw = document_from_dict(payload, "request body")
            record = analyze_document(raw).to_dict()
        except WartaError as exc:
            raise HTTPException(400, str(exc)) from None
        try:
            (status,) = stores.writer().write([prepare_row(record, source="web")])
        except StoreError as exc:
            raise HTTPException(503, str(exc)) from None
        return JSONResponse({"ok": True, "status": status, "article": record},
                            status_code=201 if status == "new" else 200)

    @app.get("/-/versions.json")
    def versions():
        import spacy
        import sqlite3

        return {"ok": True, "warta": __version__, "spacy": spacy.__version__, "sqlite": sqlite3.sqlite_version}

    return app

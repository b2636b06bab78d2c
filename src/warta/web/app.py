"""The FastAPI app: every page answers as HTML and, with a .json suffix or Accept, as JSON.

JSON success bodies carry {"ok": true, ...}; every JSON error is
{"ok": false, "status": N, "error": "one line", "errors": [...]}. The app only reads the
database (it opens it read-only).
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import QueryError, StoreError
from ..search import search
from ..store import SQLiteStore
from .highlight import article_html

TEMPLATES = Jinja2Templates(directory=str(resources.files(__package__).joinpath("templates")))


def _wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json") or "application/json" in request.headers.get("accept", "")


def error_body(status: int, error: str, errors: list[Any] | None = None) -> dict[str, Any]:
    return {"ok": False, "status": status, "error": error, "errors": errors or []}


def create_app(db: str | Path = "warta.db") -> FastAPI:
    """The app over the SQLite database at ``db``."""
    app = FastAPI(title="warta", version=__version__,
                  description="Indonesian news as structured, searchable records.")
    app.state.db = str(db)
    app.mount("/static", StaticFiles(directory=str(resources.files(__package__).joinpath("static"))),
              name="static")

    def store() -> SQLiteStore:
        if not Path(app.state.db).exists():
            raise HTTPException(503, f"{app.state.db}: no such database (run `warta ingest` first)")
        try:
            return SQLiteStore(app.state.db, readonly=True)
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

    @app.get("/", include_in_schema=False)
    def home():
        return RedirectResponse("/search")

    def _search(request: Request, q: str, outlet: str | None, date_from: str | None, date_to: str | None,
                page: int) -> dict[str, Any]:
        if page < 1 or page > 1000:
            raise HTTPException(400, "page: must be between 1 and 1000")
        if not q.strip():
            return {"ok": True, "total": 0, "rows": [], "q": q, "page": page}
        s = store()
        try:
            result = search(s, q, outlet=outlet, date_from=date_from, date_to=date_to,
                            limit=20, offset=(page - 1) * 20)
        except QueryError as exc:
            raise HTTPException(400, str(exc)) from None
        finally:
            s.close()
        return {"ok": True, "q": q, "page": page, **result}

    @app.get("/search.json")
    def search_json(request: Request, q: str = "", outlet: str | None = None, date_from: str | None = None,
                    date_to: str | None = None, page: int = 1):
        """Full-text search: {"ok": true, "total": N, "rows": [...]}."""
        return _search(request, q, outlet, date_from, date_to, page)

    @app.get("/search", response_class=HTMLResponse)
    def search_page(request: Request, q: str = "", outlet: str | None = None, date_from: str | None = None,
                    date_to: str | None = None, page: int = 1):
        result = _search(request, q, outlet, date_from, date_to, page)
        if _wants_json(request):
            return JSONResponse(result)
        return TEMPLATES.TemplateResponse(request, "search.html", {**result, "outlet": outlet or "",
                                                                    "date_from": date_from or "",
                                                                    "date_to": date_to or ""},
                                          headers={"Link": '</search.json>; rel="alternate"'})

    def _article(ident: str) -> dict[str, Any]:
        s = store()
        try:
            record = s.get(ident)
        finally:
            s.close()
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
        return TEMPLATES.TemplateResponse(request, "article.html",
                                          {"a": record, "body": article_html(record)},
                                          headers={"Link": f'</articles/{ident}.json>; rel="alternate"'})

    @app.get("/-/versions.json")
    def versions():
        import spacy
        import sqlite3

        return {"ok": True, "warta": __version__, "spacy": spacy.__version__, "sqlite": sqlite3.sqlite_version}

    return app

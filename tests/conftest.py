"""Fixtures for the whole suite (one conftest, as in spaCy's tests)."""
from __future__ import annotations

import contextlib
import http.server
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "warta" / "examples"
SHARED = Path(os.environ.get("WARTA_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed"
DATA = SHARED / "data"


def need(path: Path) -> Path:
    """Skip the calling test when shared data is not on this machine."""
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


# Every test that touches the database runs on both backends. PostgreSQL comes from
# $WARTA_TEST_PG (a server URL; `.ci/run` starts a throwaway cluster and sets it); each test
# gets a database of its own on it. Without it those tests skip, except under CI=true.
BACKENDS = ["sqlite", "postgres"]


def pg_server() -> str:
    url = os.environ.get("WARTA_TEST_PG")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but WARTA_TEST_PG is not set: the PostgreSQL tests must run under CI")
        pytest.skip("PostgreSQL tests need WARTA_TEST_PG=postgresql://... (`.ci/run` starts a server)")
    return url


def pg_url(server: str, name: str) -> str:
    return urlunsplit(urlsplit(server)._replace(path="/" + name))


class Databases:
    """Fresh, empty databases on either backend; PostgreSQL ones dropped at the end."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.created: list[str] = []

    def new(self, kind: str) -> str:
        name = f"warta_t_{uuid.uuid4().hex[:12]}"
        if kind == "sqlite":
            return str(self.folder / f"{name}.db")
        import psycopg

        server = pg_server()
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        self.created.append(name)
        return pg_url(server, name)

    def drop_all(self) -> None:
        if not self.created:
            return
        import psycopg

        with psycopg.connect(os.environ["WARTA_TEST_PG"], autocommit=True) as conn:
            for name in self.created:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    dbs = Databases(tmp_path_factory.mktemp("databases"))
    yield dbs
    dbs.drop_all()


@pytest.fixture(params=BACKENDS)
def db_url(request, databases) -> str:
    """An empty database on each backend in turn (a file path or a postgresql:// URL)."""
    return databases.new(request.param)


@pytest.fixture
def store(db_url):
    from warta.store import open_store

    s = open_store(db_url)
    yield s
    s.close()


@contextlib.contextmanager
def warta_server(db: str):
    """`warta serve --db DB` on a free local port; yields its base URL once it answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "warta", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}
    log: list = []

    def do_GET(self):  # noqa: N802
        self.log.append((self.path, self.headers.get("User-Agent"), time.monotonic()))
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def http_site():
    """A local web site: set ``site.routes[path] = (status, content_type, bytes)``."""
    handler = type("Handler", (_Handler,), {"routes": {}, "log": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    handler.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield handler
    server.shutdown()
    server.server_close()

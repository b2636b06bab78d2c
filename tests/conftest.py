"""Fixtures for the whole suite (one conftest, as in spaCy's tests)."""
from __future__ import annotations

import http.server
import os
import threading
import time
from pathlib import Path

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


@pytest.fixture
def store(tmp_path):
    from warta.store import SQLiteStore

    s = SQLiteStore(tmp_path / "test.db")
    yield s
    s.close()


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

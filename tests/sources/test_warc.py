from io import BytesIO

import pytest

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import EXAMPLES
from warta.api import analyze_one
from warta.sources import iter_documents


# warcio's writer leaves its spooled digest buffers for the garbage collector.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_warc_html_responses_become_articles(tmp_path):
    path = tmp_path / "arsip.warc.gz"
    page = (EXAMPLES / "html" / "kompas-harga-beras.html").read_bytes()
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, ctype, body in [
            ("https://money.kompas.com/read/beras", "text/html; charset=utf-8", page),
            ("https://money.kompas.com/logo.png", "image/png", b"\x89PNG"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body),
                                                          http_headers=headers))
    found = list(iter_documents([str(path)]))
    assert len(found) == 1
    art = analyze_one(found[0])
    assert art.url == "https://money.kompas.com/read/beras"
    assert art.outlet == "Kompas" and art.text.startswith("Badan Pangan Nasional")


def test_warc_not_a_warc(tmp_path):
    path = tmp_path / "palsu.warc"
    path.write_text("ini bukan arsip", encoding="utf-8")
    (found,) = iter_documents([str(path)])
    assert found.error and "WARC" in found.error

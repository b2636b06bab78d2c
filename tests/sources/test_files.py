"""Bad input: each gets a one-line error naming the input, and the batch goes on."""
import gzip
import json

import pytest

from conftest import EXAMPLES
from warta.sources import iter_documents


def docs(*paths, **kw):
    return list(iter_documents([str(p) for p in paths], **kw))


def test_files_folder_is_read_recursively_by_extension():
    found = docs(EXAMPLES)
    assert all(d.error is None for d in found)
    # 4 text files, 2 HTML pages, 2 JSONL lines, 2 feed entries; README.md is skipped.
    assert len(found) == 10
    assert sum(d.html is not None for d in found) == 4


@pytest.mark.parametrize("name,content,problem", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n \t ", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    ("noise.html", bytes(range(1, 32)) * 300, "binary file"),
    ("nav.html", b"<html><body><nav><a href='/'>Beranda</a></nav></body></html>", "no article text"),
    ("broken.html", b"<html><body><div><p>Tidak ditutup <b>tebal <i>miring</body", "no article text"),
])
def test_files_bad_input_one_line_error(tmp_path, name, content, problem):
    from warta.api import analyze_one

    path = tmp_path / name
    path.write_bytes(content)
    good = tmp_path / "baik.txt"
    good.write_text("KOMPAS.com - Harga cabai naik tajam di pasar.", encoding="utf-8")
    results = [analyze_one(d) for d in docs(path, good)]
    failed, ok = results
    assert str(path) in str(failed) and problem in failed.error
    assert "\n" not in str(failed)
    assert ok.text == "Harga cabai naik tajam di pasar."


def test_files_size_limit(tmp_path):
    big = tmp_path / "besar.txt"
    with open(big, "wb") as handle:
        handle.seek(50 * 1024 * 1024)
        handle.write(b"x")
    (found,) = docs(big)
    assert "over the limit" in found.error and "MB" in found.error


def test_files_non_utf8_is_detected(tmp_path):
    path = tmp_path / "lama.txt"
    text = ("TEMPO.CO, Jakarta - Menteri menyebut “kebijakan itu” sudah final — katanya. "
            "Harga naik 5 persen menurut catatan dinas perdagangan setempat. ") * 3
    path.write_bytes(text.encode("cp1252"))
    (found,) = docs(path)
    assert found.error is None
    assert "“kebijakan itu”" in found.text and "—" in found.text
    assert any("not UTF-8" in w for w in found.warnings)


def test_files_jsonl_bad_lines_are_error_records(tmp_path):
    path = tmp_path / "campur.jsonl"
    lines = [json.dumps({"id": "a", "text": "Harga cabai naik."}), "{tidak valid",
             json.dumps({"id": "c"}), json.dumps([1, 2]), "",
             json.dumps({"id": "e", "html": "<p>x</p>", "published": "2024-01-02"})]
    path.write_text("\n".join(lines), encoding="utf-8")
    found = docs(path)
    assert [d.error is None for d in found] == [True, False, False, False, True]
    assert found[1].source == f"{path}:2" and "invalid JSON" in found[1].error
    assert found[2].id == "c" and "no 'text' or 'html'" in found[2].error
    assert "JSON object" in found[3].error


def test_files_gzipped_jsonl(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "g", "text": "Isi berita."}) + "\n")
    (found,) = docs(path)
    assert found.id == "g" and found.text == "Isi berita."


def test_files_missing_path():
    (found,) = docs("/tidak/ada/berkas.txt")
    assert found.error == "no such file or folder"

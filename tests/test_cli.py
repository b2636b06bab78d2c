import json

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from warta.cli import cli

TEMPO = EXAMPLES / "teks" / "tempo-banjir-semarang.txt"


@pytest.fixture
def run():
    def invoke(*args, input=None):
        return CliRunner().invoke(cli, [str(a) for a in args], input=input)
    return invoke


def test_cli_help_for_every_command(run):
    for name, command in cli.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0 and command.help, name


def test_cli_analyze_json_and_options(run):
    result = run("analyze", TEMPO, "--json", "--published", "2024-03-06", "--url",
                 "https://www.tempo.co/x?utm_source=wa", "--title", "Judul Lain")
    assert result.exit_code == 0, result.output
    rec = json.loads(result.stdout)
    assert rec["published"] == "2024-03-06" and rec["title"] == "Judul Lain"
    assert rec["url"] == "https://tempo.co/x"
    assert list(rec)[:3] == ["schema", "id", "url"]
    for s, e in rec["sentences"]:
        assert rec["text"][s:e].strip() == rec["text"][s:e]


def test_cli_analyze_stdin_and_format(run):
    html = (EXAMPLES / "html" / "detik-gempa-sukabumi.html").read_text("utf-8")
    as_html = json.loads(run("analyze", "-", "--json", input=html).stdout)
    assert as_html["outlet"] == "Detik"
    as_text = json.loads(run("analyze", "-", "--json", "--format", "text", input=html).stdout)
    assert as_text["text"].startswith("<!DOCTYPE html>")


def test_cli_analyze_report(run):
    result = run("analyze", TEMPO)
    assert result.exit_code == 0
    assert "TEMPO.CO, Semarang" in result.output and "Pilihan Editor" in result.output


@pytest.mark.parametrize("content,message", [(b"", "empty file"), (b"\x00\x01\x02" * 50, "binary file")])
def test_cli_analyze_bad_file_one_line(run, tmp_path, content, message):
    path = tmp_path / "buruk.txt"
    path.write_bytes(content)
    result = run("analyze", path)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and message in lines[0]


def test_cli_analyze_bad_published(run):
    result = run("analyze", TEMPO, "--published", "kemarin")
    assert result.exit_code == 1 and "cannot read 'kemarin' as a date" in result.output


def test_cli_analyze_jsonl_stream_keeps_order_and_ids(run, tmp_path):
    lines = [json.dumps({"id": "satu", "text": "KOMPAS.com - Harga cabai naik."}), "{rusak",
             json.dumps({"id": 3, "text": ""}), json.dumps({"id": "empat", "text": "Hujan turun."})]
    result = run("analyze", "--jsonl", "-", input="\n".join(lines) + "\n")
    assert result.exit_code == 0
    out = [json.loads(l) for l in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["satu", None, "3", "empat"]
    assert ["error" in o for o in out] == [False, True, True, False]
    assert out[0]["outlet"] == "Kompas"


def test_cli_ingest_search_show_stats(run, db_url):
    db = db_url
    result = run("ingest", EXAMPLES, "--db", db, "--json", "--jobs", "1")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["new"], summary["failed"], summary["duplicate"]) == (10, 0, 0)
    again = json.loads(run("ingest", EXAMPLES, "--db", db, "--json").stdout)
    assert (again["new"], again["duplicate"]) == (0, 10)

    found = json.loads(run("search", "banjir", "--db", db, "--json").stdout)
    assert found["total"] == 1
    row = found["rows"][0]
    assert set(row) >= {"id", "title", "outlet", "published", "snippet", "score"}
    shown = json.loads(run("show", row["id"], "--db", db, "--json").stdout)
    assert shown["id"] == row["id"] and shown["outlet"] == "Tempo"
    assert "Banjir" in run("search", "banjir", "--db", db).output
    stats = json.loads(run("stats", "--db", db, "--json").stdout)
    assert stats["counts"]["articles"] == 10
    assert run("show", "tidak-ada", "--db", db).exit_code == 1


def test_cli_ingest_reports_failures_and_goes_on(run, tmp_path, db_url):
    folder = tmp_path / "campur"
    folder.mkdir()
    (folder / "kosong.txt").write_bytes(b"")
    (folder / "baik.txt").write_text("Liputan6.com, Jakarta - Festival digelar pekan depan.", encoding="utf-8")
    (folder / "rusak.jsonl").write_text('{"id": 1, "text": "Isi."}\n{oops\n', encoding="utf-8")
    result = run("ingest", folder, "--db", db_url, "--json", "--jobs", "1")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert (summary["new"], summary["failed"]) == (2, 2)
    assert {f["error"].split(" (")[0] for f in summary["failures"]} == {"empty file", "invalid JSON"}


def test_cli_search_missing_db(run, tmp_path):
    result = run("search", "banjir", "--db", tmp_path / "tidak.db")
    assert result.exit_code == 1 and "no such database" in result.output
    assert not (tmp_path / "tidak.db").exists()


def test_cli_entities_entity_quotes_timeline(run, db_url):
    db = db_url
    assert run("ingest", EXAMPLES, "--db", db, "--jobs", "1", "--json").exit_code == 0
    top = json.loads(run("entities", "--db", db, "--json", "--label", "GPE").stdout)["rows"]
    assert top and all(r["label"] == "GPE" for r in top)
    assert {r["name"] for r in top} >= {"Jakarta", "Jawa Barat"}
    profile = json.loads(run("entity", "Jawa Barat", "--db", db, "--json").stdout)
    assert profile["key"] == "jawa-barat" and profile["country"] == "ID" and len(profile["articles"]) >= 2
    assert all(c["key"] != "jawa-barat" for c in profile["cooccurring"])
    assert run("entity", "Atlantis", "--db", db).exit_code == 1
    said = json.loads(run("quotes", "--speaker", "Galih", "--db", db, "--json").stdout)
    assert said["total"] >= 2 and all("Galih" in (r["speaker_name"] or r["speaker_text"]) for r in said["rows"])
    harga = json.loads(run("quotes", "panen", "--db", db, "--json").stdout)["rows"]
    assert harga and all("anen" in r["text"] for r in harga)
    timeline = json.loads(run("timeline", "--db", db, "--json").stdout)
    assert timeline["total"] >= 10
    report = run("show", json.loads(run("search", "beras", "--db", db, "--json").stdout)["rows"][0]["id"], "--db", db)
    assert "Entities" in report.stdout and "Quotes" in report.stdout and "Time expressions" in report.stdout


def test_cli_far_past_and_future_years_are_stored_not_lost(run, tmp_path, db_url):
    src = tmp_path / "purba.jsonl"
    src.write_text(json.dumps({"id": "purba", "published": "2017-05-03", "text":
                               "KOMPAS.com - Gua di Maros dihuni manusia sejak 6.000 tahun yang lalu. "
                               "Peneliti menyebut lukisan di dinding gua dibuat pada abad ke-7 SM, "
                               "dan plastik di lantainya baru terurai 8.000 tahun lagi."}) + "\n", encoding="utf-8")
    result = run("ingest", src, "--db", db_url, "--json", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["new"] == 1
    shown = json.loads(run("show", "purba", "--db", db_url, "--json").stdout)
    assert [t["value"] for t in shown["times"]] == ["BC3984", "BC06", "FUTURE_REF"]


def test_cli_nul_characters_are_stored_not_fatal(run, tmp_path, db_url):
    src = tmp_path / "nul.jsonl"
    lines = [json.dumps({"id": f"nul-{i}", "text": f"Warga desa {i} menanam padi\u0000 di sawah.",
                         "title": "Judul\u0000"}) for i in range(5)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("ingest", src, "--db", db_url, "--json", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["new"] == 5
    shown = json.loads(run("show", "nul-3", "--db", db_url, "--json").stdout)
    assert shown["text"] == "Warga desa 3 menanam padi  di sawah."
    assert run("entity", "Warga\x00", "--db", db_url).exit_code == 1  # not found, not a crash

"""The Spark job on local[2] (a real Spark, Java and all): records equal to `warta analyze
--jsonl`'s, bad inputs as error rows, copies across partitions, an idempotent re-run, and the
output bulk-loaded into SQLite and PostgreSQL."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sparkcorpus import need_spark, write_corpus

from conftest import BACKENDS

TABLES = ("articles", "entities", "mentions", "times", "quotes", "events", "errors")


def table(out: Path, name: str) -> list[dict]:
    import pyarrow.dataset as ds

    folder = out / name
    if not folder.is_dir():
        return []
    return ds.dataset(folder, format="parquet", partitioning="hive").to_table().to_pylist()


def snapshot(out: Path) -> dict[str, list[str]]:
    return {t: sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in table(out, t)) for t in TABLES}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "warta", *args], capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    need_spark()
    from warta.spark import run, session

    folder = tmp_path_factory.mktemp("spark") / "masuk"
    made = write_corpus(folder)
    out = folder.parent / "keluar.parquet"
    spark = session("local[2]", progress=False)
    try:
        first = run([str(folder)], str(out), spark=spark, partitions=6)
        before = snapshot(out)
        files = sorted(p.relative_to(out).parent.as_posix() for p in out.rglob("*.parquet"))
        second = run([str(folder)], str(out), spark=spark, partitions=3)
    finally:
        spark.stop()
    return {**made, "folder": folder, "out": out, "first": first, "second": second, "before": before,
            "files": files}


def test_records_equal_warta_analyze(job):
    spark_records = {json.loads(r["record"])["id"]: json.loads(r["record"]) for r in table(job["out"], "articles")}
    expected = {}
    for name in ("kiriman.jsonl", "arsip.jsonl.gz", "contoh/contoh.jsonl"):
        done = cli("analyze", "--jsonl", str(job["folder"] / name))
        for line in done.stdout.splitlines():
            rec = json.loads(line)
            if "error" not in rec:
                expected[rec["id"]] = rec
    for path in sorted((job["folder"] / "contoh").glob("*/*.*")):
        if path.suffix in (".txt", ".html"):
            rec = json.loads(cli("analyze", str(path), "--json").stdout)
            expected[rec["id"]] = rec
    assert len(expected) >= 300
    assert set(expected) <= set(spark_records)
    different = [i for i in expected if spark_records[i] != expected[i]]
    assert not different, f"{len(different)} records differ, e.g. {different[:3]}"
    # The feed's entries with their full text are articles too (fetched by nothing).
    assert set(spark_records) - set(expected)


def test_bad_inputs_are_error_rows(job):
    errors = table(job["out"], "errors")
    by_source = {Path(e["source"]).name: e for e in errors}
    assert job["bad"] <= set(by_source), sorted(by_source)
    assert job["first"]["errors"] == len(errors) == len(job["bad"])
    # The same one-line errors as `warta analyze --jsonl` gives those lines.
    done = cli("analyze", "--jsonl", str(job["folder"] / "kiriman.jsonl"))
    expected = {Path(r["source"]).name: r["error"] for r in map(json.loads, done.stdout.splitlines()) if "error" in r}
    assert expected and all(by_source[s]["error"] == e for s, e in expected.items())
    assert "binary" in by_source["rusak.txt"]["error"] and "empty" in by_source["kosong.html"]["error"]
    assert all("catatan.csv" not in e["source"] for e in errors)  # not an article kind: skipped


def test_partitioned_by_month_with_flat_tables(job):
    out = job["out"]
    months = {p.name for p in (out / "articles").iterdir() if p.is_dir()}
    assert {"month=2024-01", "month=2024-02", "month=2024-03", "month=unknown"} <= months
    records = [json.loads(r["record"]) for r in table(out, "articles")]
    assert len(table(out, "mentions")) == sum(len(r["entities"]) for r in records)
    assert len(table(out, "entities")) == sum(len(r["entity_index"]) for r in records)
    assert len(table(out, "times")) == sum(len(r["times"]) for r in records)
    assert len(table(out, "quotes")) == sum(len(r["quotes"]) for r in records)
    assert len(table(out, "events")) == sum(len(r["events"]) for r in records)
    ids = {r["id"] for r in records}
    assert all(m["article_id"] in ids for m in table(out, "mentions"))
    assert json.loads((out / "_warta.json").read_text())["articles"] == len(records)


def test_copies_found_across_partitions(job):
    rows = {r["id"]: r for r in table(job["out"], "articles")}
    assert len(job["copies"]) >= 10
    found = {i: rows[i]["copy_of"] for i in job["copies"]}
    assert found == job["copies"]
    assert all(rows[o]["copy_of"] is None for o in job["copies"].values())  # the earlier one is the original
    assert job["first"]["copies"] == sum(1 for r in rows.values() if r["copy_of"])


def test_rerun_changes_nothing(job):
    assert snapshot(job["out"]) == job["before"]
    files = sorted(p.relative_to(job["out"]).parent.as_posix() for p in job["out"].rglob("*.parquet"))
    assert sorted(set(files)) == sorted(set(job["files"]))  # the same partitions, nothing left over
    assert job["second"]["articles"] == job["first"]["articles"]


def test_a_missing_input_is_an_error_row_and_a_bad_table_a_clear_error(tmp_path):
    need_spark()
    from warta.errors import InputError
    from warta.spark import run, session

    good = tmp_path / "satu.jsonl"
    good.write_text(json.dumps({"id": "a", "text": "Warga Kota Ambon memperingati hari jadi kota.",
                                "published": "2024-05-02"}) + "\n", encoding="utf-8")
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"judul": ["x"]}), tmp_path / "salah.parquet")
    pq.write_table(pa.table({"id": ["p1"], "text": ["Nelayan di Kupang kembali melaut setelah badai reda."],
                             "published": ["2024-05-03"]}), tmp_path / "baik.parquet")
    spark = session("local[2]", progress=False)
    try:
        summary = run([str(good), str(tmp_path / "hilang.jsonl"), str(tmp_path / "baik.parquet")],
                      str(tmp_path / "out"), spark=spark, partitions=2)
        with pytest.raises(InputError, match="salah.parquet.*'text' or 'html' column"):
            run([str(tmp_path / "salah.parquet")], str(tmp_path / "out2"), spark=spark)
        errors = table(tmp_path / "out", "errors")
        fixed = run([str(good), str(tmp_path / "baik.parquet")], str(tmp_path / "out"), spark=spark, partitions=2)
    finally:
        spark.stop()
    assert summary["articles"] == 2 and summary["errors"] == 1
    assert errors[0]["error"] == "no such file or folder"
    assert fixed["errors"] == 0 and table(tmp_path / "out", "errors") == []  # the last run's errors only
    assert len(table(tmp_path / "out", "articles")) == 2


@pytest.mark.parametrize("backend", BACKENDS)
def test_output_loads_into_each_backend(job, backend, databases):
    db = databases.new(backend)
    done = cli("ingest", str(job["out"]), "--db", db, "--json")
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout)
    stats = json.loads(cli("stats", "--db", db, "--json").stdout)["counts"]
    out = job["out"]
    assert loaded["new"] == stats["articles"] == len(table(out, "articles"))
    for name in ("mentions", "times", "quotes", "events"):
        assert stats[name] == len(table(out, name)), name
    assert stats["stories"] == loaded["stories"] > 0
    shown = json.loads(cli("show", next(iter(job["copies"])), "--db", db, "--json").stdout)
    assert shown["copy_of"] == next(iter(job["copies"].values()))
    again = json.loads(cli("ingest", str(out), "--db", db, "--json").stdout)
    assert again["new"] == 0 and again["duplicate"] == loaded["new"]
    # Loading the job's output stores what ingesting its input does (stories as a rebuild
    # finds them: a load finds them in publication order, an ingest in the order read).
    if backend == "sqlite":
        direct = str(Path(db).with_name("direct.db"))
        cli("ingest", str(job["folder"]), "--db", direct, "--json", "-j", "2")
        cli("stories", "--rebuild", "--db", direct, "--json")
        expected = json.loads(cli("stats", "--db", direct, "--json").stdout)["counts"]
        assert {k: stats[k] for k in expected} == expected
        for query in ("banjir", "harga cabai", "kebakaran OR tabrakan"):  # the same stems indexed
            hits = [json.loads(cli("search", query, "--db", d, "--json", "-n", "1000").stdout) for d in (db, direct)]
            assert hits[0]["total"] == hits[1]["total"] > 0, query
            assert {r["id"] for r in hits[0]["rows"]} == {r["id"] for r in hits[1]["rows"]}, query

"""An ingest killed with SIGKILL mid-way loses nothing and duplicates nothing when re-run,
on either backend."""
import json
import os
import signal
import subprocess
import sys
import time

from warta.errors import StoreError
from warta.store import open_store

PLACES = ["Jakarta", "Surabaya", "Medan", "Makassar", "Semarang", "Bandung", "Kupang", "Ambon"]
TOPICS = ["harga beras", "banjir rob", "jalan tol", "pelabuhan", "sekolah rakyat", "puskesmas"]


def article(i: int) -> dict:
    place, topic = PLACES[i % len(PLACES)], TOPICS[i % len(TOPICS)]
    body = (f"TEMPO.CO, {place} - Pemerintah daerah {place} membahas {topic} dalam rapat ke-{i}. "
            f"Kepala dinas mengatakan anggaran tahap {i % 7 + 1} sudah cair.\n"
            f"\"Kami menargetkan pekerjaan nomor {i} selesai bulan depan,\" kata dia.\n"
            + " ".join(f"Kalimat tambahan {j} tentang {topic} di {place}." for j in range(20)))
    return {"id": f"sintetis-{i:05d}", "text": body, "published": f"2024-{i % 12 + 1:02d}-15"}


def write_corpus(path, n: int, start: int = 0) -> None:
    path.write_text("".join(json.dumps(article(i)) + "\n" for i in range(start, start + n)), encoding="utf-8")


def count(db) -> int:
    try:
        with open_store(db, readonly=True, create=False) as store:
            return store.count()
    except (StoreError, OSError):
        return 0


def test_durability_sigkill_then_rerun(tmp_path, db_url):
    n = 3000
    src = tmp_path / "banyak.jsonl"
    write_corpus(src, n)
    db = db_url
    cmd = [sys.executable, "-m", "warta", "ingest", str(src), "--db", str(db), "--quiet",
           "--batch-size", "50", "--jobs", "2"]
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while count(db) < 300 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    stored_at_kill = count(db)
    assert 0 < stored_at_kill < n, "the kill should land mid-way"

    done = subprocess.run(cmd[:-4] + ["--json"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["new"] == n - stored_at_kill
    assert summary["duplicate"] == stored_at_kill and summary["failed"] == 0

    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db) as conn:
            assert conn.execute("SELECT count(*), count(DISTINCT id), count(DISTINCT content_hash) "
                                "FROM articles").fetchone() == (n, n, n)
            assert conn.execute("SELECT count(*) FROM articles WHERE fts @@ to_tsquery('simple', 'rapat')"
                                ).fetchone()[0] == n
        return
    import sqlite3

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*), count(DISTINCT id), count(DISTINCT content_hash) "
                        "FROM articles").fetchone() == (n, n, n)
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'rapat'").fetchone()[0] == n
    conn.close()

"""An ingest killed with SIGKILL mid-way loses nothing and duplicates nothing when re-run."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

PLACES = ["Jakarta", "Surabaya", "Medan", "Makassar", "Semarang", "Bandung", "Kupang", "Ambon"]
TOPICS = ["harga beras", "banjir rob", "jalan tol", "pelabuhan", "sekolah rakyat", "puskesmas"]


def article(i: int) -> dict:
    place, topic = PLACES[i % len(PLACES)], TOPICS[i % len(TOPICS)]
    body = (f"TEMPO.CO, {place} - Pemerintah daerah {place} membahas {topic} dalam rapat ke-{i}. "
            f"Kepala dinas mengatakan anggaran tahap {i % 7 + 1} sudah cair.\n"
            f"\"Kami menargetkan pekerjaan nomor {i} selesai bulan depan,\" kata dia.\n"
            + " ".join(f"Kalimat tambahan {j} tentang {topic} di {place}." for j in range(20)))
    return {"id": f"sintetis-{i:05d}", "text": body, "published": f"2024-{i % 12 + 1:02d}-15"}


def count(db) -> int:
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_durability_sigkill_then_rerun(tmp_path):
    n = 3000
    src = tmp_path / "banyak.jsonl"
    src.write_text("".join(json.dumps(article(i)) + "\n" for i in range(n)), encoding="utf-8")
    db = tmp_path / "tahan.db"
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

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*), count(DISTINCT id), count(DISTINCT content_hash) "
                        "FROM articles").fetchone() == (n, n, n)
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'rapat'").fetchone()[0] == n
    conn.close()

"""The command line end to end, as a user runs it: real subprocesses, real SQLite files."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time

import pytest

from warta.article import OUTPUT_FIELDS
from warta.problems import EXIT_SKIPPED

from .conftest import EXAMPLES, WARTA


def warta(*args: str, input: str | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*WARTA, *args], capture_output=True, text=True, input=input, timeout=timeout)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("kb") / "sample.db")
    out = warta("ingest", str(EXAMPLES), "--db", db, "--quiet")
    assert out.returncode == 0, out.stderr
    return db


def test_extract_prints_exactly_the_contract(tmp_path):
    out = warta("extract", str(EXAMPLES / "articles.jsonl"), "--quiet")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 6
    for row in rows:
        assert tuple(row) == OUTPUT_FIELDS
        for key in ("removed", "entities", "amounts", "dates", "quotes", "attributions"):
            assert isinstance(row[key], list)
    first = rows[0]
    assert first["id"] == "kn-0001" and first["language"] == "id"
    assert "ADVERTISEMENT" not in first["text"] and "Sri Mulyani" in first["text"]
    assert {r["reason"] for r in first["removed"]} >= {"ad", "teaser"}
    assert next(r for r in rows if r["id"] == "wp-0006")["language"] == "en"  # kept and marked


def test_extract_stdin_jsonl():
    lines = "\n".join(json.dumps({"text": t}) for t in ("Harga beras naik di Jakarta.", "Banjir di Medan surut."))
    out = warta("extract", "-", "--quiet", input=lines + "\n")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["text"] for r in rows] == ["Harga beras naik di Jakarta.", "Banjir di Medan surut."]
    assert rows[0]["id"] and rows[0]["id"] != rows[1]["id"]  # stable content ids


def test_bad_lines_are_reported_and_the_rest_processed(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "ok1", "text": "Berita pertama."}\n{broken json\n{"id": "ok2", "text": "Berita kedua."}\n',
                    encoding="utf-8")
    out = warta("extract", str(path), "--quiet")
    assert out.returncode == EXIT_SKIPPED
    assert [json.loads(line)["id"] for line in out.stdout.splitlines()] == ["ok1", "ok2"]
    assert f"{path}:2" in out.stderr and out.stderr.count("\n") <= 3
    assert "Traceback" not in out.stderr


def test_ingest_search_show_stats_export(sample_db, tmp_path):
    out = warta("search", "menyalurkan", "--db", sample_db, "--json")
    assert out.returncode == 0, out.stderr
    page = json.loads(out.stdout)
    assert page["total"] >= 2 and {h["id"] for h in page["hits"]} >= {"kn-0001", "kn-0004"}
    hit = page["hits"][0]
    assert any(hit["snippet"][s:e].lower().startswith("menyalur") for s, e in hit["highlights"])

    filtered = json.loads(warta("search", "banjir", "--db", sample_db, "--json", "--source", "WartaSehari",
                                "--since", "2025-11-01", "--lang", "id").stdout)
    assert [h["id"] for h in filtered["hits"]] == ["ws-0002"]

    human = warta("search", "banjir", "--db", sample_db)
    assert human.returncode == 0 and "Banjir Rendam Ribuan Rumah" in human.stdout

    shown = json.loads(warta("show", "kn-0001", "--db", sample_db, "--json").stdout)
    assert tuple(shown) == OUTPUT_FIELDS and shown["title"].startswith("Sri Mulyani")
    readable = warta("show", "kn-0001", "--db", sample_db, "--raw")
    assert readable.returncode == 0 and "removed" in readable.stdout and "ADVERTISEMENT" in readable.stdout

    stats = json.loads(warta("stats", "--db", sample_db, "--json").stdout)
    assert stats["articles"] == 10
    assert stats["by_language"].get("en") == 1
    assert stats["removed_by_reason"].get("ad", 0) >= 2

    jsonl = tmp_path / "out.jsonl"
    assert warta("export", "--db", sample_db, "--format", "jsonl", "--out", str(jsonl), "--quiet").returncode == 0
    assert len(jsonl.read_text(encoding="utf-8").splitlines()) == 10
    parquet = tmp_path / "out.parquet"
    assert warta("export", "--db", sample_db, "--format", "parquet", "--out", str(parquet), "--quiet").returncode == 0
    import pyarrow.parquet as pq

    table = pq.read_table(parquet)
    assert table.num_rows == 10 and "raw" in table.column_names and "text" in table.column_names


def test_user_errors_are_one_line(sample_db, tmp_path):
    out = warta("search", '"unclosed', "--db", sample_db)
    assert out.returncode == 1 and out.stderr.startswith("warta: error: bad query") and "Traceback" not in out.stderr
    out = warta("show", "no-such-id", "--db", sample_db)
    assert out.returncode == 1 and "no article" in out.stderr
    out = warta("search", "x", "--db", str(tmp_path / "missing.db"))
    assert out.returncode == 1 and "no database" in out.stderr and len(out.stderr.splitlines()) == 1
    out = warta("search", '"unclosed', "--db", sample_db, "--debug")
    assert "Traceback" in out.stderr


def test_ingest_is_idempotent(tmp_path):
    db = str(tmp_path / "twice.db")
    assert warta("ingest", str(EXAMPLES), "--db", db, "--quiet").returncode == 0
    again = warta("ingest", str(EXAMPLES), "--db", db)
    assert again.returncode == 0 and "0 new" in again.stderr and "10 already stored" in again.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (10, 10)


def _corpus(path, n: int) -> None:
    towns = ["Semarang", "Medan", "Makassar", "Padang", "Kupang", "Ambon", "Jayapura", "Pontianak"]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            town = towns[i % len(towns)]
            text = (f"Pemerintah Kota {town} menyalurkan bantuan ke-{i} kepada {100 + i} keluarga pada pekan ini.\n"
                    f"Kode unik artikel ini adalah kodeunik{i}x untuk pengujian.\n"
                    "ADVERTISEMENT\n"
                    f"Warga {town} menyambut baik program tersebut, kata lurah setempat.")
            f.write(json.dumps({"id": f"art-{i}", "title": f"Bantuan {town} {i}", "text": text}) + "\n")


def test_ingest_survives_sigkill_and_resumes_without_loss_or_duplicates(tmp_path):
    n = 4000
    src = tmp_path / "corpus.jsonl"
    _corpus(src, n)
    db = str(tmp_path / "crash.db")
    cmd = [*WARTA, "ingest", str(src), "--db", db, "--quiet", "--workers", "2", "--stages", "prepare,clean"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    stored = 0
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
            stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            con.close()
        except sqlite3.Error:
            stored = 0
        if stored >= 400:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    os.killpg(proc.pid, signal.SIGKILL)  # the runner and its workers, mid-run
    proc.wait()
    assert 0 < stored < n

    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (n, n)
    con.close()
    # Every article is findable exactly once: the index lost and duplicated nothing either.
    for i in (0, 1, n // 2, n - 1):
        page = json.loads(warta("search", f"kodeunik{i}x", "--db", db, "--json").stdout)
        assert [h["id"] for h in page["hits"]] == [f"art-{i}"]
    total = json.loads(warta("search", "menyalurkan", "--db", db, "--json", "--limit", "1").stdout)["total"]
    assert total == n


def test_duplicates_in_extract_and_ingest(sample_db):
    out = warta("extract", str(EXAMPLES / "articles.jsonl"), "--corpus", "--quiet")
    rows = {r["id"]: r for r in map(json.loads, out.stdout.splitlines())}
    assert rows["kn-0004"]["duplicate_of"] == "kn-0001"  # the syndicated copy points at the earliest
    assert rows["kn-0001"]["duplicate_of"] is None
    assert rows["kn-0004"]["cluster"] == rows["kn-0001"]["cluster"] != rows["ws-0002"]["cluster"]
    stored = json.loads(warta("show", "kn-0004", "--db", sample_db, "--json").stdout)
    assert stored["duplicate_of"] == "kn-0001"


def test_distributed_extract_then_bulk_load(tmp_path):
    out = tmp_path / "shards"
    run = warta("extract", str(EXAMPLES), "--cluster", "local:2", "--out", str(out), "--stages", "prepare,clean",
                "--quiet", timeout=600)
    assert run.returncode == 0, run.stderr
    assert (out / "manifest.json").exists()
    db = str(tmp_path / "from_shards.db")
    load = warta("ingest", "--from", str(out), "--db", db, "--quiet")
    assert load.returncode == 0, load.stderr
    stats = json.loads(warta("stats", "--db", db, "--json").stdout)
    assert stats["articles"] == 10
    assert json.loads(warta("show", "kn-0004", "--db", db, "--json").stdout)["duplicate_of"] == "kn-0001"
    both = warta("ingest", str(EXAMPLES), "--from", str(out), "--db", db)
    assert both.returncode == 1 and "not both" in both.stderr

"""PostgreSQL with several writers at once, and versioned migrations.

Two real `warta ingest`-style processes (the library's `ingest`, each in its own Python process)
write overlapping inputs into one database at the same moment: nothing is lost, nothing doubled.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

import psycopg
import pytest

from tests.pg import new_database
from warta.store import StoreError, open_store
from warta.store.migrations import Migration, apply_postgres, current_postgres, latest

WRITER = textwrap.dedent("""
    import json, sys, time
    from warta import Article
    from warta.ingest import ingest
    from warta.store import open_store

    url, path, start_at = sys.argv[1], sys.argv[2], float(sys.argv[3])
    arts = [Article.from_dict(json.loads(line)) for line in open(path, encoding="utf-8")]
    store = open_store(url)
    while time.time() < start_at:  # both writers start together
        time.sleep(0.005)
    result = ingest(arts, store, stages=[], workers=1, batch_size=25)
    print(json.dumps({"inserted": result.inserted, "updated": result.updated, "unchanged": result.unchanged}))
""")


def _article(i: int) -> dict:
    text = f"Pemerintah kota ke-{i} menyalurkan bantuan banjir senilai Rp{i}0 juta kepada warga."
    return {"id": f"art-{i:05d}", "raw": text, "text": text, "title": f"Bantuan {i}", "language": "id",
            "amounts": [{"text": f"Rp{i}0 juta", "value": i * 10e6, "unit": "Rp", "start": 40, "end": 50}]}


@pytest.mark.slow
def test_two_writer_processes_lose_nothing_and_duplicate_nothing(tmp_path):
    url = new_database()
    open_store(url).close()  # schema in place (racing first opens are tested below)
    # Writer A: 0..599, writer B: 300..899 in reverse order (overlap 300..599 hit from both ends).
    a = [_article(i) for i in range(0, 600)]
    b = [_article(i) for i in reversed(range(300, 900))]
    files = []
    for name, arts in (("a", a), ("b", b)):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps(x) + "\n" for x in arts), encoding="utf-8")
        files.append(path)
    start_at = time.time() + 3.0
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, url, str(p), str(start_at)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for p in files]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert sum(r["inserted"] for r in results) == 900  # each article inserted by exactly one writer
    assert sum(r["updated"] for r in results) == 0
    assert sum(r["unchanged"] for r in results) == 300
    s = open_store(url, readonly=True)
    assert s.count() == 900
    assert s.query("SELECT count(*) AS n FROM amounts")[0]["n"] == 900  # facts not doubled either
    assert s.query("SELECT count(DISTINCT article) AS n FROM amounts")[0]["n"] == 900
    assert s.search("banjir").total == 900
    s.close()


def test_concurrent_first_open_applies_migrations_once(tmp_path):
    url = new_database()
    code = "import sys; from warta.store import open_store; open_store(sys.argv[1]).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code, url], stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    assert [r[0] for r in rows] == list(range(1, latest("postgres") + 1))


def test_migrations_are_versioned_ordered_and_idempotent():
    url = new_database()
    extra = [
        Migration(90, "add_notes", "CREATE TABLE notes (id BIGSERIAL PRIMARY KEY, body TEXT)"),
        Migration(91, "note_index", "CREATE INDEX notes_body ON notes(body)"),
    ]
    from warta.store.migrations import migrations

    shipped = migrations("postgres")
    with psycopg.connect(url, autocommit=True) as conn:
        assert current_postgres(conn) == 0
        # Given out of order, applied in order (91 needs the table made by 90).
        shipped_versions = [m.version for m in shipped]
        assert apply_postgres(conn, [extra[1], *reversed(shipped), extra[0]]) == [*shipped_versions, 90, 91]
        assert apply_postgres(conn, [*shipped, *extra]) == []  # idempotent
        assert current_postgres(conn) == 91
        # A broken migration leaves nothing behind: neither its changes nor its version row.
        bad = Migration(92, "broken", "CREATE TABLE half (x INT); SELECT no_such_function()")
        with pytest.raises(psycopg.Error):
            apply_postgres(conn, [*shipped, *extra, bad])
        assert current_postgres(conn) == 91
        assert conn.execute("SELECT to_regclass('half')").fetchone()[0] is None
    # This warta knows fewer versions than the database has: refuse to write.
    with pytest.raises(StoreError, match="newer warta"):
        open_store(url)


def test_refuses_a_foreign_database():
    url = new_database()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE customers (id INT)")
    with pytest.raises(StoreError, match="something else"):
        open_store(url)


def test_unreachable_server_is_a_clear_error():
    with pytest.raises(StoreError, match="cannot connect"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    try:
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    except StoreError as exc:
        assert "secret" not in str(exc)


def test_upgrade_from_version_1_keeps_the_data_searchable():
    """A database written by a warta at schema 1 (vectors in `articles`) opens with this warta:
    migration 2 moves the vectors to their own table; nothing is recomputed or lost."""
    from warta import Article
    from warta.store.migrations import migrations

    url = new_database()
    with psycopg.connect(url, autocommit=True) as conn:
        apply_postgres(conn, [m for m in migrations("postgres") if m.version == 1])
        conn.execute("INSERT INTO articles (id, text, raw, raw_hash, ingested_at, title, fts) VALUES "
                     "('old1', 'Warga menyalurkan bantuan.', 'Warga menyalurkan bantuan.', 'h', 'now', 'Lama', "
                     "setweight(to_tsvector('simple', 'lama'), 'A') || "
                     "setweight(to_tsvector('simple', 'warga salur bantu'), 'B'))")
    store = open_store(url)
    assert [h.id for h in store.search("disalurkan").hits] == ["old1"]
    assert store.add([Article(id="new1", raw="Bantuan disalurkan lagi.", text="Bantuan disalurkan lagi.")]).inserted == 1
    assert {h.id for h in store.search("penyaluran bantuan").hits} == {"old1", "new1"}
    with psycopg.connect(url) as conn:
        assert [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")] == \
            [m.version for m in migrations("postgres")]
    store.close()

"""Entities across the corpus on both backends: the entity name index, its merges, its migration,
and the command line and the web giving the same answers (they call the same library)."""
from __future__ import annotations

import json
import sqlite3
import subprocess
from urllib.parse import quote

import pytest

from tests.pg import new_database
from warta import Article
from warta.ner import corpus
from warta.store import entity_index, open_store

from .conftest import WARTA

INDEX_QUERIES = {
    "entity_keys": "SELECT label, key, mentions, articles FROM entity_keys ORDER BY label, key",
    "entity_names": "SELECT label, canonical, key, spelling, mentions FROM entity_names ORDER BY label, canonical",
    "entity_forms": "SELECT label, key, text, lower_text, mentions FROM entity_forms ORDER BY label, key, text",
    "entity_tokens": "SELECT token, key FROM entity_tokens ORDER BY token, key",
}


def article(i: str, text: str, ents: list[tuple], published: str | None = None) -> Article:
    """An article whose entities are (surface text, label, canonical[, role]) found in `text` in order."""
    a = Article(id=i, raw=text, text=text, title=text[:30], published=published, source="Warta Uji")
    pos = 0
    for e in ents:
        surface, label, canonical, *role = e
        start = text.index(surface, pos)
        pos = start + len(surface)
        a.entities.append({"text": surface, "label": label, "start": start, "end": pos, "canonical": canonical,
                           **({"role": role[0]} if role else {})})
    return a


def corpus_articles() -> list[Article]:
    return [
        article("n1", "Presiden Prabowo Subianto meninjau banjir di Semarang bersama Joko Widodo. Prabowo meminta "
                      "warga tetap waspada.",
                [("Prabowo Subianto", "PER", "Prabowo Subianto", "Presiden"), ("Semarang", "LOC", "Semarang"),
                 ("Joko Widodo", "PER", "Joko Widodo"), ("Prabowo", "PER", "Prabowo Subianto")], "2025-09-02"),
        # A short form alone (merged across articles), an alias left as written, a lowercase place.
        article("n2", "Prabowo memimpin rapat kabinet, sementara Jokowi hadir di semarang sore harinya.",
                [("Prabowo", "PER", "Prabowo"), ("Jokowi", "PER", "Jokowi"), ("semarang", "LOC", "semarang")],
                "2025-10-05"),
        # The full name and a surname the tagger kept apart in one article: that article counts once.
        article("n3", "Joko Widodo bertemu utusan Amerika Serikat; Widodo menyebut AS mitra penting.",
                [("Joko Widodo", "PER", "Joko Widodo"), ("Amerika Serikat", "LOC", "Amerika Serikat"),
                 ("Widodo", "PER", "Widodo"), ("AS", "LOC", "AS")], "2025-10-20"),
        # Two people share the short form "Budi" about equally often: it stays apart.
        article("n4", "Budi Santoso melapor ke KPK. Budi Santoso membawa dokumen.",
                [("Budi Santoso", "PER", "Budi Santoso"), ("KPK", "ORG", "Komisi Pemberantasan Korupsi"),
                 ("Budi Santoso", "PER", "Budi Santoso")], "2025-11-01"),
        article("n5", "Kapolri Budi Gunawan menemui Budi Gunawan muda di Semarang.",
                [("Budi Gunawan", "PER", "Budi Gunawan"), ("Budi Gunawan", "PER", "Budi Gunawan"),
                 ("Semarang", "LOC", "Semarang")], "2025-11-02"),
        article("n6", "Budi menunggu jawaban dari Komisi Pemberantasan Korupsi.",
                [("Budi", "PER", "Budi"), ("Komisi Pemberantasan Korupsi", "ORG", "Komisi Pemberantasan Korupsi")]),
    ]


def build(db: str) -> str:
    s = open_store(db)
    s.add(corpus_articles())
    s.close()
    return db


@pytest.fixture(params=["sqlite", "postgres"])
def db(request, tmp_path) -> str:
    return build(str(tmp_path / "kb.db") if request.param == "sqlite" else new_database())


def index_tables(store) -> dict[str, list[dict]]:
    return {t: [dict(r) for r in store.query(q)] for t, q in INDEX_QUERIES.items()}


def rebuilt(store) -> dict[str, list[dict]]:
    """The index as a rebuild from `mentions` gives it (inside a rolled-back transaction)."""
    class Rollback(Exception):
        pass

    out: dict[str, list[dict]] = {}
    try:
        with store.transaction():
            entity_index.rebuild(store.query, store.execute, lambda sql, rows: store.execute(sql, rows, many=True))
            out = index_tables(store)
            raise Rollback
    except Rollback:
        pass
    return out


def test_listing_merges_case_aliases_and_short_forms(db):
    s = open_store(db, readonly=True)
    by = {(r["name"], r["label"]): r for r in corpus.list_entities(s, limit=50)}
    s.close()
    assert (by[("Prabowo Subianto", "PER")]["mentions"], by[("Prabowo Subianto", "PER")]["articles"]) == (3, 2)
    # Jokowi (alias) and the surname "Widodo" join Joko Widodo; n3 names him twice but counts once.
    assert (by[("Joko Widodo", "PER")]["mentions"], by[("Joko Widodo", "PER")]["articles"]) == (4, 3)
    assert (by[("Semarang", "LOC")]["mentions"], by[("Semarang", "LOC")]["articles"]) == (3, 3)
    assert (by[("Amerika Serikat", "LOC")]["mentions"], by[("Amerika Serikat", "LOC")]["articles"]) == (2, 1)
    assert (by[("Komisi Pemberantasan Korupsi", "ORG")]["articles"]) == 2
    assert {("Budi", "PER"), ("Budi Santoso", "PER"), ("Budi Gunawan", "PER")} <= set(by)  # ambiguous: kept apart
    for gone in ("Prabowo", "Jokowi", "Widodo", "AS", "semarang"):
        assert not any(name == gone for name, _ in by)
    names = [r["name"] for r in corpus.list_entities(open_store(db, readonly=True), limit=3)]
    assert names == ["Joko Widodo", "Semarang", "Prabowo Subianto"]  # by articles, then mentions


def test_listing_filters_and_pages(db):
    s = open_store(db, readonly=True)
    assert [r["name"] for r in corpus.list_entities(s, label="PER", limit=2)] == ["Joko Widodo", "Prabowo Subianto"]
    assert [r["name"] for r in corpus.list_entities(s, label="PER", limit=2, offset=1)] == ["Prabowo Subianto",
                                                                                           "Budi Gunawan"]
    assert [r["name"] for r in corpus.list_entities(s, prefix="budi ", limit=10)] == ["Budi Gunawan", "Budi Santoso"]
    assert corpus.list_entities(s, prefix="tidak ada") == []
    top = corpus.top_entities(s, label="PER", top=1)[0]
    assert top["canonical"] == "Joko Widodo" and set(top["forms"]) == {"Joko Widodo", "Jokowi", "Widodo"}
    s.close()


def test_find_entity_by_any_name(db):
    s = open_store(db, readonly=True)
    assert corpus.find_entity(s, "jokowi").name == "Joko Widodo"
    assert corpus.find_entity(s, "PRABOWO").name == "Prabowo Subianto"
    assert corpus.find_entity(s, "AS").name == "Amerika Serikat"
    assert corpus.find_entity(s, "Budi").name == "Budi"
    assert corpus.find_entity(s, "Tidak Ada") is None and corpus.find_entity(s, "  ") is None
    rep = corpus.entity_report(s, "Prabowo")
    assert rep["timeline"] == [("2025-09", 1), ("2025-10", 1)] and ("Presiden", 1) in rep["roles"]
    assert {c["canonical"] for c in rep["cooccurring"]} == {"Semarang", "Joko Widodo"}
    assert {(c["canonical"], c["articles"]) for c in corpus.entity_report(s, "Semarang")["cooccurring"]} >= {
        ("Joko Widodo", 2), ("Prabowo Subianto", 2), ("Budi Gunawan", 1)}
    assert corpus.entity_report(s, "Budi")["timeline"] == [("", 1)]  # undated
    s.close()


def test_a_repeated_word_is_no_full_name(tmp_path):
    db = str(tmp_path / "kb.db")
    s = open_store(db)
    s.add([article("r1", "Rudi Rudi tiba.", [("Rudi Rudi", "PER", "Rudi Rudi")]),
           article("r2", "Rudi pulang.", [("Rudi", "PER", "Rudi")]),
           article("r3", "Sinta Dewi dan Sinta.", [("Sinta Dewi", "PER", "Sinta Dewi"), ("Sinta", "PER", "Sinta")])])
    assert corpus.short_targets(s, ["rudi", "sinta"]) == {"sinta": "sinta dewi"}
    assert corpus.find_entity(s, "Rudi").name == "Rudi"
    s.close()


def test_cli_and_web_give_the_same_counts(db):
    from fastapi.testclient import TestClient

    from warta.web import create_app

    cli = [json.loads(line) for line in subprocess.run(
        [*WARTA, "entities", "--db", db, "--top", "50", "--json"], capture_output=True, text=True,
        check=True).stdout.splitlines()]
    with TestClient(create_app(db)) as client:
        web = client.get("/api/entities", params={"limit": 50}).json()["items"]
        assert [(r["canonical"], r["label"], r["mentions"], r["articles"]) for r in cli] == \
               [(r["name"], r["label"], r["mentions"], r["articles"]) for r in web]
        for name in ("Jokowi", "Prabowo", "Semarang", "AS", "Budi"):
            one = json.loads(subprocess.run([*WARTA, "entity", name, "--db", db, "--json"], capture_output=True,
                                            text=True, check=True).stdout)
            page = client.get("/api/entities/" + quote(name)).json()
            assert (one["canonical"], one["mentions"], one["articles"]) == (page["name"], page["mentions"],
                                                                            page["articles"])
            assert {(c["canonical"], c["articles"]) for c in one["cooccurring"]} == \
                   {(c["name"], c["count"]) for c in page["cooccurring"]}
            assert sum(n for _, n in one["timeline"]) == sum(p["count"] for p in page["timeline"]) + \
                sum(n for m, n in one["timeline"] if not m)
        assert client.get("/entities/Jokowi", follow_redirects=False).headers["location"] == "/entities/Joko%20Widodo"
        assert "Joko Widodo" in client.get("/entities").text


def test_index_follows_updates_and_matches_a_rebuild(db):
    s = open_store(db)
    before = index_tables(s)
    assert before == rebuilt(s)
    # n2 changes: Jokowi is gone, a new person appears; n6 is stored again unchanged.
    arts = {a.id: a for a in corpus_articles()}
    new = article("n2", "Prabowo memimpin rapat kabinet bersama Sri Mulyani di semarang.",
                  [("Prabowo", "PER", "Prabowo"), ("Sri Mulyani", "PER", "Sri Mulyani"),
                   ("semarang", "LOC", "semarang")], "2025-10-05")
    # n4 loses its only multi-word person (Budi Santoso): that key's words leave entity_tokens,
    # though an organisation of the same name now appears (tokens are kept for person keys only).
    n4 = article("n4", "Seorang warga melapor ke KPK dan Yayasan Budi Santoso membawa dokumen.",
                 [("KPK", "ORG", "Komisi Pemberantasan Korupsi"), ("Budi Santoso", "ORG", "Budi Santoso")],
                 "2025-11-01")
    res = s.add([new, arts["n6"], n4])
    assert (res.updated, res.unchanged) == (2, 1)
    after = index_tables(s)
    assert after == rebuilt(s)
    assert "budi santoso" not in {r["key"] for r in after["entity_tokens"]}
    assert "budi santoso" in {r["key"] for r in before["entity_tokens"]}
    forms = {r["text"] for r in after["entity_forms"]}
    assert "Jokowi" not in forms and "Sri Mulyani" in forms
    joko = corpus.entity_detail(s, "Joko Widodo")
    assert (joko["mentions"], joko["articles"]) == (3, 2)
    s.close()


def _assert_same_listing(db: str, expected: list[dict]) -> None:
    s = open_store(db, readonly=True)  # the web server's open: upgrades an older database first
    assert corpus.list_entities(s, limit=50) == expected
    s.close()


def test_sqlite_schema_1_is_migrated(tmp_path):
    db = build(str(tmp_path / "old.db"))
    expected = corpus.list_entities(open_store(db, readonly=True), limit=50)
    conn = sqlite3.connect(db)  # back to schema 1: no entity index
    for table in entity_index.TABLES:
        conn.execute(f"DROP TABLE {table}")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    _assert_same_listing(db, expected)
    assert open_store(db, readonly=True).query("SELECT value FROM meta WHERE key = 'schema_version'")[0]["value"] == "2"


def test_postgres_before_migration_3_is_migrated():
    db = build(new_database())
    s = open_store(db)
    expected = corpus.list_entities(s, limit=50)
    for table in entity_index.TABLES:
        s.execute(f"DROP TABLE {table}")
    s.execute("DELETE FROM schema_version WHERE version = 3")  # as if 0003 had never run
    s.execute("DELETE FROM meta WHERE key = 'entity_index'")
    s.close()
    _assert_same_listing(db, expected)
    s = open_store(db)
    assert s.query("SELECT max(version) AS v FROM schema_version")[0]["v"] >= 3
    s.close()


def test_stats_count_entities_after_case_and_alias_merges(db):
    """The overview's entity count is the index's groups: "Jokowi" and "Joko Widodo", "AS" and
    "Amerika Serikat", "semarang" and "Semarang" are one entity each (13 stored names, 10 groups;
    short forms are merged only when listing)."""
    s = open_store(db, readonly=True)
    try:
        names = s.query("SELECT count(*) AS n FROM (SELECT DISTINCT canonical, label FROM mentions) m")[0]["n"]
        assert (names, s.stats()["entities"]) == (13, 10)
    finally:
        s.close()


def test_entity_filter_covers_every_name_of_the_entity(db):
    """A search or listing filtered by an entity finds the articles its entity page counts: the
    alias ("Jokowi" in n2) and the short form ("Prabowo" alone in n2) included, whichever name is
    typed; an unknown name matches nothing."""
    from warta.web import queries

    s = open_store(db, readonly=True)
    try:
        def ids(page):
            return sorted(h.id for h in page.hits)

        assert ids(s.search("semarang", entity="Joko Widodo")) == ["n1", "n2"]
        assert ids(s.search("semarang", entity="Jokowi")) == ["n1", "n2"]
        assert ids(s.search("semarang", entity="Prabowo Subianto")) == ["n1", "n2"]
        assert ids(queries.search(s, "semarang", entity="jokowi")) == ["n1", "n2"]
        assert ids(queries.browse(s, entity="Joko Widodo", limit=20)) == ["n1", "n2", "n3"]
        assert queries.browse(s, entity="Joko Widodo").total == corpus.entity_detail(s, "Joko Widodo")["articles"] == 3
        assert ids(queries.search(s, "", entity="Tidak Ada Orang Ini")) == []
        facet = queries.facets(s, "semarang", entity="Jokowi")
        assert sum(f["count"] for f in facet["sources"]) == 2
    finally:
        s.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_index_built_by_another_alias_table_is_rebuilt(backend, tmp_path):
    """The 'entity_index' meta row names the fold code and alias table the keys were made with: a
    store whose row differs (an edited aliases.py) rebuilds the index when opened, even read-only."""
    db = build(str(tmp_path / "kb.db") if backend == "sqlite" else new_database())
    s = open_store(db)
    expected = index_tables(s)
    s.execute("DELETE FROM entity_keys")  # what stale keys would look like: not what a rebuild gives
    s.execute("UPDATE meta SET value = 'made-by-an-older-warta' WHERE key = 'entity_index'")
    s.close()
    s = open_store(db, readonly=True)
    try:
        assert index_tables(s) == expected
        assert s.query("SELECT value FROM meta WHERE key = 'entity_index'")[0]["value"] == entity_index.INDEX_VERSION
    finally:
        s.close()

"""The SQLite store: idempotent writes, Indonesian-aware search, filters, stats, updates."""
from __future__ import annotations

import sqlite3

import pytest

from warta import Article
from warta.store import QuerySyntaxError, SQLiteStore, StoreError, open_store


def art(i: str, text: str, **kw) -> Article:
    a = Article(id=i, raw=text, text=text, **kw)
    return a


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "kb.db"))
    s.add([
        art("a1", "Pemerintah menyalurkan bantuan sosial kepada dua juta keluarga di Jawa Tengah.",
            title="Bansos cair", source="KabarNusa", published="2025-10-21T10:00", language="id"),
        art("a2", "Bantuan itu disalurkan lewat kantor pos di seluruh kabupaten.", title="Lewat pos",
            source="Kompas.com", published="2025-09-02", language="id"),
        art("a3", "Penyaluran dana desa tahap kedua tertunda karena banjir di Semarang.", title="Dana desa",
            source="Kompas.com", published="2024-01-05", language="id"),
        art("a4", "The deficit stays under control, the minister said.", title="Deficit", source="WorldPress",
            published="2025-10-01", language="en"),
    ])
    yield s
    s.close()


def test_wal_and_fts_schema(store):
    mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4


def test_stemmed_search_finds_other_word_forms(store):
    page = store.search("menyalurkan")
    assert {h.id for h in page.hits} == {"a1", "a2", "a3"}  # menyalurkan / disalurkan / penyaluran
    assert page.total == 3


def test_snippet_highlights_every_matching_form(store):
    hit = next(h for h in store.search("menyalurkan").hits if h.id == "a2")
    marked = [hit.snippet[s:e] for s, e in hit.highlights]
    assert marked == ["disalurkan"]


def test_source_filter_takes_wildcards_literally(store):
    assert store.search("menyalurkan", source="%").total == 0
    assert store.search("menyalurkan", source="kompas_com").total == 0


def test_filters(store):
    assert {h.id for h in store.search("salur*", source="kompas").hits} == {"a2", "a3"}
    assert {h.id for h in store.search("menyalurkan", since="2025-09").hits} == {"a1", "a2"}
    assert {h.id for h in store.search("menyalurkan", until="2024-12-31").hits} == {"a3"}
    assert {h.id for h in store.search("deficit", lang="en").hits} == {"a4"}
    assert store.search("deficit", lang="id").total == 0


def test_title_weighs_more_than_text(tmp_path):
    s = open_store(str(tmp_path / "w.db"))
    # The same words, once in a title and once in a text of the same length: only the title
    # weight can put t1 first (inserted second, so insertion order does not either).
    s.add([art("t2", "Banjir melanda kota pagi ini.", title="Cuaca pagi ini", language="id"),
           art("t1", "Cuaca melanda kota pagi ini.", title="Banjir pagi ini", language="id")])
    assert [h.id for h in s.search("banjir").hits] == ["t1", "t2"]
    s.close()


@pytest.mark.parametrize("query", ['"dana desa', "(banjir", "banjir AND", "NOT banjir", ")"])
def test_syntax_errors_are_clear(store, query):
    with pytest.raises(QuerySyntaxError) as err:
        store.search(query)
    assert "query" in str(err.value) or "'" in str(err.value)


def test_operators_and_phrases(store):
    assert {h.id for h in store.search('"dana desa" OR deficit').hits} == {"a3", "a4"}
    assert {h.id for h in store.search("menyalurkan NOT banjir").hits} == {"a1", "a2"}
    assert store.search("covid-19").total == 0  # punctuation inside a word is not a syntax error


def test_same_article_twice_is_stored_once_and_changed_input_updates(store):
    again = store.add([art("a1", "Pemerintah menyalurkan bantuan sosial kepada dua juta keluarga di Jawa Tengah.",
                           title="Bansos cair", source="KabarNusa", published="2025-10-21T10:00", language="id")])
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 1)
    changed = store.add([art("a1", "Teks baru tentang gempa di Palu.", title="Gempa", language="id")])
    assert (changed.inserted, changed.updated) == (0, 1)
    assert store.count() == 4
    assert store.search("gempa").hits[0].id == "a1"
    assert all(h.id != "a1" for h in store.search("menyalurkan").hits)  # old words left the index


def test_facts_are_stored_in_tables(tmp_path):
    s = SQLiteStore(tmp_path / "f.db")
    a = art("f1", "Sekitar 1.200 personel dikerahkan.", language="id")
    a.amounts = [{"text": "1.200 personel", "value": 1200, "unit": "personel", "hedge": "sekitar", "start": 7, "end": 21}]
    a.removed = [{"line": 1, "text": "ADVERTISEMENT", "reason": "ad"}]
    s.add([a])
    assert tuple(s.conn.execute("SELECT value, unit, hedge FROM amounts").fetchone()) == (1200, "personel", "sekitar")
    assert s.stats()["removed_by_reason"] == {"ad": 1}
    back = s.get("f1")
    assert back.amounts[0]["hedge"] == "sekitar" and back.removed[0]["reason"] == "ad"


def test_get_by_unique_prefix(store):
    store.add([art("clickid-7f3a9b", "Satu."), art("clickid-7f3c01", "Dua.")])
    assert store.get("clickid-7f3a").text == "Satu."  # a unique prefix finds the article
    assert store.get("clickid-7f3") is None  # an ambiguous prefix finds nothing
    assert store.get("a4").title == "Deficit"
    assert store.get("zz") is None
    store.add([art("x1", "Tiga.")])
    assert store.get("x%") is None and store.get("x_") is None  # LIKE wildcards in the id are taken literally
    assert store.get("x").text == "Tiga."  # (and the same prefix without them does find it)


def test_stats(store):
    st = store.stats()
    assert st["articles"] == 4
    assert st["by_source"]["Kompas.com"] == 2
    assert st["by_language"] == {"id": 3, "en": 1}
    assert st["by_month"]["2025-10"] == 2
    assert st["first_published"] == "2024-01-05"


def test_refuses_foreign_database(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="something else"):
        SQLiteStore(path)


def test_readonly_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        open_store(str(tmp_path / "missing.db"), readonly=True)

"""The store contract on both backends: SQLite and a real PostgreSQL server (tests/pg.py).

Same calls, same answers: writes are idempotent, search is stemmed with the same syntax errors,
filters and snippets agree, stats agree, the portable SQL of other areas runs on both.
"""
from __future__ import annotations

import pytest

from tests.pg import new_database
from warta import Article
from warta.store import QuerySyntaxError, StoreError, open_store


def art(i: str, text: str, **kw) -> Article:
    return Article(id=i, raw=text, text=text, **kw)


CORPUS = [
    art("a1", "Pemerintah menyalurkan bantuan sosial kepada dua juta keluarga di Jawa Tengah.",
        title="Bansos cair", source="KabarNusa", published="2025-10-21T10:00", language="id"),
    art("a2", "Bantuan itu disalurkan lewat kantor pos di seluruh kabupaten.", title="Lewat pos",
        source="Kompas.com", published="2025-09-02", language="id"),
    art("a3", "Penyaluran dana desa tahap kedua tertunda karena banjir di Semarang.", title="Dana desa",
        source="Kompas.com", published="2024-01-05", language="id"),
    art("a4", "The deficit stays under control, the minister said.", title="Deficit", source="WorldPress",
        published="2025-10-01", language="en"),
]


def _open(backend: str, tmp_path) -> str:
    return str(tmp_path / "kb.db") if backend == "sqlite" else new_database()


@pytest.fixture(params=["sqlite", "postgres"])
def db(request, tmp_path) -> str:
    return _open(request.param, tmp_path)


@pytest.fixture
def store(db):
    s = open_store(db)
    s.add([Article.from_dict(a.to_dict()) for a in CORPUS])
    yield s
    s.close()


def ids(page) -> set[str]:
    return {h.id for h in page.hits}


def test_stemmed_search_and_snippets(store):
    page = store.search("menyalurkan")
    assert ids(page) == {"a1", "a2", "a3"} and page.total == 3
    hit = next(h for h in page.hits if h.id == "a2")
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["disalurkan"]


def test_filters(store):
    assert ids(store.search("salur*", source="kompas")) == {"a2", "a3"}
    assert ids(store.search("menyalurkan", since="2025-09")) == {"a1", "a2"}
    assert ids(store.search("menyalurkan", until="2024-12-31")) == {"a3"}
    assert ids(store.search("deficit", lang="en")) == {"a4"}
    assert store.search("deficit", lang="id").total == 0


@pytest.mark.parametrize("query,expected", [
    ('"dana desa" OR deficit', {"a3", "a4"}),
    ("menyalurkan NOT banjir", {"a1", "a2"}),
    ("bantuan AND (pos OR keluarga)", {"a1", "a2"}),
    ("title:bansos", {"a1"}),
    ("judul:desa", {"a3"}),
    ('"tahap kedua"', {"a3"}),
    ('"kedua tahap"', set()),
    ("NEAR(dana banjir, 5)", {"a3"}),
    ("NEAR(dana banjir, 2)", set()),
    ("covid-19", set()),
    ("kabupat*", {"a2"}),
])
def test_operators_phrases_prefixes_columns(store, query, expected):
    assert ids(store.search(query)) == expected


@pytest.mark.parametrize("query", ['"dana desa', "(banjir", "banjir AND", "NOT banjir", ")", ""])
def test_syntax_errors_are_the_same(store, query):
    with pytest.raises(QuerySyntaxError):
        store.search(query)


def test_title_weighs_more_than_text(store):
    store.add([art("t1", "Sekilas tentang gempa.", title="Gempa besar", language="id"),
               art("t2", "Warga merasakan gempa kecil pagi tadi di pesisir selatan.", title="Cuaca", language="id")])
    assert store.search("gempa").hits[0].id == "t1"


def test_paging(store):
    first = store.search("menyalurkan", limit=2)
    second = store.search("menyalurkan", limit=2, offset=2)
    assert first.total == second.total == 3
    assert len(first.hits) == 2 and len(second.hits) == 1
    assert ids(first).isdisjoint(ids(second))


def test_idempotent_add_and_update(store):
    again = store.add([Article.from_dict(CORPUS[0].to_dict())])
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 1)
    changed = store.add([art("a1", "Teks baru tentang gempa di Palu.", title="Gempa", language="id")])
    assert (changed.inserted, changed.updated, changed.ids) == (0, 1, ["a1"])
    assert store.count() == 4
    assert store.search("gempa").hits[0].id == "a1"
    assert "a1" not in ids(store.search("menyalurkan"))  # old words left the index
    mixed = store.add([art("n1", "Harga cabai naik.", language="id"), Article.from_dict(CORPUS[1].to_dict())])
    assert (mixed.inserted, mixed.unchanged, mixed.ids) == (1, 1, ["n1"])


def test_facts_round_trip_and_stats(db):
    s = open_store(db)
    a = art("f1", "Sekitar 1.200 personel dikerahkan.", language="id", source="KabarNusa", published="2025-01-02")
    a.amounts = [{"text": "1.200 personel", "value": 1200, "unit": "personel", "hedge": "sekitar", "start": 7, "end": 21}]
    a.removed = [{"line": 1, "text": "ADVERTISEMENT", "reason": "ad"}]
    a.entities = [{"text": "Polri", "label": "ORG", "start": 0, "end": 5, "canonical": "Polri"}]
    a.quotes = [{"text": "Aman", "speaker": "Kapolda", "verb": "kata", "direct": True, "start": 0, "end": 4}]
    a.dateline = {"city": "JAKARTA", "outlet": None}
    s.add([a])
    s.add([a])  # idempotent: facts are not doubled
    back = s.get("f1")
    assert back.amounts[0]["hedge"] == "sekitar" and back.removed[0]["reason"] == "ad"
    assert back.dateline == {"city": "JAKARTA", "outlet": None}
    st = s.stats()
    assert st["removed_by_reason"] == {"ad": 1}
    assert (st["amounts"], st["quotes"], st["entities"]) == (1, 1, 1)
    # a changed article replaces its facts
    a2 = Article.from_dict(a.to_dict())
    a2.raw = a2.text = "Sekitar 900 personel dikerahkan."
    a2.amounts = [{"text": "900 personel", "value": 900, "unit": "personel", "start": 7, "end": 19}]
    s.add([a2])
    assert s.query("SELECT value FROM amounts") == [{"value": 900}]
    s.close()


def test_stats_agree(store):
    st = store.stats()
    assert st["articles"] == 4
    assert st["by_source"]["Kompas.com"] == 2
    assert st["by_language"] == {"id": 3, "en": 1}
    assert st["by_month"]["2025-10"] == 2
    assert st["first_published"] == "2024-01-05"


def test_get_by_id_and_unique_prefix(store):
    assert store.get("a4").title == "Deficit"
    assert store.get("a") is None  # four ids start with "a": not unique
    assert store.get("zz") is None
    assert [a.id for a in store.iter_articles(batch=3)] == ["a1", "a2", "a3", "a4"]
    assert [a.id for a in store.iter_articles(where="language = ?", params=("en",))] == ["a4"]


def test_portable_sql(store):
    rows = store.query("SELECT id FROM articles WHERE lower(source) LIKE ? ORDER BY id", ("%kompas%",))
    assert [r["id"] for r in rows] == ["a2", "a3"]
    store.executescript("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, article TEXT, body TEXT);")
    with store.transaction():
        store.execute("INSERT INTO notes (article, body) VALUES (?, ?)", [("a1", "50% naik"), ("a2", "ok")], many=True)
    rows = store.query("SELECT article, body FROM notes WHERE body LIKE '%naik%' ORDER BY article")
    assert rows == [{"article": "a1", "body": "50% naik"}]
    store.set_fields("a2", duplicate_of="a1", cluster="c1")
    assert store.get("a2").duplicate_of == "a1" and store.stats()["duplicates"] == 1
    assert store.search("disalurkan").hits[0].duplicate_of == "a1"


def test_transaction_rolls_back(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.execute("UPDATE articles SET cluster = ? WHERE id = ?", ("x", "a1"))
        raise RuntimeError("boom")
    assert store.get("a1").cluster is None


def test_readonly(db):
    if db.startswith("postgresql"):
        with pytest.raises(StoreError, match="no warta database"):
            open_store(db, readonly=True)
    else:
        with pytest.raises(StoreError, match="no database"):
            open_store(db, readonly=True)
    open_store(db).close()
    ro = open_store(db, readonly=True)
    assert ro.count() == 0
    ro.close()


def test_other_areas_corpus_code_runs_the_same_on_both(tmp_path):
    """The duplicates/stories step and the facts listings (portable SQL) agree across backends."""
    storage = pytest.importorskip("warta.dedup.storage")
    from warta.facts.corpus import list_amounts

    text = ("Pemerintah Kota Semarang menyalurkan bantuan banjir kepada seribu keluarga di lima kecamatan "
            "pada Senin pagi, kata wali kota kepada wartawan di balai kota.")
    arts = [art("d1", text, published="2025-07-02", source="KabarNusa"),
            art("d2", text.upper(), published="2025-07-01", source="Warta Jateng"),
            art("d3", text.replace("seribu", "dua ribu"), published="2025-07-03", source="KabarNusa"),
            art("d4", "Harga cabai rawit di Pasar Johar naik dua kali lipat menjelang akhir pekan.", source="X")]
    arts[3].amounts = [{"text": "dua kali lipat", "value": 2, "unit": "kali", "start": 40, "end": 54}]
    answers = []
    for db in (str(tmp_path / "kb.db"), new_database()):
        s = open_store(db)
        res = s.add([Article.from_dict(a.to_dict()) for a in arts])
        storage.update(s, res.ids)
        answers.append(({a.id: (a.duplicate_of, a.cluster is not None) for a in s.iter_articles()},
                        s.stats()["duplicates"], [r["article_id"] for r in list_amounts(s, unit="KALI")]))
        s.close()
    assert answers[0] == answers[1]
    assert answers[0][0]["d1"][0] == "d2"  # the earliest copy is the canonical


def test_very_broad_searches_rank_the_newest_matches_and_say_so(db, monkeypatch):
    """Past RANK_CAP matches, both stores rank only the most recently stored RANK_CAP of them (bounded
    work on 1M articles) and flag the page; below it the ranking is over every match."""
    import warta.store.postgres as pg_store
    import warta.store.sqlite as sqlite_store

    s = open_store(db)
    # The best match (the word three times, and in the title) is stored first: the oldest.
    s.add([art("old-best", "Banjir banjir banjir melanda desa.", title="Banjir besar")])
    s.add([art(f"n{i}", f"Banjir kecil di kampung nomor {i} dengan cerita panjang lain.") for i in range(5)])
    full = s.search("banjir", limit=10)
    assert full.ranked_within is None and full.total == 6 and full.total_exact
    assert full.hits[0].id == "old-best"
    for mod in (pg_store, sqlite_store):
        monkeypatch.setattr(mod, "RANK_CAP", 3)
    capped = s.search("banjir", limit=10)
    assert capped.total == 6 and capped.ranked_within == 3
    assert ids(capped) == {"n2", "n3", "n4"}  # the three newest matches, the old best one left out
    assert capped.to_dict()["ranked_within"] == 3
    s.close()


def test_postgres_counts_stop_at_count_cap(monkeypatch):
    import warta.store.postgres as pg_store

    s = open_store(new_database())
    s.add([art(f"k{i}", f"Kebakaran hutan di petak {i}.") for i in range(4)])
    monkeypatch.setattr(pg_store, "COUNT_CAP", 2)
    page = s.search("kebakaran", limit=2)
    assert page.total == 2 and not page.total_exact and len(page.hits) == 2
    assert s.search("kebakaran", limit=10).total == 4  # never fewer than the hits shown
    monkeypatch.setattr(pg_store, "COUNT_CAP", 10)
    assert s.search("kebakaran").total_exact
    s.close()


def _ranked_newest(s, query: str, rank_cap: int) -> tuple[int, list[tuple[str, float]]]:
    """The reference for the partitioned search: every match counted, the newest `rank_cap` ranked,
    in one plain query over the whole table (what migration 4's function must agree with)."""
    from warta.store.postgres import _RANK, fts_to_tsquery
    from warta.store.query import parse

    tsq = fts_to_tsquery(parse(query).match)
    total = s.conn.execute("SELECT count(*) FROM article_search WHERE fts @@ to_tsquery('simple', %s)",
                           (tsq,)).fetchone()[0]
    rows = s.conn.execute(
        f"SELECT a.id, {_RANK.format(vector='c.fts', query='c.q')} AS score FROM "
        "(SELECT rowid, fts, to_tsquery('simple', %s) AS q FROM article_search "
        " WHERE fts @@ to_tsquery('simple', %s) ORDER BY rowid DESC LIMIT %s) c "
        "JOIN articles a ON a.rowid = c.rowid ORDER BY score DESC, c.rowid DESC LIMIT 10", (tsq, tsq, rank_cap)).fetchall()
    return total, [(i, round(float(sc), 4)) for i, sc in rows]


def test_partitioned_search_agrees_with_one_plain_ranking(monkeypatch):
    """Migration 4 splits the search table into rowid ranges read newest first. With tiny partitions
    and caps, every kind of query (rare, common, only in old rows, denser in old rows than new) gets
    the same count, flags and top hits as ranking the newest RANK_CAP matches of the whole table, and
    as the one-query path that filters take."""
    import warta.store.postgres as pg_store

    monkeypatch.setattr(pg_store, "PARTITION_ROWS", 4)  # before the first write: partitions of 4 rowids
    s = open_store(new_database())
    texts = []
    for i in range(60):
        words = ["Warga kampung berkumpul di balai desa"]
        if i % 2 == 0:
            words.append("membahas banjir" + " banjir" * (i % 5))  # common, scores vary
        if i < 12:
            words.append("serta longsor di lereng")  # only in the oldest rows, dense there
        if i % 13 == 0:
            words.append("dan gempa kecil")  # rare, spread out
        if i < 20 or i % 9 == 0:
            words.append("soal irigasi sawah")  # dense in old rows, sparse in new
        texts.append(" ".join(words) + f" nomor {i}.")
    for start in range(0, 60, 7):  # several batches, so partitions are made as the rowids grow
        s.add([art(f"w{i:02d}", t, title="Banjir" if i % 10 == 0 else "Warta", language="id")
               for i, t in list(enumerate(texts))[start:start + 7]])
    parts = s.conn.execute("SELECT count(*) FROM pg_inherits WHERE inhparent = 'article_search'::regclass").fetchone()[0]
    assert parts >= 15
    for rank_cap, count_cap in ((5, 8), (7, 100), (1000, 1000), (3, 3)):
        monkeypatch.setattr(pg_store, "RANK_CAP", rank_cap)
        monkeypatch.setattr(pg_store, "COUNT_CAP", count_cap)
        for query in ("banjir", "longsor", "gempa", "irigasi", "warga", "banjir irigasi", "topan", "title:banjir"):
            total, expected = _ranked_newest(s, query, rank_cap)
            page = s.search(query, limit=10)
            assert [(h.id, h.score) for h in page.hits] == expected, (query, rank_cap)
            assert page.total == min(total, count_cap) or page.total == len(page.hits) > count_cap
            assert page.total_exact == (total <= count_cap)
            assert page.ranked_within == (rank_cap if total > rank_cap else None)
            joined = s.search(query, limit=10, lang="id")  # a filter: the one-query path
            assert [(h.id, h.score) for h in joined.hits] == expected
            assert (joined.total, joined.total_exact, joined.ranked_within) == \
                (page.total, page.total_exact, page.ranked_within)
    s.close()


def test_search_partitions_follow_rowids_from_other_writers(monkeypatch):
    """Writers make the search partitions their rows need: for rowids other writers took, and when
    a batch's rowids land past the partitions this writer had made (it then makes them and retries)."""
    import warta.store.postgres as pg_store

    monkeypatch.setattr(pg_store, "PARTITION_ROWS", 2)
    url = new_database()
    a, b = open_store(url), open_store(url)
    a.add([art("x0", "Jembatan baru diresmikan.")])
    b.add([art(f"y{i}", f"Jembatan lama nomor {i} diperbaiki.") for i in range(9)])  # past a's partitions
    assert a.add([art("x1", "Jembatan gantung dibuka lagi.")]).inserted == 1
    # As if other writers took rowids up to 40 after `a` had made its partitions: its insert finds
    # no partition for rowid 41, and the batch is retried once the partitions are made.
    a.conn.execute("SELECT setval('articles_rowid_seq', 40)")
    a._partitions_upto = 10**9
    assert a.add([art("x2", "Jembatan darurat dipasang.")]).inserted == 1
    assert a.search("jembatan").total == 12
    assert [h.id for h in b.search("darurat").hits] == ["x2"]
    a.close()
    b.close()


def test_migration_4_moves_existing_vectors_into_partitions():
    """A database at schema 3 (one search table) with rowids spread over several 50,000-rowid
    ranges: migration 4 makes those partitions, moves the vectors (not recomputed) and the search
    and later writes work as on a new database."""
    import psycopg

    from warta.store.migrations import apply_postgres, migrations

    url = new_database()
    with psycopg.connect(url, autocommit=True) as conn:
        apply_postgres(conn, [m for m in migrations("postgres") if m.version <= 3])
        for rowid, word in ((7, "banjir"), (60_001, "banjir"), (149_999, "longsor banjir")):
            conn.execute("INSERT INTO articles (rowid, id, text, raw, raw_hash, ingested_at) "
                         "VALUES (%s, %s, %s, %s, 'h', 'now')", (rowid, f"r{rowid}", word, word))
            conn.execute("INSERT INTO article_search VALUES (%s, setweight(to_tsvector('simple', %s), 'B'))",
                         (rowid, word))
        conn.execute("SELECT setval('articles_rowid_seq', 149999)")
    s = open_store(url)
    parts = s.conn.execute("SELECT lo, hi FROM article_search_parts ORDER BY lo").fetchall()
    assert parts[:3] == [(0, 50_000), (50_000, 100_000), (100_000, 150_000)]
    page = s.search("banjir")
    assert [h.id for h in page.hits] == ["r60001", "r7", "r149999"] and page.total == 3  # equal scores: newest first
    assert s.add([art("n1", "Banjir lagi di hilir.")]).inserted == 1
    assert s.conn.execute("SELECT tableoid::regclass::text FROM article_search WHERE rowid = "
                          "(SELECT rowid FROM articles WHERE id = 'n1')").fetchone()[0] == "article_search_150000"
    assert s.search("banjir").total == 4
    s.close()

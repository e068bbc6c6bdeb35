"""The web UI and API on a PostgreSQL knowledge base: the same pages and answers as on SQLite.

Two corpora, each stored in SQLite and in PostgreSQL (tests/pg.py): the store contract's small
corpus (tests/test_postgres_store.py) with one entity and one quote, and the web corpus
(tests/test_web_corpus.py) with duplicates, stories, quotes, amounts and a hostile article.
(Merged from test_postgres_web.py and test_web_postgres.py, which overlapped.)
"""
from __future__ import annotations

import pytest

from tests.pg import new_database
from tests.test_postgres_store import CORPUS
from tests.test_web_corpus import HOSTILE_ID, make_articles
from warta import Article
from warta.store import open_store


def _client(backend: str, tmp_path_factory, articles: list[Article]):
    testclient = pytest.importorskip("fastapi.testclient")
    app_mod = pytest.importorskip("warta.web.app")
    db = str(tmp_path_factory.mktemp("web") / "kb.db") if backend == "sqlite" else new_database()
    store = open_store(db)
    store.add(articles)
    store.close()
    return testclient.TestClient(app_mod.create_app(db), raise_server_exceptions=True)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def client(request, tmp_path_factory):
    """The small corpus."""
    arts = [Article.from_dict(a.to_dict()) for a in CORPUS]
    arts[0].entities = [{"text": "Jawa Tengah", "label": "LOC", "start": 63, "end": 74, "canonical": "Jawa Tengah"}]
    arts[0].quotes = [{"text": "Bantuan cair", "speaker": "Gubernur", "verb": "kata", "direct": True,
                       "start": 0, "end": 12}]
    with _client(request.param, tmp_path_factory, arts) as c:
        yield c


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def web_client(request, tmp_path_factory):
    """The web corpus."""
    with _client(request.param, tmp_path_factory, make_articles()) as c:
        yield c


# -- the small corpus ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/search?q=menyalurkan", "/search?q=menyalurkan&entity=Jawa+Tengah",
                                  "/search?source=kompas", "/articles/a1", "/entities", "/entities/Jawa%20Tengah",
                                  "/quotes", "/amounts", "/stories"])
def test_pages(client, path):
    assert client.get(path).status_code == 200


def test_api_answers(client):
    found = client.get("/api/search", params={"q": "menyalurkan", "since": "2025-09"}).json()
    assert {h["id"] for h in found["hits"]} == {"a1", "a2"} and found["total"] == 2
    assert client.get("/api/search", params={"q": '"dana'}).status_code == 400
    assert client.get("/api/articles/a3").json()["title"] == "Dana desa"
    assert client.get("/api/stats").json()["by_language"] == {"id": 3, "en": 1}
    assert client.get("/api/quotes").json()["items"][0]["speaker"] == "Gubernur"
    assert client.get("/api/entities").json()["items"][0]["name"] == "Jawa Tengah"


def test_search_with_an_entity_filter_counts_every_match(client):
    """Words plus an entity filter: the same answer on both backends (one shared filter, in the store)."""
    found = client.get("/api/search", params={"q": "menyalurkan", "entity": "Jawa Tengah"}).json()
    assert [h["id"] for h in found["hits"]] == ["a1"] and found["total"] == 1
    assert client.get("/api/search", params={"q": "menyalurkan", "entity": "Nowhere"}).json()["total"] == 0


def test_very_broad_searches_say_how_they_were_ranked(client, monkeypatch):
    from warta.store import postgres as pg_store
    from warta.store import sqlite as sqlite_store
    from warta.web import queries

    assert client.get("/api/search", params={"q": "menyalurkan"}).json()["ranked_within"] is None
    for mod in (pg_store, sqlite_store, queries):
        monkeypatch.setattr(mod, "RANK_CAP", 2)
    found = client.get("/api/search", params={"q": "menyalurkan"}).json()
    assert found["ranked_within"] == 2 and found["total"] == 3 and {h["id"] for h in found["hits"]} == {"a2", "a3"}
    assert "ranked among the 2 most recently added" in client.get("/search", params={"q": "menyalurkan"}).text


# -- the web corpus -----------------------------------------------------------------------------
def test_api_on_the_web_corpus(web_client):
    client = web_client
    data = client.get("/api/search", params={"q": "kebakaran lahan"}).json()
    assert data["total"] >= 4
    assert {f["value"]: f["count"] for f in data["facets"]["sources"]}["Antara"] == 3
    assert "Joko Widodo" in {f["value"] for f in data["facets"]["entities"]}
    assert {h["id"] for h in client.get("/api/search", params={"q": "revisi", "entity": "Agus Rahardjo"}).json()["hits"]} \
        == {"kpk-kompas"}
    assert {h["id"] for h in client.get("/api/search", params={"entity": "Komisi Pemberantasan Korupsi"}).json()["hits"]} \
        == {"kpk-kompas", "kpk-tempo"}
    assert client.get("/api/search", params={"q": '"unclosed'}).status_code == 400
    art = client.get("/api/articles/karhutla-kompas").json()
    assert {x["id"]: x["relation"] for x in art["related"]}["karhutla-detik"] == "duplicate"
    e = client.get("/api/entities/jokowi").json()
    assert e["name"] == "Joko Widodo" and e["articles"] == 7 and e["cooccurring"][0]["name"] == "Riau"
    assert client.get("/api/entities", params={"limit": 2}).json()["items"][0]["name"] == "Joko Widodo"
    assert client.get("/api/quotes", params={"speaker": "agus"}).json()["items"][0]["article_id"] == "kpk-kompas"
    assert client.get("/api/amounts", params={"unit": "persen"}).json()["items"][0]["value"] == 70
    assert client.get("/api/stories").json()["items"][0]["articles"] == 3
    assert client.get("/api/stats").json()["articles"] == 10


@pytest.mark.parametrize("path", ["/", "/search", "/search?q=riau", "/search?q=riau&lang=id&since=2019-09",
                                  "/articles/karhutla-kompas", f"/articles/{HOSTILE_ID}", "/entities",
                                  "/entities/Joko%20Widodo", "/stories", "/quotes", "/amounts"])
def test_pages_on_the_web_corpus(web_client, path):
    r = web_client.get(path)
    assert r.status_code == 200, r.text[:500]
    assert "<script>alert" not in r.text

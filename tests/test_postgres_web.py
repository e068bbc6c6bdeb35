"""The web UI and API on a PostgreSQL knowledge base: the same pages and answers as on SQLite."""
from __future__ import annotations

import pytest

from tests.pg import new_database
from tests.test_postgres_store import CORPUS
from warta import Article
from warta.store import open_store


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def client(request, tmp_path_factory):
    testclient = pytest.importorskip("fastapi.testclient")
    app_mod = pytest.importorskip("warta.web.app")
    db = str(tmp_path_factory.mktemp("web") / "kb.db") if request.param == "sqlite" else new_database()
    store = open_store(db)
    arts = [Article.from_dict(a.to_dict()) for a in CORPUS]
    arts[0].entities = [{"text": "Jawa Tengah", "label": "LOC", "start": 63, "end": 74, "canonical": "Jawa Tengah"}]
    arts[0].quotes = [{"text": "Bantuan cair", "speaker": "Gubernur", "verb": "kata", "direct": True,
                       "start": 0, "end": 12}]
    store.add(arts)
    store.close()
    return testclient.TestClient(app_mod.create_app(db))


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

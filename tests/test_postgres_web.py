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

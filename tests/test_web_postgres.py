"""The same pages and API over the PostgreSQL store: the web layer's SQL is portable."""
from __future__ import annotations

import pytest

from tests.pg import new_database
from tests.test_web_corpus import HOSTILE_ID, make_articles


@pytest.fixture(scope="module")
def client():
    from fastapi.testclient import TestClient

    from warta.store import open_store
    from warta.web import create_app

    url = new_database()
    store = open_store(url)
    store.add(make_articles())
    store.close()
    with TestClient(create_app(url), raise_server_exceptions=True) as c:
        yield c


def test_api_on_postgres(client):
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
def test_pages_on_postgres(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    assert "<script>alert" not in r.text

"""The JSON API against a real `warta serve` (uvicorn subprocess on 127.0.0.1), as a client would call it."""
from __future__ import annotations

import httpx
import pytest

from tests.test_web_corpus import HOSTILE_ID, build_db, running_server


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    db = build_db(tmp_path_factory.mktemp("api") / "kb.db")
    with running_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def client(base):
    with httpx.Client(base_url=base, timeout=10) as c:
        yield c


def test_search_ranks_highlights_and_counts_facets(client):
    r = client.get("/api/search", params={"q": "kebakaran lahan"})
    assert r.status_code == 200
    data = r.json()
    assert data["total"] >= 4
    hit = data["hits"][0]
    assert {"id", "title", "source", "published", "score", "snippet", "highlights"} <= hit.keys()
    marked = [hit["snippet"][s:e].lower() for s, e in hit["highlights"]]
    assert any(m.startswith("kebakaran") for m in marked)
    sources = {f["value"]: f["count"] for f in data["facets"]["sources"]}
    assert sources["Antara"] == 3
    ents = {f["value"] for f in data["facets"]["entities"]}
    assert "Joko Widodo" in ents


def test_search_filters_and_entity_filter(client):
    ids = lambda **p: {h["id"] for h in client.get("/api/search", params=p).json()["hits"]}  # noqa: E731
    assert ids(q="riau", source="kompas") == {"karhutla-kompas"}
    assert ids(q="riau", lang="en") == {"fires-en"}
    assert ids(q="riau", since="2019-09-01", until="2019-09-17") == {"riau-2", "karhutla-kompas", "karhutla-tempo"}
    assert ids(q="revisi", entity="Agus Rahardjo") == {"kpk-kompas"}
    # No words: the newest articles matching the filters.
    assert ids(entity="Komisi Pemberantasan Korupsi") == {"kpk-kompas", "kpk-tempo"}


def test_search_pagination_is_bounded_and_stable(client):
    first = client.get("/api/search", params={"q": "riau", "limit": 2}).json()
    second = client.get("/api/search", params={"q": "riau", "limit": 2, "offset": 2}).json()
    assert len(first["hits"]) == 2 and len(second["hits"]) == 2
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}
    assert client.get("/api/search", params={"q": "riau", "limit": 101}).status_code == 422
    assert client.get("/api/search", params={"q": "riau", "offset": 10**9}).status_code == 422


@pytest.mark.parametrize("q", ['"unclosed', "banjir AND", "(riau", "NOT riau", "riau)"])
def test_query_syntax_errors_are_400_with_a_message(client, q):
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 400
    assert "query" in r.json()["detail"]


def test_bad_dates_are_rejected_not_crashing(client):
    assert client.get("/api/search", params={"q": "riau", "since": "kemarin"}).status_code == 422


def test_article_with_facts_and_related(client):
    r = client.get("/api/articles/karhutla-kompas")
    assert r.status_code == 200
    art = r.json()
    assert art["title"].startswith("Jokowi Tinjau")
    assert {e["canonical"] for e in art["entities"]} >= {"Joko Widodo", "Riau"}
    assert art["removed"][0]["reason"] == "teaser"
    rel = {x["id"]: x["relation"] for x in art["related"]}
    assert rel["karhutla-detik"] == "duplicate"
    assert rel["karhutla-tempo"] == "same story"
    assert client.get("/api/articles/karhutla-detik").json()["related"][0]["relation"] == "original"


def test_unknown_article_and_entity_are_404(client):
    assert client.get("/api/articles/nope").status_code == 404
    r = client.get("/api/entities/Tidak Ada")
    assert r.status_code == 404 and "Tidak Ada" in r.json()["detail"]


def test_entity_detail(client):
    e = client.get("/api/entities/Joko Widodo").json()
    assert e["label"] == "PER"
    assert {a["text"] for a in e["aliases"]} == {"Joko Widodo", "Jokowi"}
    assert e["articles"] == 7
    assert sum(p["count"] for p in e["timeline"]) == 7
    co = {c["name"]: c["count"] for c in e["cooccurring"]}
    assert co["Riau"] == 6
    assert {q["article_id"] for q in e["quotes"]} == {"karhutla-kompas", "karhutla-tempo"}
    assert any(a["unit"] == "hektar" for a in e["amounts"])
    # Case and aliases resolve to the canonical entity.
    assert client.get("/api/entities/joko widodo").json()["name"] == "Joko Widodo"


def test_entity_list_quotes_amounts_stories_stats(client):
    ents = client.get("/api/entities", params={"limit": 3}).json()
    assert [e["name"] for e in ents["items"]][:2] == ["Joko Widodo", "Riau"] and ents["has_more"]
    assert client.get("/api/entities", params={"label": "ORG"}).json()["items"][0]["label"] == "ORG"
    quotes = client.get("/api/quotes", params={"speaker": "agus"}).json()["items"]
    assert [q["article_id"] for q in quotes] == ["kpk-kompas"]
    assert client.get("/api/quotes", params={"direct": "false"}).json()["items"][0]["direct"] is False
    amounts = client.get("/api/amounts", params={"unit": "persen"}).json()["items"]
    assert amounts[0]["value"] == 70
    stories = client.get("/api/stories").json()["items"]
    assert stories[0]["id"] == "story-karhutla" and stories[0]["articles"] == 3 and stories[0]["outlets"] == 3
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 10 and stats["by_language"]["en"] == 1


def test_ingest_is_off_without_a_token(client):
    r = client.post("/api/articles", json={"articles": [{"text": "Banjir di Bekasi."}]})
    assert r.status_code == 403


def test_pages_and_headers(client):
    for path in ("/", "/search?q=riau", "/articles/karhutla-kompas", "/entities/Riau", "/entities", "/stories",
                 "/quotes", "/amounts", f"/articles/{HOSTILE_ID}", "/api/docs"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
        assert "default-src 'none'" in r.headers["content-security-policy"]
    bad = client.get("/search", params={"q": '"unclosed'})
    assert bad.status_code == 400 and "unclosed quotation mark" in bad.text
    missing = client.get("/articles/nope")
    assert missing.status_code == 404 and "nope" in missing.text and "<html" in missing.text
    assert client.get("/openapi.json").json()["paths"]["/api/search"]
    docs = client.get("/api/docs").text  # our own reference page: no CDN scripts
    assert "/api/entities/{name}" in docs and "cdn" not in docs.lower() and "<script" not in docs


@pytest.mark.slow  # the first ingest loads the pipeline's models in the server
def test_ingest_with_token_then_searchable(tmp_path):
    db = build_db(tmp_path / "kb.db")
    article = {"id": "post-1", "title": "Longsor Tutup Jalan di Garut", "source": "Pikiran Rakyat",
               "published": "2019-09-25", "text": "Longsor menutup jalan provinsi di Kabupaten Garut pada Rabu "
                                                 "pagi. Petugas membersihkan material longsor."}
    with running_server(db, token="s3cret") as url, httpx.Client(base_url=url, timeout=60) as c:
        assert c.post("/api/articles", json={"articles": [article]}).status_code == 401
        r = c.post("/api/articles", json={"articles": [article]}, headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 401
        r = c.post("/api/articles", json={"articles": [article, {"title": "no text"}]},
                   headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["inserted"] == 1 and body["ids"] == ["post-1"]
        assert len(body["problems"]) == 1  # the record without text, reported not fatal
        hits = c.get("/api/search", params={"q": "longsor garut"}).json()["hits"]
        assert [h["id"] for h in hits] == ["post-1"]
        again = c.post("/api/articles", json={"articles": [article]}, headers={"Authorization": "Bearer s3cret"})
        assert again.json()["unchanged"] == 1

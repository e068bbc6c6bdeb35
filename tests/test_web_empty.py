"""An empty knowledge base and a missing one: helpful states, no errors."""
from __future__ import annotations

import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from warta.store import open_store
from warta.web import create_app


@pytest.fixture
def client(tmp_path):
    db = tmp_path / "empty.db"
    open_store(str(db)).close()
    with TestClient(create_app(str(db)), raise_server_exceptions=True) as c:
        yield c


def test_empty_store_pages_explain_what_to_do(client):
    home = client.get("/")
    assert home.status_code == 200 and "The knowledge base is empty" in home.text and "warta ingest" in home.text
    assert "Search the news" in client.get("/search").text
    r = client.get("/search", params={"q": "banjir"})
    assert r.status_code == 200 and "No articles match" in r.text
    assert "No entities yet" in client.get("/entities").text
    assert "No stories yet" in client.get("/stories").text
    assert "No quotes yet" in client.get("/quotes").text
    assert "No amounts yet" in client.get("/amounts").text
    assert client.get("/entities/Jokowi").status_code == 404


def test_empty_store_api(client):
    assert client.get("/api/search", params={"q": "banjir"}).json()["total"] == 0
    assert client.get("/api/stats").json()["articles"] == 0
    for path in ("/api/entities", "/api/quotes", "/api/amounts", "/api/stories"):
        body = client.get(path).json()
        assert body["items"] == [] and body["has_more"] is False


def test_serve_refuses_a_missing_database(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "warta", "serve", "--db", str(tmp_path / "nope.db"), "--port", "0"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "no database" in proc.stderr and "warta ingest" in proc.stderr
    assert "Traceback" not in proc.stderr

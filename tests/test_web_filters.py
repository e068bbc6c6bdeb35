"""The web's SQLite search filters (index lookups on the full-text rowid) mean what the store's
`filter_clauses` mean: an outlet filter matches the outlet name or the site name, any case."""
from __future__ import annotations

import pytest

from warta import Article
from warta.store import open_store
from warta.web import queries

ROWS = [  # id, source, site
    ("a1", "Kompas.com", "kompas.com"),
    ("a2", None, "antaranews.com"),
    ("a3", "Tempo", "tempo.co"),
    ("a4", "Antara Jatim", "jatim.antaranews.com"),
]


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "kb.db"))
    s.add([Article(id=i, raw=f"Banjir melanda kota {i}.", text=f"Banjir melanda kota {i}.", title=f"Banjir {i}",
                   source=src, site=site, published=f"2025-10-0{n + 1}") for n, (i, src, site) in enumerate(ROWS)])
    queries._SOURCES.clear()
    yield s
    s.close()


@pytest.mark.parametrize("source, expected", [
    ("antara", ["a2", "a4"]),      # a site-only article and an outlet whose name and site both match
    ("KOMPAS", ["a1"]),
    ("tempo.co", ["a3"]),          # the site name, not the outlet's
    ("republika", []),
])
def test_web_outlet_filter_matches_the_store(store, source, expected):
    web = sorted(h.id for h in queries.search(store, "banjir", source=source, limit=10).hits)
    lib = sorted(h.id for h in store.search("banjir", source=source, limit=10).hits)
    assert web == lib == expected

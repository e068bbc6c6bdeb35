"""Entities across the knowledge base: merged names, counts, timeline, co-occurrence (library + CLI)."""
from __future__ import annotations

import json
import subprocess

import pytest

from warta import Article
from warta.ner.corpus import entity_report, top_entities
from warta.store import open_store

from .conftest import WARTA


def _ent(text: str, label: str, start: int, canonical: str, role: str | None = None) -> dict:
    e = {"text": text, "label": label, "start": start, "end": start + len(text), "canonical": canonical}
    if role:
        e["role"] = role
    return e


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "ents.db")
    s = open_store(path)
    a = Article(id="e1", raw="a", text="x", title="Banjir Semarang", published="2025-09-02")
    a.entities = [_ent("Prabowo Subianto", "PER", 9, "Prabowo Subianto", "Presiden"),
                  _ent("Prabowo", "PER", 60, "Prabowo Subianto"),
                  _ent("Semarang", "LOC", 30, "Semarang"),
                  _ent("KPK", "ORG", 80, "Komisi Pemberantasan Korupsi")]
    b = Article(id="e2", raw="b", text="x", title="Rapat kabinet", published="2025-10-05")
    b.entities = [_ent("Prabowo", "PER", 0, "Prabowo"),  # short form only: merged across articles
                  _ent("Jokowi", "PER", 20, "Joko Widodo"),
                  _ent("semarang", "LOC", 40, "semarang")]
    c = Article(id="e3", raw="c", text="x", title="Kunjungan", published="2025-10-20")
    c.entities = [_ent("Joko Widodo", "PER", 0, "Joko Widodo", "Presiden ke-7"),
                  _ent("Amerika Serikat", "LOC", 30, "Amerika Serikat"), _ent("AS", "LOC", 50, "AS")]
    s.add([a, b, c])
    s.close()
    return path


def test_top_entities_merge_short_forms_case_and_aliases(db):
    s = open_store(db, readonly=True)
    rows = top_entities(s, top=10)
    by_name = {r["canonical"]: r for r in rows}
    assert by_name["Prabowo Subianto"]["mentions"] == 3 and by_name["Prabowo Subianto"]["articles"] == 2
    assert by_name["Semarang"]["mentions"] == 2  # "semarang" from lowercase text joins "Semarang"
    assert by_name["Amerika Serikat"]["mentions"] == 2  # "AS" via the alias table
    assert "Prabowo" not in by_name and "AS" not in by_name
    assert [r["canonical"] for r in top_entities(s, label="PER")] == ["Prabowo Subianto", "Joko Widodo"]


def test_entity_report_timeline_and_cooccurrence(db):
    s = open_store(db, readonly=True)
    rep = entity_report(s, "prabowo")
    assert rep["canonical"] == "Prabowo Subianto"
    assert rep["timeline"] == [("2025-09", 1), ("2025-10", 1)]
    assert {c["canonical"] for c in rep["cooccurring"]} == {"Semarang", "Komisi Pemberantasan Korupsi", "Joko Widodo"}
    assert ("Presiden", 1) in rep["roles"]
    assert entity_report(s, "Jokowi")["canonical"] == "Joko Widodo"
    assert entity_report(s, "Tidak Ada") is None


def test_cli_entities_and_entity(db):
    out = subprocess.run([*WARTA, "entities", "--db", db, "--type", "PER", "--top", "5", "--json"],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out.splitlines()[0])["canonical"] == "Prabowo Subianto"
    out = subprocess.run([*WARTA, "entity", "Jokowi", "--db", db], capture_output=True, text=True, check=True).stdout
    assert "Joko Widodo (PER): 2 mentions in 2 articles" in out
    bad = subprocess.run([*WARTA, "entity", "Siapa", "--db", db], capture_output=True, text=True)
    assert bad.returncode == 1 and "no entity named" in bad.stderr

"""Listing stored quotes and amounts (library and real CLI)."""
from __future__ import annotations

import json
import subprocess

import pytest

from warta import Article
from warta.facts.corpus import list_amounts, list_quotes
from warta.store import open_store

from .conftest import WARTA


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "facts.db")
    s = open_store(path)
    a = Article(id="q1", raw="x", text="“Kami jaga defisit,” ujar Sri Mulyani. Inflasi 2,5 persen menurut BPS.",
                title="Defisit", source="KabarNusa", published="2025-10-21")
    a.quotes = [{"text": "Kami jaga defisit,", "speaker": "Sri Mulyani", "verb": "ujar", "direct": True, "start": 1, "end": 19}]
    a.amounts = [{"text": "2,5 persen", "value": 2.5, "unit": "persen", "hedge": None, "source": "BPS", "start": 47, "end": 57}]
    b = Article(id="q2", raw="y", text="Sekitar Rp14,5 triliun disalurkan, kata Menteri Sosial.", title="Bansos",
                source="Warta", published="2025-10-01")
    b.amounts = [{"text": "Rp14,5 triliun", "value": 14.5e12, "unit": "Rp", "hedge": "sekitar", "start": 8, "end": 22}]
    b.quotes = [{"text": "Sekitar Rp14,5 triliun disalurkan", "speaker": "Menteri Sosial", "verb": "kata", "direct": False, "start": 0, "end": 33}]
    s.add([a, b])
    s.close()
    return path


def test_list_quotes_filters_by_speaker_and_kind(db):
    s = open_store(db, readonly=True)
    assert [r["article_id"] for r in list_quotes(s)] == ["q1", "q2"]  # newest first
    assert [r["speaker"] for r in list_quotes(s, speaker="mulyani")] == ["Sri Mulyani"]
    assert [r["article_id"] for r in list_quotes(s, direct=False)] == ["q2"]


def test_list_amounts_by_unit_and_value(db):
    s = open_store(db, readonly=True)
    rows = list_amounts(s)
    assert [r["unit"] for r in rows] == ["Rp", "persen"]  # largest first
    persen = list_amounts(s, unit="persen")
    assert persen[0]["claimed_by"] == "BPS" and persen[0]["value"] == 2.5
    assert list_amounts(s, min_value=100) == rows[:1]


def test_cli_quotes_and_amounts(db):
    out = subprocess.run([*WARTA, "quotes", "--db", db, "--speaker", "Sri", "--json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["text"] for r in rows] == ["Kami jaga defisit,"]
    out = subprocess.run([*WARTA, "amounts", "--db", db, "--unit", "Rp"], capture_output=True, text=True)
    assert out.returncode == 0 and "Rp14,5 triliun" in out.stdout and "sekitar" in out.stdout
    out = subprocess.run([*WARTA, "quotes", "--db", db, "--speaker", "Nobody"], capture_output=True, text=True)
    assert out.returncode == 0 and "No quotes found" in out.stdout

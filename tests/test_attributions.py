"""find_attributions: claims credited to a source, on sentences written for these tests."""
from __future__ import annotations

import pytest

from warta.facts import link_sources
from warta.facts.attributions import find_attributions


def _one(text, entities=None):
    attrs = find_attributions(text, entities or [])
    for a in attrs:
        assert text[a["start"]:a["end"]] == a["claim"]
    assert len(attrs) == 1, attrs
    return attrs[0]


@pytest.mark.parametrize("text,source,claim", [
    ("Menurut data BPS, angka pengangguran terbuka turun menjadi 4,8 persen tahun ini.",
     "BPS", "angka pengangguran terbuka turun menjadi 4,8 persen tahun ini"),
    ("Menurut laporan Bank Dunia, pertumbuhan ekonomi kawasan melambat tahun depan.",
     "Bank Dunia", "pertumbuhan ekonomi kawasan melambat tahun depan"),
    ("Mengutip Antara, jembatan gantung itu putus diterjang banjir bandang.",
     "Antara", "jembatan gantung itu putus diterjang banjir bandang"),
    ("Dilansir dari Al Jazeera, Rabu (5/3/2025), gencatan senjata mulai berlaku tengah malam.",
     "Al Jazeera", "gencatan senjata mulai berlaku tengah malam"),
    ("Berdasarkan data Dinas Kesehatan, kasus demam berdarah naik dua kali lipat bulan ini.",
     "Dinas Kesehatan", "kasus demam berdarah naik dua kali lipat bulan ini"),
])
def test_source_opens_the_sentence(text, source, claim):
    a = _one(text)
    assert a["source"] == source
    assert a["claim"] == claim


@pytest.mark.parametrize("text,source,claim", [
    ("Harga beras medium naik 3 persen pekan ini, menurut data BPS.",
     "BPS", "Harga beras medium naik 3 persen pekan ini"),
    ("Kapal tanker itu tenggelam di lepas pantai Yaman, seperti dilaporkan Reuters.",
     "Reuters", "Kapal tanker itu tenggelam di lepas pantai Yaman"),
    ("Pelaku sempat bersembunyi di kebun tebu selama dua hari, kata polisi.",
     "polisi", "Pelaku sempat bersembunyi di kebun tebu selama dua hari"),
])
def test_source_closes_the_sentence(text, source, claim):
    a = _one(text)
    assert a["source"] == source
    assert a["claim"] == claim


def test_source_verb_with_bahwa():
    a = _one("Badan Meteorologi melaporkan bahwa hujan lebat akan turun di pesisir selatan.")
    assert a["source"] == "Badan Meteorologi"
    assert a["claim"] == "hujan lebat akan turun di pesisir selatan"


def test_source_verb_with_number():
    a = _one("BPS mencatat ekspor nonmigas naik 7,2 persen pada September.")
    assert a["source"] == "BPS"
    assert "7,2 persen" in a["claim"]


def test_reporting_verb_with_plain_object_is_not_attribution():
    assert find_attributions("Rudi melaporkan tetangganya ke polisi karena berisik.", []) == []


def test_acronym_widened_to_long_form():
    text = ('Badan Pusat Statistik (BPS) merilis angka terbaru.\n'
            'Menurut data BPS, inflasi tahunan mencapai 2,5 persen.')
    attrs = find_attributions(text, [])
    assert attrs[-1]["source"] == "Badan Pusat Statistik"


def test_outlet_glued_to_dari():
    text = 'Petani menunda panen karena hujan terus turun, dikutip daridetikJateng.'
    a = _one(text)
    assert a["source"] == "detikJateng"


def test_entity_canonical_is_the_source():
    text = 'Menurut data Kemenkeu, penerimaan pajak tumbuh 5 persen.'
    s = text.index("Kemenkeu")
    ents = [{"text": "Kemenkeu", "label": "ORG", "start": s, "end": s + 8, "canonical": "Kementerian Keuangan"}]
    assert _one(text, ents)["source"] == "Kementerian Keuangan"


def test_cue_inside_a_direct_quote_is_ignored():
    text = '“Itu bukan menurut data kami, itu data lama,” kata Sari Dewanti.'
    assert find_attributions(text, []) == []


def test_amount_inside_attributed_claim_gets_source():
    text = 'Menurut data BPS, inflasi tahunan mencapai 2,5 persen pada Oktober.'
    attrs = find_attributions(text, [])
    s = text.index("2,5 persen")
    amounts = [{"text": "2,5 persen", "start": s, "end": s + 10, "value": 2.5, "unit": "persen"},
               {"text": "other", "start": 0, "end": 7, "value": 1, "unit": None}]
    link_sources(amounts, attrs)
    assert amounts[0]["source"] == "BPS"
    assert "source" not in amounts[1]


def test_empty_text():
    assert find_attributions("", []) == []


def test_outlet_credited_for_a_quote():
    text = '“Kami akan menambah armada bus tahun depan,” kata Yusuf Hamdani dikutip dari Antara, Senin (3/3).'
    a = _one(text)
    assert a["source"] == "Antara"
    assert a["claim"] == "Kami akan menambah armada bus tahun depan"

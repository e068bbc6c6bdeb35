"""Language identification: Indonesian first, others marked (never dropped)."""
from __future__ import annotations

import pytest

from warta import Article
from warta.langid import detect, make_stage, same_family


@pytest.mark.parametrize("text, code", [
    ("Menteri Keuangan menyampaikan bahwa defisit anggaran negara tetap terkendali hingga akhir tahun ini.", "id"),
    ("The finance minister said the state budget deficit remains under control until the end of the year.", "en"),
    ("Kerajaan Malaysia berkata defisit belanjawan negara masih terkawal, kata Perdana Menteri semalam.", "ms"),
    ("De minister van Financiën zei dat het begrotingstekort onder controle blijft tot het einde van het jaar.", "nl"),
])
def test_detect(text, code):
    lang, conf = detect(text)
    assert lang == code
    assert 0.3 < conf <= 1.0


def test_empty_text_has_no_language():
    assert detect("   ") == (None, None)


def test_stage_marks_other_languages_and_keeps_them():
    stage = make_stage()
    art = stage(Article(raw="x", text="The minister said the deficit is under control, according to officials."))
    assert art.language == "en" and art.text  # marked, not dropped


def test_indonesian_and_malay_are_one_family():
    assert same_family("id") and same_family("ms") and not same_family("en")

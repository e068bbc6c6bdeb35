"""Site-name prefixes and datelines on the first line: found, stripped, never a real sentence."""
from __future__ import annotations

import pytest

from warta.clean import clean_text
from warta.clean.prefix import find_prefix

SENTENCE = "Harga beras medium di pasar tradisional naik Rp 1.000 per kilogram sejak pekan lalu."

# (first line prefix, site, dateline)
PREFIXES = [
    ("KabarNusa – ", "KabarNusa", None),
    ("Liputan6.com, Jakarta - ", "Liputan6.com", {"city": "Jakarta", "outlet": "Liputan6.com"}),
    ("JAKARTA, KOMPAS.com - ", "Kompas.com", {"city": "Jakarta", "outlet": "Kompas.com"}),
    ("TEMPO.CO, Tangerang - ", "Tempo.co", {"city": "Tangerang", "outlet": "Tempo.co"}),
    ("Jakarta, CNN Indonesia -- ", "CNN Indonesia", {"city": "Jakarta", "outlet": "CNN Indonesia"}),
    ("Jakarta, IDN Times - ", "IDN Times", {"city": "Jakarta", "outlet": "IDN Times"}),
    ("Jakarta (ANTARA) - ", "ANTARA", {"city": "Jakarta", "outlet": "ANTARA"}),
    ("BANDAR LAMPUNG, KOMPAS.com – ", "Kompas.com", {"city": "Bandar Lampung", "outlet": "Kompas.com"}),
    ("Bisnis.com, JAKARTA — ", "Bisnis.com", {"city": "Jakarta", "outlet": "Bisnis.com"}),
    ("KOMPAS.com - ", "Kompas.com", None),
    ("Suara.com - ", "Suara.com", None),
    ("TRIBUN-MEDAN.com - ", "TRIBUN-MEDAN.com", None),  # unknown, but shaped like a site name
    ("BERITANUSANTARA.ID - ", "BERITANUSANTARA.ID", None),
    ("JAKARTA - ", None, {"city": "Jakarta", "outlet": None}),
    ("Jakarta - ", None, {"city": "Jakarta", "outlet": None}),
    ("Jakarta- ", None, {"city": "Jakarta", "outlet": None}),
    ("SURABAYA – ", None, {"city": "Surabaya", "outlet": None}),
    ("Misano - ", None, {"city": "Misano", "outlet": None}),  # a foreign dateline from the city list
    ("Mataram, NTB (ANTARA News) - ", "ANTARA News", {"city": "Mataram", "outlet": "ANTARA News"}),
    ("Liputan6.com, Jakarta ", "Liputan6.com", {"city": "Jakarta", "outlet": "Liputan6.com"}),  # no dash
    ("Riau detikNews - ", "detikNews", {"city": "Riau", "outlet": "detikNews"}),
]


@pytest.mark.parametrize("prefix,site,dateline", PREFIXES)
def test_prefix_is_stripped_and_kept_as_site_and_dateline(prefix: str, site: str | None, dateline: dict | None) -> None:
    result = clean_text(prefix + SENTENCE + "\nKenaikan itu dipicu pasokan yang berkurang.")
    assert result.text.startswith(SENTENCE)
    assert result.site == site
    assert result.dateline == dateline
    assert result.prefix == prefix
    assert result.removed == []  # moved into site / dateline, not removed


# First lines that open with a name and a dash, or a city, but are sentences.
NOT_PREFIXES = [
    "Presiden Joko Widodo – yang didampingi Ibu Negara – meresmikan bendungan itu pada Kamis.",
    "Ketua DPRD Sukamaju - Ahmad Fauzi - menyebut anggaran belum cukup.",
    "Jakarta-Bandung kini bisa ditempuh dalam 45 menit dengan kereta cepat.",
    "KPK - lembaga antirasuah - kembali memeriksa saksi dalam kasus tersebut.",
    "Jakarta, Senin - Gubernur meninjau lokasi banjir di utara kota.",
    "Sebanyak 40 persen warga - terutama lansia - belum menerima bantuan.",
    "BEBERAPA waktu lalu, harga beras sempat menyentuh rekor tertinggi.",
    "Kompas dan peta digital sama-sama membantu pendaki menemukan jalur.",
    "Tempo, Jakarta Selatan, menjadi lokasi pameran itu.",
    "Menteri - yang baru dilantik pekan lalu - langsung meninjau pasar.",
    "Rapat - yang digelar tertutup - berlangsung hingga malam.",
    "Persib - Persija berbagi poin setelah bermain imbang tanpa gol.",
    "Ronaldo - Messi kembali bertemu di laga persahabatan itu.",
]


@pytest.mark.parametrize("line", NOT_PREFIXES)
def test_sentence_start_is_not_a_prefix(line: str) -> None:
    assert find_prefix(line) is None
    result = clean_text(line)
    assert result.text == line
    assert result.site is None and result.dateline is None


@pytest.mark.parametrize("junk", [", , - ", ",,,", " , "])
def test_scraper_leftovers_before_a_dateline(junk: str) -> None:
    result = clean_text(junk + "MEDAN - " + SENTENCE)
    assert result.text == SENTENCE
    assert result.dateline == {"city": "Medan", "outlet": None}


def test_byline_before_the_prefix_is_a_credit() -> None:
    result = clean_text("Laporan Wartawan Kabarnusa.com, Rina Ayu KABARNUSA.COM, JAKARTA - " + SENTENCE)
    assert result.text == SENTENCE
    assert result.site == "KABARNUSA.COM" and result.dateline == {"city": "Jakarta", "outlet": "KABARNUSA.COM"}
    assert result.removed == [{"line": 0, "text": "Laporan Wartawan Kabarnusa.com, Rina Ayu", "reason": "credit", "inline": True}]


def test_prefix_on_a_line_of_its_own() -> None:
    result = clean_text("Jakarta -\n" + SENTENCE)
    assert result.text == SENTENCE
    assert result.dateline == {"city": "Jakarta", "outlet": None}
    assert result.removed == []


@pytest.mark.parametrize("line", ["Presiden Prabowo -", "Ketua DPR -"])
def test_a_title_and_a_dash_alone_is_not_a_dateline(line: str) -> None:
    result = clean_text(line + "\n" + SENTENCE)
    assert result.dateline is None and result.text.startswith(line)


def test_unknown_city_dateline_on_its_own_line() -> None:
    result = clean_text("Doha -\n" + SENTENCE)
    assert result.dateline == {"city": "Doha", "outlet": None} and result.text == SENTENCE


def test_prefix_only_at_the_top() -> None:
    text = "\n".join(["", SENTENCE, SENTENCE, SENTENCE, "JAKARTA, KOMPAS.com - Ini kalimat yang dikutip dari berita lain."])
    result = clean_text(text)
    assert result.site is None
    assert "JAKARTA, KOMPAS.com - Ini kalimat yang dikutip" in result.text


@pytest.mark.parametrize("header", [
    "Rabu, 4 November 2015 | 21:04 WIB",
    "Pelatih baru tim itu saat memimpin latihan di Stadion Utama, Senin pagi.",  # a photo caption
])
def test_prefix_with_an_outlet_under_a_short_header_line(header: str) -> None:
    result = clean_text("\n".join([header, "KUTA, KOMPAS.com — " + SENTENCE, SENTENCE]))
    assert result.site == "Kompas.com" and result.dateline == {"city": "Kuta", "outlet": "Kompas.com"}
    assert result.text == "\n".join([header, SENTENCE, SENTENCE])


def test_city_only_dateline_under_a_header_is_left_alone() -> None:
    text = "\n".join(["Rabu, 4 November 2015 | 21:04 WIB", "JAKARTA - " + SENTENCE])
    result = clean_text(text)
    assert result.dateline is None and result.text == text


def test_prefix_after_a_removed_first_line() -> None:
    result = clean_text("ADVERTISEMENT\nSEMARANG, KOMPAS.com - " + SENTENCE)
    assert result.site == "Kompas.com" and result.dateline == {"city": "Semarang", "outlet": "Kompas.com"}
    assert result.text == SENTENCE


@pytest.mark.parametrize("junk", [", , - ", " , - ", "- ", "\u00a0- ", ", , -\u00a0", " ,"])
def test_what_a_scraper_left_of_a_dateline_is_stripped(junk: str) -> None:
    result = clean_text(junk + SENTENCE)
    assert result.text == SENTENCE
    assert result.site is None and result.dateline is None
    assert result.removed == []

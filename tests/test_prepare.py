"""The prepare stage: text repair that keeps lines aligned with the raw input, and HTML extraction."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from warta.article import Article
from warta.pipeline import DEFAULT_STAGES, Pipeline
from warta.prepare import fix_text, input_lines, make_stage, prepare
from warta.problems import Problems
from warta.readers import iter_articles

FIX = Path(__file__).parent / "fixtures" / "readers"


@pytest.mark.parametrize(("raw", "expected"), [
    ("Menteri Keuangan (Menkeu)¬†Sri Mulyani", "Menteri Keuangan (Menkeu) Sri Mulyani"),
    ("2 sdt garam,¬Ω sdt kunyit", "2 sdt garam,½ sdt kunyit"),
    ("Kafe di Kemang, caf√© baru", "Kafe di Kemang, café baru"),
    ("Harga naik\xa0lagi", "Harga naik lagi"),
    ("Jakarta\u200e - Polisi\u200b menangkap", "Jakarta - Polisi menangkap"),
    ("kata dia, â€œkami siapâ€\x9d", "kata dia, “kami siap”"),
    ("kata dia, ‚Äúkami siap‚Äù ‚Äì Jum‚Äôat", "kata dia, “kami siap” – Jum’at"),
    ("Merek‚Ñ¢ dan \uf8ffüòÄ", "Merek™ dan 😀"),
    ("PT Kereta Api &amp; mitra", "PT Kereta Api & mitra"),
    ("“Kutipan lengkung” tetap", "“Kutipan lengkung” tetap"),  # quotes are not straightened
    ("teks ASCII biasa", "teks ASCII biasa"),
])
def test_fix_text(raw, expected):
    assert fix_text(raw) == expected


@pytest.mark.parametrize("raw", [
    "baris satu\r\nbaris dua\r\n\r\nbaris empat¬†akhir",
    "satu\rdua\nTiga\u2028empat\x85lima\u2029enam",
    "â€œkutipanâ€\x9d\n\nCaf\u00c3\u00a9\n\x0c\n",
    "\n\n\n",
    "",
    "caf\u00c3\u00a9\r\nMenkeu¬†\r\n",
])
def test_line_i_of_text_is_line_i_of_raw(raw):
    article = prepare(Article(raw=raw))
    assert len(article.text.split("\n")) == len(input_lines(raw))
    assert "\r" not in article.text
    for got, line in zip(article.text.split("\n"), input_lines(raw), strict=True):
        assert got.strip() == fix_text(line).strip()


def test_raw_is_never_changed():
    raw = "Menkeu¬†Sri Mulyani\r\nkata dia"
    article = prepare(Article(raw=raw))
    assert article.raw == raw and article.text == "Menkeu Sri Mulyani\nkata dia"


def test_title_is_repaired():
    article = prepare(Article(raw="isi", title="Menkeu¬†Sri Mulyani  Bicara"))
    assert article.title == "Menkeu Sri Mulyani Bicara"


def test_html_page_main_text_and_metadata():
    (article,) = iter_articles([str(FIX / "halaman.html")], Problems(stream=io.StringIO()))
    prepare(article)
    lines = article.text.split("\n")
    assert lines[0].startswith("Lebak - Bendungan Cibeureum")
    assert any(line.startswith('"Dengan bendungan ini') for line in lines)
    assert lines[-1].startswith("Pembangunan bendungan menelan anggaran")
    for junk in ("Beranda", "ADVERTISEMENT", "Terpopuler", "Hak cipta", "Harga Emas"):
        assert junk not in article.text
    assert all(line.strip() == line and line for line in lines)
    assert article.title == "Bendungan Baru Siap Airi 5.000 Hektare Sawah"
    assert article.published == "2025-01-15T09:30:00"
    assert article.author == "Rina Kusumawati"
    assert article.url == "https://wartanusantara.example/read/2025/01/15/bendungan-baru"
    assert article.meta["description"].startswith("Bendungan di Kabupaten Lebak")
    assert article.raw.startswith("<!DOCTYPE html>")


def test_html_keeps_record_fields_over_page_ones():
    html = (FIX / "halaman.html").read_text(encoding="utf-8")
    article = prepare(Article(raw=html, raw_format="html", title="Judul dari Rekaman", published="2025-01-16",
                              url="https://asli.example/x"))
    assert (article.title, article.published, article.url) == ("Judul dari Rekaman", "2025-01-16", "https://asli.example/x")


def test_html_in_jsonl_record():
    arts = list(iter_articles([str(FIX / "berita.jsonl")], Problems(stream=io.StringIO())))
    article = prepare(arts[2])
    assert article.text.startswith("Gempa bermagnitudo 5,1")
    assert article.title == "Gempa Guncang Garut"


@pytest.mark.parametrize("html", [
    "<html><body></body></html>",
    "<<<>>><p><p><p><div></span>",
    "<html>" + "<div>" * 5000 + "teks" + "</div>" * 5000 + "</html>",
    "\x00\x01<html>\x02",
    "<?xml version='1.0'?><rss><channel><item>x</item></channel></rss>",
    "",
])
def test_garbage_html_never_raises(html):
    article = prepare(Article(raw=html, raw_format="html"))
    assert isinstance(article.text, str)
    if not article.text:
        assert "prepare_error" in article.meta


def test_warc_date_is_the_fallback_for_published():
    article = prepare(Article(raw="<html><body><p>" + "Isi berita tanpa tanggal. " * 20 + "</p></body></html>",
                              raw_format="html", meta={"published_fallback": "2025-04-01T03:04:05"}))
    assert article.published == "2025-04-01T03:04:05"


def test_registered_first_in_the_pipeline():
    assert DEFAULT_STAGES[0] == "prepare"
    assert callable(make_stage())
    pipe = Pipeline(["prepare"])
    (out,) = pipe.process_batch([Article(raw="Menkeu¬†Sri")])
    assert out.text == "Menkeu Sri"


def test_html_page_without_source_gets_its_site():
    from warta import Article
    from warta.prepare import make_stage

    page = ("<html><head><title>Judul</title><link rel='canonical' href='https://www.kabarcontoh.example/a/1'>"
            "</head><body><article><h1>Judul</h1><p>Pemerintah daerah meresmikan jembatan baru yang "
            "menghubungkan dua kecamatan di pesisir utara.</p><p>Jembatan itu dibangun selama dua tahun "
            "dengan biaya dari anggaran daerah.</p></article></body></html>")
    art = make_stage()(Article(raw=page, raw_format="html"))
    assert art.source == "kabarcontoh.example"

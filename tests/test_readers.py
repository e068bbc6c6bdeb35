"""Readers: every format, field autodetection and overrides, directories, stdin, WARC."""
from __future__ import annotations

import gzip
import io
import json
import shutil
import sys
from pathlib import Path

from warta.problems import Problems
from warta.readers import ReaderOptions, iter_articles

FIX = Path(__file__).parent / "fixtures" / "readers"


def read(paths, opts=None):
    problems = Problems(stream=io.StringIO())
    articles = list(iter_articles([str(p) for p in paths], problems, opts or ReaderOptions()))
    return articles, problems


def test_plain_text_file_is_one_article_kept_verbatim():
    (a,), problems = read([FIX / "berita.txt"])
    assert problems.total == 0
    assert a.raw == (FIX / "berita.txt").read_text(encoding="utf-8")
    assert a.raw_format == "text"
    assert a.origin == str(FIX / "berita.txt")
    assert a.id and len(a.id) == 16  # content hash


def test_ids_are_stable_content_hashes():
    (a,), _ = read([FIX / "berita.txt"])
    (b,), _ = read([FIX / "berita.txt"])
    assert a.id == b.id


def test_jsonl_fields_autodetected_in_english_and_indonesian():
    arts, problems = read([FIX / "berita.jsonl"])
    assert problems.total == 0
    a, b, c = arts
    assert (a.id, a.title, a.source, a.published) == ("a1", "Banjir Rendam Ratusan Rumah di Bekasi", "kabarnusa",
                                                       "2025-03-04T08:15:00")
    assert a.url == "https://kabarnusa.example/read/2025/03/04/banjir-bekasi"
    assert a.origin.endswith("berita.jsonl:1")
    assert a.raw.startswith("Bekasi - Banjir") and "\n" in a.raw
    assert b.title == "Harga Cabai Naik Jelang Ramadan"
    assert b.url == "https://pasarkita.example/ekonomi/harga-cabai"
    assert b.published == "2025-03-05T10:30"  # tanggal + jam combined
    assert b.raw.startswith("Harga cabai rawit")
    assert b.id  # hashed
    assert c.raw_format == "html" and c.raw.startswith("<html>")
    assert c.origin.endswith("berita.jsonl:3")


def test_jsonl_gz_and_json_list_and_object(tmp_path):
    src = (FIX / "berita.jsonl").read_bytes()
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(src))
    records = [json.loads(line) for line in src.decode().splitlines()]
    (tmp_path / "c.json").write_text(json.dumps(records), encoding="utf-8")
    (tmp_path / "d.json").write_text(json.dumps(records[0]), encoding="utf-8")
    arts, problems = read([tmp_path / "b.jsonl.gz", tmp_path / "c.json", tmp_path / "d.json"])
    assert problems.total == 0
    assert len(arts) == 3 + 3 + 1
    assert [a.title for a in arts[:3]] == [a.title for a in arts[3:6]]
    assert arts[6].id == "a1"


def test_extra_fields_kept_in_meta():
    arts, _ = read([FIX / "berita.csv"])
    assert arts[0].meta["fields"] == {"No": "1", "Kategori": "Ekonomi"}


def test_csv_autodetect_case_insensitive_multiline_fields():
    arts, problems = read([FIX / "berita.csv"])
    assert problems.total == 0
    assert [a.title for a in arts] == ["Jalan Tol Baru Dibuka", "Sekolah Libur Karena Asap"]
    first = arts[0]
    assert first.raw.count("\n") == 3 and '"Tol ini' in first.raw
    assert first.published == "2025-02-10T09:00"
    assert first.url == "https://beritaku.example/read/2025/02/10/tol-baru"
    assert first.origin.endswith("berita.csv:2")
    assert arts[1].origin.endswith("berita.csv:6")  # the line where the record starts


def test_tsv():
    (a,), problems = read([FIX / "berita.tsv"])
    assert problems.total == 0
    assert a.title == "Panen Raya di Indramayu" and a.raw.startswith("Petani")


def test_csv_column_override(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("headline_utama,ringkasan,naskah\nJudul A,Ringkas A,Naskah lengkap A.\n", encoding="utf-8")
    arts, problems = read([p], ReaderOptions(text_column="NASKAH", title_column="headline_utama"))
    assert problems.total == 0
    assert (arts[0].title, arts[0].raw) == ("Judul A", "Naskah lengkap A.")
    # the override beats autodetection
    p2 = tmp_path / "y.csv"
    p2.write_text("text,isi_lengkap\npendek,Isi yang lengkap.\n", encoding="utf-8")
    arts, _ = read([p2], ReaderOptions(text_column="isi_lengkap"))
    assert arts[0].raw == "Isi yang lengkap."


def test_override_naming_a_missing_column_is_reported(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("judul,isi\nA,B\n", encoding="utf-8")
    arts, problems = read([p], ReaderOptions(text_column="naskah"))
    assert arts == [] and problems.total == 1
    assert "naskah" in problems.stream.getvalue() and "judul, isi" in problems.stream.getvalue()


def test_semicolon_csv_and_cp1252_csv(tmp_path):
    p = tmp_path / "semi.csv"
    p.write_bytes("judul;isi\nKopi Gayo;Kopi Gayo diekspor ke Eropa dengan harga naik 10%.\n".encode("cp1252"))
    q = tmp_path / "latin.csv"
    q.write_bytes("judul,isi\nCaf\xe9 Baru,\"Kafe bernama Caf\xe9 Kenari dibuka di Medan; pemiliknya berkata: \xabenak\xbb.\"\n"
                  .encode("latin-1"))
    arts, problems = read([p, q])
    assert problems.total == 0
    assert arts[0].title == "Kopi Gayo"
    assert arts[1].title == "Café Baru" and "Café Kenari" in arts[1].raw


def test_html_file_is_html():
    (a,), problems = read([FIX / "halaman.html"])
    assert problems.total == 0
    assert a.raw_format == "html" and "<article>" in a.raw


def test_unknown_extension_sniffs_html(tmp_path):
    p = tmp_path / "page.bin.txt2"
    p.write_text("<!DOCTYPE html><html><body><p>Isi berita.</p></body></html>", encoding="utf-8")
    p2 = tmp_path / "README"
    p2.write_text("Catatan biasa tentang berita hari ini.", encoding="utf-8")
    (a, b), _ = read([p, p2])
    assert a.raw_format == "html" and b.raw_format == "text"


def test_directory_recursive_sorted_skips_hidden_and_media():
    arts, problems = read([FIX / "dir"])
    assert problems.total == 0
    assert [Path(a.origin.split(":")[0]).name for a in arts] == ["a.txt", "b.jsonl"]
    assert not any("rahasia" in a.raw for a in arts)


def test_stdin_json_lines(monkeypatch):
    lines = (FIX / "berita.jsonl").read_text(encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    arts, problems = read(["-"])
    assert problems.total == 0
    assert len(arts) == 3 and arts[0].origin == "<stdin>:1"


def test_stdin_binary_buffer(monkeypatch):
    data = (FIX / "berita.jsonl").read_bytes() + b"{broken\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    arts, problems = read(["-"])
    assert len(arts) == 3 and problems.total == 1
    assert "<stdin>:4: invalid JSON" in problems.stream.getvalue()


def test_reading_is_lazy(tmp_path):
    # A generator: the first article comes before the rest of the input is read.
    p = tmp_path / "many.jsonl"
    p.write_text("".join(json.dumps({"text": f"Berita nomor {i}."}) + "\n" for i in range(1000)), encoding="utf-8")
    it = iter_articles([str(p)], Problems(stream=io.StringIO()))
    assert next(it).raw == "Berita nomor 0."


def _write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    html = ("<html><head><title>Harga BBM Turun</title>"
            "<meta charset='utf-8'></head><body><article><h1>Harga BBM Turun</h1>"
            "<p>Pemerintah menurunkan harga bahan bakar minyak nonsubsidi mulai awal bulan ini.</p>"
            "<p>Penurunan harga berlaku di seluruh stasiun pengisian di Indonesia.</p></article></body></html>")
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        def response(url, status, ctype, body):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                             warc_headers_dict={"WARC-Date": "2025-04-01T03:04:05Z"})
        writer.write_record(writer.create_warc_record("warc.example", "warcinfo", payload=io.BytesIO(b"software: test")))
        writer.write_record(response("https://berita.example/bbm", "200 OK", "text/html; charset=utf-8", html.encode()))
        writer.write_record(response("https://berita.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n\x00"))
        writer.write_record(response("https://berita.example/hilang", "404 Not Found", "text/html", b"<html>404</html>"))


def test_warc_html_200_responses_only(tmp_path):
    p = tmp_path / "crawl.warc.gz"
    _write_warc(p)
    arts, problems = read([p])
    assert problems.total == 0
    (a,) = arts
    assert a.raw_format == "html" and "Harga BBM Turun" in a.raw
    assert a.url == "https://berita.example/bbm"
    assert a.origin == f"{p}#record 2"
    assert a.meta["published_fallback"] == "2025-04-01T03:04:05"


def test_truncated_warc_reports_and_keeps_earlier_records(tmp_path):
    p = tmp_path / "crawl.warc.gz"
    _write_warc(p)
    data = p.read_bytes()
    q = tmp_path / "cut.warc.gz"
    q.write_bytes(data[: int(len(data) * 0.8)])
    arts, problems = read([q])
    assert len(arts) == 1
    assert problems.total == 1 and "cut.warc.gz" in problems.stream.getvalue()


def test_copy_of_fixture_dir_reads_same(tmp_path):
    shutil.copytree(FIX / "dir", tmp_path / "d")
    a, _ = read([FIX / "dir"])
    b, _ = read([tmp_path / "d"])
    assert [x.raw for x in a] == [x.raw for x in b]


def test_warc_cut_inside_the_html_record_yields_nothing_half_read(tmp_path):
    p = tmp_path / "crawl.warc.gz"
    _write_warc(p)
    data = p.read_bytes()
    q = tmp_path / "half.warc.gz"
    q.write_bytes(data[: len(data) // 2])
    arts, problems = read([q])
    assert arts == []
    assert problems.total == 1 and "truncated" in problems.stream.getvalue()


def test_whole_page_in_a_text_field_is_html(tmp_path):
    p = tmp_path / "a.jsonl"
    page = "<!DOCTYPE html><html><body><p>Isi berita tentang pelabuhan.</p></body></html>"
    p.write_text(json.dumps({"content": page}) + "\n" + json.dumps({"content": "<b>tebal</b> saja"}) + "\n",
                 encoding="utf-8")
    (a, b), _ = read([p])
    assert a.raw_format == "html" and b.raw_format == "text"


def test_paragraph_list_and_numeric_fields(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"id": 42, "paragraphs_ignored": 1, "content": ["Paragraf satu.", "Paragraf dua."],
                             "title": "Judul"}) + "\n", encoding="utf-8")
    (a,), problems = read([p])
    assert problems.total == 0
    assert a.raw == "Paragraf satu.\nParagraf dua." and a.id == "42"


def test_source_falls_back_to_the_url_host(tmp_path):
    from warta.problems import Problems
    from warta.readers import ReaderOptions, iter_articles

    path = tmp_path / "export.csv"
    path.write_text("judul,tautan,isi_berita\nHarga naik,https://www.pasarkita.example/a,Harga cabai naik.\n"
                    "Tanpa tautan,,Teks tanpa tautan.\n", encoding="utf-8")
    arts = list(iter_articles([str(path)], Problems(), ReaderOptions()))
    assert arts[0].source == "pasarkita.example" and arts[0].meta["source_from_url"] is True
    assert arts[1].source is None

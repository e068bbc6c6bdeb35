"""Bad input: each problem is one line naming the file (and line), the rest is still read."""
from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

from warta.problems import Problems
from warta.readers import ReaderOptions, iter_articles

GOOD = {"title": "Pasar Murah di Surabaya", "text": "Pemkot Surabaya menggelar pasar murah di 31 kecamatan."}


def read(paths, opts=None):
    problems = Problems(stream=io.StringIO())
    articles = list(iter_articles([str(p) for p in paths], problems, opts or ReaderOptions()))
    lines = problems.stream.getvalue().splitlines()
    assert len(lines) == problems.total  # one line per problem
    return articles, problems, lines


def jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_broken_json_line_among_good_ones(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(jsonl(GOOD, '{"title": "Rusak", "text": "tanpa penutup', GOOD, "[1, 2]"), encoding="utf-8")
    arts, problems, lines = read([p])
    assert len(arts) == 2
    assert lines[0].startswith(f"warta: {p}:2: invalid JSON:")
    assert lines[1].startswith(f"warta: {p}:4: not a JSON object")


def test_record_without_text_is_reported_but_empty_text_is_kept(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(jsonl({"title": "Hanya judul"}, {"title": "Isi kosong", "content": ""}, {"title": "Isi null", "text": None}, GOOD), encoding="utf-8")
    arts, problems, lines = read([p])
    assert [a.title for a in arts] == ["Isi kosong", "Isi null", "Pasar Murah di Surabaya"]
    assert len(lines) == 1 and f"{p}:1: record has no text field" in lines[0]


def test_nonexistent_path(tmp_path):
    p = tmp_path / "good.jsonl"
    p.write_text(jsonl(GOOD), encoding="utf-8")
    arts, _, lines = read([tmp_path / "tidak-ada.jsonl", p])
    assert len(arts) == 1
    assert lines == [f"warta: {tmp_path / 'tidak-ada.jsonl'}: no such file or directory"]


def test_empty_files_of_every_kind(tmp_path):
    names = ["a.txt", "b.jsonl", "c.csv", "d.html", "e.json"]
    for name in names:
        (tmp_path / name).write_text("" if name != "a.txt" else "  \n\n", encoding="utf-8")
    (tmp_path / "f.jsonl.gz").write_bytes(gzip.compress(b""))
    arts, problems, lines = read(sorted(tmp_path.iterdir()))
    assert arts == []
    assert problems.total == 6
    assert all("empty file" in line for line in lines)


def test_binary_files_rejected(tmp_path):
    blob = bytes(range(256)) * 40
    for name in ("gambar.txt", "data.jsonl", "tabel.csv", "halaman.html"):
        (tmp_path / name).write_bytes(blob)
    good = tmp_path / "z.txt"
    good.write_text("Berita tetap dibaca.", encoding="utf-8")
    arts, problems, lines = read(sorted(tmp_path.iterdir()))
    assert [a.raw for a in arts] == ["Berita tetap dibaca."]
    assert problems.total == 4 and all("binary" in line for line in lines)


def test_cp1252_and_latin1_text_decoded(tmp_path):
    text = "Kafe \u201cKopi Ñusa\u201d di Kemang menjual café au lait seharga Rp35.000 — ramai saat akhir pekan."
    (tmp_path / "a.txt").write_bytes(text.encode("cp1252"))
    latin = "Pemain asal España mencetak gol pada menit ke-89 di Stadion Manahan."
    (tmp_path / "b.txt").write_bytes(latin.encode("latin-1"))
    (tmp_path / "c.txt").write_bytes(b"\xef\xbb\xbf" + b"Dengan BOM: beras naik.")
    arts, problems, _ = read(sorted(tmp_path.iterdir()))
    assert problems.total == 0
    assert [a.raw for a in arts] == [text, latin, "Dengan BOM: beras naik."]


def test_non_utf8_line_inside_utf8_jsonl(tmp_path):
    p = tmp_path / "a.jsonl"
    bad = json.dumps({"text": "Pelatih asal España memuji pemain muda."}, ensure_ascii=False).encode("latin-1")
    p.write_bytes(jsonl(GOOD).encode() + bad + b"\n" + jsonl(GOOD).encode())
    arts, problems, _ = read([p])
    assert problems.total == 0 and len(arts) == 3
    assert arts[1].raw == "Pelatih asal España memuji pemain muda."


def test_undecodable_line_reported(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_bytes(jsonl(GOOD).encode() + b'{"text": "\x00\xff\xfe\x00"}\n' + jsonl(GOOD).encode())
    arts, problems, lines = read([p])
    assert len(arts) == 2 and problems.total == 1 and f"{p}:2:" in lines[0]


def test_truncated_gzip_keeps_everything_before_the_damage(tmp_path):
    records = [{"id": str(i), "text": f"Berita ke-{i} tentang banjir di Semarang. " * 20} for i in range(300)]
    data = gzip.compress(jsonl(*records).encode())
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(data[: len(data) // 2])
    good = tmp_path / "good.jsonl"
    good.write_text(jsonl(GOOD), encoding="utf-8")
    arts, problems, lines = read([p, good])
    assert problems.total == 1 and str(p) in lines[0] and "truncated" in lines[0]
    ids = [a.id for a in arts[:-1]]
    assert ids == [str(i) for i in range(len(ids))] and 0 < len(ids) < 300
    assert arts[-1].title == GOOD["title"]


def test_truncated_gzip_csv(tmp_path):
    rows = "".join(f'{i},"Judul {i}","Isi berita nomor {i} tentang harga pangan."\n' for i in range(2000))
    data = gzip.compress(("id,judul,isi\n" + rows).encode())
    p = tmp_path / "cut.csv.gz"
    p.write_bytes(data[: len(data) // 2])
    arts, problems, lines = read([p])
    assert problems.total == 1 and "truncated" in lines[0]
    assert 0 < len(arts) < 2000 and arts[0].title == "Judul 0"


def test_huge_single_line_reported_not_crashed(tmp_path):
    p = tmp_path / "a.jsonl"
    huge = {"text": "kata " * 100_000}
    p.write_text(jsonl(GOOD, huge, GOOD), encoding="utf-8")
    arts, problems, lines = read([p], ReaderOptions(max_record_bytes=100_000))
    assert len(arts) == 2
    assert lines[0].startswith(f"warta: {p}:2: line of 500,013 bytes is over the 100,000-byte record limit")


def test_huge_text_file_and_csv_field(tmp_path):
    (tmp_path / "a.txt").write_text("x" * 5000, encoding="utf-8")
    (tmp_path / "b.csv").write_text("judul,isi\nA,pendek\nB," + "y" * 5000 + "\nC,pendek juga\n", encoding="utf-8")
    arts, problems, lines = read([tmp_path / "a.txt", tmp_path / "b.csv"], ReaderOptions(max_record_bytes=1000))
    assert [a.title for a in arts] == ["A", "C"]
    assert problems.total == 2
    assert "a.txt" in lines[0] and "b.csv:3" in lines[1]


def test_csv_without_text_column_names_file_and_columns(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("nomor,judul,tanggal\n1,Tanpa Isi,2025-01-01\n", encoding="utf-8")
    q = tmp_path / "b.csv"
    q.write_text("judul,isi\nAda Isi,Isinya di sini.\n", encoding="utf-8")
    arts, problems, lines = read([p, q])
    assert [a.title for a in arts] == ["Ada Isi"]
    assert len(lines) == 1 and str(p) in lines[0] and "nomor, judul, tanggal" in lines[0]


def test_csv_rows_with_missing_or_extra_fields(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("judul,isi,tanggal\nA,Isi A.,2025-01-02\nB\nC,Isi C.\nD,Isi D.,2025-01-03,lebih\n", encoding="utf-8")
    arts, problems, lines = read([p])
    assert [a.title for a in arts] == ["A", "C"]  # a short row with its text is still an article
    assert problems.total == 2
    assert f"{p}:3: record has no text" in lines[0] and f"{p}:5: row has 4 fields" in lines[1]


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        import pytest

        pytest.skip("root reads files whatever their mode")
    p = tmp_path / "a.txt"
    p.write_text("isi", encoding="utf-8")
    p.chmod(0)
    arts, problems, lines = read([p])
    assert arts == [] and "cannot read" in lines[0]


def test_directory_with_bad_files_goes_on(tmp_path):
    (tmp_path / "1.jsonl").write_text(jsonl(GOOD, "{oops"), encoding="utf-8")
    (tmp_path / "2.txt").write_bytes(b"")
    (tmp_path / "3.txt").write_text("Berita ketiga.", encoding="utf-8")
    arts, problems, _ = read([tmp_path])
    assert [a.raw for a in arts] == [GOOD["text"], "Berita ketiga."]
    assert problems.total == 2


def test_empty_directory(tmp_path):
    (tmp_path / "kosong").mkdir()
    arts, problems, lines = read([tmp_path / "kosong"])
    assert arts == [] and "no readable files" in lines[0]


def test_garbage_json_file(tmp_path):
    p = tmp_path / "a.json"
    p.write_text('{"text": "awal"', encoding="utf-8")
    arts, problems, lines = read([p])
    assert arts == [] and f"{p}:1: invalid JSON" in lines[0]


def test_jsonl_named_json(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(jsonl(GOOD, GOOD), encoding="utf-8")
    arts, problems, _ = read([p])
    assert len(arts) == 2 and problems.total == 0


def test_problems_never_raise_out(tmp_path):
    # A mix of everything at once still ends normally.
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(jsonl(GOOD).encode())[:20])
    (tmp_path / "b.warc.gz").write_bytes(b"not a warc at all\n")
    (tmp_path / "c.csv").write_bytes(b"\x00\x01\x02")
    (tmp_path / "d.json").write_bytes(b"\xff\xfe\xfa")
    arts, problems, _ = read([tmp_path, Path("/nonexistent/x")])
    assert problems.total >= 4


def test_jsonl_with_bom_and_utf16_jsonl(tmp_path):
    p = tmp_path / "bom.jsonl"
    p.write_bytes(b"\xef\xbb\xbf" + jsonl(GOOD, GOOD).encode())
    q = tmp_path / "u16.jsonl"
    q.write_text(jsonl(GOOD, {"text": "Kopi Ñusa dari Aceh."}), encoding="utf-16")
    arts, problems, _ = read([p, q])
    assert problems.total == 0
    assert [a.raw for a in arts] == [GOOD["text"]] * 3 + ["Kopi Ñusa dari Aceh."]
    assert arts[3].origin == f"{q}:2"


def test_binary_jsonl_without_nul_in_first_line(tmp_path):
    import random

    rng = random.Random(7)
    blob = b"\x01\x02\n" + bytes(rng.randrange(256) for _ in range(20000))
    p = tmp_path / "a.jsonl"
    p.write_bytes(blob)
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(blob))
    arts, problems, lines = read([p, tmp_path / "b.jsonl.gz"])
    assert arts == [] and problems.total == 2 and all("binary" in line for line in lines)


def test_plain_text_named_jsonl_stops_after_a_few_lines(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text("".join(f"Baris berita biasa nomor {i}.\n" for i in range(500)), encoding="utf-8")
    arts, problems, lines = read([p])
    assert arts == [] and problems.total == 21
    assert "not JSON Lines" in lines[-1]


def test_nul_bytes_that_are_valid_utf8_are_still_binary(tmp_path):
    p = tmp_path / "nol.txt"
    p.write_bytes(b"\x00" * 1000 + b"teks")
    arts, problems, lines = read([p])
    assert arts == [] and "binary" in lines[0]


def test_html_declared_charset_used(tmp_path):
    page = ('<html><head><meta charset="windows-1252"><title>Caf\u00e9</title></head>'
            '<body><p>Menu caf\u00e9 \u201cNusantara\u201d \u2013 harga \u20ac5.</p></body></html>')
    p = tmp_path / "a.html"
    p.write_bytes(page.encode("cp1252"))
    (a,), problems, _ = read([p])
    assert problems.total == 0 and a.raw == page and a.meta["encoding"] == "windows-1252"

"""The clean stage on sentences written for these tests, in the shape of real scraped news."""
from __future__ import annotations

import pytest

from warta.article import Article
from warta.clean import clean_text, make_stage

BODY = [
    "Pemerintah Kabupaten Sukamaju menyalurkan bantuan beras kepada 1.200 keluarga, Senin (3/3/2025).",
    '"Bantuan ini kami salurkan bertahap sampai akhir bulan," kata Bupati Sukamaju Rahmat Hidayat.',
    "Menurut dia, data penerima diperbarui setiap tiga bulan bersama dinas sosial.",
]


def run(*extra_lines: str, at: int = 2) -> tuple[list[str], dict[int, str], str]:
    """Put `extra_lines` into a clean body after line `at`; return lines, removed reasons, text."""
    lines = BODY[:at] + list(extra_lines) + BODY[at:]
    result = clean_text("\n".join(lines))
    whole = {r["line"]: r["reason"] for r in result.removed if not r.get("inline")}
    return lines, whole, result.text


# One line of boilerplate, in the middle of an article: it goes, with this reason.
REMOVED_LINES = [
    # teasers
    ("Baca juga: Harga Cabai Naik Jelang Ramadan, Pedagang Mengeluh", "teaser"),
    ("Baca Juga : Bupati Tinjau Gudang Bulog di Kecamatan Timur", "teaser"),
    ("BACA JUGA: Warga Antre Sejak Subuh demi Beras Murah", "teaser"),
    ("“Baca Juga: Dinas Sosial Verifikasi Ulang 500 Penerima”", "teaser"),
    ('"Baca juga: Gudang Logistik Baru Dibangun di Pelabuhan"', "teaser"),
    ("Simak juga: Jadwal Operasi Pasar Pekan Ini", "teaser"),
    ("Lihat juga: Daftar Harga Bahan Pokok Hari Ini", "teaser"),
    ("Artikel terkait", "teaser"),
    ("Berita Terkait", "teaser"),
    ("[Baca juga: Stok Beras Aman hingga Lebaran]", "teaser"),
    ("BACA JUGA Operasi Pasar Digelar Lagi Pekan Depan", "teaser"),
    # ads and layout
    ("ADVERTISEMENT", "ad"),
    ("SCROLL TO CONTINUE WITH CONTENT", "ad"),
    ("SCROLL TO RESUME CONTENT", "ad"),
    ("Lanjutkan membaca artikel di bawah", "ad"),
    ("Halaman selanjutnya", "ad"),
    ("(adv)", "ad"),
    # video teasers and embeds
    ("Simak juga Video 'Antrean Panjang Warga di Operasi Pasar':", "video"),
    ('Tonton juga video "Bupati Bagikan Beras ke Warga Lansia" di sini:', "video"),
    ("Lihat juga Video: Pasar Murah Digelar di Alun-alun", "video"),
    ('Simak Video "Harga Minyak Goreng Turun Lagi"', "video"),
    ("Tonton juga Video: Beras Murah, Warga Serbu Kantor Kecamatan? Ini Kata Camat", "video"),
    ("[Gambas:Video 20detik]", "video"),
    ("[Gambas:Youtube]", "video"),
    ("Saksikan Live DetikPagi :", "video"),
    # cookie / consent
    ("This site uses cookies to improve your experience.", "cookie"),
    ("Situs ini menggunakan cookie untuk meningkatkan pengalaman Anda.", "cookie"),
    ("Accept all cookies", "cookie"),
    # share / follow / subscribe
    ("Ikuti kami di Google News", "share"),
    ("Dapatkan update berita pilihan dan breaking news setiap hari. Mari bergabung di Grup WhatsApp kami.", "share"),
    ("Follow Instagram @beritasukamaju untuk kabar terbaru", "share"),
    ("Bagikan artikel ini", "share"),
    ("#GrowFearless with FIMELA", "share"),
    ("Subscribe: dapatkan ringkasan berita setiap pagi", "share"),
    # credits
    ("Penulis: Siti Aminah", "credit"),
    ("Editor: Budi Santoso", "credit"),
    ("Reporter: Andi Pratama", "credit"),
    ("Foto: Dok. Humas Pemkab Sukamaju", "credit"),
    ("(Foto: Istimewa)", "credit"),
    ("(mea/mea)", "credit"),
    ("(rah)", "credit"),
    ("Artikel ini telah tayang di Kabarsukamaju.com dengan judul Bupati Salurkan Beras ke 1.200 Keluarga", "credit"),
    ("Artikel ini ditulis oleh Rina Wulandari, peserta magang di redaksi kami.", "credit"),
    # other
    ("-", "other"),
    ("-----", "other"),
    ("Disclaimer: Analisis dalam artikel ini bukan rekomendasi membeli atau menjual saham.", "other"),
    ("Baca selengkapnya di halaman berikutnya...", "other"),
    ("Sebuah kiriman dibagikan oleh Kabar Sukamaju (@kabarsukamaju) pada 18 Sep 2019 jam 3:32 PDT", "other"),
    ("Lalu apa kata warga soal bantuan ini? Ikuti diskusinya dalam program Sore Ini.", "other"),
]


@pytest.mark.parametrize("line,reason", REMOVED_LINES)
def test_boilerplate_line_is_removed_with_reason(line: str, reason: str) -> None:
    lines, whole, text = run(line)
    assert whole == {2: reason}
    assert line.strip() not in text
    for kept in BODY:
        assert kept in text


# Article lines that merely look like markers: they stay, untouched.
KEPT_LINES = [
    '"Baca juga aturannya sebelum mendaftar, jangan sampai salah," kata Kepala Dinas Sosial, Yuni.',
    "“Lihat juga kondisi gudangnya, semuanya sudah kami periksa,” ujarnya.",
    "Lihat juga bagaimana warga lansia harus menunggu berjam-jam di bawah terik matahari tanpa tenda.",
    "Ia membaca juga laporan yang masuk dari kecamatan sebelum rapat dimulai.",
    "Editor senior harian itu, Maria Ulfa, menilai kebijakan tersebut terburu-buru.",
    "Foto-foto antrean warga beredar luas di media sosial sejak pagi.",
    "Video warga berebut beras itu sudah ditonton lebih dari 200 ribu kali.",
    "Sumber dana bantuan berasal dari APBD perubahan tahun ini.",
    "Penulisan nama penerima juga diperiksa ulang oleh petugas kecamatan.",
    "Presiden Joko Widodo – yang saat itu berkunjung – meminta bantuan disalurkan tepat waktu.",
    "Iklan layanan masyarakat soal bantuan itu diputar di radio setiap pagi.",
    "Simak juga penjelasan camat soal jadwal penyaluran tahap kedua yang baru diumumkan kemarin sore, karena banyak warga yang belum terdaftar dan harus datang sendiri ke kantor desa membawa KTP serta kartu keluarga asli untuk diverifikasi.",
    "Advertisement agency milik warga setempat ikut membantu sosialisasi program tersebut kepada masyarakat.",
    "Tonton juga, kata dia, siaran ulangnya di kanal resmi pemerintah daerah.",
    "Kredit usaha itu disalurkan melalui Bank Rakyat Indonesia (BRI)",
    "Program itu mencakup layar pintar di sekolah. Simak selengkapnya di bawah ini.",  # the list follows
    "Unduh aplikasi Cek Bansos di Play Store, lalu masukkan nomor induk kependudukan.",  # a how-to step
    "Setuju.",  # an answer in an interview transcript
    "Dapatkan informasi jadwal penyaluran di kantor desa masing-masing.",
    "Saham yang naik antara lain PT Astra International Tbk. (ASII).",  # a ticker, not initials
]


@pytest.mark.parametrize("line", KEPT_LINES)
def test_article_line_that_looks_like_a_marker_is_kept(line: str) -> None:
    lines, whole, text = run(line)
    assert whole == {}
    assert line in text


def test_line_indexes_count_blank_lines_and_crlf() -> None:
    raw = "\r\n".join([BODY[0], "", "ADVERTISEMENT", "", BODY[1], "Penulis: Siti Aminah", "", ""])
    result = clean_text(raw)
    assert [(r["line"], r["reason"]) for r in result.removed] == [(2, "ad"), (5, "credit")]
    assert [r["text"] for r in result.removed] == ["ADVERTISEMENT", "Penulis: Siti Aminah"]
    assert result.text == BODY[0] + "\n\n" + BODY[1]
    assert "\r" not in result.text


def test_blank_lines_are_not_removals_and_runs_are_squeezed() -> None:
    raw = "\n".join(["", BODY[0], "", "", "", BODY[1], "", "Simak juga Video 'Warga Antre Beras':", "", "", ""])
    result = clean_text(raw)
    assert [(r["line"], r["reason"]) for r in result.removed] == [(7, "video")]
    assert result.text == BODY[0] + "\n\n" + BODY[1]


# CLICK-ID style: paragraphs joined with ",", linked headlines dropped by the scraper.
GLUED = [
    (BODY[0] + ",Baca juga:,,," + BODY[2], BODY[0] + "," + BODY[2], "teaser", "Baca juga:,,,"),
    (BODY[0] + ",Baca Juga :,," + BODY[2], BODY[0] + "," + BODY[2], "teaser", "Baca Juga :,,"),
    (BODY[0] + ",Baca juga,," + BODY[2], BODY[0] + "," + BODY[2], "teaser", "Baca juga,,"),
    (BODY[0] + ",Baca juga;,," + BODY[2], BODY[0] + "," + BODY[2], "teaser", "Baca juga;,,"),
    (BODY[0] + " (Baca juga: Operasi Pasar Digelar di Lima Kecamatan)," + BODY[2],
     BODY[0] + " ," + BODY[2], "teaser", "(Baca juga: Operasi Pasar Digelar di Lima Kecamatan)"),
    # old detik pages: the headline runs straight into the next sentence
    (BODY[0] + " Baca juga: Gudang Bulog Penuh, Bupati Minta Distribusi DipercepatMenurut dia, data penerima diperbarui.",
     BODY[0] + " Menurut dia, data penerima diperbarui.", "teaser",
     "Baca juga: Gudang Bulog Penuh, Bupati Minta Distribusi Dipercepat"),
    (BODY[0] + ' Baca juga: Warga Lansia Didahulukan"Kami dahulukan lansia," kata dia.',
     BODY[0] + ' "Kami dahulukan lansia," kata dia.', "teaser", "Baca juga: Warga Lansia Didahulukan"),
    (BODY[0] + ",#GrowFearless with FIMELA", BODY[0], "share", "#GrowFearless with FIMELA"),
    (BODY[0] + ",Penulis: Siti Aminah,,", BODY[0], "credit", "Penulis: Siti Aminah,,"),
    (BODY[0] + ",Reporter: Andi Pratama,Sumber: Kabar Sukamaju", BODY[0], "credit", "Reporter: Andi Pratama,Sumber: Kabar Sukamaju"),
    (BODY[1] + " (gil)", BODY[1], "credit", "(gil)"),
    (BODY[1] + ",Artikel ini telah tayang di,dengan judul Bupati Salurkan Beras,,.", BODY[1], "credit",
     "Artikel ini telah tayang di,dengan judul Bupati Salurkan Beras,,."),
    (BODY[0] + ' Simak Video "Antrean Beras Murah di Sukamaju" [Gambas:Video 20detik]', BODY[0], "video",
     'Simak Video "Antrean Beras Murah di Sukamaju" [Gambas:Video 20detik]'),
    (BODY[0] + " Selanjutnya Halaman 1 2 " + BODY[2], BODY[0] + " " + BODY[2], "ad", "Selanjutnya Halaman 1 2"),
    (BODY[0] + ",Simak video antrean warga di kantor kecamatan berikut ini:," + BODY[2],
     BODY[0] + ",," + BODY[2], "video", "Simak video antrean warga di kantor kecamatan berikut ini:"),
    (BODY[0] + ",KHAIRUL ANAM | SITI AMINAH", BODY[0], "credit", "KHAIRUL ANAM | SITI AMINAH"),
    # tail credits after other cuts, and the topic tags old detik pages put after them
    (BODY[0] + ' Simak Video "Beras Murah" [Gambas:Video 20detik] (abc/def)', BODY[0], "credit", "(abc/def)"),
    (BODY[0] + " Ke halaman selanjutnya (abc/def) bantuan beras sukamaju", BODY[0], "credit",
     "(abc/def) bantuan beras sukamaju"),
    (BODY[0] + ",Sumber: Harian Kita,Disadur dari Kabar.com (Penulis: Rina, published 1/9/2019)", BODY[0], "credit",
     "Sumber: Harian Kita,Disadur dari Kabar.com (Penulis: Rina, published 1/9/2019)"),
    (BODY[0] + ",,,Simak videonya,", BODY[0], "video", "Simak videonya,"),
    (BODY[0] + " ADVERTISEMENT " + BODY[2], BODY[0] + " " + BODY[2], "ad", "ADVERTISEMENT"),
    (BODY[0] + " Lanjutkan membaca artikel di bawah " + BODY[2], BODY[0] + " " + BODY[2], "ad",
     "Lanjutkan membaca artikel di bawah"),
    (BODY[0] + ",A post shared by Kabar Sukamaju (@kabarsukamaju) on Sep 13, 2019 at 1:58 am PDT," + BODY[2],
     BODY[0] + ",," + BODY[2], "other", "A post shared by Kabar Sukamaju (@kabarsukamaju) on Sep 13, 2019 at 1:58 am PDT"),
    (BODY[1] + " Editor: Budi Santoso COPYRIGHT (c) KABAR 2019", BODY[1], "credit", "COPYRIGHT (c) KABAR 2019"),
    (BODY[1] + ",Reporter: Dwi Putra,Sumber: Kabar.com," + BODY[2], BODY[1] + ",," + BODY[2], "credit",
     "Reporter: Dwi Putra,Sumber: Kabar.com"),
    (BODY[0] + " Klik halaman selanjutnya untuk melihat daftar penerima. " + BODY[2], BODY[0] + " " + BODY[2], "ad",
     "Klik halaman selanjutnya untuk melihat daftar penerima."),
    (BODY[0] + " Baca juga: Stok Beras AmanLanjut ke halaman berikutnya. (abc/def)", BODY[0], "ad",
     "Lanjut ke halaman berikutnya."),
    (BODY[0] + ",Foto: Budi Santoso - dok Humas," + BODY[2], BODY[0] + ",," + BODY[2], "credit",
     "Foto: Budi Santoso - dok Humas"),
    (BODY[0] + " Foto: Rina Wulandari\"Kami senang,\" kata dia.", BODY[0] + ' "Kami senang," kata dia.', "credit",
     "Foto: Rina Wulandari"),
    # a glued headline does not end inside a CamelCase name
    ("Ia menang.Baca juga: Khabib Sindir McGregor soal LaganyaSebulan kemudian ia pensiun.",
     "Ia menang.Sebulan kemudian ia pensiun.", "teaser", "Baca juga: Khabib Sindir McGregor soal Laganya"),
]


@pytest.mark.parametrize("line,expected,reason,fragment", GLUED)
def test_glued_fragment_is_cut_and_recorded_inline(line: str, expected: str, reason: str, fragment: str) -> None:
    result = clean_text(line)
    assert result.text == expected
    cuts = [(r["line"], r["text"], r["reason"], r.get("inline")) for r in result.removed]
    assert (0, fragment, reason, True) in cuts


def test_teaser_at_line_start_followed_by_long_article_text_keeps_the_text() -> None:
    line = ("Baca juga: Bupati Salurkan Beras.Menurut dia, data penerima diperbarui setiap tiga bulan bersama "
            "dinas sosial dan pemerintah desa, sehingga warga yang pindah atau meninggal tidak lagi tercatat "
            "sebagai penerima bantuan pada tahap berikutnya.")
    result = clean_text("\n".join([BODY[0], line]))
    assert [r.get("inline") for r in result.removed] == [True]
    assert result.removed[0]["text"] == "Baca juga: Bupati Salurkan Beras"
    assert "Menurut dia, data penerima diperbarui setiap tiga bulan" in result.text


def test_bare_baca_juga_line_takes_the_headline_under_it() -> None:
    lines = [BODY[0], "Baca juga:", "Bupati Sukamaju Tinjau Gudang Beras di Pelabuhan", BODY[1]]
    result = clean_text("\n".join(lines))
    assert [(r["line"], r["reason"]) for r in result.removed] == [(1, "teaser"), (2, "teaser")]
    # ... but an article sentence under it stays
    lines = [BODY[0], "Baca juga:", BODY[1]]
    assert [r["line"] for r in clean_text("\n".join(lines)).removed] == [1]


def test_programme_promo_block_at_the_end_is_removed() -> None:
    lines = BODY + [
        "Bagaimana nasib warga yang belum terdaftar? Ikuti diskusinya dalam Kabar Sore.",
        "Menjelang petang nanti, detikSore akan membahas bantuan pangan bersama pengamat kebijakan publik.",
        '"Kami ingin semua warga yang berhak mendapat bantuan," ujar seorang pejabat kepada wartawan.',
        "Ikuti terus ulasan mendalam berita-berita hangat setiap hari secara langsung (live streaming) pada Senin-Jumat.",
        '"Detik Sore, Nggak Cuma Hore-hore!"',
    ]
    result = clean_text("\n".join(lines))
    assert [r["line"] for r in result.removed] == [3, 4, 5, 6, 7]
    assert {r["reason"] for r in result.removed} == {"other"}
    assert result.text == "\n".join(BODY)


def test_tagline_alone_does_not_take_the_article_with_it() -> None:
    lines = BODY + ['"Detik Sore, Nggak Cuma Hore-hore!"']
    result = clean_text("\n".join(lines))
    assert [r["line"] for r in result.removed] == [3]


def test_trailing_embed_lead_in_is_removed_only_at_the_end() -> None:
    ending = "Melihat Kembali Liputan Khusus Banjir Rob di Pesisir Utara:"
    result = clean_text("\n".join(BODY + ["", ending, "", ""]))
    assert [(r["line"], r["reason"]) for r in result.removed] == [(4, "video")]
    # the same kind of line mid-article introduces a list: it stays
    middle = "Berikut video dan daftar lokasi penyaluran:"
    result = clean_text("\n".join(BODY[:2] + [middle] + BODY[2:]))
    assert result.removed == []


def test_stage_falls_back_to_raw_text_and_fills_fields() -> None:
    stage = make_stage()
    raw = "\r\n".join(["JAKARTA, KOMPAS.com - " + BODY[0], "ADVERTISEMENT", BODY[1]])
    article = stage(Article(id="a1", raw=raw, raw_format="text"))
    assert article.text == BODY[0] + "\n" + BODY[1]
    assert article.removed == [{"line": 1, "text": "ADVERTISEMENT", "reason": "ad"}]
    assert article.site == "Kompas.com"
    assert article.dateline == {"city": "Jakarta", "outlet": "Kompas.com"}
    assert article.meta["prefix"] == "JAKARTA, KOMPAS.com - "


def test_stage_prefers_text_set_by_an_earlier_stage() -> None:
    article = Article(raw="<html>ignored</html>", raw_format="html", text="\n".join([BODY[0], "SCROLL TO CONTINUE WITH CONTENT"]))
    article = make_stage()(article)
    assert article.text == BODY[0]
    assert article.removed[0]["line"] == 1


def test_html_article_without_text_gives_empty_result() -> None:
    article = make_stage()(Article(raw="<p>Halo</p>", raw_format="html"))
    assert article.text == "" and article.removed == []


def test_every_reason_is_one_of_the_contract() -> None:
    from warta.clean import REASONS

    text = "\n".join(line for line, _ in REMOVED_LINES)
    assert {r["reason"] for r in clean_text(text).removed} <= set(REASONS)


def test_empty_and_whitespace_input() -> None:
    assert clean_text("").text == ""
    assert clean_text("\n \n\t\n").removed == []


def test_cleaning_clean_text_again_changes_nothing() -> None:
    text = "\n".join(["JAKARTA, KOMPAS.com - " + BODY[0], "ADVERTISEMENT", BODY[1] + ",Baca juga:,,," + BODY[2],
                      "Simak juga Video 'Warga Antre Beras':", "(abc/def)"])
    once = clean_text(text)
    twice = clean_text(once.text)
    assert twice.text == once.text and twice.removed == [] and twice.prefix is None


@pytest.mark.slow
def test_huge_single_line_with_many_markers_is_cleaned_in_linear_time() -> None:
    import time

    unit = BODY[0] + ",Baca juga: Stok Beras Aman,,(Baca juga: Harga Naik)," + BODY[1] + " ADVERTISEMENT (x) ,"
    line = unit * (400_000 // len(unit))  # one 400 kB line, ~1,500 markers, like a CLICK-ID body gone wrong
    start = time.perf_counter()
    result = clean_text(line)
    assert time.perf_counter() - start < 20  # seconds; quadratic matching took minutes here
    assert "Baca juga" not in result.text and BODY[1] in result.text


@pytest.mark.parametrize("gap", [" ", "  "])
def test_tail_credit_after_a_video_teaser_is_cut_exactly(gap):
    line = f"Warga diminta waspada terhadap banjir susulan hari ini.{gap}[Gambas:Video CNN]{gap}(rin/raw)"
    assert clean_text(line).text == "Warga diminta waspada terhadap banjir susulan hari ini."

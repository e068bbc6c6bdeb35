"""Dates: each form normalised against a fixed publication date, granularity, relative dates, the
"minggu" trap, ranges, and `infer_published`, on sentences written for these tests."""
from __future__ import annotations

import pytest

from warta.article import Article
from warta.facts import make_stage
from warta.facts.dates import find_dates, infer_published

# Wednesday 22 October 2025, mid-morning.
PUB = "2025-10-22T10:15"


def values(text: str, published: str | None = PUB) -> list[tuple[str, str]]:
    return [(d["text"], d["value"]) for d in find_dates(text, published)]


ABSOLUTE = [
    ("Rapat digelar Selasa (21/10/2025) di Jakarta.", "Selasa (21/10/2025)", "2025-10-21"),
    ("Ia diperiksa Senin (20/10) oleh penyidik.", "Senin (20/10)", "2025-10-20"),
    ("Keterangan disampaikan Minggu (13/7/2025) malam.", "Minggu (13/7/2025)", "2025-07-13"),
    ("Foto diambil Senin (09/09/2019).", "Senin (09/09/2019)", "2019-09-09"),
    ("Ucapan itu disampaikan Selasa malam (23/9/2025).", "Selasa malam (23/9/2025)", "2025-09-23"),
    ("Aturan berlaku sejak 21 Oktober 2025.", "21 Oktober 2025", "2025-10-21"),
    ("Dia ditangkap Jumat, 17 Oktober 2025 dini hari.", "Jumat, 17 Oktober 2025", "2025-10-17"),
    ("Pendaftaran ditutup 5 Des 2024 lalu.", "5 Des 2024", "2024-12-05"),
    ("Surat itu bertanggal 3/7/2025 dan ditandatangani.", "3/7/2025", "2025-07-03"),
    ("Data diperbarui 2025-10-01 oleh admin.", "2025-10-01", "2025-10-01"),
    ("Konser digelar 16 Agustus di Bandung.", "16 Agustus", "2025-08-16"),
]


@pytest.mark.parametrize("sentence,text,value", ABSOLUTE)
def test_absolute_dates(sentence, text, value):
    assert values(sentence) == [(text, value)]


GRANULARITY = [
    ("Harga naik sejak Maret 2024.", "Maret 2024", "2024-03"),
    ("Harga Februari 2022 lebih rendah.", "Februari 2022", "2022-02"),  # no day borrowed
    ("Kasus itu terjadi pada 2019.", "2019", "2019"),
    ("Anggaran tahun 2024 terserap penuh.", "tahun 2024", "2024"),
    ("Pagu tahun anggaran 2026 disepakati.", "tahun anggaran 2026", "2026"),
    ("Laba Semester I 2025 naik tajam.", "Semester I 2025", "2025"),
    ("Penjualan kuartal IV 2024 melambat.", "kuartal IV 2024", "2024"),
    ("Program dimulai awal 2024.", "awal 2024", "2024"),
    ("Program dibuka pertengahan November.", "pertengahan November", "2025-11"),
    ("Dia sudah mengundurkan diri pada Maret.", "Maret", "2025-03"),
    ("Proyek selesai akhir Oktober 2025.", "akhir Oktober 2025", "2025-10"),
]


@pytest.mark.parametrize("sentence,text,value", GRANULARITY)
def test_granularity_is_kept(sentence, text, value):
    assert values(sentence) == [(text, value)]


RELATIVE = [
    ("Kemarin polisi menggeledah rumahnya.", "Kemarin", "2025-10-21"),
    ("Berkas dilimpahkan hari ini.", "hari ini", "2025-10-22"),
    ("Sidang dilanjutkan besok.", "besok", "2025-10-23"),
    ("Dia meninggal dua hari lalu.", "dua hari lalu", "2025-10-20"),
    ("Kecelakaan terjadi 3 hari yang lalu.", "3 hari yang lalu", "2025-10-19"),
    ("Tenggat berakhir sembilan hari lagi.", "sembilan hari lagi", "2025-10-31"),
    ("Harga naik bulan lalu.", "bulan lalu", "2025-09"),
    ("Target tercapai bulan depan.", "bulan depan", "2025-11"),
    ("Panen raya gagal tahun lalu.", "tahun lalu", "2024"),
    ("Pemilu digelar tahun ini.", "tahun ini", "2025"),
    ("Aturan berlaku tahun depan.", "tahun depan", "2026"),
    ("Kakaknya wafat tiga tahun silam.", "tiga tahun silam", "2022"),
    ("Dia berkunjung sebulan yang lalu.", "sebulan yang lalu", "2025-09"),
    # weeks have no granularity of their own: the month of that week's Thursday
    ("Harga cabai naik pekan lalu.", "pekan lalu", "2025-10"),
    ("Harga cabai naik dua pekan lalu.", "dua pekan lalu", "2025-10"),
    ("Bansos cair minggu depan.", "minggu depan", "2025-10"),
]


@pytest.mark.parametrize("sentence,text,value", RELATIVE)
def test_relative_dates(sentence, text, value):
    assert values(sentence) == [(text, value)]


def test_week_crossing_a_month_takes_the_month_of_its_thursday():
    # published Monday 3 November 2025: last week ran 27 Oct - 2 Nov, its Thursday is 30 Oct
    assert values("Harga naik pekan lalu.", "2025-11-03") == [("pekan lalu", "2025-10")]


WEEKDAYS = [
    ("Pelaku ditangkap Jumat lalu di rumahnya.", "Jumat lalu", "2025-10-17"),
    ("Pelaku ditangkap Rabu lalu.", "Rabu lalu", "2025-10-15"),  # strictly before a Wednesday
    ("Tim tiba di lokasi Sabtu.", "Sabtu", "2025-10-18"),
    ("Pertemuan berlangsung hari Senin.", "hari Senin", "2025-10-20"),
    ("Dia ditemui Rabu petang.", "Rabu petang", "2025-10-22"),
    ("Sidang akan digelar Jumat mendatang.", "Jumat mendatang", "2025-10-24"),
    ("Rapat akan digelar Sabtu pagi.", "Sabtu pagi", "2025-10-25"),
    ("Tim kembali bertanding Rabu depan.", "Rabu depan", "2025-10-29"),
]


@pytest.mark.parametrize("sentence,text,value", WEEKDAYS)
def test_weekdays(sentence, text, value):
    assert values(sentence) == [(text, value)]


def test_minggu_trap():
    # lower-case "minggu" is a week; "setiap minggu" is no date at all
    assert values("Setiap minggu warga bergotong royong.") == []
    # capitalised inside a sentence, with a date, or with a part of the day: Sunday
    assert values("Warga berkumpul pada Minggu (19/10).") == [("Minggu (19/10)", "2025-10-19")]
    assert values("Warga berkumpul hari Minggu pagi.") == [("hari Minggu pagi", "2025-10-19")]
    assert values("Kami bertemu Minggu lalu di pasar.") == [("Minggu lalu", "2025-10-19")]
    # "Minggu lalu," opening a sentence: last week
    assert values("Minggu lalu, hujan deras turun.") == [("Minggu lalu", "2025-10")]


RANGES = [
    ("Festival digelar 20-22 Oktober di Bali.", "20-22 Oktober", "2025-10-20", "2025-10-22"),
    ("Rapat kerja 11-12 September 2025 di Denpasar.", "11-12 September 2025", "2025-09-11", "2025-09-12"),
    ("Stimulus Juni-Juli 2025 sudah cair.", "Juni-Juli 2025", "2025-06", "2025-07"),
    ("Ia melatih periode 2020-2024 dengan baik.", "2020-2024", "2020", "2024"),
    ("Ujian berlangsung tanggal 20 hingga 22.", "tanggal 20 hingga 22", "2025-10-20", "2025-10-22"),
]


@pytest.mark.parametrize("sentence,text,start,end", RANGES)
def test_ranges(sentence, text, start, end):
    (d,) = find_dates(sentence, PUB)
    assert (d["text"], d["value"], d["value_end"]) == (text, start, end)


def test_word_joined_months_are_two_dates():
    assert values("Kabut asap terjadi sejak Maret sampai September 2019.", "2019-09-17") == [
        ("Maret", "2019-03"), ("September 2019", "2019-09")]


def test_tanggal_takes_the_publication_month():
    assert values("Jadwal ulang antara tanggal 23 atau 24.") == [("tanggal 23", "2025-10-23"), ("24", "2025-10-24")]


def test_year_of_a_date_without_year_near_new_year():
    # a January article speaking of "Desember" means the December just past
    assert values("Banjir melanda pada Desember.", "2026-01-05") == [("Desember", "2025-12")]
    assert values("Ia diperiksa Rabu (31/12).", "2026-01-02") == [("Rabu (31/12)", "2025-12-31")]


def test_tahun_sebelumnya_is_relative_to_the_year_named_before():
    assert values("Anggaran 2026 naik 8% dari tahun sebelumnya.") == [("2026", "2026"), ("tahun sebelumnya", "2025")]
    assert values("Laba naik 9% dari tahun sebelumnya.") == [("tahun sebelumnya", "2024")]


def test_month_year_relative():
    assert values("Harga turun sejak November tahun lalu.") == [("November tahun lalu", "2024-11")]


NOT_DATES = [
    "Aturan itu tercantum dalam UU Nomor 19 Tahun 2019.",
    "Timnas gagal lolos ke Piala Dunia 2026.",
    "Hak itu dijamin Undang-Undang Dasar 1945.",
    "Sebanyak 2.025 orang hadir.",
    "Anggaran Rp 2025 miliar disiapkan.",
    "Kenaikan mencapai 2020 persen.",
    "Juli Astuti dan Mei Lestari hadir di acara itu.",
    "Dia tinggal di sana sejak 1950-an.",
    "Beberapa bulan lalu pagar itu roboh.",
    "Pekerjaan ini harus selesai dalam lima tahun ke depan.",
    "Pasar kaget digelar setiap Sabtu di lapangan.",
    "Festival itu rutin digelar tiap bulan Januari.",
    "Para pendaki menginap semalam di pos dua.",
    "Pegawai mengikuti kegiatan Jumat Sehat di halaman kantor.",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_not_dates(sentence):
    assert values(sentence) == []


def test_relative_dates_need_published():
    assert values("Kemarin polisi menangkapnya pada 21 Oktober 2025.", None) == [("21 Oktober 2025", "2025-10-21")]


def test_offsets_point_into_the_text():
    text = "Selasa (21/10/2025), kemarin, pekan lalu dan Maret 2024 disebut dalam rapat 2023."
    for d in find_dates(text, PUB):
        assert text[d["start"]:d["end"]] == d["text"]


def test_infer_published_prefers_the_dateline():
    text = ("Polisi menangkap pelaku di Bogor, Senin (20/10/2025). Sidang dijadwalkan 30 Oktober 2025. "
            "Kasus bermula 1 September 2025.")
    assert infer_published(text) == "2025-10-20"


def test_infer_published_falls_back_to_latest_full_date():
    assert infer_published("Aturan terbit 1 Maret 2024 dan direvisi 5 Juni 2024.") == "2024-06-05"
    assert infer_published("Tahun lalu harga naik pada Maret 2024.") is None


def test_facts_stage_infers_missing_published():
    art = make_stage()(Article(text="Dua orang ditahan, Selasa (21/10/2025). Kemarin mereka diperiksa."))
    assert art.published == "2025-10-21"
    assert art.meta["published_inferred"] is True
    assert [d["value"] for d in art.dates] == ["2025-10-21", "2025-10-20"]


def test_facts_stage_keeps_given_published():
    art = make_stage()(Article(text="Kemarin mereka diperiksa.", published="2025-10-22T08:00"))
    assert art.published == "2025-10-22T08:00"
    assert "published_inferred" not in art.meta
    assert [d["value"] for d in art.dates] == ["2025-10-21"]


def test_empty_text():
    assert find_dates("", PUB) == []
    assert infer_published("") is None

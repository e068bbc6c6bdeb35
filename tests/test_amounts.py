"""Amounts: every number format, hedge, currency, range, vague word and not-an-amount case, on
sentences written for these tests."""
from __future__ import annotations

import pytest

from warta.facts.amounts import find_amounts, parse_digits, parse_number_words


def one(text: str) -> dict:
    found = find_amounts(text)
    assert len(found) == 1, found
    return found[0]


# (sentence, text of the amount, value, unit, hedge)
FORMATS = [
    ("Panitia mencetak 10.000 tiket untuk laga final.", "10.000 tiket", 10000, "tiket", None),
    ("Inflasi tahunan tercatat 5,12 persen.", "5,12 persen", 5.12, "persen", None),
    ("Pemerintah menyiapkan 12 juta dosis vaksin.", "12 juta dosis vaksin", 12_000_000, "dosis vaksin", None),
    ("Kerugian ditaksir 1,5 miliar rupiah.", "1,5 miliar rupiah", 1_500_000_000, "Rp", None),
    ("Proyek itu menelan Rp14,5 triliun dari APBN.", "Rp14,5 triliun", 14_500_000_000_000, "Rp", None),
    ("Harga beras naik menjadi Rp 14.500 per kilogram.", "Rp 14.500", 14500, "Rp", None),
    ("Investor asing menanam US$2 miliar di sektor nikel.", "US$2 miliar", 2_000_000_000, "USD", None),
    ("Klub itu membayar 30 juta euro untuk sang striker.", "30 juta euro", 30_000_000, "EUR", None),
    ("Saham itu anjlok 35% dalam sepekan.", "35%", 35, "persen", None),
    ("Suku bunga acuan dipangkas 25 basis poin.", "25 basis poin", 25, "basis poin", None),
    ("Realisasi belanja mencapai Rp 599.440,9 miliar.", "Rp 599.440,9 miliar", 599_440_900_000_000, "Rp", "mencapai"),
    ("Pengembang membangun 300 unit rumah subsidi.", "300 unit rumah subsidi", 300, "unit rumah subsidi", None),
    ("Anggaran partai itu Rp 56 T menurut laporan.", "Rp 56 T", 56_000_000_000_000, "Rp", None),
    ("Gaji pokoknya naik 5jt per bulan.", "5jt", 5_000_000, None, None),
]


@pytest.mark.parametrize("sentence,text,value,unit,hedge", FORMATS)
def test_number_formats(sentence, text, value, unit, hedge):
    a = one(sentence)
    assert (a["text"], a["value"], a["unit"], a["hedge"]) == (text, value, unit, hedge)
    assert sentence[a["start"]:a["end"]] == a["text"]


WORDS = [
    ("Banjir merendam dua desa di hilir sungai.", 2, "desa"),
    ("Sebanyak sepuluh rumah rusak berat.", 10, "rumah"),
    ("Tim SAR menemukan dua puluh lima korban selamat.", 25, "korban selamat"),
    ("Ada sebelas pemain cadangan yang dibawa.", 11, "pemain cadangan"),
    ("Warga menanam seratus dua puluh pohon mangrove.", 120, "pohon mangrove"),
    ("Desa itu dihuni tiga ratus ribu jiwa.", 300_000, "jiwa"),
]


@pytest.mark.parametrize("sentence,value,unit", WORDS)
def test_number_words(sentence, value, unit):
    a = one(sentence)
    assert (a["value"], a["unit"]) == (value, unit)


VAGUE = [
    ("Belasan rumah terendam lumpur.", 10, "rumah"),
    ("Puluhan mahasiswa berunjuk rasa di depan gedung dewan.", 10, "mahasiswa"),
    ("Ratusan personel gabungan dikerahkan.", 100, "personel gabungan"),
    ("Ribuan buruh memadati jalan protokol.", 1000, "buruh"),
    ("Puluhan ribu penonton memadati stadion.", 10_000, "penonton"),
    ("Negara dirugikan miliaran rupiah akibat kasus itu.", 1_000_000_000, "Rp"),
    ("Hakim itu menangani perkara triliunan, katanya.", 1_000_000_000_000, "Rp"),
]


@pytest.mark.parametrize("sentence,value,unit", VAGUE)
def test_vague_words_keep_order_of_magnitude(sentence, value, unit):
    a = one(sentence)
    assert (a["value"], a["unit"], a.get("vague")) == (value, unit, True)


HEDGES = [
    ("Polisi mengerahkan sekitar 500 personel.", "sekitar"),
    ("Lebih dari 80 penerbangan dibatalkan.", "lebih dari"),
    ("Kebakaran menghanguskan hampir 40 kios.", "hampir"),
    ("Pendaftar kurang dari 20 orang.", "kurang dari"),
    ("Banjir merusak sedikitnya 12 sekolah.", "sedikitnya"),
    ("Acara dihadiri setidaknya 3.000 warga.", "setidaknya"),
    ("Kerugian mencapai Rp 2 miliar.", "mencapai"),
    ("Diskon hingga 70 persen berlaku pekan ini.", "hingga"),
    ("Harga rumah di atas Rp1 miliar kena pajak.", "di atas"),
    ("Proses itu paling lama 60 hari kerja.", "paling lama"),
    ("Jumlah korban kurang lebih 15 orang.", "kurang lebih"),
    ("Pertumbuhan ekonomi tidak sampai 5% tahun ini.", "tidak sampai"),
]


@pytest.mark.parametrize("sentence,hedge", HEDGES)
def test_hedges(sentence, hedge):
    assert one(sentence)["hedge"] == hedge


def test_sebanyak_is_not_a_hedge_and_lends_its_noun():
    found = find_amounts("Indonesia mendapat kuota tambahan sebanyak 20 ribu. Kuota itu dibagi 10 ribu untuk reguler.")
    assert [(a["value"], a["unit"], a["hedge"]) for a in found] == [
        (20000, "kuota tambahan", None), (10000, "kuota tambahan", None)]


def test_hedge_after_the_number():
    assert one("Tercatat 100 orang lebih mengungsi.")["hedge"] == "lebih"


RANGES = [
    ("Penonton diperkirakan 3-5 juta orang.", 3_000_000, 5_000_000, "orang"),
    ("Peserta antara 10 hingga 20 orang setiap kelas.", 10, 20, "orang"),
    ("Ekonomi tumbuh 4,6-5,4% tahun ini.", 4.6, 5.4, "persen"),
    ("Proyeksinya 5,2%-5,8% untuk tahun depan.", 5.2, 5.8, "persen"),
    ("Gaji yang dijanjikan Rp 4 juta hingga Rp 5 juta.", 4_000_000, 5_000_000, "Rp"),
    ("Biaya kampanye 20-25 miliar rupiah per calon.", 20_000_000_000, 25_000_000_000, "Rp"),
]


@pytest.mark.parametrize("sentence,low,high,unit", RANGES)
def test_ranges(sentence, low, high, unit):
    a = one(sentence)
    assert (a["value"], a["value_max"], a["unit"]) == (low, high, unit)


NOT_AMOUNTS = [
    "Sidang digelar Selasa (21/10/2025) di Jakarta.",
    "Pada 2025 pemerintah membuka lowongan baru.",
    "Kebijakan itu berlaku sejak Maret 2024.",
    "Acara dimulai pukul 09.30 WIB di balai desa.",
    "Upacara dimulai 10.00 WIB tepat.",
    "Reporter: Budi Santoso (45) melaporkan dari lokasi.",
    "Tim itu menjadi juara ke-7 dalam turnamen.",
    "Dia tampil untuk kedua kalinya di panggung itu.",
    "Ia dijerat Pasal 5 ayat 2 tentang penganiayaan.",
    "Aturan itu tercantum dalam UU Nomor 19 Tahun 2019.",
    "Laporan itu terkait Pasal 310 dan 311 KUHP.",
    "Informasi lebih lanjut hubungi 0812-3456-7890.",
    "Hubungi call center di nomor +62 21 5550123.",
    "Negara G20 bertemu membahas COVID-19 di Bali.",
    "Skor akhir 2-1 untuk tuan rumah.",
    "Salah satu saksi tidak hadir.",
    "Dia adalah satu-satunya wakil Indonesia.",
    "Ia meninggal dua hari lalu di rumah sakit.",
    "Kejadian itu terjadi tiga tahun silam.",
    "Aturan itu diatur dalam PMK 138 Tahun 2024.",
    "Timnas U-23 lolos ke semifinal.",
    "Gerakan 17+8 tuntutan rakyat mendapat respons.",
    "Jalur itu ditutup pada 16.00-19.00 WIB setiap hari.",
    "Warga berkumpul 08.30 pagi di balai desa.",
    "Polisi menyita mobil bernopol B 1234 XYZ.",
    "Kesepakatan diteken dua belah pihak.",
]


@pytest.mark.parametrize("sentence", NOT_AMOUNTS)
def test_not_amounts(sentence):
    assert find_amounts(sentence) == []


def test_how_often_is_not_a_counted_noun():
    assert find_amounts("Bank sentral memangkas suku bunga dua kali tahun ini.") == []
    assert one("Video itu sudah ditonton 29 juta kali di YouTube.")["unit"] is None


def test_a_time_noun_keeps_only_its_own_modifiers():
    assert [a["unit"] for a in find_amounts("Dia dihukum 5 tahun penjara dan menunggu 60 hari kerja.")] == [
        "tahun penjara", "hari kerja"]
    assert one("Dua tahun harga emas naik terus.")["unit"] == "tahun"


def test_durations_are_amounts():
    assert [(a["value"], a["unit"]) for a in find_amounts("Dia menjabat selama 18 tahun dan dirawat 24 jam.")] == [
        (18, "tahun"), (24, "jam")]


def test_level_word_does_not_hide_a_percentage():
    assert one("Suku bunga turun ke level 5,50% bulan ini.")["value"] == 5.5


def test_unit_borrowed_from_previous_amount_in_paragraph():
    found = find_amounts("Program itu menyerap 100 ribu peserta magang. Batch berikutnya 80 ribu.")
    assert [a["unit"] for a in found] == ["peserta magang", "peserta magang"]


def test_back_reference_keeps_a_word_number():
    found = find_amounts("Dari lima tersangka, empat di antaranya sudah ditahan.")
    assert [(a["value"], a["unit"]) for a in found] == [(5, "tersangka"), (4, "tersangka")]


def test_unit_folds_possessive_and_reduplication():
    assert one("Aplikasi itu mengecewakan jutaan penggunanya.")["unit"] == "pengguna"
    assert one("Program itu mencetak 1 juta talenta-talenta digital.")["unit"] == "talenta digital"


def test_bare_numbers_without_a_noun_are_left_out():
    assert find_amounts("Hasilnya 3 berbanding 1, katanya.") == []


def test_offsets_point_into_the_text():
    text = "Menurut BPS, sekitar 1.200 keluarga dan 35% lahan terdampak; kerugian Rp 3,2 miliar."
    for a in find_amounts(text):
        assert text[a["start"]:a["end"]] == a["text"]


@pytest.mark.parametrize("s,value", [
    ("10.000", "10000"), ("5,12", "5.12"), ("1.451", "1451"), ("599.440,9", "599440.9"),
    ("1,000,000", "1000000"), ("4.5", "4.5"), ("52.017.195.644.000", "52017195644000"),
])
def test_parse_digits(s, value):
    assert str(parse_digits(s)) == value


@pytest.mark.parametrize("words,value", [
    ("dua", 2), ("sepuluh", 10), ("sebelas", 11), ("dua belas", 12), ("dua puluh lima", 25),
    ("seratus", 100), ("tiga ratus ribu", 300_000), ("seribu lima ratus", 1500), ("dua juta", 2_000_000),
])
def test_parse_number_words(words, value):
    assert parse_number_words(words.split()) == value


def test_empty_text():
    assert find_amounts("") == []

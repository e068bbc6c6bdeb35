"""`published` normalisation: the shapes real scrapes carry → ISO 8601."""
from __future__ import annotations

import pytest

from warta.published import infer_dayfirst, normalise_published, url_date

KOMPAS_URL = "https://regional.kompas.com/read/2019/09/10/21485171/judul-berita"


@pytest.mark.parametrize(("date", "time", "url", "expected"), [
    # CLICK-ID shapes (see shared/data/news/clickid/SOURCE.md)
    ("2019-09-11 00:00:00", "18:30:00", None, "2019-09-11T18:30:00"),
    ("19/09/2019", "07:00 WIB", None, "2019-09-19T07:00"),
    (" Sep 24, 2019 ", "-", None, "2019-09-24"),
    (" Oct 2, 2019 ", "-", None, "2019-10-02"),
    ("10-Sep-19", "14:28", None, "2019-09-10T14:28"),
    ("28 Maret 2019", None, None, "2019-03-28"),
    ("31 Juli 2019", "12:38:00", None, "2019-07-31T12:38:00"),
    ("Oktober 07, 2019", "-", None, "2019-10-07"),
    ("18 Oktober 2019", "20:09", None, "2019-10-18T20:09"),
    ("16 Oktober 2019", "21:10:32", None, "2019-10-16T21:10:32"),
    ("18:59", "25 Okt 2019", None, "2019-10-25T18:59"),  # swapped columns (detikSport)
    ("2019-10-09 00:00:00", "21:48 WIB", KOMPAS_URL, "2019-09-10T21:48"),  # day/month swapped: URL wins
    ("2019-09-28 00:00:00", "-", None, "2019-09-28"),  # spreadsheet midnight is no time
    ("2019-09-01", "23:06", None, "2019-09-01T23:06"),
    # detik 2025 CSV: M/D/YYYY H:MM
    ("10/21/2025 20:43", None, None, "2025-10-21T20:43"),
    # other common shapes
    ("2022-12-10T13:19:56+07:00", None, None, "2022-12-10T13:19:56"),
    ("2022/12/10 13:19:56 +0700", None, None, "2022-12-10T13:19:56"),
    ("2025-04-01T03:04:05Z", None, None, "2025-04-01T03:04:05"),
    ("Selasa, 17 September 2019 18:11 WIB", None, None, "2019-09-17T18:11"),
    ("Minggu (13/7/2025)", "pukul 09.30 WIB", None, "2025-07-13T09:30"),
    ("13 Jul 2025, 09:30 WITA", None, None, "2025-07-13T09:30"),
    ("1 Agt 2024", None, None, "2024-08-01"),
    ("12 Des 2023", None, None, "2023-12-12"),
    ("3 Mei 2024", None, None, "2024-05-03"),
    ("Feb 29, 2024", None, None, "2024-02-29"),
    ("March 5th, 2021", None, None, "2021-03-05"),
    ("5 Nopember 2020", None, None, "2020-11-05"),
    ("01.02.2020", None, None, "2020-02-01"),
    # nothing usable
    ("", None, None, None),
    (None, None, None, None),
    ("-", "-", None, None),
    ("kemarin sore", None, None, None),
    ("31/02/2020", None, None, None),
    ("99:99", "tanggal tidak jelas", None, None),
    # no date but the URL has one
    (None, None, "https://www.tribunnews.com/superskor/2019/09/10/prediksi", "2019-09-10"),
    ("tidak jelas", None, "https://berita.example/2019/09/10/x", "2019-09-10"),
])
def test_normalise_published(date, time, url, expected):
    assert normalise_published(date, time, url) == expected


@pytest.mark.parametrize(("value", "dayfirst", "expected"), [
    ("5/6/2025 10:00", None, "2025-06-05T10:00"),  # ambiguous: Indonesian day-first by default
    ("5/6/2025 10:00", True, "2025-06-05T10:00"),
    ("5/6/2025 10:00", False, "2025-05-06T10:00"),
    ("13/6/2025", False, "2025-06-13"),  # unambiguous whatever the option
    ("6/13/2025", True, "2025-06-13"),
])
def test_ambiguous_numeric_dates(value, dayfirst, expected):
    assert normalise_published(value, dayfirst=dayfirst) == expected


def test_url_evidence_decides_ambiguous_order():
    url = "https://berita.example/read/2025/05/06/judul"
    assert normalise_published("5/6/2025 08:00", url=url) == "2025-05-06T08:00"


def test_infer_dayfirst():
    assert infer_dayfirst("10/21/2025 20:43") is False
    assert infer_dayfirst("21/10/2025") is True
    assert infer_dayfirst("5/6/2025") is None
    assert infer_dayfirst("21 Oktober 2025") is None


def test_url_date_forms():
    assert str(url_date("https://x.example/read/2019/09/17/18114451/judul")) == "2019-09-17"
    assert str(url_date("https://www.merdeka.com/foto/1118163/20191016211247-judul.html")) == "2019-10-16"
    assert url_date("https://sport.detik.com/sport-lain/d-4760121/judul") is None
    assert url_date("https://x.example/2019/13/45/") is None
    assert url_date(None) is None


def test_never_raises_on_odd_input():
    for value in ("\x00", "9" * 500, "2019-" * 200, "ÿ", "0/0/0000", "29 Februari 2023"):
        assert normalise_published(value, value) is None or normalise_published(value, value)


def test_readers_learn_month_first_per_file(tmp_path):
    import io

    from warta.problems import Problems
    from warta.readers import iter_articles

    p = tmp_path / "a.csv"
    p.write_text("judul,tanggal,isi\nA,10/21/2025 20:43,Isi A.\nB,5/6/2025 10:00,Isi B.\n", encoding="utf-8")
    arts = list(iter_articles([str(p)], Problems(stream=io.StringIO())))
    assert [a.published for a in arts] == ["2025-10-21T20:43", "2025-05-06T10:00"]


def test_url_disagreeing_by_more_than_a_swap_keeps_only_the_url_day():
    url = "https://economy.okezone.com/read/2019/09/13/470/2104644/judul"
    assert normalise_published("2019-09-14 00:00:00", "18:07:00", url) == "2019-09-13"
    assert normalise_published("2019-09-13 00:00:00", "18:07:00", url) == "2019-09-13T18:07:00"

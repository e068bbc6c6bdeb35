"""Indonesian calendar vocabulary as data: months, weekdays, relative time expressions.

Used by `warta.facts.dates` (and by `warta.facts.amounts` to tell "21 Oktober" from an amount).
Keys are lower case; matching is case-insensitive.
"""
from __future__ import annotations

# Month names, their common abbreviations and English forms seen in Indonesian news (also used
# by `warta.published` for the dates of the input records).
MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "mrt": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agst": 8, "agust": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11, "nop": 11, "nopember": 11,
    "desember": 12, "des": 12, "december": 12, "dec": 12,
}
# Abbreviations that are also ordinary words ("mar", "des", "jun", "agu"...): accepted only next to a
# day number or a year ("5 Des 2024"), never alone.
MONTH_ABBREVIATIONS: frozenset[str] = frozenset(k for k in MONTHS if len(k) <= 5 and k not in {
    "maret", "april", "mei", "juni", "juli", "march", "may", "june", "july"})
# Full month names that may stand alone ("pada Maret", "sejak Januari"). "mei", "juni", "juli"
# are also personal names, so a bare month needs a preposition or a modifier in front (see dates).
FULL_MONTHS: frozenset[str] = frozenset(k for k in MONTHS if k not in MONTH_ABBREVIATIONS)

# Weekdays (Monday = 0, as in Python's date.weekday()). "minggu" is Sunday only when capitalised
# or followed by a date "(13/7)"; lower-case "minggu" is usually "week" (see WEEK_WORDS).
WEEKDAYS: dict[str, int] = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "jumaat": 4,
    "sabtu": 5, "minggu": 6, "ahad": 6,
}
AMBIGUOUS_WEEKDAYS: frozenset[str] = frozenset({"minggu"})
# "setiap Sabtu", "tiap Januari": a habit, not a date ("semalam" is left out of RELATIVE_DAYS for the
# same reason: it is also "for one night").
HABITUAL_BEFORE: tuple[str, ...] = ("setiap", "tiap", "saban", "tiap-tiap", "sepanjang hari")

# Parts of the day that may follow a weekday without changing its date: "Rabu petang".
DAY_PARTS: tuple[str, ...] = ("pagi", "siang", "sore", "petang", "malam", "dini hari", "subuh", "tengah malam")

# Day offsets for single words relative to the publication day.
RELATIVE_DAYS: dict[str, int] = {
    "hari ini": 0, "kemarin": -1, "kemarin lusa": -2, "besok": 1, "esok": 1, "esok hari": 1,
    "lusa": 2, "tadi pagi": 0, "tadi malam": -1, "kemarin malam": -1, "malam ini": 0,
    "pagi ini": 0, "siang ini": 0, "sore ini": 0, "kemarin sore": -1, "kemarin pagi": -1,
    "kemarin siang": -1, "besok pagi": 1, "besok malam": 1, "besok siang": 1, "besok sore": 1,
}

# Unit words of "<n> <unit> lalu": how they move the date and what granularity the answer keeps.
WEEK_WORDS: frozenset[str] = frozenset({"minggu", "pekan"})
PERIOD_UNITS: dict[str, str] = {
    "hari": "day", "minggu": "week", "pekan": "week", "bulan": "month", "tahun": "year",
}
# "pekan lalu", "bulan depan": direction words after a period unit.
PAST_WORDS: tuple[str, ...] = ("lalu", "yang lalu", "silam", "kemarin", "sebelumnya", "terakhir")
FUTURE_WORDS: tuple[str, ...] = ("depan", "mendatang", "yang akan datang", "berikutnya", "lagi")
THIS_WORDS: tuple[str, ...] = ("ini",)

# Words in front of a month or year that mark part of it ("pertengahan November" -> 2025-11,
# "awal 2024" -> 2024): kept inside the span, granularity unchanged.
PERIOD_PARTS: tuple[str, ...] = (
    "awal", "akhir", "pertengahan", "medio", "penghujung", "sepanjang", "akhir-akhir",
)
# Words after which a bare month name is a month ("pada Maret", "sejak Januari").
MONTH_PREPOSITIONS: frozenset[str] = frozenset({
    "pada", "sejak", "hingga", "sampai", "bulan", "awal", "akhir", "pertengahan", "medio",
    "penghujung", "sepanjang", "selama", "per", "mulai", "dari", "di", "jelang", "menjelang",
    "pada bulan", "periode", "antara", "dan", "atau", "edisi",
})
# Words that make a four-digit number not a year: "Rp 2025", "2025 orang" are handled as amounts;
# these label words make it a number: "nomor 2025", "kode 2025".
YEAR_BLOCKERS_BEFORE: frozenset[str] = frozenset({
    "nomor", "no", "nomer", "kode", "pasal", "rp", "usd", "kilometer", "km", "ruang", "kamar",
    "nip", "nik", "telepon", "telp", "hp", "uud", "nrp",
})
# Words before a year that belong to the date span: "tahun 2024", "tahun anggaran 2026".
YEAR_LEADS: tuple[str, ...] = ("tahun anggaran", "tahun ajaran", "tahun", "ta")
# Half-years, quarters: "Semester I 2025", "kuartal III 2024" keep the year only.
YEAR_PARTS: tuple[str, ...] = ("semester", "kuartal", "triwulan", "caturwulan")

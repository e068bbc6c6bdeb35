"""Publication dates as scrapers write them → ISO 8601 (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`).

Scrapes carry dates in many shapes ("2019-09-11 00:00:00" + "18:30:00", "19/09/2019" + "07:00 WIB",
" Sep 24, 2019 ", "10-Sep-19", "Oktober 07, 2019", date and time swapped, ...). This parses them
directly with a few regexes (dateparser is ~800 parses/s: too slow per record) and never raises.

Choices, documented because they are guesses:
- Times are kept as the wall-clock time written (WIB/WITA/WIT and numeric offsets are dropped).
- A time of exactly 00:00[:00] inside the date value is treated as "no time": spreadsheets store
  dates as midnight timestamps.
- Numeric dates with both fields ≤ 12 ("5/6/2025") are ambiguous. A first field > 12 means
  day-first, a second field > 12 means month-first; otherwise `dayfirst` decides (None = day-first,
  the Indonesian convention), unless the URL carries a date that matches one reading.
- When the URL carries `/YYYY/MM/DD/` and the parsed date disagrees, the URL wins (CLICK-ID's kompas
  spreadsheet swapped day and month). When the disagreement is a day/month swap the time is kept;
  otherwise (okezone's sheet is often a day later than its URL) only the URL's day is returned,
  since the time belongs to another day. When the date is missing or unparseable, the URL date is used.
"""
from __future__ import annotations

import re
from datetime import date as _date

from .lang.id.calendar import MONTHS  # month names and abbreviations, Indonesian and English

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

# Tried in order on the lower-cased value; each yields (year, month, day) groups by name.
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4}|\d{2})(?!\d)"),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})[\s\-./]*(?P<mon>{_MONTH_RE})(?![a-z])\.?[\s\-./,]*(?P<y>\d{{4}}|\d{{2}})(?!\d)"),
    re.compile(rf"(?<![a-z])(?P<mon>{_MONTH_RE})(?![a-z])\.?\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)"),
)
_TIME_RE = re.compile(r"(?<![\d.:/-])(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?:[:.](?P<s>[0-5]\d))?(?![\d/-])")
_URL_DATE_RE = re.compile(r"/((?:19|20)\d{2})/(\d{2})/(\d{2})(?:/|$)")
_URL_DATE_COMPACT_RE = re.compile(r"[/-]((?:19|20)\d{2})(\d{2})(\d{2})(?:\d{4,6})?[/-]")


def url_date(url: str | None) -> _date | None:
    """The date a news URL carries (`/read/2019/09/10/...`), if any."""
    if not url:
        return None
    for rx in (_URL_DATE_RE, _URL_DATE_COMPACT_RE):
        m = rx.search(url)
        if m:
            d = _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if d is not None:
                return d
    return None


def infer_dayfirst(value: str | None) -> bool | None:
    """True/False when a numeric date shows its order (a field > 12), else None."""
    if not value:
        return None
    m = _DATE_PATTERNS[1].search(value)
    if not m:
        return None
    a, b = int(m.group("a")), int(m.group("b"))
    if a > 12 >= b:
        return True
    if b > 12 >= a:
        return False
    return None


def normalise_published(date: str | None, time: str | None = None, url: str | None = None,
                        dayfirst: bool | None = None) -> str | None:
    """ISO 8601 publication date from a date value, an optional separate time value and the URL.

    Returns None when nothing parses (and the URL has no date). Never raises.
    """
    try:
        return _normalise(date, time, url, dayfirst)
    except (ValueError, TypeError, OverflowError):
        return None


def _normalise(date: str | None, time: str | None, url: str | None, dayfirst: bool | None) -> str | None:
    date_s = _prep(date)
    time_s = _prep(time)
    from_url = url_date(url)
    found = _find_date(date_s, dayfirst, from_url) if date_s else None
    time_src = time_s
    date_rest = ""
    if found is not None:
        day, span = found
        date_rest = date_s[:span[0]] + " " + date_s[span[1]:]
    elif time_s:  # swapped columns: date='18:59', time='25 Okt 2019'
        found = _find_date(time_s, dayfirst, from_url)
        if found is not None:
            day, span = found
            time_src = date_s
            date_rest = time_s[:span[0]] + " " + time_s[span[1]:]
    if found is None:
        if from_url is None:
            return None
        day = from_url
    elif from_url is not None and day != from_url:
        swapped = _make_date(day.year, day.day, day.month) == from_url
        day = from_url
        if not swapped:
            return day.isoformat()  # the value is some other day (an update?): its time is not the URL day's
    clock = _find_time(time_src) if time_src else None
    if clock is None and date_rest.strip():
        clock = _find_time(date_rest)
        if clock is not None and clock[0] == 0 and clock[1] == 0 and not clock[2]:
            clock = None  # a spreadsheet's midnight: no real time
    if clock is None:
        return day.isoformat()
    h, mi, s = clock
    out = f"{day.isoformat()}T{h:02d}:{mi:02d}"
    return out + (f":{s:02d}" if s is not None else "")


def _prep(value: str | None) -> str:
    if value is None:
        return ""
    value = str(value).strip().lower()
    if value in ("", "-", "--", "n/a", "na", "none", "null", "nan"):
        return ""
    return value


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _make_date(y: int, m: int, d: int) -> _date | None:
    if not 1900 <= y <= 2100:
        return None
    try:
        return _date(y, m, d)
    except ValueError:
        return None


def _find_date(text: str, dayfirst: bool | None, hint: _date | None) -> tuple[_date, tuple[int, int]] | None:
    for i, rx in enumerate(_DATE_PATTERNS):
        for m in rx.finditer(text):
            y = _year(m.group("y"))
            if i == 1:
                d = _numeric(int(m.group("a")), int(m.group("b")), y, dayfirst, hint)
            elif "mon" in rx.groupindex:
                d = _make_date(y, MONTHS[m.group("mon")], int(m.group("d")))
            else:
                d = _make_date(y, int(m.group("m")), int(m.group("d")))
            if d is not None:
                return d, m.span()
    return None


def _numeric(a: int, b: int, y: int, dayfirst: bool | None, hint: _date | None) -> _date | None:
    dmy, mdy = _make_date(y, b, a), _make_date(y, a, b)
    if dmy is None or mdy is None:
        return dmy or mdy
    if hint is not None and hint in (dmy, mdy):
        return hint
    return mdy if dayfirst is False else dmy


def _find_time(text: str) -> tuple[int, int, int | None] | None:
    m = _TIME_RE.search(text)
    if not m:
        return None
    s = m.group("s")
    return int(m.group("h")), int(m.group("mi")), int(s) if s is not None else None

"""Dates in Indonesian news text, normalised against the publication date.

`find_dates(text, published)` returns `{"text", "value", "start", "end"}` per date (+ `value_end`
for ranges), value "YYYY-MM-DD", "YYYY-MM" or "YYYY": the granularity written is kept ("Maret
2024" → "2024-03", never a made-up day).

Candidate spans are found with our own patterns and parsed directly (dateparser is ~800 parses/s
and borrows a day for "Februari 2022"); nothing here calls it. Decisions:
- A date without a year ("Senin (20/10)", "16 Agustus", "pada Maret") takes the publication year,
  or the year before when that would put it more than six months after publication (a January
  article speaking of "Desember").
- Ranges: a hyphen joins one date ("20-22 Oktober", "Juni-Juli 2025", "2020-2024": `value` the
  start, `value_end` the end); "sejak Maret sampai September 2019" is two dates, each of which
  stands on its own. A bare day joined by a word ("20 hingga 22 Oktober") is still a range.
- Weekday alone ("Sabtu", "hari Sabtu", "Rabu petang"): the latest such day on or before
  publication; the next one when the sentence speaks of the future ("akan", "mendatang").
  "Jumat lalu": the latest such day strictly before publication.
- Weeks have no granularity of their own, and a made-up day would be wrong most of the time:
  "pekan lalu" / "minggu lalu" / "dua pekan lalu" / "pekan depan" resolve to the month (YYYY-MM)
  of the Thursday of the week 7×n days away (ISO weeks belong to the month of their Thursday);
  "pekan ini" is left out. "bulan lalu" → YYYY-MM; "tahun lalu" → YYYY. "tahun sebelumnya" is anaphoric: the year before the last year named in
  the same sentence, else the year before publication.
- "minggu": "Minggu" capitalised inside a sentence, or with a date or part of day after it, is
  Sunday; lower-case "minggu" (and "Minggu lalu" opening a sentence) is a week.
- Relative expressions need `published`; without it they are left out (an absolute date stays).
- Not dates: law years ("UU Nomor 19 Tahun 2019"), years that end a capitalised name ("Piala
  Dunia 2026", "Undang-Undang Dasar 1945", "Magang Nasional 2025"), four-digit numbers glued to
  other digits or letters, money.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from ..lang.id import calendar as cal
from ..lang.id import numbers as num

_I = re.IGNORECASE


def _alt(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


_WEEKDAY = _alt(cal.WEEKDAYS)
_MONTH = _alt(cal.MONTHS)
_DAYPART = _alt(cal.DAY_PARTS)
_PART = _alt(cal.PERIOD_PARTS)
_WORDNUM = _alt(k for k in num.UNITS if k != "se")
_YEAR = r"(?:19|20)\d\d"

# Weekday (dd/mm[/yyyy]) or a bare (dd/mm/yyyy): the dateline form of Indonesian news.
_SLASH_RE = re.compile(
    rf"(?:\b(?P<wd>{_WEEKDAY})\b(?:\s+(?:{_DAYPART}))?\s*(?:,\s*)?)?(?:\(\s*|(?<![\d/]))(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})"
    rf"(?:\s*/\s*(?P<y>\d{{4}}|\d{{2}}))?(?(wd)|(?=\s*\)))(?:\s*\))?(?![/\d])", _I)
# Bare dd/mm/yyyy or dd-mm-yyyy without parentheses; ISO yyyy-mm-dd.
_NUMERIC_RE = re.compile(rf"(?<![\w/.-])(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?P=sep)(?P<y>{_YEAR})(?![\w/])")
_ISO_RE = re.compile(rf"(?<![\w/.-])(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d])")
# [Weekday[,]] dd[-dd | hingga dd] Month [yyyy]
_DMY_RE = re.compile(
    rf"(?:\b(?P<wd>{_WEEKDAY})\b\s*,?\s*(?:\(\s*)?)?(?<![\d.,])\b(?P<d>\d{{1,2}})"
    rf"(?:\s*(?:-|–|hingga|sampai|s\.d\.?|s/d)\s*(?P<d2>\d{{1,2}}))?\s+(?P<mn>{_MONTH})\b(?P<dot>\.(?=\s*\d))?"
    rf"(?:\s+(?P<y>{_YEAR})\b)?(?:\s*\))?", _I)
# [part] Month yyyy
_MY_RE = re.compile(
    rf"(?:\b(?P<part>{_PART})\s+(?:bulan\s+)?)?\b(?P<mn>{_MONTH})\b"
    rf"(?:\s*[-–]\s*(?P<mn2>{_MONTH})\b)?\.?\s+(?P<y>{_YEAR})\b(?![.,]\d)", _I)
# [part] [bulan] Month (no year)
_M_RE = re.compile(rf"(?:\b(?P<pre>{_alt(cal.MONTH_PREPOSITIONS)})\s+)?(?:\b(?P<part>{_PART})\s+)?(?:\bbulan\s+)?\b(?P<mn>{_MONTH})\b", _I)
# [lead] yyyy[-yyyy]
_Y_RE = re.compile(
    rf"(?:\b(?P<lead>(?:{_alt(cal.YEAR_LEADS)}|(?:{_alt(cal.YEAR_PARTS)})\s+(?:[IVX]+|\d)|{_PART}))\s+)?"
    rf"(?<![\w.,/-])(?P<y>{_YEAR})(?:\s*[-–]\s*(?P<y2>{_YEAR}))?(?![\w%]|[.,]\d|/\d|-an\b)", _I)
# relative single words: hari ini, kemarin, besok ...
_REL_DAY_RE = re.compile(rf"\b(?:{_alt(cal.RELATIVE_DAYS)})\b", _I)
# <n> hari/pekan/bulan/tahun (yang) lalu | lagi | mendatang ; sehari/sepekan/sebulan/setahun lalu
_N_AGO_RE = re.compile(
    rf"\b(?P<n>\d{{1,3}}|(?:{_WORDNUM})(?:\s+(?:belas|puluh))?|se)(?(n)\s*)(?P<u>hari|minggu|pekan|bulan|tahun)"
    rf"\s+(?P<dir>yang\s+lalu|lalu|silam|lagi|mendatang|yang\s+akan\s+datang|ke\s+depan)\b", _I)
# pekan/minggu/bulan/tahun lalu|ini|depan|sebelumnya ...
_THIS_RE = re.compile(
    r"\b(?P<u>hari|minggu|pekan|bulan|tahun)\s+(?P<dir>yang\s+lalu|lalu|kemarin|ini|depan|mendatang|"
    r"sebelumnya|berikutnya|yang\s+akan\s+datang)\b", _I)
# [hari] Weekday [lalu|depan|mendatang|ini|kemarin] [day part]
_WEEKDAY_RE = re.compile(
    rf"(?:\bhari\s+)?\b(?P<wd>{_WEEKDAY})\b(?:\s+(?P<dir>lalu|kemarin|depan|mendatang|ini|nanti|pekan\s+lalu|minggu\s+lalu))?"
    rf"(?:\s+(?P<part>{_DAYPART})\b)?", _I)
# tanggal 23 [dan|-|hingga 24]
_TANGGAL_RE = re.compile(
    r"\b(?:tanggal|tgl\.?)\s+(?P<d>\d{1,2})(?![\d/]|[.,]\d)"
    r"(?:\s*(?P<j>-|–|hingga|sampai|dan|atau)\s*(?P<d2>\d{1,2})(?![\d/]|[.,]\d))?", _I)

_MONTH_YEAR_REL_RE = re.compile(r"\s+tahun\s+(lalu|ini|depan)\b", _I)
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+$")
_NAME_BEFORE_OK = re.compile(rf"\b(?:{_MONTH}|{_WEEKDAY}|Tahun|Sejak|Pada|Hingga|Sampai|Awal|Akhir|Pertengahan|Periode|Medio)\s+$")
_VAGUE_BEFORE = re.compile(r"\b(?:beberapa|sekian|berapa|banyak|berbulan-bulan|bertahun-tahun)\s+$", _I)
_FUTURE_CUES = re.compile(r"\b(?:akan|bakal|nanti|rencananya|direncanakan|dijadwalkan|mendatang|pekan depan|jadwal)\b", _I)
_LAW_BEFORE = re.compile(r"(?:nomor|no\.?)\s*\d+[a-z]?\s+(?:tahun|th\.?)\s*$", _I)
_SENT_END = re.compile(r"[.!?\n]")


_WORD_RE = re.compile(r"[a-z']+")
# Trigger words (lower case) -> the kinds of pattern worth trying around them.
_TRIGGERS: dict[str, tuple[str, ...]] = {}
for _w in cal.MONTHS:
    _TRIGGERS[_w] = ("month",)
for _w in cal.WEEKDAYS:
    _TRIGGERS[_w.replace("'", "")] = ("weekday", "slash", "month")
    _TRIGGERS[_w] = ("weekday", "slash", "month")
for _w in ("kemarin", "besok", "esok", "lusa", "ini", "semalam", "tadi"):
    _TRIGGERS[_w] = ("relday",)
for _w in ("lalu", "silam", "lagi", "mendatang", "depan", "ini", "sebelumnya", "berikutnya", "kemarin", "datang"):
    _TRIGGERS[_w] = tuple(sorted(set(_TRIGGERS.get(_w, ())) | {"period"}))
for _w in ("tanggal", "tgl"):
    _TRIGGERS[_w] = ("tanggal",)
_YEAR_TRIGGER_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# "ini" only matters after these ("hari ini", "tahun ini"); it is too common to trigger alone.
_INI_BEFORE = ("hari", "malam", "pagi", "siang", "sore", "tahun", "bulan", "pekan", "minggu")
_WINDOW = 48  # characters around a trigger: longer than any prefix or suffix a pattern allows


def _trigger_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Merged character windows around trigger words, per kind of pattern."""
    spans: dict[str, list[tuple[int, int]]] = {}
    n = len(text)

    def add(kind: str, start: int, end: int) -> None:
        lo = max(0, start - _WINDOW)
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1  # never start inside a word
        hi = min(n, end + _WINDOW)
        while hi < n and not text[hi].isspace():
            hi += 1  # nor end inside one
        spans.setdefault(kind, []).append((lo, hi))

    for m in _YEAR_TRIGGER_RE.finditer(text):
        add("year", m.start(), m.end())
    lowered = text.lower()
    for w in set(_WORD_RE.findall(lowered)) & _TRIGGERS.keys():
        kinds = _TRIGGERS[w]
        pos = lowered.find(w)
        while pos != -1:
            end = pos + len(w)
            if (pos == 0 or not lowered[pos - 1].isalnum()) and (end == n or not lowered[end].isalnum()):
                if w != "ini" or lowered[max(0, pos - 8):pos].rstrip().endswith(_INI_BEFORE):
                    for kind in kinds:
                        add(kind, pos, end)
            pos = lowered.find(w, end)
    pos = text.find("/")
    while pos != -1:
        add("slash", pos, pos + 1)
        pos = text.find("/", pos + 1)
    merged: dict[str, list[tuple[int, int]]] = {}
    for kind, items in spans.items():
        items.sort()
        out = [items[0]]
        for lo, hi in items[1:]:
            if lo <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], hi))
            else:
                out.append((lo, hi))
        merged[kind] = out
    return merged


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", published)  # ISO 8601, as the readers normalise it
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _add_months(d: date, n: int) -> tuple[int, int]:
    total = d.year * 12 + d.month - 1 + n
    return total // 12, total % 12 + 1


def _ymd(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _year_for(month: int, day: int | None, base: date | None, weekday: int | None = None) -> int | None:
    """The year of a date written without one: the publication year, or the year before when that
    would land more than ~6 months after publication; a weekday written with it decides ties."""
    if base is None:
        return None
    candidates = [base.year, base.year - 1, base.year + 1]
    if weekday is not None and day is not None:
        for y in candidates:
            try:
                if date(y, month, day).weekday() == weekday:
                    # only accept the weekday's year when it is close to publication
                    if abs((date(y, month, day) - base).days) < 200:
                        return y
            except ValueError:
                continue
    y = base.year
    if (month - base.month) > 6:
        y -= 1
    elif (base.month - month) > 6 and day is not None and weekday is not None:
        y += 1
    return y


def _num_word(s: str) -> int | None:
    s = s.lower().strip()
    if s.isdigit():
        return int(s)
    if s == "se":
        return 1
    parts = s.split()
    if not parts or parts[0] not in num.UNITS:
        return None
    v = num.UNITS[parts[0]]
    if len(parts) == 2:
        v = v + 10 if parts[1] == "belas" else v * 10
    return v


class _Finder:
    def __init__(self, text: str, published: str | None):
        self.text = text
        self.base = _parse_published(published)
        self.cands: list[tuple[int, int, dict[str, Any]]] = []  # (start, -priority, item)
        self.windows = _trigger_windows(text)

    def matches(self, rx: re.Pattern[str], kind: str) -> Iterator[re.Match[str]]:
        """Matches of `rx` near the words that can start or end such a date. Running the big
        patterns over the whole text costs ~10x more: most positions cannot start a date."""
        for lo, hi in self.windows.get(kind, ()):
            yield from rx.finditer(self.text, lo, hi)

    def add(self, start: int, end: int, value: str | None, prio: int, value_end: str | None = None) -> None:
        if value is None:
            return
        item: dict[str, Any] = {"text": self.text[start:end], "value": value, "start": start, "end": end}
        if value_end and value_end != value:
            item["value_end"] = value_end
        self.cands.append((start, prio, item))

    def sentence_before(self, pos: int) -> str:
        lo = max(0, pos - 250)
        chunk = self.text[lo:pos]
        cut = max((m.end() for m in _SENT_END.finditer(chunk)), default=0)
        return chunk[cut:]

    def habitual(self, pos: int) -> bool:
        """The word at `pos` follows "setiap"/"tiap" ("setiap hari Sabtu", "tiap bulan Januari")."""
        before = self.text[max(0, pos - 20):pos].lower().split()
        while before and before[-1] in ("hari", "bulan", "pada"):
            before.pop()
        return bool(before) and before[-1] in cal.HABITUAL_BEFORE

    def sentence_start(self, pos: int) -> bool:
        before = self.text[max(0, pos - 3):pos].rstrip()
        return not before or before[-1] in ".!?\"“”\n:("

    # --- absolute forms ---------------------------------------------------------------------------
    def slash_dates(self) -> None:
        for m in self.matches(_SLASH_RE, "slash"):
            d, mo = int(m["d"]), int(m["m"])
            if not (1 <= mo <= 12 and 1 <= d <= 31):
                continue
            wd = cal.WEEKDAYS.get(m["wd"].lower()) if m["wd"] else None
            if m["y"]:
                y = int(m["y"])
                y = y + 2000 if y < 100 else y
            else:
                if m["wd"] is None and "(" not in m.group():
                    continue
                y = _year_for(mo, d, self.base, wd)
                if y is None:
                    continue
            self.add(m.start(), m.end(), _ymd(y, mo, d), 100)
        for rx in (_NUMERIC_RE, _ISO_RE):
            for m in self.matches(rx, "year"):
                d, mo, y = int(m["d"]), int(m["m"]), int(m["y"])
                if 1 <= mo <= 12:
                    self.add(m.start(), m.end(), _ymd(y, mo, d), 95)

    def dmy_dates(self) -> None:
        for m in self.matches(_DMY_RE, "month"):
            mn = m["mn"].lower()
            if mn in cal.MONTH_ABBREVIATIONS and mn not in cal.FULL_MONTHS and not m["y"] and not m["mn"][0].isupper():
                continue
            if mn in ("mei", "may", "mar", "des", "jun", "jul") and not m["mn"][0].isupper():
                continue
            mo, d = cal.MONTHS[mn], int(m["d"])
            if not 1 <= d <= 31:
                continue
            wd = cal.WEEKDAYS.get(m["wd"].lower()) if m["wd"] else None
            y = int(m["y"]) if m["y"] else _year_for(mo, d, self.base, wd)
            start = m.start()
            end = m.end()
            if m.group().endswith(")") and "(" not in m.group():
                end -= 1
                while self.text[end - 1].isspace():
                    end -= 1
            if y is None:
                continue
            d2 = int(m["d2"]) if m["d2"] else None
            self.add(start, end, _ymd(y, mo, d), 90, _ymd(y, mo, d2) if d2 else None)

    def month_year_dates(self) -> None:
        for m in self.matches(_MY_RE, "month"):
            mn = m["mn"].lower()
            if not m["mn"][0].isupper() and mn not in cal.FULL_MONTHS:
                continue
            y = int(m["y"])
            end = None
            if m["mn2"] and m["mn2"].lower() in cal.MONTHS:
                mo2 = cal.MONTHS[m["mn2"].lower()]
                y1 = y - 1 if cal.MONTHS[mn] > mo2 else y  # "Desember-Februari 2025"
                end = f"{y:04d}-{mo2:02d}"
                self.add(m.start(), m.end(), f"{y1:04d}-{cal.MONTHS[mn]:02d}", 80, end)
                continue
            self.add(m.start(), m.end(), f"{y:04d}-{cal.MONTHS[mn]:02d}", 80)

    def month_dates(self) -> None:
        """A month name alone: "pada Maret", "pertengahan November", "Januari lalu"."""
        if self.base is None:
            return
        for m in self.matches(_M_RE, "month"):
            word = m["mn"]
            mn = word.lower()
            if mn not in cal.FULL_MONTHS or not word[0].isupper():
                continue
            nxt = self.text[m.end():m.end() + 20]
            if re.match(r"\s*\d", nxt):
                continue  # "Maret 2024" / a name followed by a number: other patterns
            following = re.match(r"\s+([A-Z][a-z]+)", nxt)
            if following and following.group(1).lower() not in cal.MONTHS and following.group(1).lower() not in cal.WEEKDAYS:
                continue  # "Juli Astuti": a person
            if mn in ("mei", "juni", "juli", "april") and not (m["pre"] or m["part"]):
                continue  # also personal names; need "pada Juli", "awal Juni"
            if self.habitual(m.start()):
                continue  # "setiap Januari"
            mo = cal.MONTHS[mn]
            y = _year_for(mo, None, self.base)
            end = m.end()
            rel = _MONTH_YEAR_REL_RE.match(self.text, end)
            if rel:  # "November tahun lalu" -> the November of last year
                y = self.base.year + {"lalu": -1, "ini": 0, "depan": 1}[rel.group(1).lower()]
                end = rel.end()
            if m["part"]:
                start = m.start("part")
            elif m["pre"] and m["pre"].lower() in cal.PERIOD_PARTS:
                start = m.start("pre")
            elif m["pre"] and m["pre"].lower() == "bulan" or re.search(r"bulan\s+$", self.text[m.start():m.start("mn")], _I):
                start = self.text.rfind("bulan", m.start(), m.start("mn"))
                start = start if start >= 0 else m.start("mn")
            else:
                start = m.start("mn")
            self.add(start, end, f"{y:04d}-{mo:02d}", 50)

    def years(self) -> None:
        for m in self.matches(_Y_RE, "year"):
            before = self.text[max(0, m.start() - 30):m.start("y")]
            if _LAW_BEFORE.search(before):
                continue  # UU Nomor 19 Tahun 2019
            prev = re.findall(r"[\w$.]+", before[-15:])
            if prev and prev[-1].lower().rstrip(".") in cal.YEAR_BLOCKERS_BEFORE:
                continue
            if re.search(r"(?:rp|\$|us\$)\s*$", before, _I):
                continue
            if not m["lead"] and _NAME_BEFORE.search(before) and not _NAME_BEFORE_OK.search(before):
                continue  # "Piala Dunia 2026", "Undang-Undang Dasar 1945": the year names an event or a law
            after = self.text[m.end():m.end() + 12]
            if re.match(r"\s*(?:persen|%)", after, _I):
                continue
            start = m.start("lead") if m["lead"] else m.start("y")
            self.add(start, m.end(), m["y"], 40, m["y2"])

    def tanggal(self) -> None:
        if self.base is None:
            return
        for m in self.matches(_TANGGAL_RE, "tanggal"):
            after = self.text[m.end():m.end() + 15]
            if re.match(r"\s*(?:" + _MONTH + r")\b", after, _I):
                continue  # "tanggal 23 Oktober": the day-month pattern
            d = int(m["d"])
            if not 1 <= d <= 31:
                continue
            mo = self.base.month
            if m["j"] and m["j"].lower() in ("dan", "atau"):
                self.add(m.start(), m.end("d"), _ymd(self.base.year, mo, d), 30)
                self.add(m.start("d2"), m.end(), _ymd(self.base.year, mo, int(m["d2"])), 30)
            else:
                self.add(m.start(), m.end(), _ymd(self.base.year, mo, d), 30,
                         _ymd(self.base.year, mo, int(m["d2"])) if m["d2"] else None)

    # --- relative forms ---------------------------------------------------------------------------
    def relative_days(self) -> None:
        if self.base is None:
            return
        for m in self.matches(_REL_DAY_RE, "relday"):
            off = cal.RELATIVE_DAYS[m.group().lower()]
            self.add(m.start(), m.end(), (self.base + timedelta(days=off)).isoformat(), 60)

    def shifted(self, unit: str, n: int) -> str:
        assert self.base is not None
        if unit == "hari":
            return (self.base + timedelta(days=n)).isoformat()
        if unit in cal.WEEK_WORDS:
            # a week has no granularity of its own: give the month of that week's Thursday
            day = self.base + timedelta(days=7 * n)
            mid = day + timedelta(days=3 - day.weekday())
            return f"{mid.year:04d}-{mid.month:02d}"
        if unit == "bulan":
            y, mo = _add_months(self.base, n)
            return f"{y:04d}-{mo:02d}"
        return f"{self.base.year + n:04d}"

    def n_ago(self) -> None:
        if self.base is None:
            return
        for m in self.matches(_N_AGO_RE, "period"):
            n = _num_word(m["n"])
            if n is None:
                continue
            direction = m["dir"].lower()
            if direction == "ke depan":
                continue  # "lima tahun ke depan": a duration
            sign = -1 if direction in ("lalu", "yang lalu", "silam") or direction.startswith("yang lalu") else 1
            self.add(m.start(), m.end(), self.shifted(m["u"].lower(), sign * n), 70)

    def this_next_last(self) -> None:
        if self.base is None:
            return
        for m in self.matches(_THIS_RE, "period"):
            unit, direction = m["u"].lower(), " ".join(m["dir"].lower().split())
            if _VAGUE_BEFORE.search(self.text[max(0, m.start() - 20):m.start()]):
                continue  # "beberapa bulan lalu": no telling which month
            if unit == "hari":
                if direction == "ini":
                    continue  # "hari ini" is a relative day
                continue  # "hari lalu" without a number is not a date
            if unit in cal.WEEK_WORDS and m["u"][0].isupper() and not self.sentence_start(m.start()):
                continue  # "Minggu lalu" inside a sentence: Sunday (weekday pattern)
            if direction == "sebelumnya" and unit == "tahun":
                named = re.findall(rf"(?<![\w.,]){_YEAR}(?![\w%]|[.,]\d)", self.sentence_before(m.start()))
                y = int(named[-1]) - 1 if named else self.base.year - 1
                self.add(m.start(), m.end(), f"{y:04d}", 65)
                continue
            if direction in ("sebelumnya", "berikutnya"):
                continue  # anaphoric weeks and months: the reference point is unclear
            if direction == "ini":
                if unit in cal.WEEK_WORDS:
                    continue  # "pekan ini": a week, no single day to give
                n = 0
            elif direction in ("lalu", "yang lalu", "kemarin"):
                n = -1
            else:
                n = 1
            self.add(m.start(), m.end(), self.shifted(unit, n), 65)

    def weekdays(self) -> None:
        if self.base is None:
            return
        for m in self.matches(_WEEKDAY_RE, "weekday"):
            word = m["wd"]
            wd = cal.WEEKDAYS[word.lower()]
            if not word[0].isupper():
                continue  # weekday names are capitalised; lower-case "minggu" is a week
            if self.habitual(m.start("wd")):
                continue  # "setiap Sabtu"
            follow = re.match(r"\s+([A-Z][a-z]+)", self.text[m.end():m.end() + 20])
            if not m["dir"] and not m["part"] and follow and follow.group(1).lower() not in cal.MONTHS:
                continue  # "Jumat Sehat", "Sabtu Ceria": the name of an event
            direction = (m["dir"] or "").lower()
            if word.lower() in cal.AMBIGUOUS_WEEKDAYS:
                if direction in ("lalu", "depan", "ini", "mendatang") and self.sentence_start(m.start("wd")):
                    continue  # "Minggu lalu, ..." opening a sentence: last week
            if direction in ("pekan lalu", "minggu lalu"):
                back = (self.base.weekday() - wd) % 7 + 7
                day = self.base - timedelta(days=back)
            elif direction in ("lalu", "kemarin"):
                back = (self.base.weekday() - wd) % 7 or 7
                day = self.base - timedelta(days=back)
            elif direction in ("depan", "mendatang", "nanti"):
                ahead = (wd - self.base.weekday()) % 7 or 7
                day = self.base + timedelta(days=ahead)
            elif direction == "ini":
                day = self.base + timedelta(days=wd - self.base.weekday())
            elif _FUTURE_CUES.search(self.sentence_before(m.start())):
                day = self.base + timedelta(days=(wd - self.base.weekday()) % 7)
            else:
                day = self.base - timedelta(days=(self.base.weekday() - wd) % 7)
            end = m.end()
            self.add(m.start(), end, day.isoformat(), 20)

    def run(self) -> list[dict[str, Any]]:
        self.slash_dates()
        self.dmy_dates()
        self.month_year_dates()
        self.month_dates()
        self.years()
        self.tanggal()
        self.relative_days()
        self.n_ago()
        self.this_next_last()
        self.weekdays()
        # Keep the best non-overlapping spans: longer first, then higher priority.
        self.cands.sort(key=lambda c: (-(c[2]["end"] - c[2]["start"]), -c[1], c[0]))
        taken: list[tuple[int, int]] = []
        out = []
        for _, _, item in self.cands:
            s, e = item["start"], item["end"]
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            out.append(item)
        out.sort(key=lambda it: it["start"])
        return out


def find_dates(text: str, published: str | None = None) -> list[dict[str, Any]]:
    """Every date in `text`, normalised against `published` (see the module docstring)."""
    if not text:
        return []
    return _Finder(text, published).run()


def infer_published(text: str) -> str | None:
    """The publication day read from the text: the latest "Weekday (d/m/yyyy)" dateline date,
    else the latest full date written with its year. None when the text has no full date."""
    if not text:
        return None
    f = _Finder(text, None)
    f.slash_dates()
    datelines = [c[2]["value"] for c in f.cands if len(c[2]["value"]) == 10 and "(" in c[2]["text"]]
    f.dmy_dates()
    full = [c[2]["value"] for c in f.cands if len(c[2]["value"]) == 10]
    if datelines:
        return max(datelines)
    return max(full) if full else None

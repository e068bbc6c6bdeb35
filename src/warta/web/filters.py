"""Jinja2 filters: dates, numbers and URLs shown the same way on every page."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt_date(value: Any, with_time: bool = False) -> str:
    """'2019-09-11T14:05:00+07:00' → '11 Sep 2019' (or with ', 14:05'); partial dates stay partial."""
    s = str(value or "")
    if len(s) >= 10 and s[4] == "-" and s[7] == "-" and s[:4].isdigit() and s[5:7].isdigit() and s[8:10].isdigit():
        m = int(s[5:7])
        if 1 <= m <= 12:
            out = f"{int(s[8:10])} {MONTHS[m - 1]} {s[:4]}"
            if with_time and len(s) >= 16 and s[10] in "T " and s[11:16] != "00:00":
                out += f", {s[11:16]}"
            return out
    if len(s) == 7 and s[4] == "-" and s[5:7].isdigit() and 1 <= int(s[5:7]) <= 12:
        return f"{MONTHS[int(s[5:7]) - 1]} {s[:4]}"
    return s


def fmt_int(value: Any) -> str:
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return ""


def fmt_value(value: Any) -> str:
    """Amount values the Indonesian way: 1.500.000 and 2,5."""
    if value is None:
        return ""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if v.is_integer() and abs(v) < 1e18:
        return f"{int(v):,}".replace(",", ".")
    return f"{v:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def safe_url(value: Any) -> str | None:
    """Only http(s) links are ever rendered as links: a scraped `javascript:` URL stays text."""
    s = str(value or "").strip()
    try:
        scheme = urlsplit(s).scheme.lower()
    except ValueError:
        return None
    return s if scheme in ("http", "https") else None


def host(value: Any) -> str:
    try:
        return urlsplit(str(value or "")).hostname or ""
    except ValueError:
        return ""


def urlpart(value: Any) -> str:
    """A path segment (an article id or entity name) quoted for use in our own links."""
    return quote(str(value or ""), safe="")


FILTERS = {"date": fmt_date, "int": fmt_int, "value": fmt_value, "safe_url": safe_url, "host": host,
           "urlpart": urlpart}

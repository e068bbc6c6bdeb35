"""Site-name prefixes and datelines that open the first line.

"KabarNusa – ...", "Liputan6.com, Jakarta - ...", "JAKARTA, KOMPAS.com - ...", "Jakarta (ANTARA) -
...", "JAKARTA - ...". A prefix needs a dash and either a known outlet, a domain-shaped name
(".com", ".co.id") or a dateline city, so a sentence such as "Presiden Joko Widodo – ..." is
never eaten. CLICK-ID bodies lost the linked names and begin with bare ", , - ": that is stripped
too (there is no name to keep).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang.id import boilerplate as B

_DASH = r"(?:\s*(?:--|[-–—])\s+|\s+(?:--|[-–—])\s*)"
_COMMA = r"\s*,\s*"
# One word of a city: "Jakarta", "JAKARTA", "Bandar", "St." -- up to three of them.
_CITY = r"(?-i:[A-Z][A-Za-z'.]*(?:\s+[A-Z][A-Za-z'.]*){0,2})"  # capitalised even where outlets ignore case
_CAPS_CITY = r"[A-Z][A-Z'.]{2,}(?:\s+[A-Z][A-Z'.]{2,}){0,2}"


@dataclass
class Prefix:
    end: int  # characters of the line taken by the prefix
    site: str | None
    city: str | None
    outlet: str | None
    line: int | None = None  # set when the prefix was found below the first content line


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    known = sorted(B.OUTLETS, key=len, reverse=True)
    known_re = "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in known)
    known_dotted = "|".join(re.escape(o) for o in known if "." in o)
    suffixes = "|".join(sorted((re.escape(s) for s in B.OUTLET_DOMAIN_SUFFIXES), key=len, reverse=True))
    domain = r"[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*\.(?:" + suffixes + r")(?![\w.])"
    outlet = r"(?P<outlet>(?:" + known_re + r")(?![\w])|" + domain + r")"
    known_city = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(B.DATELINE_CITIES, key=len, reverse=True))
    flags = re.I
    return (
        # JAKARTA, KOMPAS.com -   /  Jakarta, CNN Indonesia --
        re.compile(r"(?P<city>" + _CITY + r")" + _COMMA + outlet + _DASH, flags),
        # Liputan6.com, Jakarta -  /  TEMPO.CO, Tangerang -
        re.compile(outlet + _COMMA + r"(?P<city>" + _CITY + r")" + _DASH, flags),
        # Riau detikNews -  (city and a known outlet, no comma)
        re.compile(r"(?P<city>" + _CITY + r")\s+(?P<outlet>(?:" + known_re + r"))" + _DASH, flags),
        # Jakarta (ANTARA) -  /  Mataram, NTB (ANTARA News) -
        re.compile(r"(?P<city>" + _CITY + r"(?-i:\s*,\s*[A-Z][A-Za-z]+)?)\s*\(\s*" + outlet + r"\s*\)" + _DASH, flags),
        # Liputan6.com, Jakarta Putra pertama ...  (no dash: only a known outlet and a known city)
        re.compile(r"(?P<outlet>(?:" + known_dotted + r"))\s*,\s*(?P<city>(?-i:" + known_city + r"))\s+"
                   r"(?!(?-i:Selatan|Utara|Barat|Timur|Pusat|Tengah|Raya|Baru)\b)(?=[A-Z\"“])", flags),
        # KONTAN.CO.ID - JAKARTA.
        re.compile(outlet + _DASH + r"(?P<city>" + _CAPS_CITY + r")\s*[.,]\s+"),
        # KOMPAS.com -  /  KabarNusa –
        re.compile(outlet + _DASH, flags),
        # "Doha -" as the whole line (trafilatura puts detik's dateline on a line of its own)
        re.compile(r"(?P<city>" + _CITY + r")\s*(?:--|[-–—])\s*$"),
        # JAKARTA -  (capitals: any city)  /  Jakarta -  (known cities only: "Persib - Persija ..." is
        # a sentence, not a dateline)
        re.compile(r"(?P<city>" + _CAPS_CITY + r"|(?:" + known_city + r"))" + _DASH),
    )


def _canonical_outlet(name: str) -> str:
    squashed = re.sub(r"\s+", " ", name).strip()
    for known in B.OUTLETS:
        if known.lower() == squashed.lower():
            return known
    return squashed


def _city_name(city: str) -> str:
    city = re.sub(r"\s+", " ", city.split(",")[0]).strip()
    return city.title() if city.isupper() else city


def find_prefix(line: str) -> Prefix | None:
    """The site prefix / dateline opening `line`, if any."""
    head = line[:300]  # a prefix is short: never run the patterns over a whole long body
    text = head.lstrip(" \u00a0\t\ufeff")
    offset = len(head) - len(text)
    for pattern in _patterns():
        m = pattern.match(text)
        if not m:
            continue
        groups = m.groupdict()
        city = groups.get("city")
        if city and (city.strip().upper() in B.NOT_CITIES or city.split()[0].upper() in B.NOT_CITIES):
            continue
        rest = text[m.end():]
        if rest and not re.match(r"[\w\"“'‘(]", rest):
            continue
        if not groups.get("outlet") and rest[:1].islower():
            continue  # "Rapat - yang digelar ...": an aside, not a dateline
        outlet = _canonical_outlet(groups["outlet"]) if groups.get("outlet") else None
        return Prefix(end=offset + m.end(), site=outlet, city=_city_name(city) if city else None, outlet=outlet)
    return None


def byline_then_prefix(line: str) -> tuple[int, Prefix] | None:
    """ "Laporan Wartawan Tribunnews.com, Rina Ayu TRIBUNNEWS.COM, JAKARTA - ...": the length of
    the byline (a credit) and the prefix after it, or None."""
    if not line.lstrip().lower().startswith(tuple(B.BYLINE_LEADS)):
        return None
    for m in re.finditer(r"\s(?=\S)", line[:160]):
        prefix = find_prefix(line[m.end():])
        if prefix and prefix.site:
            prefix.end += m.end()
            return m.end(), prefix
    return None


_LEADING_JUNK = re.compile(r"^[\s,;\u00a0\u200b\u200e\ufeff]*(?:[-–—]{1,2}|,)[\s,;\-–—\u00a0\u200b\u200e\ufeff]*")


def leading_junk(line: str) -> int:
    """Length of the punctuation a stripped dateline left (", , - ", " - "), or 0."""
    m = _LEADING_JUNK.match(line)
    return m.end() if m and line[m.end():m.end() + 1].strip() else 0

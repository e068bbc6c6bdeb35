"""Amounts in Indonesian news text: counts, money, percentages, durations.

`find_amounts(text)` returns `{"text", "value", "unit", "hedge", "start", "end"}` per amount
(+ `value_max` for ranges, `vague` for "ribuan"), `text == clean_text[start:end]`.

How it works: the windows of text around digits and number words are split into tokens with
offsets; every number (digits, number words, vague words) is read as far as it goes (scale word,
currency, percent, counted noun, range), then dropped when it is really a label (dates, times,
years, ordinals, article and law numbers "Pasal 310 dan 311 KUHP", regulation numbers "PMK 138
Tahun 2024", phone numbers, number plates, bylines' ages "Budi (45)"). Durations ("18 tahun",
"60 hari kerja") are amounts; "dua hari lalu" is a date (see dates.py), not an amount. Decisions:
- `hedge` is the approximation or bound word in front, as written, lower-cased ("sekitar",
  "lebih dari", "mencapai", "hingga", "di atas", "paling lama", "tidak sampai"... the list is
  `lang/id/numbers.HEDGES`) or "lebih" after ("100 orang lebih"). "sebanyak"/"sejumlah" are not
  hedges: they introduce an exact count. Ranges: "3-5 juta", "antara 10 hingga 20", "Rp 4 juta
  hingga Rp 5 juta" give `value` (low) and `value_max` (high).
- Vague words ("belasan", "ratusan", "puluhan ribu", "miliaran") give the order of magnitude and
  `vague: true`.
- `unit`: currency code for money, "persen" for percentages, otherwise the counted noun phrase as
  written after the number (≤ 3 words, possessive "-nya" and reduplication folded: "penggunanya"
  → "pengguna"). A number without a noun after it borrows one: the noun before "sebanyak"/"sejumlah"
  ("kuota haji sebanyak 20 ribu"), or the counted noun of the amount just before in the paragraph
  when the number carries a scale word ("20 ribu ... lalu 80 ribu"). "miliar"/"triliun" with no
  noun at all is money (rupiah) in Indonesian news.
- A plain number with no noun, no scale, no currency and no percent is not reported: such numbers
  are scores, labels and list items far more often than facts.
- Word numbers ("tiga", "dua puluh lima") need a counted noun after them; idioms ("salah satu")
  are skipped.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..lang.id import calendar as cal
from ..lang.id import numbers as num

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)*|\S", re.UNICODE)

_WORD_NUMBERS = {k: v for k, v in num.UNITS.items() if k != "se"}
_WORD_PARTS = set(_WORD_NUMBERS) | {num.TEEN_WORD, num.TENS_WORD, num.HUNDREDS_WORD} | {
    k for k, v in num.SCALES.items() if len(k) > 2}
_HEDGE_RE = re.compile(
    r"(?:^|[^\w-])(" + "|".join(re.escape(h) for h in sorted(num.HEDGES, key=len, reverse=True)) + r")\s*$",
    re.IGNORECASE)
_PREFIX_CURRENCY_RE = re.compile(
    r"(?:^|[^\w$])(US\$|S\$|A\$|Rp\.?|IDR|USD|SGD|EUR|MYR|\$|€|£|¥|RM)\s*$")
_IDIOM_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(i) for i in sorted(num.NUMBER_WORD_IDIOMS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE)
_NO_NYA = num.NYA_WORDS
# Verb-like words end a counted noun phrase; the first word of the phrase is only checked against
# the active/passive prefixes that are rarely nouns, with the common nouns that look like them kept.
_VERB_PREFIX_RE = re.compile(r"^(?:me[mnlrwy]?|meng|meny|di|ber|ter|per)[a-z]{3,}$")
_FIRST_VERB_RE = re.compile(r"^(?:mem|men|meng|meny|di|ber)[a-z]{3,}$")
_NOT_VERBS = num.NOUNS_LIKE_VERBS
_VAGUE_WORDS = {k: v for k, v in num.VAGUE.items() if " " not in k}
_CURRENCY_WORDS = sorted(num.CURRENCY_WORDS.items(), key=lambda kv: -len(kv[0]))


_TIME_RE = re.compile(r"(?:[01]?\d|2[0-4])[.:][0-5]\d")


class _Tok:
    __slots__ = ("text", "low", "start", "end", "is_num", "is_word")

    def __init__(self, text: str, start: int):
        self.text = text
        self.low = text.lower()
        self.start, self.end = start, start + len(text)
        self.is_num = text[:1].isdigit()
        self.is_word = text[:1].isalpha()


_DIGITS_RE = re.compile(r"\d")
_ALPHA_RE = re.compile(r"[^\W\d_]+")
_TRIGGER_WORDS = frozenset(_WORD_NUMBERS) | frozenset(_VAGUE_WORDS)
_WINDOW = 70  # characters around a number: more than the longest hedge, currency, unit and range


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged character windows around digits and number words, snapped to whitespace. Only these
    are tokenised: most of a news text holds no number, and tokenising all of it is the cost."""
    lowered = text.lower()
    starts: list[int] = [m.start() for m in _DIGITS_RE.finditer(text)]
    for w in set(_ALPHA_RE.findall(lowered)) & _TRIGGER_WORDS:
        pos = lowered.find(w)
        while pos != -1:
            starts.append(pos)
            pos = lowered.find(w, pos + 1)
    if not starts:
        return []
    starts.sort()
    n = len(text)
    out: list[tuple[int, int]] = []
    for p in starts:
        lo, hi = max(0, p - _WINDOW), min(n, p + _WINDOW)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    snapped = []
    for lo, hi in out:
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < n and not text[hi].isspace():
            hi += 1
        if snapped and lo <= snapped[-1][1]:
            snapped[-1] = (snapped[-1][0], hi)
        else:
            snapped.append((lo, hi))
    return snapped


def _to_number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def parse_digits(s: str) -> Decimal | None:
    """Read an Indonesian digit string: dot thousands, comma decimal ("1.451", "5,12",
    "599.440,9"); English grouping ("1,000,000") and a lone dot decimal ("4.5") are tolerated."""
    dots, commas = s.count("."), s.count(",")
    try:
        if dots and commas:
            if s.rfind(",") > s.rfind("."):  # 599.440,9
                return Decimal(s.replace(".", "").replace(",", "."))
            return Decimal(s.replace(",", ""))  # 1,234.5
        if dots:
            parts = s.split(".")
            if all(len(p) == 3 for p in parts[1:]):
                return Decimal(s.replace(".", ""))
            if dots == 1:
                return Decimal(s)
            return None
        if commas:
            parts = s.split(",")
            if commas > 1 and all(len(p) == 3 for p in parts[1:]):
                return Decimal(s.replace(",", ""))
            if commas == 1:
                return Decimal(s.replace(",", "."))
            return None
        return Decimal(s)
    except InvalidOperation:
        return None


def parse_number_words(words: list[str]) -> int | None:
    """"dua puluh lima" → 25, "seratus dua puluh" → 120, "tiga ratus ribu" → 300000."""
    total = current = last = 0
    seen = False
    for w in words:
        if w in _WORD_NUMBERS:
            v = _WORD_NUMBERS[w]
            if v >= 1000:
                total += v
                current = last = 0
            else:
                current += v
                last = v
        elif w == num.TEEN_WORD and last and last < 10:
            current += 10
            last = 0
        elif w == num.TENS_WORD and last and last < 10:
            current += last * 9
            last = 0
        elif w == num.HUNDREDS_WORD and last and last < 10:
            current += last * 99
            last = 0
        elif w in num.SCALES:
            total += (current or 1) * num.SCALES[w]
            current = last = 0
        else:
            return None
        seen = True
    return total + current if seen else None


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.toks: list[_Tok] = []
        for lo, hi in _windows(text):
            if self.toks:
                self.toks.append(_Tok("\x00", lo))  # a wall: tokens of two windows are not neighbours
            self.toks.extend(_Tok(m.group(), m.start()) for m in _TOKEN.finditer(text, lo, hi))

    def glued(self, i: int) -> bool:
        """Token i touches token i-1 (no space between)."""
        return i > 0 and self.toks[i - 1].end == self.toks[i].start

    def gap(self, i: int) -> str:
        """The text between token i-1 and token i."""
        return self.text[self.toks[i - 1].end:self.toks[i].start] if i > 0 else ""

    def low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < len(self.toks) else ""

    def words_from(self, i: int, n: int) -> str:
        """The lower-case text of tokens i..i+n-1 joined by single spaces, if only spaces separate them."""
        out = []
        for k in range(i, min(i + n, len(self.toks))):
            if k > i and not self.gap(k).isspace():
                break
            out.append(self.toks[k].low)
        return " ".join(out)

    def match_phrase(self, i: int, phrases: list[tuple[str, Any]]) -> tuple[int, Any] | None:
        """Longest phrase from `phrases` starting at token i: (tokens used, payload)."""
        joined = self.words_from(i, 3)  # currency and vague phrases are at most three words
        for phrase, payload in phrases:
            if joined == phrase or joined.startswith(phrase + " "):
                return phrase.count(" ") + 1, payload
        return None


def _fold_unit(words: list[str]) -> str:
    out = []
    for w in words:
        if "-" in w:
            a, _, b = w.partition("-")
            if a.lower() == b.lower():  # talenta-talenta
                w = a
        lw = w.lower()
        if lw.endswith("nya") and len(lw) >= 7 and lw not in _NO_NYA:
            w = w[:-3]
        out.append(w)
    return " ".join(out)


class _AmountFinder:
    def __init__(self, text: str):
        self.s = _Scanner(text)
        self.text = text
        self.out: list[dict[str, Any]] = []
        self.labels: set[int] = set()  # token indexes of numbers found to be labels

    # --- reading one number -------------------------------------------------------------------
    def read_number(self, i: int) -> tuple[Decimal, int, bool] | None:
        """The number starting at token i: (value, next token index, is_word_number)."""
        t = self.s.toks[i]
        if t.is_num:
            v = parse_digits(t.text)
            return (v, i + 1, False) if v is not None else None
        if t.low in _WORD_NUMBERS:
            words, k = [], i
            while k < len(self.s.toks) and self.s.toks[k].low in _WORD_PARTS and (k == i or self.s.gap(k).isspace()):
                words.append(self.s.toks[k].low)
                k += 1
            # Do not let the word reader swallow a trailing scale word on its own ("tiga juta" is fine).
            v = parse_number_words(words)
            return (Decimal(v), k, True) if v is not None else None
        return None

    def read_scale(self, k: int, after_currency: bool) -> tuple[int, int]:
        """Scale word at token k ("juta", "miliar", "T" after a currency): (multiplier, next index)."""
        low = self.s.low(k)
        if low in num.SCALES and (after_currency or low not in num.SCALE_ABBREVIATIONS_NEED_CURRENCY):
            if low in num.SCALE_ABBREVIATIONS_NEED_CURRENCY and self.s.toks[k].text.islower():
                return 1, k
            return num.SCALES[low], k + 1
        return 1, k

    def read_suffix_unit(self, k: int) -> tuple[str | None, int, bool]:
        """Currency word, percent or counted noun phrase at token k: (unit, next index, is_noun)."""
        s = self.s
        if k >= len(s.toks):
            return None, k, False
        low = s.low(k)
        if low == "%":
            return "persen", k + 1, False
        if low in ("persen", "pct", "prosen"):
            return "persen", k + 1, False
        if not s.gap(k).isspace():
            # glued letters: "5km", "10rb" handled by the caller; anything else ends the amount
            if s.toks[k].is_word and low in num.GLUED_UNITS:
                return s.toks[k].text, k + 1, True
            return None, k, False
        hit = s.match_phrase(k, _CURRENCY_WORDS)
        if hit:
            return hit[1], k + hit[0], False
        words: list[str] = []
        j = k
        while j < len(s.toks) and len(words) < num.UNIT_MAX_WORDS:
            t = s.toks[j]
            if not t.is_word or (j > k and not s.gap(j).isspace()):
                break
            lw = t.low
            if words and lw in num.PREDICATE_WORDS:
                break  # "rumah rusak": the count is of houses
            if words and words[-1].lower() in num.TIME_NOUNS and lw not in num.TIME_NOUN_MODIFIERS:
                break  # "dua tahun harga emas naik": years
            if lw in num.UNIT_STOP_WORDS or lw in cal.MONTHS and (words or lw in cal.FULL_MONTHS):
                break
            if lw in _WORD_NUMBERS or lw in num.SCALES or lw in _VAGUE_WORDS:
                break
            if words:
                # a proper noun or a verb ends the phrase ("5 orang tewas", "3 warga Jakarta")
                if t.text[0].isupper() and not t.text.isupper():
                    break
                if _VERB_PREFIX_RE.match(lw) and lw not in _NOT_VERBS:
                    break
            elif _FIRST_VERB_RE.match(lw) and lw not in _NOT_VERBS:
                break
            elif t.text[0].isupper() and not t.text.isupper() and not self.sentence_start(k - 1):
                break  # "3 Jakarta": a name, not a counted noun
            words.append(t.text)
            j += 1
        if not words:
            return None, k, False
        return _fold_unit(words), j, True

    def sentence_start(self, i: int) -> bool:
        """Token i opens a sentence (so a capital after it says nothing)."""
        if i <= 0:
            return True
        return self.s.toks[i - 1].text in ".!?\"“”:;("

    # --- filters --------------------------------------------------------------------------------
    def is_label(self, i: int, k: int, value: Decimal, has_scale: bool, currency: str | None) -> bool:
        """The number at tokens i..k-1 is a date, time, year, ordinal, label or phone number."""
        s = self.s
        t = s.toks[i]
        prev = s.low(i - 1)
        nxt = s.low(k)
        if t.is_num:
            if s.glued(i) and prev not in ("$", "(", "±", "~") and not currency and prev not in ("rp", "rp."):
                if s.toks[i - 1].is_word or prev in ("-", "/", ":", ".", "#", "@", "_"):
                    return True  # G20, ke-7, H-3, 21/10, @123
                if prev == "+":
                    return True  # +62 phone, "17+8" names
            if k < len(s.toks) and s.glued(k) and nxt in ("/", ":") and s.toks[min(k + 1, len(s.toks) - 1)].is_num:
                return True  # 21/10, 2:1, 09:30
            if t.text[0] == "0" and len(t.text) > 1 and t.text[1].isdigit():
                return True  # phone numbers, 09.30
            digits = re.sub(r"\D", "", t.text)
            if len(digits) >= 10 and "." not in t.text and "," not in t.text:
                return True  # phone or ID numbers
            if (not currency and not has_scale and re.fullmatch(r"(1[89]|20)\d\d", t.text)
                    and nxt not in ("%", "persen")):
                return True  # a year
            if prev == "(" and nxt == ")" and value < 150 and not currency:
                return True  # byline age "Budi (45)"
        percent = nxt in ("%", "persen") or (
            nxt in ("-", "–") and s.toks[min(k + 1, len(s.toks) - 1)].is_num and s.low(k + 2) in ("%", "persen"))
        if prev in num.NOT_AMOUNT_BEFORE or s.words_from(max(i - 2, 0), 2) in num.NOT_AMOUNT_BEFORE:
            if not (currency or has_scale or percent):
                self.labels.add(i)
                return True  # "Pasal 5", "pukul 10" (but "ke level 5,50%" is an amount)
        if prev in (",", "dan", "atau", "-", "hingga", "sampai") and (i - 2) in self.labels:
            self.labels.add(i)
            return True  # "Pasal 310 dan 311": the list of labels goes on
        if _TIME_RE.fullmatch(t.text) and self.time_follows(k):
            return True  # "16.00-19.00 WIB", "08.30 pagi"
        if (0 < i and k < len(s.toks) and re.fullmatch(r"[A-Z]{1,2}", s.toks[i - 1].text)
                and re.fullmatch(r"[A-Z]{1,3}", s.toks[k].text)):
            return True  # a number plate "B 1234 XYZ"
        if k < len(s.toks) and s.toks[k].text in num.LAW_CODES:
            return True  # "311 KUHP"
        if nxt == "tahun" and k + 1 < len(s.toks) and re.fullmatch(r"(1[89]|20)\d\d", s.toks[k + 1].text):
            return True  # "PMK 138 Tahun 2024": a regulation number
        if not currency and k < len(s.toks) and nxt in num.NOT_AMOUNT_AFTER and s.toks[k].text.isupper():
            return True  # 10.00 WIB
        if nxt in cal.MONTHS and (nxt in cal.FULL_MONTHS or (k + 1 < len(s.toks) and s.toks[k + 1].is_num)):
            return True  # 21 Oktober
        return False

    # --- one amount -------------------------------------------------------------------------------
    def amount_at(self, i: int) -> tuple[dict[str, Any] | None, int]:
        """Read the amount starting at token i; returns (amount or None, next token index)."""
        s = self.s
        t = s.toks[i]
        vague = False
        if t.low in _VAGUE_WORDS and not t.is_num:
            value = Decimal(_VAGUE_WORDS[t.low])
            k = i + 1
            two = s.words_from(i, 2)
            if " " in two and two in num.VAGUE:
                value, k = Decimal(num.VAGUE[two]), i + 2
            vague, is_word = True, True
        else:
            got = self.read_number(i)
            if got is None:
                return None, i + 1
            value, k, is_word = got
        start_tok = i
        pre = self.text[max(0, t.start - 12):t.start]
        m = _PREFIX_CURRENCY_RE.search(pre)
        currency = num.CURRENCY_PREFIXES.get(m.group(1).lower()) if m else None
        start = t.start - (len(pre) - m.start(1)) if m else t.start
        scale, k2 = (1, k) if vague else self.read_scale(k, currency is not None)
        # glued scale or unit: "5jt", "Rp5M", "20km"
        if k2 == k and k < len(s.toks) and s.glued(k) and s.toks[k].is_word and not is_word:
            gl = s.low(k)
            if gl in num.SCALES and (currency or gl not in num.SCALE_ABBREVIATIONS_NEED_CURRENCY):
                scale, k2 = num.SCALES[gl], k + 1
        has_scale = scale != 1
        if not vague and self.is_label(i, k, value, has_scale, currency):
            return None, k
        if is_word and not vague and self.in_idiom(t.start, s.toks[k - 1].end):
            return None, k
        value *= scale
        k = k2
        unit, k3, is_noun = (currency, k, False) if currency else self.read_suffix_unit(k)
        if currency and k < len(s.toks):
            # "Rp 5 juta rupiah" / "US$ 2 miliar dolar": swallow a repeated currency word
            hit = s.match_phrase(k, _CURRENCY_WORDS)
            if hit and s.gap(k).isspace():
                k3 = k + hit[0]
        # a range: "3-5 juta", "4,6-5,4%", "10 hingga 20 orang", "Rp 5 juta hingga Rp 10 juta"
        value_max = None
        if not vague:
            rng = self.read_range(k3 if unit else k, currency)
            if rng is not None:
                hi, hi_scale, hi_unit, k_end = rng
                if unit is None or hi_unit is None or hi_unit == unit:
                    if not has_scale and hi_scale != 1:
                        value *= hi_scale
                    value_max = hi * hi_scale
                    if unit is None:
                        unit, is_noun = hi_unit, hi_unit not in (None, "persen") and hi_unit not in num.CURRENCY_WORDS.values()
                    k3 = k_end
        if unit is None and is_word and not vague and s.words_from(k3, 2) not in num.BACK_REFERENCES:
            return None, k  # "tiga" alone: too often an idiom or a name ("empat di antaranya" is kept)
        end = s.toks[k3 - 1].end
        # a relative date, not an amount: "dua hari lalu", "3 tahun silam"
        if is_noun and unit and unit.split()[0].lower() in num.TIME_NOUNS:
            after = s.words_from(k3, 2)
            if any(after == w or after.startswith(w + " ") for w in num.DATE_RELATIVE_AFTER):
                return None, k3
        hedge = None
        hm = _HEDGE_RE.search(self.text[max(0, start - 30):start])
        if hm:
            hedge = hm.group(1).lower()
        elif s.words_from(k3, 1) in num.POST_HEDGES and s.gap(k3).isspace():
            hedge = "lebih"
        if not unit and (has_scale and scale >= 1_000_000_000 or vague and value >= 1_000_000_000):
            unit = "Rp"  # "anggaran 20 triliun": money, in rupiah
        amount: dict[str, Any] = {
            "text": self.text[start:end], "value": _to_number(value), "unit": unit, "hedge": hedge,
            "start": start, "end": end,
        }
        if value_max is not None:
            amount["value_max"] = _to_number(value_max)
        if vague:
            amount["vague"] = True
        amount["_noun"] = is_noun
        amount["_scaled"] = has_scale
        amount["_tok"] = (start_tok, k3)
        return amount, k3

    def read_range(self, k: int, currency: str | None) -> tuple[Decimal, int, str | None, int] | None:
        s = self.s
        if k >= len(s.toks):
            return None
        j = k
        low = s.low(k)
        if low in ("-", "–", "—"):
            j = k + 1
        elif low in ("hingga", "sampai") or s.words_from(k, 2) == "sampai dengan":
            j = k + (2 if s.words_from(k, 2) == "sampai dengan" else 1)
        elif low in ("s.d.", "s/d") or s.words_from(k, 1) == "s":
            return None
        elif low == "dan" and self.antara_before(k):
            j = k + 1
        else:
            return None
        # optional currency again: "Rp 5 juta - Rp 10 juta"
        if j < len(s.toks) and s.low(j) in ("rp", "rp.", "us", "$", "usd"):
            j += 1
            if s.low(j) == "$":
                j += 1
        if j >= len(s.toks) or not s.toks[j].is_num:
            return None
        hi = parse_digits(s.toks[j].text)
        if hi is None or re.fullmatch(r"(1[89]|20)\d\d", s.toks[j].text) and not currency:
            return None
        if j + 1 < len(s.toks) and s.glued(j + 1) and s.low(j + 1) in ("/", ":"):
            return None
        if _TIME_RE.fullmatch(s.toks[j].text) and self.time_follows(j + 1):
            return None
        scale, j2 = self.read_scale(j + 1, currency is not None)
        if j2 < len(s.toks) and s.low(j2) in cal.MONTHS:
            return None  # "20-22 Oktober" is a date range
        unit, j3, _ = (currency, j2, False) if currency else self.read_suffix_unit(j2)
        return hi, scale, unit, j3

    def time_follows(self, k: int) -> bool:
        """A time zone or part of day within the next few tokens (after an optional "-HH.MM")."""
        s = self.s
        for j in range(k, min(k + 4, len(s.toks))):
            if s.toks[j].text in ("WIB", "WITA", "WIT") or s.low(j) in ("pagi", "siang", "sore", "malam"):
                return True
            if not (s.low(j) in ("-", "–", "hingga", "sampai") or _TIME_RE.fullmatch(s.toks[j].text)):
                return False
        return False

    def in_idiom(self, start: int, end: int) -> bool:
        """The number words at start..end are part of "salah satu", "satu-satunya"..."""
        lo = max(0, start - 8)
        for m in _IDIOM_RE.finditer(self.text, lo, min(len(self.text), end + 14)):
            if m.start() < end and m.end() > start:
                return True
        return False

    def antara_before(self, k: int) -> bool:
        for back in range(1, 6):
            if self.s.low(k - back) == "antara":
                return True
        return False

    # --- the whole text ---------------------------------------------------------------------------
    def run(self) -> list[dict[str, Any]]:
        i = 0
        toks = self.s.toks
        while i < len(toks):
            t = toks[i]
            if t.is_num or t.low in _WORD_NUMBERS or t.low in _VAGUE_WORDS:
                amount, nxt = self.amount_at(i)
                if amount is not None:
                    self.out.append(amount)
                i = max(nxt, i + 1)
            else:
                i += 1
        self.borrow_units()
        kept = []
        for a in self.out:
            a.pop("_noun")
            scaled = a.pop("_scaled")
            a.pop("_tok")
            if a["unit"] is None and not scaled and not a.get("vague"):
                continue  # a bare number: a score, a label, a list item
            kept.append(a)
        return kept

    def borrow_units(self) -> None:
        """Give unit-less amounts the noun before "sebanyak" or the noun of the amount before."""
        last_noun: tuple[str, int] | None = None  # (unit, paragraph start offset)
        for a in self.out:
            para = self.text.rfind("\n", 0, a["start"])
            if a["unit"] is None:
                unit = self.noun_before_link(a["_tok"][0])
                back_ref = self.s.words_from(a["_tok"][1], 2) in num.BACK_REFERENCES
                if unit is None and last_noun and last_noun[1] == para and (a["_scaled"] or back_ref):
                    unit = last_noun[0]
                if unit:
                    a["unit"], a["_noun"] = unit, True
            if a["_noun"] and a["unit"]:
                last_noun = (a["unit"], para)

    def noun_before_link(self, i: int) -> str | None:
        """"kuota haji sebanyak 20 ribu" → "kuota haji" (the number at token i)."""
        s = self.s
        j = i - 1
        if s.low(j) in ("rp", "rp.", "$"):
            return None
        if s.low(j) not in num.UNIT_LINKS:
            return None
        words: list[str] = []
        j -= 1
        while j >= 0 and len(words) < num.UNIT_MAX_WORDS:
            t = s.toks[j]
            if not t.is_word or t.low in num.UNIT_STOP_WORDS or not s.gap(j + 1).isspace():
                break
            if t.text[0].isupper() and not t.text.isupper() and not self.sentence_start(j):
                break
            if _VERB_PREFIX_RE.match(t.low) and t.low not in _NOT_VERBS:
                break
            words.insert(0, t.text)
            j -= 1
        return _fold_unit(words) if words else None


def find_amounts(text: str) -> list[dict[str, Any]]:
    """Every amount in `text`, in order (see the module docstring for the rules)."""
    if not text:
        return []
    return _AmountFinder(text).run()

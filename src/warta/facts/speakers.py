"""Who is speaking: sentence boundaries, name phrases around a quote, and speaker resolution.

Shared by `quotes` (speakers of direct and indirect speech) and `attributions` (sources of claims).
Pronouns and -nya point to the last speaker; short forms ("Prabowo") widen to the fullest name
known, from NER entities when there are any, else from capitalised names elsewhere in the text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from ..lang.id import speech as sp

# --- ranges and word search ------------------------------------------------------------------

def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


class _Ranges:
    """Sorted, non-overlapping [start, end) ranges with a fast membership test."""

    def __init__(self, ranges: list[tuple[int, int]]):
        self.ranges = ranges
        self.starts = [s for s, _ in ranges]

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.ranges[i][0] <= pos < self.ranges[i][1]


def _inside(spans: _Ranges, pos: int) -> bool:
    return pos in spans


def _word_seq(hay: str, needle: str):
    """Start/end of each whole-word occurrence of `needle` in `hay` (cheaper than a regex per name)."""
    start = 0
    n = len(needle)
    while True:
        i = hay.find(needle, start)
        if i < 0:
            return
        if (i == 0 or not hay[i - 1].isalnum()) and (i + n >= len(hay) or not hay[i + n].isalnum()):
            yield i, i + n
        start = i + 1


# --- sentences ---------------------------------------------------------------------------------

_ABBREV = {"dr", "drs", "dra", "prof", "h", "hj", "ir", "no", "jl", "jln", "st", "kh", "sh", "mh",
           "se", "mm", "mt", "spd", "skom", "dll", "dsb", "tbk", "kec", "kab", "kel", "bpk", "sdr",
           "mr", "mrs", "ms", "vs", "a.n", "u.p", "ttd", "hlm", "pol", "purn", "jr", "sr"}
_BOUNDARY_RE = re.compile(r"\n|[.!?]+(?:[\"”’]|‚Äù)?(?=\s|,[\"“A-Z(]|,‚Äú|,,|$)")
_WORD_END_RE = re.compile(r"\w+$")


def _sentence_starts(text: str) -> list[int]:
    """Start offsets of sentences; a boundary is a newline or end punctuation not after an
    abbreviation or an initial ("M. Yusuf"). ".," before a capital also ends a sentence: some
    scraped corpora join paragraphs with commas."""
    starts = [0]
    n = len(text)
    for m in _BOUNDARY_RE.finditer(text):
        k = m.start()
        if text[k] == ".":
            w = _WORD_END_RE.search(text, max(0, k - 12), k)
            if w and (len(w.group()) == 1 and w.group().isupper() or w.group().lower() in _ABBREV):
                continue
        e = m.end()
        while e < n and text[e] in " \t,":
            e += 1
        if starts[-1] != e:
            starts.append(e)
    return starts


# --- name phrases ------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\([^()\n]{1,25}\)|[^\W\d_][\w'’\-]*\.?|\d[\w./-]*|[^\w\s]")
_CONNECTORS = {"bin", "binti", "da", "de", "van", "der", "von", "al", "el", "dos", "la", "le", "del"}


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() and tok.rstrip(".").lower() not in sp.NOT_NAMES


def _is_word(tok: str) -> bool:
    return tok[:1].isalpha()


def _tokens(s: str, base: int) -> list[tuple[str, int, int]]:
    # "¬†" is the mojibake of a no-break space in some scraped corpora: a space, same length.
    s = s.replace("¬†", "  ")
    return [(m.group(), base + m.start(), base + m.end()) for m in _TOKEN_RE.finditer(s)]


def _clean_tok(tok: str) -> str:
    # A trailing dot belongs to initials and abbreviations only ("M.", "Dr."), not to "Perry."
    if tok.endswith(".") and tok.rstrip(".").lower() not in _ABBREV and not (len(tok) == 2 and tok[0].isupper()):
        return tok[:-1]
    return tok


def _cap_run(toks: list[tuple[str, int, int]], i: int) -> int:
    """Index one past the capitalised name run starting at toks[i]."""
    j = i
    while j < len(toks):
        t = toks[j][0]
        if _is_cap(t) or (t.startswith("(") and t[1:2].isupper()):
            j += 1
            if t.endswith(".") and _clean_tok(t) != t:
                break  # "Alfirman." ends the sentence, and the name
        elif t.lower() in _CONNECTORS and j + 1 < len(toks) and _is_cap(toks[j + 1][0]) and j > i:
            j += 1
        elif (t == "dan" and j > i and j + 1 < len(toks) and _is_cap(toks[j + 1][0])
              and any(x[0].lower() in sp.TITLE_WORDS for x in toks[i:j])):
            j += 1  # "Deputi Penindakan dan Eksekusi KPK Asep": one title
        elif t == "-" and j > i and j + 1 < len(toks) and _is_cap(toks[j + 1][0]):
            j += 1
        else:
            break
    return j


def _is_place_word(tok: str) -> bool:
    t = tok.strip("()").lower()
    return t in sp.PLACE_TAKING_WORDS


def core_name(toks: list[tuple[str, int, int]]) -> tuple[int, int] | None:
    """(start, end) of the person's name inside a capitalised run, without titles and roles:
    "Wakil Ketua DPR Sufmi Dasco Ahmad" → "Sufmi Dasco Ahmad". An all-title/organisation run
    ("BPS", "Kementerian Keuangan") is returned whole."""
    for n in range(len(toks) - 2, -1, -1):
        if toks[n][0].endswith(".") and _clean_tok(toks[n][0]) != toks[n][0]:
            toks = toks[n + 1:]  # "Papua. Yohanes Surya": a full stop ends the sentence before the name
            break
    toks = [(_clean_tok(t), s, s + len(_clean_tok(t))) for t, s, _ in toks]
    toks = [t for t in toks if t[0] not in ",-"]
    while toks and toks[-1][0].startswith("("):
        toks.pop()
    if not toks:
        return None
    k = len(toks)
    while k > 0:
        t = toks[k - 1][0]
        low = t.rstrip(".").lower()
        if (t.startswith("(") or low in sp.TITLE_WORDS or low in sp.PORTFOLIO_WORDS
                or (low == "agung" and k >= 2 and toks[k - 2][0].lower() == "jaksa")
                or (t.isupper() and len(t) >= 3) or t == "dan"
                or (len(low) >= 7 and low.endswith("an") and low.startswith(("ke", "pe")))):
            break
        k -= 1
    if k == len(toks):  # nothing name-like at the end: an organisation or a bare title
        return toks[0][1], toks[-1][2]
    # "Wali Kota Palembang Ratu Dewa": the word after a place-taking title is a place.
    while k < len(toks) - 2 and _is_place_word(toks[k][0]):
        k += 1
    if k > 0 and _is_place_word(toks[k - 1][0]) and len(toks) - k >= 2:
        first = toks[k][0].lower()
        if first in sp.PLACE_FIRSTS and len(toks) - k >= 3 and toks[k + 1][0].lower() in sp.PLACE_SECONDS:
            k += 2
        else:
            k += 1
    # A role written with a capital at a sentence start ("Ekonom Lestari Wibowo").
    while k < len(toks) - 1 and toks[k][0].lower() in sp.SPEAKER_DESCRIPTORS:
        k += 1
    return toks[k][1], toks[-1][2]


@dataclass
class _Who:
    start: int | None = None  # span of the surface name in the text
    end: int | None = None
    pronoun: bool = False  # ia/dia/beliau/-nya: the last speaker
    generic: bool = False  # an unnamed speaker ("kata jaksa", "ujar salah satu warga")
    subject: bool = False  # a pronoun opening its sentence ("Dia menegaskan …")


_AFTER_STOP_PUNCT = {",", ".", "(", ":", ";", "!", "?", "\"", "“", "”"}


def name_after(text: str, pos: int) -> _Who | None:
    """The speaker named right after `pos` ("kata [Menteri Keuangan Sri Mulyani] di Jakarta")."""
    line_end = text.find("\n", pos)
    seg_end = min(len(text), pos + 160, line_end if line_end >= 0 else len(text))
    toks = _tokens(text[pos:seg_end], pos)
    i = 0
    if i < len(toks) and toks[i][0].rstrip(".").lower() in sp.PRONOUNS:
        return _Who(toks[i][1], toks[i][2], pronoun=True)
    had_desc = False
    while i < len(toks) and i < 6 and toks[i][0].islower() and toks[i][0].rstrip(".") in _ROLE_WORDS:
        i += 1
        had_desc = True
    # "kata agen sang pemain, Diego Dornelles, kepada …": a lowercase role, then the name.
    k = i
    while k < len(toks) and k < 5 and toks[k][0].islower() and toks[k][0].isalpha() \
            and toks[k][0] not in sp.SPEAKER_STOPS:
        k += 1
    if (k > i or had_desc) and k + 1 < len(toks) and toks[k][0] == "," and _is_cap(toks[k + 1][0]):
        i, had_desc = k + 1, True
    if i >= len(toks) or not _is_cap(toks[i][0]) or not _is_word(toks[i][0]):
        # No name: an unnamed speaker described by role ("ujar jaksa", "kata salah satu warga").
        if had_desc and toks[0][0].islower():
            end = 0
            while (end < len(toks) and end < 4 and toks[end][0][:1].islower() and toks[end][0][:1].isalpha()
                   and toks[end][0].rstrip(".") not in sp.SPEAKER_STOPS
                   and toks[end][0].rstrip(".") not in ("ini", "itu", "tersebut")):
                end += 1
                if toks[end - 1][0].endswith("."):
                    break
            if end < len(toks) and toks[end][0].rstrip(".").lower() in ("ini", "itu", "tersebut"):
                return _Who(toks[0][1], toks[end][2], pronoun=True)  # "ungkap dokumen tersebut"
            if end > 0 and toks[end - 1][0].rstrip(".") not in sp.DOCUMENT_WORDS:
                return _Who(toks[0][1], toks[end - 1][1] + len(toks[end - 1][0].rstrip(".")), generic=True)
        return None
    j = _cap_run(toks, i)
    run = toks[i:j]
    if j < len(toks) and toks[j][0].rstrip(".").lower() in ("ini", "itu", "tersebut"):
        return _Who(run[0][1], toks[j][2], pronoun=True)  # "ujar Anggota DPR ini": the last speaker
    # Appositive: "ujar adik kandung BJ Habibie, Sri Soedarsono di RSPAD": the name after the comma.
    if j + 1 < len(toks) and toks[j][0] == "," and _is_cap(toks[j + 1][0]) and _is_word(toks[j + 1][0]):
        k = _cap_run(toks, j + 1)
        nxt = toks[k][0].lower() if k < len(toks) else "."
        titled = had_desc or any(t[0].rstrip(".").lower() in sp.TITLE_WORDS or _is_place_word(t[0])
                                 or t[0].isupper() for t in run)
        if titled and (nxt in _AFTER_STOP_PUNCT or nxt in sp.SPEAKER_STOPS) and k - (j + 1) >= 1:
            run = toks[j + 1:k]
    span = core_name(run)
    if not span:
        return None
    return _Who(span[0], span[1])


# Lowercase words skipped before a name after a tag: roles, titles, portfolios and documents
# ("kata jubir KPK Budi", "tulis pernyataan DPM FISIP").
_ROLE_WORDS = sp.SPEAKER_DESCRIPTORS | sp.TITLE_WORDS | sp.PORTFOLIO_WORDS | sp.DOCUMENT_WORDS | sp.GENERIC_SOURCES


def name_before(text: str, pos: int, limit: int = 160) -> _Who | None:
    """The speaker named right before `pos` ("[Kepala BPS Amalia] juga mengatakan ...")."""
    line_start = text.rfind("\n", 0, pos) + 1
    seg_start = max(line_start, pos - limit)
    toks = _tokens(text[seg_start:pos], seg_start)
    k = len(toks)
    skipped = 0
    while k > 0 and toks[k - 1][0].lower() in sp.SUBJECT_ADVERBS and skipped < 3:
        k -= 1
        skipped += 1
    # "Shin Tae-yong, dalam sebuah wawancara dengan Goalpost, memastikan": skip the inserted phrase.
    if k > 0 and toks[k - 1][0] == ",":
        c = k - 2
        while c >= 0 and toks[c][0] != "," and k - c < 14:
            c -= 1
        if c >= 1 and toks[c][0] == "," and toks[c + 1][0].lower() in sp.SPEAKER_STOPS | {"dalam", "saat"}:
            k = c
        elif c >= 1 and toks[c][0] == "," and k - c >= 3 and _is_cap(toks[c + 1][0]):
            k = k - 1  # "pengacara Kivlan Zen, Tonin Tachta, membenarkan": the appositive
    if k == 0:
        return None
    last = toks[k - 1][0]
    if last.rstrip(".").lower() in sp.PRONOUNS:
        before = toks[k - 2][0] if k >= 2 else "."
        opens = before[-1] in '.,"”!?' or before.lower() in _SENTENCE_OPENERS
        return _Who(toks[k - 1][1], toks[k - 1][2], pronoun=True, subject=opens)
    j = k
    while j > 0:
        t = toks[j - 1][0]
        if j < k and t.endswith(".") and _clean_tok(t) != t:
            break  # "… di Papua. Yohanes Surya mengingatkan": the name starts after the full stop
        if (_is_cap(t) and _is_word(t)) or (t.startswith("(") and t[1:2].isupper()):
            j -= 1
        elif t.lower() in _CONNECTORS and j - 1 > 0 and _is_cap(toks[j - 2][0]) and j < k:
            j -= 1
        else:
            break
    if j == k:
        return None
    # A sentence-opening word glued to the name ("Adapun Dasco", "Sementara Budi"): drop it.
    run = toks[j:k]
    while run and run[0][0].lower() in _SENTENCE_OPENERS:
        run = run[1:]
    span = core_name(run)
    if not span:
        return None
    return _Who(span[0], span[1])


_SENTENCE_OPENERS = {"adapun", "sementara", "namun", "tapi", "tetapi", "kemudian", "selain", "lalu",
                     "bahkan", "meski", "walaupun", "sedangkan", "sebelumnya", "selanjutnya", "kini",
                     "saat", "ketika", "dalam", "di", "menurut", "kata", "oleh", "karena", "hal",
                     "apalagi", "terpisah", "secara", "sebab", "jadi", "dan", "juga", "lebih",
                     "pada", "tegas", "sambung", "ditambah", "dia", "ia", "sedang", "usai", "setelah",
                     "menjawab", "menanggapi", "terkait", "soal", "mengenai", "mengutip", "melansir",
                     "dilansir", "dikutip", "berdasarkan", "berdasar", "seperti", "sebagaimana", "merujuk",
                     "mengacu", "data", "laporan", "sumber"}


# --- speaker resolution ------------------------------------------------------------------------

class _Resolver:
    """Turns surface speakers into the fullest name: NER canonical when an entity covers the name,
    else the longest capitalised name in the text containing it; pronouns → the last speaker."""

    def __init__(self, text: str, entities: list[dict[str, Any]], sent_starts: list[int],
                 quoted: list[tuple[int, int]]):
        self.text = text
        self.quoted = quoted
        self.ents = sorted((e for e in entities or [] if e.get("start") is not None),
                           key=lambda e: e["start"])
        self.ent_starts = [e["start"] for e in self.ents]
        self.history: list[tuple[int, str]] = []  # (position, speaker) in text order
        self.sent_starts = sent_starts
        self._long_cache: dict[str, str] = {}

    @staticmethod
    def _name(e: dict[str, Any]) -> str:
        name = e.get("canonical") or e.get("text") or ""
        if e.get("label") == "PER" and " " in name:
            # A tagger may glue a rank or a place onto a name ("Timur Kompol Paridal"), or a
            # word the scrape ran together ("Hartono kepadadetikJabar").
            toks = _tokens(name, 0)
            k = 1
            while k < len(toks) and (_is_cap(toks[k][0]) or toks[k][0].lower() in _CONNECTORS
                                     or not toks[k][0][:1].isalpha()):
                k += 1
            span = core_name(toks[:k])
            if span:
                name = name[span[0]:span[1]]
        return name

    def _entity_at(self, start: int, end: int) -> dict[str, Any] | None:
        i = bisect.bisect_right(self.ent_starts, end) - 1
        best = None
        while i >= 0 and i > len(self.ents) - 400:
            e = self.ents[i]
            if e["end"] > start and e["start"] < end:
                if e.get("label") in ("PER", "ORG") and (best is None or e.get("label") == "PER"):
                    best = e
            if e["end"] < start - 200:
                break
            i -= 1
        return best

    def _widen(self, surface: str, pos: int, from_entity: bool = False) -> str:
        """"Prabowo" → "Prabowo Subianto" when a fuller form is in the entities or, for a name
        the tagger did not give, in the text."""
        words = surface.split()
        if not words:
            return surface
        key = surface + ("\x00" if from_entity else "")
        if key in self._long_cache:
            return self._long_cache[key]
        best = surface
        if surface.isupper() and 2 <= len(surface) <= 8:
            # "ICW" → "Indonesia Corruption Watch" when the text spells it out: "… Watch (ICW)".
            m = re.search(r"((?:[A-Z][\w&'-]*\s+(?:(?:dan|and|of|untuk|the)\s+)?){1,8})\(" + re.escape(surface) + r"\)",
                          self.text)
            if m:
                toks = m.group(1).split()
                # The words whose initials spell the acronym, else the run without titles.
                for n in range(len(toks), 0, -1):
                    caps = "".join(w[0] for w in toks[-n:] if w[0].isupper())
                    if caps.upper() == surface:
                        toks = toks[-n:]
                        break
                else:
                    while toks and toks[0].lower() in sp.TITLE_WORDS | sp.SPEAKER_DESCRIPTORS | _SENTENCE_OPENERS:
                        toks = toks[1:]
                if len(toks) >= 2:
                    best = " ".join(toks)
                    self._long_cache[key] = best
                    return best
        if len(words) <= 2 and all(w.lower() in sp.TITLE_WORDS for w in words):
            # A bare title ("tegas Menaker"): the name written after it elsewhere.
            for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"\)?\s+", self.text):
                who = name_after(self.text, m.end())
                if who and who.start is not None and not who.pronoun:
                    name = self.text[who.start:who.end]
                    if not all(w.lower() in sp.TITLE_WORDS for w in name.split()):
                        self._long_cache[key] = name
                        return self._widen(name, pos)
        needle = " ".join(words)
        for e in self.ents:
            name = self._name(e)
            if e.get("label") in ("PER", "ORG") and len(name) > len(best) and next(_word_seq(name, needle), None):
                best = name
        if best == surface and len(words) <= 2 and not from_entity and not surface.isupper():
            for m_start, m_end in _word_seq(self.text, needle):
                a = max(0, m_start - 80)
                line_start = self.text.rfind("\n", a, m_start)
                a = line_start + 1 if line_start >= 0 else a
                b = self.text.find("\n", m_end, m_end + 60)
                line = self.text[self.text.rfind("\n", 0, m_start) + 1:m_start].lstrip().lower()
                if line.startswith(sp.TEASER_STARTS) or _inside(self.quoted, m_start):
                    continue  # a teaser headline or a quote is no place to learn a name from
                toks = _tokens(self.text[a:b if b >= 0 else m_end + 60], a)
                idx = next((n for n, t in enumerate(toks) if t[1] >= m_start), None)
                if idx is None:
                    continue
                j = idx
                while j > 0 and (_is_cap(toks[j - 1][0]) and _is_word(toks[j - 1][0])
                                 or toks[j - 1][0].startswith("(")):
                    j -= 1
                k = _cap_run(toks, idx)
                run = toks[j:k]
                while run and run[0][0].lower() in _SENTENCE_OPENERS:
                    run = run[1:]
                span = core_name(run) if len(run) <= 8 else None
                if span:
                    cand = self.text[span[0]:span[1]]
                    if len(cand) > len(best) and next(_word_seq(cand, needle), None) and len(cand.split()) <= 4:
                        best = cand  # the first fuller mention: where the article introduces them
                        break
        self._long_cache[key] = best
        return best

    def _nearest_name_before(self, pos: int) -> str | None:
        """Without NER: the last person-like capitalised name in the 400 characters before."""
        a = max(0, pos - 400)
        toks = _tokens(self.text[a:pos], a)
        best = None
        i = 0
        while i < len(toks):
            if _is_cap(toks[i][0]) and _is_word(toks[i][0]):
                j = _cap_run(toks, i)
                run = toks[i:j]
                while run and run[0][0].lower() in _SENTENCE_OPENERS:
                    run = run[1:]
                span = core_name(run) if run else None
                if span:
                    cand = self.text[span[0]:span[1]]
                    words = cand.split()
                    if (len(words) >= 2 and not any(w.isupper() and len(w) >= 3 for w in words)
                            and not any(w.lower() in sp.NON_PERSON_WORDS for w in words)
                            and "\n" not in cand) or cand in dict(self.history).values():
                        best = cand
                i = j
            else:
                i += 1
        return best

    def _last_person_before(self, pos: int) -> str | None:
        """The last speaker before `pos`; before any speaker, the last person named (a PER entity,
        or without NER a capitalised person-like name). Persons merely mentioned between two quotes
        of one speaker are usually the topic, not a new speaker, so they do not count."""
        cand = None
        for p, name in reversed(self.history):
            if p < pos:
                cand = name
                break
        if cand is None:
            i = bisect.bisect_left(self.ent_starts, pos) - 1
            while i >= 0:
                if self.ents[i].get("label") == "PER":
                    return self._name(self.ents[i])
                i -= 1
            if not self.ents:
                near = self._nearest_name_before(pos)
                return self._widen(near, pos) if near else None
        return cand

    def _previous_subject(self, pos: int) -> tuple[int, str] | None:
        """A PER entity opening the sentence before `pos` ("Ribka mengingatkan … Dia menegaskan")."""
        k = bisect.bisect_right(self.sent_starts, pos) - 1
        if k < 1:
            return None
        s_prev = self.sent_starts[k - 1]
        i = bisect.bisect_left(self.ent_starts, s_prev)
        while i < len(self.ents) and self.ents[i]["start"] < self.sent_starts[k]:
            e = self.ents[i]
            lead = self.text[s_prev:e["start"]]
            if len(lead.split()) > 2 or any(q in lead for q in ('"', "“")):
                return None
            if e.get("label") == "PER":
                return e["start"], self._name(e)
            i += 1
        return None

    def resolve(self, who: _Who | None, cue_pos: int) -> str | None:
        prev = self._previous_subject(cue_pos) if who is not None and who.subject else None
        if who is not None and who.generic and who.start is not None:
            name = self.text[who.start:who.end]  # "jaksa": no name to widen, none to invent
        elif prev and all(p < prev[0] for p, _ in self.history):
            name = self._widen(prev[1], prev[0], True)  # the person the last sentence was about
        elif who is None or who.pronoun or who.start is None or who.end is None:
            name = self._last_person_before(cue_pos)
        else:
            ent = self._entity_at(who.start, who.end)
            surface = self.text[who.start:who.end]
            # A person entity inside the phrase is the speaker ("Pertamina Simon Mantiri" → the
            # PER "Simon Mantiri"); an organisation only when it covers the whole phrase.
            if ent is not None and (ent.get("label") == "PER" or len(self._name(ent)) >= len(surface) - 2):
                name = self._widen(self._name(ent), who.start, True)
            else:
                name = self._widen(surface, who.start)
        if name:
            self.history.append((cue_pos, name))
        return name

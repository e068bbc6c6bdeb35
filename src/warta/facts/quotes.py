"""Quotes with their speakers: direct speech in quotation marks and reported (indirect) speech.

`find_quotes(text, entities)` returns `{"text", "speaker", "verb", "direct", "start", "end"}` with
`text == text[start:end]`. Speakers come from the words around the quote ("“…,” kata Budi",
"Budi mengatakan, “…”", "Menurut Budi, …"); pronouns and -nya ("ujarnya") point to the last
speaker; short forms ("Prabowo") are widened to the fullest name known, from the NER entities
when there are any, else from capitalised names elsewhere in the text. Word lists are data in
`warta.lang.id.speech`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from ..lang.id import speech as sp

# --- quotation marks ---------------------------------------------------------------------------

_MARK_RE = re.compile("|".join(re.escape(m) for m in sorted(
    sp.DOUBLE_OPEN + sp.DOUBLE_CLOSE + sp.DOUBLE_AMBIGUOUS, key=len, reverse=True)))
_SINGLE_RE = re.compile(
    r"(?<![\w])(?:'|‘|‚Äò)(?=\w)([^'\"“”\n]{2,400}?)(?<=[\w.,!?)])(?:'|’|‚Äô)(?![\w])")


@dataclass
class _Span:
    open: int  # position of the opening mark
    start: int  # first character inside the marks
    end: int  # one past the last character inside
    close: int  # one past the closing mark


def _quoted_spans(text: str) -> list[_Span]:
    """Double-quoted spans, pairing marks within a paragraph; a paragraph that opens a quote and
    does not close it continues into the next paragraph when that one opens with a quote mark."""
    spans: list[_Span] = []
    marks = [(m.start(), m.end(), m.group()) for m in _MARK_RE.finditer(text)]
    i, n = 0, len(marks)
    while i < n:
        o_start, o_end, o = marks[i]
        if o in sp.DOUBLE_CLOSE:  # a stray closing mark cannot open a quote
            i += 1
            continue
        j = i + 1
        closed = None
        while j < n:
            m_start, m_end, m = marks[j]
            gap = text[marks[j - 1][1]:m_start]
            if "\n" in gap:
                # Multi-paragraph quote: the next paragraph must open with a quote mark.
                para_start = gap.rfind("\n")
                if text[marks[j - 1][1] + para_start + 1:m_start].strip() == "" and m not in sp.DOUBLE_CLOSE:
                    j += 1
                    continue
                break
            if m in sp.DOUBLE_OPEN:
                # A fresh opening mark before any close: the first one was never closed.
                break
            closed = j
            break
        if closed is None:
            i = j if j > i + 1 else i + 1
            continue
        c_start, c_end, _ = marks[closed]
        spans.append(_Span(o_start, o_end, c_start, c_end))
        i = closed + 1
    return spans


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


# --- finding quotes ----------------------------------------------------------------------------

_VERB_ALT = "|".join(sorted(sp.QUOTE_TAIL_VERBS, key=len, reverse=True))
# After the closing mark: "…,” kata Budi" / "…,” ujarnya" / "….” demikian kata Budi".
_TAIL_RE = re.compile(
    r"\s*[,.]?\s*(?:(?:demikian|begitu)\s+)?"
    r"(?P<verb>(?:" + _VERB_ALT + r")(?:nya)?|di(?:sampaikan|ungkapkan|jelaskan|katakan|tegaskan)(?:\s+oleh)?"
    r"|(?:me|ber)[a-z]+)(?=[\s,.;:!?]|$)")
_SPEECH_ALT = "|".join(sorted(sp.SPEECH_VERBS, key=len, reverse=True))
# Candidate words first (literal prefixes keep the scan fast), then a set lookup.
_SPEECH_CAND_RE = re.compile(r"(?:[Mm]e|[Bb]er|[Bb]il)[a-z]+(?![\w-])")
_MENURUT_RE = re.compile(r"[Mm]enurut(?:nya|\s+(?=\S))")
_KATA_RE = re.compile(r"[Kk]ata(?:nya|\s+(?=\S))")


def _word_start_ok(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in "-_")


def _speech_verbs(text: str):
    """(start, verb) of each speech verb (SPEECH_VERBS) in `text`."""
    for m in _SPEECH_CAND_RE.finditer(text):
        w = m.group()
        if w.lower() in sp.SPEECH_VERBS and _word_start_ok(text, m.start()):
            yield m.start(), w


def _tag_matches(regex: re.Pattern[str], text: str, sentence_tag: bool):
    for m in regex.finditer(text):
        if not _word_start_ok(text, m.start()):
            continue
        if sentence_tag:  # "Kata Budi, …" / "…, kata dia, …": after a comma or a sentence end
            k = m.start() - 1
            while k >= 0 and text[k] in " \t":
                k -= 1
            if k >= 0 and text[k] not in ",.\n":
                continue
        yield m
_ADVERBIAL = {"di", "dalam", "saat", "ketika", "usai", "seusai", "setelah", "pada", "melalui",
              "lewat", "via", "kepada", "kepadanya", "dengan", "sebelum", "selepas", "ditemui",
              "dihubungi", "dikonfirmasi", "secara", "sembari", "sambil", "tadi", "kemarin",
              "menanggapi", "terkait", "soal", "mengenai", "tentang"}


def _is_teaser(text: str, span: _Span) -> bool:
    inner = text[span.start:span.end].strip().lower()
    line_start = text.rfind("\n", 0, span.open) + 1
    lead = text[line_start:span.open].strip().lower()
    return inner.startswith(sp.TEASER_STARTS) or lead.startswith(sp.TEASER_STARTS)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and the comma that closes a quote before its tag ("…,” kata")."""
    while start < end and text[start] in " \t\n":
        start += 1
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    return start, end


def _tail(text: str, span: _Span) -> tuple[str, _Who | None] | None:
    """The speech tag after a closing mark, as (verb, who)."""
    m = _TAIL_RE.match(text, span.close)
    if not m or "\n" in text[span.close:m.start("verb")]:
        # "…,” sentilnya." — any verb with -nya right after the quote; "…,” Agung Harry." — a
        # bare name. Both only after the comma that closes quoted speech.
        if text[span.end - 1:span.end] != ",":
            return None
        g = re.match(r"[ \t]*([a-z]{2,}nya)\b", text[span.close:span.close + 30])
        if g:
            return g.group(1), _Who(span.close + g.start(1), span.close + g.end(1), pronoun=True)
        g = re.match(r"[ \t]*(?:demikian[ \t]+)?(?=[A-Za-z])", text[span.close:span.close + 15])
        if g:
            who = name_after(text, span.close + g.end())
            if who and who.end is not None and not who.generic:
                after = text[who.end:who.end + 40]
                if who.pronoun is False and re.match(r"\s*(?:[.,(]|$)", after):
                    return None, who  # "…,” Agung Harry." / "…,” demikian Djoko."
                v = re.match(r"[ \t]+(?:(?:juga|pun|lalu|kemudian)[ \t]+)?([a-z]+)\b", after)
                if v and (v.group(1) in sp.SPEECH_VERBS or v.group(1) in sp.QUOTE_TAIL_VERBS):
                    return v.group(1), who  # "…,” dia menjelaskan." / "…,” Budi menambahkan."
        return None
    verb = m.group("verb")
    low = verb.lower()
    if low.startswith("di") and low not in sp.QUOTE_TAIL_VERBS:  # "demikian disampaikan (oleh) X"
        who = name_after(text, m.end("verb") + 1)
        return (verb, who) if who else None
    base = low[:-3] if low.endswith("nya") and low[:-3] in sp.QUOTE_TAIL_VERBS else low
    if base not in sp.QUOTE_TAIL_VERBS and low not in sp.SPEECH_VERBS:
        return None
    if base != low:  # "ujarnya" (but not "tanya", a verb that merely ends in -nya)
        return verb, _Who(m.start("verb"), m.end("verb"), pronoun=True)
    who = name_after(text, m.end("verb") + 1 if m.end("verb") < len(text) else m.end("verb"))
    if who is None:
        return None
    return verb, who


def _head(text: str, span: _Span, sent_start: int) -> tuple[str, _Who | None] | None:
    """The speech tag before an opening mark in the same sentence: "Budi mengatakan, “…”",
    "Menurut Budi, “…”", "Ia menambahkan: “…”"."""
    before = text[sent_start:span.open]
    stripped = before.rstrip()
    if not stripped or stripped[-1] not in ",:" and not stripped.endswith(("bahwa", "mengatakan")):
        return None
    verbs = list(_speech_verbs(before))
    if verbs:
        v_start, v_word = verbs[-1]
        vpos = sent_start + v_start
        if len(text[vpos + len(v_word):span.open].split()) > 4:
            return None  # the verb is too far from the quote to introduce it
        return v_word, name_before(text, vpos) or _Who(pronoun=True)

    def adjacent(who: _Who | None) -> _Who | None:
        # "Menurut Budi, “…”": only a comma or a colon between the name and the quote.
        if who is None or who.end is None or text[who.end:span.open].strip(" ,:\t") != "":
            return None
        return who

    m = list(_tag_matches(_MENURUT_RE, before, False))
    if m:
        mm = m[-1]
        if mm.group().lower().endswith("nya"):
            return ("menurut", _Who(pronoun=True)) if len(text[mm.end():span.open].split()) <= 1 else None
        who = adjacent(name_after(text, sent_start + mm.end()))
        return ("menurut", who) if who else None
    for mm in re.finditer(r"(?<![\w-])(kata|ujar|ucap|tutur)\s+", before, re.IGNORECASE):
        who = adjacent(name_after(text, sent_start + mm.end()))
        if who:
            return mm.group(1), who
    return None


def _sentence_end(text: str, pos: int, sent_starts: list[int]) -> int:
    i = bisect.bisect_right(sent_starts, pos)
    end = sent_starts[i] if i < len(sent_starts) else len(text)
    return end


def _clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a reported clause to its words: no leading comma/complementizer, no final period, and
    not into a direct quote that opens inside the sentence."""
    q = _MARK_RE.search(text, start, end)
    if q:
        end = q.start()
    while start < end and text[start] in " ,:\t":
        start += 1
    m = re.match(r"(bahwa|jika|kalau|apabila)\s+", text[start:end], re.IGNORECASE)
    if m:
        start += m.end()
    while end > start and text[end - 1] in " \t\n,.;:":
        end -= 1
    return start, end


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


def find_quotes(text: str, entities: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Direct and reported speech in `text`, each with its speaker (see module doc)."""
    if not text:
        return []
    sent_starts = _sentence_starts(text)

    def sent_of(pos: int) -> int:
        return sent_starts[bisect.bisect_right(sent_starts, pos) - 1]

    found: list[tuple[int, dict[str, Any], _Who | None]] = []  # (cue position, quote, who)
    spans = _quoted_spans(text)
    doubles = _Ranges([(s.open, s.close) for s in spans])
    singles = [_Span(m.start(), m.start(1), m.end(1), m.end()) for m in _SINGLE_RE.finditer(text)
               if m.start() not in doubles]
    single_opens = {s.open for s in singles}
    spans = sorted(spans + singles, key=lambda s: s.open)
    quoted = _Ranges(_merge([(s.open, s.close) for s in spans]))
    prev_close = -1000
    for span in spans:
        qs, qe = _trim(text, span.start, span.end)
        words = text[qs:qe].split()
        if not words or _is_teaser(text, span):
            continue
        tail = _tail(text, span)
        head = None if tail else _head(text, span, sent_of(span.open))
        if span.open in single_opens and (len(words) < 3 or not (tail or head)):
            continue  # ‘…’ marks nicknames and headlines more often than speech: only with a tag
        if tail:
            verb, who = tail
            cue = span.close
        elif head:
            verb, who = head
            cue = span.open
        else:
            # No tag: a quote opening its sentence continues the last speaker ("“…,” kata Budi.
            # “…”"); a short one inside a sentence is a title or scare quote.
            lead = text[sent_of(span.open):span.open].strip()
            # "“…,” ujarnya, “…”": the second half of a quote split by its tag.
            split_tag = 0 <= span.open - prev_close <= 60 and lead.endswith(",") and "\n" not in text[prev_close:span.open]
            if len(words) < 5 or (lead and not split_tag):
                continue
            verb, who, cue = None, None, span.open
        if len(words) <= 4 and (tail is None and head is None):
            continue
        if len(words) <= 2 and not re.search(r"[.!?,]$", text[qs:qe]):
            continue  # "“Makan Bergizi Gratis,” kata Budi" is rare; nicknames are common
        found.append((cue, {"text": text[qs:qe], "verb": verb, "direct": True, "start": qs, "end": qe}, who))
        prev_close = span.close

    # Reported speech outside quotation marks.
    for vpos, verb in _speech_verbs(text):
        if _inside(quoted, vpos):
            continue
        v_end = vpos + len(verb)
        low = verb.lower()
        s0 = sent_of(vpos)
        pre = text[max(s0, vpos - 6):vpos].lower()
        if pre.endswith(("yang ", "untuk ", "akan ", "tidak ", "tak ", "bisa ", "dapat ", "ingin ")):
            continue
        after = text[v_end:v_end + 3]
        s_end = _sentence_end(text, v_end, sent_starts)
        rest = text[v_end:s_end]
        rest_l = rest.lstrip()
        if rest_l[:1] in "\"“'‘" or rest_l.startswith("‚Äú") or rest_l.lstrip(",: ")[:1] in "\"“":
            continue  # introduces a direct quote, handled above
        first = re.match(r"[\s,:]*(\w+)", rest)
        if not first:
            continue
        fw = first.group(1).lower()
        start = v_end
        has_sep = after[:1] in ",:"
        if fw in sp.COMPLEMENTIZERS or has_sep:
            pass
        elif low in sp.WEAK_SPEECH_VERBS:
            continue
        elif fw in _ADVERBIAL or fw in ("hal", "sejumlah", "beberapa", "kepada"):
            b = re.search(r"\b(bahwa|jika)\s", rest)
            if b and len(rest[:b.start()].split()) <= 12:
                start = v_end + b.end()
            else:
                # "mengatakan saat dihubungi, Senin (1/1), pelaku ...": after the adverbial commas.
                parts = [p for p in re.finditer(r",\s*", rest)]
                ok = False
                for p in parts:
                    nxt = rest[p.end():p.end() + 12].split()
                    if nxt and nxt[0].rstrip(",").lower() not in sp.NOT_NAMES and not nxt[0].startswith("("):
                        start = v_end + p.end()
                        ok = True
                        break
                if not ok:
                    continue
        else:
            b = re.search(r"\s(bahwa)\s", rest)
            if b and len(rest[:b.start()].split()) <= 6 and "," not in rest[:b.start()]:
                start = v_end + b.end()
        cs, ce = _clause_span(text, start, s_end)
        if len(text[cs:ce].split()) < 3:
            continue
        who = name_before(text, vpos)
        if who is None:
            continue
        found.append((vpos, {"text": text[cs:ce], "verb": verb, "direct": False, "start": cs, "end": ce}, who))

    # "Menurut Budi, …" / "…, menurut dia, …" and "Kata Budi, …" / "…, kata dia, …".
    for regex, verb in ((_MENURUT_RE, "menurut"), (_KATA_RE, "kata")):
        for m in _tag_matches(regex, text, verb == "kata"):
            vpos = m.start()
            if _inside(quoted, vpos):
                continue
            if verb == "kata":
                prev = text[max(0, vpos - 4):vpos]
                if any(c in prev for c in "\"”") or "‚Äù" in prev:
                    continue  # "“…,” kata Budi": a direct quote's tag
            s0 = sent_of(vpos)
            s_end = _sentence_end(text, vpos, sent_starts)
            if m.group().lower().rstrip().endswith("nya"):
                who: _Who | None = _Who(pronoun=True, subject=True)
                name_end = m.end()
            else:
                toks = _tokens(text[m.end():m.end() + 12], m.end())
                if toks and toks[0][0].lower() in sp.DOCUMENT_WORDS:
                    continue  # "menurut data BPS": an attribution, not speech
                who = name_after(text, m.end())
                if who is None:
                    continue
                if who.pronoun:
                    who.subject = True  # "Menurut dia, …": like "Dia mengatakan, …"
                name_end = who.end if who.end is not None else m.end()
                # Widen to the whole tag: "Menurut Kepala BPS Amalia Adininggar, …".
                comma = text.find(",", name_end, s_end)
                name_end = comma if comma >= 0 and comma - name_end < 40 else name_end
            lead = text[s0:vpos].strip(" ,")
            after = text[name_end:s_end]
            if lead and len(lead.split()) > len(after.split()) and lead[:1] not in "\"“":
                cs, ce = _clause_span(text, s0, vpos)
                tail_word = re.search(r"[\s,]*\b(?:demikian|begitu|seperti|sebagaimana)$", text[cs:ce])
                if tail_word:  # "…, demikian menurut Budi."
                    ce = cs + tail_word.start()
            else:
                cs, ce = _clause_span(text, name_end, s_end)
            if len(text[cs:ce].split()) < 3 or _inside(quoted, cs):
                continue
            found.append((vpos, {"text": text[cs:ce], "verb": verb, "direct": False, "start": cs, "end": ce}, who))

    # One quote per text span: a direct quote wins over reported speech that overlaps it.
    found.sort(key=lambda f: (f[1]["start"], not f[1]["direct"]))
    kept: list[tuple[int, dict[str, Any], _Who | None]] = []
    for f in found:
        if kept and f[1]["start"] < kept[-1][1]["end"]:
            continue
        kept.append(f)
    kept.sort(key=lambda f: f[0])
    resolver = _Resolver(text, entities or [], sent_starts, quoted)
    out = []
    for cue, q, who in kept:
        q["speaker"] = resolver.resolve(who, cue)
        out.append(q)
    out.sort(key=lambda q: q["start"])
    return [{k: q[k] for k in ("text", "speaker", "verb", "direct", "start", "end")} for q in out]

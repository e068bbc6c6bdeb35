"""Attributions: claims credited to a source ("menurut data BPS, …", "…, dilansir dari Reuters",
"BPS melaporkan bahwa …", "…, kata polisi").

`find_attributions(text, entities)` returns `{"claim", "source", "start", "end"}` where
`text[start:end] == claim` is the clause the source is credited for, so the facts stage can give
an amount inside it the source (`warta.facts.link_sources`). The source is the name ("BPS",
"Reuters", "polisi"), without the document word ("data", "laporan"), widened to the fullest form
the entities or the text give ("Badan Pusat Statistik"). Cue words are data in
`warta.lang.id.speech`.
"""
from __future__ import annotations

import bisect
import re
from typing import Any

from ..lang.id import speech as sp
from .quotes import (
    _clause_span,
    _quoted_spans,
    _trim,
)
from .speakers import (
    _clean_tok,
    _Ranges,
    _Resolver,
    _sentence_starts,
    _tokens,
    core_name,
    name_before,
)

_CUE_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(sp.SOURCE_BEFORE_CUES, key=len, reverse=True))
    + r")(?=\s)", re.IGNORECASE)
_CUE_ANCHORS = sorted({c.split()[0] for c in sp.SOURCE_BEFORE_CUES})


def _cue_matches(text: str) -> list[re.Match[str]]:
    """Matches of _CUE_RE, found from their first words with str.find (much faster than scanning
    the whole alternation at every position)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lowercased ("İ")
        return list(_CUE_RE.finditer(text))
    starts = set()
    for anchor in _CUE_ANCHORS:
        i = low.find(anchor)
        while i >= 0:
            if i == 0 or not (low[i - 1].isalnum() or low[i - 1] in "-_"):
                starts.add(i)
            i = low.find(anchor, i + 1)
    out, last_end = [], -1
    for i in sorted(starts):
        if i < last_end:
            continue
        m = _CUE_RE.match(text, i)
        if m:
            out.append(m)
            last_end = m.end()
    return out


_SOURCE_VERB_RE = re.compile(r"(?<![\w-])(" + "|".join(sorted(sp.SOURCE_VERBS, key=len, reverse=True)) + r")(?![\w-])")
_GENERIC_TAG_RE = re.compile(
    r"(?<![\w-])(?:kata|ujar|ungkap|tutur|jelas)\s+(?:(?:para|sejumlah|seorang|salah\s+seorang|pihak)\s+)?("
    + "|".join(sorted(sp.GENERIC_SOURCES, key=len, reverse=True)) + r")(?![\w-])(?!\s+[A-Z])")
# Verbs after which a source needs "bahwa", a comma or a number in the clause: "Budi melaporkan
# kasus itu ke polisi" is not a claim credited to Budi.
_STRONG_SOURCE_VERBS = {"memberitakan", "mewartakan", "menyiarkan"}
_SKIP_AFTER_SOURCE = {"dari", "oleh", "pada", "resmi", "terbaru", "terkini", "yang", "milik", "situs", "laman",
                      "akun", "media", "kantor", "berita", "portal"}
_OPENERS = {"adapun", "sementara", "itu", "namun", "selain", "sedangkan", "kemudian", "lalu", "dan", "bahkan"}


def _is_name_tok(tok: str) -> bool:
    # "detikNews", "kumparan.com": outlets written with a lowercase start still count.
    return (tok[:1].isupper() or (tok[:1].isalpha() and any(c.isupper() for c in tok[1:]))
            or tok.startswith("(")) and tok.rstrip(".").lower() not in sp.NOT_NAMES


def _source_after(text: str, pos: int, end: int) -> tuple[int, int, int] | None:
    """(start, end, tag end) of the source named from `pos`: skips document words ("data",
    "laporan") and fillers ("dari", "resmi"), then takes the capitalised (or camelCase outlet) run;
    a generic source ("polisi") counts unless a name follows it ("menurut pengamat Budi")."""
    toks = _tokens(text[pos:min(end, pos + 160)], pos)
    i = 0
    while i < len(toks) and i < 6 and toks[i][0].lower() in sp.DOCUMENT_WORDS | _SKIP_AFTER_SOURCE:
        i += 1
    if i < len(toks) and toks[i][0].lower() in sp.GENERIC_SOURCES:
        k = i + 1
        while k < len(toks) and k < i + 4 and toks[k][0].islower():
            k += 1
        if not (k < len(toks) and _is_name_tok(toks[k][0]) and not toks[k][0].startswith("(")):
            return toks[i][1], toks[i][2], toks[i][2]
        i = k
    j = i
    while j < len(toks) and (_is_name_tok(toks[j][0]) or (
            toks[j][0].lower() in {"dan", "of", "the", "de", "bin"} and j > i and j + 1 < len(toks)
            and _is_name_tok(toks[j + 1][0]))):
        if j > i and (toks[j][0].rstrip(".") in ("No", "Nomor") or re.fullmatch(r"[IVX]+", toks[j][0])):
            break  # "Permendikdasmen No 3", "Wilayah V": the name stops before the number
        j += 1
        if toks[j - 1][0].startswith("(") or toks[j - 1][0].endswith(".") and _clean_tok(toks[j - 1][0]) != toks[j - 1][0]:
            break  # "Badan Pusat Statistik (BPS) Indeks …": the acronym or a full stop ends the name
    if j == i:
        return None
    run = toks[i:j]
    # "menurut ahli kebugaran asal New York City, Robin DeCicco, …": the appositive is the source.
    if j + 2 < len(toks) and toks[j][0] == "," and _is_name_tok(toks[j + 1][0]) and i > 0 \
            and toks[i - 1][0].islower():
        k = j + 1
        while k < len(toks) and _is_name_tok(toks[k][0]) and not toks[k][0].startswith("("):
            k += 1
        if k < len(toks) and toks[k][0] == "," and k - (j + 1) <= 4:
            run = toks[j + 1:k]
    last = run[-1]
    run[-1] = (_clean_tok(last[0]), last[1], last[1] + len(_clean_tok(last[0])))
    tag_end = run[-1][2]
    while len(run) > 1 and run[-1][0].startswith("("):
        run = run[:-1]  # "Badan Pusat Statistik (BPS)": the name, not its acronym
    first = run[0]
    glued = re.match(r"dari(?=[a-z]+[A-Z])", first[0])  # "daridetikNews": scraped text lost a space
    if glued:
        run[0] = (first[0][4:], first[1] + 4, first[2])
    if any(t[0].rstrip(".").lower() in sp.TITLE_WORDS for t in run):
        span = core_name(run)  # a person named by title: "menurut Kepala BPS Amalia"
        return (span[0], span[1], tag_end) if span else None
    return run[0][1], run[-1][2], tag_end


def _skip_adverbials(text: str, start: int, end: int) -> int:
    """After a source tag, skip ", Senin (20/10/2025)," and the like to where the claim starts."""
    while True:
        m = re.match(r"[\s,]*(?:(?:pada\s+)?(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu)\b[^,]{0,30},"
                     r"|\([^)]{0,30}\)\s*,|pada\s+[^,]{0,30},)", text[start:end], re.IGNORECASE)
        if not m:
            return start
        start += m.end()


def find_attributions(text: str, entities: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Claims credited to a source in `text` (see module doc)."""
    if not text:
        return []
    sent_starts = _sentence_starts(text)
    spans = _quoted_spans(text)
    quoted = _Ranges([(s.open, s.close) for s in spans])
    resolver = _Resolver(text, entities or [], sent_starts, quoted)

    def inside_quote(pos: int) -> bool:
        return pos in quoted

    def sentence(pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(sent_starts, pos) - 1
        return sent_starts[i], sent_starts[i + 1] if i + 1 < len(sent_starts) else len(text)

    def source_name(s: int, e: int) -> str:
        ent = resolver._entity_at(s, e)
        surface = text[s:e]
        if ent is not None and len(resolver._name(ent)) >= len(surface) - 2:
            return resolver._name(ent)
        return resolver._widen(surface, s) if surface.lower() not in sp.GENERIC_SOURCES else surface

    def claim_around(cue_start: int, tag_end: int) -> tuple[int, int] | None:
        """The claim: the sentence after the tag when the tag opens it, else the part before."""
        s0, s1 = sentence(cue_start)
        lead = text[s0:cue_start]
        lead_words = [w for w in re.findall(r"\w+", lead.lower()) if w not in _OPENERS]
        if not lead_words:
            comma = text.find(",", tag_end, s1)
            start = comma + 1 if comma >= 0 and comma - tag_end < 60 else tag_end
            start = _skip_adverbials(text, start, s1)
            cs, ce = _clause_span(text, start, s1)
        else:
            cs, ce = s0, cue_start
            # "“…,” kata Arya dikutip dari detikNews": the claim is the quote.
            q = next((sp_ for sp_ in spans if s0 <= sp_.open and sp_.close <= cue_start
                      and not text[s0:sp_.open].strip()), None)
            if q is not None:
                cs, ce = _trim(text, q.start, q.end)
            while cs < ce and text[cs] in " \t\"“”":
                cs += 1
            while ce > cs and text[ce - 1] in " \t,;:\"“”":
                ce -= 1
        if len(text[cs:ce].split()) < 3:
            return None
        return cs, ce

    found: list[dict[str, Any]] = []

    # "Menurut data BPS, …", "…, dilansir dari Reuters.", "Berdasarkan laporan Bank Dunia, …"
    for m in _cue_matches(text):
        if inside_quote(m.start()):
            continue
        _, s1 = sentence(m.start())
        src = _source_after(text, m.end(), s1)
        if not src:
            continue
        claim = claim_around(m.start(), src[2])
        if claim:
            found.append({"claim": text[claim[0]:claim[1]], "source": source_name(src[0], src[1]),
                          "start": claim[0], "end": claim[1]})

    # "…, kata polisi." / "Menurut warga, …"
    for m in _GENERIC_TAG_RE.finditer(text):
        if inside_quote(m.start()):
            continue
        before = text[max(0, m.start() - 4):m.start()]
        if any(c in before for c in "\"”") or "‚Äù" in before:
            q = next((s for s in spans if s.close <= m.start() and m.start() - s.close <= 4), None)
            if q is None:
                continue
            cs, ce = _trim(text, q.start, q.end)
        else:
            claim = claim_around(m.start(), m.end(1))
            if not claim:
                continue
            cs, ce = claim
        found.append({"claim": text[cs:ce], "source": m.group(1), "start": cs, "end": ce})

    # "BPS melaporkan bahwa …", "Reuters memberitakan …", "BPS mencatat inflasi 2,86 persen"
    for m in _SOURCE_VERB_RE.finditer(text):
        if inside_quote(m.start()):
            continue
        who = name_before(text, m.start())
        if who is None or who.pronoun or who.start is None or who.end is None:
            continue
        _, s1 = sentence(m.start())
        rest = text[m.end():s1]
        if rest.lstrip()[:1] in "\"“":
            continue
        has_sep = bool(re.match(r"\s*(,|:|bahwa\b)", rest))
        cs, ce = _clause_span(text, m.end(), s1)
        claim_text = text[cs:ce]
        if not (has_sep or m.group(1) in _STRONG_SOURCE_VERBS or re.search(r"\d", claim_text)):
            continue
        if len(claim_text.split()) < 3:
            continue
        found.append({"claim": claim_text, "source": source_name(who.start, who.end), "start": cs, "end": ce})

    # One attribution per claim span (the first cue found for it wins).
    found.sort(key=lambda a: (a["start"], -(a["end"] - a["start"])))
    out: list[dict[str, Any]] = []
    for a in found:
        if out and a["start"] == out[-1]["start"] and a["end"] == out[-1]["end"]:
            continue
        out.append(a)
    return out

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
from ..lang.id.numbers import NYA_WORDS
from .speakers import (
    _inside,
    _merge,
    _Ranges,
    _Resolver,
    _sentence_starts,
    _tokens,
    _Who,
    name_after,
    name_before,
)

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
        if g and g.group(1) not in NYA_WORDS:  # "sebelumnya", "akhirnya": not a speech verb
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

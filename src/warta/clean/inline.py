"""Fragments cut out of lines that are otherwise article text.

Scrapers glue teasers into paragraphs: CLICK-ID joined paragraph fragments with "," and dropped
linked headlines (`...puji Rea.,Baca juga:,,,`), old detik pages run "Baca juga: <headline>"
straight into the next sentence, sindonews wraps them in parentheses, and credits trail the body.
Each cut is returned with its reason so the caller can record it.
"""
from __future__ import annotations

import re

from ..lang.id import boilerplate as B
from .rules import Rules

Span = tuple[int, int, str]  # start, end, reason

# Where a glued headline stops: a CLICK-ID join (",X" with no space), a word glued to the next
# sentence ("KurangIni", 'Kurang"Ini', "KPAIMoeldoko"), a sentence end, or the next layout marker.
_HEADLINE_STOP = re.compile(
    r"(?<![0-9]),(?=[0-9A-Z\"“])|(?<=[a-z0-9)])(?=[\"“]|[A-Z][a-z])|(?<=[A-Z]{2})(?=[A-Z][a-z]{2})"
    r"|[.!?](?=\s|$|[\"“A-Z])|\s+(?=Selanjutnya\s+Halaman|Simak\s+Video|\[Gambas)|$")
_CAMEL_WORDS = tuple(B.CAMEL_CASE_WORDS)
_CLOSE_QUOTE = re.compile(r"[\"”]")
_PHOTO_COLON = re.compile(r"foto\s*:")
_TEASER_TRIGGERS = ("baca", "lihat juga", "simak juga", "read also", "terkait")


def _is_small(word: str) -> bool:
    bare = word.lower().strip(",:;!?'\"‘’“”-–()")
    return not bare or bare in B.HEADLINE_SMALL_WORDS


def _capitalised(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit() or word[0] in "'\"‘“(#@"


def _headline_length(text: str) -> int:
    """How many characters of `text` are the teaser's headline (0: not a headline).

    A Title-Case run; when lower-case words follow ("Hasil MotoGP San Marino Posisi kedua masih
    ..."), the capitalised word before them opens the next sentence and is not the headline's.
    """
    words = list(re.finditer(r"\S+", text))
    if not words or len(words) > 20:
        return 0
    for k, w in enumerate(words):
        word = w.group(0)
        if not _is_small(word) and not _capitalised(word):
            keep = k - 1 if k >= 2 and _capitalised(words[k - 1].group(0)) else 0
            return words[keep - 1].end() if keep >= 2 else 0
    return len(text.rstrip())


def _headline_stop(line: str, pos: int, window: int) -> int:
    """Where a glued headline starting at `pos` ends; `window` when no end is found before it."""
    for stop in _HEADLINE_STOP.finditer(line, pos, window):
        at = stop.start()
        if at == stop.end() and line[at:at + 1].isupper():  # a glued capital: inside "McGregor"?
            word_start = max(line.rfind(" ", 0, at), line.rfind(",", 0, at)) + 1
            if any(line.startswith(w, word_start) and at < word_start + len(w) for w in _CAMEL_WORDS):
                continue
        return at
    return window


def _teaser_spans(line: str, rules: Rules) -> list[Span]:
    spans: list[Span] = []
    for m in rules.glued_teaser.finditer(line):
        start, end = m.start(), m.end()
        opener = (m.group("open") or "").strip()
        if not m.group(0).rstrip().endswith((":", ";")):
            # "Baca juga,,," without its colon: only as CLICK-ID left it, capitalised, after a join.
            before = line[max(0, start - 40):start].rstrip(" \u00a0")  # (never copy the whole line)
            if not m.group("marker")[0].isupper() or (before and before[-1] not in ",.!?\"”"):
                continue
        rest = line[end:end + 400]
        lead = len(rest) - len(rest.lstrip(" \u00a0"))
        if opener in ("(", "["):
            close = line.find(")" if opener == "(" else "]", end)
            if close != -1 and (not line[end:close].strip(" ,") or _headline_length(line[end:close].strip()) > 0):
                spans.append((start, close + 1, "teaser"))
                continue
            start = m.start("marker")  # leave the bracket to the text it may belong to
        elif opener in ("\"", "“"):
            close = _CLOSE_QUOTE.search(line, end, min(len(line), end + 250))
            if close and _headline_length(line[end:close.start()].strip()) > 0:
                spans.append((start, close.end(), "teaser"))
                continue
            start = m.start("marker")  # the quote closed the sentence before: not the teaser's
        if not rest.strip() or rest.lstrip(" \u00a0").startswith(","):
            # CLICK-ID: the linked headline was dropped, only commas are left.
            tail = re.match(r"[\s,\u00a0]*", rest)
            spans.append((start, end + (tail.end() if tail else 0), "teaser"))
            continue
        window = min(len(line), end + 300)  # a headline is short: do not scan the whole body
        stop_at = _headline_stop(line, end + lead + 1, window)
        if stop_at == window < len(line):
            spans.append((start, end, "teaser"))  # no end in sight: cut only the marker
            continue
        if stop_at < len(line) and line[stop_at] in "!?":
            stop_at += 1  # the headline owns its "?" / "!"
        length = _headline_length(line[end:stop_at])
        spans.append((start, end + length if length else end, "teaser"))  # else only the marker
    return spans


def _gambas_spans(line: str, rules: Rules) -> list[Span]:
    spans: list[Span] = []
    for m in rules.gambas.finditer(line):
        kind = m.group("kind").strip().lower()
        reason = "video" if kind in rules.video_kinds or "video" in kind or "youtube" in kind else "other"
        spans.append((m.start(), m.end(), reason))
        # Old detik bodies end with the page's lower-case topic tags after the player.
        tail = line[m.end():]
        if tail.strip() and re.fullmatch(r"[\s\da-z'-]+", tail):
            spans.append((m.end(), len(line), "other"))
    return spans


# (pattern name, reason, lower-case words one of which must be in the line): the cheap
# substring test skips the regex on the many lines that cannot match (CLICK-ID lines are long).
_SIMPLE = (
    ("bracket_teaser", "teaser", ("baca",)),
    ("glued_video", "video", ("video",)),
    ("video_leadin", "video", ("video",)),
    ("page_nav", "ad", ("halaman",)),
    ("syndication", "credit", ("artikel ini",)),
    ("video_below", "video", ("di bawah ini",)),
    ("read_more_at", "teaser", ("selengkapnya",)),
    ("photo_paren", "credit", ("foto",)),
    ("empty_byline", "credit", ("penulis", "reporter", "editor", "pewarta")),
    ("caps_layout", "ad", ("advertisement", "scroll to")),
    ("next_page_cta", "ad", ("halaman selanjutnya", "halaman berikutnya")),
    ("byline_pair", "credit", ("reporter", "penulis", "editor", "pewarta")),
    ("embed_card", "other", ("post shared by", "kiriman dibagikan oleh")),
)
# Triggers of INLINE_PHRASES: the first word of each phrase.
_INLINE_TRIGGERS = {reason: tuple({p.split()[0].lower() for p in phrases}) for reason, phrases in B.INLINE_PHRASES.items()}


def _simple_spans(line: str, low: str, rules: Rules, first: bool) -> list[Span]:
    spans: list[Span] = []
    for name, reason, triggers in _SIMPLE:
        if any(t in low for t in triggers):
            spans.extend((m.start(), m.end(), reason) for m in getattr(rules, name).finditer(line))
    for reason, triggers in _INLINE_TRIGGERS.items():
        if any(t in low for t in triggers):
            spans.extend((m.start(), m.end(), reason) for m in rules.inline_phrases[reason].finditer(line))
    if "foto" in low and _PHOTO_COLON.search(low):
        for m in rules.photo_glued.finditer(line):
            before = line[max(0, m.start() - 3):m.start()]
            # A caption credit glued after a join or a sentence ("...dipilih.,Foto: Dok. BBC,").
            if len(m.group(0).split()) <= 8 and (not before or before[-1] in ",." or before.endswith((". ", "! ", "? ")) or before[-1].islower()):
                spans.append((m.start(), m.end(), "credit"))
    if first and any(t in low[:80] for t in ("reporter", "penulis", "editor", "pewarta")):
        m = rules.leading_byline.match(line)
        if m:
            spans.append((m.start(), m.end(), "credit"))
    return spans


def _tail_spans(text: str, rules: Rules) -> list[Span]:
    """Credits at the very end of the article: bylines, editor initials, closing names."""
    spans: list[Span] = []
    end = len(text)
    base = max(0, end - 400)  # tail credits are short: look at the end only (bodies can be long)
    for _ in range(6):
        head = text[base:end]
        low = head.lower()
        m = None
        # Cheap substring tests first: most bodies end in a plain sentence.
        if any(t in low for t in ("penulis", "reporter", "editor", "pewarta", "sumber", "disadur")):
            m = rules.byline_tail.search(head) or rules.adapted_tail.search(head)
        if not m and any(t in low for t in ("copyright", "©", "hak cipta")):
            m = rules.copyright_tail.search(head)
        if not m and "|" in head:
            m = rules.caps_names_tail.search(head)
        if m:
            reason = "credit"
            start = base + m.start("frag")
        else:
            m = rules.initials_tail.search(head) if ")" in head else None
            if not m:
                break
            start = base + m.start()
            reason = "ad" if re.search(r"\(\s*adv\s*\)", m.group(0), re.I) else "credit"
        if start >= end or start == 0 or text[:start].isspace():
            break  # never cut a line down to nothing here: whole lines are lines.py's job
        spans.append((start, end, reason))
        end = start
    return spans


def merge(spans: list[Span]) -> list[Span]:
    """Overlapping spans become one (the first span's reason wins)."""
    out: list[Span] = []
    for start, end, reason in sorted(spans):
        if out and start < out[-1][1]:
            prev = out[-1]
            out[-1] = (prev[0], max(prev[1], end), prev[2])
        else:
            out.append((start, end, reason))
    return out


def find_fragments(line: str, rules: Rules, last: bool = False, first: bool = False) -> list[Span]:
    """Spans of `line` to cut, with reasons. `first` / `last`: the line opens / closes the article."""
    low = line.lower()
    spans = _simple_spans(line, low, rules, first)
    if any(t in low for t in _TEASER_TRIGGERS):
        spans += _teaser_spans(line, rules)
    if "gambas" in low:
        spans += _gambas_spans(line, rules)
    if last:
        # Tail credits are looked for in what remains after the other cuts ("... itu. [Gambas:Video]
        # (rin/raw)"): find them in the cut text, then map back to pieces of the original line.
        cut = merge(spans)
        remaining = apply_spans(line, cut, squeeze=False)  # offsets must map back: plain join
        for start, end, reason in _tail_spans(remaining, rules):
            spans.extend(_original_pieces(start, end, reason, cut))
    return merge(spans)


def _original_pieces(start: int, end: int, reason: str, cut: list[Span]) -> list[Span]:
    """The span [start, end) of the text left after `cut`, as spans of the original line."""
    pieces: list[Span] = []
    pos = shift = 0  # pos: original offset of the current kept segment; shift: chars cut before it
    for c_start, c_end, _ in cut + [(10**12, 10**12, "")]:
        seg_start, seg_end = pos - shift, c_start - shift  # the kept segment, in remaining-text offsets
        lo, hi = max(start, seg_start), min(end, seg_end)
        if lo < hi:
            pieces.append((lo + shift, hi + shift, reason))
        shift += c_end - c_start
        pos = c_end
        if seg_end >= end:
            break
    return pieces


def apply_spans(line: str, spans: list[Span], squeeze: bool = True) -> str:
    """`line` without the spans; with `squeeze`, a cut between two spaces leaves one space, not two."""
    out, pos = [], 0
    for start, end, _ in spans:
        out.append(line[pos:start])
        pos = end
    out.append(line[pos:])
    if not squeeze:
        return "".join(out)
    for k in range(1, len(out)):
        if out[k - 1].endswith(" ") and out[k].startswith(" "):
            out[k] = out[k].lstrip(" ")
    return "".join(out)

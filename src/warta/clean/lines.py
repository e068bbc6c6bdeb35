"""Whole lines that are not the article: one line on its own, then rules that need neighbours."""
from __future__ import annotations

import re

from ..lang.id import boilerplate as B
from .rules import QUOTES, Rules, squash

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z\"“])")
_MULTI_SENTENCE = re.compile(r"[.!?][\"”’]?\s+[A-Z\"“]")
_QUOTED = re.compile(r"[\"“][^\"”]{1,200}[\"”]|(?<!\w)['‘][^'’]{1,200}['’](?!\w)")
_WS = re.compile(r"[\s\u00a0\u200b\u200e\ufeff]+")
_TEASER_HEADERS = frozenset(B.GLUED_TEASER_PHRASES)  # a bare header line: the headlines under it are teasers


def tidy(line: str) -> str:
    """One space between words, no outer spaces (tabs and no-break spaces are spaces too)."""
    if "\u200b" in line or "\u200e" in line or "\ufeff" in line:
        line = _WS.sub(" ", line)
    return " ".join(line.split())  # str.split() knows no-break and other Unicode spaces


def is_attributed_quote(s: str, rules: Rules) -> bool:
    """A line opening with a quote and naming its speaker after it: somebody's words, keep it."""
    return bool(s) and s[0] in QUOTES and bool(rules.attributed_quote.search(s))


def _rest_ok(reason: str, marker: str, rest: str) -> bool:
    words = rest.split()
    limit = B.MAX_REST_WORDS[reason]
    if reason == "credit" and marker.lower().lstrip("*\"“'‘([ ").startswith(B.LONG_CREDIT_PREFIX):
        limit = B.LONG_CREDIT_MAX_WORDS
    if len(words) > limit:
        return False
    # A teaser is one headline: a second sentence after it means the line goes on with article text.
    unquoted = _QUOTED.sub("Q", rest.strip())  # a quoted headline may hold "!" or "?"
    if reason in ("teaser", "video", "ad") and _MULTI_SENTENCE.search(unquoted) and not is_headline(rest):
        return False  # (a headline may hold "?": "Jualan Online Makin Cuan? Kini Kena Pajak")
    return True


def _cta_line(s: str, rules: Rules) -> bool:
    """ "Lalu bagaimana ...? Ikuti diskusinya dalam X." -- a promo for another programme or page."""
    sentences = [x for x in _SENTENCE_END.split(s) if x.strip()]
    if not sentences or len(sentences) > 3 or not rules.cta.match(sentences[-1].lstrip("\"“ ")):
        return False
    return all(x.rstrip("\"”’ ").endswith("?") for x in sentences[:-1])


def classify_line(line: str, rules: Rules) -> str | None:
    """The reason this line on its own is not article text, or None (blank lines give None)."""
    if len(line) > 900:
        return None  # longer than any marker line allows: a whole paragraph, or a CLICK-ID body
    s = tidy(line)
    if not s:
        return None
    if rules.punct_only.match(s):
        return "other"
    key = squash(s)
    if key in rules.exact:
        return rules.exact[key]
    bare = s.strip("| ")
    m = rules.gambas.fullmatch(bare)
    if m:
        return "video" if m.group("kind").strip().lower() in rules.video_kinds or "video" in m.group("kind").lower() else "other"
    if rules.initials_line.match(s):
        return "ad" if key == "adv" else "credit"
    if rules.photo_paren.fullmatch(bare):
        return "credit"
    if is_attributed_quote(s, rules):
        return None
    m = rules.caps_teaser.match(s)
    if m and _rest_ok("teaser", "", s[m.end():]):
        return "teaser"
    if rules.embed_card.fullmatch(bare):
        return "other"
    for reason, pattern in rules.lead:
        m = pattern.match(s)
        if m and _rest_ok(reason, m.group("marker"), s[m.end():]):
            return reason
    if len(s) < 800 and rules.cta_anywhere.search(s) and _cta_line(s, rules):
        return "other"
    return None


def is_headline(s: str) -> bool:
    """A related-article headline: short, no closing full stop, mostly capitalised words."""
    s = tidy(s)
    words = s.split()
    if not 2 <= len(words) <= 18 or s.endswith((".", ",", ";", ":")) or s[0] in QUOTES:
        return False
    content = [w for w in words if w.lower().strip(",:!?") not in B.HEADLINE_SMALL_WORDS]
    if not content:
        return False
    caps = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return caps / len(content) >= 0.7


def classify_lines(lines: list[str], rules: Rules) -> dict[int, str]:
    """Reasons for every boilerplate line (index into `lines`), using neighbours where needed."""
    found: dict[int, str] = {}
    for i, line in enumerate(lines):
        reason = classify_line(line, rules)
        if reason:
            found[i] = reason
    content = [i for i, line in enumerate(lines) if line.strip()]

    # A bare "Baca juga:" / "Berita terkait" header: the headlines under it are the teaser.
    for pos, i in enumerate(content):
        if found.get(i) == "teaser" and squash(lines[i]) in _TEASER_HEADERS:
            for j in content[pos + 1:pos + 4]:
                if j in found or not is_headline(lines[j]):
                    break
                found[j] = "teaser"

    # A programme promo closing the body: tagline last, programme names in the lines before.
    if content and rules.tagline.search(lines[content[-1]]):
        window = content[-B.PROGRAMME_BLOCK_MAX_LINES:]
        start = next((i for i in window[:-1] if rules.programme.search(lines[i]) or found.get(i) == "other"), window[-1])
        for i in content:
            if i >= start:
                found.setdefault(i, "other")

    # What is left at the end: an embed lead-in whose player is gone, and closing name credits.
    kept = [i for i in content if i not in found]
    if kept:
        last = kept[-1]
        s = tidy(lines[last])
        if s.endswith(":") and len(s.split()) <= 14 and rules.embed_lead.search(s) and not is_attributed_quote(s, rules):
            found[last] = "video"
        elif rules.caps_names.match(s) and ("|" in s or len(s.split()) <= 3) and len(kept) > 1:
            found[last] = "credit"
    return found

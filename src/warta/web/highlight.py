"""Scraped text → safe HTML with highlighted spans.

Every piece of text is escaped on its own and the markup around it is ours, so hostile input can
never open a tag. Spans may overlap or nest (a quote holding names and amounts): the text is cut at
every span boundary and each piece carries the classes of all spans covering it, so the markup is
flat and always well formed.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

# Kind → (css class, legend label). Entity labels get their own class (hl-PER, hl-ORG, ...).
KINDS: dict[str, str] = {
    "PER": "person", "ORG": "organisation", "LOC": "place", "MISC": "other name",
    "amount": "amount", "date": "date", "quote": "quote",
}
KNOWN_LABELS = ("PER", "ORG", "LOC")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str               # "entity", "amount", "date", "quote"
    label: str = ""         # entity label (PER/ORG/LOC/...) or ""
    title: str = ""         # tooltip: what the span is
    link: str | None = None  # entity page for entities

    @property
    def css(self) -> str:
        if self.kind == "entity":
            lab = self.label if self.label in KNOWN_LABELS else "MISC"
            return f"hl-ent hl-{lab}"
        return f"hl-{self.kind}"


def _int(v: Any) -> int | None:
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def entity_url(name: str) -> str:
    return "/entities/" + quote(name, safe="")


def spans_of(article: Any) -> list[Span]:
    """All highlightable spans of an article (entities, amounts, dates, quotes), bad offsets dropped."""
    n = len(article.text or "")
    out: list[Span] = []

    def add(items: Iterable[dict], kind: str, make) -> None:
        for it in items or []:
            if not isinstance(it, dict):
                continue
            s, e = _int(it.get("start")), _int(it.get("end"))
            if s is None or e is None:
                continue
            s, e = max(0, s), min(n, e)
            if s < e:
                out.append(make(s, e, it))

    add(article.entities, "entity", lambda s, e, it: Span(
        s, e, "entity", str(it.get("label") or ""),
        f"{it.get('label') or 'entity'}: {it.get('canonical') or it.get('text') or ''}",
        entity_url(str(it.get("canonical") or it.get("text") or article.text[s:e]))))
    add(article.amounts, "amount", lambda s, e, it: Span(
        s, e, "amount", title="amount: " + " ".join(str(x) for x in (it.get("value"), it.get("unit"), it.get("hedge"))
                                                    if x not in (None, ""))))
    add(article.dates, "date", lambda s, e, it: Span(s, e, "date", title=f"date: {it.get('value') or ''}"))
    add(article.quotes, "quote", lambda s, e, it: Span(
        s, e, "quote", title=f"quote by {it.get('speaker') or 'unknown speaker'}"
        + (f" ({it.get('verb')})" if it.get("verb") else "")))
    return out


def render_spans(text: str, spans: Sequence[Span]) -> Markup:
    """The text as HTML: each piece between span boundaries escaped and wrapped in its spans' classes."""
    text = text or ""
    if not spans:
        return Markup(escape(text))
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    # Sweep: spans sorted by start; the active set changes only at cut points.
    by_start = sorted(spans, key=lambda s: (s.start, -s.end))
    active: list[Span] = []
    nxt = 0
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [s for s in active if s.end > a]
        while nxt < len(by_start) and by_start[nxt].start <= a:
            if by_start[nxt].end > a:
                active.append(by_start[nxt])
            nxt += 1
        piece = escape(text[a:b])
        if not active:
            parts.append(piece)
            continue
        classes = " ".join(dict.fromkeys(s.css for s in active))
        title = " · ".join(dict.fromkeys(s.title for s in active if s.title))
        link = next((s.link for s in active if s.link), None)
        inner = f'<span class="hl {classes}" title="{escape(title)}">{piece}</span>'
        parts.append(f'<a class="hl-link" href="{escape(link)}">{inner}</a>' if link else inner)
    return Markup("".join(parts))


def render_article_text(article: Any) -> Markup:
    return render_spans(article.text or "", spans_of(article))


def render_snippet(snippet: str, highlights: Iterable[Sequence[int]]) -> Markup:
    """A search snippet with its matched words in <mark>, every piece escaped."""
    out, pos = [], 0
    n = len(snippet or "")
    for pair in sorted(highlights or []):
        s, e = max(pos, int(pair[0])), min(n, int(pair[1]))
        if s >= e:
            continue
        out.append(escape(snippet[pos:s]))
        out.append(Markup("<mark>") + escape(snippet[s:e]) + Markup("</mark>"))
        pos = e
    out.append(escape((snippet or "")[pos:]))
    return Markup("".join(str(x) for x in out))


def kinds_present(spans: Sequence[Span]) -> list[tuple[str, str]]:
    """(css class, label) for the legend, only kinds that occur, in a fixed order."""
    seen = {s.css for s in spans}
    order = [("hl-ent hl-PER", "person"), ("hl-ent hl-ORG", "organisation"), ("hl-ent hl-LOC", "place"),
             ("hl-ent hl-MISC", "other name"), ("hl-amount", "amount"), ("hl-date", "date"),
             ("hl-quote", "quote")]
    return [(c, lab) for c, lab in order if c in seen]

"""The `clean` stage: keep the article, cut what is not, and say why.

Input: `article.text` as the `html` / prepare stage left it (plain text with the raw line
structure, or trafilatura's text); when empty and the raw input is plain text, the raw text.
Output:
- `article.text`: the kept lines joined with "\\n" (fragments cut, at most one blank line in a row,
  no leading or trailing junk);
- `article.removed`: `{"line", "text", "reason"}` per removed line, `line` a 0-based index into the
  input split on "\\n"; fragments cut out of kept lines carry `"inline": True`;
- `article.site` / `article.dateline` from a prefix such as "JAKARTA, KOMPAS.com - ", which is
  stripped from the text (kept verbatim in `article.meta["prefix"]`, as it is moved, not removed).

The work is split by job: `lines` (whole lines), `inline` (fragments), `prefix` (site names);
the marker lists are data in `warta.lang.id.boilerplate`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..article import Article
from .inline import apply_spans, find_fragments
from .lines import classify_lines
from .prefix import Prefix, byline_then_prefix, find_prefix, leading_junk
from .rules import REASONS, rules

__all__ = ["REASONS", "CleanResult", "clean_text", "make_stage", "CleanStage"]


@dataclass
class CleanResult:
    text: str
    removed: list[dict[str, Any]] = field(default_factory=list)
    site: str | None = None
    dateline: dict[str, str | None] | None = None
    prefix: str | None = None


def clean_text(text: str) -> CleanResult:
    """Clean one article body. Pure function of the text: the stage is a thin wrapper."""
    r = rules()
    lines = text.replace("\r", "").split("\n")  # same line indexes as the input split on "\n"
    found = classify_lines(lines, r)
    removed: list[dict[str, Any]] = [
        {"line": i, "text": lines[i], "reason": reason} for i, reason in sorted(found.items())
    ]
    kept = {i: lines[i] for i in range(len(lines)) if i not in found}
    content = [i for i, line in kept.items() if line.strip()]

    result = CleanResult(text="")
    # The first content line may open with a site prefix / dateline, or what a scraper left of one.
    while content:
        first = content[0]
        line = kept[first]
        prefix = find_prefix(line) or _prefix_below_header(kept, content)
        if prefix and prefix.line is not None:  # "KUTA, KOMPAS.com - " under a caption or a date line
            first, line = prefix.line, kept[prefix.line]
        byline = None if prefix else byline_then_prefix(line)
        if byline:  # "Laporan Wartawan X, Name " before the prefix: a credit, removed and recorded
            credit_end, prefix = byline
            removed.append({"line": first, "text": line[:credit_end].strip(), "reason": "credit", "inline": True})
            prefix.end -= credit_end
            line = line[credit_end:]
        junk = 0 if prefix else leading_junk(line)
        if junk:  # what a scraper left (", , - "), maybe before a dateline (", , - JAKARTA - ")
            prefix = find_prefix(line[junk:])
            if prefix:
                prefix.end += junk
        if prefix:
            result.site, result.prefix = prefix.site, line[:prefix.end]
            if prefix.city:
                result.dateline = {"city": prefix.city, "outlet": prefix.outlet}
            line = line[prefix.end:]
        elif junk:
            result.prefix = line[:junk]
            line = line[junk:]
        kept[first] = line
        if line.strip() or not (prefix or junk):
            break
        content.pop(0)  # the prefix was the whole line ("Jakarta -" on a line of its own)

    # Fragments glued into kept lines.
    for n, i in enumerate(content):
        line = kept[i]
        spans = find_fragments(line, r, last=(n == len(content) - 1), first=(n == 0))
        if not spans:
            continue
        for start, end, reason in spans:
            fragment = line[start:end].strip(" \u00a0")
            if fragment.strip(" ,.;:\u00a0"):
                removed.append({"line": i, "text": fragment, "reason": reason, "inline": True})
        new = apply_spans(line, spans)
        if not new.strip(" ,.;:-\u00a0\t"):
            new = ""
        kept[i] = new

    removed.sort(key=lambda d: (d["line"], d.get("inline", False)))
    result.removed = removed
    result.text = _join(kept)
    return result


def _prefix_below_header(kept: dict[int, str], content: list[int]) -> Prefix | None:
    """A prefix naming an outlet on the 2nd or 3rd content line, under short lines (a photo caption,
    a date: what HTML pages put above the body). City-only datelines count on the first line only."""
    for pos in (1, 2):
        if pos >= len(content) or len(kept[content[pos - 1]].split()) > 30:
            return None
        prefix = find_prefix(kept[content[pos]])
        if prefix and prefix.outlet:
            prefix.line = content[pos]
            return prefix
    return None


def _join(kept: dict[int, str]) -> str:
    """Kept lines in order, blank runs squeezed to one blank line, no junk at either end."""
    out: list[str] = []
    for i in sorted(kept):
        line = kept[i].rstrip()
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(line)
    text = "\n".join(out).strip()
    # Trailing separators left by CLICK-ID joins once the last fragment is gone ("...Rea.,").
    return text.rstrip(" ,;\u00a0\t|").strip()


class CleanStage:
    """`Article -> Article`: fills text, removed, site, dateline."""

    def __call__(self, article: Article) -> Article:
        source = article.text
        if not source and article.raw_format == "text":
            source = article.raw.replace("\r", "")
        result = clean_text(source or "")
        article.text = result.text
        article.removed = result.removed
        if result.site:
            article.site = result.site
        if result.dateline:
            article.dateline = result.dateline
        if result.prefix:
            article.meta["prefix"] = result.prefix
        return article


def make_stage() -> CleanStage:
    return CleanStage()

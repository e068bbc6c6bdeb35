"""Terminal rendering of articles and statistics (rich). Scraped strings are shown as text, never markup."""
from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .article import Article

KIND_STYLES = {"entities": "bold cyan", "amounts": "bold green", "dates": "bold magenta", "quotes": "italic yellow"}


def _highlighted(art: Article) -> Text:
    text = Text(art.text)
    for kind in ("quotes", "entities", "amounts", "dates"):
        for span in getattr(art, kind):
            s, e = span.get("start"), span.get("end")
            if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(art.text):
                text.stylize(KIND_STYLES[kind], s, e)
    return text


def render_article(art: Article, show_raw: bool = False, console: Console | None = None) -> None:
    con = console or Console(highlight=False)
    con.print(Text(art.title or "(untitled)", style="bold"))
    fields = [("id", art.id), ("source", art.source), ("site", art.site), ("published", art.published),
              ("url", art.url), ("language", f"{art.language} ({art.language_confidence})" if art.language else None),
              ("dateline", ", ".join(v for v in (art.dateline or {}).values() if v) or None),
              ("duplicate of", art.duplicate_of), ("cluster", art.cluster)]
    for k, v in fields:
        if v:
            con.print(Text(f"{k:>12}: ", style="dim") + Text(str(v)))
    con.print()
    con.print(_highlighted(art))
    con.print()
    legend = Text("legend: ")
    for kind, style in KIND_STYLES.items():
        legend.append(kind, style=style)
        legend.append("  ")
    con.print(legend)
    if art.removed:
        con.print(Text(f"\nremoved ({len(art.removed)}):", style="bold"))
        for r in art.removed:
            con.print(Text(f"  line {r.get('line')}: [{r.get('reason')}] ", style="dim") + Text(str(r.get("text"))))
    for kind, cols in (("entities", ("label", "canonical", "text")), ("amounts", ("text", "value", "unit", "hedge")),
                       ("dates", ("text", "value")), ("quotes", ("speaker", "verb", "text"))):
        items = getattr(art, kind)
        if not items:
            continue
        table = Table(title=f"{kind} ({len(items)})", title_justify="left", show_edge=False)
        for c in cols:
            table.add_column(c, overflow="fold")
        for it in items:
            table.add_row(*(Text(str(it.get(c)) if it.get(c) is not None else "") for c in cols))
        con.print(table)
    if show_raw:
        con.print(Text("\nraw input:", style="bold"))
        con.print(Text(art.raw))


def render_stats(data: dict[str, Any], db: str, console: Console | None = None) -> None:
    con = console or Console(highlight=False)
    con.print(Text(f"{db}: {data['articles']} articles, {data['first_published'] or '?'} → "
                   f"{data['last_published'] or '?'}", style="bold"))
    con.print(Text(f"duplicates {data['duplicates']} · entities {data['entities']} · amounts {data['amounts']} · "
                   f"quotes {data['quotes']}", style="dim"))
    for key, title in (("by_source", "by source"), ("by_language", "by language"), ("by_month", "by month"),
                       ("removed_by_reason", "removed lines by reason")):
        table = Table(title=title, title_justify="left", show_edge=False)
        table.add_column("value")
        table.add_column("articles" if key != "removed_by_reason" else "lines", justify="right")
        for k, n in data[key].items():
            table.add_row(Text(str(k)), str(n))
        con.print(table)

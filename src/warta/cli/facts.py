"""quotes, amounts: list facts stored in the knowledge base with their articles."""
from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..problems import EXIT_OK
from .common import DbOpt


def _fmt_value(v: float | None) -> str:
    if v is None:
        return ""
    return f"{v:,.0f}".replace(",", ".") if float(v).is_integer() else f"{v:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def quotes(
    db: str = DbOpt,
    speaker: str | None = typer.Option(None, "--speaker", help="Only quotes by this speaker (any part of the name)."),
    direct: bool | None = typer.Option(None, "--direct/--indirect", help="Only direct (or only indirect) quotes."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=1000),
    page: int = typer.Option(1, "--page", min=1),
    as_json: bool = typer.Option(False, "--json"),
) -> int:
    """Who said what: stored quotes with their speakers and articles."""
    from ..facts.corpus import list_quotes
    from ..store import open_store

    store = open_store(db, readonly=True)
    try:
        rows = list_quotes(store, speaker=speaker, direct=direct, limit=limit, offset=(page - 1) * limit)
    finally:
        store.close()
    if as_json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return EXIT_OK
    con = Console(highlight=False)
    if not rows:
        con.print("No quotes found" + (f" by {speaker!r}." if speaker else "."))
        return EXIT_OK
    for r in rows:
        q = Text("“" + r["text"] + "”" if r["direct"] else r["text"], style="italic" if r["direct"] else "")
        con.print(q)
        con.print(Text(f"  — {r['speaker'] or 'unknown speaker'}" + (f" ({r['verb']})" if r["verb"] else ""),
                       style="bold"), Text(f"  {r['title'] or ''} · {r['source'] or ''} · {(r['published'] or '')[:10]} · {r['article_id']}", style="dim"))
        con.print()
    return EXIT_OK


def amounts(
    db: str = DbOpt,
    unit: str | None = typer.Option(None, "--unit", help='Only amounts whose unit contains this word ("Rp", "persen", "keluarga").'),
    min_value: float | None = typer.Option(None, "--min", help="Smallest value."),
    max_value: float | None = typer.Option(None, "--max", help="Largest value."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=1000),
    page: int = typer.Option(1, "--page", min=1),
    as_json: bool = typer.Option(False, "--json"),
) -> int:
    """Numbers in the news: stored amounts with unit, hedge, claimed source and article."""
    from ..facts.corpus import list_amounts
    from ..store import open_store

    store = open_store(db, readonly=True)
    try:
        rows = list_amounts(store, unit=unit, min_value=min_value, max_value=max_value, limit=limit,
                            offset=(page - 1) * limit)
    finally:
        store.close()
    if as_json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return EXIT_OK
    con = Console(highlight=False)
    if not rows:
        con.print("No amounts found" + (f" with unit {unit!r}." if unit else "."))
        return EXIT_OK
    table = Table(show_edge=False)
    for col in ("as written", "value", "unit", "hedge", "source", "article"):
        table.add_column(col, overflow="fold")
    for r in rows:
        value = _fmt_value(r["value"]) + (f"–{_fmt_value(r['value_max'])}" if r["value_max"] is not None else "")
        table.add_row(Text(r["text"] or ""), value + (" ~" if r["vague"] else ""), Text(r["unit"] or ""),
                      Text(r["hedge"] or ""), Text(r["claimed_by"] or ""),
                      Text(f"{r['title'] or ''} ({r['source'] or ''}, {(r['published'] or '')[:10]}) {r['article_id']}"))
    con.print(table)
    return EXIT_OK


def register(app: typer.Typer) -> None:
    app.command()(quotes)
    app.command()(amounts)

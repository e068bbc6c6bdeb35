"""dups, stories, related: duplicate groups and story clusters of a stored corpus (thin commands)."""
from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from ..problems import EXIT_OK
from .common import DbOpt, UserError

JsonOpt = typer.Option(False, "--json", help="Machine-readable output.")
RebuildOpt = typer.Option(False, "--rebuild", help="Recompute for the whole stored corpus first (writes to the database).")


def _open(db: str, rebuild: bool, write: bool = False):
    from ..dedup import storage
    from ..store import open_store

    store = open_store(db, readonly=not (rebuild or write))
    if rebuild:
        storage.rebuild(store)
    elif not storage.has_tables(store):
        store.close()
        raise UserError(f"{db} has no duplicate/story index yet; build it with --rebuild")
    return store


def _when(p: str | None) -> str:
    return (p or "")[:16].replace("T", " ")


def dups(db: str = DbOpt, limit: int = typer.Option(50, "--limit", "-n", min=1, help="Groups to show."),
         rebuild: bool = RebuildOpt, as_json: bool = JsonOpt) -> int:
    """Duplicate chains, largest first: the origin (earliest article and its outlet) and its copies;
    a copy of another copy says which ("copy of ID")."""
    from ..dedup import storage

    store = _open(db, rebuild)
    try:
        groups = storage.duplicate_groups(store, limit)
    finally:
        store.close()
    if as_json:
        print(json.dumps(groups, ensure_ascii=False))
        return EXIT_OK
    from rich.console import Console

    con = Console(highlight=False)
    if not groups:
        con.print("No duplicates found.")
        return EXIT_OK
    for g in groups:
        c = g["canonical"]
        con.print(f"[bold]{c.get('title') or '(untitled)'}[/bold]  [dim]{len(g['copies'])} copies[/dim]")
        con.print(f"  origin: [green]{g['origin'] or 'unknown outlet'}[/green] · {_when(c.get('published'))} · {c['id']}")
        for x in g["copies"]:
            sim = "" if x["kind"] == "exact" else f" {x['similarity']:.2f}" if x["similarity"] is not None else ""
            via = f" [dim](copy of {x['parent']})[/dim]" if x.get("parent") and x["parent"] != c["id"] else ""
            con.print(f"  └ [dim]{x['kind']}{sim}[/dim] {x.get('source') or '?'} · {_when(x.get('published'))} · {x['id']}"
                      f"{via}")
        con.print()
    return EXIT_OK


def stories(db: str = DbOpt,
            since: str | None = typer.Option(None, "--since", help="Stories seen on or after this date (YYYY[-MM[-DD]])."),
            min_size: int = typer.Option(2, "--min-size", min=1, help="Smallest story to list."),
            limit: int = typer.Option(30, "--limit", "-n", min=1, help="Stories to show."),
            rebuild: bool = RebuildOpt,
            refine: bool = typer.Option(False, "--refine", help="Re-cluster the stored stories first with the "
                                        "whole-input algorithm of `warta extract` (the articles published in "
                                        "--since/--until and their stories; all without them). Writes to the database."),
            until: str | None = typer.Option(None, "--until", help="With --refine: the last publication date "
                                             "(YYYY-MM-DD) to re-cluster."),
            as_json: bool = JsonOpt) -> int:
    """Story clusters across outlets, largest first: label (most central headline), outlets, first/last seen."""
    import sys

    from ..dedup import storage

    if until and not refine:
        raise UserError("--until only applies with --refine")
    store = _open(db, rebuild, write=refine)
    try:
        if refine:
            from ..dedup.refine import refine_stored

            done = refine_stored(store, since, until)
            print(f"refined {done['articles']} articles: {done['stories_before']} stories → "
                  f"{done['stories_after']}, {done['moved']} articles changed story", file=sys.stderr)
        rows = storage.list_stories(store, since, min_size, limit)
    finally:
        store.close()
    if as_json:
        print(json.dumps(rows, ensure_ascii=False))
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table

    con = Console(highlight=False)
    if not rows:
        con.print("No stories" + (f" since {since}" if since else "") + f" with {min_size} or more articles.")
        return EXIT_OK
    # Nothing is cut with "…" on a narrow terminal: the id is what `warta related` and the web
    # take, so long cells wrap instead.
    table = Table()
    for col in ("articles", "story", "outlets", "first seen", "last seen", "id"):
        table.add_column(col, overflow="fold")
    for r in rows:
        outlets = ", ".join(f"{k} ({v})" if v > 1 else k for k, v in list(r["outlets"].items())[:6])
        if len(r["outlets"]) > 6:
            outlets += f", +{len(r['outlets']) - 6}"
        table.add_row(str(r["size"]), r["label"] or "(untitled)", outlets, _when(r["first_seen"]),
                      _when(r["last_seen"]), r["cluster"])
    con.print(table)
    return EXIT_OK


def related(article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix of it).")],
            db: str = DbOpt, limit: int = typer.Option(10, "--limit", "-n", min=1, help="Articles per section."),
            as_json: bool = JsonOpt) -> int:
    """Related articles for one article: its copies, its story, the closest other stories."""
    from ..dedup import storage

    store = _open(db, False)
    try:
        data = storage.related(store, article_id, limit)
    finally:
        store.close()
    if data is None:
        raise UserError(f"no article with id {article_id!r} in {db}")
    if as_json:
        print(json.dumps(data, ensure_ascii=False))
        return EXIT_OK
    _render_related(data)
    return EXIT_OK


def _render_related(data: dict[str, Any]) -> None:
    from rich.console import Console

    con = Console(highlight=False)
    a = data["article"]
    con.print(f"[bold]{a.get('title') or '(untitled)'}[/bold]  [dim]{a.get('source') or ''} · "
              f"{_when(a.get('published'))} · {a['id']}[/dim]\n")
    if data["copies"]:
        con.print("[bold]Copies[/bold]")
        for x in data["copies"]:
            sim = f" {x['similarity']:.2f}" if x.get("similarity") is not None and x["kind"] != "exact" else ""
            con.print(f"  {x.get('relation', ''):<9} {x['kind']}{sim} {x.get('source') or '?'} · "
                      f"{_when(x.get('published'))} · {x.get('title') or ''} [dim]{x['id']}[/dim]")
        con.print()
    if data["story"]:
        s = data["story"]
        con.print(f"[bold]Same story[/bold] [dim]{s['label'] or ''} · {s['size']} articles · "
                  f"{_when(s['first_seen'])} – {_when(s['last_seen'])}[/dim]")
        for x in data["same_story"]:
            con.print(f"  {x['similarity']:.2f} {x.get('source') or '?'} · {_when(x.get('published'))} · "
                      f"{x.get('title') or ''} [dim]{x['id']}[/dim]")
        if not data["same_story"]:
            con.print("  [dim](no other article in this story)[/dim]")
        con.print()
    if data["other_stories"]:
        con.print("[bold]Nearby stories[/bold]")
        for x in data["other_stories"]:
            con.print(f"  {x['similarity']:.2f} {x['label'] or '(untitled)'} [dim]{x['size']} articles · "
                      f"{x['cluster']}[/dim]")


def register(app: typer.Typer) -> None:
    for fn in (dups, stories, related):
        app.command()(fn)

"""extract, ingest, search, show, stats, export: thin commands over the library."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..problems import EXIT_OK, EXIT_SKIPPED, Problems
from .common import DbOpt, QuietOpt, UserError, debug_enabled


def _reader_options(text_column, title_column, date_column, url_column, id_column, source_column,
                    time_column=None, html_column=None, dayfirst=None, max_record_mb=50):
    from ..readers import ReaderOptions

    return ReaderOptions(text_column=text_column, title_column=title_column, date_column=date_column,
                         url_column=url_column, id_column=id_column, source_column=source_column,
                         time_column=time_column, html_column=html_column, dayfirst=dayfirst,
                         max_record_bytes=int(max_record_mb * 1024 * 1024))


def _stages(stages: str | None):
    if not stages:
        return None
    from ..pipeline import REGISTRY

    names = [s.strip() for s in stages.split(",") if s.strip()]
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise UserError(f"unknown stage(s) {', '.join(unknown)}; known: {', '.join(REGISTRY)}")
    return names


def _finish(problems: Problems, quiet: bool, what: str) -> int:
    if problems.total:
        print(f"warta: {what}; skipped or failed: {problems.summary()}", file=sys.stderr)
        return EXIT_SKIPPED
    return EXIT_OK


TextCol = typer.Option(None, "--text-column", help="Column/field holding the article text (CSV, JSONL).")
TitleCol = typer.Option(None, "--title-column", help="Column/field holding the title.")
DateCol = typer.Option(None, "--date-column", help="Column/field holding the publication date.")
UrlCol = typer.Option(None, "--url-column", help="Column/field holding the URL.")
IdCol = typer.Option(None, "--id-column", help="Column/field holding the article id.")
SourceCol = typer.Option(None, "--source-column", help="Column/field holding the outlet name.")
TimeCol = typer.Option(None, "--time-column", help="Column/field holding the publication time, if apart from the date.")
HtmlCol = typer.Option(None, "--html-column", help="Column/field holding the page HTML.")
DayFirstOpt = typer.Option(None, "--dayfirst/--monthfirst", help="Read numeric dates like 5/6/2025 day first "
                           "or month first (default: learnt per file from the first unambiguous date).")
MaxRecordOpt = typer.Option(50.0, "--max-record-mb", min=0.001, help="Skip (and report) records larger than this.")
WorkersOpt = typer.Option(None, "--workers", "-w", help="Worker processes (default: all cores).")
StagesOpt = typer.Option(None, "--stages", help="Comma-separated stages to run (default: all installed).")


def extract(
    paths: Annotated[list[str], typer.Argument(help="Files or directories; '-' reads JSON Lines on stdin.")],
    workers: int | None = WorkersOpt, stages: str | None = StagesOpt, quiet: bool = QuietOpt,
    text_column: str | None = TextCol, title_column: str | None = TitleCol,
    date_column: str | None = DateCol, url_column: str | None = UrlCol,
    id_column: str | None = IdCol, source_column: str | None = SourceCol,
    time_column: str | None = TimeCol, html_column: str | None = HtmlCol,
    dayfirst: bool | None = DayFirstOpt, max_record_mb: float = MaxRecordOpt,
    corpus: bool = typer.Option(False, "--corpus", help="Treat the input as one corpus: fill duplicate_of and "
                                "cluster (holds every article in memory until the end)."),
    cluster: str | None = typer.Option(None, "--cluster", help="Run on Dask: local, local:N (N workers) or "
                                       "tcp://HOST:8786 (a running scheduler). Writes Parquet shards to --out."),
    out: str | None = typer.Option(None, "--out", help="Directory for Parquet shards and their manifest."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl (stdout) or parquet (shards in --out)."),
    no_dedup: bool = typer.Option(False, "--no-dedup", help="With --out: skip the corpus-wide duplicate pass."),
) -> int:
    """Print one JSON object per article (the output contract) on stdout, or write Parquet shards."""
    from ..ingest import extract as run_extract
    from ..readers import iter_articles
    from ..runner import Progress

    opts = _reader_options(text_column, title_column, date_column, url_column, id_column, source_column,
                           time_column, html_column, dayfirst, max_record_mb)
    if cluster or out or fmt == "parquet":
        from .scale import extract_to_shards

        return extract_to_shards(paths, cluster or "local", out, "parquet" if fmt == "jsonl" and out else fmt,
                                 stages=_stages(stages), reader_opts=opts, quiet=quiet, dedup=not no_dedup)
    if fmt != "jsonl":
        raise UserError(f"unknown format {fmt!r}: use jsonl or parquet")
    problems = Problems()
    progress = Progress(quiet or not sys.stderr.isatty(), "extract")
    out = sys.stdout
    try:
        results = run_extract(iter_articles(paths, problems, opts), _stages(stages), workers=workers,
                              problems=problems, progress=progress, debug=debug_enabled())
        if corpus:
            from ..dedup import annotate

            results = annotate(list(results))
        for art in results:
            out.write(json.dumps(art.to_output(), ensure_ascii=False))
            out.write("\n")
    finally:
        progress.close()
    out.flush()
    return _finish(problems, quiet, f"extracted {progress.count} articles")


def ingest(
    paths: Annotated[list[str] | None, typer.Argument(help="Files or directories; '-' reads JSON Lines on stdin.")] = None,
    db: str = DbOpt,
    from_dir: str | None = typer.Option(None, "--from", help="Bulk-load the Parquet shards of `warta extract --out DIR`."), workers: int | None = WorkersOpt, stages: str | None = StagesOpt,
    quiet: bool = QuietOpt,
    text_column: str | None = TextCol, title_column: str | None = TitleCol,
    date_column: str | None = DateCol, url_column: str | None = UrlCol,
    id_column: str | None = IdCol, source_column: str | None = SourceCol,
    time_column: str | None = TimeCol, html_column: str | None = HtmlCol,
    dayfirst: bool | None = DayFirstOpt, max_record_mb: float = MaxRecordOpt,
) -> int:
    """Process articles and store them (idempotent, resumable) in the knowledge base."""
    if from_dir:
        if paths:
            raise UserError("give either input files or --from DIR, not both")
        from .scale import ingest_from_shards

        return ingest_from_shards(from_dir, db, quiet)
    if not paths:
        raise UserError("nothing to ingest: give files, directories, '-' for stdin, or --from DIR")
    from .. import dedup
    from ..ingest import ingest as run_ingest
    from ..readers import iter_articles
    from ..runner import Progress
    from ..store import open_store

    dedup.register()  # duplicates and story clusters kept up to date as batches are stored
    problems = Problems()
    opts = _reader_options(text_column, title_column, date_column, url_column, id_column, source_column,
                           time_column, html_column, dayfirst, max_record_mb)
    store = open_store(db)
    progress = Progress(quiet, "ingest")
    try:
        result = run_ingest(iter_articles(paths, problems, opts), store, _stages(stages), workers=workers,
                            problems=problems, progress=progress, debug=debug_enabled())
    finally:
        progress.close()
        store.close()
    if not quiet:
        print(f"warta: {db}: {result.inserted} new, {result.updated} updated, "
              f"{result.unchanged} already stored", file=sys.stderr)
    return _finish(problems, quiet, "ingest finished")


def search(
    query: Annotated[str, typer.Argument(help='Words, "phrases", AND/OR/NOT, prefix*, title:word.')],
    db: str = DbOpt,
    source: str | None = typer.Option(None, "--source", help="Only this outlet (substring, any case)."),
    since: str | None = typer.Option(None, "--since", help="Published on or after (YYYY[-MM[-DD]])."),
    until: str | None = typer.Option(None, "--until", help="Published on or before (YYYY[-MM[-DD]])."),
    lang: str | None = typer.Option(None, "--lang", help="Language code, e.g. id, ms, en."),
    limit: int = typer.Option(10, "--limit", "-n", min=1, max=1000, help="Results per page."),
    page: int = typer.Option(1, "--page", min=1, help="Page of results."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> int:
    """Search stored articles (BM25 over stemmed words, Indonesian-aware) with highlighted snippets."""
    from ..store import QuerySyntaxError, open_store

    store = open_store(db, readonly=True)
    try:
        result = store.search(query, source=source, since=since, until=until, lang=lang, limit=limit,
                              offset=(page - 1) * limit)
    except QuerySyntaxError as exc:
        raise UserError(f"bad query: {exc}") from exc
    finally:
        store.close()
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return EXIT_OK
    from rich.console import Console
    from rich.text import Text

    con = Console(highlight=False)
    if not result.hits:
        con.print(f"No articles match [bold]{query}[/bold]" + (" with these filters." if any(
            (source, since, until, lang)) else ". Try fewer or other words, or a prefix like korup*."))
        return EXIT_OK
    first = result.offset + 1
    total = f"{result.total:,}" + ("" if result.total_exact else "+")
    con.print(f"[dim]{total} articles match; showing {first}–{result.offset + len(result.hits)}"
              + (f" (very common words: ranked among the newest {result.ranked_within:,} matches)"
                 if result.ranked_within else "") + "[/dim]\n")
    for i, hit in enumerate(result.hits, start=first):
        head = Text(f"{i}. ", style="bold")
        head.append(hit.title or "(untitled)", style="bold")
        con.print(head)
        meta = " · ".join(x for x in (hit.source, (hit.published or "")[:16], hit.language, hit.id) if x)
        con.print(Text(meta, style="dim"))
        snip = Text(hit.snippet)
        for s, e in hit.highlights:
            snip.stylize("bold yellow", s, e)
        con.print(snip)
        con.print()
    return EXIT_OK


def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix of it).")],
    db: str = DbOpt,
    as_json: bool = typer.Option(False, "--json", help="The article as JSON (output contract)."),
    raw: bool = typer.Option(False, "--raw", help="Also include the raw input."),
) -> int:
    """Show one stored article: metadata, clean text, removed lines with reasons, facts."""
    from ..store import open_store

    store = open_store(db, readonly=True)
    try:
        art = store.get(article_id)
    finally:
        store.close()
    if art is None:
        raise UserError(f"no article with id {article_id!r} in {db}")
    if as_json:
        data = art.to_output()
        if raw:
            data["raw"], data["raw_format"] = art.raw, art.raw_format
        print(json.dumps(data, ensure_ascii=False))
        return EXIT_OK
    from ..render import render_article

    render_article(art, show_raw=raw)
    return EXIT_OK


def stats(db: str = DbOpt, as_json: bool = typer.Option(False, "--json")) -> int:
    """Counts by outlet, language, month and removed-line reason."""
    from ..store import open_store

    store = open_store(db, readonly=True)
    try:
        data = store.stats()
    finally:
        store.close()
    if as_json:
        print(json.dumps(data, ensure_ascii=False))
        return EXIT_OK
    from ..render import render_stats

    render_stats(data, db)
    return EXIT_OK


def export(
    db: str = DbOpt,
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl or parquet."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Output file (jsonl: default stdout; parquet: required)."),
    raw: bool = typer.Option(True, "--raw/--no-raw", help="Include the raw input."),
    quiet: bool = QuietOpt,
) -> int:
    """Export stored articles as JSON Lines or Parquet (zstd)."""
    from ..export import export_jsonl, export_parquet
    from ..store import open_store

    if fmt not in ("jsonl", "parquet"):
        raise UserError(f"unknown format {fmt!r}: use jsonl or parquet")
    store = open_store(db, readonly=True)
    try:
        if fmt == "parquet":
            if out is None:
                raise UserError("parquet export needs --out FILE.parquet")
            n = export_parquet(store, out, include_raw=raw)
        else:
            n = export_jsonl(store, out, include_raw=raw)
    finally:
        store.close()
    if not quiet:
        print(f"warta: exported {n} articles" + (f" to {out}" if out else ""), file=sys.stderr)
    return EXIT_OK


def register(app: typer.Typer) -> None:
    for fn in (extract, ingest, search, show, stats, export):
        app.command()(fn)

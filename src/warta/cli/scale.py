"""Distributed runs from the command line: thin wrappers over `warta.scale`.

`extract_to_shards` and `ingest_from_shards` are what `warta extract --cluster ... --out DIR` and
`warta ingest --from DIR` call (core.py wires the options); `warta shards DIR` shows a run's
manifest and `warta dedup-shards DIR` finds corpus-wide duplicates over its shards.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from ..problems import EXIT_OK, EXIT_SKIPPED, Problems
from .common import QuietOpt, UserError, debug_enabled

ClusterOpt = typer.Option("local", "--cluster", help="local, local:N (N worker processes here) or tcp://HOST:8786.")


def extract_to_shards(paths: Sequence[str], cluster: str | None, out: str | None, fmt: str = "parquet",
                      stages: Sequence[str] | None = None, reader_opts: Any = None, quiet: bool = False,
                      dedup: bool = True, shard_mb: int = 64) -> int:
    """`warta extract FILES --cluster SPEC --out DIR [--format parquet]`; returns the exit status."""
    from ..runner import Progress
    from ..scale import ClusterSpecError, dedup_distributed, extract_distributed, parse_spec

    if not out:
        raise UserError("a distributed extract writes Parquet shards: give --out DIR")
    if fmt != "parquet":
        raise UserError(f"--cluster writes Parquet shards; --format {fmt} is not available there")
    if "-" in paths:
        raise UserError("a distributed run reads files, not stdin: save the input to a file first")
    cluster = cluster or "local"
    try:
        parse_spec(cluster)
    except ClusterSpecError as exc:
        raise UserError(str(exc)) from exc
    problems = Problems()
    progress = Progress(quiet or not sys.stderr.isatty(), "extract")
    try:
        manifest = extract_distributed(paths, out, cluster, stages=stages, reader_opts=reader_opts,
                                       problems=problems, progress=progress, shard_bytes=shard_mb * 1024 * 1024,
                                       debug=debug_enabled())
        if dedup and manifest["complete"] and manifest["articles"]:
            dedup_distributed(out, cluster)
    finally:
        progress.close()
    if not quiet:
        print(f"warta: {manifest['articles']} articles in {len(manifest['shards'])} shards under {out} "
              f"({manifest['seconds']:.1f} s)", file=sys.stderr)
    if problems.total:
        print(f"warta: extract finished; skipped or failed: {problems.summary()}", file=sys.stderr)
        return EXIT_SKIPPED
    return EXIT_OK


def ingest_from_shards(src: str, db: str, quiet: bool = False) -> int:
    """`warta ingest --from DIR --db DB`: bulk-load a distributed run's shards; returns the exit status."""
    from ..runner import Progress
    from ..scale import ShardsError, load_shards, read_manifest
    from ..store import open_store

    try:
        manifest = read_manifest(src)
    except ShardsError as exc:
        raise UserError(str(exc)) from exc
    store = open_store(db)
    progress = Progress(quiet, "ingest", total=manifest["articles"])
    try:
        result = load_shards(src, store, progress=progress)
    finally:
        progress.close()
        store.close()
    if not quiet:
        print(f"warta: {db}: {result.inserted} new, {result.updated} updated, {result.unchanged} already stored",
              file=sys.stderr)
    if not manifest.get("complete", True):
        print(f"warta: {src}: the run was incomplete (failed shards: {', '.join(manifest['failed'])}); "
              "re-run the extract to finish it", file=sys.stderr)
        return EXIT_SKIPPED
    return EXIT_OK


def shards(directory: Annotated[str, typer.Argument(help="The --out DIR of a distributed extract.")],
           as_json: bool = typer.Option(False, "--json", help="The manifest as JSON.")) -> int:
    """Show what a distributed run produced: shards, articles, problems, timings, duplicates."""
    from ..scale import ShardsError, read_manifest

    try:
        manifest = read_manifest(directory)
    except ShardsError as exc:
        raise UserError(str(exc)) from exc
    if as_json:
        print(json.dumps(manifest, ensure_ascii=False))
        return EXIT_OK
    status = "complete" if manifest["complete"] else f"INCOMPLETE ({len(manifest['failed'])} shards failed)"
    print(f"{directory}: {manifest['articles']} articles, {len(manifest['shards'])} shards, {status}")
    print(f"stages: {', '.join(manifest['stages'])}; {manifest['problems']} problems; {manifest['seconds']} s")
    if "dedup" in manifest:
        d = manifest["dedup"]
        print(f"duplicates: {d['duplicates']} copies point to an earlier article ({d['seconds']})")
    for s in manifest["shards"]:
        print(f"  {s['file']}  {s['articles']:>7} articles  {s['seconds']:>8.2f} s  "
              f"{s.get('peak_rss_mb', 0):>7.0f} MB  {s.get('worker', '')}{'  (from an earlier run)' if s.get('skipped') else ''}")
    return EXIT_OK


def dedup_shards(directory: Annotated[str, typer.Argument(help="The --out DIR of a distributed extract.")],
                 cluster: str = ClusterOpt, quiet: bool = QuietOpt) -> int:
    """Find corpus-wide duplicates over a run's shards on the cluster (writes DIR/duplicates.parquet)."""
    from ..scale import ClusterSpecError, ShardsError, dedup_distributed

    if not Path(directory, "manifest.json").exists():
        raise UserError(f"no manifest.json in {directory}: not the output of a distributed extract")
    try:
        stats = dedup_distributed(directory, cluster)
    except (ShardsError, ClusterSpecError) as exc:
        raise UserError(str(exc)) from exc
    if not quiet:
        print(f"warta: {stats['duplicates']} of {stats['articles']} articles are copies ({stats['seconds']})",
              file=sys.stderr)
    return EXIT_OK


def register(app: typer.Typer) -> None:
    app.command()(shards)
    app.command("dedup-shards")(dedup_shards)


__all__ = ["extract_to_shards", "ingest_from_shards", "register"]

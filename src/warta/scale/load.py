"""`load_shards`: bulk-load the Parquet shards of a distributed run into a store (`warta ingest --from DIR`).

Reads the manifest, then each listed shard a record batch at a time, and stores the articles in
batches through `store.add` (idempotent: loading twice, or resuming a killed load, stores nothing
twice). Corpus-wide duplicates found by `dedup_distributed` (OUT/duplicates.parquet) are applied
to the records on the way in. The stages are not run again: the shards hold finished records.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from ..article import Article
from ..store import AddResult
from .distributed import FORMAT, MANIFEST
from .parquet import read_articles

DUPLICATES = "duplicates.parquet"


class ShardsError(Exception):
    """The directory is not the output of a distributed run."""


def read_manifest(out_dir: str | Path) -> dict:
    path = Path(out_dir) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ShardsError(f"no {MANIFEST} in {out_dir}: not the output of `warta extract --cluster ... --out DIR`"
                          ) from exc
    except json.JSONDecodeError as exc:
        raise ShardsError(f"{path} is damaged: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise ShardsError(f"{path} is not a warta shard manifest")
    return manifest


def read_duplicates(out_dir: str | Path) -> dict[str, str]:
    """id → duplicate_of (the id of its parent: the earliest article it is a verified copy of) from
    `dedup_distributed`, if it was run. Only those two columns are read, so files written before the
    `origin` and `similarity` columns were added load the same."""
    path = Path(out_dir) / DUPLICATES
    if not path.exists():
        return {}
    import pyarrow.parquet as pq

    table = pq.read_table(str(path), columns=["id", "duplicate_of"]).to_pydict()
    return dict(zip(table["id"], table["duplicate_of"], strict=True))


def iter_shard_articles(out_dir: str | Path, batch_size: int = 500) -> Iterator[Article]:
    """Every article of a distributed run, in input order, with corpus-wide duplicates applied."""
    manifest = read_manifest(out_dir)
    dups = read_duplicates(out_dir)
    for entry in sorted(manifest["shards"], key=lambda s: s["index"]):
        for art in read_articles(Path(out_dir) / entry["file"], batch_size):
            if dups and art.id in dups:
                art.duplicate_of = dups[art.id]
            yield art


def load_shards(out_dir: str | Path, store: Any, *, batch_size: int = 500, progress: Any = None,
                corpus_steps: bool = True) -> AddResult:
    """Store every article of the run; `corpus_steps` also runs `ingest.CORPUS_STEPS` per batch as `warta ingest` does."""
    from ..ingest import CORPUS_STEPS

    total = AddResult()
    stream = iter_shard_articles(out_dir, batch_size)
    while batch := list(islice(stream, batch_size)):
        result = store.add(batch)
        if corpus_steps:
            for step in CORPUS_STEPS:
                step(store, result.ids)
        total += result
        if progress is not None:
            progress.advance(len(batch))
    return total

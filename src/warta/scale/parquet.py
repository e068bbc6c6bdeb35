"""Articles ⇄ Parquet shard files: every field of the record, written atomically.

Columns are the `Article` fields; nested ones (entities, amounts, removed, meta, ...) are JSON text,
as in `warta export --format parquet`, so new keys from improved extractors never break old files.
A file appears under its final name only when complete (write to a temporary name, fsync, rename):
a worker killed mid-write leaves a `.tmp-*` file that is never read and is swept afterwards.
"""
from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import fields
from pathlib import Path

from ..article import Article

_FLOATS = {"language_confidence"}
_NESTED = {"dateline", "removed", "entities", "amounts", "dates", "quotes", "attributions", "meta"}
COLUMNS = tuple(f.name for f in fields(Article))
ROW_GROUP = 1000


def schema():
    import pyarrow as pa

    return pa.schema([pa.field(c, pa.float64() if c in _FLOATS else pa.string()) for c in COLUMNS])


def to_row(art: Article) -> dict:
    row = {}
    for c in COLUMNS:
        v = getattr(art, c)
        row[c] = json.dumps(v, ensure_ascii=False) if c in _NESTED and v is not None else v
    return row


def from_row(row: dict) -> Article:
    data = dict(row)
    for c in _NESTED:
        if data.get(c) is not None:
            data[c] = json.loads(data[c])
    for c in ("removed", "entities", "amounts", "dates", "quotes", "attributions"):
        data[c] = data.get(c) or []
    data["meta"] = data.get("meta") or {}
    return Article.from_dict(data)


def write_atomic(path: Path, articles: Iterable[Article]) -> int:
    """Write the articles to `path` (zstd Parquet) via a temporary file and a rename; returns the count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    tmp = path.with_name(f"{path.name}.tmp-{uuid.uuid4().hex[:8]}")
    sch = schema()
    n = 0
    rows: list[dict] = []
    try:
        with pq.ParquetWriter(str(tmp), sch, compression="zstd") as writer:
            for art in articles:
                rows.append(to_row(art))
                n += 1
                if len(rows) >= ROW_GROUP:
                    writer.write_table(pa.Table.from_pylist(rows, schema=sch))
                    rows.clear()
            writer.write_table(pa.Table.from_pylist(rows, schema=sch))  # even empty: a valid file
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return n


def read_articles(path: Path, batch_size: int = 500) -> Iterator[Article]:
    """The articles of one shard file, in order, a record batch at a time (bounded memory)."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(str(path))
    for batch in pf.iter_batches(batch_size=batch_size):
        for row in batch.to_pylist():
            yield from_row(row)


def write_json_atomic(path: Path, data: dict) -> None:
    tmp = path.with_name(f"{path.name}.tmp-{uuid.uuid4().hex[:8]}")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)

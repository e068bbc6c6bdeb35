"""Export the knowledge base for data teams: JSON Lines, or Parquet (zstd) written in batches."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .article import OUTPUT_FIELDS, Article
from .store import SQLiteStore

NESTED = ("dateline", "removed", "entities", "amounts", "dates", "quotes", "attributions")


def _record(art: Article, include_raw: bool) -> dict:
    data = art.to_output()
    if include_raw:
        data["raw"], data["raw_format"] = art.raw, art.raw_format
    return data


def export_jsonl(store: SQLiteStore, out: Path | None, include_raw: bool = True) -> int:
    stream = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    n = 0
    try:
        for art in store.iter_articles():
            stream.write(json.dumps(_record(art, include_raw), ensure_ascii=False) + "\n")
            n += 1
    finally:
        if out:
            stream.close()
    return n


def parquet_schema(include_raw: bool):
    import pyarrow as pa

    cols = []
    for name in OUTPUT_FIELDS:
        if name == "language_confidence":
            cols.append(pa.field(name, pa.float64()))
        else:
            # Nested lists are kept as JSON text: their keys grow as extractors improve, and a
            # fixed struct type would break old files. Query them with DuckDB's json functions.
            cols.append(pa.field(name, pa.string()))
    if include_raw:
        cols += [pa.field("raw", pa.string()), pa.field("raw_format", pa.string())]
    return pa.schema(cols)


def export_parquet(store: SQLiteStore, out: Path, include_raw: bool = True, batch: int = 2000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(include_raw)
    n = 0
    rows: list[dict] = []
    with pq.ParquetWriter(str(out), schema, compression="zstd") as writer:
        def flush() -> None:
            if rows:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows.clear()

        for art in store.iter_articles():
            rec = _record(art, include_raw)
            for k in NESTED:
                rec[k] = json.dumps(rec[k], ensure_ascii=False) if rec[k] is not None else None
            rows.append(rec)
            n += 1
            if len(rows) >= batch:
                flush()
        flush()
    return n

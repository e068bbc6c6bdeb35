"""What one Dask task does with one shard: read it, run the stages, write its Parquet file.

The stages run through `runner.process_batch`, exactly the code of the plain runner, so a record is
the same whichever path made it. Problems (bad lines, failing stages) are collected and sent back
to the client, which prints them as a plain run would. A task is safe to run twice: the output name
is fixed by the shard and appears only complete (see `parquet.write_atomic`).
"""
from __future__ import annotations

import os
import re
import resource
import socket
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from ..article import Article
from ..problems import Problems
from .parquet import write_atomic, write_json_atomic
from .shards import Part, RangeStream, Shard

SHARDS_DIR = "shards"


class CollectedProblems(Problems):
    """Problems kept in a list (to send back to the client) instead of printed."""

    def __init__(self, shift: tuple[str, int] | None = None):
        super().__init__(quiet=True)
        self.items: list[tuple[str, str, str]] = []
        self.shift = shift

    def report(self, where: str, reason: str, kind: str = "skipped") -> None:
        if self.shift is not None:
            where = shift_origin(where, *self.shift)
        self.counts[kind] += 1
        self.items.append((where, reason, kind))


def shift_origin(where: str, path: str, first_line: int) -> str:
    """`path:N` counted from the start of a byte range → the line number in the whole file."""
    if first_line != 1 and where.startswith(path + ":"):
        rest = where[len(path) + 1:]
        m = re.match(r"\d+", rest)
        if m:
            return f"{path}:{int(m.group()) + first_line - 1}{rest[m.end():]}"
    return where


def read_part(part: Part, problems: Problems, opts: Any) -> Iterator[Article]:
    from ..readers import iter_articles
    from ..readers.jsonl import read_jsonl_stream

    if part.end is None:
        yield from iter_articles([part.path], problems, opts)
        return
    ranged = CollectedProblems(shift=(part.path, part.first_line))
    with RangeStream(part.path, part.start, part.end) as stream:
        for art in read_jsonl_stream(stream, part.path, ranged, opts):  # type: ignore[arg-type]
            if art.origin:
                art.origin = shift_origin(art.origin, part.path, part.first_line)
            yield art
    for where, reason, kind in ranged.items:
        problems.report(where, reason, kind)


@dataclass
class ShardResult:
    name: str
    index: int
    articles: int = 0
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    worker: str = ""
    problems: list[tuple[str, str, str]] = field(default_factory=list)
    skipped: bool = False  # already written by an earlier run

    def to_dict(self) -> dict:
        return {"name": self.name, "index": self.index, "articles": self.articles, "seconds": round(self.seconds, 3),
                "peak_rss_mb": round(self.peak_rss_mb, 1), "worker": self.worker, "problems": self.problems}


def shard_paths(out_dir: Path, name: str) -> tuple[Path, Path]:
    base = Path(out_dir) / SHARDS_DIR
    return base / f"{name}.parquet", base / f"{name}.json"


def run_shard(shard: Shard, out_dir: str, stages: Sequence[str], reader_opts: Any = None, batch_size: int = 32,
              debug: bool = False, extra_stages: dict[str, str] | None = None) -> dict:
    """Process one shard on this worker; returns the `ShardResult` as a dict (small, picklable)."""
    from ..pipeline import REGISTRY
    from ..readers import ReaderOptions
    from ..runner import process_batch

    reader_opts = reader_opts if reader_opts is not None else ReaderOptions()

    if extra_stages:  # stages outside the registry (tests, plugins): "name" → "module:factory"
        REGISTRY.update(extra_stages)
    started = time.perf_counter()
    parquet_path, done_path = shard_paths(Path(out_dir), shard.name)
    problems = CollectedProblems()
    result = ShardResult(shard.name, shard.index, worker=f"{socket.gethostname()}:{os.getpid()}")

    def processed() -> Iterator[Article]:
        stream = (a for part in shard.parts for a in read_part(part, problems, reader_opts))
        while batch := list(islice(stream, batch_size)):
            done, found = process_batch(batch, list(stages), debug)
            for where, reason in found:
                problems.report(where, reason, kind="stage errors")
            yield from done

    parquet_path.parent.mkdir(parents=True, exist_ok=True)
    result.articles = write_atomic(parquet_path, processed())
    result.seconds = time.perf_counter() - started
    result.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result.problems = problems.items
    # The sidecar marks the shard done; it is written after the data, so its presence means both.
    write_json_atomic(done_path, {**result.to_dict(), "shard": shard.to_dict()})
    return result.to_dict()

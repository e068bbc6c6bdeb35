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
from collections.abc import Callable, Iterator, Sequence
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
    """Problems kept in a list (to send back to the client) instead of printed; `rename` maps what
    the reader saw (an absolute path, a line inside a byte range) back to what the user gave."""

    def __init__(self, rename: Callable[[str], str] | None = None):
        super().__init__(quiet=True)
        self.items: list[tuple[str, str, str]] = []
        self.rename = rename

    def report(self, where: str, reason: str, kind: str = "skipped") -> None:
        if self.rename is not None:
            where = self.rename(where)
        self.counts[kind] += 1
        self.items.append((where, reason, kind))


def renamer(opened: str, shown: str, first_line: int = 1) -> Callable[[str], str]:
    """`opened:N...` → `shown:M...` with M = N + first_line - 1 (the line in the whole file)."""

    def rename(where: str) -> str:
        if where == opened:
            return shown
        if not where.startswith(opened + ":"):
            return where
        rest = where[len(opened) + 1:]
        m = re.match(r"\d+", rest)
        if m and first_line != 1:
            rest = f"{int(m.group()) + first_line - 1}{rest[m.end():]}"
        return f"{shown}:{rest}"

    return rename


def read_part(part: Part, problems: Problems, opts: Any, base_dir: str | None = None) -> Iterator[Article]:
    """The articles of one part. A relative path is opened from `base_dir` (the client's working
    directory: workers on other machines have their own) but reported as the user wrote it."""
    from ..readers import iter_articles
    from ..readers.jsonl import read_jsonl_stream

    opened = part.path if os.path.isabs(part.path) or not base_dir else os.path.join(base_dir, part.path)
    rename = renamer(opened, part.path, part.first_line)
    local = CollectedProblems(rename)
    if part.end is None:
        stream: Iterator[Article] = iter_articles([opened], local, opts)
        yield from _renamed(stream, rename, local, problems)
        return
    with RangeStream(opened, part.start, part.end) as ranged:
        yield from _renamed(read_jsonl_stream(ranged, opened, local, opts), rename, local,  # type: ignore[arg-type]
                            problems)


def _renamed(stream: Iterator[Article], rename: Callable[[str], str], local: CollectedProblems,
             problems: Problems) -> Iterator[Article]:
    for art in stream:
        if art.origin:
            art.origin = rename(art.origin)
        for item in local.items:  # pass problems on as they come, in reading order
            problems.report(*item)
        local.items.clear()
        yield art
    for item in local.items:
        problems.report(*item)
    local.items.clear()


@dataclass
class ShardResult:
    name: str
    index: int
    articles: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of the worker process for this shard (independent of machine load)
    peak_rss_mb: float = 0.0
    worker: str = ""
    problems: list[tuple[str, str, str]] = field(default_factory=list)
    skipped: bool = False  # already written by an earlier run

    def to_dict(self) -> dict:
        return {"name": self.name, "index": self.index, "articles": self.articles, "seconds": round(self.seconds, 3),
                "cpu_seconds": round(self.cpu_seconds, 3), "peak_rss_mb": round(self.peak_rss_mb, 1),
                "worker": self.worker, "problems": self.problems}


def shard_paths(out_dir: Path, name: str) -> tuple[Path, Path]:
    base = Path(out_dir) / SHARDS_DIR
    return base / f"{name}.parquet", base / f"{name}.json"


def run_shard(shard: Shard, out_dir: str, stages: Sequence[str], reader_opts: Any = None, batch_size: int = 32,
              debug: bool = False, extra_stages: dict[str, str] | None = None, base_dir: str | None = None) -> dict:
    """Process one shard on this worker; returns the `ShardResult` as a dict (small, picklable)."""
    from ..pipeline import REGISTRY
    from ..readers import ReaderOptions
    from ..runner import process_batch

    reader_opts = reader_opts if reader_opts is not None else ReaderOptions()

    if extra_stages:  # stages outside the registry (tests, plugins): "name" → "module:factory"
        REGISTRY.update(extra_stages)
    started, cpu_started = time.perf_counter(), time.process_time()
    parquet_path, done_path = shard_paths(Path(out_dir), shard.name)
    problems = CollectedProblems()
    result = ShardResult(shard.name, shard.index, worker=f"{socket.gethostname()}:{os.getpid()}")

    def processed() -> Iterator[Article]:
        stream = (a for part in shard.parts for a in read_part(part, problems, reader_opts, base_dir))
        while batch := list(islice(stream, batch_size)):
            done, found = process_batch(batch, list(stages), debug)
            for where, reason in found:
                problems.report(where, reason, kind="stage errors")
            yield from done

    parquet_path.parent.mkdir(parents=True, exist_ok=True)
    result.articles = write_atomic(parquet_path, processed())
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = time.process_time() - cpu_started
    result.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result.problems = problems.items
    # The sidecar marks the shard done; it is written after the data, so its presence means both.
    write_json_atomic(done_path, {**result.to_dict(), "shard": shard.to_dict()})
    return result.to_dict()

"""Cut the input into shards: small files grouped, big plain JSON Lines split by byte range.

A shard is a list of parts (a whole file, or a byte range of a JSONL file that starts and ends on
a line boundary). Shard names are derived from what they hold (paths, ranges, sizes, mtimes) and
the stage list, so planning the same input twice gives the same names: a re-run finds the shards
already written and a retried task overwrites its own file, never adds a second one.

Compressed files cannot be entered in the middle, so they are one shard (or part) each.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field

from ..problems import Problems
from ..readers import iter_paths
from ..readers.streams import GZIP_MAGIC, base_name

DEFAULT_SHARD_BYTES = 64 * 1024 * 1024
MAX_FILES_PER_SHARD = 1000
_SPLITTABLE = (".jsonl", ".ndjson", ".jsonlines")
_COUNT_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class Part:
    path: str
    start: int = 0
    end: int | None = None  # None: the whole file
    first_line: int = 1  # line number of `start` (so origins read "path:line" as in a plain run)


@dataclass
class Shard:
    index: int
    name: str
    parts: list[Part] = field(default_factory=list)
    size: int = 0

    def to_dict(self) -> dict:
        return {"index": self.index, "name": self.name, "size": self.size, "parts": [asdict(p) for p in self.parts]}

    @classmethod
    def from_dict(cls, data: dict) -> Shard:
        return cls(data["index"], data["name"], [Part(**p) for p in data["parts"]], data.get("size", 0))


def _is_gzip(path: str) -> bool:
    with open(path, "rb") as f:
        return f.read(2) == GZIP_MAGIC


def split_points(path: str, size: int, shard_bytes: int) -> list[tuple[int, int]]:
    """(offset, line number) of each range start: about every `shard_bytes`, always at a line start."""
    offsets = [0]
    with open(path, "rb") as f:
        target = shard_bytes
        while target < size:
            f.seek(target)
            f.readline()  # to the start of the next line
            pos = f.tell()
            if pos >= size:
                break
            if pos > offsets[-1]:
                offsets.append(pos)
            target = pos + shard_bytes
        # Line numbers of the starts: one pass counting newlines (at disk speed).
        lines = [1]
        f.seek(0)
        pos, count = 0, 1
        for nxt in offsets[1:]:
            while pos < nxt:
                chunk = f.read(min(_COUNT_CHUNK, nxt - pos))
                if not chunk:
                    break
                count += chunk.count(b"\n")
                pos += len(chunk)
            lines.append(count)
    return list(zip(offsets, lines, strict=True))


def _parts(paths: Iterable[str], shard_bytes: int) -> Iterator[tuple[Part, int]]:
    for path in paths:
        size = os.path.getsize(path)
        if size > shard_bytes and base_name(path).endswith(_SPLITTABLE) and not _is_gzip(path):
            points = split_points(path, size, shard_bytes)
            ends = [p[0] for p in points[1:]] + [size]
            for (start, line), end in zip(points, ends, strict=True):
                yield Part(path, start, end, line), end - start
        else:
            yield Part(path), size


def _name(index: int, parts: Sequence[Part], stages: Sequence[str]) -> str:
    h = hashlib.blake2b(digest_size=6)
    for p in parts:
        st = os.stat(p.path)
        h.update(json.dumps([os.path.abspath(p.path), p.start, p.end, st.st_size, st.st_mtime_ns]).encode())
    h.update(json.dumps(list(stages)).encode())
    return f"shard-{index:05d}-{h.hexdigest()}"


def plan_shards(inputs: Sequence[str], problems: Problems, stages: Sequence[str],
                shard_bytes: int = DEFAULT_SHARD_BYTES, max_files: int = MAX_FILES_PER_SHARD) -> list[Shard]:
    """Shards in input order. Missing inputs are reported (as by the plain readers) and left out."""
    if "-" in inputs:
        raise ValueError("a distributed run reads files, not stdin: save the input to a file first")
    shards: list[Shard] = []
    current: list[Part] = []
    size = 0

    def close() -> None:
        nonlocal current, size
        if current:
            shards.append(Shard(len(shards), _name(len(shards), current, stages), current, size))
            current, size = [], 0

    for part, n in _parts(iter_paths(inputs, problems), shard_bytes):
        if part.end is not None:  # a range of a big file is a shard of its own
            close()
            current, size = [part], n
            close()
            continue
        if current and (size + n > shard_bytes or len(current) >= max_files):
            close()
        current.append(part)
        size += n
    close()
    return shards


class RangeStream:
    """The bytes [start, end) of a file, read line by line (all the JSONL reader needs)."""

    def __init__(self, path: str, start: int, end: int):
        self.f = open(path, "rb")  # noqa: SIM115 - closed by close()
        self.f.seek(start)
        self.pos, self.end = start, end

    def readline(self, limit: int = -1) -> bytes:
        remaining = self.end - self.pos
        if remaining <= 0:
            return b""
        line = self.f.readline(remaining if limit is None or limit < 0 else min(limit, remaining))
        self.pos += len(line)
        return line

    def close(self) -> None:
        self.f.close()

    def __enter__(self) -> RangeStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

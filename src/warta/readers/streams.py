"""Opening inputs as byte streams (gzip by its magic bytes) and reading lines with a size cap."""
from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from typing import BinaryIO, TextIO

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1024 * 1024

# What a damaged compressed stream raises while being read.
STREAM_ERRORS: tuple[type[BaseException], ...] = (EOFError, zlib.error, gzip.BadGzipFile, OSError)


def open_binary(path: str) -> BinaryIO:
    """The file's bytes, decompressed when it is gzip (whatever its name says)."""
    f = open(path, "rb")  # noqa: SIM115 - returned to the caller
    try:
        magic = f.read(2)
        f.seek(0)
    except OSError:
        f.close()
        raise
    if magic == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=f, mode="rb")  # type: ignore[return-value]
    return f


def base_name(path: str) -> str:
    """The name without a compression suffix, lower case: `a.JSONL.gz` → `a.jsonl`."""
    name = path.lower()
    return name[:-3] if name.endswith(".gz") else name


class OversizedLine(Exception):
    def __init__(self, lineno: int, size: int):
        super().__init__(lineno, size)
        self.lineno, self.size = lineno, size


def iter_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | OversizedLine]]:
    """(1-based line number, line without its end) for each line; a line longer than `max_bytes`
    is skipped without holding it in memory and given as an `OversizedLine` instead.
    Stream errors (truncated gzip) propagate to the caller after every complete line was yielded."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while True:  # drain the rest of the long line
                more = stream.readline(CHUNK)
                size += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield lineno, OversizedLine(lineno, size)
            continue
        yield lineno, line.rstrip(b"\r\n")


def read_sample(path: str, size: int) -> bytes:
    """Up to `size` first bytes (decompressed); a damaged stream gives what came before the damage."""
    parts: list[bytes] = []
    got = 0
    with open_binary(path) as stream:
        try:
            while got < size:
                chunk = stream.read1(min(65536, size - got))  # read1: keeps what came before damage
                if not chunk:
                    break
                parts.append(chunk)
                got += len(chunk)
        except STREAM_ERRORS:
            pass
    return b"".join(parts)


def read_capped(stream: BinaryIO, max_bytes: int) -> bytes | None:
    """All of a stream, or None when it is larger than `max_bytes` (read no further than that)."""
    data = stream.read(max_bytes + 1)
    return None if len(data) > max_bytes else data


class TextAsBytes:
    """A text stream (stdin replaced by a StringIO, a UTF-16 file) seen as the UTF-8 byte stream
    the line readers expect."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def readline(self, limit: int = -1) -> bytes:
        return self.stream.readline(limit).encode("utf-8", "surrogateescape")

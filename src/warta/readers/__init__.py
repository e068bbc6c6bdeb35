"""Readers: turn files, directories and stdin into `Article`s, streaming, never stopping on bad input.

    from warta.readers import ReaderOptions, iter_articles
    for article in iter_articles(["a.jsonl.gz", "pages/", "-"], problems, ReaderOptions()):
        ...

The format comes from the file name (compression from the bytes): `.jsonl`/`.ndjson` (JSON Lines),
`.json`, `.csv`, `.tsv`, `.html`/`.htm`, `.warc`; anything else is a text file (one article, HTML
when it starts like a page). `-` is JSON Lines on stdin. Directories are walked recursively in
sorted order, skipping hidden files and folders and files that are plainly not articles (images,
fonts, scripts, archives: see `SKIP_IN_DIRECTORIES`). Every problem with one input is one line via
`problems.report(where, reason)`, and reading goes on with the rest.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from ..article import Article
from ..problems import Problems
from .csvfile import read_csv
from .jsonl import read_json, read_jsonl, read_jsonl_stream
from .options import ReaderOptions
from .streams import TextAsBytes, base_name
from .textfile import read_single
from .warc import read_warc

__all__ = ["Article", "ReaderOptions", "iter_articles", "iter_paths", "SKIP_IN_DIRECTORIES"]

# Extensions never read when walking a directory (a file named explicitly is always read).
SKIP_IN_DIRECTORIES: frozenset[str] = frozenset({
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".bmp", ".tif", ".tiff",
    ".css", ".js", ".mjs", ".map", ".woff", ".woff2", ".ttf", ".otf", ".eot",
    ".mp3", ".mp4", ".webm", ".avi", ".mov", ".wav", ".ogg",
    ".pdf", ".zip", ".tar", ".tgz", ".7z", ".rar", ".xz", ".bz2",
    ".pyc", ".so", ".exe", ".db", ".sqlite", ".sqlite3", ".parquet", ".xlsx", ".xls", ".docx",
})


def iter_paths(inputs: Iterable[str], problems: Problems) -> Iterator[str]:
    """Files to read, in order: each argument, directories expanded; missing paths reported."""
    for item in inputs:
        if item == "-":
            yield item
        elif os.path.isdir(item):
            found = False

            def unreadable(exc: OSError, top: str = item) -> None:
                problems.report(exc.filename or top, f"cannot list: {exc.strerror}")

            for root, dirs, files in os.walk(item, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or os.path.splitext(base_name(name))[1] in SKIP_IN_DIRECTORIES:
                        continue
                    found = True
                    yield os.path.join(root, name)
            if not found:
                problems.report(item, "directory holds no readable files")
        elif os.path.exists(item):
            yield item
        else:
            problems.report(item, "no such file or directory")


def iter_articles(inputs: Iterable[str], problems: Problems, opts: ReaderOptions | None = None) -> Iterator[Article]:
    """Every article of every input, in order. Never raises for a problem with one input."""
    opts = opts or ReaderOptions()
    for path in iter_paths(inputs, problems):
        try:
            yield from _read_one(path, problems, opts)
        except OSError as exc:  # unreadable file, permission denied, vanished while walking
            problems.report(path, f"cannot read: {exc.strerror or exc}")
        except (RecursionError, MemoryError) as exc:
            problems.report(path, f"cannot read: {type(exc).__name__}")


def _read_one(path: str, problems: Problems, opts: ReaderOptions) -> Iterator[Article]:
    if path == "-":
        yield from read_jsonl_stream(_stdin_bytes(), "<stdin>", problems, opts)
        return
    ext = os.path.splitext(base_name(path))[1]
    if ext in (".jsonl", ".ndjson", ".jsonlines"):
        yield from read_jsonl(path, problems, opts)
    elif ext == ".json":
        yield from read_json(path, problems, opts)
    elif ext in (".csv", ".tsv"):
        yield from read_csv(path, problems, opts, tsv=ext == ".tsv")
    elif ext in (".warc", ".arc"):
        yield from read_warc(path, problems, opts)
    elif ext in (".html", ".htm", ".xhtml", ".shtml"):
        yield from read_single(path, problems, opts, html=True)
    else:
        yield from read_single(path, problems, opts, html=None)


def _stdin_bytes() -> BinaryIO:
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer if buffer is not None else TextAsBytes(sys.stdin)  # type: ignore[return-value]

"""JSON Lines (one record per line; `.jsonl`, `.jsonl.gz`, stdin) and `.json` (an object or a list)."""
from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from ..article import Article
from ..problems import Problems
from .decode import SAMPLE_BYTES, DecodeError, binary_reason, bom_encoding, decode_bytes, decode_line
from .fields import CANDIDATES, DateOrder, FieldMap, MissingColumn, record_to_article
from .options import ReaderOptions
from .streams import STREAM_ERRORS, OversizedLine, TextAsBytes, iter_lines, open_binary, read_capped

_NO_TEXT = "record has no text field (looked for " + ", ".join(CANDIDATES["text"] + CANDIDATES["html"]) + "); skipped"


# A file whose first this-many non-empty lines are all invalid JSON is not JSON Lines.
NOT_JSONL_AFTER = 20


class RecordMapper:
    """Maps records to Articles, caching the field map per set of keys (records of one file
    almost always share their keys) and reporting records without text."""

    def __init__(self, problems: Problems, opts: ReaderOptions):
        self.problems, self.opts = problems, opts
        self.order = DateOrder(opts.dayfirst)
        self._maps: dict[tuple[str, ...], FieldMap | MissingColumn] = {}

    def __call__(self, record: Any, where: str) -> Article | None:
        if not isinstance(record, Mapping):
            self.problems.report(where, f"not a JSON object but {type(record).__name__}; skipped")
            return None
        keys = tuple(record.keys())
        fmap = self._maps.get(keys)
        if fmap is None:
            try:
                fmap = FieldMap.build(keys, self.opts)
            except MissingColumn as exc:
                fmap = exc
            if len(self._maps) < 1000:
                self._maps[keys] = fmap
        if isinstance(fmap, MissingColumn):
            self.problems.report(where, f"{fmap}; skipped")
            return None
        article = record_to_article(record, fmap, self.opts, where, self.order)
        if article is None:
            self.problems.report(where, _NO_TEXT)
        return article


def read_jsonl_stream(stream: BinaryIO, name: str, problems: Problems, opts: ReaderOptions) -> Iterator[Article]:
    """Articles from a JSON Lines byte stream; every bad line is reported and skipped."""
    mapper = RecordMapper(problems, opts)
    lineno, seen, parsed, bad_at_start = 0, False, False, 0
    try:
        for lineno, line in iter_lines(stream, opts.max_record_bytes):
            where = f"{name}:{lineno}"
            if isinstance(line, OversizedLine):
                problems.report(where, f"line of {line.size:,} bytes is over the {opts.max_record_bytes:,}-byte "
                                       "record limit; skipped")
                seen = True
                continue
            if not line.strip():
                continue
            if not seen and b"\x00" in line:
                problems.report(name, "binary file (contains NUL bytes); skipped")
                return
            seen = True
            if lineno == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8):]
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text, _ = decode_line(line, "utf-8")
                except DecodeError as exc:
                    problems.report(where, f"{exc}; skipped")
                    continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                problems.report(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
                bad_at_start += not parsed
                if bad_at_start == NOT_JSONL_AFTER:  # a text file named .jsonl: say so once, not per line
                    problems.report(name, f"not JSON Lines (the first {NOT_JSONL_AFTER} lines are not JSON); "
                                          "rest of the file skipped")
                    return
                continue
            parsed = True
            article = mapper(record, where)
            if article is not None:
                yield article
    except STREAM_ERRORS as exc:
        problems.report(name, f"truncated or damaged data after line {lineno} ({type(exc).__name__}: {exc}); "
                              "the lines before were read")
        return
    if not seen:
        problems.report(name, "empty file")


def read_jsonl(path: str, problems: Problems, opts: ReaderOptions) -> Iterator[Article]:
    with open_binary(path) as stream:
        try:
            head = stream.peek(SAMPLE_BYTES)[:SAMPLE_BYTES]
        except STREAM_ERRORS:
            head = b""  # damaged from the start: read_jsonl_stream reports it
        encoding = bom_encoding(head)
        reason = binary_reason(head, any_nul=False) if encoding is None else None
        if reason:
            problems.report(path, f"{reason}; skipped")
            return
        if encoding in ("utf-16", "utf-32"):  # e.g. a Windows export: re-encode to UTF-8 lines
            with io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="") as text:
                yield from read_jsonl_stream(TextAsBytes(text), path, problems, opts)
        else:
            yield from read_jsonl_stream(stream, path, problems, opts)


def read_json(path: str, problems: Problems, opts: ReaderOptions) -> Iterator[Article]:
    """A `.json` file: one object, or a list of objects. JSON Lines misnamed `.json` are read as such."""
    try:
        with open_binary(path) as stream:
            data = read_capped(stream, opts.max_record_bytes)
    except STREAM_ERRORS as exc:
        problems.report(path, f"truncated or damaged compressed data ({type(exc).__name__}: {exc})")
        return
    if data is None:
        problems.report(path, f"file is over the {opts.max_record_bytes:,}-byte limit for a .json file "
                              "(use JSON Lines for big inputs); skipped")
        return
    if not data.strip():
        problems.report(path, "empty file")
        return
    try:
        text, _ = decode_bytes(data)
    except DecodeError as exc:
        problems.report(path, f"{exc}; skipped")
        return
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several values: JSON Lines under a .json name
            yield from read_jsonl(path, problems, opts)
        else:
            problems.report(f"{path}:{exc.lineno}", f"invalid JSON: {exc.msg} at column {exc.colno}")
        return
    mapper = RecordMapper(problems, opts)
    records = doc if isinstance(doc, list) else [doc]
    for i, record in enumerate(records, 1):
        article = mapper(record, path if not isinstance(doc, list) else f"{path}#item {i}")
        if article is not None:
            yield article

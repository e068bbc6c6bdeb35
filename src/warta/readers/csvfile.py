"""CSV/TSV (`.csv`, `.tsv`, `.csv.gz`): streamed with the csv module, columns autodetected."""
from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Iterator

from ..article import Article
from ..problems import Problems
from .decode import SAMPLE_BYTES, DecodeError, binary_reason, guess_encoding
from .fields import CANDIDATES, DateOrder, FieldMap, MissingColumn, record_to_article
from .options import ReaderOptions
from .streams import STREAM_ERRORS, open_binary, read_sample

_FALLBACK = "warta-cp1252-fallback"


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    # A stray non-UTF-8 byte in the middle of a big CSV: read it as cp1252 rather than stop the file.
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error(_FALLBACK, _cp1252_fallback)


def _delimiter(header_line: str, default: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else default


def read_csv(path: str, problems: Problems, opts: ReaderOptions, tsv: bool = False) -> Iterator[Article]:
    sample = read_sample(path, SAMPLE_BYTES)
    if not sample.strip():
        problems.report(path, "empty file")
        return
    reason = binary_reason(sample)
    if reason:
        problems.report(path, f"{reason}; skipped")
        return
    try:
        encoding = guess_encoding(sample)
    except DecodeError as exc:
        problems.report(path, f"{exc}; skipped")
        return
    first_line = sample.split(b"\n", 1)[0].decode(encoding, errors="replace")
    delimiter = _delimiter(first_line, "\t" if tsv else ",")
    csv.field_size_limit(min(sys.maxsize, opts.max_record_bytes))

    with io.TextIOWrapper(open_binary(path), encoding=encoding, errors=_FALLBACK, newline="") as text:
        reader = csv.reader(text, delimiter=delimiter)
        line = 0
        try:
            header = next(reader, None)
            line = reader.line_num
            if not header or not any(h.strip() for h in header):
                problems.report(path, "empty file (no header row)")
                return
            try:
                fmap = FieldMap.build(header, opts)
            except MissingColumn as exc:
                problems.report(path, f"{exc}; file skipped")
                return
            if not fmap.has_body():
                problems.report(path, "no text column (looked for " + ", ".join(CANDIDATES["text"] + CANDIDATES["html"])
                                + "; use --text-column); columns: " + ", ".join(header) + "; file skipped")
                return
            order = DateOrder(opts.dayfirst)
            n_rows = 0
            while True:
                start = line + 1
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    line = reader.line_num
                    problems.report(f"{path}:{start}", f"bad CSV row ({exc}); skipped")
                    continue
                line = reader.line_num
                where = f"{path}:{start}"
                if not row or not any(row):
                    continue
                n_rows += 1
                if len(row) > len(header):
                    problems.report(where, f"row has {len(row)} fields but the header has {len(header)}; skipped")
                    continue
                record = dict(zip(header, row, strict=False))  # a short row leaves its last columns out
                article = record_to_article(record, fmap, opts, where, order)
                if article is None:
                    problems.report(where, "record has no text in column " + "/".join(fmap.roles["text"] or fmap.roles["html"]))
                    continue
                yield article
            if n_rows == 0:
                problems.report(path, "no rows after the header")
        except STREAM_ERRORS as exc:
            problems.report(path, f"truncated or damaged data after line {line} ({type(exc).__name__}: {exc}); "
                                  "the rows before were read")

"""WARC files (`.warc`, `.warc.gz`) via warcio: only HTML `response` records with status 200."""
from __future__ import annotations

import os
from collections.abc import Iterator

from ..article import Article
from ..problems import Problems
from ..published import normalise_published
from .decode import DecodeError, decode_bytes, html_charset
from .options import ReaderOptions


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _decode(body: bytes, content_type: str) -> str:
    charset = _charset(content_type)
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # the header lies often enough: detect instead
    return decode_bytes(body, html_charset(body))[0]


def _cut_short(record) -> bool:
    """True when a record (already read to its end by the iterator) had fewer bytes than it declared."""
    return record is not None and (getattr(record.raw_stream, "limit", 0) or 0) > 0


def read_warc(path: str, problems: Problems, opts: ReaderOptions) -> Iterator[Article]:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    try:
        with open(path, "rb") as f:
            records = ArchiveIterator(f)
            previous = None
            for record in records:
                if _cut_short(previous):
                    break
                previous = record
                n += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                if record.http_headers.get_statuscode() != "200" or "html" not in content_type.lower():
                    continue
                where = f"{path}#record {n}"
                body = record.content_stream().read(opts.max_record_bytes + 1)
                if len(body) <= opts.max_record_bytes and _cut_short(record):
                    break  # the archive ends inside this record: reported below, not yielded half
                if len(body) > opts.max_record_bytes:
                    problems.report(where, f"response is over the {opts.max_record_bytes:,}-byte record limit; skipped")
                    continue
                if not body.strip():
                    problems.report(where, "empty HTML response; skipped")
                    continue
                try:
                    html = _decode(body, content_type)
                except DecodeError as exc:
                    problems.report(where, f"{exc}; skipped")
                    continue
                article = Article(raw=html, raw_format="html", origin=where,
                                  url=record.rec_headers.get_header("WARC-Target-URI"))
                warc_date = record.rec_headers.get_header("WARC-Date")
                if warc_date:
                    # Crawl time: a fallback for `published` when the page itself names no date.
                    article.meta["published_fallback"] = normalise_published(warc_date)
                article.ensure_id()
                yield article
            # warcio ends quietly on a truncated archive: a record short of its Content-Length, or
            # bytes left over that it could not parse, tell us.
            size = os.fstat(f.fileno()).st_size
            if _cut_short(previous) or records.offset < size:
                problems.report(path, f"truncated or damaged WARC: stopped at byte {records.offset:,} of {size:,} "
                                      f"after record {n}; the records before were read")
                return
    except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on damaged archives
        problems.report(path, f"damaged WARC after record {n} ({type(exc).__name__}: {exc}); "
                              "the records before were read")
        return
    if n == 0:
        problems.report(path, "empty WARC file (no records)")

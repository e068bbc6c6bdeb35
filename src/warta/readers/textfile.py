"""One file, one article: plain text (`.txt` and unknown text files) and HTML pages."""
from __future__ import annotations

from collections.abc import Iterator

from ..article import Article
from ..problems import Problems
from .decode import DecodeError, decode_bytes, html_charset
from .options import ReaderOptions
from .streams import STREAM_ERRORS, open_binary, read_capped


def looks_like_html(text: str) -> bool:
    """A text that starts like an HTML document (for files whose name does not say)."""
    head = text.lstrip("\ufeff \t\r\n")[:5000].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return head.startswith("<") and ("<html" in head or "<body" in head)


def read_single(path: str, problems: Problems, opts: ReaderOptions, html: bool | None = None) -> Iterator[Article]:
    """The file as one article; `html=None` decides by looking at the start of the text."""
    try:
        with open_binary(path) as stream:
            data = read_capped(stream, opts.max_record_bytes)
    except STREAM_ERRORS as exc:
        problems.report(path, f"truncated or damaged compressed data ({type(exc).__name__}: {exc}); skipped")
        return
    if data is None:
        problems.report(path, f"file is over the {opts.max_record_bytes:,}-byte record limit; skipped")
        return
    if not data.strip():
        problems.report(path, "empty file")
        return
    try:
        text, encoding = decode_bytes(data, html_charset(data) if html is not False else None)
    except DecodeError as exc:
        problems.report(path, f"{exc}; skipped")
        return
    if not text.strip():
        problems.report(path, "empty file")
        return
    is_html = looks_like_html(text) if html is None else html
    article = Article(raw=text, raw_format="html" if is_html else "text", origin=path)
    if encoding not in ("utf-8", "utf-8-sig", "ascii"):
        article.meta["encoding"] = encoding
    article.ensure_id()
    yield article

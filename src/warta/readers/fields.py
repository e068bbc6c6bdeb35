"""Which field of a JSONL/CSV record is the text, the title, the date...: autodetect by common
names (case-insensitive), overridable by `ReaderOptions`. Also turns a record into an `Article`."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..article import Article
from ..published import infer_dayfirst, normalise_published
from .options import ReaderOptions
from .textfile import looks_like_html

# Field names tried in order, lower case. The first present (and, for text, non-empty) wins.
CANDIDATES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "isi_berita", "isi", "body", "article", "konten", "berita"),
    "html": ("html", "raw_html"),
    "title": ("title", "judul", "headline"),
    "date": ("published", "date", "tanggal", "published_at", "datepublished", "waktu"),
    "time": ("time", "jam"),
    "url": ("url", "tautan", "link", "source_url"),
    "source": ("source", "sumber", "media", "outlet", "site"),
    "id": ("id",),
    "author": ("author", "penulis", "byline"),
}
_OPTION_OF = {"text": "text_column", "html": "html_column", "title": "title_column", "date": "date_column",
              "time": "time_column", "url": "url_column", "source": "source_column", "id": "id_column"}


class MissingColumn(ValueError):
    """An override names a column the input does not have."""


@dataclass(frozen=True)
class FieldMap:
    """role → the record's own key (original spelling), for one set of keys."""

    roles: Mapping[str, tuple[str, ...]]

    @classmethod
    def build(cls, keys: Sequence[str], opts: ReaderOptions) -> FieldMap:
        by_lower: dict[str, str] = {}
        for k in keys:
            by_lower.setdefault(str(k).strip().lower(), k)
        roles: dict[str, tuple[str, ...]] = {}
        for role, names in CANDIDATES.items():
            override = getattr(opts, _OPTION_OF[role], None) if role in _OPTION_OF else None
            if override:
                key = by_lower.get(override.strip().lower())
                if key is None:
                    raise MissingColumn(f"no column {override!r} (--{role}-column); columns: {', '.join(map(str, keys))}")
                roles[role] = (key,)
            else:
                roles[role] = tuple(by_lower[n] for n in names if n in by_lower)
        return cls(roles)

    def has_body(self) -> bool:
        return bool(self.roles["text"] or self.roles["html"])

    def get(self, record: Mapping[str, Any], role: str) -> str | None:
        for key in self.roles[role]:
            value = record.get(key)
            if value is None:
                continue
            if not isinstance(value, str):
                if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                    value = "\n".join(value)  # paragraphs scraped as a list: one per line
                elif isinstance(value, (dict, list)):
                    continue
                else:
                    value = str(value)
            if value.strip():
                return value
        return None

    def used_keys(self) -> set[str]:
        return {k for keys in self.roles.values() for k in keys}


class DateOrder:
    """Learns, per file, whether numeric dates are day-first from the first unambiguous one."""

    def __init__(self, fixed: bool | None):
        self.fixed = fixed
        self.learned: bool | None = None

    def dayfirst(self, value: str | None) -> bool | None:
        if self.fixed is not None:
            return self.fixed
        if self.learned is None:
            self.learned = infer_dayfirst(value)
        return self.learned


def record_to_article(record: Mapping[str, Any], fmap: FieldMap, opts: ReaderOptions, origin: str,
                      order: DateOrder) -> Article | None:
    """An Article from one record, or None when it carries no text (the caller reports that)."""
    raw_format = "text"
    raw = fmap.get(record, "text")
    if raw is None:
        raw = fmap.get(record, "html")
        raw_format = "html"
    if raw is None:
        # A text field that is present but empty is an article whose body the scraper missed: keep it
        # (its title is still worth storing). A record with no text field at all is not an article.
        present = [k for k in fmap.roles["text"] + fmap.roles["html"]
                   if k in record and (record[k] is None or isinstance(record[k], str))]
        if not present:
            return None
        raw = record[present[0]] or ""
        raw_format = "html" if present[0] in fmap.roles["html"] and present[0] not in fmap.roles["text"] else "text"
    if raw_format == "text" and raw.startswith(("<", " ", "\n", "\ufeff")) and looks_like_html(raw):
        raw_format = "html"  # a whole page stored in a text field
    date, time, url = fmap.get(record, "date"), fmap.get(record, "time"), fmap.get(record, "url")
    article = Article(
        id=fmap.get(record, "id"), raw=raw, raw_format=raw_format, url=url and url.strip(),
        title=fmap.get(record, "title"), source=fmap.get(record, "source"), author=fmap.get(record, "author"),
        origin=origin,
    )
    if not article.source and article.url:
        host = source_from_url(article.url)
        if host:  # an export without an outlet column still says where each article came from
            article.source = host
            article.meta["source_from_url"] = True
    if date or time or url:
        article.published = normalise_published(date, time, url, order.dayfirst(date))
        if article.published is None and (date or time):
            article.meta["published_raw"] = " ".join(v for v in (date, time) if v)
    if opts.keep_extra_fields:
        used = fmap.used_keys()
        extra = {k: v for k, v in record.items() if k not in used and v not in (None, "")}
        if extra:
            article.meta["fields"] = extra
    article.ensure_id()
    return article


def source_from_url(url: str) -> str | None:
    """The outlet as the URL's host without "www." / "m." / "amp." ("news.detik.com" stays as it is)."""
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host or None


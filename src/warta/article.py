"""The one record that flows through every pipeline stage.

Readers create an `Article` holding the raw input verbatim; each stage fills more fields; sinks
(stdout, SQLite, Parquet) read them. Stages never talk to each other except through this record.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

# The fields of the output contract (shared/docs/DESIGN.md), in the order `warta extract` prints them.
OUTPUT_FIELDS: tuple[str, ...] = (
    "id", "url", "title", "source", "published",
    "language", "language_confidence",
    "site", "dateline",
    "text", "removed",
    "entities", "amounts", "dates", "quotes", "attributions",
    "duplicate_of", "cluster",
)


@dataclass
class Article:
    """A news article on its way from raw input to knowledge.

    `raw` is the input exactly as read (plain text or HTML, see `raw_format`) and is never changed.
    `text` is the clean article text; every span in `entities`, `amounts`, `dates`, `quotes` and
    `attributions` carries `start`/`end` character offsets into it.
    """

    id: str | None = None
    raw: str = ""
    raw_format: str = "text"  # "text" or "html"
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None
    author: str | None = None
    origin: str | None = None  # where it was read: "path:line" or "path#record"

    language: str | None = None
    language_confidence: float | None = None
    site: str | None = None
    dateline: dict[str, str | None] | None = None
    text: str = ""
    removed: list[dict[str, Any]] = field(default_factory=list)

    entities: list[dict[str, Any]] = field(default_factory=list)
    amounts: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    attributions: list[dict[str, Any]] = field(default_factory=list)

    duplicate_of: str | None = None
    cluster: str | None = None
    # Free-form extras a stage may want to pass on (e.g. trafilatura's description); never printed
    # by `extract`, stored as JSON by the store.
    meta: dict[str, Any] = field(default_factory=dict)

    def ensure_id(self) -> str:
        """Give the article a stable id from its content when the input had none."""
        if not self.id:
            h = hashlib.blake2b(digest_size=8)
            for part in (self.url or "", self.title or "", self.raw):
                h.update(part.encode("utf-8", "surrogatepass"))
                h.update(b"\x00")
            self.id = h.hexdigest()
        return self.id

    def to_output(self) -> dict[str, Any]:
        """The article as the output contract of `warta extract`: exactly OUTPUT_FIELDS."""
        return {name: getattr(self, name) for name in OUTPUT_FIELDS}

    def to_dict(self) -> dict[str, Any]:
        """Every field, raw input included (for storage and for passing between processes)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

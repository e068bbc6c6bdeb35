"""The JSON shapes of the API (Pydantic): the OpenAPI schema is generated from these."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

MAX_PAGE = 100          # largest page size any listing accepts
MAX_OFFSET = 10_000     # deepest offset: bounded work per request
MAX_INGEST = 200        # articles per POST


class Facet(BaseModel):
    value: str
    count: int
    label: str | None = None


class Facets(BaseModel):
    sources: list[Facet] = []
    languages: list[Facet] = []
    entities: list[Facet] = []
    approximate: bool = Field(False, description="Entity counts were taken over the first matches only.")


class Hit(BaseModel):
    id: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    url: str | None = None
    score: float
    snippet: str
    highlights: list[tuple[int, int]] = Field(description="[start, end) character spans of matches in `snippet`.")
    duplicate_of: str | None = None
    cluster: str | None = None


class SearchResult(BaseModel):
    query: str
    total: int
    total_exact: bool = Field(True, description="False when `total` is a lower bound (filtered searches "
                                                "on SQLite and every search on PostgreSQL stop counting at "
                                                "10,000).")
    ranked_within: int | None = Field(None, description="Set when the query matches so many articles that only "
                                                        "this many, the most recently added, were ranked.")
    offset: int
    limit: int
    hits: list[Hit]
    facets: Facets | None = None


class RelatedArticle(BaseModel):
    id: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    relation: str = Field(description="original, duplicate or same story")


class ArticleOut(BaseModel):
    """The output contract of `warta extract`, plus related articles."""
    model_config = ConfigDict(extra="allow")
    id: str
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    language_confidence: float | None = None
    site: str | None = None
    dateline: dict[str, Any] | None = None
    text: str = ""
    removed: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    amounts: list[dict[str, Any]] = []
    dates: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    attributions: list[dict[str, Any]] = []
    duplicate_of: str | None = None
    cluster: str | None = None
    related: list[RelatedArticle] = []


class EntitySummary(BaseModel):
    name: str
    label: str | None = None
    articles: int
    mentions: int


class EntityList(BaseModel):
    offset: int
    limit: int
    has_more: bool
    items: list[EntitySummary]


class Count(BaseModel):
    label: str | None = None
    count: int


class Alias(BaseModel):
    text: str
    count: int


class TimelinePoint(BaseModel):
    day: str
    count: int = Field(description="Articles published that day mentioning the entity.")


class Cooccurring(BaseModel):
    name: str
    label: str | None = None
    count: int


class Quote(BaseModel):
    text: str | None = None
    speaker: str | None = None
    verb: str | None = None
    direct: bool = False
    start: int | None = None
    end: int | None = None
    article_id: str
    title: str | None = None
    source: str | None = None
    published: str | None = None


class Amount(BaseModel):
    text: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    hedge: str | None = None
    vague: bool = False
    claimed_by: str | None = None
    start: int | None = None
    end: int | None = None
    article_id: str
    title: str | None = None
    source: str | None = None
    published: str | None = None


class ArticleRef(BaseModel):
    id: str
    title: str | None = None
    source: str | None = None
    published: str | None = None


class EntityDetail(BaseModel):
    name: str
    label: str | None = None
    labels: list[Count]
    aliases: list[Alias]
    mentions: int
    articles: int
    timeline: list[TimelinePoint]
    cooccurring: list[Cooccurring]
    cooccurring_approximate: bool = False
    quotes: list[Quote]
    amounts: list[Amount]
    recent_articles: list[ArticleRef]


class QuoteList(BaseModel):
    offset: int
    limit: int
    has_more: bool
    items: list[Quote]


class AmountList(BaseModel):
    offset: int
    limit: int
    has_more: bool
    items: list[Amount]


class StoryArticle(BaseModel):
    id: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    duplicate_of: str | None = None


class Story(BaseModel):
    id: str
    label: str
    articles: int
    outlets: int
    sources: list[str]
    first_seen: str | None = None
    last_seen: str | None = None
    sample: list[StoryArticle]


class StoryList(BaseModel):
    offset: int
    limit: int
    has_more: bool
    items: list[Story]


class Stats(BaseModel):
    model_config = ConfigDict(extra="allow")
    articles: int
    first_published: str | None = None
    last_published: str | None = None
    by_source: dict[str, int] = {}
    by_language: dict[str, int] = {}
    by_month: dict[str, int] = {}
    removed_by_reason: dict[str, int] = {}
    duplicates: int = 0
    entities: int = 0
    amounts: int = 0
    quotes: int = 0


class ArticleIn(BaseModel):
    """One article to ingest: the same fields as a JSON Lines input record."""
    text: str | None = Field(None, max_length=2_000_000)
    html: str | None = Field(None, max_length=5_000_000)
    id: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=4000)
    title: str | None = Field(None, max_length=4000)
    source: str | None = Field(None, max_length=500)
    published: str | None = Field(None, max_length=100)


class IngestRequest(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_INGEST)


class IngestResult(BaseModel):
    inserted: int
    updated: int
    unchanged: int
    ids: list[str]
    problems: list[str] = Field([], description="Records skipped or failed, one line each.")


class Problem(BaseModel):
    detail: str

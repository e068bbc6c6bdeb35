"""JSON API under /api/: the same data as the pages, paginated, with bounded page sizes."""
from __future__ import annotations

import hmac
import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..problems import Problems
from . import queries
from .models import (
    MAX_OFFSET,
    MAX_PAGE,
    AmountList,
    ArticleOut,
    EntityDetail,
    EntityList,
    Facets,
    IngestRequest,
    IngestResult,
    Problem,
    QuoteList,
    SearchResult,
    Stats,
    StoryList,
)

router = APIRouter(prefix="/api", tags=["api"])

DATE = r"^\d{4}(-\d{2}(-\d{2}([T ][0-9:.+Z-]*)?)?)?$"
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Items per page (at most {MAX_PAGE}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
Text = Annotated[str | None, Query(max_length=200)]
BAD = {400: {"model": Problem, "description": "The query could not be read"}}
BEARER = HTTPBearer(auto_error=False, description="The server's ingest token (warta serve --ingest-token).")
MISSING = {404: {"model": Problem, "description": "Not in the knowledge base"}}


def store(request: Request) -> Any:
    return request.app.state.stores.read()


def blank(v: str | None) -> str | None:
    """Empty query parameters (from forms) mean 'not given'."""
    return v.strip() if v and v.strip() else None


@router.get("/search", response_model=SearchResult, responses=BAD, summary="Search articles (BM25)")
def search(
    st: Annotated[Any, Depends(store)],
    q: Annotated[str, Query(max_length=500, description='Words, "phrases", AND/OR/NOT, prefix*, title:word. '
                                                        "Empty: newest articles matching the filters.")] = "",
    source: Text = None,
    since: Annotated[str | None, Query(pattern=DATE, description="Published on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="Published on or before (YYYY[-MM[-DD]]).")] = None,
    lang: Annotated[str | None, Query(max_length=10, description="Language code: id, ms, en...")] = None,
    entity: Annotated[str | None, Query(max_length=300, description="Only articles mentioning this entity.")] = None,
    limit: Limit = 10, offset: Offset = 0,
    facets: Annotated[bool, Query(description="Also count matches by outlet, language and entity.")] = True,
) -> SearchResult:
    kw = {"source": blank(source), "since": blank(since), "until": blank(until), "lang": blank(lang),
          "entity": queries.entity_condition(st, blank(entity))}  # resolved once for search and facets
    page = queries.search(st, q, limit=limit, offset=offset, **kw)
    out = SearchResult(query=page.query, total=page.total, offset=offset, limit=limit,
                       total_exact=page.total_exact, ranked_within=page.ranked_within, hits=[h.to_dict() for h in page.hits])
    if facets:
        out.facets = Facets(**queries.facets(st, q, **kw))
    return out


@router.get("/articles/{article_id:path}", response_model=ArticleOut, responses=MISSING,
            summary="One article: clean text, removed lines, facts, related articles")
def article(st: Annotated[Any, Depends(store)], article_id: Annotated[str, Path(max_length=500)]) -> ArticleOut:
    art = st.get(article_id) if article_id else None
    if art is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return ArticleOut(**art.to_output(), related=queries.related(st, art))


@router.get("/entities", response_model=EntityList, summary="Entities, most mentioned first")
def entities(request: Request, st: Annotated[Any, Depends(store)],
             prefix: Annotated[str | None, Query(max_length=200, description="Names starting with this.")] = None,
             label: Annotated[str | None, Query(max_length=20, description="PER, ORG, LOC...")] = None,
             limit: Limit = 50, offset: Offset = 0) -> EntityList:
    prefix, label = blank(prefix), blank(label)
    rows = request.app.state.stores.cached(
        f"entities|{prefix}|{label}|{limit}|{offset}", 60,
        lambda: queries.list_entities(st, prefix=prefix, label=label, limit=limit + 1, offset=offset))
    return EntityList(offset=offset, limit=limit, has_more=len(rows) > limit, items=rows[:limit])


@router.get("/entities/{name:path}", response_model=EntityDetail, responses=MISSING,
            summary="One entity: aliases, mentions over time, co-occurring entities, quotes, amounts")
def entity(request: Request, st: Annotated[Any, Depends(store)], name: Annotated[str, Path(max_length=300)]
           ) -> EntityDetail:
    detail = request.app.state.stores.cached(
        "entity|" + name, 300, lambda: queries.entity_detail(st, name)) if name.strip() else None
    if detail is None:
        raise HTTPException(404, f"no entity named {name!r}")
    return EntityDetail(**detail)


@router.get("/quotes", response_model=QuoteList, summary="Quotes with speakers and articles, newest first")
def quotes(st: Annotated[Any, Depends(store)],
           speaker: Annotated[str | None, Query(max_length=200, description="Any part of the speaker's name.")] = None,
           direct: Annotated[bool | None, Query(description="Only direct (true) or indirect (false) quotes.")] = None,
           limit: Limit = 50, offset: Offset = 0) -> QuoteList:
    rows = queries.list_quotes(st, speaker=blank(speaker), direct=direct, limit=limit + 1, offset=offset)
    return QuoteList(offset=offset, limit=limit, has_more=len(rows) > limit, items=rows[:limit])


@router.get("/amounts", response_model=AmountList, summary="Amounts (money, percentages, counts), largest first")
def amounts(st: Annotated[Any, Depends(store)],
            unit: Annotated[str | None, Query(max_length=100, description='Any part of the unit: "Rp", "persen".')] = None,
            min_value: Annotated[float | None, Query(alias="min", allow_inf_nan=False)] = None,
            max_value: Annotated[float | None, Query(alias="max", allow_inf_nan=False)] = None,
            limit: Limit = 50, offset: Offset = 0) -> AmountList:
    rows = queries.list_amounts(st, unit=blank(unit), min_value=min_value, max_value=max_value,
                                limit=limit + 1, offset=offset)
    return AmountList(offset=offset, limit=limit, has_more=len(rows) > limit, items=rows[:limit])


@router.get("/stories", response_model=StoryList, summary="Story clusters, biggest first")
def stories(st: Annotated[Any, Depends(store)], limit: Limit = 20, offset: Offset = 0) -> StoryList:
    rows = queries.list_stories(st, limit=limit + 1, offset=offset)
    return StoryList(offset=offset, limit=limit, has_more=len(rows) > limit, items=rows[:limit])


@router.get("/stats", response_model=Stats, summary="Counts by outlet, language, month; fact totals")
def stats(request: Request, st: Annotated[Any, Depends(store)]) -> Stats:
    return Stats(**request.app.state.stores.cached("stats", 120, st.stats))


@router.post("/articles", response_model=IngestResult, status_code=200,
             responses={401: {"model": Problem, "description": "Missing or wrong token"},
                        403: {"model": Problem, "description": "Ingestion is off on this server"}},
             summary="Ingest articles (needs `Authorization: Bearer TOKEN`; off unless the server has a token)")
def ingest_articles(request: Request, body: IngestRequest,
                    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)] = None
                    ) -> IngestResult:
    token = request.app.state.ingest_token
    if not token:
        raise HTTPException(403, "ingestion is off on this server (start it with --ingest-token)")
    given = credentials.credentials if credentials is not None else ""
    if not given or not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "missing or wrong token (send Authorization: Bearer TOKEN)",
                            headers={"WWW-Authenticate": "Bearer"})
    from ..ingest import ingest
    from ..readers.jsonl import RecordMapper
    from ..readers.options import ReaderOptions

    log = io.StringIO()
    problems = Problems(stream=log)
    mapper = RecordMapper(problems, ReaderOptions())
    articles = []
    for i, item in enumerate(body.articles):
        art = mapper(item.model_dump(exclude_none=True), f"POST /api/articles#{i}")
        if art is not None:
            articles.append(art)
    stores = request.app.state.stores
    with stores.write_lock:
        result = ingest(articles, stores.writer, workers=1, problems=problems)
    stores.invalidate()
    return IngestResult(inserted=result.inserted, updated=result.updated, unchanged=result.unchanged,
                        ids=result.ids, problems=[ln.removeprefix("warta: ") for ln in log.getvalue().splitlines()])

"""Server-rendered HTML pages (Jinja2, autoescaped). Handlers parse, call `queries`, render."""
from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..store import QuerySyntaxError
from . import queries
from .chart import bar_chart, bucket_counts
from .highlight import entity_url, kinds_present, render_snippet, render_spans, spans_of
from .models import MAX_OFFSET

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PER_PAGE = 10
LIST_PAGE = 30
MAX_PAGE_NO = MAX_OFFSET // PER_PAGE
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
Str = Annotated[str | None, Query(max_length=500)]
PageNo = Annotated[int, Query(ge=1, le=MAX_PAGE_NO)]


def store(request: Request) -> Any:
    return request.app.state.stores.read()


def render(request: Request, template: str, status: int = 200, **ctx: Any) -> Response:
    return request.app.state.templates.TemplateResponse(request, template, ctx, status_code=status)


def blank(v: str | None) -> str | None:
    return v.strip() if v and v.strip() else None


def link(path: str, **params: Any) -> str:
    """A URL with the given query parameters, empty ones left out."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return path + ("?" + urlencode(kept) if kept else "")


def pages_around(page: int, last: int) -> list[int | None]:
    """Page numbers to show: first, last and a window around the current one (None = gap)."""
    nums = sorted({1, last, *range(max(1, page - 2), min(last, page + 2) + 1)})
    out: list[int | None] = []
    for n in nums:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


@router.get("/")
def overview(request: Request, st: Annotated[Any, Depends(store)]) -> Response:
    data = request.app.state.stores.cached("overview", 120, lambda: queries.overview(st))
    months = list((data.get("by_month") or {}).items())
    months = [(k, v) for k, v in months if k != "unknown"]
    chart = bar_chart(months, label="articles") if len(months) > 1 else None
    return render(request, "index.html", data=data, chart=chart)


@router.get("/search")
def search(request: Request, st: Annotated[Any, Depends(store)], q: Str = None, source: Str = None,
           since: Str = None, until: Str = None, lang: Str = None, entity: Str = None,
           page: PageNo = 1) -> Response:
    filters = {"source": blank(source), "since": blank(since), "until": blank(until), "lang": blank(lang),
               "entity": blank(entity)}
    q = (q or "").strip()
    ctx: dict[str, Any] = {"q": q, "filters": filters, "page": page, "result": None, "facets": None,
                           "error": None, "link": link}
    for key in ("since", "until"):
        if filters[key] and not DATE_RE.match(filters[key]):
            ctx["error"] = f"The date {filters[key]!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD."
            return render(request, "search.html", status=400, **ctx)
    if not q and not any(filters.values()):
        # The empty state: tips, examples and the newest articles.
        ctx["latest"] = queries.browse(st, limit=8).hits
        return render(request, "search.html", **ctx)
    try:
        found = {**filters, "entity": queries.entity_condition(st, filters.get("entity"))}  # resolved once
        result = queries.search(st, q, limit=PER_PAGE, offset=(page - 1) * PER_PAGE, **found)
        ctx["facets"] = queries.facets(st, q, **found)
    except QuerySyntaxError as exc:
        ctx["error"] = f"The search query could not be read: {exc}."
        return render(request, "search.html", status=400, **ctx)
    last = max(1, min(MAX_PAGE_NO, -(-result.total // PER_PAGE)))
    ctx.update(result=result, last=last, pages=pages_around(page, last),
               snippets=[render_snippet(h.snippet, h.highlights) for h in result.hits])
    return render(request, "search.html", **ctx)


@router.get("/articles/{article_id:path}")
def article(request: Request, st: Annotated[Any, Depends(store)],
            article_id: Annotated[str, Path(max_length=500)]) -> Response:
    art = st.get(article_id)
    if art is None:
        raise HTTPException(404, f"There is no article with id “{article_id}” in this knowledge base.")
    if art.id != article_id:  # a unique prefix was typed: go to the canonical address
        return RedirectResponse(f"/articles/{art.id}", status_code=307)
    spans = spans_of(art)
    entities: dict[tuple[str, str], int] = {}
    for e in art.entities:
        key = (str(e.get("canonical") or e.get("text") or ""), str(e.get("label") or ""))
        if key[0]:
            entities[key] = entities.get(key, 0) + 1
    ents = sorted(entities.items(), key=lambda kv: (-kv[1], kv[0][0]))
    return render(request, "article.html", art=art, body=render_spans(art.text, spans), legend=kinds_present(spans),
                  entities=ents, related=queries.related(st, art), entity_url=entity_url)


@router.get("/entities")
def entities(request: Request, st: Annotated[Any, Depends(store)], prefix: Str = None, label: Str = None,
             page: PageNo = 1) -> Response:
    prefix, label = blank(prefix), blank(label)
    off = (page - 1) * LIST_PAGE
    rows = request.app.state.stores.cached(
        f"entities|{prefix}|{label}|{LIST_PAGE + 1}|{off}", 60,
        lambda: queries.list_entities(st, prefix=prefix, label=label, limit=LIST_PAGE + 1, offset=off))
    return render(request, "entities.html", rows=rows[:LIST_PAGE], has_more=len(rows) > LIST_PAGE, page=page,
                  prefix=prefix, label=label, link=link, entity_url=entity_url)


@router.get("/entities/{name:path}")
def entity(request: Request, st: Annotated[Any, Depends(store)], name: Annotated[str, Path(max_length=300)]
           ) -> Response:
    detail = request.app.state.stores.cached(
        "entity|" + name, 300, lambda: queries.entity_detail(st, name)) if name.strip() else None
    if detail is None:
        return render(request, "entity_missing.html", status=404, name=name, link=link)
    if detail["name"] != name:
        return RedirectResponse(entity_url(detail["name"]), status_code=307)
    granularity, buckets = bucket_counts([(p["day"], p["count"]) for p in detail["timeline"]])
    chart = bar_chart(buckets, label="articles") if buckets else None
    return render(request, "entity.html", e=detail, chart=chart, granularity=granularity, link=link,
                  entity_url=entity_url)


@router.get("/stories")
def stories(request: Request, st: Annotated[Any, Depends(store)], page: PageNo = 1) -> Response:
    per = 20
    rows = queries.list_stories(st, limit=per + 1, offset=(page - 1) * per)
    return render(request, "stories.html", rows=rows[:per], has_more=len(rows) > per, page=page, link=link)


@router.get("/quotes")
def quotes(request: Request, st: Annotated[Any, Depends(store)], speaker: Str = None,
           kind: Annotated[str | None, Query(pattern="^(|all|direct|indirect)$")] = None, page: PageNo = 1
           ) -> Response:
    speaker = blank(speaker)
    direct = {"direct": True, "indirect": False}.get(kind or "")
    rows = queries.list_quotes(st, speaker=speaker, direct=direct, limit=LIST_PAGE + 1,
                               offset=(page - 1) * LIST_PAGE)
    return render(request, "quotes.html", rows=rows[:LIST_PAGE], has_more=len(rows) > LIST_PAGE, page=page,
                  speaker=speaker, kind=kind or "all", link=link, entity_url=entity_url)


@router.get("/amounts")
def amounts(request: Request, st: Annotated[Any, Depends(store)], unit: Str = None, page: PageNo = 1) -> Response:
    unit = blank(unit)
    rows = queries.list_amounts(st, unit=unit, limit=LIST_PAGE + 1, offset=(page - 1) * LIST_PAGE)
    return render(request, "amounts.html", rows=rows[:LIST_PAGE], has_more=len(rows) > LIST_PAGE, page=page,
                  unit=unit, link=link)


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    """The API reference, rendered from the generated OpenAPI schema (no external scripts)."""
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description") or p.get("schema", {}).get("description", ""),
                       "type": _type_of(p.get("schema", {}))} for p in op.get("parameters", [])]
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", ""), "params": params,
                        "body": "requestBody" in op, "responses": sorted(op.get("responses", {}))})
    return render(request, "api_docs.html", spec=spec, ops=ops)


def _type_of(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type_of(s) for s in schema["anyOf"] if s.get("type") != "null")
    return str(schema.get("type", ""))

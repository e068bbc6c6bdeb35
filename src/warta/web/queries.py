"""Read-only corpus queries behind the pages and the API.

Everything goes through `store.query` with `?` placeholders and SQL that SQLite and PostgreSQL both
accept; the one exception is full-text search with extra filters (entity, facets), which uses the
SQLite FTS5 index directly and degrades gracefully on other backends. Where a sibling module
offers the same listing (`warta.facts.corpus`, `warta.ner.corpus`, `warta.dedup`), it is preferred.
"""
from __future__ import annotations

import json
import time
from typing import Any

from ..facts.corpus import list_amounts, list_quotes  # the listings the CLI uses too
from ..ner.corpus import entity_filter  # a search filter covers every name of the entity
from ..store import SearchPage
from ..store.query import COUNT_CAP, RANK_CAP, QuerySyntaxError, filter_clauses, like_pattern, parse
from ..store.sqlite import SearchHit, SQLiteStore

__all__ = ["list_amounts", "list_quotes"]

SNIPPET_WIDTH = 240
FACET_SIZE = 12
# Facets and co-occurrence look at this many matching articles at most: bounded work per request
# on a big corpus (counts are then marked approximate).
FACET_SCAN = 1000
# RANK_CAP / COUNT_CAP: the stores' bounds on ranking and counting very broad searches (store.query).


def _json_dict(value: Any) -> dict[str, Any]:
    try:
        out = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return {}
    return out if isinstance(out, dict) else {}


_SOURCES: dict[tuple[str, str, str], tuple[float, list[str]]] = {}


def _source_values(store: Any, source: str, column: str = "source") -> list[str]:
    """The stored outlet (`source`) or site names containing `source` (any case), read from the
    column's index; kept a minute."""
    key = (str(getattr(store, "path", "")), column, source.lower())
    hit = _SOURCES.get(key)
    now = time.monotonic()
    if hit and now - hit[0] < 60:
        return hit[1]
    values = [r["v"] for r in store.query(f"SELECT DISTINCT {column} AS v FROM articles "
                                          f"WHERE lower({column}) LIKE ? ESCAPE '\\'", (like_pattern(source),))]
    if len(_SOURCES) > 1000:
        _SOURCES.clear()
    _SOURCES[key] = (now, values)
    return values


def _fts_filters(store: Any, source: str | None, since: str | None, until: str | None, lang: str | None,
                 entity: Any) -> tuple[list[str], list[Any]]:
    """The search filters as conditions on the full-text rowid, each answered from an index.

    Checking filters on article rows means reading one row per match (78k for a common word); a
    rowid set from the source/published/language/mentions index costs at most one index scan.
    The `+` keeps SQLite from handing the rowid list to FTS5 as lookups (one MATCH per rowid).
    Same meaning as the store's filters: `until` is a prefix bound (2019-09 includes the whole month).
    """
    where: list[str] = []
    params: list[Any] = []
    if source:
        # As filter_clauses (outlet or site name contains it), each side an index lookup.
        outlets, sites = _source_values(store, source), _source_values(store, source, "site")
        where.append("+articles_fts.rowid IN (SELECT rowid FROM articles WHERE source IN "
                     f"({','.join('?' * len(outlets)) or 'NULL'}) UNION ALL SELECT rowid FROM articles WHERE site IN "
                     f"({','.join('?' * len(sites)) or 'NULL'}))")
        params += [*outlets, *sites]
    if since or until:
        conds, dparams = [], []
        if since:
            conds.append("published >= ?")
            dparams.append(since)
        if until:
            # ISO dates use digits, '-', 'T', ':', '+', '.', 'Z', all below '~': an index-friendly prefix bound.
            conds.append("published <= ?")
            dparams.append(until + "~")
        where.append(f"+articles_fts.rowid IN (SELECT rowid FROM articles WHERE {' AND '.join(conds)})")
        params += dparams
    if lang:
        where.append("+articles_fts.rowid IN (SELECT rowid FROM articles WHERE language = ?)")
        params.append(lang.lower())
    if entity:  # the store's entity clause, on the full-text rowid
        ewhere, eparams = filter_clauses(entity=entity, rowid="+articles_fts.rowid")
        where += ewhere
        params += eparams
    return where, params


def entity_condition(store: Any, entity: Any) -> Any:
    """A typed entity name resolved once to the condition on `mentions` covering all its names
    (`ner.corpus.entity_filter`: what the entity's page counts); None and resolved ones pass through,
    so a page that searches and counts facets resolves the name once and passes the result to both."""
    return entity_filter(store, entity) if isinstance(entity, str) and entity else entity


def _is_sqlite(store: Any) -> bool:
    return getattr(store, "backend", "") == "sqlite" and hasattr(store, "conn")


def _newest(store: Any, alias: str = "a") -> str:
    """ORDER BY newest first, undated last. SQLite sorts NULL lowest already, and then can walk the
    `published` index backwards; PostgreSQL needs NULLS LAST said."""
    col = f"{alias}.published" if alias else "published"
    return f"{col} DESC" if _is_sqlite(store) else f"{col} DESC NULLS LAST"


# -- search -------------------------------------------------------------------------------------
def search(store: Any, q: str, *, source: str | None = None, since: str | None = None,
           until: str | None = None, lang: str | None = None, entity: str | None = None,
           limit: int = 10, offset: int = 0) -> SearchPage:
    """BM25 search (or, with no words, the newest articles matching the filters)."""
    q = (q or "").strip()
    entity = entity_condition(store, entity)
    if not q:
        return browse(store, source=source, since=since, until=until, lang=lang, entity=entity,
                      limit=limit, offset=offset)
    if _is_sqlite(store):
        return _sqlite_search(store, q, source=source, since=since, until=until, lang=lang, entity=entity,
                              limit=limit, offset=offset)
    return store.search(q, source=source, since=since, until=until, lang=lang, entity=entity, limit=limit,
                        offset=offset, snippet_width=SNIPPET_WIDTH)


def _sqlite_search(store: Any, q: str, *, source: str | None, since: str | None, until: str | None,
                   lang: str | None, entity: Any, limit: int, offset: int) -> SearchPage:
    """The store's BM25 search (same weights), in two steps: rank rowids, then read only the page's rows.

    Reading title and text for every match before sorting (one query) costs ~3x on common words
    over 100k articles; ranking bare rowids first keeps a search page under the latency target.
    """
    import sqlite3

    parsed = parse(q)
    where, params = _fts_filters(store, source, since, until, lang, entity)
    base = "FROM articles_fts WHERE " + " AND ".join(["articles_fts MATCH ?", *where])
    try:
        if where:  # counting through the join reads every matching row: bounded, like paging
            total = store.conn.execute(f"SELECT count(*) FROM (SELECT 1 {base} LIMIT {COUNT_CAP + 1}) t",
                                       (parsed.match, *params)).fetchone()[0]
        else:
            total = store.conn.execute(f"SELECT count(*) {base}", (parsed.match, *params)).fetchone()[0]
        inner = f"SELECT articles_fts.rowid AS r, bm25(articles_fts, 3.0, 1.0) AS score {base}"
        if total > RANK_CAP:
            # Very broad queries ("dengan", a stem shared by half the corpus): rank only the most
            # recently added RANK_CAP matches, so no query costs more than ~30 ms of BM25 scoring.
            sql = f"SELECT r, score FROM ({inner} ORDER BY articles_fts.rowid DESC LIMIT {RANK_CAP}) t "
        else:
            sql = f"{inner} "
        ranked = store.conn.execute(sql + "ORDER BY score, r DESC LIMIT ? OFFSET ?",  # same order as the store
                                    (parsed.match, *params, limit, offset)).fetchall()
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc) or "syntax" in str(exc):
            raise QuerySyntaxError(f"the search engine could not read the query ({exc})") from exc
        raise
    rows = {}
    if ranked:
        rows = {r["rowid"]: r for r in store.conn.execute(
            "SELECT rowid, id, title, source, published, language, url, text, duplicate_of, cluster FROM articles "
            f"WHERE rowid IN ({','.join('?' * len(ranked))})", [r["r"] for r in ranked]).fetchall()}
    hits = [SQLiteStore._hit(rows[rk["r"]], rk["score"], parsed, SNIPPET_WIDTH) for rk in ranked if rk["r"] in rows]
    return SearchPage(q, min(total, COUNT_CAP) if where else total, offset, hits,
                      ranked_within=RANK_CAP if total > RANK_CAP else None,
                      total_exact=not (where and total > COUNT_CAP))


def browse(store: Any, *, source: str | None = None, since: str | None = None, until: str | None = None,
           lang: str | None = None, entity: str | None = None, limit: int = 10, offset: int = 0) -> SearchPage:
    """Newest articles matching the filters, as a search page without highlights."""
    where, params = filter_clauses(source, since, until, lang, entity_condition(store, entity))
    cond = ("WHERE " + " AND ".join(where)) if where else ""
    total = store.query(f"SELECT count(*) AS n FROM articles a {cond}", params)[0]["n"]
    rows = store.query(
        "SELECT a.id, a.title, a.source, a.published, a.language, a.url, substr(a.text, 1, ?) AS text, "
        f"a.duplicate_of, a.cluster FROM articles a {cond} "
        f"ORDER BY {_newest(store)}, a.id LIMIT ? OFFSET ?",
        (SNIPPET_WIDTH + 1, *params, limit, offset))
    hits = []
    for r in rows:
        text = (r["text"] or "").replace("\n", " ")
        snip = text[:SNIPPET_WIDTH] + ("…" if len(text) > SNIPPET_WIDTH else "")
        hits.append(SearchHit(r["id"], r["title"], r["source"], r["published"], r["language"], r["url"],
                              0.0, snip, [], r["duplicate_of"], r["cluster"]))
    return SearchPage("", total, offset, hits)


def facets(store: Any, q: str, *, source: str | None = None, since: str | None = None,
           until: str | None = None, lang: str | None = None, entity: str | None = None) -> dict[str, Any]:
    """Counts by outlet, language and entity over the articles a search matches."""
    empty: dict[str, Any] = {"sources": [], "languages": [], "entities": [], "approximate": False}
    q = (q or "").strip()
    entity = entity_condition(store, entity)
    where, params = filter_clauses(source, since, until, lang, entity)
    if q and _is_sqlite(store):
        match = parse(q).match
        where, params = _fts_filters(store, source, since, until, lang, entity)
        sample = "SELECT articles_fts.rowid AS r FROM articles_fts WHERE " + " AND ".join(["articles_fts MATCH ?", *where])
        params = [match, *params]
    elif q and hasattr(store, "match_condition"):
        # Other backends say how to match a query in portable SQL over `articles a`.
        cond, match_params = store.match_condition(q)
        sample = "SELECT a.rowid AS r FROM articles a WHERE " + " AND ".join([cond, *where])
        params = [*match_params, *params]
    elif q or not where:
        return empty  # no way to match here / the whole corpus (the overview page has those counts)
    else:
        sample = "SELECT a.rowid AS r FROM articles a WHERE " + " AND ".join(where)
    # Counted over at most FACET_SCAN matching articles: exact for most searches, marked approximate
    # for very common words (where a full count would cost more than the search itself). The sample
    # is read once and passed on as a list.
    # Newest first, like the ranking of very broad searches: the facets describe the same articles.
    ids = [r["r"] for r in store.query(f"{sample} ORDER BY r DESC LIMIT {FACET_SCAN + 1}", params)]
    approximate = len(ids) > FACET_SCAN
    ids = ids[:FACET_SCAN]
    if not ids:
        return empty
    marks = ",".join("?" * len(ids))
    sources: dict[str, int] = {}
    languages: dict[str, int] = {}
    for r in store.query(f"SELECT source, site, language, count(*) AS n FROM articles WHERE rowid IN ({marks}) "
                         "GROUP BY source, site, language", ids):
        src = r["source"] or r["site"]
        if src:
            sources[src] = sources.get(src, 0) + r["n"]
        if r["language"]:
            languages[r["language"]] = languages.get(r["language"], 0) + r["n"]
    ents = store.query(
        "SELECT canonical, label, count(*) AS n FROM (SELECT DISTINCT article, canonical, label FROM mentions "
        f"WHERE article IN ({marks})) m GROUP BY canonical, label ORDER BY n DESC, canonical LIMIT {FACET_SIZE}", ids)

    def top(counts: dict[str, int]) -> list[dict[str, Any]]:
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_SIZE]
        return [{"value": k, "count": n} for k, n in ranked]

    return {"sources": top(sources), "languages": top(languages), "approximate": approximate,
            "entities": [{"value": r["canonical"], "label": r["label"], "count": r["n"]} for r in ents]}


# -- articles -----------------------------------------------------------------------------------
def has_dedup_tables(store: Any) -> bool:
    """Whether the dedup area's `stories`/`story_members`/`dedup_articles` tables exist in this store.

    Read directly (not through `warta.dedup`, whose import pulls in spaCy: seconds on a first request).
    """
    names = ("stories", "story_members", "dedup_articles")
    try:
        if _is_sqlite(store):
            rows = store.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?, ?)", names)
        else:
            rows = store.query("SELECT table_name AS name FROM information_schema.tables "
                               "WHERE table_name IN (?, ?, ?)", names)
    except Exception:  # noqa: BLE001 - an unusual backend: behave as without the tables
        return False
    return len({r["name"] for r in rows}) == len(names)


def related(store: Any, article: Any, limit: int = 20) -> list[dict[str, Any]]:
    """Duplicates of this article, the article it duplicates, and other articles of its story."""
    out: list[dict[str, Any]] = []
    seen = {article.id}

    def add(rows: list[dict[str, Any]], relation: str) -> None:
        for r in rows:
            if r["id"] not in seen and len(out) < limit:
                seen.add(r["id"])
                out.append({"id": r["id"], "title": r.get("title"), "source": r.get("source"),
                            "published": r.get("published"), "relation": relation})

    if has_dedup_tables(store):
        # The dedup area's tables: the article's own copy relations (`storage.copies_of`: the
        # article it copies and its chain's origin are "original", its copies "duplicate"), then its story.
        from ..dedup.storage import copies_of

        canon = copies_of(store, article.id)
        add([c for c in canon if c["relation"] != "copied by"], "original")
        add([c for c in canon if c["relation"] == "copied by"], "duplicate")
        add(store.query("SELECT m.article_id AS id, m.title, m.source, m.published FROM story_members m "
                        "WHERE m.cluster = (SELECT cluster FROM story_members WHERE article_id = ?) "
                        "AND m.article_id <> ? ORDER BY (m.published IS NULL), m.published, m.article_id LIMIT ?",
                        (article.id, article.id, limit + 1)), "same story")
        if out or canon:
            return out
    cols = "id, title, source, published, duplicate_of, cluster"
    if article.duplicate_of:
        add(store.query(f"SELECT {cols} FROM articles WHERE id = ?", (article.duplicate_of,)), "original")
    # A mostly-NULL column: after ANALYZE the SQLite planner would scan the table instead of the index.
    hint = " INDEXED BY articles_duplicate_of" if _is_sqlite(store) else ""
    add(store.query(f"SELECT {cols} FROM articles{hint} WHERE duplicate_of = ? ORDER BY published, id LIMIT ?",
                    (article.id, limit)), "duplicate")
    if article.cluster:
        add(store.query(f"SELECT {cols} FROM articles WHERE cluster = ? ORDER BY published, id LIMIT ?",
                        (article.cluster, limit + 1)), "same story")
    return out


# -- entities -----------------------------------------------------------------------------------
# One implementation with the command line (warta.ner.corpus): merged case variants, aliases and
# short forms, counted from the entity name index; only the quotes and amounts are added here.
def list_entities(store: Any, *, prefix: str | None = None, label: str | None = None, limit: int = 50,
                  offset: int = 0) -> list[dict[str, Any]]:
    """Entities by number of articles mentioning them (most first)."""
    from ..ner import corpus

    return corpus.list_entities(store, prefix=prefix, label=label, limit=limit, offset=offset)


def resolve_entity(store: Any, name: str) -> str | None:
    """The displayed name of the entity `name` denotes: any case, an alias (Jokowi), a short form, a surface form."""
    from ..ner import corpus

    found = corpus.find_entity(store, name)
    return found.name if found else None


def entity_detail(store: Any, name: str, *, quotes_limit: int = 20, amounts_limit: int = 20,
                  articles_limit: int = 10) -> dict[str, Any] | None:
    """Everything the entity page shows; None when nothing in the store mentions `name`."""
    from ..ner import corpus

    found = corpus.find_entity(store, name)
    if found is None:
        return None
    detail = corpus.describe(store, found, articles_limit=articles_limit)
    speakers = [detail["name"], *(a["text"] for a in detail["aliases"] if a["text"] != detail["name"])]
    quotes = store.query(
        "SELECT q.text, q.speaker, q.verb, q.direct, q.start, q.\"end\", a.id AS article_id, a.title, a.source, "
        f"a.published FROM quotes q JOIN articles a ON a.rowid = q.article WHERE q.speaker IN "
        f"({','.join('?' * len(speakers))}) ORDER BY {_newest(store)}, a.id, q.start LIMIT ?",
        (*speakers, quotes_limit))
    for r in quotes:
        r["direct"] = bool(r["direct"])
    scan, params = corpus.scan_articles(store, found)
    amounts = store.query(
        "SELECT m.text, m.value, m.value_max, m.unit, m.hedge, m.source AS claimed_by, a.id AS article_id, "
        "a.title, a.source, a.published FROM amounts m JOIN articles a ON a.rowid = m.article "
        f"WHERE m.article IN ({scan}) ORDER BY {_newest(store)}, a.id, m.start LIMIT ?",
        (*params, amounts_limit))
    return {**detail, "quotes": quotes, "amounts": amounts}


# -- stories ------------------------------------------------------------------------------------
def list_stories(store: Any, *, limit: int = 20, offset: int = 0, per_story: int = 5) -> list[dict[str, Any]]:
    """Stories with two or more articles, biggest first, each with a few of its articles.

    From the dedup area's `stories` table when it exists (labels are its most central headline),
    else grouped from `articles.cluster`.
    """
    if has_dedup_tables(store):
        rows = store.query("SELECT cluster, label, size, first_seen, last_seen, outlets FROM stories WHERE size >= 2 "
                           "ORDER BY size DESC, first_seen, cluster LIMIT ? OFFSET ?", (limit, offset))
        if not rows:
            return []
        ids = [r["cluster"] for r in rows]
        members = store.query(
            "SELECT m.article_id AS id, m.title, m.source, m.published, m.cluster, a.duplicate_of "
            "FROM story_members m LEFT JOIN articles a ON a.id = m.article_id "
            f"WHERE m.cluster IN ({','.join('?' * len(ids))}) ORDER BY (m.published IS NULL), m.published, m.article_id",
            ids)
        stories = [{"cluster": r["cluster"], "label": r["label"], "n": r["size"], "first_seen": r["first_seen"],
                    "last_seen": r["last_seen"], "sources": sorted(_json_dict(r["outlets"]))} for r in rows]
    else:
        rows = store.query(
            "SELECT cluster, count(*) AS n, min(published) AS first_seen, max(published) AS last_seen "
            "FROM articles WHERE cluster IS NOT NULL GROUP BY cluster HAVING count(*) > 1 "
            "ORDER BY n DESC, first_seen DESC, cluster LIMIT ? OFFSET ?", (limit, offset))
        if not rows:
            return []
        ids = [r["cluster"] for r in rows]
        members = store.query(
            "SELECT id, title, coalesce(source, site) AS source, published, cluster, duplicate_of FROM articles "
            f"WHERE cluster IN ({','.join('?' * len(ids))}) ORDER BY (published IS NULL), published, id", ids)
        stories = [{**r, "label": None, "sources": None} for r in rows]
    by_cluster: dict[str, list[dict[str, Any]]] = {}
    for m in members:
        by_cluster.setdefault(m["cluster"], []).append(m)
    out = []
    for r in stories:
        arts = by_cluster.get(r["cluster"], [])
        sources = r["sources"] if r["sources"] is not None else sorted({a["source"] for a in arts if a["source"]})
        label = r["label"] or next((a["title"] for a in arts if a["title"]), None) or r["cluster"]
        out.append({
            "id": r["cluster"], "label": label, "articles": r["n"], "outlets": len(sources), "sources": sources,
            "first_seen": r["first_seen"], "last_seen": r["last_seen"],
            "sample": [{"id": a["id"], "title": a["title"], "source": a["source"], "published": a["published"],
                        "duplicate_of": a["duplicate_of"]} for a in arts[:per_story]],
        })
    return out


# -- overview -----------------------------------------------------------------------------------
def overview(store: Any) -> dict[str, Any]:
    stats = store.stats()
    stats["top_entities"] = list_entities(store, limit=15)
    stats["outlets"] = len(stats.get("by_source") or {})
    stats["stories"] = store.query(
        "SELECT count(*) AS n FROM stories WHERE size > 1" if has_dedup_tables(store) else
        "SELECT count(*) AS n FROM (SELECT cluster FROM articles WHERE cluster IS NOT NULL "
        "GROUP BY cluster HAVING count(*) > 1) t")[0]["n"]
    return stats

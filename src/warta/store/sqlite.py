"""The embedded knowledge base: one SQLite file in WAL mode, FTS5 over stemmed title and text.

Writes are idempotent and crash-safe: articles are keyed by id, each batch is one transaction, so
a killed `warta ingest` leaves only whole batches behind and a re-run skips what is stored.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from ..article import Article
from . import entity_index
from .query import RANK_CAP, ParsedQuery, QuerySyntaxError, filter_clauses, parse, snippet
from .stem import INDEX_KEY, stem_text

# 1: articles, FTS, fact tables. 2: the entity name index (entity_index.py), filled from `mentions`.
SCHEMA_VERSION = 2
JSON_FIELDS = ("removed", "entities", "amounts", "dates", "quotes", "attributions", "meta", "dateline")
ARTICLE_COLUMNS = ("id", "url", "title", "source", "published", "author", "origin", "language",
                   "language_confidence", "site", "dateline", "text", "raw", "raw_format", "removed",
                   "entities", "amounts", "dates", "quotes", "attributions", "meta", "duplicate_of",
                   "cluster")


class StoreError(Exception):
    """The store cannot be used (not a warta database, locked, corrupt...)."""


@dataclass
class AddResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    ids: list[str] = field(default_factory=list)  # inserted or updated, in order

    def __iadd__(self, other: AddResult) -> AddResult:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.ids.extend(other.ids)
        return self


@dataclass
class SearchHit:
    id: str
    title: str | None
    source: str | None
    published: str | None
    language: str | None
    url: str | None
    score: float
    snippet: str
    highlights: list[tuple[int, int]]
    duplicate_of: str | None = None
    cluster: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass
class SearchPage:
    query: str
    total: int
    offset: int
    hits: list[SearchHit]
    # Set when the query matched more than `query.RANK_CAP` articles: the hits are then the best of
    # the most recently stored RANK_CAP matches (bounded scoring work per query), not of all of them.
    ranked_within: int | None = None
    total_exact: bool = True  # False when `total` is a lower bound

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "total": self.total, "offset": self.offset,
                "ranked_within": self.ranked_within, "total_exact": self.total_exact,
                "hits": [h.to_dict() for h in self.hits]}


def raw_hash(article: Article) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in (article.raw, article.url or "", article.title or "", article.published or ""):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteStore:
    """A warta knowledge base in one SQLite file."""

    backend = "sqlite"

    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = str(path)
        self._delta = entity_index.Delta()  # entity index changes of the batch being stored
        if readonly:
            if not Path(self.path).exists():
                raise StoreError(f"no database at {self.path} (create one with: warta ingest FILES --db {self.path})")
            uri = f"file:{Path(self.path).resolve()}?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        else:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, check_same_thread=False, timeout=60)
        self.conn.row_factory = sqlite3.Row
        try:
            if not readonly:
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA busy_timeout=60000")
            self._ensure_schema(readonly)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path} is not a usable warta database: {exc}") from exc

    # -- schema -----------------------------------------------------------------------------
    def _ensure_schema(self, readonly: bool) -> None:
        has_meta = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        if readonly:
            if not has_meta:
                raise StoreError(f"{self.path} is not a warta database")
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if (row is not None and int(row[0]) < SCHEMA_VERSION) or not self._entities_indexed():
                self._upgrade_for_reading()
            return
        if not has_meta:
            tables = self.conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
            if tables:
                raise StoreError(f"{self.path} is a SQLite database of something else; refusing to write to it")
        with self.conn:
            self.conn.executescript(resources.files("warta.store").joinpath("schema.sql").read_text())
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if row is None:
                self.conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            elif int(row[0]) > SCHEMA_VERSION:
                raise StoreError(f"{self.path} was written by a newer warta (schema {row[0]}); upgrade warta")
            elif int(row[0]) < SCHEMA_VERSION:
                self._migrate(int(row[0]))
            if not self._entities_indexed():  # built by an older fold or alias table (or never)
                entity_index.rebuild(self.query, self.execute, lambda sql, rows: self.execute(sql, rows, many=True))
                self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('entity_index', ?)", (entity_index.INDEX_VERSION,))

    def _entities_indexed(self) -> bool:
        """Whether the entity name index was built with this warta's fold and alias table."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'entity_index'").fetchone()
        return row is not None and row[0] == entity_index.INDEX_VERSION

    def _migrate(self, have: int) -> None:
        """Bring an older database up to SCHEMA_VERSION (inside the caller's transaction)."""
        if have < 2:  # no entity name index yet: _ensure_schema builds it next, as for any stale version
            self.conn.execute("DELETE FROM meta WHERE key = 'entity_index'")
        self.conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))

    def _upgrade_for_reading(self) -> None:
        """A read-only open of an older database: upgrade it through a short writable connection."""
        try:
            SQLiteStore(self.path).close()
        except (StoreError, sqlite3.Error) as exc:
            raise StoreError(f"{self.path} uses an older warta schema and cannot be upgraded here ({exc}); "
                             f"open it once with write access, e.g. `warta ingest --db {self.path}` with no files") from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------
    def known_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """id → raw hash for the given ids already stored (to skip work on a re-run)."""
        ids = list(ids)
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            q = f"SELECT id, raw_hash FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
            out.update({r[0]: r[1] for r in self.conn.execute(q, chunk)})
        return out

    def add(self, articles: Iterable[Article]) -> AddResult:
        """Store a batch in one transaction. Same id and same input → unchanged; changed input → updated."""
        result = AddResult()
        batch = list(articles)
        if not batch:
            return result
        self._delta = entity_index.Delta()
        known = self.known_hashes(a.ensure_id() for a in batch)
        with self.conn:
            for art in batch:
                h = art.meta.pop("raw_hash", None) or raw_hash(art)
                old = known.get(art.id)
                if old == h:
                    result.unchanged += 1
                    continue
                if old is not None:
                    self._delete(art.id)
                    result.updated += 1
                else:
                    result.inserted += 1
                self._insert(art, h)
                known[art.id] = h
                result.ids.append(art.id)
            self._delta.flush(lambda sql, rows: self.conn.executemany(sql, rows))
        return result

    def _insert(self, art: Article, h: str) -> None:
        stems = art.meta.pop(INDEX_KEY, None)
        if stems is None:
            stems = (stem_text(art.title), stem_text(art.text))
        values = []
        for col in ARTICLE_COLUMNS:
            v = getattr(art, col)
            values.append(json.dumps(v, ensure_ascii=False) if col in JSON_FIELDS and v is not None else v)
        cur = self.conn.execute(
            f"INSERT INTO articles ({','.join(ARTICLE_COLUMNS)}, raw_hash, ingested_at) "
            f"VALUES ({','.join('?' * len(ARTICLE_COLUMNS))}, ?, ?)", (*values, h, _now()))
        rid = cur.lastrowid
        self.conn.execute("INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)", (rid, *stems))
        self._insert_facts(rid, art)

    def _insert_facts(self, rid: int, art: Article) -> None:
        ex = self.conn.executemany
        ex("INSERT INTO removed_lines VALUES (?,?,?,?)",
           [(rid, r.get("line"), r.get("text"), r.get("reason")) for r in art.removed])
        ex("INSERT INTO mentions VALUES (?,?,?,?,?,?,?)",
           [(rid, e.get("canonical") or e.get("text"), e.get("label"), e.get("text"), e.get("start"),
             e.get("end"), e.get("role")) for e in art.entities])
        self._delta.article(entity_index.mentions_of(art.entities))
        ex("INSERT INTO amounts VALUES (?,?,?,?,?,?,?,?,?,?)",
           [(rid, a.get("text"), a.get("value"), a.get("value_max"), a.get("unit"), a.get("hedge"),
             1 if a.get("vague") else 0, a.get("source"), a.get("start"), a.get("end")) for a in art.amounts])
        ex("INSERT INTO dates VALUES (?,?,?,?,?)",
           [(rid, d.get("text"), d.get("value"), d.get("start"), d.get("end")) for d in art.dates])
        ex("INSERT INTO quotes VALUES (?,?,?,?,?,?,?)",
           [(rid, q.get("text"), q.get("speaker"), q.get("verb"), 1 if q.get("direct") else 0,
             q.get("start"), q.get("end")) for q in art.quotes])
        ex("INSERT INTO attributions VALUES (?,?,?,?,?)",
           [(rid, a.get("claim"), a.get("source"), a.get("start"), a.get("end")) for a in art.attributions])

    FACT_TABLES = ("removed_lines", "mentions", "amounts", "dates", "quotes", "attributions")

    def _delete(self, article_id: str) -> None:
        row = self.conn.execute("SELECT rowid, title, text FROM articles WHERE id=?", (article_id,)).fetchone()
        if row is None:
            return
        rid = row["rowid"]
        self._delta.article([(r[0], r[1], r[2]) for r in self.conn.execute(
            "SELECT label, canonical, text FROM mentions WHERE article=?", (rid,))], sign=-1)
        # Contentless FTS5: a delete must repeat the indexed values, which stemming reproduces.
        self.conn.execute("INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                          (rid, stem_text(row["title"]), stem_text(row["text"])))
        for table in self.FACT_TABLES:
            self.conn.execute(f"DELETE FROM {table} WHERE article=?", (rid,))
        self.conn.execute("DELETE FROM articles WHERE rowid=?", (rid,))

    def set_fields(self, article_id: str, **values: Any) -> None:
        """Update plain columns of one article (used by corpus-level steps such as dedup)."""
        allowed = {"duplicate_of", "cluster", "published", "language", "language_confidence"}
        bad = set(values) - allowed
        if bad:
            raise ValueError(f"cannot set {bad}")
        cols = ", ".join(f"{k}=?" for k in values)
        self.conn.execute(f"UPDATE articles SET {cols} WHERE id=?", (*values.values(), article_id))

    # -- portable SQL for the other areas ---------------------------------------------------
    # Corpus queries outside the store (entities, facts, duplicates, web pages) go through these
    # two methods with `?` placeholders and plain SQL that SQLite and PostgreSQL both accept, so
    # the same code runs on either backend.
    def query(self, sql: str, params: tuple | list = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, tuple(params)).fetchall()]

    def execute(self, sql: str, params: tuple | list = (), many: bool = False) -> None:
        """Run a write (inside `with store.transaction():` for several writes)."""
        if many:
            self.conn.executemany(sql, params)
        else:
            self.conn.execute(sql, tuple(params))

    def executescript(self, sql: str) -> None:
        """Create a module's own tables (`CREATE TABLE IF NOT EXISTS ...`)."""
        self.conn.executescript(sql)

    def transaction(self):
        """Context manager: commit on success, roll back on error."""
        return self.conn

    # -- reading ----------------------------------------------------------------------------
    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def _row_to_article(self, row: sqlite3.Row) -> Article:
        data = {k: row[k] for k in row.keys() if k in ARTICLE_COLUMNS}
        for k in JSON_FIELDS:
            if data.get(k) is not None:
                data[k] = json.loads(data[k])
        for k in ("removed", "entities", "amounts", "dates", "quotes", "attributions"):
            data[k] = data.get(k) or []
        data["meta"] = data.get("meta") or {}
        return Article.from_dict(data)

    def get(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT * FROM articles WHERE id=?", (article_id,)).fetchone()
        if row is None:
            # Let users type a unique prefix of a long id.
            rows = self.conn.execute("SELECT * FROM articles WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                                     (article_id.replace("%", "\\%").replace("_", "\\_") + "%",)).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return self._row_to_article(row) if row is not None else None

    def iter_articles(self, batch: int = 500, where: str = "", params: tuple = ()) -> Iterator[Article]:
        last = 0
        while True:
            rows = self.conn.execute(
                f"SELECT rowid AS _r, * FROM articles WHERE rowid > ? {('AND ' + where) if where else ''} "
                f"ORDER BY rowid LIMIT ?", (last, *params, batch)).fetchall()
            if not rows:
                return
            for row in rows:
                yield self._row_to_article(row)
            last = rows[-1]["_r"]

    # -- search -----------------------------------------------------------------------------
    def search(self, query: str, *, source: str | None = None, since: str | None = None,
               until: str | None = None, lang: str | None = None, entity: str | tuple | None = None,
               limit: int = 10, offset: int = 0, snippet_width: int = 240) -> SearchPage:
        parsed = parse(query)
        if isinstance(entity, str) and entity:
            from ..ner.corpus import entity_filter  # (ner.corpus reads the store's entity index)

            entity = entity_filter(self, entity)
        where, params = filter_clauses(source, since, until, lang, entity)
        cond = " AND ".join(["articles_fts MATCH ?", *where])
        if where:
            # CROSS JOIN keeps the full-text match as the outer loop: otherwise SQLite may walk a
            # filter's column index (language, published) and run the match once per row (seconds on 100k).
            base = f"FROM articles_fts CROSS JOIN articles a ON a.rowid = articles_fts.rowid WHERE {cond}"
        else:  # no filter: the full-text index alone (joining article rows costs 5x on 1M articles)
            base = f"FROM articles_fts WHERE {cond}"
        inner = f"SELECT articles_fts.rowid AS r, bm25(articles_fts, 3.0, 1.0) AS score {base}"
        try:
            total = self.conn.execute(f"SELECT count(*) {base}", (parsed.match, *params)).fetchone()[0]
            # Rank ids first, then read only the rows of this page (article text is the heavy part).
            # A query matching more than RANK_CAP articles is ranked among the newest RANK_CAP of them:
            # BM25 over every match of two common words (45k of 1M articles) is what costs.
            capped = total > RANK_CAP
            sql = (f"SELECT r, score FROM ({inner} ORDER BY articles_fts.rowid DESC LIMIT {RANK_CAP}) t"
                   if capped else inner)
            ranked = self.conn.execute(f"{sql} ORDER BY score, r DESC LIMIT ? OFFSET ?",
                                       (parsed.match, *params, limit, offset)).fetchall()
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc) or "syntax" in str(exc):
                raise QuerySyntaxError(f"the search engine could not read the query ({exc})") from exc
            raise
        rows = {}
        if ranked:
            ids = [r["r"] for r in ranked]
            for row in self.conn.execute(
                    "SELECT rowid AS r, id, title, source, published, language, url, text, duplicate_of, cluster "
                    f"FROM articles WHERE rowid IN ({','.join('?' * len(ids))})", ids):
                rows[row["r"]] = row
        hits = [self._hit(rows[r["r"]], r["score"], parsed, snippet_width) for r in ranked if r["r"] in rows]
        return SearchPage(query, total, offset, hits, ranked_within=RANK_CAP if capped else None)

    @staticmethod
    def _hit(r: sqlite3.Row, score: float, parsed: ParsedQuery, width: int) -> SearchHit:
        snip, spans = snippet(r["text"], parsed, width)
        return SearchHit(r["id"], r["title"], r["source"], r["published"], r["language"], r["url"],
                         round(-float(score), 4), snip, spans, r["duplicate_of"], r["cluster"])

    # -- statistics -------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        q = self.conn.execute

        def grouped(expr: str, table: str = "articles", where: str = "") -> dict[str, int]:
            rows = q(f"SELECT {expr} AS k, count(*) AS n FROM {table} {where} GROUP BY k ORDER BY n DESC, k").fetchall()
            return {(r["k"] if r["k"] is not None else "unknown"): r["n"] for r in rows}

        span = q("SELECT min(published), max(published) FROM articles WHERE published IS NOT NULL").fetchone()
        return {
            "articles": self.count(),
            "first_published": span[0], "last_published": span[1],
            "by_source": grouped("coalesce(source, site)"),
            "by_language": grouped("language"),
            "by_month": dict(sorted(grouped("substr(published, 1, 7)").items())),
            "removed_by_reason": grouped("reason", "removed_lines"),
            "duplicates": q("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0],
            "entities": q("SELECT count(*) FROM entity_keys").fetchone()[0],  # after case and alias merges
            "amounts": q("SELECT count(*) FROM amounts").fetchone()[0],
            "quotes": q("SELECT count(*) FROM quotes").fetchone()[0],
        }

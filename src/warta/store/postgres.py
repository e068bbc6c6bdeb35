"""The knowledge base on a PostgreSQL server: the same methods and answers as `SQLiteStore`.

For newsrooms where several people query, and several `warta ingest` processes write, one shared
knowledge base. Same tables and columns as SQLite (schema in `migrations/`), so the portable SQL
of the other areas runs here through `query`/`execute` (`?` placeholders are translated).

Search: a `tsvector` of our own Sastrawi stems (title weighted A, text B) under the 'simple'
configuration, which only lowercases and splits, in a table `article_search` of its own with a GIN
index, partitioned by rowid ranges (migration 4). The user's query is parsed by the same
`query.parse` as on SQLite and its FTS5 expression rewritten as a tsquery, so syntax errors,
stemming, filters and snippets are the same on both backends; only the scores differ (ts_rank
instead of bm25). Without filters, `warta_search_newest` (SQL, migration 4) reads partitions newest
first: the newest RANK_CAP matches are ranked, as on SQLite, and counting stops at COUNT_CAP, so a
pair of common words reads ~10,000 rows of 1M, not every match.

Concurrent writers: each batch is one transaction; rows go in with `ON CONFLICT (id) DO NOTHING`
and existing ids are locked (`FOR UPDATE`, in id order so two writers never deadlock) before
being compared or updated, so two processes ingesting the same input store every article once.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.rows import dict_row

from ..article import Article
from . import entity_index, migrations
from .query import COUNT_CAP, RANK_CAP, ParsedQuery, QuerySyntaxError, filter_clauses, parse
from .sqlite import (
    ARTICLE_COLUMNS,
    JSON_FIELDS,
    AddResult,
    SearchHit,
    SearchPage,
    SQLiteStore,
    StoreError,
    _now,
    raw_hash,
)
from .stem import INDEX_KEY, stem_text

_SELECT_ARTICLE = ", ".join(f"a.{c}" if c != "end" else 'a."end"' for c in ARTICLE_COLUMNS)
_FTS_EXPR = "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
# ts_rank weights for {D, C, B, A}: a title word counts three times a text word (bm25 3.0/1.0 on SQLite);
# normalisation 1 divides by 1 + log(document length).
_WEIGHTS = (0.1, 0.1, 0.33, 1.0)
_RANK = "ts_rank('{{" + ", ".join(map(str, _WEIGHTS)) + "}}', {vector}, {query}, 1)"  # .format(vector=, query=)
NEAR_DEFAULT = 10  # FTS5's default NEAR distance
# `article_search` is partitioned by rowid ranges of this size (migration 0004, which uses the same
# number for the partitions it makes). Broad searches read the newest partitions only; smaller
# partitions read fewer surplus rows, more of them cost a query plan each.
PARTITION_ROWS = 50_000
_PARTITION_LOCK = migrations.PG_LOCK_KEY + 1  # advisory lock held while partitions are made


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password:
        host = parts.hostname or ""
        netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


# -- SQLite-flavoured portable SQL → PostgreSQL ------------------------------------------------
_LITERAL = re.compile(r"('(?:[^']|'')*'|\"(?:[^\"]|\"\")*\")")
_LIKE = re.compile(r"\bLIKE\b", re.IGNORECASE)


def pg_sql(sql: str) -> str:
    """Translate the portable SQL used with `store.query`: `?` → `%s`, `%` escaped for psycopg,
    `LIKE` → `ILIKE` (SQLite's LIKE ignores ASCII case), `INSERT OR IGNORE` → `ON CONFLICT DO NOTHING`."""
    out = []
    for i, part in enumerate(_LITERAL.split(sql)):
        if i % 2:  # a quoted literal or identifier: only protect % from psycopg
            out.append(part.replace("%", "%%"))
            continue
        part = part.replace("%", "%%").replace("?", "%s")
        out.append(_LIKE.sub("ILIKE", part))
    text = "".join(out)
    if re.match(r"\s*INSERT\s+OR\s+IGNORE\b", text, re.IGNORECASE):
        text = re.sub(r"INSERT\s+OR\s+IGNORE", "INSERT", text, count=1, flags=re.IGNORECASE).rstrip().rstrip(";")
        text += " ON CONFLICT DO NOTHING"
    return text


def pg_ddl(sql: str) -> str:
    """SQLite DDL of another area's own tables, as PostgreSQL accepts it."""
    sql = re.sub(r"\bINTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?", "BIGSERIAL PRIMARY KEY", sql, flags=re.IGNORECASE)
    sql = re.sub(r"\bBLOB\b", "BYTEA", sql, flags=re.IGNORECASE)
    sql = re.sub(r"\)\s*WITHOUT\s+ROWID", ")", sql, flags=re.IGNORECASE)
    return sql


# -- FTS5 expression (from query.parse) → tsquery text ---------------------------------------------
_FTS_TOKEN = re.compile(r'"[^"]*"\*?|NEAR\(|\(|\)|,|(?:title|text) :|AND|OR|NOT|\d+')


def _phrase(token: str, weight: str = "") -> str:
    prefix = token.endswith("*")
    words = token.rstrip("*").strip('"').split()
    if not words:
        raise QuerySyntaxError("the query has an empty phrase")
    lex = [f"'{w}'" + (f":{weight}" if weight else "") for w in words]
    if prefix:
        lex[-1] = f"'{words[-1]}':*{weight}"
    return lex[0] if len(lex) == 1 else "(" + " <-> ".join(lex) + ")"


def _near(terms: list[str], distance: int) -> str:
    """NEAR(a b, N): a and b at most N words apart, either order. More than two terms, or
    phrases, are approximated by AND (tsquery has no 'within N' for those)."""
    if len(terms) == 2 and all(not t.startswith("(") for t in terms):
        a, b = terms
        alts = [f"{x} <{d}> {y}" for d in range(1, distance + 2) for x, y in ((a, b), (b, a))]
        return "(" + " | ".join(alts) + ")"
    return "(" + " & ".join(terms) + ")"


def fts_to_tsquery(match: str) -> str:
    tokens = _FTS_TOKEN.findall(match)
    out: list[str] = []
    i = 0
    weight = ""
    while i < len(tokens):
        tok = tokens[i]
        if tok in ("title :", "text :"):
            weight = "A" if tok.startswith("title") else "B"
        elif tok.startswith('"'):
            out.append(_phrase(tok, weight))
            weight = ""
        elif tok == "AND":
            out.append("&")
        elif tok == "OR":
            out.append("|")
        elif tok == "NOT":
            out.append("& !")
        elif tok in ("(", ")"):
            out.append(tok)
        elif tok == "NEAR(":
            terms, distance = [], NEAR_DEFAULT
            i += 1
            while i < len(tokens) and tokens[i] != ")":
                if tokens[i].startswith('"'):
                    terms.append(_phrase(tokens[i]))
                elif tokens[i].isdigit():
                    distance = int(tokens[i])
                i += 1
            out.append(_near(terms, distance) if terms else "")
        i += 1
    return " ".join(t for t in out if t)


class PostgresStore:
    """A warta knowledge base in a PostgreSQL database (see module docstring)."""

    backend = "postgresql"
    FACT_TABLES = SQLiteStore.FACT_TABLES

    def __init__(self, url: str, readonly: bool = False):
        self.url = url
        self.path = safe_url(url)
        self.readonly = readonly
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=30)
        except psycopg.OperationalError as exc:
            raise StoreError(f"cannot connect to {self.path}: {str(exc).strip().splitlines()[0]}") from exc
        try:
            self._ensure_schema()
        except Exception:
            self.conn.close()
            raise
        # Schema 4 and later: partitioned search table and its newest-first search function (an
        # older database that could not be upgraded is searched with one plan over the table).
        self._newest_first = self.conn.execute(
            "SELECT to_regprocedure('warta_search_newest(tsquery, real[], integer, integer, integer)')"
        ).fetchone()[0] is not None
        self._partitions_upto = 0  # rowids below this have their search partition

    def _ensure_schema(self) -> None:
        have = migrations.current_postgres(self.conn)
        if self.readonly:
            if have == 0:
                raise StoreError(f"no warta database at {self.path} (create one with: warta ingest FILES --db URL)")
            if have < migrations.latest("postgres") or not self._entities_indexed():
                # An older database opened for reading (the web server): upgrade it first, as a writer would.
                try:
                    migrations.apply_postgres(self.conn)
                    self._index_entities()
                except (psycopg.Error, migrations.NewerSchema) as exc:
                    raise StoreError(f"{self.path} uses an older warta schema and cannot be upgraded by this "
                                     f"user ({str(exc).strip().splitlines()[0]}); open it once with `warta ingest`") from exc
            self.conn.execute("SET default_transaction_read_only = on")
            # Big enough that a common word's GIN bitmap stays exact (lossy pages mean rechecking rows).
            self.conn.execute("SET work_mem = '64MB'")
            return
        if have == 0:
            others = self.conn.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()").fetchone()[0]
            if others and self.conn.execute("SELECT to_regclass('articles')").fetchone()[0] is None:
                raise StoreError(f"{self.path} holds tables of something else; refusing to write to it")
        try:
            migrations.apply_postgres(self.conn)
        except migrations.NewerSchema as exc:
            raise StoreError(f"{self.path} was written by a newer warta ({exc}); upgrade warta") from exc
        self._index_entities()
        self.conn.execute("INSERT INTO meta VALUES ('schema_version', %s) ON CONFLICT (key) DO UPDATE "
                          "SET value = EXCLUDED.value", (str(migrations.latest("postgres")),))

    def _entities_indexed(self) -> bool:
        if self.conn.execute("SELECT to_regclass('entity_keys')").fetchone()[0] is None:
            return False
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'entity_index'").fetchone()
        return row is not None and row[0] == entity_index.INDEX_VERSION

    def _index_entities(self) -> None:
        """Fill the entity name index (migration 0003) from the stored mentions, once: the keys fold
        names through the alias table, which lives in Python. Under the migration lock, so concurrent
        first opens build it once; writers only start adding to it after that."""
        if self._entities_indexed():
            return
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (migrations.PG_LOCK_KEY,))
            if self._entities_indexed():
                return
            entity_index.rebuild(self.query, self.execute, lambda sql, rows: self.execute(sql, rows, many=True))
            self.conn.execute("INSERT INTO meta VALUES ('entity_index', %s) ON CONFLICT (key) DO UPDATE "
                              "SET value = EXCLUDED.value", (entity_index.INDEX_VERSION,))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------
    def known_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(ids)
        out: dict[str, str] = {}
        for i in range(0, len(ids), 5000):
            rows = self.conn.execute("SELECT id, raw_hash FROM articles WHERE id = ANY(%s)", (ids[i:i + 5000],))
            out.update({r[0]: r[1] for r in rows})
        return out

    @staticmethod
    def _values(art: Article, h: str) -> list[Any]:
        values: list[Any] = []
        for col in ARTICLE_COLUMNS:
            v = getattr(art, col)
            values.append(json.dumps(v, ensure_ascii=False) if col in JSON_FIELDS and v is not None else v)
        return [*values, h, _now()]

    _COLS = ", ".join(ARTICLE_COLUMNS)
    _INSERT = (f"INSERT INTO articles ({_COLS}, raw_hash, ingested_at) VALUES "
               f"({', '.join(['%s'] * (len(ARTICLE_COLUMNS) + 2))}) "
               "ON CONFLICT (id) DO NOTHING RETURNING id, rowid")
    _UPDATE = (f"UPDATE articles SET ({_COLS}, raw_hash, ingested_at) = "
               f"({', '.join(['%s'] * (len(ARTICLE_COLUMNS) + 2))}) WHERE rowid = %s")
    # The search vector lives in its own narrow table (migration 0002: why).
    _SEARCH = (f"INSERT INTO article_search (rowid, fts) VALUES (%s, {_FTS_EXPR}) "
               "ON CONFLICT (rowid) DO UPDATE SET fts = EXCLUDED.fts")

    def add(self, articles: Iterable[Article]) -> AddResult:
        """Store a batch in one transaction; same answers as `SQLiteStore.add`, safe with concurrent writers."""
        batch = list(articles)
        # As on SQLite: `warta ingest` leaves the raw hash and the workers' search stems (the `index`
        # stage) in meta; they are used here, not stored with the record (taken once: a retry reuses them).
        hashes = [a.meta.pop("raw_hash", None) or raw_hash(a) for a in batch]
        stems = {id(a): a.meta.pop(INDEX_KEY, None) for a in batch}
        for attempt in range(5):
            self._ensure_partitions(len(batch))
            try:
                return self._add(batch, hashes, stems)
            except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure):
                if attempt == 4:
                    raise
            except psycopg.errors.CheckViolation as exc:
                # Other writers took more rowids than foreseen: no search partition for ours yet.
                if "no partition" not in str(exc) or attempt == 4:
                    raise
                self._partitions_upto = 0
        raise AssertionError("unreachable")

    def _ensure_partitions(self, batch: int) -> None:
        """Make the search partitions this batch's rowids will fall in (and one more ahead), in a
        transaction of their own before the batch's, so a writer never waits on partitions inside it."""
        if not self._newest_first:
            return
        upto = self.conn.execute("SELECT last_value FROM articles_rowid_seq").fetchone()[0] + 2 * batch
        if upto < self._partitions_upto:
            return
        last = upto // PARTITION_ROWS + 1
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_PARTITION_LOCK,))
            self.conn.execute("SELECT warta_search_partition(k * %s, (k + 1) * %s) FROM generate_series(0, %s) k",
                              (PARTITION_ROWS, PARTITION_ROWS, last))
        self._partitions_upto = (last + 1) * PARTITION_ROWS

    def _add(self, batch: list[Article], hashes: list[str], stems: dict[int, tuple[str, str] | None]) -> AddResult:
        result = AddResult()
        if not batch:
            return result
        for art in batch:
            art.ensure_id()
        # Lock order = id order: two writers with overlapping batches wait for each other, never deadlock.
        order = sorted(range(len(batch)), key=lambda i: batch[i].id)  # type: ignore[arg-type,return-value]
        outcome: dict[int, str] = {}
        with self.conn.transaction(), self.conn.cursor() as cur:
            first: dict[str, int] = {}  # id → batch index of its first occurrence
            rows, idx = [], []
            for i in order:
                if batch[i].id in first:
                    continue
                first[batch[i].id] = i  # type: ignore[index]
                rows.append(self._values(batch[i], hashes[i]))
                idx.append(i)
            cur.executemany(self._INSERT, rows, returning=True)
            new_rowids: dict[str, int] = {}
            while True:
                r = cur.fetchone()
                if r is not None:
                    new_rowids[r[0]] = r[1]
                if not cur.nextset():
                    break
            facts: list[tuple[int, Article]] = []
            for i in idx:
                if batch[i].id in new_rowids:
                    outcome[i] = "inserted"
                    facts.append((new_rowids[batch[i].id], batch[i]))  # type: ignore[index]
            # Everything else is already stored (by us earlier, or by another writer): lock, compare, update.
            rest = sorted({a.id for a in batch if a.id not in new_rowids})  # type: ignore[misc]
            stored: dict[str, tuple[int, str]] = {}
            if rest:
                for r in cur.execute("SELECT id, rowid, raw_hash FROM articles WHERE id = ANY(%s) ORDER BY id "
                                     "FOR UPDATE", (rest,)):
                    stored[r[0]] = (r[1], r[2])
            changed: list[tuple[int, Article]] = []
            for i in order:
                if i in outcome:
                    continue
                art = batch[i]
                rowid, old = stored[art.id]  # type: ignore[index]
                if old == hashes[i]:
                    outcome[i] = "unchanged"
                    continue
                cur.execute(self._UPDATE, (*self._values(art, hashes[i]), rowid))
                stored[art.id] = (rowid, hashes[i])  # type: ignore[index]
                outcome[i] = "updated"
                changed.append((rowid, art))
            delta = entity_index.Delta()  # the entity name index follows the mentions
            if changed:
                rids = [rid for rid, _ in changed]
                old: dict[int, list] = {}
                for r in cur.execute("SELECT article, label, canonical, text FROM mentions WHERE article = ANY(%s)",
                                     (rids,)):
                    old.setdefault(r[0], []).append((r[1], r[2], r[3]))
                for rows_of_article in old.values():
                    delta.article(rows_of_article, sign=-1)
                for table in self.FACT_TABLES:
                    cur.execute(f"DELETE FROM {table} WHERE article = ANY(%s)", (rids,))
            latest = {rid: art for rid, art in facts + changed}  # the same id twice in a batch: last wins
            self._insert_facts(cur, list(latest.items()))
            for art in latest.values():
                delta.article(entity_index.mentions_of(art.entities))
            if latest:
                cur.executemany(self._SEARCH, [(rid, *(stems[id(a)] or (stem_text(a.title), stem_text(a.text))))
                                                  for rid, a in latest.items()])
            # Last in the transaction: the shared counter rows ("Indonesia") stay locked only until commit,
            # so concurrent writers wait for each other as briefly as possible.
            delta.flush(lambda sql, rows: cur.executemany(pg_sql(sql), rows))
        for i, art in enumerate(batch):
            kind = outcome[i]
            if kind == "unchanged":
                result.unchanged += 1
            else:
                result.ids.append(art.id)  # type: ignore[arg-type]
                if kind == "inserted":
                    result.inserted += 1
                else:
                    result.updated += 1
        return result

    @staticmethod
    def _insert_facts(cur: psycopg.Cursor, items: list[tuple[int, Article]]) -> None:
        def many(sql: str, rows: list[tuple]) -> None:
            if rows:
                cur.executemany(sql, rows)

        many("INSERT INTO removed_lines VALUES (%s,%s,%s,%s)",
             [(rid, r.get("line"), r.get("text"), r.get("reason")) for rid, a in items for r in a.removed])
        many("INSERT INTO mentions VALUES (%s,%s,%s,%s,%s,%s,%s)",
             [(rid, e.get("canonical") or e.get("text"), e.get("label"), e.get("text"), e.get("start"),
               e.get("end"), e.get("role")) for rid, a in items for e in a.entities])
        many("INSERT INTO amounts VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
             [(rid, m.get("text"), m.get("value"), m.get("value_max"), m.get("unit"), m.get("hedge"),
               1 if m.get("vague") else 0, m.get("source"), m.get("start"), m.get("end"))
              for rid, a in items for m in a.amounts])
        many("INSERT INTO dates VALUES (%s,%s,%s,%s,%s)",
             [(rid, d.get("text"), d.get("value"), d.get("start"), d.get("end")) for rid, a in items for d in a.dates])
        many("INSERT INTO quotes VALUES (%s,%s,%s,%s,%s,%s,%s)",
             [(rid, q.get("text"), q.get("speaker"), q.get("verb"), 1 if q.get("direct") else 0, q.get("start"),
               q.get("end")) for rid, a in items for q in a.quotes])
        many("INSERT INTO attributions VALUES (%s,%s,%s,%s,%s)",
             [(rid, t.get("claim"), t.get("source"), t.get("start"), t.get("end"))
              for rid, a in items for t in a.attributions])

    def set_fields(self, article_id: str, **values: Any) -> None:
        allowed = {"duplicate_of", "cluster", "published", "language", "language_confidence"}
        bad = set(values) - allowed
        if bad:
            raise ValueError(f"cannot set {bad}")
        cols = ", ".join(f"{k}=%s" for k in values)
        self.conn.execute(f"UPDATE articles SET {cols} WHERE id=%s", (*values.values(), article_id))

    # -- portable SQL for the other areas ---------------------------------------------------
    def query(self, sql: str, params: tuple | list = ()) -> list[dict[str, Any]]:
        with self.conn.cursor(row_factory=dict_row) as cur:
            cur.execute(pg_sql(sql), tuple(params))
            return list(cur.fetchall()) if cur.description else []

    def execute(self, sql: str, params: tuple | list = (), many: bool = False) -> None:
        with self.conn.cursor() as cur:
            if many:
                cur.executemany(pg_sql(sql), [tuple(p) for p in params])
            else:
                cur.execute(pg_sql(sql), tuple(params))

    def executescript(self, sql: str) -> None:
        self.conn.execute(pg_ddl(sql))  # no parameters: several statements are allowed

    def transaction(self):
        """Context manager: commit on success, roll back on error."""
        return self.conn.transaction()

    # -- reading ----------------------------------------------------------------------------
    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    @staticmethod
    def _row_to_article(row: dict[str, Any]) -> Article:
        data = {k: row[k] for k in ARTICLE_COLUMNS if k in row}
        for k in JSON_FIELDS:
            if data.get(k) is not None:
                data[k] = json.loads(data[k])
        for k in ("removed", "entities", "amounts", "dates", "quotes", "attributions"):
            data[k] = data.get(k) or []
        data["meta"] = data.get("meta") or {}
        return Article.from_dict(data)

    def get(self, article_id: str) -> Article | None:
        with self.conn.cursor(row_factory=dict_row) as cur:
            row = cur.execute(f"SELECT {_SELECT_ARTICLE} FROM articles a WHERE id=%s", (article_id,)).fetchone()
            if row is None:
                like = article_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                rows = cur.execute(f"SELECT {_SELECT_ARTICLE} FROM articles a WHERE id LIKE %s ESCAPE '\\' LIMIT 2",
                                   (like,)).fetchall()
                row = rows[0] if len(rows) == 1 else None
        return self._row_to_article(row) if row is not None else None

    def iter_articles(self, batch: int = 500, where: str = "", params: tuple = ()) -> Iterator[Article]:
        last = 0
        cond = f"AND ({pg_sql(where)})" if where else ""
        while True:
            with self.conn.cursor(row_factory=dict_row) as cur:
                rows = cur.execute(f"SELECT a.rowid AS _r, {_SELECT_ARTICLE} FROM articles a WHERE a.rowid > %s "
                                   f"{cond} ORDER BY a.rowid LIMIT %s", (last, *params, batch)).fetchall()
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
        tsq = fts_to_tsquery(parsed.match)
        where, params = filter_clauses(source, since, until, lang, entity)
        # Every statement here is planned for its own query words (prepare=False): psycopg prepares a
        # statement run five times, and PostgreSQL then settles on a generic plan that cannot know how
        # common the words are (on 1M articles: a bitmap of every match, sorted, for every query).
        try:
            with self.conn.cursor(row_factory=dict_row) as cur:
                if self._newest_first and not where:
                    total, rows = self._search_newest(cur, tsq, limit, offset)
                else:
                    total, rows = self._search_joined(cur, tsq, where, params, limit, offset)
        except psycopg.errors.SyntaxError as exc:
            raise QuerySyntaxError(f"the search engine could not read the query ({exc})") from exc
        shown = max(min(total, COUNT_CAP), offset + len(rows))  # a lower bound once past the cap
        return SearchPage(query, shown, offset, [self._hit(r, parsed, snippet_width) for r in rows],
                          ranked_within=RANK_CAP if total > RANK_CAP else None, total_exact=total <= COUNT_CAP)

    _HIT_COLUMNS = "a.id, a.title, a.source, a.published, a.language, a.url, a.text, a.duplicate_of, a.cluster"

    def _search_newest(self, cur: psycopg.Cursor, tsq: str, limit: int, offset: int) -> tuple[int, list[dict]]:
        """No filters: `warta_search_newest` (migration 0004) ranks the matches of the newest partitions
        holding RANK_CAP of them and counts up to COUNT_CAP; the newest RANK_CAP ranked rows are kept."""
        rows = cur.execute(
            "WITH f AS MATERIALIZED (SELECT * FROM warta_search_newest(to_tsquery('simple', %s), %s::real[], 1, %s, %s)), "
            f"c AS (SELECT hit, score FROM f WHERE hit IS NOT NULL ORDER BY hit DESC LIMIT {RANK_CAP}), "
            "m AS (SELECT hit, score FROM c ORDER BY score DESC, hit DESC LIMIT %s OFFSET %s) "
            f"SELECT t.matches, {self._HIT_COLUMNS}, m.score "
            "FROM (SELECT matches FROM f WHERE hit IS NULL) t LEFT JOIN (m JOIN articles a ON a.rowid = m.hit) ON true "
            "ORDER BY m.score DESC, m.hit DESC",
            (tsq, list(_WEIGHTS), RANK_CAP, COUNT_CAP, limit, offset), prepare=False).fetchall()
        return (rows[0]["matches"] if rows else 0), [r for r in rows if r["id"] is not None]

    def _search_joined(self, cur: psycopg.Cursor, tsq: str, where: list[str], params: list[Any], limit: int,
                       offset: int) -> tuple[int, list[dict]]:
        """With filters (they need the article rows), or on a database before version 4: one plan over the whole table."""
        cond = " AND ".join(["s.fts @@ q.q", *[pg_sql(w) for w in where]])
        join = " JOIN articles a ON a.rowid = s.rowid" if where else ""
        base = f"FROM article_search s{join}, (SELECT to_tsquery('simple', %s) AS q) q WHERE {cond}"
        # Counting stops at COUNT_CAP (every counted match is a row visit); past it, "10000+".
        total = cur.execute(f"SELECT count(*) AS n FROM (SELECT 1 {base} LIMIT {COUNT_CAP + 1}) t",
                            (tsq, *params), prepare=False).fetchone()["n"]
        # Past RANK_CAP matches, rank the newest RANK_CAP (ts_rank reads every candidate's vector).
        cand = f"SELECT s.rowid, s.fts, q.q {base}" + (f" ORDER BY s.rowid DESC LIMIT {RANK_CAP}"
                                                       if total > RANK_CAP else "")
        rows = cur.execute(
            f"WITH c AS ({cand}), m AS (SELECT c.rowid, {_RANK.format(vector='c.fts', query='c.q')} "
            "AS score FROM c ORDER BY score DESC, c.rowid DESC LIMIT %s OFFSET %s) "
            f"SELECT {self._HIT_COLUMNS}, m.score FROM m JOIN articles a ON a.rowid = m.rowid "
            "ORDER BY m.score DESC, m.rowid DESC", (tsq, *params, limit, offset), prepare=False).fetchall()
        return total, rows

    def match_condition(self, query: str) -> tuple[str, list[Any]]:
        """A WHERE fragment (portable SQL over `articles a`) for the articles the query matches, with its
        parameters: lets corpus code (facets, entity filters) combine full-text search with its own SQL."""
        return ("a.rowid IN (SELECT rowid FROM article_search WHERE fts @@ to_tsquery('simple', ?))",
                [fts_to_tsquery(parse(query).match)])

    @staticmethod
    def _hit(r: dict[str, Any], parsed: ParsedQuery, width: int) -> SearchHit:
        from .query import snippet

        snip, spans = snippet(r["text"], parsed, width)
        return SearchHit(r["id"], r["title"], r["source"], r["published"], r["language"], r["url"],
                         round(float(r["score"]), 4), snip, spans, r["duplicate_of"], r["cluster"])

    # -- statistics -------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        def one(sql: str) -> Any:
            return self.conn.execute(sql).fetchone()

        def grouped(expr: str, table: str = "articles") -> dict[str, int]:
            rows = self.conn.execute(f"SELECT {expr} AS k, count(*) AS n FROM {table} GROUP BY k "
                                     "ORDER BY n DESC, k").fetchall()
            return {(k if k is not None else "unknown"): n for k, n in rows}

        span = one("SELECT min(published), max(published) FROM articles WHERE published IS NOT NULL")
        return {
            "articles": self.count(),
            "first_published": span[0], "last_published": span[1],
            "by_source": grouped("coalesce(source, site)"),
            "by_language": grouped("language"),
            "by_month": dict(sorted(grouped("substr(published, 1, 7)").items())),
            "removed_by_reason": grouped("reason", "removed_lines"),
            "duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")[0],
            "entities": one("SELECT count(*) FROM entity_keys")[0],  # after case and alias merges
            "amounts": one("SELECT count(*) FROM amounts")[0],
            "quotes": one("SELECT count(*) FROM quotes")[0],
        }

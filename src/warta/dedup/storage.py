"""Duplicates and stories kept in the store, updated incrementally by `warta ingest`.

Only the store's portable methods are used (`query`, `execute`, `executescript`, `transaction`,
`get`) with `?` placeholders and SQL that PostgreSQL accepts too; the
`articles.duplicate_of` and `cluster` columns are written in bulk, as `set_fields` writes one.

State (all created here, `CREATE TABLE IF NOT EXISTS`):
- `dedup_articles`: per article its exact key, signature (hex), order (`seq`: first seen), its
  `parent` (the article it copies, `parents.py`; `duplicate_of` in `articles`) with `kind` and
  `similarity` (Jaccard with the parent), and `canonical`: the origin of its chain (itself for an
  original); `dedup_bands`: (band key, article) rows, the
  persisted LSH index, looked up by key for each new article; `dedup_config`: the parameters the
  signatures were made with (later runs reuse them, so old and new signatures stay comparable).
- `stories`: one row per story (label, outlets, first/last seen, centroid as JSON);
  `story_members`: article → story with its vector; `story_terms`: a story's top centroid terms
  (the inverted index new articles find candidate stories by); `story_df`: document frequencies.

Assigning a batch reads only the rows its band keys, exact keys and top terms point to, so the
cost per article does not grow with the corpus (apart from B-tree depth).
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from datetime import timedelta
from typing import Any

import numpy as np

from ..article import Article
from .corpus import earliest_key
from .index import NearDupIndex
from .minhash import DEFAULT, DedupConfig, band_matrix, from_text, is_empty, to_text
from .parents import better
from .stories import DocFreq, Member, Story, StoryClusterer, StoryConfig, cosine, day, raw_terms, vectorise
from .verify import (
    ShingleSets,
    accept,
    concat_sets,
    exact_jaccard,
    sets_from_shingles,
    shingle_sets,
    sketch_shingles,
    take_sets,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS dedup_config (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dedup_articles (
    article_id TEXT PRIMARY KEY, seq BIGINT NOT NULL, published TEXT, source TEXT,
    exact_key TEXT, signature TEXT, canonical TEXT NOT NULL, parent TEXT, kind TEXT, similarity DOUBLE PRECISION
);
CREATE INDEX IF NOT EXISTS dedup_articles_exact ON dedup_articles(exact_key);
CREATE INDEX IF NOT EXISTS dedup_articles_canonical ON dedup_articles(canonical);
CREATE INDEX IF NOT EXISTS dedup_articles_seq ON dedup_articles(seq);
CREATE TABLE IF NOT EXISTS dedup_bands (band_key BIGINT NOT NULL, article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS dedup_bands_key ON dedup_bands(band_key);
CREATE INDEX IF NOT EXISTS dedup_bands_article ON dedup_bands(article_id);
CREATE TABLE IF NOT EXISTS stories (
    cluster TEXT PRIMARY KEY, label TEXT, label_id TEXT, size INTEGER NOT NULL,
    first_seen TEXT, last_seen TEXT, outlets TEXT, centroid TEXT, split_checked INTEGER
);
CREATE INDEX IF NOT EXISTS stories_size ON stories(size);
CREATE TABLE IF NOT EXISTS story_members (
    article_id TEXT PRIMARY KEY, cluster TEXT NOT NULL, similarity DOUBLE PRECISION, vector TEXT,
    title TEXT, source TEXT, published TEXT
);
CREATE INDEX IF NOT EXISTS story_members_cluster ON story_members(cluster);
CREATE TABLE IF NOT EXISTS story_terms (term TEXT NOT NULL, cluster TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS story_terms_term ON story_terms(term);
CREATE INDEX IF NOT EXISTS story_terms_cluster ON story_terms(cluster);
CREATE TABLE IF NOT EXISTS story_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
"""
TABLES = ("dedup_config", "dedup_articles", "dedup_bands", "stories", "story_members", "story_terms", "story_df")
CHUNK = 400  # parameters per IN (...) list
# Earlier-placed members a batch takes a second look at, per new article: bounds the extra cost
# per article (2 measured: most of the ARI gain of an unbounded look, +2.4 ms CPU per article at 10k).
RECENT_PER_ARTICLE = 2
# "Nearby stories" of `related` need at least this cosine between the article and the story's
# centroid. On the 2019 same-story set (bench_stories.py nearby) 0.05 keeps 93% of the pairs
# (article, another cluster of the same subject: the Habibie, KPK and forest-fire clusters) and 1%
# of the unrelated ones; 0.03 kept 4% of the unrelated, 0.08 only 65% of the related.
NEARBY_MIN = 0.05


def ensure_tables(store: Any) -> None:
    store.executescript(SCHEMA)
    done = {r["key"] for r in store.query("SELECT key FROM dedup_config WHERE key IN ('parent_rule', 'split_checked')")}
    if "parent_rule" not in done:
        _add_parents(store)
    if "split_checked" not in done:
        with store.transaction():  # stores made before 2026-11-29: no marks, every story is checked once
            _add_column(store, "stories", "split_checked", "INTEGER")
            store.execute("INSERT OR IGNORE INTO dedup_config (key, value) VALUES ('split_checked', '1')")


def _add_column(store: Any, table: str, column: str, sql_type: str) -> None:
    """Add a column a store made by an older warta lacks (a no-op when it exists)."""
    try:  # PostgreSQL (and a new store, where the column exists: a no-op)
        store.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {sql_type}")
    except Exception:  # noqa: BLE001 - SQLite has no IF NOT EXISTS here: tell by the column list
        if column not in {r["name"] for r in store.query(f"PRAGMA table_info({table})")}:
            store.execute(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}")


def parent_column(store: Any) -> str:
    """The column holding the article a copy copies: `parent`, or on a store from before the
    parent rule opened read-only (not upgraded) `canonical`, which its copies all point at."""
    return "parent" if store.query("SELECT 1 FROM dedup_config WHERE key = 'parent_rule'") else "canonical"


def _add_parents(store: Any) -> None:
    """Stores made before the parent rule (2026-11-29) have no `parent` column: add it, with each
    copy's parent = its group's canonical (what its `duplicate_of` already says), then index it.
    Later batches follow the parent rule; run `warta dups --rebuild` to redo old groups by it."""
    with store.transaction():
        _add_column(store, "dedup_articles", "parent", "TEXT")
        store.execute("UPDATE dedup_articles SET parent = canonical WHERE parent IS NULL AND canonical <> article_id")
        store.execute("CREATE INDEX IF NOT EXISTS dedup_articles_parent ON dedup_articles(parent)")
        store.execute("INSERT OR IGNORE INTO dedup_config (key, value) VALUES ('parent_rule', '1')")


def has_tables(store: Any) -> bool:
    try:
        store.query("SELECT 1 FROM dedup_articles LIMIT 1")
        store.query("SELECT 1 FROM stories LIMIT 1")
        return True
    except Exception:  # noqa: BLE001 - a missing table reads as an error on every backend
        return False


def _in(store: Any, sql: str, values: Sequence[Any], extra: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Run `sql` (with one `{in}` slot) over `values` in chunks; rows concatenated."""
    rows: list[dict[str, Any]] = []
    values = list(dict.fromkeys(values))
    for i in range(0, len(values), CHUNK):
        chunk = values[i: i + CHUNK]
        rows += store.query(sql.format(**{"in": ",".join("?" * len(chunk))}), [*chunk, *extra])
    return rows


def load_config(store: Any, default: DedupConfig = DEFAULT) -> DedupConfig:
    saved = {r["key"]: r["value"] for r in store.query("SELECT key, value FROM dedup_config")}
    if "dedup" not in saved:  # a new store: record the settings its signatures are made with
        with store.transaction():
            store.execute("INSERT OR IGNORE INTO dedup_config (key, value) VALUES (?, ?)",
                          ["dedup", json.dumps(asdict(default))])
        return default
    # Stores written before the token hashing scheme was recorded used scheme 1: keep it, so their
    # stored signatures and exact keys stay comparable with new ones. Likewise stores made before
    # exact verification keep deciding by the estimate (their groups were made that way;
    # `rebuild` into a new store to verify).
    return DedupConfig(**{"scheme": 1, "verify": False, **json.loads(saved["dedup"])})


# -- the incremental step ---------------------------------------------------------------------
def update(store: Any, ids: list[str], story_config: StoryConfig | None = None) -> None:
    """The corpus step for `warta ingest`: place new or updated articles in duplicate groups and
    stories, touching only the rows their keys point to."""
    if not ids:
        return
    ensure_tables(store)
    config = load_config(store)
    arts = [a for a in (store.get(i) for i in dict.fromkeys(ids)) if a is not None]
    if not arts:
        return
    with store.transaction():
        # Order numbers first (before any row is deleted): the next free one, and the ones a
        # re-ingested article already has (input order is the order articles were first seen).
        seq0 = store.query("SELECT coalesce(max(seq), 0) AS m FROM dedup_articles")[0]["m"] or 0
        kept = {r["article_id"]: int(r["seq"]) for r in _in(
            store, "SELECT article_id, seq FROM dedup_articles WHERE article_id IN ({in})", [a.id for a in arts])}
        _forget(store, [a.id for a in arts])
        canon = _update_duplicates(store, arts, config, seq0, kept)
        _update_stories(store, arts, canon, story_config or StoryConfig())


def _forget(store: Any, ids: list[str]) -> None:
    """Drop the state of re-ingested (updated) articles before placing them again."""
    _forget_duplicates(store, ids, ("dedup_bands", "dedup_articles", "story_members"))


def _forget_duplicates(store: Any, ids: list[str], tables: Sequence[str] = ("dedup_bands", "dedup_articles")) -> None:
    for table in tables:
        for i in range(0, len(ids), CHUNK):
            chunk = ids[i: i + CHUNK]
            store.execute(f"DELETE FROM {table} WHERE article_id IN ({','.join('?' * len(chunk))})", chunk)


def _update_duplicates(store: Any, arts: list[Article], config: DedupConfig, seq0: int,
                       kept: dict[str, int]) -> dict[str, str]:
    """Place a batch in the duplicate chains by the parent rule (`parents.py`); returns article id
    → its parent (itself for an original) for the batch.

    Incremental: only the batch's candidates are read. A stored article gets a new parent only
    when a batch article is a better one (an exact twin, or an earlier near-duplicate: the batch
    may hold an older article than the ones stored); the origins of the chains below every
    article whose parent changed are rewritten. Copies of a re-ingested article are placed again
    too (its text, and so its similarity to them, may have changed). `seq0`: the largest order
    number stored; `kept`: the order numbers re-ingested articles keep."""
    ids = {a.id for a in arts}
    orphans = [r for r in _in(store, "SELECT article_id, seq FROM dedup_articles WHERE parent IN ({in})",
                              sorted(ids)) if r["article_id"] not in ids]
    work = list(arts)
    seqs: list[int | None] = [kept.get(a.id) for a in arts]
    if orphans:
        _forget_duplicates(store, [r["article_id"] for r in orphans])
        for r in orphans:
            a = store.get(r["article_id"])
            if a is not None:
                work.append(a)
                seqs.append(int(r["seq"]))  # the order it was first seen in stays
    texts = [a.text for a in work]
    sigs, ekeys, sh, sh_off = sketch_shingles(texts, config)  # raw shingles kept for verification

    def batch_sets(rows: np.ndarray) -> ShingleSets:
        raw = take_sets(sh, sh_off, np.asarray(rows, dtype=np.int64))
        return sets_from_shingles(raw.values, raw.offsets)

    keys = band_matrix(sigs, config)
    nxt = iter(range(seq0 + 1, seq0 + 1 + len(work)))
    seqs = [s if s is not None else next(nxt) for s in seqs]

    # Stored candidates: same exact key, or a shared band key.
    cols = "article_id, seq, published, canonical, parent, kind, similarity, exact_key, signature"
    old: dict[str, dict[str, Any]] = {}
    for r in _in(store, f"SELECT {cols} FROM dedup_articles WHERE exact_key IN ({{in}})", [k for k in ekeys if k]):
        old[r["article_id"]] = r
    band_hits = _in(store, "SELECT band_key, article_id FROM dedup_bands WHERE band_key IN ({in})",
                    keys.ravel().tolist())
    by_key: dict[int, list[str]] = {}
    for r in band_hits:
        by_key.setdefault(int(r["band_key"]), []).append(r["article_id"])
    for r in _in(store, f"SELECT {cols} FROM dedup_articles WHERE article_id IN ({{in}})",
                 [r["article_id"] for r in band_hits if r["article_id"] not in old]):
        old[r["article_id"]] = r
    old_sig = {aid: from_text(r["signature"]) for aid, r in old.items() if r["signature"]}

    # Every node's rank and its neighbours' offers: (is_exact, rank of the offered parent, parent, Jaccard).
    # (the id breaks a tie of order numbers, which only two PostgreSQL writers racing could make)
    rank: dict[str, tuple] = {a.id: (*earliest_key(a.published, seqs[i]), a.id) for i, a in enumerate(work)}
    rank.update({aid: (*earliest_key(r["published"], r["seq"]), aid) for aid, r in old.items()})
    offers: dict[str, list[tuple[bool, tuple, str, float]]] = {}

    def offer(x: str, y: str, exact: bool, sim: float) -> None:  # an undirected verified pair
        u, v = (x, y) if rank[x] < rank[y] else (y, x)
        offers.setdefault(v, []).append((exact, rank[u], u, sim))

    twins: dict[str, list[str]] = {}  # exact key → every member, stored or new
    for r in old.values():
        if r["exact_key"]:
            twins.setdefault(r["exact_key"], []).append(r["article_id"])
    for i, a in enumerate(work):
        if ekeys[i]:
            twins.setdefault(ekeys[i], []).append(a.id)
    for members in twins.values():
        first = min(members, key=rank.__getitem__)
        for m in members:
            if m != first:
                offer(first, m, True, 1.0)
    for i, found in enumerate(NearDupIndex(config, capacity=len(work)).add(sigs, batch_sets)):
        for j, sim in found:
            offer(work[j].id, work[i].id, False, sim)
    cand_new: list[int] = []  # near candidates among the stored rows: (batch row, stored id)
    cand_old: list[str] = []
    for i in range(len(work)):
        if not is_empty(sigs[i]):
            for aid in sorted({x for k in keys[i].tolist() for x in by_key.get(k, ())}):
                if aid in old_sig and old[aid]["exact_key"] != ekeys[i]:  # a twin is decided above
                    cand_new.append(i)
                    cand_old.append(aid)
    for i, aid, sim in _verified(store, batch_sets, sigs, old_sig, cand_new, cand_old, config):
        offer(work[i].id, aid, False, sim)

    # Each node takes its best offer; a stored node keeps its parent unless an offer beats it.
    current: dict[str, tuple | None] = {}
    stored_parents = {r["parent"] for aid, r in old.items() if aid in offers and r["parent"]}
    for r in _in(store, "SELECT article_id, seq, published FROM dedup_articles WHERE article_id IN ({in})",
                 sorted(p for p in stored_parents if p not in rank)):
        rank[r["article_id"]] = (*earliest_key(r["published"], r["seq"]), r["article_id"])
    for aid, r in old.items():
        if aid in offers and r["parent"] and r["parent"] in rank:
            current[aid] = (r["kind"] == "exact", rank[r["parent"]], r["parent"], r["similarity"])
    new_ids = {a.id for a in work}
    chosen: dict[str, tuple | None] = {a.id: None for a in work}
    for v, offered in offers.items():
        best = None if v in new_ids else current.get(v)
        for o in offered:
            if better((o[0], o[1]), None if best is None else (best[0], best[1])):
                best = o
        if v in new_ids or best is not current.get(v):
            chosen[v] = best

    # Rows: new ones, then parents, kinds and origins wherever they changed.
    store.execute("INSERT INTO dedup_articles (article_id, seq, published, source, exact_key, signature, canonical, "
                  "parent, kind, similarity) VALUES (?,?,?,?,?,?,?,?,?,?)",
                  [(a.id, seqs[i], a.published, a.source or a.site, ekeys[i],
                    None if is_empty(sigs[i]) else to_text(sigs[i]), a.id, None, None, None)
                   for i, a in enumerate(work)], many=True)
    store.execute("INSERT INTO dedup_bands (band_key, article_id) VALUES (?, ?)",
                  [(int(k), a.id) for i, a in enumerate(work) if not is_empty(sigs[i]) for k in keys[i]],
                  many=True)
    parent_of = {v: (o[2] if o else None) for v, o in chosen.items()}
    # (an original among the batch's own articles needs no row update: it was inserted as one)
    _rewrite_chains(store, chosen, parent_of, {a.id for a in arts if not a.duplicate_of}, {a.id for a in arts})
    return {a.id: parent_of.get(a.id) or a.id for a in arts}


def _rewrite_chains(store: Any, chosen: dict[str, tuple | None], parent_of: dict[str, str | None],
                    fresh: set[str], batch: set[str]) -> None:
    """Write the new parents (`chosen`: node → (is_exact, _, parent, Jaccard) or None) and the
    origin of every node at or below them: the changed nodes' descendants are found through the
    `parent` column, the origin above an unchanged parent read from its `canonical`."""
    below: dict[str, str | None] = dict(parent_of)  # node → parent, for every node to rewrite
    # (the batch's own articles have no stored copies: those of a re-ingested one were placed again)
    frontier = sorted(x for x in chosen if x not in batch)
    while frontier:
        kids = [r for r in _in(store, "SELECT article_id, parent FROM dedup_articles WHERE parent IN ({in})", frontier)
                if r["article_id"] not in below]
        for r in kids:
            below[r["article_id"]] = r["parent"]
        frontier = [r["article_id"] for r in kids]
    above = {r["article_id"]: r["canonical"] for r in _in(
        store, "SELECT article_id, canonical FROM dedup_articles WHERE article_id IN ({in})",
        sorted({p for p in below.values() if p and p not in below}))}
    origin: dict[str, str] = {}

    def origin_of(start: str) -> str:
        path, x = [], start
        while x not in origin:
            if len(path) > len(below):  # parents always point to an earlier article: a cycle is a bug
                raise RuntimeError(f"duplicate chain through {start} does not end")
            p = below[x]
            if p is None or p not in below:  # the top: an original, or an unchanged parent's origin
                origin[x] = x if p is None else above.get(p, p)
                break
            path.append(x)
            x = p
        for y in path:
            origin[y] = origin[x]
        return origin[start]

    placed, moved = [], []  # row updates, sent in two statements (a deep chain can be long)
    for x in below:
        o = origin_of(x)
        if x in fresh and parent_of[x] is None and o == x:
            continue  # inserted as an original, and still one
        if x in chosen:
            c = chosen[x]
            kind, sim = (None, None) if c is None else ("exact" if c[0] else "near", round(float(c[3]), 4)
                                                        if c[3] is not None else None)
            placed.append((parent_of[x], o, kind, sim, x))
        else:
            moved.append((o, x, o))
    if placed:
        store.execute("UPDATE dedup_articles SET parent=?, canonical=?, kind=?, similarity=? WHERE article_id=?",
                      placed, many=True)
        store.execute("UPDATE articles SET duplicate_of=? WHERE id=?", [(r[0], r[4]) for r in placed], many=True)
    if moved:
        store.execute("UPDATE dedup_articles SET canonical=? WHERE article_id=? AND canonical<>?", moved, many=True)


def _verified(store: Any, batch_sets: Callable[[np.ndarray], ShingleSets], sigs: np.ndarray,
              old_sig: dict[str, np.ndarray], cand_new: list[int], cand_old: list[str], config: DedupConfig
              ) -> list[tuple[int, str, float]]:
    """The (batch row, stored id, Jaccard) candidates that are near duplicates, decided as the in-memory
    index decides (`index._verify`): estimate over the low 16 bits of the signatures, then, with
    `config.verify`, the exact Jaccard of the shingle sets, the stored side shingled again from
    its clean text in `articles` (only the few candidates the prefilter leaves)."""
    if not cand_new:
        return []
    new16 = sigs[cand_new].astype(np.uint16)
    old16 = np.stack([old_sig[aid] for aid in cand_old]).astype(np.uint16)
    est = np.count_nonzero(new16 == old16, axis=1) / config.num_perm
    keep = accept(est, config)
    pairs = [(i, aid) for i, aid, k in zip(cand_new, cand_old, keep.tolist(), strict=True) if k]
    if not config.verify or not pairs:
        return [(i, aid, e) for i, aid, e, k in zip(cand_new, cand_old, est.tolist(), keep.tolist(), strict=True) if k]
    rows = sorted({i for i, _ in pairs})
    stored = {r["id"]: r["text"] or "" for r in _in(store, "SELECT id, text FROM articles WHERE id IN ({in})",
                                                      sorted({aid for _, aid in pairs}))}
    pairs = [(i, aid) for i, aid in pairs if aid in stored]  # an article deleted since: no candidate
    names = list(stored)
    sets = concat_sets([batch_sets(np.array(rows, dtype=np.int64)), shingle_sets([stored[x] for x in names], config)])
    pos = {i: p for p, i in enumerate(rows)} | {x: len(rows) + p for p, x in enumerate(names)}
    sims = exact_jaccard(sets, np.array([pos[i] for i, _ in pairs], dtype=np.int64),
                         np.array([pos[aid] for _, aid in pairs], dtype=np.int64))
    return [(i, aid, sim) for (i, aid), sim in zip(pairs, sims.tolist(), strict=True) if sim >= config.threshold]


def _update_stories(store: Any, arts: list[Article], canon: dict[str, str], config: StoryConfig) -> None:
    counts = [raw_terms(a.title, a.text, a.entities, a.amounts, config) for a in arts]
    batch_df: Counter = Counter()
    for c in counts:
        batch_df.update(set(c))
    store.execute("INSERT INTO story_df (term, df) VALUES (?, ?) ON CONFLICT (term) DO UPDATE "
                  "SET df = story_df.df + excluded.df", list(batch_df.items()), many=True)
    # The corpus size for IDF, kept as a counter (count(*) would scan the whole table every batch).
    row = store.query("SELECT value FROM dedup_config WHERE key = 'story_docs'")
    n = (int(row[0]["value"]) if row else 0) + len(arts)
    store.execute("DELETE FROM dedup_config WHERE key = 'story_docs'")
    store.execute("INSERT INTO dedup_config (key, value) VALUES ('story_docs', ?)", [str(n)])
    docfreq = DocFreq(n, Counter({r["term"]: r["df"] for r in _in(
        store, "SELECT term, df FROM story_df WHERE term IN ({in})", list(batch_df))}))
    vectors = [vectorise(c, docfreq, config.vector_terms) for c in counts]

    clusterer = StoryClusterer(config)
    for r in _in(store, "SELECT * FROM stories WHERE cluster IN ({in})",
                 _candidate_stories(store, arts, vectors, config)):
        clusterer.load(_story_from_row(r))
    # Stories of stored canonicals, for duplicates of older articles.
    old_canon = [c for c in canon.values() if c not in {a.id for a in arts}]
    story_of = {r["article_id"]: r["cluster"] for r in _in(
        store, "SELECT article_id, cluster FROM story_members WHERE article_id IN ({in})", old_canon)}
    for r in _in(store, "SELECT * FROM stories WHERE cluster IN ({in})",
                 [c for c in story_of.values() if c not in clusterer.stories]):
        clusterer.load(_story_from_row(r))

    order = sorted(range(len(arts)), key=lambda i: earliest_key(arts[i].published, i))
    new_members: list[tuple[Member, str, float, bool]] = []  # member, story, similarity, forced
    for i in order:
        a = arts[i]
        m = Member(a.id, vectors[i], a.title, a.source or a.site, a.published)
        c = canon.get(a.id, a.id)
        forced = story_of.get(c) if c != a.id else None
        sid, sim = clusterer.assign(m, forced)
        story_of[a.id] = sid
        new_members.append((m, sid, sim, forced is not None))
    # A second look at the batch (not at duplicates, which follow their canonical): undoes the
    # order effects within the batch, as `refine` does for a whole input.
    free = [k for k, x in enumerate(new_members) if not x[3]]
    changed = clusterer.reconsider([(new_members[k][0], new_members[k][1]) for k in free])
    moved = bool(changed)  # a member left a story (its stored span may be too wide)
    new_members = _moved(clusterer, new_members, changed)
    now = {m.article_id: sid for m, sid, _, _ in new_members}
    for k, (m, sid, sim, forced) in enumerate(new_members):
        target = now.get(canon.get(m.article_id, m.article_id), sid)
        if forced and target != sid and target in clusterer.stories:
            # A duplicate follows its canonical when that moved.
            clusterer.move(m, sid, target)
            new_members[k] = (m, target, sim, True)
            now[m.article_id] = target
            moved = True
    # A second look at the recent members of the loaded stories, placed by earlier batches.
    recent = _reconsider_recent(store, clusterer, arts, config)
    rows = [(sid, round(sim, 4), aid) for aid, (sid, sim) in recent.items()]
    if rows:
        store.execute("UPDATE story_members SET cluster = ?, similarity = ? WHERE article_id = ?", rows, many=True)
        set_clusters(store, [(aid, sid) for sid, _, aid in rows])
    # Whole stories: one this batch touched joins a loaded story when their group-average
    # similarity clears the bar (a story split by arrival order joins again once the articles
    # bridging it have come), as `refine` does for a whole input.
    label_of = {sid: st.label_id for sid, st in clusterer.stories.items() if st.label_id}
    merged = _merge_touched(clusterer)
    for gone, keep in merged.items():
        store.execute("UPDATE articles SET cluster = ? WHERE id IN (SELECT article_id FROM story_members "
                      "WHERE cluster = ?)", [keep, gone])
        store.execute("UPDATE story_members SET cluster = ? WHERE cluster = ?", [keep, gone])
    new_members = [(m, merged.get(sid, sid), sim, forced) for m, sid, sim, forced in new_members]
    # The divisive check on the stories this batch touched (their stored members read back, for a
    # story not found whole since it grew by `split_recheck_growth`): a story that has become two
    # events is cut in two (`StoryClusterer.split`).
    if config.split_ratio:
        copies = {a: c for a, c in canon.items() if a != c}  # a duplicate stays with its canonical

        def members_of(sid: str) -> list[Member]:
            got = _all_members(store, sid, new_members)
            copies.update((r["article_id"], r["canonical"]) for r in _in(
                store, "SELECT article_id, canonical FROM dedup_articles WHERE article_id IN ({in}) "
                       "AND canonical <> article_id", [m.article_id for m in got]))
            return got

        split = clusterer.split(sorted(clusterer.touched), members_of,
                                taken=lambda sid: bool(store.query("SELECT 1 FROM stories WHERE cluster = ?", [sid])),
                                canonical=copies)
        batch_ids = {m.article_id for m, _, _, _ in new_members}
        # (a cut story holds all its members again, read from the store or already in memory)
        member = {m.article_id: m for sid in set(split.values()) for m in clusterer.stories[sid].members}
        rows = [(sid, round(clusterer.stories[sid].mean_similarity_without(member[aid]), 4), aid)
                for aid, sid in split.items() if aid not in batch_ids]
        if rows:  # stored members the cut moved (the batch's own are written with the batch below)
            store.execute("UPDATE story_members SET cluster = ?, similarity = ? WHERE article_id = ?", rows, many=True)
            set_clusters(store, [(aid, sid) for sid, _, aid in rows])
        new_members = _moved(clusterer, new_members, split)
        moved = moved or bool(split)
    store.execute("INSERT INTO story_members (article_id, cluster, similarity, vector, title, source, published) "
                  "VALUES (?,?,?,?,?,?,?)",
                  [(m.article_id, sid, round(sim, 4), json.dumps(m.vector, ensure_ascii=False), m.title, m.source,
                    m.published) for m, sid, sim, _ in new_members], many=True)
    set_clusters(store, [(m.article_id, sid) for m, sid, _, _ in new_members])
    for sid in sorted(clusterer.touched | set(merged)):
        story = clusterer.stories.get(sid)
        if story is None:  # emptied by `reconsider`, or merged into another
            store.execute("DELETE FROM stories WHERE cluster = ?", [sid])
            store.execute("DELETE FROM story_terms WHERE cluster = ?", [sid])
            continue
        # Label: the most central of the current label and this batch's newcomers (re-reading
        # every member of a big story on each batch would cost O(story size)).
        newcomers = [m for m, s2, _, _ in new_members if s2 == sid]
        labels = [story.label_id] if story.label_id else []
        labels += [label_of[g] for g, k in merged.items() if k == sid and g in label_of]  # merged stories' labels
        cols = "SELECT article_id, vector, title, source, published FROM story_members"
        old_label = _in(store, cols + " WHERE article_id IN ({in}) AND cluster = ?", labels, [sid])
        if not old_label and story.size > len(newcomers):  # the label left (`Story.remove` cleared it): all members
            old_label, newcomers = store.query(cols + " WHERE cluster = ?", [sid]), []
        story.relabel([_member_from_row(r) for r in old_label] + newcomers)
        if moved or recent:  # a member may have left (its span kept): the span from the stored members
            span = store.query("SELECT min(published) AS f, max(published) AS l FROM story_members WHERE cluster = ?",
                               [sid])[0]
            story.first_seen, story.last_seen = span["f"], span["l"]
        store.execute("DELETE FROM stories WHERE cluster = ?", [sid])
        store.execute("DELETE FROM story_terms WHERE cluster = ?", [sid])
        write_story(store, sid, story, config)


def set_clusters(store: Any, rows: Sequence[tuple[str, str]]) -> None:
    """`articles.cluster` for many articles at once: (article id, story) pairs, one statement (what
    `store.set_fields(id, cluster=…)` does for one)."""
    if rows:
        store.execute("UPDATE articles SET cluster = ? WHERE id = ?", [(sid, aid) for aid, sid in rows], many=True)


def write_story(store: Any, sid: str, story: Story, config: StoryConfig) -> None:
    """A story's row and its index terms (the caller has deleted the old ones)."""
    store.execute("INSERT INTO stories (cluster, label, label_id, size, first_seen, last_seen, outlets, centroid, "
                  "split_checked) VALUES (?,?,?,?,?,?,?,?,?)",
                  (sid, story.label, story.label_id, story.size, story.first_seen, story.last_seen,
                   json.dumps(dict(story.outlets.most_common()), ensure_ascii=False),
                   json.dumps({t: round(w, 5) for t, w in story.centroid.items()}, ensure_ascii=False),
                   story.checked or None))
    store.execute("INSERT INTO story_terms (term, cluster) VALUES (?, ?)",
                  [(t, sid) for t in story.index_terms(config.index_terms)], many=True)


def _reconsider_recent(store: Any, clusterer: StoryClusterer, arts: list[Article], config: StoryConfig
                       ) -> dict[str, tuple[str, float]]:
    """`reconsider` for the members of the stories loaded for this batch (those its articles could
    join) that earlier batches placed and that were published within `window_days` of the batch:
    a later batch can form the story they belong to. The candidate stories and the window keep
    the cost that of the recent part of the batch's neighbourhood, not of the corpus; at most
    `RECENT_PER_ARTICLE` per article of the batch. Members of duplicate groups stay with their group. Returns {article id: (new story, mean
    similarity with its other members)} for those that moved."""
    days = [d for d in (day(a.published) for a in arts) if d is not None]
    loaded = sorted(clusterer.stories)
    if not days or not loaded:
        return {}
    lo_day = min(days) - timedelta(days=config.window_days)
    lo = lo_day.isoformat()
    hi = (max(days) + timedelta(days=config.window_days)).isoformat()
    batch = {a.id for a in arts}
    rows = [r for r in _in(store, "SELECT article_id, cluster, vector, title, source, published FROM story_members "
                                  "WHERE cluster IN ({in}) AND substr(published, 1, 10) BETWEEN ? AND ?", loaded, [lo, hi])
            if r["article_id"] not in batch]
    ids = [r["article_id"] for r in rows]
    grouped = {r["article_id"] for r in _in(store, "SELECT article_id FROM dedup_articles WHERE article_id IN ({in}) "
                                                   "AND canonical <> article_id", ids)}
    grouped |= {r["canonical"] for r in _in(store, "SELECT DISTINCT canonical FROM dedup_articles "
                                                   "WHERE canonical IN ({in}) AND canonical <> article_id", ids)}
    rows = [r for r in rows if r["article_id"] not in grouped]
    limit = RECENT_PER_ARTICLE * len(arts)
    if len(rows) > limit:  # a busy window: the touched stories' members first, then the newest
        rows.sort(key=lambda r: (r["cluster"] not in clusterer.touched, -(day(r["published"]) or lo_day).toordinal(),
                                 r["article_id"]))
        rows = rows[:limit]
    placed = [(_member_from_row(r), r["cluster"]) for r in rows]
    if not placed:
        return {}
    member = {m.article_id: m for m, _ in placed}
    return {aid: (sid, clusterer.stories[sid].mean_similarity_without(member[aid]))
            for aid, sid in clusterer.reconsider(placed).items()}


def _moved(clusterer: StoryClusterer, new_members: list[tuple[Member, str, float, bool]],
           changed: dict[str, str]) -> list[tuple[Member, str, float, bool]]:
    """The batch's (member, story, similarity, forced) records after `reconsider` moved some."""
    return [(m, changed[m.article_id], clusterer.stories[changed[m.article_id]].mean_similarity_without(m), forced)
            if m.article_id in changed else (m, sid, sim, forced) for m, sid, sim, forced in new_members]


def _all_members(store: Any, sid: str, new_members: list[tuple[Member, str, float, bool]]) -> list[Member]:
    """Every member of a story: those stored and this batch's (not yet written)."""
    stored = store.query("SELECT article_id, vector, title, source, published FROM story_members WHERE cluster = ?",
                         [sid])
    return [_member_from_row(r) for r in stored] + [m for m, s, _, _ in new_members if s == sid]


def _merge_touched(clusterer: StoryClusterer, rounds: int = 3) -> dict[str, str]:
    """Merges among the loaded stories involving one the batch touched: {absorbed: final story}."""
    if not clusterer.config.merge:
        return {}
    into: dict[str, str] = {}
    among = set(clusterer.touched)
    for _ in range(rounds):
        step = clusterer.merge(among={s for s in among if s in clusterer.stories})
        if not step:
            break
        into.update(step)
        among = set(step.values())
    final = {}
    for gone in into:
        keep = into[gone]
        while keep in into:
            keep = into[keep]
        final[gone] = keep
    return final


def _candidate_stories(store: Any, arts: list[Article], vectors: list[dict[str, float]],
                       config: StoryConfig) -> list[str]:
    """Stories worth loading for a batch: per article, the `max_candidates` stories sharing most of
    its top terms (terms indexing more than `max_posting` stories skipped), seen within
    `max_gap_days` when the batch is dated. Bounded per article, so the batch cost does not grow with the corpus."""
    queries = [[t for t, _ in sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))[: config.query_terms]]
               for v in vectors]
    days = [d for d in (day(a.published) for a in arts) if d is not None]
    since = (min(days) - timedelta(days=config.max_gap_days)).isoformat() if len(days) == len(arts) else ""
    postings: dict[str, list[str]] = {}
    for r in _in(store, "SELECT t.term, t.cluster FROM story_terms t JOIN stories s ON s.cluster = t.cluster "
                        "WHERE t.term IN ({in}) AND (s.last_seen IS NULL OR s.last_seen >= ?)",
                 sorted({t for q in queries for t in q}), [since]):
        postings.setdefault(r["term"], []).append(r["cluster"])
    wanted: set[str] = set()
    for q in queries:
        hits: Counter = Counter()
        for t in q:
            p = postings.get(t, ())
            if len(p) <= config.max_posting:
                hits.update(p)
        wanted.update(c for c, _ in hits.most_common(config.max_candidates))
    return sorted(wanted)


def _story_from_row(r: dict[str, Any]) -> Story:
    return Story(r["cluster"], json.loads(r["centroid"] or "{}"), r["size"], r["first_seen"], r["last_seen"],
                 Counter(json.loads(r["outlets"] or "{}")), [], r["label"], r["label_id"],
                 checked=r.get("split_checked") or 0)


def _member_from_row(r: dict[str, Any]) -> Member:
    return Member(r["article_id"], json.loads(r["vector"] or "{}"), r["title"], r["source"], r["published"])


def rebuild(store: Any, batch: int = 500, story_config: StoryConfig | None = None) -> int:
    """Recompute duplicates and stories for the whole stored corpus (e.g. ingested before the step
    was registered). Returns the number of articles placed."""
    ensure_tables(store)
    with store.transaction():
        for table in TABLES:
            if table != "dedup_config":
                store.execute(f"DELETE FROM {table}")
        store.execute("DELETE FROM dedup_config WHERE key = 'story_docs'")
        store.execute("UPDATE articles SET duplicate_of = NULL, cluster = NULL")
    ids = [r["id"] for r in store.query("SELECT id FROM articles ORDER BY rowid")]
    for i in range(0, len(ids), batch):
        update(store, ids[i: i + batch], story_config)
    return len(ids)


# -- reading ------------------------------------------------------------------------------------
def _brief(r: dict[str, Any]) -> dict[str, Any]:
    return {k: r.get(k) for k in ("id", "title", "source", "published", "url")}


def duplicate_groups(store: Any, limit: int | None = None) -> list[dict[str, Any]]:
    """Chains, largest first: the canonical (the chain's origin article), its outlet as the origin,
    the copies, each with the article it copies (`parent`: the origin or another copy)."""
    parent = "d." + parent_column(store)
    heads = store.query("SELECT canonical, count(*) AS n FROM dedup_articles WHERE canonical <> article_id "
                        "GROUP BY canonical ORDER BY n DESC, canonical" + (f" LIMIT {int(limit)}" if limit else ""))
    out = []
    for h in heads:
        canon = store.query("SELECT a.id, a.title, coalesce(a.source, a.site) AS source, a.published, a.url "
                            "FROM articles a WHERE a.id = ?", [h["canonical"]])
        copies = store.query(
            f"SELECT a.id, a.title, coalesce(a.source, a.site) AS source, a.published, a.url, d.kind, d.similarity, "
            f"{parent} AS parent FROM dedup_articles d JOIN articles a ON a.id = d.article_id "
            "WHERE d.canonical = ? AND d.article_id <> d.canonical ORDER BY d.seq", [h["canonical"]])
        head = _brief(canon[0]) if canon else {"id": h["canonical"]}
        out.append({"canonical": head, "origin": head.get("source"),
                    "copies": [{**_brief(c), "kind": c["kind"], "similarity": c["similarity"], "parent": c["parent"]}
                               for c in copies]})
    return out


def list_stories(store: Any, since: str | None = None, min_size: int = 2, limit: int = 50) -> list[dict[str, Any]]:
    """Stories, largest first (`since`: last seen on or after this date)."""
    where, params = ["size >= ?"], [min_size]
    if since:
        where.append("last_seen >= ?")
        params.append(since)
    rows = store.query(f"SELECT cluster, label, label_id, size, first_seen, last_seen, outlets FROM stories "
                       f"WHERE {' AND '.join(where)} ORDER BY size DESC, first_seen, cluster LIMIT ?", [*params, limit])
    for r in rows:
        r["outlets"] = json.loads(r["outlets"] or "{}")
    return rows


def related(store: Any, article_id: str, limit: int = 10) -> dict[str, Any] | None:
    """Copies of the article, other articles of its story (most similar first), and the closest
    other stories (found by shared centroid terms, kept from cosine `NEARBY_MIN`) — the honest
    "Baca juga"."""
    art = store.get(article_id)
    if art is None:
        return None
    aid = art.id
    copies = copies_of(store, aid)
    mine = store.query("SELECT cluster, vector FROM story_members WHERE article_id = ?", [aid])
    same_story: list[dict[str, Any]] = []
    other: list[dict[str, Any]] = []
    story = None
    if mine:
        vec = json.loads(mine[0]["vector"] or "{}")
        sid = mine[0]["cluster"]
        copy_ids = {c["id"] for c in copies}
        for r in store.query("SELECT article_id, vector, title, source, published FROM story_members "
                             "WHERE cluster = ? AND article_id <> ?", [sid, aid]):
            if r["article_id"] in copy_ids:
                continue
            sim = cosine(vec, json.loads(r["vector"] or "{}"))
            same_story.append({"id": r["article_id"], "title": r["title"], "source": r["source"],
                               "published": r["published"], "similarity": round(sim, 4)})
        same_story.sort(key=lambda x: -x["similarity"])
        srow = store.query("SELECT cluster, label, size, first_seen, last_seen FROM stories WHERE cluster = ?", [sid])
        story = srow[0] if srow else None
        terms = [t for t, _ in sorted(vec.items(), key=lambda kv: -kv[1])[:20]]
        cands = [r["cluster"] for r in _in(store, "SELECT DISTINCT cluster FROM story_terms WHERE term IN ({in})", terms)
                 if r["cluster"] != sid]
        for r in _in(store, "SELECT cluster, label, label_id, size, first_seen, last_seen, centroid FROM stories "
                            "WHERE cluster IN ({in})", cands):
            sim = cosine(vec, json.loads(r["centroid"] or "{}"))
            if sim < NEARBY_MIN:
                continue
            other.append({"cluster": r["cluster"], "label": r["label"], "label_id": r["label_id"], "size": r["size"],
                          "first_seen": r["first_seen"], "last_seen": r["last_seen"], "similarity": round(sim, 4)})
        other.sort(key=lambda x: -x["similarity"])
    return {"article": _brief({"id": aid, "title": art.title, "source": art.source or art.site,
                               "published": art.published, "url": art.url}),
            "copies": copies,
            "story": story, "same_story": same_story[:limit], "other_stories": other[:limit]}


def copies_of(store: Any, aid: str) -> list[dict[str, Any]]:
    """The article's verified copy relations: the article it copies ("copy of", with its own
    Jaccard), the articles that copy it ("copied by", each with its Jaccard with this one), and
    the origin of the chain when that is further up ("origin"). Other chain members are left out:
    under the parent rule they need not be similar to this article."""
    parent_col = parent_column(store)
    me = store.query(f"SELECT {parent_col} AS parent, canonical, kind, similarity FROM dedup_articles "
                     "WHERE article_id = ?", [aid])
    if not me:
        return []
    cols = "a.id, a.title, coalesce(a.source, a.site) AS source, a.published, a.url"
    out: list[dict[str, Any]] = []
    mine = me[0]
    parent = mine["parent"] if mine["parent"] != aid else None
    if parent:
        for r in store.query(f"SELECT {cols} FROM articles a WHERE a.id = ?", [parent]):
            out.append({**_brief(r), "relation": "copy of", "kind": mine["kind"], "similarity": mine["similarity"]})
    if mine["canonical"] not in (aid, parent):
        for r in store.query(f"SELECT {cols} FROM articles a WHERE a.id = ?", [mine["canonical"]]):
            out.append({**_brief(r), "relation": "origin", "kind": "origin", "similarity": None})
    for r in store.query(f"SELECT {cols}, d.kind, d.similarity FROM dedup_articles d JOIN articles a "
                         f"ON a.id = d.article_id WHERE d.{parent_col} = ? AND d.article_id <> ? ORDER BY d.seq",
                         [aid, aid]):
        out.append({**_brief(r), "relation": "copied by", "kind": r["kind"], "similarity": r["similarity"]})
    return out


def iter_ids(articles: Iterable[Article]) -> list[str]:
    return [a.ensure_id() for a in articles]

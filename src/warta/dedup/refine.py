"""Re-cluster stored stories with the whole-input algorithm: `warta stories --refine`.

`warta ingest` places each batch against the stories stored so far (online, with a second look
at the batch and merges of the stories it touched), so the stored stories depend on arrival order
and on the IDF of the corpus seen at the time. This step loads the stored articles (all, or those
published in a date range together with every article of the stories they belong to, so no story
is cut in half), runs exactly what `annotate` runs on an input (`cluster_stories_detail`: the
online pass in publication order, ingest order breaking ties, then `refine` with merges; IDF over
the articles loaded; duplicates follow their canonical) and rewrites their story rows in one
transaction. New stories take the id of the old story they share most articles with, so ids
users have seen stay stable where the story did.

Memory: the loaded articles and their vectors (~5 KB each), so refine a large store by date
range (`since` / `until`).
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Any

from .corpus import DupResult, cluster_stories_detail
from .storage import _in, ensure_tables, set_clusters, write_story
from .stories import StoryConfig


def _ids_in_range(store: Any, since: str | None, until: str | None) -> list[str]:
    """Stored members published in [since, until] (dates compared on YYYY-MM-DD), closed over
    their stories; every stored member when no range is given."""
    where, params = [], []
    if since:
        where.append("substr(published, 1, 10) >= ?")
        params.append(since[:10])
    if until:
        where.append("substr(published, 1, 10) <= ?")
        params.append(until[:10])
    if not where:
        return [r["article_id"] for r in store.query("SELECT article_id FROM story_members")]
    clusters = [r["cluster"] for r in store.query(
        f"SELECT DISTINCT cluster FROM story_members WHERE {' AND '.join(where)}", params)]
    return [r["article_id"] for r in _in(store, "SELECT article_id FROM story_members WHERE cluster IN ({in})",
                                         clusters)]


def _stable_ids(new: list[str], old: list[str], reserved: set[str]) -> dict[str, str]:
    """New story id → final id: each new story takes the old id it shares most articles with
    (largest overlaps first, each old id once); the rest keep their own unless that is taken."""
    overlap = Counter(zip(new, old, strict=True))
    out: dict[str, str] = {}
    taken: set[str] = set()
    for (n, o), _ in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0])):
        if n not in out and o not in taken:
            out[n] = o
            taken.add(o)
    for n in sorted(set(new) - out.keys()):
        name, k = n, 1
        while name in taken or name in reserved:
            name, k = f"{n}-{k}", k + 1
        out[n] = name
        taken.add(name)
    return out


def refine_stored(store: Any, since: str | None = None, until: str | None = None,
                  config: StoryConfig | None = None) -> dict[str, int]:
    """Re-cluster the stored articles (or a date range) with `annotate`'s algorithm and rewrite
    their stories in one transaction. Returns counts: articles, stories before/after, moved
    (articles whose story id changed)."""
    ensure_tables(store)
    config = config or StoryConfig()
    ids = set(_ids_in_range(store, since, until))
    if not ids:
        return {"articles": 0, "stories_before": 0, "stories_after": 0, "moved": 0}
    dedup = {r["article_id"]: r for r in _in(store, "SELECT article_id, seq, canonical FROM dedup_articles "
                                                    "WHERE article_id IN ({in})", sorted(ids))}
    old = {r["article_id"]: r["cluster"] for r in _in(store, "SELECT article_id, cluster FROM story_members "
                                                             "WHERE article_id IN ({in})", sorted(ids))}
    # Ingest order: the tie-break among articles of the same time, as input order is for annotate.
    order = sorted(ids, key=lambda i: (dedup[i]["seq"] if i in dedup else 0, i))
    arts = [a for a in (store.get(i) for i in order) if a is not None]
    index = {a.id: k for k, a in enumerate(arts)}
    dups = []
    for a in arts:
        c = dedup.get(a.id, {}).get("canonical")
        dups.append(DupResult(index[c] if c and c != a.id and c in index else None))
    clusters, stories = cluster_stories_detail(arts, dups, config)
    before = set(old.values())
    reserved = {r["cluster"] for r in _in(store, "SELECT cluster FROM stories WHERE cluster IN ({in})",
                                          sorted(set(clusters) - before))}
    rename = _stable_ids(clusters, [old.get(a.id, "") for a in arts], reserved)
    members = {m.article_id: m for st in stories.values() for m in st.members}
    with store.transaction():
        for table in ("stories", "story_terms"):
            for i in range(0, len(before), 400):
                chunk = sorted(before)[i: i + 400]
                store.execute(f"DELETE FROM {table} WHERE cluster IN ({','.join('?' * len(chunk))})", chunk)
        ordered = [a.id for a in arts]
        for i in range(0, len(ordered), 400):
            chunk = ordered[i: i + 400]
            store.execute(f"DELETE FROM story_members WHERE article_id IN ({','.join('?' * len(chunk))})", chunk)
        rows = []
        for a, c in zip(arts, clusters, strict=True):
            st, m = stories[c], members[a.id]
            sim = st.mean_similarity_without(m) if st.size > 1 else 1.0
            rows.append((a.id, rename[c], round(sim, 4), json.dumps(m.vector, ensure_ascii=False), m.title, m.source,
                         m.published))
        store.execute("INSERT INTO story_members (article_id, cluster, similarity, vector, title, source, published) "
                      "VALUES (?,?,?,?,?,?,?)", rows, many=True)
        set_clusters(store, [(a.id, rename[c]) for a, c in zip(arts, clusters, strict=True)
                             if old.get(a.id) != rename[c] or a.cluster != rename[c]])
        for c, st in stories.items():
            write_story(store, rename[c], st, config)
    moved = sum(old.get(a.id) != rename[c] for a, c in zip(arts, clusters, strict=True))
    return {"articles": len(arts), "stories_before": len(before), "stories_after": len(stories), "moved": moved}

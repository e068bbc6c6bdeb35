"""Entities across the knowledge base: mention counts, articles, timelines, co-occurrence.

Reads the `mentions` table the store fills from `article.entities`. Within an article names are
already canonical (see canonical.py); across articles this module also merges
- case variants ("joko widodo" from lowercase text -> "Joko Widodo"),
- aliases from the alias table (Jokowi -> Joko Widodo),
- short forms: a one-word person name ("Prabowo") joins the one longer person name of the corpus
  that contains it ("Prabowo Subianto") when that longer name is unambiguous.
Portable SQL through `store.query`, so it runs on SQLite and PostgreSQL.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from .canonical import alias_of


@dataclass
class EntityGroup:
    canonical: str
    label: str
    mentions: int = 0
    articles: set[int] = field(default_factory=set)
    forms: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    spellings: Counter = field(default_factory=Counter)  # canonical spellings merged here

    def summary(self) -> dict[str, Any]:
        return {"canonical": self.canonical, "label": self.label, "mentions": self.mentions,
                "articles": len(self.articles), "forms": [f for f, _ in self.forms.most_common(8)]}


def _key(label: str, name: str) -> tuple[str, str]:
    return label, " ".join(name.lower().split())


def build_groups(store: Any, label: str | None = None) -> dict[tuple[str, str], EntityGroup]:
    """Merged entity groups keyed by (label, lowercased canonical name)."""
    sql = "SELECT article, canonical, label, text, role FROM mentions"
    rows = store.query(sql + (" WHERE label = ?" if label else ""), (label,) if label else ())
    groups: dict[tuple[str, str], EntityGroup] = {}
    for r in rows:
        name = r["canonical"] or r["text"] or ""
        hit = alias_of(name)
        if hit and hit[1] == r["label"]:
            name = hit[0]
        key = _key(r["label"], name)
        g = groups.get(key)
        if g is None:
            g = groups[key] = EntityGroup(canonical=name, label=r["label"])
        g.mentions += 1
        g.articles.add(r["article"])
        g.forms[r["text"] or name] += 1
        g.spellings[name] += 1
        if r["role"]:
            g.roles[r["role"]] += 1
    # The displayed spelling: the most frequent one, preferring a capitalised one.
    for g in groups.values():
        g.canonical = max(g.spellings, key=lambda s: (s != s.lower(), g.spellings[s]))
    _merge_short_person_names(groups)
    return groups


def _merge_short_person_names(groups: dict[tuple[str, str], EntityGroup]) -> None:
    by_token: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in groups:
        if key[0] == "PER" and len(key[1].split()) > 1:
            for tok in key[1].split():
                by_token[tok].append(key)
    for key in [k for k in groups if k[0] == "PER" and len(k[1].split()) == 1]:
        cands = sorted(by_token.get(key[1], []), key=lambda k: -groups[k].mentions)
        if not cands:
            continue
        # Unambiguous: one candidate, or the first is mentioned 3x more than the next.
        if len(cands) > 1 and groups[cands[0]].mentions < 3 * groups[cands[1]].mentions:
            continue
        short, full = groups.pop(key), groups[cands[0]]
        full.mentions += short.mentions
        full.articles |= short.articles
        full.forms.update(short.forms)
        full.roles.update(short.roles)


def top_entities(store: Any, label: str | None = None, top: int = 20) -> list[dict[str, Any]]:
    groups = build_groups(store, label)
    ranked = sorted(groups.values(), key=lambda g: (-g.mentions, -len(g.articles), g.canonical))
    return [g.summary() for g in ranked[:top]]


def find_group(groups: dict[tuple[str, str], EntityGroup], name: str) -> EntityGroup | None:
    """The group for a name: its canonical form, an alias, or any surface form, any case."""
    hit = alias_of(name)
    wanted = {" ".join(name.lower().split())} | ({hit[0].lower()} if hit else set())
    best = None
    for (_, low), g in groups.items():
        if low in wanted or any(f.lower() in wanted for f in g.forms):
            if best is None or g.mentions > best.mentions:
                best = g
    return best


def entity_report(store: Any, name: str, top: int = 15) -> dict[str, Any] | None:
    groups = build_groups(store)
    g = find_group(groups, name)
    if g is None:
        return None
    article_ids = sorted(g.articles)
    arts: list[dict[str, Any]] = []
    for i in range(0, len(article_ids), 500):  # keep the IN list short for any backend
        chunk = article_ids[i:i + 500]
        arts += store.query("SELECT rowid AS rid, id, title, source, published FROM articles WHERE rowid IN ("
                            + ",".join("?" * len(chunk)) + ")", chunk)
    timeline = Counter((a["published"] or "")[:7] for a in arts)
    co: Counter = Counter()
    co_group: dict[tuple[str, str], EntityGroup] = {}
    mine = g.articles
    for key, other in groups.items():
        if other is g:
            continue
        n = len(other.articles & mine)
        if n:
            co[key] = n
            co_group[key] = other
    arts.sort(key=lambda a: a["published"] or "", reverse=True)
    return {
        **g.summary(),
        "roles": g.roles.most_common(5),
        "timeline": sorted(timeline.items()),
        "cooccurring": [{"canonical": co_group[k].canonical, "label": co_group[k].label, "articles": n}
                        for k, n in co.most_common(top)],
        "recent_articles": [{"id": a["id"], "title": a["title"], "source": a["source"],
                             "published": a["published"]} for a in arts[:top]],
    }

"""Entities across the knowledge base: the one implementation behind `warta entities`/`warta entity`,
the web pages and the API.

Within an article names are already canonical (see canonical.py). Across articles, entities merge
- case variants ("joko widodo" from lowercase text -> "Joko Widodo") and
- aliases from the alias table (Jokowi -> Joko Widodo, AS -> Amerika Serikat)
through the group key of the entity name index, computed per name when mentions are stored
(store/entity_index.py: `entity_keys` holds exact mention and article counts per key), and
- short forms: a one-word person name ("Prabowo") joins the multi-word person name of the corpus
  that contains it ("Prabowo Subianto") when that name is unambiguous (the only one, or mentioned
  3x more than the next), resolved here at query time from `entity_tokens`.
No call reads the whole `mentions` table: listings read the ranked index rows they need; one
entity's page reads that entity's own mentions (co-occurrence over its newest ENTITY_SCAN articles).
A merged group's article count adds its keys' counts: an article naming both the short and the
full form counts once already, because canonical.py merges them within the article.
Portable SQL through `store.query`, so it runs on SQLite and PostgreSQL.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..store.entity_index import fold, lookup_keys

ENTITY_SCAN = 1000  # co-occurrence and amounts look at the newest this-many articles of an entity
_MAX_IN = 500  # keep IN lists short for any backend


@dataclass
class Entity:
    """One merged entity: its label, main key, every key merged into it, and totals (for a merged
    group `articles` is the sum over its keys until `describe` or the listing counts it exactly)."""
    label: str
    key: str
    keys: list[str] = field(default_factory=list)
    mentions: int = 0
    articles: int = 0
    name: str = ""  # the displayed spelling


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _chunks(items: list, size: int = _MAX_IN):
    for i in range(0, len(items), size):
        yield items[i:i + size]


# -- short forms --------------------------------------------------------------------------------
def short_targets(store: Any, tokens: list[str]) -> dict[str, str]:
    """For one-word person keys: the multi-word person key each one merges into (when unambiguous)."""
    cands: dict[str, list[tuple[int, str]]] = {}
    for chunk in _chunks(sorted(set(tokens))):
        # The two most mentioned candidates per word decide; a common word ("Muhammad") has thousands.
        # CROSS JOIN: SQLite walks the few token rows first (else it may scan every person key).
        # A name that is only the word repeated ("Bamsoet Bamsoet", a tagging slip) is no full name.
        for r in store.query(
                "SELECT token, key, mentions FROM (SELECT t.token, k.key, k.mentions, row_number() OVER "
                "(PARTITION BY t.token ORDER BY k.mentions DESC, k.key) AS rn FROM entity_tokens t CROSS JOIN "
                f"entity_keys k WHERE t.token IN ({_marks(len(chunk))}) AND k.label = 'PER' AND k.key = t.key "
                "AND trim(replace(k.key, t.token, '')) <> '') c WHERE rn <= 2", chunk):
            cands.setdefault(r["token"], []).append((r["mentions"], r["key"]))
    out = {}
    for tok, found in cands.items():
        found.sort(key=lambda mk: (-mk[0], mk[1]))
        if len(found) == 1 or found[0][0] >= 3 * found[1][0]:
            out[tok] = found[0][1]
    return out


def _key_rows(store: Any, label: str, keys: list[str]) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(sorted(set(keys))):
        for r in store.query(f"SELECT key, mentions, articles FROM entity_keys WHERE label = ? "
                             f"AND key IN ({_marks(len(chunk))})", (label, *chunk)):
            rows[r["key"]] = r
    return rows


def _merge(store: Any, rows: list[dict[str, Any]]) -> list[Entity]:
    """Index rows (label, key, mentions, articles) -> merged entities: short person names join their
    full name, and a full name collects its short forms even when those were not among `rows`."""
    per_one = [r["key"] for r in rows if r["label"] == "PER" and " " not in r["key"]]
    per_full = [r["key"] for r in rows if r["label"] == "PER" and " " in r["key"]]
    # Short forms of the full names listed (their words), and where every one-word key goes.
    tokens = {t for k in per_full for t in k.split()}
    present = _key_rows(store, "PER", sorted(tokens | set(per_one)))
    target = short_targets(store, sorted(present))
    known = {(r["label"], r["key"]): r for r in rows}
    for k, r in present.items():
        known.setdefault(("PER", k), {"label": "PER", **r})
    fulls = set(target.values()) - set(per_full)
    for k, r in _key_rows(store, "PER", sorted(fulls)).items():
        known.setdefault(("PER", k), {"label": "PER", **r})
    groups: dict[tuple[str, str], Entity] = {}
    order: list[tuple[str, str]] = []
    for r in rows:  # groups of the listed rows first (keeps their order for ties)
        lk = (r["label"], target.get(r["key"], r["key"]) if r["label"] == "PER" else r["key"])
        if lk not in groups and lk in known:
            groups[lk] = Entity(lk[0], lk[1])
            order.append(lk)
    for (label, key), r in known.items():
        main = (label, target.get(key, key)) if label == "PER" else (label, key)
        g = groups.get(main)
        if g is not None and key not in g.keys:
            g.keys.append(key)
            g.mentions += r["mentions"]
            g.articles += r["articles"]
    return [groups[lk] for lk in order]


def _exact_articles(store: Any, groups: list[Entity]) -> None:
    """Exact article counts for merged groups (several keys): an article naming both "Widodo" and
    "Joko Widodo" (not merged within the article) counts once. One indexed count per merged group."""
    for g in groups:
        if len(g.keys) > 1:
            cond, params = mentions_condition(store, g)
            g.articles = store.query(f"SELECT count(DISTINCT article) AS n FROM mentions WHERE {cond}", params)[0]["n"]


def _name_rows(store: Any, groups: list[Entity]) -> list[dict[str, Any]]:
    """entity_names rows (label, canonical, key, spelling, mentions) of the groups' keys."""
    out: list[dict[str, Any]] = []
    by_label: dict[str, list[str]] = {}
    for g in groups:
        by_label.setdefault(g.label, []).extend(g.keys)
    for label, keys in by_label.items():
        for chunk in _chunks(sorted(set(keys))):
            out += store.query("SELECT label, canonical, key, spelling, mentions FROM entity_names WHERE label = ? "
                               f"AND key IN ({_marks(len(chunk))})", (label, *chunk))
    return out


def _name_groups(store: Any, groups: list[Entity]) -> None:
    """Set each group's displayed spelling: the most frequent spelling of its main key, preferring a
    capitalised one (aliases count as the name they stand for)."""
    spellings: dict[tuple[str, str], Counter] = {}
    for r in _name_rows(store, groups):
        spellings.setdefault((r["label"], r["key"]), Counter())[r["spelling"]] += r["mentions"]
    for g in groups:
        sp = spellings.get((g.label, g.key)) or Counter({g.key: 1})
        g.name = max(sp, key=lambda s: (s != s.lower(), sp[s], s))


def _forms(store: Any, groups: list[Entity]) -> dict[tuple[str, str], Counter]:
    """Surface forms ("also written") of each group, with mention counts."""
    where = {(g.label, k): (g.label, g.key) for g in groups for k in g.keys}
    out: dict[tuple[str, str], Counter] = {(g.label, g.key): Counter() for g in groups}
    by_label: dict[str, list[str]] = {}
    for label, k in where:
        by_label.setdefault(label, []).append(k)
    for label, keys in by_label.items():
        for chunk in _chunks(sorted(keys)):
            for r in store.query("SELECT key, text, mentions FROM entity_forms WHERE label = ? "
                                 f"AND key IN ({_marks(len(chunk))})", (label, *chunk)):
                out[where[(label, r["key"])]][r["text"]] += r["mentions"]
    return out


# -- listing ------------------------------------------------------------------------------------
def list_entities(store: Any, *, label: str | None = None, prefix: str | None = None, limit: int = 50,
                  offset: int = 0, forms: bool = False) -> list[dict[str, Any]]:
    """Entities by number of articles mentioning them, then mentions (most first).

    Reads the top of the ranked index (twice the page, at least 50 more rows, so that short forms
    merging into names just below can still lift them) and merges those; `prefix` matches the
    start of any merged name, any case.
    """
    window = offset + limit
    fetch = max(2 * window, window + 50)
    where, params = [], []
    if label:
        where.append("label = ?")
        params.append(label)
    if prefix:
        p = " ".join(prefix.lower().split()) + (" " if prefix[-1:].isspace() else "")  # keys: single spaces
        where.append("substr(key, 1, ?) = ?")
        params += [len(p), p]
    cond = ("WHERE " + " AND ".join(where)) if where else ""
    rows = store.query(f"SELECT label, key, mentions, articles FROM entity_keys {cond} "
                       "ORDER BY articles DESC, mentions DESC, label, key LIMIT ?", (*params, fetch))
    groups = _merge(store, rows)
    _name_groups(store, groups)
    order = lambda g: (-g.articles, -g.mentions, g.name, g.label)  # noqa: E731
    groups.sort(key=order)
    # Merged groups' article counts are sums until made exact: only those shown (and a margin at the
    # page's edges) are counted exactly, then the page is ranked again.
    near = groups[max(offset - 5, 0):offset + limit + 5]
    _exact_articles(store, near)
    groups = groups[:max(offset - 5, 0)] + sorted(near, key=order) + groups[offset + limit + 5:]
    page = groups[offset:offset + limit]
    out = [{"name": g.name, "label": g.label, "articles": g.articles, "mentions": g.mentions} for g in page]
    if forms:
        fm = _forms(store, page)
        for o, g in zip(out, page, strict=True):
            o["forms"] = [f for f, _ in fm[(g.label, g.key)].most_common(8)]
    return out


# -- one entity ---------------------------------------------------------------------------------
def find_entity(store: Any, name: str) -> Entity | None:
    """The entity a typed name denotes: its key in any case, an alias (Jokowi), a short form
    (Prabowo), or any surface form; the most mentioned when several match."""
    name = " ".join(name.split())
    if not name:
        return None
    keys = lookup_keys(name)
    rows = store.query(f"SELECT label, key, mentions, articles FROM entity_keys WHERE key IN ({_marks(len(keys))})",
                       keys)
    if not rows:  # a surface form ("Pak Jokowi"?) seen in text
        hits = store.query("SELECT DISTINCT label, key FROM entity_forms WHERE lower_text = ?", (name.lower(),))
        for h in hits:
            rows += store.query("SELECT label, key, mentions, articles FROM entity_keys WHERE label = ? AND key = ?",
                                (h["label"], h["key"]))
    if not rows:
        return None
    groups = _merge(store, rows)
    best = max(groups, key=lambda g: (g.mentions, g.articles, g.label))
    _name_groups(store, [best])
    return best


def mentions_condition(store: Any, g: Entity, alias: str = "") -> tuple[str, list[Any]]:
    """A condition on `mentions` (optionally aliased) selecting this entity's mentions, with its
    parameters: by label and stored canonical name, which the `mentions_canonical` index answers."""
    names = sorted({r["canonical"] for r in _name_rows(store, [g])}) or [g.name]
    col = f"{alias}." if alias else ""
    return f"{col}label = ? AND {col}canonical IN ({_marks(len(names))})", [g.label, *names]


def entity_filter(store: Any, name: str) -> tuple[str, list[Any]]:
    """The `mentions` condition a search filter `entity=NAME` uses: every stored name of the entity
    the typed name denotes (aliases, case variants, short forms: what its entity page counts);
    the exact stored name when the index knows no such entity."""
    g = find_entity(store, name)
    return mentions_condition(store, g) if g is not None else ("canonical = ?", [name])


def newest_first(store: Any, alias: str = "a") -> str:
    """ORDER BY newest first, undated last (SQLite sorts NULL lowest already; PostgreSQL needs it said)."""
    col = f"{alias}.published" if alias else "published"
    return f"{col} DESC" if getattr(store, "backend", "") == "sqlite" else f"{col} DESC NULLS LAST"


def scan_articles(store: Any, g: Entity) -> tuple[str, list[Any]]:
    """SQL for the rowids of the entity's newest ENTITY_SCAN articles (bounded per-entity work), with parameters."""
    cond, params = mentions_condition(store, g)
    return f"SELECT DISTINCT article FROM mentions WHERE {cond} ORDER BY article DESC LIMIT {ENTITY_SCAN}", params


def entity_detail(store: Any, name: str, **kw: Any) -> dict[str, Any] | None:
    """One entity by any of its names (see `find_entity`), as `describe` gives it; None when unknown."""
    g = find_entity(store, name)
    return describe(store, g, **kw) if g is not None else None


def describe(store: Any, g: Entity, *, cooccurring: int = 20, forms_limit: int = 25,
             articles_limit: int = 10) -> dict[str, Any]:
    """One entity: counts, labels, forms, roles, timeline by day, co-occurring entities, newest articles.

    Work grows with the entity's own articles for the timeline (which also gives the exact article
    count) only; roles and co-occurrence look at its newest ENTITY_SCAN articles.
    """
    cond, params = mentions_condition(store, g)
    scan, _ = scan_articles(store, g)
    labels = [{"label": g.label, "count": g.mentions}]
    for r in store.query("SELECT label, mentions FROM entity_keys WHERE key = ? AND label <> ? "
                         "ORDER BY mentions DESC, label", (g.key, g.label)):
        labels.append({"label": r["label"], "count": r["mentions"]})
    forms = _forms(store, [g])[(g.label, g.key)]
    roles = store.query(f"SELECT role, count(*) AS n FROM mentions WHERE {cond} AND role IS NOT NULL "
                        f"AND article IN ({scan}) GROUP BY role ORDER BY n DESC, role LIMIT 5", (*params, *params))
    # Undated articles form the NULL day: the days add up to the exact number of articles.
    timeline = store.query(
        "SELECT substr(a.published, 1, 10) AS day, count(*) AS n FROM articles a "
        f"WHERE a.rowid IN (SELECT article FROM mentions WHERE {cond}) "
        "GROUP BY substr(a.published, 1, 10) ORDER BY day", params)
    g.articles = sum(r["n"] for r in timeline)
    # The names of the scanned articles, folded here as the index folds them (cheaper than a join).
    co_rows = [{"article": r["article"], "label": r["label"], "key": fold(r["canonical"], r["label"])}
               for r in store.query("SELECT DISTINCT article, label, canonical FROM mentions "
                                    f"WHERE article IN ({scan})", params)]
    co_groups = _co_groups(store, co_rows, {(g.label, k) for k in g.keys})
    co_groups.sort(key=lambda c: (-c.articles, c.key))
    co_groups = co_groups[:cooccurring]
    _name_groups(store, co_groups)
    co_groups.sort(key=lambda c: (-c.articles, c.name))
    # A frequent entity: walk articles newest first and stop at the first few that mention it; a rare
    # one: sort its few articles.
    mcond, mparams = mentions_condition(store, g, "m")
    member = (f"EXISTS (SELECT 1 FROM mentions m WHERE m.article = a.rowid AND {mcond})" if g.articles > 2000
              else f"a.rowid IN (SELECT article FROM mentions m WHERE {mcond})")
    articles = store.query(f"SELECT a.id, a.title, a.source, a.published FROM articles a WHERE {member} "
                           f"ORDER BY {newest_first(store)}, a.id LIMIT ?", (*mparams, articles_limit))
    undated = sum(r["n"] for r in timeline if not r["day"])
    return {
        "name": g.name, "label": g.label, "labels": labels,
        "aliases": [{"text": t, "count": n} for t, n in sorted(forms.items(), key=lambda tn: (-tn[1], tn[0]))
                    [:forms_limit]],
        "mentions": g.mentions, "articles": g.articles,
        "roles": [(r["role"], r["n"]) for r in roles],
        "timeline": [{"day": r["day"], "count": r["n"]} for r in timeline if r["day"]],
        "undated": undated,
        "cooccurring": [{"name": c.name, "label": c.label, "count": c.articles} for c in co_groups[:cooccurring]],
        "cooccurring_approximate": g.articles > ENTITY_SCAN,
        "recent_articles": articles,
    }


def _co_groups(store: Any, rows: list[dict[str, Any]], mine: set[tuple[str, str]]) -> list[Entity]:
    """(article, label, key) rows of the scanned articles -> the other entities, merged like the
    listing (short person names join their full name), each with the number of articles it shares."""
    one = sorted({r["key"] for r in rows if r["label"] == "PER" and " " not in r["key"]})
    target = short_targets(store, one)
    groups: dict[tuple[str, str], Entity] = {}
    seen: dict[tuple[str, str], set] = {}
    for r in rows:
        if (r["label"], r["key"]) in mine:
            continue
        main = (r["label"], target.get(r["key"], r["key"]) if r["label"] == "PER" else r["key"])
        if main in mine:
            continue
        g = groups.setdefault(main, Entity(main[0], main[1]))
        if r["key"] not in g.keys:
            g.keys.append(r["key"])
        seen.setdefault(main, set()).add(r["article"])
    for main, g in groups.items():
        g.articles = len(seen[main])
    return list(groups.values())


# -- the command line's shapes ------------------------------------------------------------------
def top_entities(store: Any, label: str | None = None, top: int = 20) -> list[dict[str, Any]]:
    """`warta entities`: the listing with surface forms, keyed as the CLI prints it."""
    return [{"canonical": r["name"], "label": r["label"], "mentions": r["mentions"], "articles": r["articles"],
             "forms": r["forms"]} for r in list_entities(store, label=label, limit=top, forms=True)]


def entity_report(store: Any, name: str, top: int = 15) -> dict[str, Any] | None:
    """`warta entity`: the entity detail with a monthly timeline (undated articles under '')."""
    d = entity_detail(store, name, cooccurring=top, forms_limit=8, articles_limit=top)
    if d is None:
        return None
    months: Counter = Counter()
    for p in d["timeline"]:
        months[p["day"][:7]] += p["count"]
    if d["undated"]:
        months[""] += d["undated"]
    return {
        "canonical": d["name"], "label": d["label"], "mentions": d["mentions"], "articles": d["articles"],
        "forms": [a["text"] for a in d["aliases"]],
        "roles": d["roles"],
        "timeline": sorted(months.items()),
        "cooccurring": [{"canonical": c["name"], "label": c["label"], "articles": c["count"]}
                        for c in d["cooccurring"]],
        "cooccurring_approximate": d["cooccurring_approximate"],
        "recent_articles": d["recent_articles"],
    }

"""The entity name index: small tables next to `mentions`, kept up to date when articles are stored.

Listing entities across a big corpus from `mentions` alone means reading every mention (tens of
millions at 1M articles) on each call. What does not depend on the rest of the corpus is computed
per name when mentions are stored, and counted:

- `entity_names` (label, canonical → key, spelling, mentions): each stored canonical name and its
  group key: the alias-resolved name (Jokowi → Joko Widodo, same label only), lowercased with
  spaces collapsed, so case variants and aliases share a key;
- `entity_keys` (label, key → mentions, articles): exact totals per key (an article counts once
  per key, however many of its spellings it uses);
- `entity_forms` (label, key, text → mentions): the surface forms ("also written");
- `entity_tokens` (token, key): the words of multi-word person keys, so the corpus-level short-form
  merge ("Prabowo" → "Prabowo Subianto", warta.ner.corpus) is an index lookup at query time.

Writers collect a `Delta` over a batch (adds, and removals for replaced articles) and `flush` it in
key order: on PostgreSQL, concurrent writers then lock shared counter rows in the same order.
The SQL is portable (`?` placeholders, upserts that SQLite and PostgreSQL both accept).
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from ..lang.id.aliases import ALIASES, alias_of

# Stored in the 'entity_index' meta row; a store whose row differs rebuilds the index on open (see
# `rebuild`). Keys depend on `fold` (bump _FOLD_CODE when its code changes) and on the alias table,
# whose contents are hashed in, so editing lang/id/aliases.py can never leave stale keys behind.
_FOLD_CODE = 1
INDEX_VERSION = f"{_FOLD_CODE}.{hashlib.sha1(repr(sorted(ALIASES.items())).encode()).hexdigest()[:12]}"
TABLES = ("entity_keys", "entity_names", "entity_forms", "entity_tokens")

# (label, canonical, text) of one mention, as stored in `mentions`.
Mention = tuple[str, str, "str | None"]
ExecMany = Callable[[str, list[tuple]], None]


def alias_spelling(name: str, label: str) -> str:
    """The alias table's name for `name` when it names an entity of this label."""
    hit = alias_of(name)
    return hit[0] if hit and hit[1] == label else name


def fold(name: str, label: str) -> str:
    """The group key of a stored name: alias-resolved, lowercased, spaces collapsed."""
    return " ".join(alias_spelling(name, label).lower().split())


def lookup_keys(name: str) -> list[str]:
    """Keys a user-typed name may denote, any label: the name itself and its alias target."""
    keys = [" ".join(name.lower().split())]
    hit = alias_of(name)
    if hit:
        keys.append(" ".join(hit[0].lower().split()))
    return list(dict.fromkeys(k for k in keys if k))


def mentions_of(entities: Iterable[dict[str, Any]]) -> list[Mention]:
    """An article's entities as the (label, canonical, text) rows `mentions` stores."""
    out = []
    for e in entities:
        canonical = e.get("canonical") or e.get("text")
        if canonical and e.get("label"):
            out.append((e["label"], canonical, e.get("text")))
    return out


class Delta:
    """Counter changes for a batch of stored (+1) and removed (-1) articles."""

    def __init__(self) -> None:
        self.names: Counter = Counter()   # (label, canonical) -> mentions
        self.keys: Counter = Counter()    # (label, key) -> mentions
        self.articles: Counter = Counter()  # (label, key) -> articles
        self.forms: Counter = Counter()   # (label, key, text) -> mentions
        self.removed = False

    def article(self, mentions: Iterable[Mention], sign: int = 1) -> None:
        seen: set[tuple[str, str]] = set()
        for label, canonical, text in mentions:
            key = fold(canonical, label)
            self.names[(label, canonical)] += sign
            self.keys[(label, key)] += sign
            self.forms[(label, key, text or canonical)] += sign
            seen.add((label, key))
        for lk in seen:
            self.articles[lk] += sign
        if sign < 0 and seen:
            self.removed = True

    def flush(self, executemany: ExecMany) -> None:
        """Write the changes (inside the caller's transaction), in key order."""
        keys = sorted(lk for lk in set(self.keys) | set(self.articles) if self.keys[lk] or self.articles[lk])
        if keys:
            executemany("INSERT INTO entity_keys (label, key, mentions, articles) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (label, key) DO UPDATE SET mentions = entity_keys.mentions + excluded.mentions, "
                        "articles = entity_keys.articles + excluded.articles",
                        [(lb, k, self.keys[(lb, k)], self.articles[(lb, k)]) for lb, k in keys])
        names = sorted(n for n, c in self.names.items() if c)
        if names:
            executemany("INSERT INTO entity_names (label, canonical, key, spelling, mentions) VALUES (?, ?, ?, ?, ?) "
                        "ON CONFLICT (label, canonical) DO UPDATE SET mentions = entity_names.mentions + excluded.mentions",
                        [(lb, c, fold(c, lb), alias_spelling(c, lb), self.names[(lb, c)]) for lb, c in names])
        forms = sorted(f for f, c in self.forms.items() if c)
        if forms:
            executemany("INSERT INTO entity_forms (label, key, text, lower_text, mentions) VALUES (?, ?, ?, ?, ?) "
                        "ON CONFLICT (label, key, text) DO UPDATE SET mentions = entity_forms.mentions + excluded.mentions",
                        [(lb, k, t, " ".join(t.lower().split()), self.forms[(lb, k, t)]) for lb, k, t in forms])
        tokens = sorted({(tok, k) for (lb, k), c in self.keys.items() if c > 0 and lb == "PER" and " " in k
                         for tok in k.split()})
        if tokens:
            executemany("INSERT INTO entity_tokens (token, key) VALUES (?, ?) ON CONFLICT DO NOTHING", tokens)
        if self.removed:  # counters that reached zero: only the rows this batch decreased (no table scans)
            gone_keys = [lk for lk in keys if self.keys[lk] < 0 or self.articles[lk] < 0]
            executemany("DELETE FROM entity_keys WHERE label = ? AND key = ? AND mentions <= 0", gone_keys)
            executemany("DELETE FROM entity_names WHERE label = ? AND canonical = ? AND mentions <= 0",
                        [n for n in names if self.names[n] < 0])
            executemany("DELETE FROM entity_forms WHERE label = ? AND key = ? AND text = ? AND mentions <= 0",
                        [f for f in forms if self.forms[f] < 0])
            # The words of a person key that no longer exists as a person (as `rebuild` keeps them).
            executemany("DELETE FROM entity_tokens WHERE key = ? AND NOT EXISTS "
                        "(SELECT 1 FROM entity_keys k WHERE k.label = 'PER' AND k.key = entity_tokens.key)",
                        sorted({(k,) for lb, k in gone_keys if lb == "PER" and " " in k}))
        self.__init__()  # type: ignore[misc]  # flushed: start over


def rebuild(query: Callable[..., list[dict[str, Any]]], execute: Callable[..., None], executemany: ExecMany) -> None:
    """(Re)fill the index from `mentions` (a migration of an existing store; runs in the caller's transaction).

    Names are folded in Python over the distinct (label, canonical, text) rows, not per mention;
    the exact per-key article counts are one grouped join in SQL.
    """
    for table in TABLES:
        execute(f"DELETE FROM {table}")
    delta = Delta()
    for r in query("SELECT label, canonical, text, count(*) AS n FROM mentions GROUP BY label, canonical, text"):
        label, canonical, text, n = r["label"], r["canonical"], r["text"], r["n"]
        key = fold(canonical, label)
        delta.names[(label, canonical)] += n
        delta.forms[(label, key, text or canonical)] += n
        delta.keys[(label, key)] += n
    delta.flush(executemany)  # names, forms, tokens (and provisional key rows)
    execute("DELETE FROM entity_keys")
    execute("INSERT INTO entity_keys (label, key, mentions, articles) "
            "SELECT n.label, n.key, count(*), count(DISTINCT m.article) FROM mentions m "
            "JOIN entity_names n ON n.label = m.label AND n.canonical = m.canonical GROUP BY n.label, n.key")


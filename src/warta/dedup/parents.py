"""Which article a copy points to (`duplicate_of`) and the origin of its chain: the parent rule.

Every path (in memory, the store, the distributed stages) decides the same way:

- rank: `corpus.earliest_key` (dated before undated, then the date, then input order), a strict
  total order;
- neighbours of an article: its exact twins (same `exact_key`) and its verified near neighbours
  (an LSH candidate pair accepted by `index._verify`: exact shingle Jaccard ≥ threshold, or the
  estimate alone with `DedupConfig(verify=False)`);
- parent: the earliest exact twin when one is earlier (kind "exact": one canonical per identical
  text), else the earliest near neighbour that is earlier than the article (kind "near"), else
  none: the article is an original, though later articles may copy it;
- origin: follow parents to the end (each step goes to a strictly earlier article, so it ends).
  A duplicate group is every article with the same origin: a tree of verified pairs.

Why not connected components (until 2026-11): components are transitive, so with A~B and B~C the
copy C pointed at A even when A and C share less than the threshold; CLICK-ID's formulaic
gold-price articles made 57 such pairs (strict precision 0.984). Under this rule every
`duplicate_of` pair is a verified near-duplicate, and an article that is similar only to a
*later* one (B in A~C, B~C, A≁B) is no copy of anything and stays an original.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

NONE = -1


def rank_of(published: Sequence[str | None]) -> np.ndarray:
    """The position of each article in `earliest_key` order (0 = earliest)."""
    from .corpus import earliest_key

    order = sorted(range(len(published)), key=lambda i: earliest_key(published[i], i))
    rank = np.empty(len(published), dtype=np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(len(published), dtype=np.int64)
    return rank


def choose_parents(rank: np.ndarray, exact_keys: Sequence[str | None], a: np.ndarray, b: np.ndarray,
                   sims: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(parent row or NONE, is_exact, similarity with the parent) for every row, from the rows'
    ranks, exact keys and the verified near pairs (a[k], b[k], sims[k]) in either orientation."""
    n = len(rank)
    parent = np.full(n, NONE, dtype=np.int64)
    is_exact = np.zeros(n, dtype=bool)
    sim = np.full(n, np.nan)
    # Near: orient each pair earlier → later; per later row the earliest partner.
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    if len(a):
        swap = rank[a] > rank[b]
        u, v = np.where(swap, b, a), np.where(swap, a, b)  # rank[u] < rank[v]
        order = np.lexsort((rank[u], v))
        u, v, s = u[order], v[order], np.asarray(sims, dtype=float)[order]
        first = np.r_[True, v[1:] != v[:-1]]
        parent[v[first]], sim[v[first]] = u[first], s[first]
    # Exact twins win: the group's earliest member is the one canonical of an identical text.
    earliest: dict[str, int] = {}
    for i in np.argsort(rank, kind="stable").tolist():
        k = exact_keys[i]
        if not k:
            continue
        if k in earliest:
            parent[i], is_exact[i], sim[i] = earliest[k], True, 1.0
        else:
            earliest[k] = i
    return parent, is_exact, sim


def origins(parent: np.ndarray) -> np.ndarray:
    """The end of each row's parent chain (itself for an original), by pointer jumping."""
    root = np.where(parent == NONE, np.arange(len(parent)), parent)
    while True:
        nxt = root[root]
        if np.array_equal(nxt, root):
            return root
        root = nxt


def better(candidate: tuple[bool, int], current: tuple[bool, int] | None) -> bool:
    """Whether a parent (is_exact, rank) beats the current one (None: no parent yet): exact twins
    first, then the earlier rank."""
    if current is None:
        return True
    return (not candidate[0], candidate[1]) < (not current[0], current[1])

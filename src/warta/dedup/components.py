"""Connected components of duplicate pairs (the same answer however pairs arrive): a union-find for
the incremental store step, and a vectorised labelling for whole corpora."""
from __future__ import annotations

from collections.abc import Hashable, Iterable

import numpy as np


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, x: Hashable) -> Hashable:
        parent = self.parent
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def components(pairs: Iterable[tuple[Hashable, Hashable]]) -> list[set[Hashable]]:
    """Connected components (of size ≥ 2) of the graph whose edges are `pairs`."""
    uf = UnionFind()
    for a, b in pairs:
        uf.union(a, b)
    groups: dict[Hashable, set[Hashable]] = {}
    for x in list(uf.parent):
        groups.setdefault(uf.find(x), set()).add(x)
    return [g for g in groups.values() if len(g) > 1]


def component_labels(edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(nodes, label of each node) for an (n, 2) array of edges: the label is the smallest node of
    its connected component. Vectorised (hook roots to the smaller root, then pointer jumping) so a
    million-article corpus with tens of millions of pairs never becomes Python tuples."""
    if len(edges) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    nodes, inv = np.unique(edges, return_inverse=True)
    inv = inv.reshape(edges.shape)
    a, b = inv[:, 0], inv[:, 1]
    parent = np.arange(len(nodes))
    while True:
        la, lb = parent[a], parent[b]  # every parent is a root here (after the jumping below)
        if np.array_equal(la, lb):
            break
        low = np.minimum(la, lb)
        np.minimum.at(parent, la, low)  # each root hooks to the smallest root it touches
        np.minimum.at(parent, lb, low)
        while True:
            nxt = parent[parent]
            if np.array_equal(nxt, parent):
                break
            parent = nxt
    return nodes, nodes[parent]

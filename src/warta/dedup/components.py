"""Connected components of pairs (the same answer however pairs arrive): a union-find. Duplicates
no longer use it (they form chains: `parents.py`); it stays for callers that want groups."""
from __future__ import annotations

from collections.abc import Hashable, Iterable


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

"""Divisive granularity check for story clusters: split a story that is two events.

Group-average joining keeps a story event-sized on average, but a burst of coverage of one person
or place (a death, then the funeral, then crowds taking selfies at the grave, then a hoax about
the dead man's corneas) forms sub-events whose articles are all similar enough to each other to
clear the joining bar, so they end up as one story. The classic answer in topic detection and
tracking is a divisive step (bisecting k-means / principal direction divisive partitioning): cut a
cluster in two and keep the cut when the two halves are each cohesive and clearly less alike
across than within.

Here: the members are ordered by their projection on the first principal direction of their
unit vectors (PDDP; deterministic: power iteration from a fixed start), and every cut of that
order leaving at least `min_part` members on each side is scored by its cross similarity over the
lower of the two halves' cohesion (mean cosine across / mean pairwise cosine within: a "sweep cut",
as spectral partitioning does with its eigenvector). The best cut is kept when that ratio is below
`ratio`. Cohesion and cross similarity come from running vector sums (|Σv|² grows by 2Σ·v + |v|²
per member), so one check costs O(members × terms), never pairwise, with the vectors held sparse.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Cut:
    left: list[int]  # member positions of one half (the one holding member 0)
    right: list[int]
    cohesion_left: float
    cohesion_right: float
    cross: float

    @property
    def ratio(self) -> float:
        return self.cross / min(self.cohesion_left, self.cohesion_right)


class _Rows:
    """Sparse rows (one per member) over the terms they use, as flat numpy arrays."""

    def __init__(self, vectors: list[dict[str, float]]):
        terms: dict[str, int] = {}
        setdefault = terms.setdefault
        cols = [setdefault(t, len(terms)) for v in vectors for t in v]
        self.n, self.t = len(vectors), len(terms)
        self.cols = np.array(cols, dtype=np.int64)
        self.vals = np.fromiter((w for v in vectors for w in v.values()), dtype=np.float64, count=len(cols))
        self.lengths = np.fromiter((len(v) for v in vectors), dtype=np.int64, count=len(vectors))
        self.ptr = np.concatenate(([0], np.cumsum(self.lengths)))
        self.row = np.repeat(np.arange(self.n), self.lengths)

    def dot(self, d: np.ndarray) -> np.ndarray:
        """x @ d (one value per member)."""
        return np.bincount(self.row, weights=self.vals * d[self.cols], minlength=self.n)

    def tdot(self, u: np.ndarray) -> np.ndarray:
        """x.T @ u (one value per term)."""
        return np.bincount(self.cols, weights=self.vals * u[self.row], minlength=self.t)

    def get(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        a, b = self.ptr[i], self.ptr[i + 1]
        return self.cols[a:b], self.vals[a:b]


def principal_order(rows: _Rows, steps: int = 50) -> np.ndarray | None:
    """Members ordered by their projection on the first principal direction of the centred
    vectors (power iteration from the member farthest from the mean), None when they coincide."""
    mean = rows.tdot(np.full(rows.n, 1.0 / rows.n))

    def centred_dot(d: np.ndarray) -> np.ndarray:
        return rows.dot(d) - mean @ d

    sq = np.bincount(rows.row, weights=rows.vals ** 2, minlength=rows.n)
    spread = sq - 2 * rows.dot(mean) + mean @ mean  # |x_i − m|²
    start = int(np.argmax(spread))
    if spread[start] <= 1e-12:
        return None
    d = -mean.copy()
    cols, vals = rows.get(start)
    d[cols] += vals
    d /= np.linalg.norm(d)
    for _ in range(steps):
        u = centred_dot(d)
        nd = rows.tdot(u) - mean * u.sum()
        size = np.linalg.norm(nd)
        if size <= 1e-12:
            break
        nd /= size
        done = np.abs(nd - d).max() < 1e-9
        d = nd
        if done:
            break
    proj = centred_dot(d)
    return np.lexsort((np.arange(rows.n), proj))  # ties by position: deterministic


def best_cut(vectors: list[dict[str, float]], ratio: float, min_part: int) -> Cut | None:
    """The best sweep cut of `vectors` along their principal direction when its cross/cohesion
    ratio is below `ratio`, else None."""
    n = len(vectors)
    if ratio <= 0 or n < 2 * max(min_part, 1) or n < 2:
        return None
    rows = _Rows(vectors)
    order = principal_order(rows)
    if order is None:
        return None
    total = rows.tdot(np.ones(n))
    total_sq = float(total @ total)
    self_sq = np.bincount(rows.row, weights=rows.vals ** 2, minlength=n)
    all_self = float(self_sq.sum())
    run = np.zeros(rows.t)
    run_sq = run_total = run_self = 0.0  # |P|², P·T, Σ|v|² over the left part P
    best: tuple[float, int, float, float, float] | None = None
    for k in range(n - 1):
        cols, vals = rows.get(int(order[k]))
        run_sq += 2 * float(run[cols] @ vals) + float(vals @ vals)
        run_total += float(total[cols] @ vals)
        run_self += float(self_sq[order[k]])
        run[cols] += vals
        left, right = k + 1, n - k - 1
        if left < min_part or right < min_part or left < 1 or right < 1:
            continue
        right_sq = total_sq - 2 * run_total + run_sq
        coh_l = (run_sq - run_self) / (left * (left - 1)) if left > 1 else 0.0
        coh_r = (right_sq - (all_self - run_self)) / (right * (right - 1)) if right > 1 else 0.0
        cross = (run_total - run_sq) / (left * right)
        low = min(coh_l, coh_r)
        if low <= 0:
            continue
        score = cross / low
        if best is None or score < best[0] - 1e-12:
            best = (score, left, coh_l, coh_r, cross)
    if best is None or best[0] >= ratio:
        return None
    score, left, coh_l, coh_r, cross = best
    side = np.zeros(n, dtype=bool)
    side[order[left:]] = True
    if side[0]:
        side, coh_l, coh_r = ~side, coh_r, coh_l
    return Cut([i for i in range(n) if not side[i]], [i for i in range(n) if side[i]], coh_l, coh_r, cross)


def split_all(vectors: list[dict[str, float]], ratio: float, min_part: int, depth: int = 3) -> list[list[int]]:
    """Recursive bisection: the groups (member positions) a story falls into, one group when it
    passes the check whole. `depth` bounds the recursion (at most 2**depth groups)."""
    groups = [list(range(len(vectors)))]
    for _ in range(depth):
        out, changed = [], False
        for g in groups:
            cut = best_cut([vectors[i] for i in g], ratio, min_part)
            if cut is None:
                out.append(g)
            else:
                out += [[g[i] for i in cut.left], [g[i] for i in cut.right]]
                changed = True
        groups = out
        if not changed:
            break
    return groups

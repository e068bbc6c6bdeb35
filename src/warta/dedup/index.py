"""An in-memory LSH index over band keys, compact enough for a million articles.

Memory per article: `bands` × 12 bytes of band keys (int64 key + int32 row) plus `num_perm` × 2
bytes of signature (the low 16 bits of each MinHash value, "b-bit MinHash": two different values
collide with chance 1/65536, which moves a Jaccard estimate by < 0.0001). With the defaults
(32 bands, 128 permutations) that is 640 bytes per article, ~0.6 GB per million.

Band keys live in two sorted numpy arrays searched with `searchsorted`: new keys are inserted
into a small one (≤ 100k keys), which is merged into the big one when full (one O(n) copy per
~3,000 articles), so adding an article costs about the same at 10k and at 1M articles.
`near_pairs` finds the same pairs for a whole input at once, band by band (`find_duplicates`).

Exact verification (`DedupConfig.verify`, `verify.py`) needs the shingle sets of the pairs the
signature prefilter leaves; the index keeps none (that would be ~1.8 KB more per article): the
caller, which holds the texts (or the store), hands them over through `sets_for`.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .minhash import DEFAULT, EMPTY_ROW, DedupConfig, band_keys_by_band, band_matrix
from .verify import ShingleSets, accept, exact_jaccard, ranges


def same_key_pairs(keys: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of rows sharing a key, from keys sorted ascending (rows in step); as (later,
    earlier) row arrays, possibly with repeats. Vectorised: pass d pairs each entry with the
    entry d places on within its run of equal keys, for d = 1, 2, … while runs are that long."""
    parts_a, parts_b = [np.zeros(0, dtype=np.int32)], [np.zeros(0, dtype=np.int32)]
    pos = np.flatnonzero(keys[1:] == keys[:-1])  # entries with an equal right neighbour
    d = 1
    while len(pos):
        x, y = rows[pos], rows[pos + d]
        parts_a.append(np.maximum(x, y))
        parts_b.append(np.minimum(x, y))
        pos = pos[pos + d + 1 < len(keys)]
        pos = pos[keys[pos + d + 1] == keys[pos]]
        d += 1
    a, b = np.concatenate(parts_a), np.concatenate(parts_b)
    keep = a != b  # one article can put one key in two bands only by chance; never pair it with itself
    return a[keep], b[keep]


SetsFor = Callable[[np.ndarray], ShingleSets]  # rows → their shingle sets, in that order


def unique_ints(x: np.ndarray) -> np.ndarray:
    """Sorted distinct values of an integer array. Not `np.unique`: numpy 2.4 hashes integers
    there, ~80× slower than a sort (3.8 s vs 0.05 s for 3M distinct int64 here)."""
    x = np.sort(x)
    return x[np.r_[True, x[1:] != x[:-1]]] if len(x) else x


def near_pairs(sigs: np.ndarray, config: DedupConfig = DEFAULT, sets_for: SetsFor | None = None
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All near-duplicate pairs among the rows of `sigs` (a whole input at once): (later row,
    earlier row, Jaccard), each pair once.

    The same pairs as adding the rows to a `NearDupIndex` (pairs sharing a band key, then
    `_verify`), but band by band: one sort of n keys per band, no incremental bookkeeping, O(n)
    temporary memory per band. With `config.verify`, `sets_for(rows)` gives the shingle sets of
    the rows the prefilter leaves (so only those texts are shingled again).
    """
    sigs = np.asarray(sigs, dtype=np.uint32)
    live = np.flatnonzero(~np.all(sigs == EMPTY_ROW, axis=1)).astype(np.int32)
    keys = band_keys_by_band(sigs[live], config)
    parts_a, parts_b = [], []
    for band in range(config.bands):
        col = keys[band]
        order = np.argsort(col)
        later, earlier = same_key_pairs(col[order], live[order])
        parts_a.append(later)
        parts_b.append(earlier)
    return _verify(np.concatenate(parts_a), np.concatenate(parts_b), sigs.astype(np.uint16), config, sets_for=sets_for)


def _verify(a: np.ndarray, b: np.ndarray, sigs16: np.ndarray, config: DedupConfig, offset: int = 0,
            sets_for: SetsFor | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unique candidate pairs (rows; `sigs16` row = row − offset) that are near duplicates, with
    their Jaccard: without `config.verify`, estimated over the 16-bit signatures and ≥ threshold;
    with it, estimate ≥ threshold − margin (prefilter), then exact (`verify.exact_jaccard` over
    `sets_for`'s sets) ≥ threshold."""
    if not len(a):
        return a.astype(np.int64), b.astype(np.int64), np.zeros(0)
    uniq = unique_ints(a.astype(np.int64) * (1 << 32) + b.astype(np.int64))
    a, b = uniq >> 32, uniq & 0xFFFFFFFF
    sims = np.count_nonzero(sigs16[a - offset] == sigs16[b - offset], axis=1) / config.num_perm
    keep = accept(sims, config)
    a, b, sims = a[keep], b[keep], sims[keep]
    if config.verify and len(a):
        if sets_for is None:
            raise ValueError("DedupConfig.verify needs the candidates' shingle sets (sets_for)")
        rows, inv = np.unique(np.concatenate([a, b]), return_inverse=True)
        sims = exact_jaccard(sets_for(rows), inv[: len(a)], inv[len(a):])
        keep = sims >= config.threshold
        a, b, sims = a[keep], b[keep], sims[keep]
    return a, b, sims


class NearDupIndex:
    def __init__(self, config: DedupConfig = DEFAULT, capacity: int = 1024):
        self.config = config
        self.size = 0
        self._sigs = np.zeros((capacity, config.num_perm), dtype=np.uint16)
        # Two sorted (key, row) arrays: a big one and a small recent one. New keys are inserted
        # into the small one (a memcpy of ≤ 100k entries); it is merged into the big one when full.
        self._keys = np.zeros(0, dtype=np.int64)
        self._rows = np.zeros(0, dtype=np.int32)
        self._pkeys = np.zeros(0, dtype=np.int64)
        self._prows = np.zeros(0, dtype=np.int32)

    # -- memory ---------------------------------------------------------------------------
    def nbytes(self) -> int:
        """Bytes held for `size` articles (signatures + band keys)."""
        return self.size * self.config.num_perm * 2 + (len(self._keys) + len(self._pkeys)) * 12

    def _grow(self, need: int) -> None:
        if need > len(self._sigs):
            new = np.zeros((max(need, 2 * len(self._sigs)), self.config.num_perm), dtype=np.uint16)
            new[: self.size] = self._sigs[: self.size]
            self._sigs = new

    @staticmethod
    def _insert(keys: np.ndarray, rows: np.ndarray, new_keys: np.ndarray, new_rows: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
        """Insert sorted new keys into sorted arrays: one O(n) copy."""
        pos = np.searchsorted(keys, new_keys, side="right")
        return np.insert(keys, pos, new_keys), np.insert(rows, pos, new_rows)

    @staticmethod
    def _lookup(keys: np.ndarray, rows: np.ndarray, q_keys: np.ndarray, q_rows: np.ndarray,
                out_a: list[np.ndarray], out_b: list[np.ndarray]) -> None:
        """Pairs (query row, stored row) for every stored key equal to a (sorted) query key."""
        if not len(keys) or not len(q_keys):
            return
        lo = np.searchsorted(keys, q_keys, side="left")
        hi = np.searchsorted(keys, q_keys, side="right")
        hit = np.flatnonzero(hi > lo)
        if len(hit):
            counts = hi[hit] - lo[hit]
            out_a.append(np.repeat(q_rows[hit], counts))
            out_b.append(rows[ranges(lo[hit], counts)])

    # -- search ---------------------------------------------------------------------------
    def add(self, sigs: np.ndarray, sets_for: SetsFor | None = None) -> list[list[tuple[int, float]]]:
        """Add signatures (rows numbered on from `size`, in order); for each, the earlier rows it
        near-duplicates as (row, Jaccard) (`_verify`: with `config.verify`, `sets_for(rows)` gives
        the shingle sets of any rows, old or new; the index itself keeps none).

        Vectorised over the batch: candidates come from `searchsorted` of the batch's sorted
        keys in the two sorted arrays and from equal neighbours within the batch; Python only
        touches the rare shared keys. Cost per article does not grow with the index (beyond
        log n searches and the bounded memcpy of the recent array).
        """
        sigs = np.asarray(sigs, dtype=np.uint32)
        n, b = sigs.shape[0], self.config.bands
        start = self.size
        self._grow(start + n)
        self._sigs[start: start + n] = sigs.astype(np.uint16)
        live = ~np.all(sigs == EMPTY_ROW, axis=1)
        keys = band_matrix(sigs, self.config)[live].ravel()
        rows = np.repeat(np.arange(start, start + n, dtype=np.int32)[live], b)
        order = np.argsort(keys)
        keys, rows = keys[order], rows[order]
        pairs_a: list[np.ndarray] = []  # later row
        pairs_b: list[np.ndarray] = []  # earlier row
        self._lookup(self._keys, self._rows, keys, rows, pairs_a, pairs_b)
        self._lookup(self._pkeys, self._prows, keys, rows, pairs_a, pairs_b)
        later, earlier = same_key_pairs(keys, rows)  # within the batch
        pairs_a.append(later)
        pairs_b.append(earlier)
        out: list[list[tuple[int, float]]] = [[] for _ in range(n)]
        a, bb, sims = _verify(np.concatenate(pairs_a), np.concatenate(pairs_b), self._sigs, self.config,
                              sets_for=sets_for)
        for r, c, sim in zip(a.tolist(), bb.tolist(), sims.tolist(), strict=True):
            out[r - start].append((c, sim))
        self._pkeys, self._prows = self._insert(self._pkeys, self._prows, keys, rows)
        if len(self._pkeys) > 100_000:
            self._keys, self._rows = self._insert(self._keys, self._rows, self._pkeys, self._prows)
            self._pkeys, self._prows = self._pkeys[:0], self._prows[:0]
        self.size = start + n
        return out

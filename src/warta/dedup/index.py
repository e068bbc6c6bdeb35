"""An in-memory LSH index over band keys, compact enough for a million articles.

Memory per article: `bands` × 12 bytes of band keys (int64 key + int32 row) plus `num_perm` × 2
bytes of signature (the low 16 bits of each MinHash value, "b-bit MinHash": two different values
collide with chance 1/65536, which moves a Jaccard estimate by < 0.0001). With the defaults
(32 bands, 128 permutations) that is 640 bytes per article, ~0.6 GB per million.

Band keys live in sorted numpy arrays searched with `searchsorted`; new keys go to a small dict
that is merged into the arrays every 100k keys (one O(n) copy, so adding stays cheap per article).
"""
from __future__ import annotations

import numpy as np

from .minhash import DEFAULT, EMPTY_ROW, DedupConfig, band_matrix


class NearDupIndex:
    def __init__(self, config: DedupConfig = DEFAULT, capacity: int = 1024):
        self.config = config
        self.size = 0
        self._sigs = np.zeros((capacity, config.num_perm), dtype=np.uint16)
        self._keys = np.zeros(0, dtype=np.int64)
        self._rows = np.zeros(0, dtype=np.int32)
        self._pending: dict[int, list[int]] = {}
        self._pending_n = 0

    # -- memory ---------------------------------------------------------------------------
    def nbytes(self) -> int:
        """Bytes held for `size` articles (signatures + band keys, pending keys counted alike)."""
        per_key = self._keys.itemsize + self._rows.itemsize
        return (self.size * self.config.num_perm * 2
                + (len(self._keys) + self._pending_n) * per_key)

    def _grow(self, need: int) -> None:
        if need > len(self._sigs):
            new = np.zeros((max(need, 2 * len(self._sigs)), self.config.num_perm), dtype=np.uint16)
            new[: self.size] = self._sigs[: self.size]
            self._sigs = new

    def _merge(self) -> None:
        if not self._pending:
            return
        key_list: list[int] = []
        row_list: list[int] = []
        for k, rs in self._pending.items():
            key_list += [k] * len(rs)
            row_list += rs
        keys = np.array(key_list, dtype=np.int64)
        rows = np.array(row_list, dtype=np.int32)
        order = np.argsort(keys, kind="stable")
        keys, rows = keys[order], rows[order]
        # Insert the (small, sorted) pending keys into the big sorted arrays: one O(n) copy.
        pos = np.searchsorted(self._keys, keys, side="right")
        self._keys = np.insert(self._keys, pos, keys)
        self._rows = np.insert(self._rows, pos, rows)
        self._pending.clear()
        self._pending_n = 0

    # -- search ---------------------------------------------------------------------------
    def add(self, sigs: np.ndarray) -> list[list[tuple[int, float]]]:
        """Add signatures (rows numbered on from `size`, in order); for each, the earlier rows it
        near-duplicates as (row, estimated Jaccard) with Jaccard ≥ threshold."""
        sigs = np.asarray(sigs, dtype=np.uint32)
        n = sigs.shape[0]
        keys = band_matrix(sigs, self.config)
        start = self.size
        self._grow(start + n)
        self._sigs[start: start + n] = sigs.astype(np.uint16)
        empty = np.all(sigs == EMPTY_ROW, axis=1)
        # Candidates in the sorted arrays, for the whole batch in one searchsorted.
        cands: list[set[int]] = [set() for _ in range(n)]
        if len(self._keys):
            flat = keys.ravel()
            lo = np.searchsorted(self._keys, flat, side="left")
            hi = np.searchsorted(self._keys, flat, side="right")
            for pos in np.flatnonzero(hi > lo).tolist():
                cands[pos // self.config.bands].update(self._rows[lo[pos]: hi[pos]].tolist())
        # Candidates among pending keys (earlier batches and earlier rows of this one).
        pending = self._pending
        key_lists = keys.tolist()
        for i in range(n):
            if empty[i]:
                continue
            for k in key_lists[i]:
                rows = pending.get(k)
                if rows is None:
                    pending[k] = [start + i]
                else:
                    cands[i].update(rows)
                    rows.append(start + i)
            self._pending_n += self.config.bands
        out: list[list[tuple[int, float]]] = []
        for i in range(n):
            if not cands[i] or empty[i]:
                out.append([])
                continue
            cand = np.fromiter(cands[i], dtype=np.int64, count=len(cands[i]))
            sims = np.count_nonzero(self._sigs[cand] == self._sigs[start + i], axis=1) / self.config.num_perm
            keep = sims >= self.config.threshold
            out.append(sorted(zip(cand[keep].tolist(), sims[keep].tolist(), strict=True)))
        self.size = start + n
        if self._pending_n > 100_000:
            self._merge()
        return out

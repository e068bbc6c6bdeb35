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
        # Sorted band keys with their rows, plus recent (unsorted) ones merged in every 100k keys.
        self._keys = np.zeros(0, dtype=np.int64)
        self._rows = np.zeros(0, dtype=np.int32)
        self._pkeys: list[np.ndarray] = []
        self._prows: list[np.ndarray] = []
        self._pending_n = 0

    # -- memory ---------------------------------------------------------------------------
    def nbytes(self) -> int:
        """Bytes held for `size` articles (signatures + band keys)."""
        return self.size * self.config.num_perm * 2 + (len(self._keys) + self._pending_n) * 12

    def _grow(self, need: int) -> None:
        if need > len(self._sigs):
            new = np.zeros((max(need, 2 * len(self._sigs)), self.config.num_perm), dtype=np.uint16)
            new[: self.size] = self._sigs[: self.size]
            self._sigs = new

    def _merge(self) -> None:
        if not self._pkeys:
            return
        keys = np.concatenate(self._pkeys)
        rows = np.concatenate(self._prows)
        order = np.argsort(keys)
        keys, rows = keys[order], rows[order]
        # Insert the (small, sorted) pending keys into the big sorted arrays: one O(n) copy.
        pos = np.searchsorted(self._keys, keys, side="right")
        self._keys = np.insert(self._keys, pos, keys)
        self._rows = np.insert(self._rows, pos, rows)
        self._pkeys, self._prows, self._pending_n = [], [], 0

    # -- search ---------------------------------------------------------------------------
    def add(self, sigs: np.ndarray) -> list[list[tuple[int, float]]]:
        """Add signatures (rows numbered on from `size`, in order); for each, the earlier rows it
        near-duplicates as (row, estimated Jaccard) with Jaccard ≥ threshold.

        Vectorised over the batch: candidate pairs come from one `searchsorted` against the sorted
        keys and one sort of (recent + batch) keys; Python only touches the rare shared keys.
        """
        sigs = np.asarray(sigs, dtype=np.uint32)
        n, b = sigs.shape[0], self.config.bands
        start = self.size
        self._grow(start + n)
        self._sigs[start: start + n] = sigs.astype(np.uint16)
        live = ~np.all(sigs == EMPTY_ROW, axis=1)
        keys = band_matrix(sigs, self.config)[live].ravel()
        rows = np.repeat(np.arange(start, start + n, dtype=np.int32)[live], b)
        pairs_a: list[np.ndarray] = []  # later row
        pairs_b: list[np.ndarray] = []  # earlier row
        if len(self._keys) and len(keys):
            q = np.argsort(keys)  # sorted queries walk the big array in order (cache friendly)
            lo = np.searchsorted(self._keys, keys[q], side="left")
            hi = lo + (self._keys[np.minimum(lo, len(self._keys) - 1)] == keys[q])
            for j in np.flatnonzero(hi > lo).tolist():
                e = int(hi[j])
                while e < len(self._keys) and self._keys[e] == self._keys[lo[j]]:
                    e += 1
                found = self._rows[lo[j]: e]
                pairs_a.append(np.full(len(found), rows[q[j]], dtype=np.int32))
                pairs_b.append(found)
        # Recent keys and this batch together: equal neighbours after sorting share a band.
        all_keys = np.concatenate([*self._pkeys, keys])
        all_rows = np.concatenate([*self._prows, rows])
        order = np.argsort(all_keys)
        sk, sr = all_keys[order], all_rows[order]
        same = np.flatnonzero(sk[1:] == sk[:-1])
        if len(same):
            run_starts = same[np.concatenate([[True], np.diff(same) > 1])]
            for s0 in run_starts.tolist():
                e = s0 + 1
                while e + 1 < len(sk) and sk[e + 1] == sk[s0]:
                    e += 1
                run = np.unique(sr[s0: e + 1])
                new = run[run >= start]
                for r in new.tolist():
                    earlier = run[run < r]
                    if len(earlier):
                        pairs_a.append(np.full(len(earlier), r, dtype=np.int32))
                        pairs_b.append(earlier)
        out: list[list[tuple[int, float]]] = [[] for _ in range(n)]
        if pairs_a:
            a = np.concatenate(pairs_a).astype(np.int64)
            bb = np.concatenate(pairs_b).astype(np.int64)
            uniq = np.unique(a * (1 << 32) + bb)
            a, bb = uniq >> 32, uniq & 0xFFFFFFFF
            sims = np.count_nonzero(self._sigs[a] == self._sigs[bb], axis=1) / self.config.num_perm
            keep = sims >= self.config.threshold
            for r, c, sim in zip(a[keep].tolist(), bb[keep].tolist(), sims[keep].tolist(), strict=True):
                out[r - start].append((c, sim))
        self._pkeys.append(keys)
        self._prows.append(rows)
        self._pending_n += len(keys)
        self.size = start + n
        if self._pending_n > 100_000:
            self._merge()
        return out

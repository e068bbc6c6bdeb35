"""Exact verification of candidate pairs: the Jaccard of the two articles' shingle sets.

Why: a MinHash estimate from 128 permutations has a standard deviation of ~0.044 at Jaccard 0.5,
so LSH + "estimate ≥ threshold" lets in pairs that truly sit at 0.4–0.5 (CLICK-ID's formulaic
articles) and drops some just above. The large dedup toolkits filter such false positives by
computing the true Jaccard of each candidate pair; so does warta (`DedupConfig.verify`): a
candidate whose estimate is within `DedupConfig.margin` of the threshold or above has its exact
Jaccard computed, and only that decides.

The sets are the very hashed shingles the signatures are made from (`shingles.shingle_hashes`),
kept per article as a sorted array of unique uint64 values in one flat array with row offsets
(`ShingleSets`), so a whole batch of pairs is verified with numpy: a vectorised binary search of
each member of one set in the other's row. The answer depends only on the two texts, so every
path (in memory, the store, the distributed stages) accepts the same pairs.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .minhash import DEFAULT, SUB_BATCH, DedupConfig
from .shingles import shingle_hashes, token_hashes

_PAIR_CHUNK = 20_000  # pairs verified at once: bounds the temporaries (~1 KB of shingles a pair)


@dataclass
class ShingleSets:
    """Per-row sorted unique shingle hashes: row r is `values[offsets[r]:offsets[r + 1]]`."""

    values: np.ndarray  # uint64
    offsets: np.ndarray  # int64, len n + 1

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @property
    def nbytes(self) -> int:
        return self.values.nbytes + self.offsets.nbytes

    def sizes(self) -> np.ndarray:
        return np.diff(self.offsets)

    def take(self, rows: np.ndarray) -> ShingleSets:
        """The sets of `rows` (in that order) as a new, compact ShingleSets."""
        return take_sets(self.values, self.offsets, np.asarray(rows, dtype=np.int64))


def empty_sets() -> ShingleSets:
    return ShingleSets(np.zeros(0, dtype=np.uint64), np.zeros(1, dtype=np.int64))


def ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenated ranges start..start+count (vectorised `np.r_[tuple(slices)]`)."""
    counts = np.asarray(counts, dtype=np.int64)
    return np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts - starts, counts)


def take_sets(values: np.ndarray, offsets: np.ndarray, rows: np.ndarray) -> ShingleSets:
    """Rows of a (values, offsets) pair, which may be memory-mapped: only their slices are read."""
    starts = np.asarray(offsets[rows], dtype=np.int64)
    counts = np.asarray(offsets[rows + 1], dtype=np.int64) - starts
    out_off = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(counts, out=out_off[1:])
    return ShingleSets(np.asarray(values[ranges(starts, counts)], dtype=np.uint64), out_off)


def concat_sets(parts: Sequence[ShingleSets]) -> ShingleSets:
    if not parts:
        return empty_sets()
    sizes = np.concatenate([p.sizes() for p in parts])
    offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    return ShingleSets(np.concatenate([p.values for p in parts]), offsets)


def sets_from_shingles(sh: np.ndarray, offsets: np.ndarray) -> ShingleSets:
    """Flat shingle hashes with row offsets (`shingle_hashes`) → sorted unique values per row."""
    offsets = np.asarray(offsets, dtype=np.int64)
    n = len(offsets) - 1
    if len(sh) == 0:
        return ShingleSets(np.zeros(0, dtype=np.uint64), np.zeros(n + 1, dtype=np.int64))
    doc = np.repeat(np.arange(n, dtype=np.int64), np.diff(offsets))
    order = np.lexsort((sh, doc))  # by row, then by value
    vals, doc = sh[order], doc[order]
    keep = np.ones(len(vals), dtype=bool)
    keep[1:] = (vals[1:] != vals[:-1]) | (doc[1:] != doc[:-1])
    vals, doc = vals[keep], doc[keep]
    out_off = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(doc, minlength=n), out=out_off[1:])
    return ShingleSets(vals, out_off)


def sets_from_hashes(h: np.ndarray, lens: np.ndarray, config: DedupConfig = DEFAULT) -> ShingleSets:
    """From the token hashes `token_hashes` gives (the same tokenisation `sketch` uses)."""
    return sets_from_shingles(*shingle_hashes(h, lens, config.shingle, config.scheme))


def shingle_sets(texts: Sequence[str], config: DedupConfig = DEFAULT) -> ShingleSets:
    """The shingle sets of many texts (an empty text gets an empty set)."""
    if not texts:
        return empty_sets()
    return concat_sets([sets_from_hashes(*token_hashes(texts[s: s + SUB_BATCH], config.scheme), config)
                        for s in range(0, len(texts), SUB_BATCH)])


def exact_jaccard(sets: ShingleSets, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Jaccard of the sets of rows a[i] and b[i], for every i (two empty sets: 1.0)."""
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    out = np.empty(len(a), dtype=np.float64)
    for s in range(0, len(a), _PAIR_CHUNK):
        out[s: s + _PAIR_CHUNK] = _jaccard_chunk(sets, a[s: s + _PAIR_CHUNK], b[s: s + _PAIR_CHUNK])
    return out


def _jaccard_chunk(sets: ShingleSets, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    off, vals = sets.offsets, sets.values
    size_a, size_b = off[a + 1] - off[a], off[b + 1] - off[b]
    swap = size_a > size_b  # look the smaller set's members up in the larger one
    small, large = np.where(swap, b, a), np.where(swap, a, b)
    n_small = np.minimum(size_a, size_b)
    pair = np.repeat(np.arange(len(a)), n_small)
    queries = vals[ranges(off[small], n_small)]
    lo, hi = off[large][pair], off[large + 1][pair]
    end = hi.copy()
    # Vectorised binary search of every query within its own row of the larger set.
    while True:
        active = lo < hi
        if not active.any():
            break
        mid = (lo + hi) >> 1
        go = active & (vals[np.minimum(mid, len(vals) - 1)] < queries)
        lo = np.where(go, mid + 1, lo)
        hi = np.where(active & ~go, mid, hi)
    found = lo < end
    found[found] = vals[lo[found]] == queries[found]
    inter = np.bincount(pair[found], minlength=len(a)).astype(np.float64)
    union = size_a + size_b - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(union > 0, inter / np.maximum(union, 1), 1.0)


def accept(estimates: np.ndarray, config: DedupConfig) -> np.ndarray:
    """Which candidates the estimate alone settles: without verification, estimate ≥ threshold;
    with it, the prefilter estimate ≥ threshold − margin (the rest then need `exact_jaccard`)."""
    return estimates >= (config.threshold - config.margin if config.verify else config.threshold)


def sketch_shingles(texts: Sequence[str], config: DedupConfig = DEFAULT
                    ) -> tuple[np.ndarray, list[str | None], np.ndarray, np.ndarray]:
    """`minhash.sketch` (signatures, exact keys) plus the raw shingle hashes (flat, with row
    offsets; unsorted, repeats kept: `sets_from_shingles` makes sets of the rows that need them),
    from one tokenisation. What the distributed stage 1 writes per shard."""
    from .minhash import signatures_from_shingles
    from .shingles import exact_keys_from_hashes

    if not texts:
        return (np.zeros((0, config.num_perm), dtype=np.uint32), [], np.zeros(0, dtype=np.uint64),
                np.zeros(1, dtype=np.int64))
    sigs, keys, shs, sizes = [], [], [], []
    for s in range(0, len(texts), SUB_BATCH):
        h, lens = token_hashes(texts[s: s + SUB_BATCH], config.scheme)
        sh, off = shingle_hashes(h, lens, config.shingle, config.scheme)
        sigs.append(signatures_from_shingles(sh, off, config))
        keys += exact_keys_from_hashes(h, lens, config.scheme)
        shs.append(sh)
        sizes.append(np.diff(off.astype(np.int64)))
    size = np.concatenate(sizes)
    offsets = np.zeros(len(size) + 1, dtype=np.int64)
    np.cumsum(size, out=offsets[1:])
    return np.concatenate(sigs), keys, np.concatenate(shs), offsets

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
_ROW_GROUP = 256  # rows sorted together as one padded matrix ...
_CELLS = 1 << 22  # ... of at most this many cells (32 MB), fewer rows when they are very long


def _groups(sizes_sorted: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) runs of rows (sizes ascending) for the padded matrices."""
    out, g, n = [], 0, len(sizes_sorted)
    while g < n:
        end = min(g + _ROW_GROUP, n)
        width = int(sizes_sorted[end - 1])
        if width * (end - g) > _CELLS:
            end = g + max(1, _CELLS // max(width, 1))
        out.append((g, end))
        g = end
    return out
_PAD = np.uint64(0xFFFFFFFFFFFFFFFF)


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
    """Flat shingle hashes with row offsets (`shingle_hashes`) → sorted unique values per row.

    Rows are sorted as the rows of small padded matrices (rows of similar length together,
    padded with the largest uint64, which sorts last): `ndarray.sort(axis=1)` over short rows is
    ~10× faster than one `np.lexsort` by (row, value) over the flat array.
    """
    offsets = np.asarray(offsets, dtype=np.int64)
    n = len(offsets) - 1
    sizes = np.diff(offsets)
    out_sizes = np.zeros(n, dtype=np.int64)
    pieces = []
    order = np.argsort(sizes, kind="stable")
    for g, end in _groups(sizes[order]):
        rows = order[g: end]
        width = int(sizes[rows[-1]])  # the longest of the group (sizes ascending)
        if width == 0:
            continue
        mat = np.full((len(rows), width), _PAD, dtype=np.uint64)
        valid = np.arange(width) < sizes[rows][:, None]
        mat[valid] = sh[ranges(offsets[rows], sizes[rows])]
        mat.sort(axis=1)  # a row's values come first: the padding is the largest value there is
        valid[:, 1:] &= mat[:, 1:] != mat[:, :-1]
        out_sizes[rows] = valid.sum(axis=1)
        pieces.append((rows, mat[valid]))
    out_off = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(out_sizes, out=out_off[1:])
    values = np.empty(int(out_off[-1]), dtype=np.uint64)
    for rows, v in pieces:
        values[ranges(out_off[rows], out_sizes[rows])] = v
    return ShingleSets(values, out_off)


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
    """Each pair's two sets side by side in one row of a padded matrix (pairs of similar total
    size together), rows sorted: equal neighbours are the intersection, as each set is unique."""
    off, vals = sets.offsets, sets.values
    size_a, size_b = off[a + 1] - off[a], off[b + 1] - off[b]
    total = size_a + size_b
    inter = np.zeros(len(a), dtype=np.int64)
    order = np.argsort(total, kind="stable")
    for g, end in _groups(total[order]):
        rows = order[g: end]
        width = int(total[rows[-1]])
        if width == 0:
            continue
        mat = np.full((len(rows), width), _PAD, dtype=np.uint64)
        col = np.arange(width)
        first = col < size_a[rows][:, None]
        second = (col >= size_a[rows][:, None]) & (col < total[rows][:, None])
        mat[first] = vals[ranges(off[a[rows]], size_a[rows])]
        mat[second] = vals[ranges(off[b[rows]], size_b[rows])]
        mat.sort(axis=1)  # the padding (largest value) stays after the `total` real values
        same = (mat[:, 1:] == mat[:, :-1]) & (col[1:] < total[rows][:, None])
        inter[rows] = same.sum(axis=1)
    union = total - inter
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

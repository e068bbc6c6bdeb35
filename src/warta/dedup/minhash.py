"""MinHash signatures (rensa) and LSH band keys: the per-article pieces of near-duplicate search.

`signatures` is a pure function of the texts and the config, so shards can compute them anywhere
(a Dask worker, another process, last week's ingest) and band them together later.
"""
from __future__ import annotations

import gc
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import rensa

from .shingles import _mix, exact_keys_from_hashes, shingle_hashes, token_hashes


@dataclass(frozen=True)
class DedupConfig:
    """Near-duplicate parameters, chosen by `bench/bench_dedup.py sweep` on 3,000 edited copies
    planted in CLICK-ID (5–20% of words changed, paragraphs cut or added, boilerplate): word
    pairs (2-shingles), 128 permutations in 32 bands × 4 rows, and a pair accepted when the
    Jaccard of the two texts' exact shingle sets is ≥ 0.5 (`verify`, `verify.py`; the estimate
    from the signatures only prefilters the LSH candidates at ≥ threshold − `margin`). That found
    every copy with true Jaccard ≥ 0.8, 99.5% of those at 0.5–0.8 and none under 0.5, and under the
    parent rule (`parents.py`: each copy → the earliest article it is itself a verified copy of)
    precision 1.000 over 3,645 reported pairs (2026-11-29; with every group member pointing at
    the group's earliest, transitive chains of CLICK-ID's daily template articles, A~B, B~C, A≁C,
    held it at 0.984). Verification costs 1.2× the CPU of the estimate alone (0.93 vs 0.77 s for
    the 26,105 articles, median of 7, 2026-11-28: the shingle sets of the ~30% of articles that
    have a candidate, sorted and intersected with numpy); 20.4× datasketch's articles per
    CPU-second with the same checks (two of three runs; 15.7× in a loaded one).

    The estimate alone (`verify=False`: the first release, and stores made before verification)
    found 98.7% of the 0.5–0.8 copies and 23% of those under 0.5, at precision 0.985 under the
    parent rule (0.967 with group pointers): its false pairs are natural pairs at true 0.4–0.5
    that the estimator (standard deviation 0.044 at 0.5) put over the threshold. The threshold
    sweep (2026-11-28, with group pointers): with verification, threshold 0.6 lost 12% of
    the 0.5–0.8 copies for +0.3 points of strict precision and 0.7 lost 51% for 0.995; 0.45 / 0.4
    found 49% / 68% of the copies under 0.5 for −0.9 / −1.1 points. Earlier sweeps (estimate
    only): 3-shingles found 91% of all copies, single words fell to precision 0.92; 64
    permutations (16×4 or 21×3) were worse on both recall and precision, 25×5 bands lost 3.6% of
    the 0.5–0.8 copies, 42×3 gained 0.3%, 256 permutations (64×4) gained 0.9% of them and 0.3
    points of precision for twice the signature memory and time.

    The bands (`bands` × `rows` ≤ `num_perm`) decide which pairs are compared at all: 32 bands
    of 4 rows make a pair at Jaccard 0.5 a candidate with probability 0.87, at 0.8 with
    probability 1 − 10⁻⁸.
    """

    shingle: int = 2
    num_perm: int = 128
    bands: int = 32
    rows: int = 4
    threshold: float = 0.5
    seed: int = 42
    # How words are found and hashed (`shingles.token_hashes`): 2 = vectorised numpy (the default),
    # 1 = the first release's rensa path. Signatures and exact keys of different schemes are not
    # comparable, so a store keeps the scheme it was built with (`storage.load_config`).
    scheme: int = 2
    # Exact verification (`verify.py`): a candidate pair counts only when the Jaccard of the two
    # texts' exact shingle sets is ≥ threshold; the estimate only prefilters, with this margin
    # below the threshold (3.4 standard deviations of a 128-permutation estimate at 0.5).
    # False: the estimate decides (stores made before verification keep that: `load_config`).
    verify: bool = True
    margin: float = 0.15

    def __post_init__(self) -> None:
        if self.scheme not in (1, 2):
            raise ValueError(f"unknown token hashing scheme {self.scheme} (this version knows 1 and 2)")
        if self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands × rows = {self.bands * self.rows} exceeds num_perm = {self.num_perm}")
        if not 0 < self.threshold <= 1:
            raise ValueError("threshold must be in (0, 1]")
        if not 0 <= self.margin < self.threshold:
            raise ValueError("margin must be in [0, threshold)")

    def candidate_probability(self, jaccard: float) -> float:
        """Chance that a pair with this Jaccard shares at least one band (the LSH S-curve)."""
        return 1 - (1 - jaccard ** self.rows) ** self.bands


DEFAULT = DedupConfig()
# Texts tokenised and sketched together: the numpy temporaries of ~500 articles (~1 MB of text)
# stay in the CPU caches; measured 20% faster per article than 2,000 at a time.
SUB_BATCH = 500
EMPTY_ROW = np.uint32(0xFFFFFFFF)


def signatures(texts: Sequence[str], config: DedupConfig = DEFAULT) -> np.ndarray:
    """MinHash signatures, shape (len(texts), num_perm), uint32. An empty text gets all 0xFFFFFFFF."""
    return sketch(texts, config)[0]


def sketch(texts: Sequence[str], config: DedupConfig = DEFAULT) -> tuple[np.ndarray, list[str | None]]:
    """Signatures and exact keys of many texts, from one tokenisation."""
    if not texts:
        return np.zeros((0, config.num_perm), dtype=np.uint32), []
    if len(texts) > SUB_BATCH:
        parts = [sketch(texts[s: s + SUB_BATCH], config) for s in range(0, len(texts), SUB_BATCH)]
        return np.concatenate([p[0] for p in parts]), [k for p in parts for k in p[1]]
    h, lens = token_hashes(texts, config.scheme)
    return _signatures(h, lens, config), exact_keys_from_hashes(h, lens, config.scheme)


def _signatures(h: np.ndarray, lens: np.ndarray, config: DedupConfig) -> np.ndarray:
    return signatures_from_shingles(*shingle_hashes(h, lens, config.shingle, config.scheme), config)


def signatures_from_shingles(sh: np.ndarray, offsets: np.ndarray, config: DedupConfig) -> np.ndarray:
    """Signatures from flat shingle hashes with row offsets (`shingles.shingle_hashes`)."""
    n = len(offsets) - 1
    out = np.full((n, config.num_perm), EMPTY_ROW, dtype=np.uint32)
    nonempty = np.flatnonzero(offsets[1:] > offsets[:-1])
    if len(nonempty) == 0:
        return out
    if len(nonempty) < n:  # rensa wants non-empty rows; empty rows add no shingles, so drop their offsets
        offsets = np.concatenate([[0], offsets[nonempty + 1]]).astype(np.uint64)
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(sh, offsets, config.num_perm, config.seed)
    # rensa hands the matrix back as lists of ints; array.array packs a row in C (faster than
    # np.array). The lists live for microseconds: collecting garbage while they exist (a full
    # pass over the caller's objects every ~70k allocations) only costs time, so it waits.
    collecting = gc.isenabled()
    gc.disable()
    try:
        packed = b"".join(array("I", row).tobytes() for row in matrix.to_rows())
    finally:
        if collecting:
            gc.enable()
    out[nonempty] = np.frombuffer(packed, dtype=np.uint32).reshape(len(nonempty), config.num_perm)
    return out


def signature(text: str, config: DedupConfig = DEFAULT) -> np.ndarray:
    """One article's signature (num_perm uint32); `.tobytes()` to store or ship it."""
    return signatures([text], config)[0]


def band_matrix(sigs: np.ndarray, config: DedupConfig = DEFAULT) -> np.ndarray:
    """Band keys, shape (n, bands), int64 (signed so SQL BIGINT columns hold them).

    A key mixes the band's number with its rows, so equal keys mean "same rows in the same band"
    and one flat key space serves all bands. (A transposed view of `band_keys_by_band`.)
    """
    return band_keys_by_band(sigs, config).T


_BAND = np.uint64(0xD6E8FEB86659FD93)
_ROWS = np.uint64(0x9FB21C651E98DF25)


def band_keys_by_band(sigs: np.ndarray, config: DedupConfig = DEFAULT) -> np.ndarray:
    """Band keys laid out band by band, shape (bands, n), int64: each band's keys contiguous.

    Scheme 2: a band's rows packed two by two into 64-bit words, folded by multiply-add and
    mixed once (splitmix64). Scheme 1: one mix per row (4× the arithmetic; kept because stores
    built with it hold these keys).
    """
    n, nb, nr = sigs.shape[0], config.bands, config.rows
    rows = np.asarray(sigs, dtype=np.uint32)[:, : nb * nr].reshape(n, nb, nr)
    band_ids = np.arange(1, nb + 1, dtype=np.uint64)[:, None]
    with np.errstate(over="ignore"):
        acc = np.empty((nb, n), dtype=np.uint64)
        acc[:] = band_ids * _BAND
        if config.scheme == 1:
            for r in range(nr):
                acc ^= rows[:, :, r].T
                acc = _mix(acc)
            return acc.view(np.int64)
        for r in range(0, nr, 2):
            word = rows[:, :, r].T.astype(np.uint64)
            if r + 1 < nr:
                word |= rows[:, :, r + 1].T.astype(np.uint64) << np.uint64(32)
            acc *= _ROWS
            acc += word
        return _mix(acc).view(np.int64)


def bands(sig: np.ndarray, config: DedupConfig = DEFAULT) -> list[int]:
    """The LSH band keys of one signature; two articles are candidates iff they share a key."""
    return band_matrix(np.asarray(sig, dtype=np.uint32).reshape(1, -1), config)[0].tolist()


def is_empty(sig: np.ndarray) -> bool:
    return bool(np.all(sig == EMPTY_ROW))


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Fraction of equal signature positions: an unbiased estimate of shingle-set Jaccard."""
    return float(np.count_nonzero(a == b)) / len(a)


def estimate_many(sig: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Estimated Jaccard of one signature against each row of `others` (any unsigned int type)."""
    return np.count_nonzero(others == sig.astype(others.dtype), axis=1) / others.shape[1]


def to_text(sig: np.ndarray) -> str:
    """A signature as portable text (hex) for a TEXT column on SQLite and PostgreSQL."""
    return np.asarray(sig, dtype="<u4").tobytes().hex()


def from_text(text: str) -> np.ndarray:
    return np.frombuffer(bytes.fromhex(text), dtype="<u4").astype(np.uint32)

"""Duplicates, syndicated copies and story clusters across a corpus.

Pieces, each usable alone (the Dask path of issue 7 uses the first three the same way):

- `signature(text) -> np.ndarray` (num_perm uint32; `.tobytes()` to ship; `signatures(texts)` and
  `minhash.sketch(texts)` for batches, same values; `sketch` also gives the exact keys from the
  same tokenisation): MinHash (rensa) over word 2-shingles of the normalised text
  (`shingles.tokens`: ASCII case folded, punctuation removed; words hashed by numpy,
  `DedupConfig.scheme`). A pure function of the text and `DedupConfig`: compute it per shard,
  anywhere, in any batch size.
- `bands(signature) -> list[int]`: the LSH band keys (signed 64-bit). Two articles are candidates
  iff they share a key, so banding globally = grouping all (key, article) rows by key.
- Verified pairs: candidate pairs whose exact shingle-set Jaccard (`verify.exact_jaccard`) is
  ≥ threshold, the signature estimate `estimate_jaccard(sig_a, sig_b)` only prefiltering them (or,
  with `DedupConfig(verify=False)`, whose estimate is ≥ threshold), plus exact twins (equal
  `exact_key(text)`). `parents.py` turns them into chains: a copy's `duplicate_of` is its earliest
  exact twin, else the earliest earlier article it is a verified near-duplicate of (by published,
  then input order: `corpus.earliest_key`); following `duplicate_of` ends at the chain's origin.
  Every reported pair is itself a verified pair (connected components, used before, pointed C at
  A in A~B, B~C even when A and C share less than the threshold).

  Same answers on any partitioning: signatures and band keys do not depend on the shard, the
  verification depends only on the two texts (their signatures and shingle sets), and the
  earliest verified neighbour does not depend on pair order.
  (`components(pairs)`, union-find connected components, stays for callers that want groups.)

- `annotate(articles)`: exact + near duplicates and story clusters over one input, in memory.
- `storage.update(store, ids)`: the incremental corpus step for `warta ingest`; state lives in the
  store's `dedup_*` and `story_*` tables, so a new process continues where the last one stopped.
"""
from __future__ import annotations

from .components import UnionFind, components
from .corpus import DupResult, annotate, cluster_stories, find_duplicates
from .minhash import DEFAULT, DedupConfig, bands, estimate_jaccard, signature, signatures
from .shingles import exact_key
from .stories import StoryConfig

__all__ = ["DEFAULT", "DedupConfig", "DupResult", "StoryConfig", "UnionFind", "annotate", "bands",
           "cluster_stories", "components", "estimate_jaccard", "exact_key", "find_duplicates", "register",
           "signature", "signatures"]


def register() -> None:
    """Add the incremental dedup + stories step to `warta ingest` (idempotent)."""
    from ..ingest import CORPUS_STEPS
    from .storage import update

    if update not in CORPUS_STEPS:
        CORPUS_STEPS.append(update)

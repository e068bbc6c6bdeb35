"""Corpus-wide duplicates over the Parquet shards of a distributed run, in stages on the cluster.

The same answers as the single-machine `warta.dedup.find_duplicates` over the same articles in the
same order. The rule: articles are ranked by `corpus.earliest_key` (dated before undated, then
date, then input order); an article's parent is its smallest-rank exact twin (same exact key) of
smaller rank, else its smallest-rank verified near neighbour of smaller rank, else none (an
original). `duplicate_of` = the parent, the origin = the end of the parent pointers. Every
reported pair is thus a verified pair (in A~B, B~C, A≁C, C points at B, not at A). Computed the
way large curation pipelines do it:

1. per shard, on the workers: MinHash signature (`dedup.signatures`), LSH band keys
   (`dedup.minhash.band_matrix`) and exact key of every article's clean text. Signatures (kept
   as 16-bit values, as the single-machine index keeps them) and the band-key matrix are written
   as `.npy` (memory-mapped later); band and exact keys go into `buckets` files by key hash; the
   raw shingle hashes (8 bytes a word) too when verifying. Then, on the client: the rank of every
   article (`rank.npy`, from the shards' published dates).
2. per band bucket: all (key, article) rows of that bucket from every shard, grouped by key =
   "banded globally". Exact keys: each non-first twin (by rank) gets the first as exact parent
   (an exact key lives in one bucket). Band keys: rows sharing a key are candidate pairs, oriented
   earlier → later by rank. A pair sharing several band keys is kept only in the bucket of the
   smallest key it shares (same band), so each pair is handled once over all buckets; then the
   signature estimate prefilters it (`verify.accept`). Survivors are written to scratch,
   partitioned by the later article.
3. per partition of later articles: each later article's candidates in rank order, and the first
   one that verifies is its near parent: with `DedupConfig.verify` (the default) exact Jaccard
   of the shingle sets ≥ threshold (the raw shingles memory-mapped, only the checked rows read);
   without it, the estimate already decided. Checked in rounds (`earliest_passing`: each round
   checks every unresolved article's next candidate in one batch; after a few rounds the rest at
   once), so a dense group of n copies costs ~n exact checks, not n².
4. on the client: exact parent if any, else the near parent; origins by pointer jumping (numpy).

Output: OUT/duplicates.parquet (id, duplicate_of, kind, origin, similarity: exact Jaccard with the
parent when verifying, the estimate otherwise, 1.0 for exact twins) and a `dedup` entry in the
manifest; `load_shards` and `iter_shard_articles` apply it. Scratch files go to OUT/dedup/.
"""
from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..dedup.index import same_key_pairs, unique_ints
from ..dedup.parents import origins, rank_of
from ..dedup.verify import accept, exact_jaccard, ranges
from .load import DUPLICATES, read_manifest
from .parquet import write_json_atomic

SCRATCH = "dedup"
RANK = "rank.npy"
_PAIR_CHUNK = 200_000
_VERIFY_CHUNK = 20_000  # pairs verified at once: ≤ 40k articles' shingle sets (~70 MB) in memory
_ROUNDS = 12  # rounds of `earliest_passing` before checking the rest at once
_ROW = np.dtype([("key", "<i8"), ("seq", "<i8")])
_PAIR = np.dtype([("v", "<i8"), ("u", "<i8"), ("est", "<f4")])  # later, earlier, signature estimate
_NO_KEY = np.iinfo(np.int64).max


def _exact_int(key: str) -> int:
    return int.from_bytes(bytes.fromhex(key)[:8], "little", signed=True)


def _bucket_of(keys: np.ndarray, buckets: int) -> np.ndarray:
    return (keys.view(np.uint64) % np.uint64(buckets)).astype(np.int64)


def signature_shard(shard_file: str, name: str, offset: int, out_dir: str, buckets: int, config: Any) -> int:
    """Stage 1 for one shard; returns its number of articles."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..dedup.minhash import EMPTY_ROW, band_matrix
    from ..dedup.verify import sketch_shingles

    scratch = Path(out_dir) / SCRATCH
    table = pq.read_table(shard_file, columns=["id", "published", "text"])
    texts = [t or "" for t in table.column("text").to_pylist()]
    n = len(texts)
    sigs16 = np.zeros((n, config.num_perm), dtype=np.uint16)
    bandmat = np.zeros((n, config.bands), dtype=np.int64)
    band_rows = []
    exact = [None] * n
    sh_parts, sh_sizes = [], []
    for s in range(0, n, 2000):
        # signatures, exact keys and (for exact verification) the raw shingles, from one tokenisation
        sig, keys_s, sh, sh_off = sketch_shingles(texts[s:s + 2000], config)
        exact[s:s + len(keys_s)] = keys_s
        if config.verify:
            sh_parts.append(sh)
            sh_sizes.append(np.diff(sh_off))
        sigs16[s:s + len(sig)] = sig.astype(np.uint16)
        nonempty = ~np.all(sig == EMPTY_ROW, axis=1)  # empty texts take no part in near matching
        every = band_matrix(sig, config)
        bandmat[s:s + len(sig)] = every  # for "which bucket handles this pair" in stage 2
        keys = every[nonempty]
        rows = np.empty(keys.size, dtype=_ROW)
        rows["key"] = keys.reshape(-1)
        rows["seq"] = np.repeat(offset + s + np.flatnonzero(nonempty), config.bands)
        band_rows.append(rows)
    ex = [(i, k) for i, k in enumerate(exact) if k is not None]
    erows = np.empty(len(ex), dtype=_ROW)
    erows["key"] = [_exact_int(k) for _, k in ex]
    erows["seq"] = [offset + i for i, _ in ex]
    np.save(scratch / f"{name}.sig.npy", sigs16)
    np.save(scratch / f"{name}.bands.npy", bandmat)
    if config.verify:  # read back per partition, memory-mapped, only for the pairs actually checked
        sizes = np.concatenate(sh_sizes) if sh_sizes else np.zeros(0, dtype=np.int64)
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(sizes, out=offsets[1:])
        np.save(scratch / f"{name}.sh.npy", np.concatenate(sh_parts) if sh_parts else np.zeros(0, dtype=np.uint64))
        np.save(scratch / f"{name}.shoff.npy", offsets)
    for kind, rows in (("band", np.concatenate(band_rows) if band_rows else np.empty(0, dtype=_ROW)),
                       ("exact", erows)):
        which = _bucket_of(rows["key"], buckets)
        for b in range(buckets):
            np.save(scratch / f"{name}.{kind}.{b}.npy", rows[which == b])
    docs = pa.table({"id": table.column("id"), "published": table.column("published")})
    pq.write_table(docs, str(scratch / f"{name}.docs.parquet"))
    return n


def _exact_parents(rows: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """(seq, its smallest-rank exact twin) for every article whose key has an earlier twin."""
    if rows.size == 0:
        return np.empty((0, 2), dtype=np.int64)
    seqs = rows["seq"].astype(np.int64)
    order = np.lexsort((rank[seqs], rows["key"]))
    keys, seqs = rows["key"][order], seqs[order]
    first = np.r_[True, keys[1:] != keys[:-1]]
    root = seqs[np.flatnonzero(first)][np.cumsum(first) - 1]
    keep = ~first
    return np.stack([seqs[keep], root[keep]], axis=1)


def _candidates(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of seqs sharing a band key, once: (larger seq, smaller seq)."""
    if rows.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.argsort(rows["key"])  # ~10× faster than sorting the structured rows by (key, seq)
    a, b = same_key_pairs(rows["key"][order], rows["seq"][order])
    uniq = unique_ints(a.astype(np.int64) * (1 << 32) + b.astype(np.int64))
    return uniq >> 32, uniq & 0xFFFFFFFF


def _by_shard(seqs: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An order of `seqs` ascending (so shard by shard, and in file order within a shard) and the
    bounds of each shard's run in it: one sort, not one mask over every seq per shard (93 shards
    at 1M)."""
    order = np.argsort(seqs, kind="stable")
    return order, np.searchsorted(seqs[order], starts.tolist() + [np.iinfo(np.int64).max])


def _gather(seqs: np.ndarray, arrays: list[np.ndarray], starts: np.ndarray) -> np.ndarray:
    """Rows of per-shard (memory-mapped) 2-d arrays for global seqs."""
    out = np.empty((len(seqs), arrays[0].shape[1] if arrays else 0), dtype=arrays[0].dtype if arrays else np.int64)
    order, bounds = _by_shard(seqs, starts)
    for s in np.flatnonzero(bounds[1:] > bounds[:-1]).tolist():
        rows = order[bounds[s]:bounds[s + 1]]
        out[rows] = arrays[s][seqs[rows] - starts[s]]
    return out


def _owned(bu: np.ndarray, bv: np.ndarray, bucket: int, buckets: int) -> np.ndarray:
    """Which pairs this bucket handles: the one of the smallest band key the pair shares (same
    band). A pair that shares none (two keys equal across bands: a 64-bit accident) stays."""
    smallest = np.where(bu == bv, bu, _NO_KEY).min(axis=1)
    return (smallest == _NO_KEY) | (_bucket_of(smallest, buckets) == bucket)


def candidates_bucket(bucket: int, buckets: int, out_dir: str, names: list[str], offsets: list[int],
                      config: Any) -> dict:
    """Stage 2 for one band bucket: exact parents (returned) and the prefiltered candidate pairs
    this bucket handles, written to scratch in `buckets` partitions by the later article."""
    scratch = Path(out_dir) / SCRATCH
    rank = np.load(scratch / RANK, mmap_mode="r")
    band = np.concatenate([np.load(scratch / f"{n}.band.{bucket}.npy") for n in names] or [np.empty(0, _ROW)])
    exact = np.concatenate([np.load(scratch / f"{n}.exact.{bucket}.npy") for n in names] or [np.empty(0, _ROW)])
    exact_parents = _exact_parents(exact, rank)
    x, y = _candidates(band)
    del band
    later = rank[x] > rank[y]
    v, u = np.where(later, x, y), np.where(later, y, x)
    del x, y
    kept, owned = [], 0
    if len(v):
        sigs = [np.load(scratch / f"{n}.sig.npy", mmap_mode="r") for n in names]
        bandmats = [np.load(scratch / f"{n}.bands.npy", mmap_mode="r") for n in names]
        starts = np.asarray(offsets, dtype=np.int64)
        for c in range(0, len(v), _PAIR_CHUNK):
            cv, cu = v[c:c + _PAIR_CHUNK], u[c:c + _PAIR_CHUNK]
            mine = _owned(_gather(cu, bandmats, starts), _gather(cv, bandmats, starts), bucket, buckets)
            cv, cu = cv[mine], cu[mine]
            owned += len(cv)
            est = np.count_nonzero(_gather(cu, sigs, starts) == _gather(cv, sigs, starts), axis=1) / config.num_perm
            ok = accept(est, config)
            rows = np.empty(int(ok.sum()), dtype=_PAIR)
            rows["v"], rows["u"], rows["est"] = cv[ok], cu[ok], est[ok]
            kept.append(rows)
    pairs = np.concatenate(kept) if kept else np.empty(0, dtype=_PAIR)
    part = pairs["v"] % buckets
    for p in range(buckets):
        np.save(scratch / f"pairs.{bucket}.{p}.npy", pairs[part == p])
    return {"exact": exact_parents, "candidates": len(v), "owned": owned, "prefiltered": len(pairs)}


Check = Callable[[np.ndarray, np.ndarray], np.ndarray]  # (later seqs, earlier seqs) → similarity per pair


def earliest_passing(later: np.ndarray, earlier: np.ndarray, earlier_rank: np.ndarray, check: Check,
                     threshold: float, rounds: int = _ROUNDS) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """For each distinct `later`, its smallest-rank `earlier` candidate whose `check` similarity is
    ≥ threshold: (later, earlier, similarity) of those that have one, and the number of pairs
    checked. The same answer as checking every pair, checking far fewer: each later article's
    candidates are tried in rank order and it stops at the first that passes. Vectorised in
    rounds (each round checks every unresolved article's next candidate in one batch); after
    `rounds` rounds the rest are checked at once. A dense group of n copies (n(n−1)/2 pairs)
    costs ~n checks."""
    later = np.asarray(later, dtype=np.int64)
    earlier = np.asarray(earlier, dtype=np.int64)
    order = np.lexsort((earlier_rank, later))
    later, earlier = later[order], earlier[order]
    if not len(later):
        return later, earlier, np.zeros(0), 0
    starts = np.flatnonzero(np.r_[True, later[1:] != later[:-1]])
    ends = np.r_[starts[1:], len(later)]
    ptr = starts.copy()
    best = np.full(len(starts), -1, dtype=np.int64)
    sim = np.zeros(len(starts))
    live = np.arange(len(starts))
    checks = 0
    for _ in range(rounds):
        if not len(live):
            break
        idx = ptr[live]
        s = check(later[idx], earlier[idx])
        checks += len(idx)
        ok = s >= threshold
        best[live[ok]], sim[live[ok]] = idx[ok], s[ok]
        ptr[live] += 1
        live = live[~ok & (ptr[live] < ends[live])]
    if len(live):  # the last round: every remaining candidate at once, the first passing one wins
        counts = ends[live] - ptr[live]
        idx = ranges(ptr[live], counts)
        s = check(later[idx], earlier[idx])
        checks += len(idx)
        ok = s >= threshold
        group = np.repeat(live, counts)[ok]  # ascending, and candidates in rank order within a group
        won, first = np.unique(group, return_index=True)
        best[won], sim[won] = idx[ok][first], s[ok][first]
    found = best >= 0
    return later[best[found]], earlier[best[found]], sim[found], checks


def _gather_sets(seqs: np.ndarray, shingles: list[tuple[np.ndarray, np.ndarray]], starts: np.ndarray) -> Any:
    """Shingle sets of the (sorted) seqs, from the shards' memory-mapped raw shingles."""
    from ..dedup.verify import concat_sets, sets_from_shingles, take_sets

    _, bounds = _by_shard(seqs, starts)  # seqs are sorted: each shard's run keeps their order
    parts = []
    for s in np.flatnonzero(bounds[1:] > bounds[:-1]).tolist():
        raw = take_sets(*shingles[s], seqs[bounds[s]:bounds[s + 1]] - starts[s])
        parts.append(sets_from_shingles(raw.values, raw.offsets))
    return concat_sets(parts)


def parents_part(part: int, buckets: int, out_dir: str, names: list[str], offsets: list[int], config: Any) -> dict:
    """Stage 3 for one partition of later articles: each one's near parent (smallest-rank
    candidate that passes), as (later, earlier) seqs with the similarity, and the checks made."""
    scratch = Path(out_dir) / SCRATCH
    pairs = np.concatenate([np.load(scratch / f"pairs.{b}.{part}.npy") for b in range(buckets)]
                           or [np.empty(0, _PAIR)])
    rank = np.load(scratch / RANK, mmap_mode="r")
    v, u = pairs["v"], pairs["u"]
    if not config.verify:  # the estimate (≥ threshold: `accept`) already decided every pair
        order = np.lexsort((rank[u], v))
        first = order[np.r_[True, v[order][1:] != v[order][:-1]]] if len(order) else order
        return {"near": np.stack([v[first], u[first]], axis=1).reshape(-1, 2),
                "sim": pairs["est"][first].astype(np.float64), "checks": 0, "pairs": len(pairs)}
    shingles = [(np.load(scratch / f"{n}.sh.npy", mmap_mode="r"), np.load(scratch / f"{n}.shoff.npy"))
                for n in names]
    starts = np.asarray(offsets, dtype=np.int64)

    def exact(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        out = np.zeros(len(a))
        for c in range(0, len(a), _VERIFY_CHUNK):
            ca, cb = a[c:c + _VERIFY_CHUNK], b[c:c + _VERIFY_CHUNK]
            rows, inv = np.unique(np.concatenate([ca, cb]), return_inverse=True)
            out[c:c + len(ca)] = exact_jaccard(_gather_sets(rows, shingles, starts), inv[:len(ca)], inv[len(ca):])
        return out

    v, u, sim, checks = earliest_passing(v, u, rank[u], exact, config.threshold)
    return {"near": np.stack([v, u], axis=1).reshape(-1, 2), "sim": sim, "checks": checks, "pairs": len(pairs)}


def dedup_distributed(out_dir: str | Path, cluster: str = "local", *, client: Any = None, config: Any = None,
                      buckets: int | None = None, keep_scratch: bool = False) -> dict:
    """Find duplicates across every shard of a distributed run; writes OUT/duplicates.parquet, returns stats."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..dedup import DEFAULT
    from .cluster import open_cluster

    if client is None:
        with open_cluster(cluster) as own:
            return dedup_distributed(out_dir, client=own, config=config, buckets=buckets, keep_scratch=keep_scratch)
    config = config or DEFAULT
    out = Path(out_dir)
    manifest = read_manifest(out)
    shards = sorted(manifest["shards"], key=lambda s: s["index"])
    names = [s["name"] for s in shards]
    offsets = np.r_[0, np.cumsum([s["articles"] for s in shards])].astype(np.int64)
    starts = offsets[:-1].tolist()
    total = int(offsets[-1])
    n_workers = max(1, len(client.scheduler_info().get("workers", {})))
    buckets = buckets or max(1, min(4 * n_workers, len(shards) or 1))
    scratch = out / SCRATCH
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    t0 = time.perf_counter()
    stage1 = [client.submit(signature_shard, str(out / s["file"]), s["name"], int(offsets[i]), str(out), buckets,
                            config, pure=False) for i, s in enumerate(shards)]
    counts = client.gather(stage1)
    if list(counts) != [s["articles"] for s in shards]:
        raise RuntimeError("shard files do not match the manifest; re-run the extract")
    docs = [pq.read_table(str(scratch / f"{n}.docs.parquet")) for n in names]
    ids = pa.concat_arrays([c for d in docs for c in d.column("id").cast(pa.string()).chunks]) if docs \
        else pa.array([], pa.string())
    rank = rank_of([p for d in docs for p in d.column("published").to_pylist()])
    del docs
    np.save(scratch / RANK, rank)
    t1 = time.perf_counter()
    stage2 = [client.submit(candidates_bucket, b, buckets, str(out), names, starts, config, pure=False)
              for b in range(buckets)]
    found = client.gather(stage2)
    t2 = time.perf_counter()
    stage3 = [client.submit(parents_part, p, buckets, str(out), names, starts, config, pure=False)
              for p in range(buckets)]
    near = client.gather(stage3)
    t3 = time.perf_counter()
    copies = _assign(out, ids, rank, [f["exact"] for f in found], near)
    t4 = time.perf_counter()
    if not keep_scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    stats = {"articles": total, "duplicates": copies, "buckets": buckets, "config": repr(config),
             "pairs": {"candidates": sum(f["candidates"] for f in found),
                       "handled": sum(f["owned"] for f in found),
                       "prefiltered": sum(f["prefiltered"] for f in found),
                       "exact_checks": sum(r["checks"] for r in near)},
             "seconds": {"signatures": round(t1 - t0, 3), "candidates": round(t2 - t1, 3),
                         "verification": round(t3 - t2, 3), "parents": round(t4 - t3, 3)}}
    manifest["dedup"] = stats
    write_json_atomic(out / "manifest.json", manifest)
    return stats


def _assign(out: Path, ids: Any, rank: np.ndarray, exact: list[np.ndarray], near: list[dict]) -> int:
    """Last step: exact parent, else the near parent; origins; written to OUT/duplicates.parquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    total = len(rank)
    parent = np.full(total, -1, dtype=np.int64)
    sim = np.zeros(total)
    pairs = np.concatenate([r["near"] for r in near] or [np.empty((0, 2), dtype=np.int64)]).astype(np.int64)
    # each later article is in one partition, so it has at most one near parent here
    parent[pairs[:, 0]] = pairs[:, 1]
    sim[pairs[:, 0]] = np.concatenate([r["sim"] for r in near] or [np.zeros(0)])
    twins = np.concatenate(exact or [np.empty((0, 2), dtype=np.int64)]).astype(np.int64)
    is_exact = np.zeros(total, dtype=bool)
    parent[twins[:, 0]] = twins[:, 1]  # an earlier exact twin wins over any near neighbour
    sim[twins[:, 0]] = 1.0
    is_exact[twins[:, 0]] = True
    root = origins(parent)
    copies = np.flatnonzero(parent >= 0)  # in input order
    table = pa.table({"id": ids.take(pa.array(copies)), "duplicate_of": ids.take(pa.array(parent[copies])),
                      "kind": pa.array(np.where(is_exact[copies], "exact", "near").tolist(), pa.string()),
                      "origin": ids.take(pa.array(root[copies])),
                      "similarity": pa.array(np.round(sim[copies], 4), pa.float64())})
    tmp = out / f"{DUPLICATES}.tmp"
    pq.write_table(table, str(tmp))
    tmp.replace(out / DUPLICATES)
    return len(copies)

"""Corpus-wide duplicates over the Parquet shards of a distributed run, in stages on the cluster.

The same answers as the single-machine `warta.dedup.find_duplicates` over the same articles in the
same order, computed the way large curation pipelines do it:

1. per shard, on the workers: MinHash signature (`dedup.signatures`), LSH band keys
   (`dedup.minhash.band_matrix`) and exact key of every article's clean text. Signatures are
   kept as 16-bit values (`.npy`, memory-mapped later), exactly as the single-machine index keeps
   them; band and exact keys are written into `buckets` files by key hash.
2. per bucket, on the workers: all (key, article) rows of that bucket from every shard, grouped by
   key = "banded globally". Rows sharing a band key are candidate pairs, decided as
   `dedup.index._verify` decides them: estimated Jaccard over the 16-bit signatures ≥ threshold,
   or with `DedupConfig.verify` (the default) ≥ threshold − margin and then the exact Jaccard of
   the two shingle sets ≥ threshold. The raw shingle hashes (8 bytes a word, 1.5 KB per article
   on the 20k benchmark shards) are written per shard in stage 1 and memory-mapped here: only the
   rows of the prefiltered pairs are read, in chunks of pairs, so memory stays bounded however
   large the corpus; and only pairs that can still join two components are checked
   (`verify_spanning`), so a dense group of copies costs about one check per member, not one
   per pair. Rows sharing an exact key pair up.
3. on the client: connected components of the verified pairs (each bucket sends only a spanning
   forest of its pairs; components are found with numpy, not Python objects); the earliest
   copy of each component (by published date, then input order: `corpus.earliest_key`) is the
   canonical, every other member gets `duplicate_of` = its id.

Output: OUT/duplicates.parquet (id, duplicate_of, kind) and a `dedup` entry in the manifest;
`load_shards` and `iter_shard_articles` apply it. Scratch files go to OUT/dedup/.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from ..dedup.components import component_labels
from ..dedup.verify import accept, exact_jaccard
from .load import DUPLICATES, read_manifest
from .parquet import write_json_atomic

SCRATCH = "dedup"
_PAIR_CHUNK = 200_000
_VERIFY_CHUNK = 20_000  # pairs verified at once: ≤ 40k articles' shingle sets (~70 MB) in memory
_ROUNDS = 12  # rounds of `verify_spanning` before checking the rest at once
_ROW = np.dtype([("key", "<i8"), ("seq", "<i8")])


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
    band_rows, exact_rows = [], []
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
        keys = band_matrix(sig, config)[nonempty]
        seqs = offset + s + np.flatnonzero(nonempty)
        rows = np.empty(keys.size, dtype=_ROW)
        rows["key"] = keys.reshape(-1)
        rows["seq"] = np.repeat(seqs, config.bands)
        band_rows.append(rows)
    ex = [(i, k) for i, k in enumerate(exact) if k is not None]
    erows = np.empty(len(ex), dtype=_ROW)
    erows["key"] = [_exact_int(k) for _, k in ex]
    erows["seq"] = [offset + i for i, _ in ex]
    exact_rows.append(erows)
    np.save(scratch / f"{name}.sig.npy", sigs16)
    if config.verify:  # read back per bucket, memory-mapped, only for the pairs the prefilter leaves
        sizes = np.concatenate(sh_sizes) if sh_sizes else np.zeros(0, dtype=np.int64)
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(sizes, out=offsets[1:])
        np.save(scratch / f"{name}.sh.npy", np.concatenate(sh_parts) if sh_parts else np.zeros(0, dtype=np.uint64))
        np.save(scratch / f"{name}.shoff.npy", offsets)
    for kind, parts in (("band", band_rows), ("exact", exact_rows)):
        rows = np.concatenate(parts) if parts else np.empty(0, dtype=_ROW)
        which = _bucket_of(rows["key"], buckets)
        for b in range(buckets):
            np.save(scratch / f"{name}.{kind}.{b}.npy", rows[which == b])
    docs = pa.table({"id": table.column("id"), "published": table.column("published"),
                     "exact": pa.array(exact, pa.string())})
    pq.write_table(docs, str(scratch / f"{name}.docs.parquet"))
    return n


def _group_pairs(rows: np.ndarray, star: bool) -> np.ndarray:
    """Pairs of seqs sharing a key: every pair in a group (candidates), or each to the group's
    first (exact keys: the components come out the same, with far fewer pairs)."""
    if rows.size == 0:
        return np.empty((0, 2), dtype=np.int64)
    rows = np.sort(rows, order=["key", "seq"])
    keys = rows["key"]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], len(rows)]
    out = []
    for a, b in zip(starts[ends - starts > 1], ends[ends - starts > 1], strict=True):
        seqs = np.unique(rows["seq"][a:b])
        if len(seqs) < 2:
            continue
        if star:
            out.append(np.stack([np.full(len(seqs) - 1, seqs[0]), seqs[1:]], axis=1))
        else:
            i, j = np.triu_indices(len(seqs), k=1)
            out.append(np.stack([seqs[i], seqs[j]], axis=1))
    if not out:
        return np.empty((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(out), axis=0)


def pairs_bucket(bucket: int, out_dir: str, names: list[str], offsets: list[int], config: Any) -> np.ndarray:
    """Stage 2 for one bucket: verified near pairs and exact pairs, as an (n, 2) array of seqs."""
    scratch = Path(out_dir) / SCRATCH
    band = np.concatenate([np.load(scratch / f"{n}.band.{bucket}.npy") for n in names] or [np.empty(0, _ROW)])
    exact = np.concatenate([np.load(scratch / f"{n}.exact.{bucket}.npy") for n in names] or [np.empty(0, _ROW)])
    found = [_group_pairs(exact, star=True)]
    cand = _group_pairs(band, star=False)
    if len(cand):
        sigs = [np.load(scratch / f"{n}.sig.npy", mmap_mode="r") for n in names]
        starts = np.asarray(offsets, dtype=np.int64)
        passed = []
        for c in range(0, len(cand), _PAIR_CHUNK):
            chunk = cand[c:c + _PAIR_CHUNK]
            a, b = _gather(chunk[:, 0], sigs, starts), _gather(chunk[:, 1], sigs, starts)
            passed.append(chunk[accept(np.count_nonzero(a == b, axis=1) / config.num_perm, config)])
        passed_pairs = np.concatenate(passed)
        if config.verify and len(passed_pairs):
            shingles = [(np.load(scratch / f"{n}.sh.npy", mmap_mode="r"), np.load(scratch / f"{n}.shoff.npy"))
                        for n in names]

            def exact(pairs: np.ndarray) -> np.ndarray:
                ok = np.zeros(len(pairs), dtype=bool)
                for c in range(0, len(pairs), _VERIFY_CHUNK):
                    chunk = pairs[c:c + _VERIFY_CHUNK]
                    rows, inv = np.unique(chunk, return_inverse=True)
                    inv = inv.reshape(chunk.shape)
                    sims = exact_jaccard(_gather_sets(rows, shingles, starts), inv[:, 0], inv[:, 1])
                    ok[c:c + len(chunk)] = sims >= config.threshold
                return ok

            found.append(verify_spanning(passed_pairs, exact))
        else:
            found.append(passed_pairs)
    return forest(np.concatenate(found))


def _labels_of(x: np.ndarray, nodes: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Component label of each x (x itself when it is in no accepted edge)."""
    pos = np.minimum(np.searchsorted(nodes, x), max(len(nodes) - 1, 0))
    present = (nodes[pos] == x) if len(nodes) else np.zeros(len(x), dtype=bool)
    return np.where(present, labels[pos] if len(nodes) else x, x)


def verify_spanning(pairs: np.ndarray, check: Any, rounds: int = _ROUNDS) -> np.ndarray:
    """Accepted edges (a subset of `pairs` that `check` accepts) with the same connected components
    as checking every pair, checking far fewer: a pair inside a component already joined by
    accepted edges changes nothing, so it is skipped. In rounds (Borůvka-like): every component
    offers one of its remaining pairs, those are checked, accepted ones merge components and
    checked ones leave the pool; after `rounds` rounds the rest are checked at once. Dense groups
    of copies (n members, n(n−1)/2 candidate pairs, found again in several buckets) cost ~n checks
    instead of n², which the exact Jaccard makes worth saving."""
    accepted: list[np.ndarray] = [np.empty((0, 2), dtype=np.int64)]
    rem = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    for r in range(rounds + 1):
        if not len(rem):
            break
        nodes, labels = component_labels(np.concatenate(accepted))
        la, lb = _labels_of(rem[:, 0], nodes, labels), _labels_of(rem[:, 1], nodes, labels)
        outside = la != lb
        rem, la, lb = rem[outside], la[outside], lb[outside]
        if not len(rem):
            break
        if r == rounds:  # the last round: check whatever is left
            accepted.append(rem[check(rem)])
            break
        ends = np.concatenate([la, lb])
        which = np.concatenate([np.arange(len(rem)), np.arange(len(rem))])
        _, first = np.unique(ends, return_index=True)  # one pair per component
        pick = np.zeros(len(rem), dtype=bool)
        pick[which[first]] = True
        offered = rem[pick]
        accepted.append(offered[check(offered)])
        rem = rem[~pick]
    return np.concatenate(accepted)


def _gather_sets(seqs: np.ndarray, shingles: list[tuple[np.ndarray, np.ndarray]], starts: np.ndarray) -> Any:
    """Shingle sets of the (sorted) seqs, from the shards' memory-mapped raw shingles."""
    from ..dedup.verify import concat_sets, sets_from_shingles, take_sets

    shard = np.searchsorted(starts, seqs, side="right") - 1
    parts = []
    for s in np.unique(shard):  # seqs are sorted, so shard by shard keeps their order
        raw = take_sets(*shingles[s], seqs[shard == s] - starts[s])
        parts.append(sets_from_shingles(raw.values, raw.offsets))
    return concat_sets(parts)


def forest(edges: np.ndarray) -> np.ndarray:
    """The same components with at most one edge per node (node → its component's smallest node)."""
    nodes, labels = component_labels(edges)
    keep = nodes != labels
    return np.stack([labels[keep], nodes[keep]], axis=1).astype(np.int64)


def _gather(seqs: np.ndarray, sigs: list[np.ndarray], starts: np.ndarray) -> np.ndarray:
    shard = np.searchsorted(starts, seqs, side="right") - 1
    out = np.empty((len(seqs), sigs[0].shape[1] if sigs else 0), dtype=np.uint16)
    for s in np.unique(shard):
        mask = shard == s
        out[mask] = sigs[s][seqs[mask] - starts[s]]
    return out


def dedup_distributed(out_dir: str | Path, cluster: str = "local", *, client: Any = None, config: Any = None,
                      buckets: int | None = None, keep_scratch: bool = False) -> dict:
    """Find duplicates across every shard of a distributed run; writes OUT/duplicates.parquet, returns stats."""
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
    t1 = time.perf_counter()
    stage2 = [client.submit(pairs_bucket, b, str(out), names, offsets[:-1].tolist(), config, pure=False)
              for b in range(buckets)]
    pairs = [p for p in client.gather(stage2) if len(p)]
    t2 = time.perf_counter()
    result = _assign(out, names, pairs, total)
    t3 = time.perf_counter()
    if not keep_scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    stats = {"articles": total, "duplicates": result, "buckets": buckets, "config": repr(config),
             "seconds": {"signatures": round(t1 - t0, 3), "banding": round(t2 - t1, 3),
                         "components": round(t3 - t2, 3)}}
    manifest["dedup"] = stats
    write_json_atomic(out / "manifest.json", manifest)
    return stats


def _assign(out: Path, names: list[str], pairs: list[np.ndarray], total: int) -> int:
    """Stage 3: components → one duplicate_of per copy, written to OUT/duplicates.parquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..dedup.corpus import earliest_key

    ids: list[str] = []
    published: list[str | None] = []
    exact: list[str | None] = []
    for n in names:
        docs = pq.read_table(str(out / SCRATCH / f"{n}.docs.parquet")).to_pydict()
        ids += docs["id"]
        published += docs["published"]
        exact += docs["exact"]
    edges = np.concatenate(pairs) if pairs else np.empty((0, 2), dtype=np.int64)
    nodes, labels = component_labels(edges)
    order = np.lexsort((nodes, labels))  # grouped by component, members in input order
    nodes, labels = nodes[order].tolist(), labels[order]
    bounds = np.flatnonzero(np.r_[True, labels[1:] != labels[:-1], True]).tolist()
    canon_of: dict[int, int] = {}
    for s, e in zip(bounds[:-1], bounds[1:], strict=True):
        group = nodes[s:e]
        canon = min(group, key=lambda i: earliest_key(published[i], i))
        for i in group:
            if i != canon:
                canon_of[i] = canon
    rows = {"id": [], "duplicate_of": [], "kind": []}
    for i in sorted(canon_of):  # in input order
        canon = canon_of[i]
        rows["id"].append(ids[i])
        rows["duplicate_of"].append(ids[canon])
        rows["kind"].append("exact" if exact[i] is not None and exact[i] == exact[canon] else "near")
    table = pa.table(rows, schema=pa.schema([("id", pa.string()), ("duplicate_of", pa.string()),
                                             ("kind", pa.string())]))
    tmp = out / f"{DUPLICATES}.tmp"
    pq.write_table(table, str(tmp))
    tmp.replace(out / DUPLICATES)
    return len(rows["id"])


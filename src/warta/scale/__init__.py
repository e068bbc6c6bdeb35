"""Scale out: the same stages on a Dask cluster over sharded input, Parquet shards, bulk load.

    from warta.scale import extract_distributed, load_shards
    manifest = extract_distributed(["big.jsonl"], "out/", cluster="local:4")   # or "tcp://host:8786"
    with open_store("postgresql://...") as store:
        load_shards("out/", store)
    dedup_distributed("out/", cluster="local:4")   # optional, before loading: corpus-wide duplicate_of

See docs/scale.md for running a scheduler and workers on several machines.
"""
from __future__ import annotations

from .cluster import ClusterSpecError, open_cluster, parse_spec
from .dedup import dedup_distributed
from .distributed import MANIFEST, extract_distributed
from .load import ShardsError, iter_shard_articles, load_shards, read_manifest
from .shards import Part, Shard, plan_shards

__all__ = ["MANIFEST", "ClusterSpecError", "Part", "Shard", "ShardsError", "dedup_distributed", "extract_distributed",
           "iter_shard_articles", "load_shards", "open_cluster", "parse_spec", "plan_shards", "read_manifest"]

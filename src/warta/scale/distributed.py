"""`extract_distributed`: the article stages over sharded input on a Dask cluster → Parquet shards + manifest.

    OUT/manifest.json                   what was run, over what, and every shard (written last)
    OUT/shards/shard-00000-<hash>.parquet   the processed articles of one shard, in input order
    OUT/shards/shard-00000-<hash>.json      the shard's sidecar: written after its data = "done"

Re-running over the same input and stages skips the shards already done (resume after a crash or
Ctrl-C). A task whose worker dies is given to another worker by the scheduler; a task that raises
is retried (`retries`). Either way its output file is replaced whole, so nothing is duplicated.
"""
from __future__ import annotations

import json
import os
import re
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..problems import Problems
from .cluster import open_cluster
from .parquet import write_json_atomic
from .shards import DEFAULT_SHARD_BYTES, Shard, plan_shards
from .worker import SHARDS_DIR, run_shard, shard_paths

MANIFEST = "manifest.json"
FORMAT = "warta-shards"
_OUR_FILES = re.compile(r"^shard-\d{5}-[0-9a-f]{12}\.(parquet|json)(\.tmp-[0-9a-f]{8})?$")


def _done(out_dir: Path, shard: Shard) -> dict | None:
    data_path, done_path = shard_paths(out_dir, shard.name)
    if data_path.exists() and done_path.exists():
        try:
            return json.loads(done_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return None
    return None


def _sweep(out_dir: Path, keep: set[str]) -> None:
    """Remove temporary files of killed tasks and shards of an earlier, different plan."""
    for f in (out_dir / SHARDS_DIR).iterdir():
        if _OUR_FILES.match(f.name) and (".tmp-" in f.name or f.name.rsplit(".", 1)[0] not in keep):
            f.unlink(missing_ok=True)


def extract_distributed(paths: Sequence[str], out_dir: str | Path, cluster: str = "local", *,
                        client: Any = None, stages: Sequence[str] | None = None, reader_opts: Any = None,
                        problems: Problems | None = None, progress: Any = None,
                        shard_bytes: int = DEFAULT_SHARD_BYTES, batch_size: int = 32, retries: int = 2,
                        resume: bool = True, debug: bool = False, extra_stages: dict[str, str] | None = None
                        ) -> dict:
    """Process `paths` on a Dask cluster (`cluster` spec, or an open `client`); returns the manifest.

    Problems of every shard are reported to `problems` as in a plain run; a shard that fails for
    good is reported too and left out of the manifest (`complete` is then false; re-run to retry it).
    """
    from ..pipeline import available_stages

    problems = problems if problems is not None else Problems()
    out = Path(out_dir).resolve()  # workers elsewhere write to the same (shared) path
    (out / SHARDS_DIR).mkdir(parents=True, exist_ok=True)
    names = list(stages) if stages is not None else available_stages()
    started = time.perf_counter()
    (out / "duplicates.parquet").unlink(missing_ok=True)  # from an earlier run's dedup: stale now
    shards = plan_shards(paths, problems, names, shard_bytes)
    results: dict[int, dict] = {}
    todo = []
    for shard in shards:
        prior = _done(out, shard) if resume else None
        if prior is not None:
            prior["skipped"] = True
            results[shard.index] = prior
        else:
            todo.append(shard)
    failed: list[str] = []
    if todo:
        if client is not None:
            _run(client, todo, out, names, reader_opts, batch_size, retries, debug, extra_stages, results, failed,
                 problems, progress)
        else:
            with open_cluster(cluster) as own:
                _run(own, todo, out, names, reader_opts, batch_size, retries, debug, extra_stages, results,
                     failed, problems, progress)
    _sweep(out, {s.name for s in shards})
    manifest = {
        "format": FORMAT, "version": 1,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "inputs": [str(p) for p in paths], "stages": names,
        "cluster": cluster if client is None else str(getattr(client, "scheduler", None) and client.scheduler.address),
        "complete": not failed, "failed": failed,
        "articles": sum(r["articles"] for r in results.values()),
        "problems": sum(len(r["problems"]) for r in results.values()),
        "seconds": round(time.perf_counter() - started, 3),
        "shards": [{k: v for k, v in results[s.index].items() if k not in ("problems", "shard")}
                   | {"file": f"{SHARDS_DIR}/{s.name}.parquet", "parts": s.to_dict()["parts"], "size": s.size,
                      "problems": len(results[s.index]["problems"])}
                   for s in shards if s.index in results],
    }
    write_json_atomic(out / MANIFEST, manifest)
    return manifest


def _run(client: Any, todo: list[Shard], out: Path, names: list[str], reader_opts: Any, batch_size: int,
         retries: int, debug: bool, extra_stages: dict[str, str] | None, results: dict[int, dict],
         failed: list[str], problems: Problems, progress: Any) -> None:
    from distributed import as_completed

    run_id = uuid.uuid4().hex[:8]  # keys unique per run: a client never hands back an older result
    here = os.getcwd()  # relative input paths are opened from here on every worker
    futures = [client.submit(run_shard, shard, str(out), names, reader_opts, batch_size, debug, extra_stages, here,
                             key=f"warta-{shard.name}-{run_id}", retries=retries, pure=False) for shard in todo]
    by_key = {fut.key: shard for fut, shard in zip(futures, todo, strict=True)}
    for fut in as_completed(futures):
        shard = by_key[fut.key]
        try:
            res = fut.result()
        except Exception as exc:  # noqa: BLE001 - one shard failing for good must not lose the others
            failed.append(shard.name)
            where = shard.parts[0].path + (f" (+{len(shard.parts) - 1} more)" if len(shard.parts) > 1 else "")
            problems.report(where, f"shard {shard.name} failed: {type(exc).__name__}: {exc}", kind="failed shards")
            continue
        results[shard.index] = res
        for where, reason, kind in res["problems"]:
            problems.report(where, reason, kind)
        if progress is not None:
            progress.advance(res["articles"])


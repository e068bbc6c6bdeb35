"""Dask cluster from a `--cluster` spec: `local`, `local:N` (a LocalCluster here) or `tcp://HOST:PORT`.

Workers are processes with one thread each: the stages are CPU-bound Python, so threads would
only fight over the GIL, and each process loads the models once (see `runner.process_batch`).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_LOCAL = re.compile(r"^local(?::(\d+))?$")


class ClusterSpecError(ValueError):
    """The --cluster value cannot be understood."""


def parse_spec(spec: str) -> tuple[str, int | None]:
    """("local", workers or None) or ("remote", None) for a scheduler address."""
    spec = spec.strip()
    m = _LOCAL.match(spec)
    if m:
        n = int(m[1]) if m[1] else None
        if n == 0:
            raise ClusterSpecError("local:N needs at least one worker")
        return "local", n
    if re.match(r"^(tcp|tls|ucx|inproc)://[^\s]+$", spec):
        return "remote", None
    raise ClusterSpecError(f"--cluster {spec!r}: use local, local:N (N worker processes here) "
                           "or the scheduler address tcp://HOST:8786")


@contextmanager
def open_cluster(spec: str, *, memory_limit: str | int | None = "auto") -> Iterator[Any]:
    """A connected `distributed.Client`; a LocalCluster is shut down on exit, a remote one is left running."""
    from distributed import Client, LocalCluster

    from ..runner import default_workers

    kind, n = parse_spec(spec)
    if kind == "remote":
        client = Client(spec, timeout="30s")
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(n_workers=n or default_workers(), threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=logging.ERROR,
                           memory_limit=memory_limit if memory_limit is not None else 0)
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()

"""Runs a list of stages over a stream of articles: in-process or in a local process pool.

The runner knows nothing about what the stages do. It keeps memory flat by holding at most a few
batches in flight, keeps output in input order, and never lets one bad article stop the run: a
stage that raises on an article is reported (with the article's origin) and the article goes on
with the fields filled so far.
"""
from __future__ import annotations

import os
import sys
import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from .article import Article
from .pipeline import Pipeline
from .problems import Problems

_PIPELINE: Pipeline | None = None
_PIPELINE_NAMES: tuple[str, ...] | None = None


def _pipeline(names: Sequence[str] | None) -> Pipeline:
    global _PIPELINE, _PIPELINE_NAMES
    key = tuple(names) if names is not None else None
    if _PIPELINE is None or _PIPELINE_NAMES != key:
        _PIPELINE = Pipeline(names)
        _PIPELINE_NAMES = key
    return _PIPELINE


def process_batch(batch: list[Article], names: Sequence[str] | None = None, debug: bool = False
                  ) -> tuple[list[Article], list[tuple[str, str]]]:
    """Run the stages over one batch. Returns the articles and (where, reason) problems.

    Public so that other executors (Dask) run exactly the same code.
    """
    pipe = _pipeline(names)
    try:
        return pipe.process_batch(batch), []
    except Exception:  # one bad article must not sink its batch: redo one at a time
        pass
    out, problems = [], []
    for article in batch:
        for name, stage in zip(pipe.names, pipe.stages, strict=True):
            try:
                article = stage(article)
            except Exception as exc:
                reason = f"stage {name} failed: {type(exc).__name__}: {exc}"
                if debug:
                    reason += "\n" + traceback.format_exc()
                problems.append((article.origin or article.id or "?", reason))
        out.append(article)
    return out, problems


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(islice(it, size)):
        yield batch


class Progress:
    """A rich progress line with articles/s on stderr; silent when quiet or not a terminal."""

    def __init__(self, quiet: bool, label: str = "articles", total: int | None = None):
        self.enabled = not quiet
        self.count = 0
        self.start = time.perf_counter()
        self._bar = None
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:>8.1f} articles/s"), TimeElapsedColumn(),
                console=Console(stderr=True), transient=False, refresh_per_second=4,
            )
            self._task = self._bar.add_task(label, total=total, rate=0.0)
            self._bar.start()

    def advance(self, n: int) -> None:
        self.count += n
        if self._bar is not None:
            rate = self.count / max(1e-9, time.perf_counter() - self.start)
            self._bar.update(self._task, advance=n, rate=rate)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()

    @property
    def rate(self) -> float:
        return self.count / max(1e-9, time.perf_counter() - self.start)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def run(articles: Iterable[Article], names: Sequence[str] | None = None, *, workers: int | None = None,
        batch_size: int = 32, problems: Problems | None = None, progress: Progress | None = None,
        debug: bool = False, small_input: int = 64) -> Iterator[Article]:
    """Yield processed articles in input order.

    workers=None uses every core; an input of at most `small_input` articles is processed
    in-process (starting processes would cost more than it saves).
    """
    problems = problems if problems is not None else Problems()
    workers = default_workers() if workers is None else max(1, workers)
    stream = iter(articles)
    head = list(islice(stream, small_input + 1))

    def finish(done: list[Article], found: list[tuple[str, str]]) -> Iterator[Article]:
        for where, reason in found:
            problems.report(where, reason, kind="stage errors")
        if progress is not None:
            progress.advance(len(done))
        yield from done

    if workers == 1 or len(head) <= small_input:
        for batch in _batches(_chain(head, stream), batch_size):
            yield from finish(*process_batch(batch, names, debug))
        return

    import multiprocessing as mp

    _pipeline(names)  # load models once in the parent; forked workers share them copy-on-write
    ctx = mp.get_context("fork") if sys.platform.startswith("linux") else None
    in_flight: deque[Future] = deque()
    max_in_flight = workers * 3
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        for batch in _batches(_chain(head, stream), batch_size):
            in_flight.append(pool.submit(process_batch, batch, names, debug))
            while len(in_flight) >= max_in_flight:
                yield from finish(*in_flight.popleft().result())
        while in_flight:
            yield from finish(*in_flight.popleft().result())


def _chain(head: list[Article], rest: Iterator[Article]) -> Iterator[Article]:
    yield from head
    yield from rest

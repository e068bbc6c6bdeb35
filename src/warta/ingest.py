"""Library entry points behind `warta extract` and `warta ingest` (the CLI, API and Dask path call these)."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice

from .article import Article
from .problems import Problems
from .runner import Progress, run
from .store import AddResult, SQLiteStore
from .store.sqlite import raw_hash


def extract(articles: Iterable[Article], stages: Sequence[str] | None = None, *, workers: int | None = None,
            problems: Problems | None = None, progress: Progress | None = None, debug: bool = False
            ) -> Iterator[Article]:
    """Run the article stages over a stream of articles and yield them, in order."""
    yield from run(articles, stages, workers=workers, problems=problems, progress=progress, debug=debug)


def _skip_stored(articles: Iterable[Article], store: SQLiteStore, skipped: list[int], chunk: int = 500
                 ) -> Iterator[Article]:
    """Drop articles whose identical input is already stored (a re-run after a crash is cheap)."""
    it = iter(articles)
    while batch := list(islice(it, chunk)):
        for art in batch:
            art.ensure_id()
            art.meta.setdefault("raw_hash", raw_hash(art))
        known = store.known_hashes(a.id for a in batch)
        for art in batch:
            if known.get(art.id) == art.meta["raw_hash"]:
                skipped[0] += 1
            else:
                yield art


# Corpus-level steps run on each stored batch: f(store, new_or_updated_ids). Duplicates and
# story clusters register here.
CorpusStep = Callable[[SQLiteStore, list[str]], None]
CORPUS_STEPS: list[CorpusStep] = []


def ingest(articles: Iterable[Article], store: SQLiteStore, stages: Sequence[str] | None = None, *,
           workers: int | None = None, problems: Problems | None = None, progress: Progress | None = None,
           batch_size: int = 200, debug: bool = False) -> AddResult:
    """Process and store articles; idempotent (same input twice → stored once) and resumable."""
    from .pipeline import available_stages

    stages = [*(stages if stages is not None else available_stages()), "index"]
    total = AddResult()
    already = [0]
    fresh = _skip_stored(articles, store, already)
    processed = run(fresh, stages, workers=workers, problems=problems, progress=progress, debug=debug)
    while batch := list(islice(processed, batch_size)):
        result = store.add(batch)
        for step in CORPUS_STEPS:
            step(store, result.ids)
        total += result
    total.unchanged += already[0]
    return total

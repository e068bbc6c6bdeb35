"""Stages and the default stage list.

A stage is a callable `Article -> Article`. A stage that is faster on batches (the NER model's
`nlp.pipe`) may also offer `process_batch(list[Article]) -> list[Article]`; the runner prefers it.
Stages are registered by name and built lazily, once per worker process, so heavy models load once
and the same list runs in-process, in a process pool or on a Dask cluster (see `runner.py`).
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from .article import Article


class Stage(Protocol):
    def __call__(self, article: Article) -> Article: ...


# name -> "module:factory". The factory takes no arguments and returns a Stage.
REGISTRY: dict[str, str] = {
    "prepare": "warta.prepare:make_stage",
    "clean": "warta.clean:make_stage",
    "langid": "warta.langid:make_stage",
    "ner": "warta.ner:make_stage",
    "facts": "warta.facts:make_stage",
    "index": "warta.store.stem:make_stage",  # search-index stems, appended by `warta ingest`
}

# The order articles go through. Corpus-level steps (duplicates, clusters) run after, in the store.
DEFAULT_STAGES: tuple[str, ...] = ("prepare", "clean", "langid", "ner", "facts")


def available_stages(names: Iterable[str] = DEFAULT_STAGES) -> list[str]:
    """The names whose module exists in this installation (lets a stage land before the others)."""
    out = []
    for name in names:
        module, factory = REGISTRY[name].split(":")
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name and (exc.name == module or module.startswith(exc.name + ".")):
                continue
            raise
        if hasattr(mod, factory):  # a package still being written has no factory yet
            out.append(name)
    return out


def build_stage(name: str) -> Stage:
    if name not in REGISTRY:
        raise KeyError(f"unknown stage {name!r}; known: {', '.join(REGISTRY)}")
    module, factory = REGISTRY[name].split(":")
    return getattr(importlib.import_module(module), factory)()


class Pipeline:
    """An ordered list of built stages."""

    def __init__(self, names: Sequence[str] | None = None):
        self.names = list(names) if names is not None else available_stages()
        self.stages: list[Stage] = [build_stage(n) for n in self.names]

    def process_batch(self, articles: list[Article]) -> list[Article]:
        for stage in self.stages:
            batch_fn: Callable[[list[Article]], list[Article]] | None = getattr(stage, "process_batch", None)
            if batch_fn is not None:
                articles = batch_fn(articles)
            else:
                articles = [stage(a) for a in articles]
        return articles

    def __call__(self, article: Article) -> Article:
        return self.process_batch([article])[0]

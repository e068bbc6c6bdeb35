"""Facts from the clean text: amounts, dates, quotes with speakers, attributions.

Each kind lives in its own module with one entry point; this stage runs them in order and links
amounts to the attributed claim they sit in (an amount inside "menurut data BPS, ..." carries
`source`). A module that has not landed yet is skipped.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from ..article import Article


def _optional(module: str, func: str) -> Callable[..., list[dict[str, Any]]] | None:
    try:
        return getattr(importlib.import_module(f"{__name__}.{module}"), func)
    except ModuleNotFoundError as exc:
        if exc.name == f"{__name__}.{module}":
            return None
        raise


def link_sources(amounts: list[dict[str, Any]], attributions: list[dict[str, Any]]) -> None:
    """Give each amount inside an attributed claim the claim's source."""
    for amount in amounts:
        for attr in attributions:
            if attr.get("start") is not None and attr["start"] <= amount["start"] and amount["end"] <= attr["end"]:
                amount["source"] = attr.get("source")
                break


class FactsStage:
    def __init__(self) -> None:
        self.find_amounts = _optional("amounts", "find_amounts")
        self.find_dates = _optional("dates", "find_dates")
        self.infer_published = _optional("dates", "infer_published")
        self.find_quotes = _optional("quotes", "find_quotes")
        self.find_attributions = _optional("attributions", "find_attributions")

    def __call__(self, article: Article) -> Article:
        text = article.text
        if self.find_amounts:
            article.amounts = self.find_amounts(text)
        if article.published is None and self.infer_published:
            # DESIGN.md: published is "inferred from the page or the text where missing"; the
            # record says it was inferred so the store and the reader can tell.
            inferred = self.infer_published(text)
            if inferred:
                article.published = inferred
                article.meta["published_inferred"] = True
        if self.find_dates:
            article.dates = self.find_dates(text, article.published)
        if self.find_quotes:
            article.quotes = self.find_quotes(text, article.entities)
        if self.find_attributions:
            article.attributions = self.find_attributions(text, article.entities)
        if article.amounts and article.attributions:
            link_sources(article.amounts, article.attributions)
        return article


def make_stage() -> FactsStage:
    return FactsStage()

"""Named entities (PER / ORG / LOC) with canonical names, from warta's own trained tagger.

`make_stage()` returns the pipeline stage: it splits each article's text into sentences, tags
them with the shipped CRF model (`model/`, trained by `warta train-ner`), and fills
`article.entities` with {text, label, start, end, canonical[, role]} spans over `article.text`.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from pathlib import Path

from ..article import Article
from .canonical import canonicalize
from .conll import spans_from_tags
from .model import NerModel, load_model
from .tokenize import split_sentences, tokenize


def _trim(words: list[str], i: int, j: int) -> tuple[int, int]:
    """Token span without an unclosed bracket ("Badan Legislasi ( Baleg") or edge punctuation."""
    def strip(i: int, j: int) -> tuple[int, int]:
        while i < j and not words[i][0].isalnum():
            i += 1
        while j > i and not words[j - 1][0].isalnum():
            j -= 1
        return i, j

    i, j = strip(i, j)
    for k in range(i, j):
        if words[k] in ("(", "[") and not any(w in (")", "]") for w in words[k + 1:j]):
            return strip(i, k)
    return i, j


def find_entities(model: NerModel, text: str) -> list[tuple[str, int, int]]:
    """(label, start, end) character spans of the entities in `text`."""
    spans: list[tuple[str, int, int]] = []
    for sent in split_sentences(text, tokenize(text)):
        words = [text[s:e] for s, e in sent]
        for label, i, j in spans_from_tags(model.tag(words)):
            i, j = _trim(words, i, j)
            if i < j:
                spans.append((label, sent[i][0], sent[j - 1][1]))
    return spans


def propagate(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Tag later (or earlier) mentions the CRF missed: the same capitalised name elsewhere in the
    article gets the label it had most often (label consistency within a document)."""
    votes: dict[str, Counter[str]] = {}
    for label, s, e in spans:
        name = text[s:e]
        if len(name) >= 3 and name[0].isupper():
            votes.setdefault(name, Counter())[label] += 1
    if not votes:
        return spans
    taken = sorted((s, e) for _, s, e in spans)
    labels = {name: v.most_common(1)[0][0] for name, v in votes.items()}
    # One pass over the text; longest names first, so "Jawa Tengah" wins over "Jawa".
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(votes, key=len, reverse=True))
                         + r")(?!\w)")
    added: list[tuple[str, int, int]] = []
    for m in pattern.finditer(text):
        s, e = m.span()
        i = bisect.bisect_left(taken, (s, e))
        if (i < len(taken) and taken[i][0] < e) or (i > 0 and taken[i - 1][1] > s):
            continue  # overlaps a span already found
        taken.insert(i, (s, e))
        added.append((labels[m.group()], s, e))
    return sorted(spans + added, key=lambda x: (x[1], x[2])) if added else spans


class NerStage:
    """Pipeline stage; the model loads once per process, from local files only."""

    def __init__(self, model_dir: str | Path | None = None):
        self.model = load_model(model_dir)

    def __call__(self, article: Article) -> Article:
        if article.text:
            spans = propagate(article.text, find_entities(self.model, article.text))
            article.entities = canonicalize(article.text, spans)
        return article

    def process_batch(self, articles: list[Article]) -> list[Article]:
        # The CRF tags sentence by sentence, so batching gains nothing beyond the shared model
        # and feature cache; parallelism comes from the runner's process pool (one model each).
        return [self(a) for a in articles]


def make_stage(model_dir: str | Path | None = None) -> NerStage:
    return NerStage(model_dir)

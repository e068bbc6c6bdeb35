"""Whole-input dedup and story clustering in memory: `annotate` behind `warta extract`.

Memory: about 0.65 KB per article for the near-duplicate index (see `index.py`), the raw shingle
hashes for exact verification (8 bytes a word, ~2.4 KB per news article), the story vectors
(≤ 60 terms, ~5 KB per article in Python dicts) and the input articles themselves; 100k articles
≈ 0.85 GB on top of the articles.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..article import Article
from .index import near_pairs
from .minhash import DEFAULT, DedupConfig, sketch
from .parents import NONE, choose_parents, origins, rank_of
from .stories import DocFreq, Member, Story, StoryClusterer, StoryConfig, raw_terms, refine, vectorise
from .verify import sets_from_shingles, sketch_shingles, take_sets


def earliest_key(published: str | None, seq: int) -> tuple:
    """Order for "the earliest copy": dated before undated, then by date, then by input order."""
    return (published is None, published or "", seq)


@dataclass
class DupResult:
    canonical: int | None  # index of the article this one copies (`duplicate_of`), None for an original
    kind: str | None = None  # "exact" or "near"
    similarity: float | None = None  # Jaccard with `canonical`: exact with verification, else estimated
    origin: int | None = None  # the end of the chain of copies (`parents.origins`), None for an original


def _rows(sh: np.ndarray, offsets: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    raw = take_sets(sh, offsets, rows)
    return raw.values, raw.offsets


def find_duplicates(texts: Sequence[str], published: Sequence[str | None] | None = None,
                    config: DedupConfig = DEFAULT) -> list[DupResult]:
    """Exact and near duplicates among `texts`: each copy points to its parent (`parents.py`: the
    earliest exact twin, else the earliest earlier verified near neighbour) and to the origin of
    its chain.

    Near pairs: candidates from the LSH bands, accepted by exact shingle-set Jaccard ≥ threshold
    (`config.verify`, the default) or by the signature estimate alone (verify=False)."""
    n = len(texts)
    published = published if published is not None else [None] * n
    if config.verify:  # the raw shingles kept (~2.4 KB per news article) rather than made twice
        sig, keys, sh, sh_off = sketch_shingles(texts, config)
    else:
        sig, keys = sketch(texts, config)  # sketch works in sub-batches itself (bounded temporary memory)
    # The pairs a NearDupIndex would find, band by band; exact verification makes sets of only
    # the rows of the pairs the signature prefilter leaves (30% of CLICK-ID + planted copies).
    later, earlier, sims = near_pairs(sig, config, lambda rows: sets_from_shingles(*_rows(sh, sh_off, rows)))
    parent, is_exact, sim = choose_parents(rank_of(published), keys, later, earlier, sims)
    root = origins(parent)
    out = [DupResult(None) for _ in range(n)]
    for i in np.flatnonzero(parent != NONE).tolist():
        out[i] = DupResult(int(parent[i]), "exact" if is_exact[i] else "near", round(float(sim[i]), 4),
                           int(root[i]))
    return out


def cluster_stories(articles: Sequence[Article], dups: Sequence[DupResult] | None = None,
                    config: StoryConfig | None = None, refine_pass: bool = True, batch: int = 200) -> list[str]:
    """A story id for every article (its own story when nothing else is about the same event)."""
    return cluster_stories_detail(articles, dups, config, refine_pass, batch)[0]


def cluster_stories_detail(articles: Sequence[Article], dups: Sequence[DupResult] | None = None,
                           config: StoryConfig | None = None, refine_pass: bool = True, batch: int = 200
                           ) -> tuple[list[str], dict[str, Story]]:
    """Story ids per article and the stories (label = most central headline, outlets, span).

    One online pass in publication order with a second look at every `batch` articles (as
    `warta ingest` does per batch; 0: none), then `refine` over everything (batch path only)."""
    clusterer = StoryClusterer(config)
    counts = [raw_terms(a.title, a.text, a.entities, a.amounts, clusterer.config) for a in articles]
    docfreq = DocFreq()
    for c in counts:
        docfreq.add(c)
    keep = clusterer.config.vector_terms
    order = sorted(range(len(articles)), key=lambda i: earliest_key(articles[i].published, i))
    cluster: list[str] = [""] * len(articles)
    members: list[Member] = [None] * len(articles)  # type: ignore[list-item]
    fixed: dict[int, int] = {}
    position: dict[str, int] = {}  # article id → index
    for start in range(0, len(order), batch or len(order) or 1):
        chunk = order[start: start + batch] if batch else order
        for i in chunk:
            a = articles[i]
            member = Member(a.ensure_id(), vectorise(counts[i], docfreq, keep), a.title, a.source or a.site,
                            a.published)
            members[i] = member
            position[member.article_id] = i
            forced = None
            if dups is not None and dups[i].canonical is not None:
                fixed[i] = dups[i].canonical
                forced = cluster[dups[i].canonical] or None
            cluster[i], _ = clusterer.assign(member, forced)
        if batch:
            free = [i for i in chunk if i not in fixed]
            for aid, sid in clusterer.reconsider([(members[i], cluster[i]) for i in free]).items():
                cluster[position[aid]] = sid
            for i in chunk:  # duplicates follow a canonical that moved
                j = fixed.get(i)
                if j is not None and cluster[j] != cluster[i] and cluster[j] in clusterer.stories:
                    clusterer.move(members[i], cluster[i], cluster[j])
                    cluster[i] = cluster[j]
            # the split check on the chunk's stories (it can move members of earlier chunks too)
            copies = {members[i].article_id: members[j].article_id for i, j in fixed.items()}
            for aid, sid in clusterer.split({cluster[i] for i in chunk}, canonical=copies).items():
                cluster[position[aid]] = sid
    if refine_pass:
        cluster = refine(members, cluster, clusterer.config, fixed)
    stories: dict[str, Story] = {}
    for i in order:
        stories.setdefault(cluster[i], Story(cluster[i])).add(members[i], clusterer.config.centroid_terms)
    for story in stories.values():
        story.relabel(story.members)
    return cluster, stories


def annotate(articles: list[Article], config: DedupConfig = DEFAULT, story_config: StoryConfig | None = None
             ) -> list[Article]:
    """Fill `duplicate_of` (id of the article copied: `parents.py`) and `cluster` (story id) over a
    whole input.

    Needs the whole input in memory: besides the articles, ~0.65 KB per article for the
    near-duplicate index, ~2.4 KB for the shingles verification reads and ~5 KB per article for
    story vectors (100k articles ≈ 0.85 GB).
    """
    for a in articles:
        a.ensure_id()
    dups = find_duplicates([a.text for a in articles], [a.published for a in articles], config)
    for a, d in zip(articles, dups, strict=True):
        a.duplicate_of = articles[d.canonical].id if d.canonical is not None else None
    for a, c in zip(articles, cluster_stories(articles, dups, story_config), strict=True):
        a.cluster = c
    return articles

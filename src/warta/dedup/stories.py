"""Story clusters: articles from any outlet about the same event within a time window.

Each article becomes a sparse, L2-normalised TF-IDF vector (sublinear tf; no stop-word list: IDF
and keeping only the heaviest terms push function words out) over its title words (weighted up: a
headline names the event), its body words, its entities (`e:canonical`: who and where) and its
amounts (`a:unit:value`: "Rp 2,5 triliun" pins a story down). Articles are assigned one at a time
in publication order ("leader-follower" clustering, the classic online event-detection scheme):
join the story with the highest *mean* similarity to its members (group-average linkage,
`centroid·v / size`: the centroid is the sum of the unit vectors, kept to its heaviest terms) if it clears
`threshold`, else start a new story. Mean similarity, not cosine with the centroid, is what keeps
stories event-sized: a centroid's direction stays close to a broad topic's words, but the mean
similarity drops as a story gathers loosely related articles, so a new event of the same topic no
longer clears the bar. Time: within `window_days` of a story's span the bar is `threshold`; up to
`max_gap_days` it is `threshold × outside_window_factor` (a developing story's follow-up weeks
later still joins when it is clearly about the same thing); beyond that, never. Candidate stories
come from an inverted index over their centroids' top terms, so assigning an article never scans
the whole corpus. Optionally (`cohesion_ratio`) the bar also rises with the story's own
cohesion (its members' mean pairwise similarity), so a tight story does not absorb a loosely
related article of the same topic. After each batch (`warta ingest` places 200 at a time),
`reconsider` takes a second look at the batch's articles only, moving one to a story that formed
after it when it fits there better (the in-batch half of the k-means-style `refine` that the
whole-input path runs over everything).

Granularity from above (`split.py`, `split_ratio`): group-average joining keeps a story
event-sized on average, but inside a burst of coverage of one person (a death, the funeral, crowds
taking selfies at the grave, a hoax about the corneas) every article clears the bar with every
other, so sub-events pile into one story. A divisive check cuts a story in two when its best cut
along the members' principal direction leaves two cohesive halves that are clearly less alike
across than within (cross similarity < `split_ratio` × the lower half's cohesion). It is one
method, `StoryClusterer.split`: `refine` runs it on every story, the online pass and the store
step after each batch on the stories the batch touched; `merge` refuses a pair the check would
cut again, so merges and cuts do not undo each other. A story found whole is checked again once
it has grown by a quarter (`split_recheck_growth`) and by at least `split_min_part` members, so
the check costs O(1) per article amortised.

Memory: a story keeps its centroid (≤ `centroid_terms` terms) and its members' vectors
(≤ `vector_terms` terms each, about 5 KB per article in Python dicts).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .split import best_cut, split_all

_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class StoryConfig:
    # Chosen on half A of the same-story 2019 set over a declared grid (2026-11-28, before the
    # split check existed), reported on half B (bench/bench_stories.py ari). With the split check
    # (2026-11-29): ARI 0.923 on held-out B on every path; 0.82-0.84 on all 154 articles.
    threshold: float = 0.08  # mean cosine with a story's members needed to join it
    window_days: int = 7
    outside_window_factor: float = 1.5  # the bar beyond window_days (up to max_gap_days)
    max_gap_days: int = 92
    # An article must also be at least this fraction as similar to the members as they are to each
    # other (the story's cohesion): a tight story does not absorb a loosely related article.
    cohesion_ratio: float = 0.0
    title_weight: float = 4.0  # term counts: a title word counts this many body words
    entity_weight: float = 1.5
    amount_weight: float = 2.0
    vector_terms: int = 60
    centroid_terms: int = 100
    index_terms: int = 30  # centroid terms a story is found by
    query_terms: int = 20  # article terms used to find candidate stories
    max_candidates: int = 20  # stories scored per article (those sharing most query terms)
    max_posting: int = 1000  # a term indexing more stories than this is skipped when searching
    # `refine` also merges two whole stories when their group-average similarity (mean cosine over
    # all cross pairs) clears the bar for their time gap: the same criterion as one article
    # joining, applied to groups, so a story split by arrival order (its bridging articles came
    # late) is joined again.
    merge: bool = True
    # Divisive granularity check (`split.py`): a story is cut in two when both halves have at
    # least `split_min_part` members and their mean cross similarity is below `split_ratio` × the
    # lower of the halves' cohesion (0: off). Two stories that would be cut again are not merged.
    # 0.7: calibrated on half A (bench_stories.py splitcal: A's labelled clusters stay whole down
    # to 0.76, unions of two related ones cut at ≤ 0.66; half B gives 0.6); the ARI of a half
    # cannot choose it, as no half holds two events of one burst.
    split_ratio: float = 0.7
    split_min_part: int = 3
    # Larger stories are not checked (the store reads every member of a story it checks).
    split_max_members: int = 1000
    # A story found whole is checked again only once it has grown by this fraction and by at
    # least `split_min_part` members (a merge or a member moving out resets it), so the check
    # costs O(1) per article amortised instead of the story's size each time it gains a member
    # (the store reads all members back to check).
    split_recheck_growth: float = 0.25


def raw_terms(title: str | None, text: str, entities: Iterable[dict] = (), amounts: Iterable[dict] = (),
              config: StoryConfig | None = None) -> Counter:
    """Term counts of one article before IDF weighting."""
    config = config or StoryConfig()
    counts: Counter = Counter()
    for w in _WORD.findall((title or "").lower()):
        counts[w] += config.title_weight
    for w in _WORD.findall(text.lower()):
        counts[w] += 1
    if config.entity_weight > 0:
        for e in entities:
            name = (e.get("canonical") or e.get("text") or "").strip().lower()
            if name:
                counts["e:" + name] += config.entity_weight
    if config.amount_weight > 0:
        for a in amounts:
            if a.get("value") is not None:
                counts[f"a:{a.get('unit') or ''}:{a['value']:g}"] += config.amount_weight
    return counts


@dataclass
class DocFreq:
    """Document frequencies for IDF; `idf` is smoothed so unseen terms weigh most."""

    n: int = 0
    df: Counter = field(default_factory=Counter)

    def add(self, terms: Iterable[str]) -> None:
        self.n += 1
        self.df.update(set(terms))

    def idf(self, term: str) -> float:
        return math.log((self.n + 1) / (self.df.get(term, 0) + 1)) + 1.0


def vectorise(counts: Counter, docfreq: DocFreq, keep: int) -> dict[str, float]:
    """Sublinear TF × IDF, the `keep` heaviest terms, L2-normalised."""
    weighted = {t: (1.0 + math.log(c)) * docfreq.idf(t) for t, c in counts.items() if c > 0}
    top = sorted(weighted.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {t: w / norm for t, w in top}


def norm(centroid: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in centroid.values()))


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    """Sparse dot product: over the smaller dict's terms, in its stored order (the same sum, bit
    for bit, on every run), multiplying only the shared ones (the hot loop of story assignment)."""
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return sum([w * big[t] for t, w in small.items() if t in big], 0.0)


def mean_similarity(vec: dict[str, float], story: Story) -> float:
    """Mean cosine of a unit vector with a story's members: centroid (their sum) · vec / size."""
    if not story.size:
        return 0.0
    return dot(vec, story.centroid) / story.size


def cosine(vec: dict[str, float], centroid: dict[str, float], centroid_norm: float | None = None) -> float:
    """Cosine of a unit vector with an unnormalised centroid (pass its norm when known)."""
    n = norm(centroid) if centroid_norm is None else centroid_norm
    if not n:
        return 0.0
    return dot(vec, centroid) / n


def day(published: str | None) -> date | None:
    """The calendar day of an ISO date or timestamp (None when absent or unreadable)."""
    return _day(published[:10]) if published else None


@lru_cache(maxsize=1 << 14)
def _day(iso: str) -> date | None:  # cached: every candidate story's bar asks for the same few days
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


@dataclass
class Member:
    article_id: str
    vector: dict[str, float]
    title: str | None = None
    source: str | None = None
    published: str | None = None


@dataclass
class Story:
    id: str
    centroid: dict[str, float] = field(default_factory=dict)
    size: int = 0
    first_seen: str | None = None
    last_seen: str | None = None
    outlets: Counter = field(default_factory=Counter)
    members: list[Member] = field(default_factory=list)  # may hold only the newly added ones
    label: str | None = None
    label_id: str | None = None
    # Size at which the split check last passed the story whole or made it (a part of a cut); 0:
    # never, or its members changed since (a merge, a member moved out). `StoryClusterer.split`.
    checked: int = 0
    _norm: float | None = None

    def centroid_norm(self) -> float:
        if self._norm is None:
            self._norm = norm(self.centroid)
        return self._norm

    def index_terms(self, n: int) -> list[str]:
        return [t for t, _ in sorted(self.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]

    def truncate(self, keep: int) -> None:
        """Keep the centroid's `keep` heaviest terms (ties by term, so every path keeps the same)."""
        if len(self.centroid) > keep:
            self.centroid = dict(sorted(self.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:keep])
        self._norm = None

    def add(self, m: Member, keep: int) -> None:
        for t, w in m.vector.items():
            self.centroid[t] = self.centroid.get(t, 0.0) + w
        self.truncate(keep)
        self.size += 1
        self.members.append(m)
        if m.source:
            self.outlets[m.source] += 1
        if m.published:
            if not self.first_seen or m.published < self.first_seen:
                self.first_seen = m.published
            if not self.last_seen or m.published > self.last_seen:
                self.last_seen = m.published

    def remove(self, m: Member) -> None:
        """Take a member out again (its vector subtracted; the span is kept unless every member
        is in memory to recompute it; the label cleared when it was that member's)."""
        if m.article_id == self.label_id:
            self.label, self.label_id = None, None
        for t, w in m.vector.items():
            if t in self.centroid:
                left = self.centroid[t] - w
                if left > 1e-9:
                    self.centroid[t] = left
                else:
                    del self.centroid[t]
        self._norm = None
        self.size -= 1
        self.checked = 0  # what is left may be two events: the split check looks again
        self.members = [x for x in self.members if x.article_id != m.article_id]
        if m.source and self.outlets.get(m.source):
            self.outlets[m.source] -= 1
            if not self.outlets[m.source]:
                del self.outlets[m.source]
        if self.members and len(self.members) == self.size:
            dates = [x.published for x in self.members if x.published]
            self.first_seen, self.last_seen = (min(dates), max(dates)) if dates else (None, None)

    def absorb(self, other: Story, keep: int) -> None:
        """Take in another story whole (centroids summed, spans and outlets joined)."""
        for t, w in other.centroid.items():
            self.centroid[t] = self.centroid.get(t, 0.0) + w
        self.truncate(keep)
        self.size += other.size
        self.members += other.members
        self.checked = 0  # a new combination: the split check looks again
        self.outlets.update(other.outlets)
        for seen in (other.first_seen, other.last_seen):
            if seen:
                self.first_seen = min(self.first_seen or seen, seen)
                self.last_seen = max(self.last_seen or seen, seen)

    def mean_similarity_without(self, m: Member) -> float:
        """Mean similarity of a member with the story's other members (-1 when it is alone)."""
        if self.size < 2:
            return -1.0
        get = self.centroid.get
        return sum(w * (get(t, w) - w) for t, w in m.vector.items()) / (self.size - 1)

    def span_gap_days(self, other: Story) -> int:
        """Days between two stories' spans (0 when they overlap or either is undated)."""
        a0, a1, b0, b1 = day(self.first_seen), day(self.last_seen), day(other.first_seen), day(other.last_seen)
        if None in (a0, a1, b0, b1):
            return 0
        return max((b0 - a1).days, (a0 - b1).days, 0)

    def gap_days(self, published: str | None) -> int:
        """Days between a date and this story's span (0 inside it, or when either is undated)."""
        d, first, last = day(published), day(self.first_seen), day(self.last_seen)
        if d is None or first is None or last is None:
            return 0
        return max((first - d).days, (d - last).days, 0)

    def cohesion(self) -> float:
        """Mean pairwise cosine of the members: (|Σv|² − n) / (n(n − 1)) for unit vectors (a lower
        bound once the centroid is truncated); 0 for a single article."""
        if self.size < 2:
            return 0.0
        return max((self.centroid_norm() ** 2 - self.size) / (self.size * (self.size - 1)), 0.0)

    def bar(self, published: str | None, config: StoryConfig, gap: int | None = None) -> float | None:
        """The mean similarity an article of that date needs to join (None: too far apart);
        `gap`: the gap in days, when already known (a whole story joining)."""
        gap = self.gap_days(published) if gap is None else gap
        if gap <= config.window_days:
            bar = config.threshold
        elif gap <= config.max_gap_days:
            bar = config.threshold * config.outside_window_factor
        else:
            return None
        return max(bar, config.cohesion_ratio * self.cohesion()) if config.cohesion_ratio else bar

    def relabel(self, members: list[Member]) -> None:
        """The label is the headline of the member closest to the centroid (the most central)."""
        n = self.centroid_norm()  # the same for every member: computed once
        best = max(members, key=lambda m: (cosine(m.vector, self.centroid, n), m.title is not None), default=None)
        if best is not None:
            self.label, self.label_id = best.title, best.article_id


class StoryClusterer:
    """Online story clustering over a set of (possibly pre-loaded) stories."""

    def __init__(self, config: StoryConfig | None = None):
        self.config = config or StoryConfig()
        self.stories: dict[str, Story] = {}
        self._inv: dict[str, set[str]] = {}
        self._indexed: dict[str, list[str]] = {}
        self.touched: set[str] = set()
        # Split-check verdicts on the union of two stories' members (`_apart`), by member ids: merge
        # rounds propose the same pairs again. Shared by the clusterers of one refinement.
        self.apart_cache: dict[frozenset[str], bool] = {}

    def load(self, story: Story) -> None:
        self.stories[story.id] = story
        self._reindex(story)

    def _reindex(self, story: Story) -> None:
        for t in self._indexed.get(story.id, ()):
            self._inv.get(t, set()).discard(story.id)
        terms = story.index_terms(self.config.index_terms)
        self._indexed[story.id] = terms
        for t in terms:
            self._inv.setdefault(t, set()).add(story.id)

    def best(self, vector: dict[str, float], published: str | None, exclude: str | None = None
             ) -> tuple[str | None, float, float]:
        """The story the article fits best: (id, mean similarity, margin over that story's bar),
        or (None, 0, -1) when no candidate clears its bar.

        Only the `max_candidates` stories sharing the most query terms are scored, and terms
        that index very many stories (not discriminative) are skipped, so the cost per article
        stays bounded as the corpus grows.
        """
        query = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[: self.config.query_terms]
        hits: Counter = Counter()
        for t, _ in query:
            posting = self._inv.get(t)
            if posting and len(posting) <= self.config.max_posting:
                hits.update(posting)
        best_id, best_sim, best_margin = None, 0.0, -1.0
        cands = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
        scored = 0
        for sid, _ in cands:
            if sid == exclude:
                continue
            story = self.stories[sid]
            bar = story.bar(published, self.config)
            if bar is None:
                continue
            sim = mean_similarity(vector, story)
            if sim - bar >= 0 and sim - bar > best_margin:
                best_id, best_sim, best_margin = sid, sim, sim - bar
            scored += 1
            if scored >= self.config.max_candidates:
                break
        return best_id, best_sim, best_margin

    def assign(self, member: Member, forced: str | None = None) -> tuple[str, float]:
        """Put an article in a story (`forced`: e.g. the story of the article it duplicates).
        Returns the story id and the article's mean similarity with the story before it joined."""
        if forced is not None and forced in self.stories:
            sid, sim = forced, mean_similarity(member.vector, self.stories[forced])
        else:
            sid, sim, _ = self.best(member.vector, member.published)
            if sid is None:
                sid, sim = "story-" + member.article_id, 1.0
                self.stories[sid] = Story(sid)
        story = self.stories[sid]
        story.add(member, self.config.centroid_terms)
        self._reindex(story)
        self.touched.add(sid)
        return sid, sim

    def reconsider(self, placed: list[tuple[Member, str]], passes: int = 2) -> dict[str, str]:
        """Second look at recently placed articles (e.g. one ingest batch) now that the stories
        hold the later ones too: move an article to another story when its margin over that
        story's bar beats its mean similarity with the rest of its own story (minus the bar).
        Only these articles and the stories they can reach are touched, so the cost stays that
        of the batch. A story left empty is dropped. Returns {article id: its story now} for the
        articles that moved. (The split check is the caller's next step: `split`.)"""
        sids = [sid for _, sid in placed]
        for _ in range(passes):
            moved = 0
            for k, (m, _) in enumerate(placed):
                own = self.stories[sids[k]]
                own_sim = own.mean_similarity_without(m)
                best_id, _, margin = self.best(m.vector, m.published, exclude=own.id)
                if best_id is None or margin <= own_sim - self.config.threshold:
                    continue
                self.move(m, own.id, best_id)
                sids[k] = best_id
                moved += 1
            if not moved:
                break
        return {m.article_id: sid for (m, old), sid in zip(placed, sids, strict=True) if sid != old}

    def split(self, sids: Iterable[str], members_of: Callable[[str], list[Member]] | None = None,
              taken: Callable[[str], bool] | None = None, canonical: dict[str, str] | None = None
              ) -> dict[str, str]:
        """The divisive check (`split.split_all`) on these stories: one that is two events becomes
        two or more (the part holding the label, else the earliest member, keeps the id; the
        others take `story-<their earliest member's id>`). A story needs all its members: those in
        memory, or `members_of(id)` (e.g. read from the store) when only some are; skipped
        otherwise. `taken(id)`: ids in use outside the clusterer. `canonical`: article → the
        article it duplicates, kept in one part with it. A story the check passed whole is
        looked at again only once it has grown by `split_recheck_growth` (`_check_due`; a merge or
        a member moving out clears the mark). Returns {article id: new story} for the members that
        left; the stories involved are marked touched."""
        c = self.config
        moved: dict[str, str] = {}
        if not c.split_ratio:
            return moved
        for sid in sorted(set(sids)):
            story = self.stories.get(sid)
            if story is None or not 2 * c.split_min_part <= story.size <= c.split_max_members:
                continue
            if not self._check_due(story):
                continue
            members = story.members if len(story.members) == story.size else None
            if members is None and members_of is not None:
                members = members_of(sid)
            if members is None or len(members) != story.size:
                continue
            members = sorted(members, key=_earliest)
            groups = split_all([m.vector for m in members], c.split_ratio, c.split_min_part)
            if len(groups) == 1:
                self._mark_checked(story)
                continue
            if canonical:  # a duplicate goes where its canonical went
                part = {members[i].article_id: k for k, g in enumerate(groups) for i in g}
                regrouped: list[list[int]] = [[] for _ in groups]
                for k, g in enumerate(groups):
                    for i in g:
                        regrouped[part.get(canonical.get(members[i].article_id, ""), k)].append(i)
                groups = [g for g in regrouped if g]
                if len(groups) == 1:
                    self._mark_checked(story)
                    continue
            # The part holding the label (else the earliest member) keeps the id.
            keep = next((k for k, g in enumerate(groups) if any(members[i].article_id == story.label_id for i in g)), 0)
            groups.insert(0, groups.pop(keep))
            self._replace(sid, [members[i] for i in groups[0]])
            for g in groups[1:]:
                part = [members[i] for i in g]
                new = fresh_id("story-" + min(part, key=_earliest).article_id, set(self.stories), taken)
                self.stories[new] = Story(new)
                self._replace(new, part)
                for m in part:
                    moved[m.article_id] = new
        return moved

    def _check_due(self, story: Story) -> bool:
        """Whether the split check should look at a story of a size it can cut: always when it has
        no mark (or `split_recheck_growth` is 0), else once it has grown by that fraction since,
        and by at least `split_min_part` members (what a new part needs), or has reached
        `split_max_members` (the last size checked)."""
        c = self.config
        if not c.split_recheck_growth or story.checked < 2 * c.split_min_part:
            return True
        grown = max(story.checked * (1 + c.split_recheck_growth), story.checked + c.split_min_part)
        due = min(grown, c.split_max_members)
        return story.checked < due <= story.size

    def _mark_checked(self, story: Story) -> None:
        c = self.config
        story.checked = story.size if 2 * c.split_min_part <= story.size <= c.split_max_members else 0

    def _replace(self, sid: str, members: list[Member]) -> None:
        """A story's members set anew (exact centroid, then truncated; span and outlets recomputed)."""
        old = self.stories[sid]
        story = Story(sid, label=old.label, label_id=old.label_id)
        for m in members:
            story.add(m, 10 ** 9)
        story.truncate(self.config.centroid_terms)
        if story.label_id not in {m.article_id for m in members}:
            story.label, story.label_id = None, None
        self._mark_checked(story)  # a part of a cut: `split_all` checked it
        self.stories[sid] = story
        self._reindex(story)
        self.touched.add(sid)

    def move(self, m: Member, src: str, dst: str) -> None:
        """Move a member between stories, keeping the term index right (an emptied story is dropped)."""
        own = self.stories[src]
        own.remove(m)
        self.touched.add(src)  # its row is rewritten, or deleted when emptied
        if own.size:
            self._reindex(own)
        else:
            self.drop(src)
        self.stories[dst].add(m, self.config.centroid_terms)
        self._reindex(self.stories[dst])
        self.touched.add(dst)

    def merge(self, among: set[str] | None = None) -> dict[str, str]:
        """One round of group-average agglomeration over the loaded stories: two stories join when
        their `linkage` clears the bar for the gap between their spans (the larger one's bar),
        best pairs first, each story in at most one merge. `among`: only pairs with at least one
        of these stories (the ones an ingest batch touched; the others were looked at before).
        Candidates come from the term index, so the cost is bounded per story. The larger story
        (on a tie the one seen first) absorbs the other; returns {absorbed id: kept id}."""
        c = self.config
        pairs: list[tuple[float, str, str]] = []
        for sid in sorted(self.stories if among is None else among & self.stories.keys()):
            story = self.stories[sid]
            hits: Counter = Counter()
            for t in story.index_terms(c.query_terms):
                posting = self._inv.get(t)
                if posting and len(posting) <= c.max_posting:
                    hits.update(posting)
            for other, _ in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[: c.max_candidates + 1]:
                if other == sid:  # (a pair found from both sides is counted once below)
                    continue
                b = self.stories[other]
                big = story if (story.size, other) >= (b.size, sid) else b
                bar = big.bar(None, c, gap=story.span_gap_days(b))
                if bar is None:
                    continue
                link = linkage(story, b)
                margin = link - bar
                if margin >= 0:
                    pairs.append((margin, min(sid, other), max(sid, other), link))
        into: dict[str, str] = {}
        done: set[str] = set()
        for _, x, y, link in sorted(set(pairs), key=lambda p: (-p[0], p[1], p[2])):
            if x in done or y in done:
                continue
            if self._apart(self.stories[x], self.stories[y], link):  # asked only of pairs about to merge
                continue
            keep, gone = sorted((x, y), key=self._seniority)
            done.update((x, y))
            into[gone] = keep
            self.stories[keep].absorb(self.stories[gone], c.centroid_terms)
            self._reindex(self.stories[keep])
            self.touched.add(keep)
            self.drop(gone)
        return into

    def _apart(self, a: Story, b: Story, link: float) -> bool:
        """Two stories the split check would cut apart again: not merged (else a merge and a split
        could undo each other). With every member in memory, the check itself on their union;
        otherwise (stories loaded from the store) its estimate from the centroids: less alike
        across than `split_ratio` × the lower cohesion."""
        c = self.config
        if not c.split_ratio or not 2 * c.split_min_part <= a.size + b.size <= c.split_max_members:
            return False
        if len(a.members) == a.size and len(b.members) == b.size:
            key = frozenset(m.article_id for m in a.members + b.members)
            if key not in self.apart_cache:
                self.apart_cache[key] = best_cut([m.vector for m in a.members + b.members], c.split_ratio,
                                                 c.split_min_part) is not None
            return self.apart_cache[key]
        if min(a.size, b.size) < c.split_min_part:
            return False
        return link < c.split_ratio * min(a.cohesion(), b.cohesion())

    def _seniority(self, sid: str) -> tuple:
        """Which of two merging stories keeps its id: the larger, then the one seen first."""
        s = self.stories[sid]
        return (-s.size, s.first_seen is None, s.first_seen or "", sid)

    def drop(self, sid: str) -> None:
        """Forget an (emptied) story."""
        for t in self._indexed.pop(sid, ()):
            self._inv.get(t, set()).discard(sid)
        del self.stories[sid]


def _rebuild(members: list[Member], assignment: list[str], config: StoryConfig
             ) -> tuple[dict[str, Story], StoryClusterer]:
    """Stories rebuilt from all their members (exact centroids, then truncated as stored) and a
    clusterer holding them: the starting point of each refinement and merge round."""
    stories: dict[str, Story] = {}
    for m, sid in zip(members, assignment, strict=True):
        stories.setdefault(sid, Story(sid)).add(m, 10 ** 9)
    clusterer = StoryClusterer(config)
    for story in stories.values():
        story.truncate(config.centroid_terms)
        clusterer.load(story)
    return stories, clusterer


def refine(members: list[Member], assignment: list[str], config: StoryConfig, fixed: dict[int, int] | None = None,
           iterations: int = 3) -> list[str]:
    """Batch refinement after the online pass (k-means style, with the same group-average
    criterion): move each article to the story it has the highest mean similarity with (its own
    story counted without it), if that story's margin over its bar beats the own story's; repeat
    until nothing moves. Undoes some order effects of one pass. `fixed`: article → article whose
    story it must share (duplicates follow their canonical). Only the batch path (`annotate`)."""
    assignment = list(assignment)
    apart_cache: dict = {}
    fixed = fixed or {}
    for _ in range(iterations):
        moved = 0
        if config.split_ratio:  # cut stories that are two events, then let the moves below tidy the cut
            cut = split_stories(members, assignment, config, fixed)
            moved += sum(a != b for a, b in zip(assignment, cut, strict=True))
            assignment = cut
        stories, clusterer = _rebuild(members, assignment, config)
        new = list(assignment)
        for i, m in enumerate(members):
            if i in fixed:
                continue
            own = stories[assignment[i]]
            own_sim = own.mean_similarity_without(m)
            best_id, _, margin = clusterer.best(m.vector, m.published, exclude=own.id)
            if best_id is not None and margin > own_sim - config.threshold:
                new[i] = best_id
                moved += 1
        for i, j in fixed.items():
            new[i] = new[j]
        assignment = new
        if config.merge:
            merged = merge_stories(members, assignment, config, apart_cache=apart_cache)
            moved += sum(a != b for a, b in zip(assignment, merged, strict=True))
            assignment = merged
        if not moved:
            break
    return assignment


def split_stories(members: list[Member], assignment: list[str], config: StoryConfig,
                  fixed: dict[int, int] | None = None) -> list[str]:
    """The divisive check on every story of a whole-input clustering: `StoryClusterer.split`
    (the one mechanism every path uses) over the stories rebuilt from all their members.
    Duplicates stay with the article they copy (`fixed`)."""
    fixed = fixed or {}
    _, clusterer = _rebuild(members, assignment, config)
    canonical = {members[i].article_id: members[j].article_id for i, j in fixed.items()}
    moved = clusterer.split(sorted(set(assignment)), canonical=canonical)
    out = [moved.get(m.article_id, sid) for m, sid in zip(members, assignment, strict=True)]
    for i, j in fixed.items():
        out[i] = out[j]
    return out


def _earliest(m: Member) -> tuple:
    return (m.published is None, m.published or "", m.article_id)


def fresh_id(name: str, taken: set[str], elsewhere: Callable[[str], bool] | None = None) -> str:
    """`name`, or `name-1`, `name-2`, … when taken (in `taken`, or `elsewhere(id)` says so)."""
    out, k = name, 1
    while out in taken or (elsewhere is not None and elsewhere(out)):
        out, k = f"{name}-{k}", k + 1
    return out


def linkage(a: Story, b: Story) -> float:
    """Group-average similarity of two stories: the mean cosine over all pairs of one member of
    each, centroid_a · centroid_b / (size_a × size_b) (approximate once centroids are truncated)."""
    if not a.size or not b.size:
        return 0.0
    return dot(a.centroid, b.centroid) / (a.size * b.size)


def merge_stories(members: list[Member], assignment: list[str], config: StoryConfig, rounds: int = 5,
                  apart_cache: dict | None = None) -> list[str]:
    """Group-average agglomeration on top of a whole-input clustering (`StoryClusterer.merge`
    over stories rebuilt from all their members, so centroids are exact before truncation)."""
    assignment = list(assignment)
    for _ in range(rounds):
        _, clusterer = _rebuild(members, assignment, config)
        if apart_cache is not None:
            clusterer.apart_cache = apart_cache
        into = clusterer.merge()
        if not into:
            break
        assignment = [into.get(sid, sid) for sid in assignment]
    return assignment

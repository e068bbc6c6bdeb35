"""Story clusters, measured (run by hand: `python bench/bench_stories.py [section...]`).

Sections:
- `ari`: same-story clusters 2019 (the only labelled set: 26 keyword clusters, 154 articles marked
  relevant). The articles first go through the extract pipeline as `warta ingest` does (entities,
  amounts, dates from the text; cached in bench/out/). The 26 clusters are split into two halves
  by a seeded shuffle (seed 5, fixed before any result was seen). Parameters are chosen on one
  half over a small declared grid (by the ARI of the whole-input path, `annotate`) and reported on
  the other (2-fold: A→B and B→A), then on all 154 with each half's choice. Paths: the online pass
  alone (in memory, with the per-batch second look), online + refinement with story merges
  (`annotate`), the real store step (`storage.update`: input in a seeded random order, batches of
  200 as ingest and of 20, each batch also reconsidering recent members of its candidate stories
  and merging the stories it touched), and batches of 20 followed by `warta stories --refine`.
  The split check's `split_ratio` cannot be chosen by that ARI: each half holds only some of the
  seven Habibie keyword clusters (one week of coverage of one death), so no half has two events of
  one burst for the check to cut, and every value that cuts no labelled cluster ties. It is
  chosen on the tuning half instead by `calibrate_split` (below), then the grid runs with it.
- `splitcal`: that calibration on each half, with the scores it is made of.
- `ablation`: the chosen configuration with one thing changed (no entities, no time window, …).
- `order`: the product default over 10 shuffled inputs (the online pass depends on arrival order).
- `cap`: the ARI a perfect clusterer could reach if it never joins articles more than N days
  apart (the labelled clusters are search-keyword groups, some spanning years).
- `clickid`: the largest CLICK-ID stories of 10–20 Sep 2019 (titles printed, not committed; no
  extract pipeline: words and titles only).
- `scale`: ms to assign one article with 10k stored (in memory and through the SQLite store).
- `refinescale`: `warta stories --refine` on a 10k-article store: the whole store and one day.
- `nearby`: the similarity floor of `warta related`'s nearby stories.
- `baseline`: side by side with batch average-linkage clustering (scikit-learn) over TF-IDF and
  over warta's vectors, each threshold chosen on one half.
"""
from __future__ import annotations

import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import replace
from itertools import product
from pathlib import Path

from warta.article import Article
from warta.dedup import find_duplicates, storage
from warta.dedup.corpus import cluster_stories, cluster_stories_detail
from warta.dedup.refine import refine_stored
from warta.dedup.split import best_cut
from warta.dedup.stories import DocFreq, Member, Story, StoryClusterer, StoryConfig, linkage, raw_terms, vectorise

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the other bench scripts
from bench_dedup import bench_store_scale, load_clickid, p95, perturbed, table  # noqa: E402

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news"
OUT = Path(__file__).resolve().parent / "out"
SEED = 5
URL_DATE = re.compile(r"/(20\d\d)/?(\d\d)/?(\d\d)")
# The declared grid. Entities stay on (the issue asks for them) and the time window stays on
# (window_days 7): their removal is measured in `ablation`, not chosen.
GRID = {"threshold": (0.06, 0.08, 0.1, 0.12, 0.15), "title_weight": (2.0, 4.0, 6.0),
        "entity_weight": (1.5, 3.0), "max_gap_days": (30, 92), "cohesion_ratio": (0.0, 0.3, 0.5),
        "merge": (False, True)}
# Declared values for the split check (`calibrate_split` picks one on the tuning half).
SPLIT_RATIOS = (0.5, 0.6, 0.7, 0.8, 0.9)


def detok(text: str) -> str:
    text = re.sub(r"\s+([,.;:!?)\]'])", r"\1", text)
    return re.sub(r"([(\[])\s+", r"\1", text)


def extracted(raw: list[Article], name: str) -> list[Article]:
    """The articles after the extract pipeline (what `warta ingest` stores), cached."""
    from warta.ingest import extract

    cache = OUT / f"{name}.jsonl"
    if cache.exists():
        rows = [json.loads(line) for line in cache.open(encoding="utf-8")]
        if [r["id"] for r in rows] == [a.id for a in raw]:
            return [Article.from_dict(r) for r in rows]
    done = list(extract(raw))
    OUT.mkdir(exist_ok=True)
    with cache.open("w", encoding="utf-8") as f:
        for a in done:
            f.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
    return done


def same_story() -> tuple[list[Article], list[str]]:
    """Articles marked relevant in each keyword cluster, and the cluster as the label."""
    root = DATA / "same-story-clusters-2019"
    groups = [(it["keyword"], it["base_text"]) for it in json.load(open(root / "base_example_1.json"))["items"]]
    for p in sorted((root / "sample_res").glob("*.json")):
        d = json.load(open(p))
        groups.append((d["keyword"], d["base_text"]))
    arts, labels = [], []
    for kw, items in groups:
        for a in items:
            if str(a.get("relevance")) != "True":
                continue
            m = URL_DATE.search(a["url"])
            host = re.sub(r"^https?://(www\.)?", "", a["url"]).split("/")[0]
            text = detok(a["text"])
            arts.append(Article(id=f"{kw}/{a['id']}", raw=text, title=(a.get("title") or "").replace(" ...", ""),
                                text=text, source=host, url=a["url"],
                                published=f"{m[1]}-{m[2]}-{m[3]}" if m else None))
            labels.append(kw)
    return extracted(arts, "same_story_extracted"), labels


def halves(labels: list[str]) -> tuple[set[str], set[str]]:
    kws = sorted(set(labels))
    random.Random(SEED).shuffle(kws)
    return set(kws[: len(kws) // 2]), set(kws[len(kws) // 2:])


def purity(labels: list[str], pred: list[str]) -> float:
    by: dict[str, Counter] = defaultdict(Counter)
    for t, p in zip(labels, pred, strict=True):
        by[p][t] += 1
    return sum(c.most_common(1)[0][1] for c in by.values()) / len(labels)


def ari(labels: list[str], pred: list[str]) -> float:
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(labels, pred))


def store_path(arts: list[Article], config: StoryConfig, batch: int = 20, refine_after: bool = False) -> list[str]:
    """Clusters as `warta ingest` leaves them: the articles, in a seeded random order (input order
    is arbitrary), added to a fresh SQLite store and placed by `storage.update` in batches (ingest
    uses 200; with 20 most articles meet stories loaded back from the store, and IDF computed
    from the few articles seen so far: a cold start)."""
    from warta.store import SQLiteStore

    copies = [Article.from_dict(a.to_dict()) for a in arts]
    random.Random(SEED).shuffle(copies)
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "kb.db")
        for i in range(0, len(copies), batch):
            storage.update(store, store.add(copies[i: i + batch]).ids, story_config=config)
        if refine_after:  # `warta stories --refine`
            refine_stored(store, config=config)
        got = {a.id: a.cluster for a in store.iter_articles()}
        store.close()
    return [got[a.id] for a in arts]


def configs() -> list[StoryConfig]:
    keys = list(GRID)
    return [StoryConfig(**dict(zip(keys, vals, strict=True))) for vals in product(*GRID.values())]


def short(c: StoryConfig) -> str:
    return (f"thr {c.threshold} title×{c.title_weight:g} ent×{c.entity_weight:g} window {c.window_days}d "
            f"(≤{c.max_gap_days}d at ×{c.outside_window_factor:g}) cohesion {c.cohesion_ratio:g} "
            f"merge {'on' if c.merge else 'off'} split {c.split_ratio:g}")


def article_vectors(arts, config: StoryConfig) -> list[dict[str, float]]:
    """warta's vector of each article (title, words, entities, amounts), IDF over `arts`, as
    `cluster_stories` makes them."""
    counts = [raw_terms(a.title, a.text, a.entities, a.amounts, config) for a in arts]
    docfreq = DocFreq()
    for c in counts:
        docfreq.add(c)
    return [vectorise(c, docfreq, config.vector_terms) for c in counts]


def calibrate_split(arts, labels, config: StoryConfig) -> tuple[float, dict]:
    """`split_ratio` from one half's labels, as a classification of the cuts the check would make:
    each labelled cluster with at least 2 × `split_min_part` articles must be left whole, and each
    union of two labelled clusters of the half that are related (group-average similarity at
    least half the joining threshold: same person or topic) must be cut. The value of
    SPLIT_RATIOS with the most right decisions; ties → the middle of the tying values (the largest
    margin on both sides). Vectors with IDF over the half, as the whole-input path computes them."""
    from itertools import combinations

    groups: dict[str, list[dict]] = defaultdict(list)
    for v, lab in zip(article_vectors(arts, config), labels, strict=True):
        groups[lab].append(v)
    least = 2 * config.split_min_part
    whole = [v for v in groups.values() if len(v) >= least]
    stories = {lab: Story(lab) for lab in groups}
    for lab, vs in groups.items():
        for k, v in enumerate(vs):
            stories[lab].add(Member(f"{lab}/{k}", v), 10 ** 9)
    related = [groups[x] + groups[y] for x, y in combinations(sorted(groups), 2)
               if len(groups[x]) + len(groups[y]) >= least and linkage(stories[x], stories[y]) >= config.threshold / 2]
    right = {}
    for r in SPLIT_RATIOS:
        right[r] = (sum(best_cut(v, r, config.split_min_part) is None for v in whole)
                    + sum(best_cut(v, r, config.split_min_part) is not None for v in related))
    top = max(right.values())
    tying = [r for r in SPLIT_RATIOS if right[r] == top]
    ratios = {"whole": sorted(round(c.ratio, 2) if (c := best_cut(v, 99, config.split_min_part)) else None
                              for v in whole), "related": sorted(round(c.ratio, 2) if (c := best_cut(
                                  v, 99, config.split_min_part)) else None for v in related)}
    return tying[len(tying) // 2], {"right": right, "of": len(whole) + len(related), **ratios}


def subset(arts, labels, keep: set[str]):
    idx = [i for i, lab in enumerate(labels) if lab in keep]
    return [arts[i] for i in idx], [labels[i] for i in idx]


def choose(arts, labels) -> tuple[StoryConfig, float]:
    """The grid point with the best ARI of the whole-input path (`annotate`, which `warta stories
    --refine` runs on the store); ties → earlier grid point. `split_ratio` calibrated on the same
    half first (`calibrate_split`) and held fixed over the grid."""
    split, _ = calibrate_split(arts, labels, StoryConfig())
    best, best_score = None, -2.0
    for c in (replace(c, split_ratio=split) for c in configs()):
        score = ari(labels, cluster_stories(arts, None, c, refine_pass=True))
        if score > best_score + 1e-9:
            best, best_score = c, score
    return best, best_score


def scores(arts, labels, config: StoryConfig, with_store: bool = True) -> list[str]:
    out = []
    paths = [("online", lambda: cluster_stories(arts, None, config, refine_pass=False)),
             ("refine", lambda: cluster_stories(arts, None, config, refine_pass=True))]
    if with_store:
        paths.append(("store 200", lambda: store_path(arts, config, 200)))
        paths.append(("store 20", lambda: store_path(arts, config, 20)))
        paths.append(("store 20 + refine", lambda: store_path(arts, config, 20, refine_after=True)))
    for _, fn in paths:
        pred = fn()
        out.append(f"{ari(labels, pred):.3f} / {purity(labels, pred):.3f} / {len(set(pred))}")
    return out


def bench_ari() -> None:
    arts, labels = same_story()
    a_half, b_half = halves(labels)
    print(f"== stories: same-story clusters 2019, {len(arts)} relevant articles, {len(set(labels))} clusters, "
          f"{sum(a.published is not None for a in arts)} dated after extraction; halves by seeded shuffle "
          f"(seed {SEED}): A {len(a_half)} clusters / {sum(lab in a_half for lab in labels)} articles, "
          f"B {len(b_half)} / {sum(lab in b_half for lab in labels)}")
    print(f"grid: {GRID}, window_days 7, outside_window_factor 1.5; {len(configs())} points\n", flush=True)
    rows = []
    chosen = {}
    for tune, test in (("A", "B"), ("B", "A")):
        tune_set, test_set = (a_half, b_half) if tune == "A" else (b_half, a_half)
        t = time.perf_counter()
        cfg, tuned = choose(*subset(arts, labels, tune_set))
        chosen[tune] = cfg
        print(f"chosen on {tune} ({time.perf_counter() - t:.0f} s): {short(cfg)}; online ARI on {tune} {tuned:.3f}")
        rows.append([f"tuned on {tune}", f"{test} (held out)", *scores(*subset(arts, labels, test_set), cfg)])
        rows.append([f"tuned on {tune}", f"{tune} (tuning half)", *scores(*subset(arts, labels, tune_set), cfg,
                                                                         with_store=False), "-", "-", "-"])
        rows.append([f"tuned on {tune}", "all 154 (half seen)", *scores(arts, labels, cfg)])
    default = StoryConfig()
    rows.append(["product default", "B", *scores(*subset(arts, labels, b_half), default)])
    rows.append(["product default", "all 154", *scores(arts, labels, default)])
    print()
    print(f"product default: {short(default)}")
    table(["config", "scored on", "online pass only: ARI / purity / clusters", "online + refine (annotate)",
           "store, batches of 200 (as ingest)", "store, batches of 20", "store 20, then stories --refine"], rows)


def bench_ablation() -> None:
    arts, labels = same_story()
    _, b_half = halves(labels)
    base = StoryConfig()
    variants = [("product default", base, 200), ("no second look per batch", base, 0),
                ("no story merge in refine / ingest", replace(base, merge=False), 200),
                ("no entities", replace(base, entity_weight=0.0), 200),
                ("no amounts", replace(base, amount_weight=0.0), 200),
                ("title weight 2 (before)", replace(base, title_weight=2.0), 200),
                ("cohesion bar 0.3", replace(base, cohesion_ratio=0.3), 200),
                ("no split check (split_ratio 0)", replace(base, split_ratio=0.0), 200),
                ("split_ratio 0.6", replace(base, split_ratio=0.6), 200),
                ("split_ratio 0.8", replace(base, split_ratio=0.8), 200),
                ("split parts ≥ 2 (split_min_part 2)", replace(base, split_min_part=2), 200),
                ("hard 7-day window", replace(base, max_gap_days=7), 200),
                ("no time window", replace(base, window_days=10 ** 5, max_gap_days=10 ** 5), 200)]
    rows = []
    for name, c, batch in variants:
        row = [name]
        for xs, ls in (subset(arts, labels, b_half), (arts, labels)):
            for refine_pass in (False, True):
                pred = cluster_stories(xs, None, c, refine_pass=refine_pass, batch=batch)
                row.append(f"{ari(ls, pred):.3f} / {purity(ls, pred):.3f} / {len(set(pred))}")
        rows.append(row)
    print("== ablation on held-out B and on all 154 (ARI / purity / clusters)")
    table(["variant", "B online", "B refine", "all online", "all refine"], rows)


def bench_order(runs: int = 10) -> None:
    """ARI depends on input order (ties among same-day and undated articles; the online pass).
    The product default over `runs` seeded shuffles of the input: median (min–max)."""
    arts, labels = same_story()
    a_half, b_half = halves(labels)
    config = StoryConfig()
    rows = []
    for name, keep in (("A", a_half), ("B", b_half), ("all 154", a_half | b_half)):
        xs, ls = subset(arts, labels, keep)
        got: dict[str, list[float]] = defaultdict(list)
        for seed in range(runs):
            idx = list(range(len(xs)))
            random.Random(100 + seed).shuffle(idx)
            x2, l2 = [xs[i] for i in idx], [ls[i] for i in idx]
            got["online"].append(ari(l2, cluster_stories(x2, None, config, refine_pass=False)))
            got["refine"].append(ari(l2, cluster_stories(x2, None, config, refine_pass=True)))
            got["store 200"].append(ari(l2, store_path(x2, config, 200)))
            got["store 20"].append(ari(l2, store_path(x2, config, 20)))
            got["store 20 + refine"].append(ari(l2, store_path(x2, config, 20, refine_after=True)))
        rows.append([name, *(f"{statistics.median(v):.3f} ({min(v):.3f}–{max(v):.3f})" for v in got.values())])
    print(f"== input order: product default over {runs} shuffled inputs, ARI median (min–max)")
    table(["scored on", "online pass only", "online + refine (annotate)", "store 200", "store 20",
           "store 20, then stories --refine"], rows)


def bench_cap() -> None:
    """What the labels allow under a time limit: each labelled cluster cut wherever two dated
    articles in a row (by date) are more than `gap` days apart (undated ones join the largest
    piece). A perfect clusterer that never joins articles further apart scores this ARI."""
    from warta.dedup.stories import day

    arts, labels = same_story()
    a_half, b_half = halves(labels)
    rows = []
    for gap in (7, 30, 92):
        row = [gap]
        for keep in (a_half, b_half, a_half | b_half):
            xs, ls = subset(arts, labels, keep)
            pred = [""] * len(xs)
            for lab in set(ls):
                idx = [i for i, x in enumerate(ls) if x == lab]
                dated = sorted((i for i in idx if day(xs[i].published)), key=lambda i: day(xs[i].published))
                chains: list[list[int]] = []
                for i in dated:
                    if chains and (day(xs[i].published) - day(xs[chains[-1][-1]].published)).days <= gap:
                        chains[-1].append(i)
                    else:
                        chains.append([i])
                chains = chains or [[]]
                max(chains, key=len).extend(i for i in idx if not day(xs[i].published))
                for k, chain in enumerate(chains):
                    for i in chain:
                        pred[i] = f"{lab}#{k}"
            row.append(f"{ari(ls, pred):.3f} ({len(set(pred))})")
        rows.append(row)
    print("== cap: ARI of the labels cut at a time gap (clusters), i.e. the best a clusterer with that limit can do")
    table(["gap days", "A", "B", "all 154"], rows)


def clickid_date(d: dict) -> str | None:
    m = URL_DATE.search(d.get("url") or "")
    if m:
        return f"{m[1]}-{m[2]}-{m[3]}"
    raw = (d.get("date") or "").strip()
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", raw)
    if m:
        return m[0]
    m = re.match(r"(\d\d)/(\d\d)/(\d{4})", raw)
    if m:
        return f"{m[3]}-{m[2]}-{m[1]}"
    months = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10,
              "Nov": 11, "Dec": 12}
    m = re.match(r"(\d\d)-(\w{3})-(\d\d)", raw)
    if m and m[2] in months:
        return f"20{m[3]}-{months[m[2]]:02d}-{m[1]}"
    m = re.match(r"(\w{3}) (\d+), (\d{4})", raw)
    if m and m[1] in months:
        return f"{m[3]}-{months[m[1]]:02d}-{int(m[2]):02d}"
    return None


def bench_clickid() -> None:
    docs = [d for d in load_clickid() if "2019-09-10" <= (clickid_date(d) or "") <= "2019-09-20"]
    # Not run through the extract pipeline (NER over 19k articles takes too long on the shared
    # machine), so no entities or amounts here: words and titles only.
    arts = [Article(id=str(d["id"]), title=d["title"], text=d["content"].replace(".,", ".\n"), source=d["source"],
                    published=clickid_date(d)) for d in docs]
    for refine_pass in (False, True):
        t = time.perf_counter()
        dups = find_duplicates([a.text for a in arts], [a.published for a in arts])
        clusters, stories = cluster_stories_detail(arts, dups, refine_pass=refine_pass)
        dt = time.perf_counter() - t
        size = Counter(clusters)
        OUT.mkdir(exist_ok=True)
        with (OUT / f"clickid_stories_{'refine' if refine_pass else 'online'}.tsv").open("w", encoding="utf-8") as f:
            for a, c in sorted(zip(arts, clusters, strict=True), key=lambda x: (-size[x[1]], x[1], x[0].published or "")):
                f.write(f"{size[c]}\t{c}\t{a.published}\t{a.source}\t{a.title}\n")
        print(f"== CLICK-ID 10–20 Sep 2019 ({'online + refine' if refine_pass else 'online, as ingest'}): "
              f"{len(arts):,} articles, {len(size):,} stories ({sum(1 for v in size.values() if v >= 2):,} with "
              f"≥ 2 articles), {sum(d.canonical is not None for d in dups)} duplicates, {dt:.1f} s")
        rows = []
        for c, n in size.most_common(20):
            st = stories[c]
            rows.append([n, (st.label or "")[:70], len(st.outlets), (st.first_seen or "")[:10],
                         (st.last_seen or "")[:10]])
        table(["articles", "label (most central headline)", "outlets", "first", "last"], rows)
        for word in ("habibie", "kpk"):
            hits = [(n, (stories[c].label or "")[:60]) for c, n in size.most_common()
                    if word in (stories[c].label or "").lower()][:8]
            print(f"largest stories with '{word}' in the label: {hits}")
        print(flush=True)


def bench_scale(n: int = 10_000, new: int = 300) -> None:
    """In memory: a clusterer holding the stories of n articles, then `assign` per new article
    (median and p95 over `new`, CPU time). Store: `storage.update` per batch of 200 with n stored."""
    rng = random.Random(3)
    docs = load_clickid()
    texts = [d["content"] for d in docs]
    titles = [d["title"] for d in docs]
    corpus = perturbed(texts, n, rng)
    config = StoryConfig()
    counts = [raw_terms(titles[i % len(titles)], t, config=config) for i, t in enumerate(corpus)]
    df = DocFreq()
    for c in counts:
        df.add(c)
    clusterer = StoryClusterer(config)
    t = time.process_time()
    for i, c in enumerate(counts):
        clusterer.assign(Member(f"s{i}", vectorise(c, df, config.vector_terms), None, f"o{i % 12}",
                                f"2019-09-{10 + i % 10:02d}"))
    build = time.process_time() - t
    per = []
    for i in range(new):
        j = rng.randrange(len(texts))
        v = vectorise(raw_terms(titles[j], texts[j], config=config), df, config.vector_terms)
        t = time.process_time()
        clusterer.assign(Member(f"n{i}", v, None, "wire", "2019-09-15"))
        per.append(time.process_time() - t)
    per.sort()
    print(f"== scale: in memory, {n:,} articles in {len(clusterer.stories):,} stories (build {build:.1f} s CPU)")
    table(["articles", "assign one: median ms CPU", "p95 ms CPU"],
          [[f"{n:,}", f"{statistics.median(per) * 1000:.3f}", f"{p95(per) * 1000:.3f}"]])
    bench_store_scale(sizes=(n,))  # the store step: bench_dedup's, which measures the same storage.update


def bench_refine_scale(n: int = 10_000, batch: int = 1000) -> None:
    """`warta stories --refine` on a store of n articles (perturbed CLICK-ID texts over 10 days,
    placed by `storage.update`): the whole store, and one day (--since/--until), CPU and wall."""
    import os

    from warta.store import SQLiteStore

    rng = random.Random(5)
    docs = load_clickid()
    texts, titles = [d["content"] for d in docs], [d["title"] for d in docs]
    corpus = perturbed(texts, n, rng)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "refine.db")
        for start in range(0, n, batch):
            ids = [f"s{i}" for i in range(start, min(start + batch, n))]
            with store.transaction():
                store.execute("INSERT INTO articles (id, title, text, source, published, raw_hash, ingested_at) "
                              "VALUES (?,?,?,?,?,?,?)",
                              [(f"s{i}", titles[i % len(titles)], corpus[i], f"outlet{i % 12}",
                                f"2019-09-{10 + i % 10:02d}", "h", "t") for i in range(start, start + len(ids))],
                              many=True)
            storage.update(store, ids)
        for name, since, until in (("all", None, None), ("one day", "2019-09-15", "2019-09-15")):
            t, c = time.perf_counter(), time.process_time()
            done = refine_stored(store, since, until)
            wall, cpu = time.perf_counter() - t, time.process_time() - c
            rows.append([f"{n:,}", name, f"{done['articles']:,}", f"{done['stories_before']:,} → {done['stories_after']:,}",
                         f"{done['moved']:,}", f"{wall:.1f}", f"{cpu:.1f}", f"{cpu / max(done['articles'], 1) * 1000:.2f}"])
        store.close()
    print(f"== refine: warta stories --refine on a SQLite store (load average {os.getloadavg()[0]:.2f})")
    table(["articles stored", "range", "articles re-clustered", "stories", "changed story", "wall s", "CPU s",
           "ms CPU per article"], rows)


def bench_splitcal() -> None:
    arts, labels = same_story()
    a_half, b_half = halves(labels)
    rows = []
    for name, keep in (("A", a_half), ("B", b_half)):
        r, info = calibrate_split(*subset(arts, labels, keep), StoryConfig())
        rows.append([name, r, " ".join(f"{k:g}:{v}/{info['of']}" for k, v in info["right"].items()),
                     info["whole"], info["related"]])
    print("== split check calibrated on each half: right decisions per split_ratio; best-cut ratio (cross / lower "
          "cohesion) of the labelled clusters (must stay whole) and of unions of two related ones (must be cut)")
    table(["half", "chosen", "right per ratio", "labelled clusters", "related unions"], rows)


# The baselines' declared grid of similarity thresholds (distance = 1 − cosine).
BASELINE_THRESHOLDS = (0.04, 0.06, 0.08, 0.1, 0.12, 0.14, 0.16, 0.2, 0.25)


def hac(arts, sim, threshold: float, max_gap_days: int = 92) -> list[str]:
    """Average-linkage agglomerative clustering (scikit-learn) of a cosine-similarity matrix,
    merging while the average similarity is ≥ `threshold`; dated articles more than
    `max_gap_days` apart are kept apart (the product's time limit), as far as average linkage can."""
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering

    from warta.dedup.stories import day

    dist = 1.0 - np.asarray(sim, dtype=float)
    ordinal = np.array([d.toordinal() if d else np.nan for d in (day(a.published) for a in arts)])
    dist[np.abs(ordinal[:, None] - ordinal[None, :]) > max_gap_days] = 10.0  # (undated: NaN, never far)
    np.fill_diagonal(dist, 0.0)
    if len(arts) < 2:
        return ["0"] * len(arts)
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=1.0 - threshold).fit(dist)
    return [str(x) for x in model.labels_]


def tfidf_similarity(arts):
    """What a user would reach for first: scikit-learn's TfidfVectorizer (sublinear tf, words of
    3+ letters) over headline + body, cosine similarity."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(sublinear_tf=True, token_pattern=r"(?u)\b[^\W\d_]{3,}\b").fit_transform(
        [f"{a.title or ''} {a.text or ''}" for a in arts])
    return (x @ x.T).toarray()


def warta_similarity(arts):
    """Cosine of warta's own article vectors (`article_vectors`; unit length, so a dot product)."""
    import numpy as np

    from warta.dedup.stories import dot

    vecs = article_vectors(arts, StoryConfig())
    sim = np.zeros((len(arts), len(arts)))
    for i, v in enumerate(vecs):
        for j in range(i, len(vecs)):
            sim[i, j] = sim[j, i] = dot(v, vecs[j])
    return sim


def bench_baseline() -> None:
    """Side by side with what a user would otherwise do: batch average-linkage clustering
    (scikit-learn) over TF-IDF, and over warta's own vectors (to separate the representation from
    the clustering), each with the product's 92-day limit and its threshold chosen on one half
    from `BASELINE_THRESHOLDS` (best ARI), reported on the other and on all 154. warta's rows:
    the product default (chosen on A), whole-input path (`annotate`)."""
    arts, labels = same_story()
    a_half, b_half = halves(labels)
    rows = []
    for name, sim_of in (("scikit-learn TF-IDF + average linkage", tfidf_similarity),
                         ("warta vectors + average linkage", warta_similarity)):
        sims = {}
        for key, keep in (("A", a_half), ("B", b_half), ("all", a_half | b_half)):
            xs, ls = subset(arts, labels, keep)
            sims[key] = (xs, ls, sim_of(xs))
        for tune, test in (("A", "B"), ("B", "A")):
            xs, ls, sim = sims[tune]
            best = max(BASELINE_THRESHOLDS, key=lambda t: (ari(ls, hac(xs, sim, t)), -t))
            got = []
            for key in (test, "all"):
                xs, ls, sim = sims[key]
                pred = hac(xs, sim, best)
                got.append(f"{ari(ls, pred):.3f} / {purity(ls, pred):.3f} / {len(set(pred))}")
            rows.append([name, f"{tune} (threshold {best:g})", f"{test}: {got[0]}", got[1]])
    got = []
    for xs, ls in (subset(arts, labels, b_half), (arts, labels)):  # the default was chosen on A
        pred = cluster_stories(xs, None, StoryConfig(), refine_pass=True)
        got.append(f"{ari(ls, pred):.3f} / {purity(ls, pred):.3f} / {len(set(pred))}")
    rows.append(["warta stories (product default)", "A", f"B: {got[0]}", got[1]])
    print("== baselines: batch clustering a user would otherwise run (ARI / purity / clusters)")
    table(["system", "tuned on", "held-out half", "all 154"], rows)


def subject(label: str) -> str:
    """The subject a keyword cluster belongs to: the Habibie, KPK and forest-fire clusters are
    sub-stories of three subjects; every other cluster is its own."""
    if "habibie" in label:
        return "habibie"
    if "kpk" in label or "nahrawi" in label:
        return "kpk"
    if "karhutla" in label or "kebakaran" in label:
        return "fires"
    return label


def bench_nearby() -> None:
    """The floor of `related`'s "nearby stories" (`storage.NEARBY_MIN`): cosine of each article
    with the centroid of every other labelled cluster (built as the product builds a story's),
    split into the same subject (a nearby story a reader wants) and another subject."""
    import numpy as np

    from warta.dedup.stories import cosine

    arts, labels = same_story()
    config = StoryConfig()
    vecs = article_vectors(arts, config)
    stories: dict[str, Story] = {}
    for i, lab in enumerate(labels):
        stories.setdefault(lab, Story(lab)).add(Member(str(i), vecs[i]), config.centroid_terms)
    same, other = [], []
    for i, lab in enumerate(labels):
        for k, st in stories.items():
            if k != lab:
                (same if subject(k) == subject(lab) else other).append(cosine(vecs[i], st.centroid))
    same_a, other_a = np.array(same), np.array(other)
    rows = [[f, f"{np.mean(same_a >= f):.2f}", f"{np.mean(other_a >= f):.3f}"]
            for f in (0.03, 0.04, 0.05, 0.06, 0.08, 0.1)]
    print(f"== nearby stories: share of (article, other cluster) pairs at or above the floor; "
          f"{len(same)} pairs of the same subject, {len(other)} of another")
    table(["cosine floor", "same subject kept", "other subject kept"], rows)


SECTIONS = {"ari": bench_ari, "splitcal": bench_splitcal, "ablation": bench_ablation, "order": bench_order, "cap": bench_cap, "clickid": bench_clickid, "scale": bench_scale,
            "refinescale": bench_refine_scale, "baseline": bench_baseline, "nearby": bench_nearby}

if __name__ == "__main__":
    if not DATA.exists():
        sys.exit(f"shared data not found at {DATA}")
    for name in sys.argv[1:] or list(SECTIONS):
        SECTIONS[name]()

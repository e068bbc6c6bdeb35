"""Duplicates, measured on shared data (run by hand: `python bench/bench_dedup.py [section...]`).

Sections: exact (detik 2025 twins), near (planted edited copies in CLICK-ID, vs datasketch),
sweep (shingle size × threshold × verification; SWEEP=thresholds for the threshold rows only),
scale (index bytes per article, time to assign one article at 10k and 100k, with and without exact
verification), storescale (the store's incremental step; STORE_SIZES=10000 for one size,
STORE_VERIFY=0 for a store that decides by the estimate). Story clusters: bench/bench_stories.py.
Timings: median of repeats; the machine is shared, so they are noisy.
"""
from __future__ import annotations

import csv
import gzip
import json
import math
import os
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np

from warta.dedup import (
    DedupConfig,
    UnionFind,
    estimate_jaccard,
    exact_key,
    find_duplicates,
    signature,
    signatures,
)
from warta.dedup.index import NearDupIndex
from warta.dedup.shingles import jaccard, shingle_set, tokens

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news"
CLICKID = DATA / "clickid" / "articles.jsonl.gz"
BOILERPLATE = [
    "Artikel ini telah tayang di Tribunnews.com dengan judul yang sama.",
    "Baca juga: Harga Cabai Naik Jelang Akhir Pekan",
    "Simak berita lainnya di Google News.",
    "Editor: Redaksi",
    "Dapatkan update berita pilihan dan breaking news setiap hari.",
]


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile (the value 95% of the runs do not exceed); one definition for every bench."""
    ranked = sorted(values)
    return ranked[max(math.ceil(0.95 * len(ranked)) - 1, 0)]


def table(headers: list[str], rows: list[list]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]
    print("  ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True)))
    for r in rows:
        print("  ".join(str(x).ljust(w) for x, w in zip(r, widths, strict=True)))
    print()


# -- exact --------------------------------------------------------------------------------------
def bench_exact() -> None:
    csv.field_size_limit(10**8)
    with open(DATA / "detik-2025-annotated" / "data_berita.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    texts = [r["isi_berita"] for r in rows]
    urls = [r["tautan"] for r in rows]
    by_url = defaultdict(list)
    for i, u in enumerate(urls):
        by_url[u].append(i)
    twins = {u: ix for u, ix in by_url.items() if len(ix) > 1}
    expected = {frozenset(p) for ix in twins.values() for p in combinations(ix, 2) if texts[p[0]] == texts[p[1]]}
    t = time.perf_counter()
    res = find_duplicates(texts)
    dt = time.perf_counter() - t
    group = groups_of(res)
    keys = [exact_key(t) for t in texts]
    same_group = {frozenset((i, j)) for i, j in combinations(range(len(texts)), 2) if group[i] == group[j]}
    found_exact = {p for p in same_group if len({keys[i] for i in p}) == 1}
    found_near = same_group - found_exact
    false_exact = [p for p in found_exact if len({urls[i] for i in p}) > 1]
    print("== exact: detik 2025 (1,000 rows)")
    table(["URLs stored 2+ times", "same-URL pairs, identical body", "found (same group, exact)", "missed",
           "exact pairs with different URLs", "near pairs (different URLs)", "seconds"],
          [[len(twins), len(expected), len(expected & found_exact), len(expected - found_exact), len(false_exact),
            len(found_near), f"{dt:.2f}"]])
    for p in list(found_near)[:6]:
        i, j = sorted(p)
        sim = estimate_jaccard(signature(texts[i]), signature(texts[j]))
        print(f"  near pair: {urls[i]} ~ {urls[j]} (estimated J {sim:.2f})")


# -- near: planted copies --------------------------------------------------------------------
def load_clickid(limit: int | None = None) -> list[dict]:
    out = []
    with gzip.open(CLICKID, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if (d.get("content") or "").strip():
                out.append(d)
            if limit and len(out) >= limit:
                break
    return out


def edit_copy(text: str, rng: random.Random, vocab: list[str], other: str) -> tuple[str, float]:
    """An edited copy as outlets re-publish one: 5–20% of the words changed, a paragraph cut or
    added (40% of copies), boilerplate at the top or bottom (60%).

    The word-change rate is drawn per copy, light edits more often than heavy ones (rate = 5% +
    15%·u², u uniform: median 8.75%, a quarter above 13%), spent on runs of 1–5 words (60% single
    words) replaced (60%), deleted (20%) or inserted (20%). With 2-word shingles this gives true
    Jaccard from ~0.35 to ~0.95, about a quarter of the copies at ≥ 0.8 (0.9 needs < 5% changed).
    """
    paras = [p for p in re.split(r"(?<=[.!?\"]),", text) if p.strip()]
    rate = 0.05 + 0.15 * rng.random() ** 2
    budget = max(1, round(len(text.split()) * rate))
    spent = 0
    head: list[str] = []
    tail: list[str] = []
    if rng.random() < 0.6:
        (head if rng.random() < 0.5 else tail).append(rng.choice(BOILERPLATE))
    r = rng.random()
    if r < 0.2 and len(paras) > 4:
        del paras[rng.randrange(len(paras))]
    elif r < 0.4:
        extra = [p for p in re.split(r"(?<=[.!?\"]),", other) if p.strip()]
        if extra:
            paras.insert(rng.randrange(len(paras) + 1), rng.choice(extra))
    words = "\n".join(paras).split(" ")
    while spent < budget:
        span = 1
        while span < 5 and rng.random() < 0.4:  # run length: 1 word 60%, 2 words 24%, 3+ 16%
            span += 1
        span = min(span, budget - spent)
        i = rng.randrange(max(1, len(words) - span))
        op = rng.random()
        if op < 0.6:
            words[i:i + span] = [rng.choice(vocab) for _ in range(span)]
        elif op < 0.8 and len(words) > 2 * span + 10:
            del words[i:i + span]
        else:
            words[i:i] = [rng.choice(vocab) for _ in range(span)]
        spent += span
    return "\n".join([*head, " ".join(words), *tail]), rate


def planted(n_copies: int = 3000, seed: int = 7) -> tuple[list[str], list[tuple[int, int]]]:
    """CLICK-ID with `n_copies` edited copies appended; pairs (original, copy) by position."""
    docs = load_clickid()
    texts = [d["content"] for d in docs]
    rng = random.Random(seed)
    vocab = [w for t in rng.sample(texts, 500) for w in t.split(" ") if w.isalpha()]
    pool = [i for i, t in enumerate(texts) if len(t.split()) >= 80]
    origins = rng.sample(pool, n_copies)
    pairs = []
    for o in origins:
        pairs.append((o, len(texts)))
        texts.append(edit_copy(texts[o], rng, vocab, texts[rng.randrange(len(docs))])[0])
    return texts, pairs


_SETS: dict[tuple[int, int], set] = {}
BUCKETS = [("J>=0.9", 0.9, 2.0), ("0.8-0.9", 0.8, 0.9), ("0.5-0.8", 0.5, 0.8), ("J<0.5", 0.0, 0.5)]


def true_jaccard(texts, a: int, b: int, k: int) -> float:
    for x in (a, b):
        if (x, k) not in _SETS:
            _SETS[(x, k)] = shingle_set(texts[x], k)
    return jaccard(_SETS[(a, k)], _SETS[(b, k)])


def groups_of(res) -> list[int]:
    return [r.origin if r.origin is not None else i for i, r in enumerate(res)]


def evaluate(texts, pairs, config: DedupConfig, res=None) -> dict:
    """Recall per true-Jaccard bucket of the planted copies; precision over every reported pair.

    True Jaccard: of the exact word k-shingle sets (k = the config's shingle size). A reported
    pair (article, its canonical) is right when both are one planted family (an original and
    its copy) or when the two texts are themselves near-duplicates above the threshold (true
    Jaccard ≥ threshold: CLICK-ID has its own re-posts and formulaic articles). Anything else is
    a false positive ("strict"). "Chained" also accepts a pair joined through a path of right
    pairs inside its reported group (A~B, B~C, A≁C: groups are transitive by design).
    """
    if res is None:
        res = find_duplicates(texts, None, config)
    group = groups_of(res)
    k, thr = config.shingle, config.threshold
    base = {c: o for o, c in pairs}
    true_j = {p: true_jaccard(texts, *p, k) for p in pairs}
    buckets = {}
    for name, lo, hi in BUCKETS:
        inb = [p for p in pairs if lo <= true_j[p] < hi]
        buckets[name] = (sum(group[a] == group[b] for a, b in inb), len(inb))
    high = [p for p in pairs if true_j[p] >= 0.8]

    def right(a: int, b: int) -> bool:
        return base.get(a, a) == base.get(b, b) or true_jaccard(texts, a, b, k) >= thr

    predicted = [(i, r.canonical) for i, r in enumerate(res) if r.canonical is not None]
    wrong = [(i, c) for i, c in predicted if not right(i, c)]
    members = defaultdict(list)
    for i, g in enumerate(group):
        members[g].append(i)
    chained_wrong = []
    for i, c in wrong:
        m = members[group[c]]
        uf = UnionFind()
        if len(m) <= 200:
            for a, b in combinations(m, 2):
                if right(a, b):
                    uf.union(a, b)
        if uf.find(i) != uf.find(c):
            chained_wrong.append((i, c))
    return {"buckets": buckets, "J>=0.8": len(high),
            "recall@J>=0.8": sum(group[a] == group[b] for a, b in high) / max(len(high), 1),
            "recall(all planted)": sum(group[a] == group[b] for a, b in pairs) / len(pairs),
            "reported": len(predicted), "wrong": wrong, "chained_wrong": chained_wrong,
            "precision": 1 - len(wrong) / max(len(predicted), 1),
            "precision_chained": 1 - len(chained_wrong) / max(len(predicted), 1),
            "natural pairs": sum(1 for i, c in predicted if i not in base and c not in base), "true_j": true_j}


def datasketch_run(texts, config: DedupConfig):
    """datasketch's documented fast path on the same shingles (warta's tokens, k-word shingles):
    `MinHash.bulk` (one permutation setup for all), then `MinHashLSH` query + insert per article,
    with the same num_perm and the same bands × rows as warta; candidates verified as warta
    verifies them (`config.verify`: estimate ≥ threshold − margin, then the exact Jaccard of the
    two shingle sets, as Python sets, ≥ threshold; else estimate ≥ threshold), groups by the same
    union-find. Returns the results and (wall, CPU) seconds."""
    from datasketch import MinHash, MinHashLSH

    from warta.dedup.corpus import DupResult
    from warta.dedup.parents import NONE, choose_parents, origins

    t, c = time.perf_counter(), time.process_time()
    k = config.shingle
    sets = []
    for text in texts:
        w = tokens(text)
        sets.append([b" ".join(w[j:j + k]) for j in range(max(1, len(w) - k + 1))] if w else [])
    sketches = MinHash.bulk(sets, num_perm=config.num_perm, seed=1)
    lsh = MinHashLSH(threshold=config.threshold, num_perm=config.num_perm, params=(config.bands, config.rows))
    floor = config.threshold - config.margin if config.verify else config.threshold
    exact: dict[int, set] = {}

    def exact_set(i: int) -> set:
        if i not in exact:
            exact[i] = set(sets[i])
        return exact[i]

    pairs = []
    for i, m in enumerate(sketches):
        if not sets[i]:
            continue  # no words: never a near-duplicate (as in warta)
        for j in lsh.query(m):
            if m.jaccard(sketches[j]) < floor:
                continue
            if config.verify:
                a, b = exact_set(i), exact_set(j)
                if len(a & b) < config.threshold * len(a | b):
                    continue
            pairs.append((j, i))
        lsh.insert(i, m)
    # The same parent rule as warta (`dedup/parents.py`) over datasketch's pairs: each copy points
    # to the earliest article it was accepted with, groups are the chains' origins.
    later, earlier = np.array([p[1] for p in pairs], dtype=np.int64), np.array([p[0] for p in pairs], dtype=np.int64)
    parent, _, _ = choose_parents(np.arange(len(texts)), [None] * len(texts), later, earlier, np.ones(len(pairs)))
    root = origins(parent)
    out = [DupResult(None) if parent[i] == NONE else DupResult(int(parent[i]), "near", None, int(root[i]))
           for i in range(len(texts))]
    return out, (time.perf_counter() - t, time.process_time() - c)


def timed_warta(texts, config: DedupConfig, repeats: int):
    runs, res = [], None
    for _ in range(repeats):
        t, c = time.perf_counter(), time.process_time()
        res = find_duplicates(texts, None, config)
        runs.append((time.perf_counter() - t, time.process_time() - c))
    return res, runs


def bench_near(with_datasketch: bool = True, repeats: int = 5, ds_repeats: int = 3) -> None:
    texts, pairs = planted()
    config = DedupConfig()
    n0 = len(texts) - len(pairs)
    print(f"== near: CLICK-ID {n0:,} articles + {len(pairs):,} planted edited copies (5–20% of words changed)\n"
          f"   config {config}; load average before: {os.getloadavg()[0]:.2f}", flush=True)
    systems = []  # name, evaluation, runs, verified?
    for verify in (True, False):
        cfg = DedupConfig(verify=verify)
        res, runs = timed_warta(texts, cfg, repeats)
        systems.append((f"warta (rensa){', exact-verified' if verify else ', estimate only'}",
                        evaluate(texts, pairs, config, res), runs, verify))
        if with_datasketch:
            druns, dres = [], None
            for _ in range(ds_repeats):
                dres, dt = datasketch_run(texts, cfg)
                druns.append(dt)
            systems.append((f"datasketch 2.0{', exact-verified' if verify else ', estimate only'}",
                            evaluate(texts, pairs, config, dres), druns, verify))
    js = sorted(systems[0][1]["true_j"].values())
    print(f"true {config.shingle}-shingle Jaccard of the copies: min {js[0]:.2f}, median {statistics.median(js):.2f}, "
          f"max {js[-1]:.2f}")
    print("recall of planted copies per true-Jaccard bucket (found / copies)")
    table(["system", *[name for name, _, _ in BUCKETS], "recall J>=0.8", "recall all"],
          [[name, *[f"{e['buckets'][b][0] / max(e['buckets'][b][1], 1):.4f} ({e['buckets'][b][0]}/{e['buckets'][b][1]})"
                    for b, _, _ in BUCKETS], f"{e['recall@J>=0.8']:.4f}", f"{e['recall(all planted)']:.4f}"]
           for name, e, _, _ in systems])
    print(f"precision over every reported pair (a pair is right when planted or truly >= {config.threshold}); "
          f"seconds: median of {repeats} (warta) / {ds_repeats} (datasketch) runs")
    rows = []
    for name, e, r, _ in systems:
        wall, cpu = statistics.median(x for x, _ in r), statistics.median(x for _, x in r)
        rows.append([name, e["reported"], len(e["wrong"]), f"{e['precision']:.4f}", f"{e['precision_chained']:.4f}",
                     e["natural pairs"], f"{wall:.2f}", f"{cpu:.2f}", f"{len(texts) / wall:,.0f}",
                     f"{len(texts) / cpu:,.0f}"])
    table(["system", "reported pairs", "false", "precision", "precision (chained)", "natural pairs", "wall s", "CPU s",
           "articles/s (wall)", "articles/s (CPU)"], rows)
    if with_datasketch:
        for verify in (True, False):
            (_, _, r1, _), (_, _, r2, _) = [x for x in systems if x[3] == verify]
            ratio = [statistics.median(x[j] for x in r2) / statistics.median(x[j] for x in r1) for j in (0, 1)]
            print(f"throughput ratio warta/datasketch, {'both exact-verified' if verify else 'both estimate only'}: "
                  f"{ratio[0]:.1f}x (wall), {ratio[1]:.1f}x (CPU)")
        print(f"load average after: {os.getloadavg()[0]:.2f}\n")
    ev = systems[0][1]
    print("false pairs of warta, exact-verified (true Jaccard of the pair):")
    for i, c in ev["wrong"][:10]:
        print(f"  {i} ~ {c}: J={true_jaccard(texts, i, c, config.shingle):.2f}"
              f"{' (chained)' if (i, c) not in ev['chained_wrong'] else ''}  {texts[i][:60]!r}")
    print()


def bench_sweep(grid=None) -> None:
    """Recall and precision over shingle size, threshold, num_perm, bands × rows and verification
    (`SWEEP=thresholds` in the environment: only the threshold rows, verified and not)."""
    texts, pairs = planted()
    if grid is None and os.environ.get("SWEEP") == "thresholds":
        grid = ([(2, thr, 128, 32, 4, True) for thr in (0.4, 0.45, 0.5, 0.55, 0.6, 0.7)]
                + [(2, thr, 128, 32, 4, False) for thr in (0.5, 0.6)])
    grid = grid or ([(k, 0.5, 128, 32, 4, True) for k in (1, 3)]
                    + [(2, thr, 128, 32, 4, v) for thr in (0.4, 0.5, 0.6, 0.7) for v in (True, False)]
                    + [(2, 0.5, p, b, r, True) for p, b, r in ((64, 16, 4), (64, 21, 3), (128, 25, 5), (128, 42, 3),
                                                               (256, 64, 4))])
    rows = []
    for k, thr, p, b, r, verify in grid:
        config = DedupConfig(shingle=k, threshold=thr, num_perm=p, bands=b, rows=r, verify=verify,
                             margin=min(0.15, thr / 2))
        res, runs = timed_warta(texts, config, 1)
        ev = evaluate(texts, pairs, config, res)
        rows.append([k, thr, p, f"{b}x{r}", "exact" if verify else "estimate",
                     *[f"{ev['buckets'][n][0] / max(ev['buckets'][n][1], 1):.3f}" for n, _, _ in BUCKETS],
                     f"{ev['recall(all planted)']:.3f}", f"{ev['precision']:.4f}", f"{ev['precision_chained']:.4f}",
                     ev["natural pairs"], f"{runs[0][1]:.2f}"], )
        print(*rows[-1], flush=True)
    print("== sweep (buckets: true Jaccard at each row's own shingle size)")
    table(["shingle", "threshold", "num_perm", "bands x rows", "pairs by", *[n for n, _, _ in BUCKETS], "recall all",
           "precision", "precision (chained)", "natural pairs", "CPU s"], rows)


# -- scale --------------------------------------------------------------------------------------
def perturbed(texts: list[str], n: int, rng: random.Random) -> list[str]:
    """n distinct synthetic articles: words of a real one shuffled, 30% replaced."""
    vocab = [w for t in texts[:300] for w in t.split()]
    out = []
    for i in range(n):
        words = texts[i % len(texts)].split()
        if i >= len(texts):
            rng.shuffle(words)
        for _ in range(len(words) * 3 // 10):
            words[rng.randrange(len(words))] = rng.choice(vocab)
        out.append(" ".join(words))
    return out


def bench_scale() -> None:
    """The in-memory index at 10k and 100k articles, with exact verification (the default: the
    candidates' texts shingled again through `sets_for`, the texts held by the caller) and
    without (the estimate decides)."""
    from warta.dedup.verify import shingle_sets

    rng = random.Random(3)
    texts = [d["content"] for d in load_clickid()]
    rows = []
    for n in (10_000, 100_000):
        corpus = perturbed(texts, n, rng)
        new = [texts[rng.randrange(len(texts))] for _ in range(300)]
        for verify in (True, False):
            config = DedupConfig(verify=verify)
            held = list(corpus)  # row → text, as the caller holds them

            def sets_for(rows_: np.ndarray, held=held, config=config):
                return shingle_sets([held[r] for r in rows_.tolist()], config)

            index = NearDupIndex(config, capacity=n + 1000)
            t = time.perf_counter()
            for s in range(0, n, 2000):
                index.add(signatures(corpus[s:s + 2000], config), sets_for)
            build = time.perf_counter() - t
            per, cpu, found = [], [], 0
            for text in new:
                held.append(text)
                t, c = time.perf_counter(), time.thread_time()
                found += bool(index.add(signatures([text], config), sets_for)[0])
                per.append(time.perf_counter() - t)
                cpu.append(time.thread_time() - c)
            rows.append([f"{n:,}", "exact" if verify else "estimate", f"{build:.1f}",
                         f"{index.nbytes() / index.size:.0f}", f"{index.nbytes() * 1_000_000 / index.size / 2**20:.0f}",
                         f"{statistics.median(per) * 1000:.3f}", f"{p95(per) * 1000:.3f}",
                         f"{statistics.median(cpu) * 1000:.3f}", f"{found}/{len(new)}"])
            del index, held
        del corpus
    print(f"== scale: in-memory index (32 bands, 128 perms kept as 16-bit); load average {os.getloadavg()[0]:.2f}")
    table(["articles", "pairs by", "build s", "bytes/article", "MiB per 1M (extrapolated)", "assign one: median ms",
           "p95 ms", "CPU ms (median)", "new with a duplicate"], rows)


def bench_store_scale(sizes=(10_000, 100_000), batch: int = 200) -> None:
    """The incremental store step (`storage.update`, as `warta ingest` calls it per batch of 200):
    time per article when the store already holds 10k and 100k articles. Articles are written
    straight into the articles table (skipping the FTS stemming, which is not dedup's cost)."""
    import tempfile

    from warta.dedup import storage
    from warta.store import SQLiteStore

    rng = random.Random(5)
    texts = [d["content"] for d in load_clickid()]
    corpus = perturbed(texts, max(sizes), rng)
    rows = []
    verify = os.environ.get("STORE_VERIFY", "1") != "0"  # STORE_VERIFY=0: the estimate decides
    dedup_cpu: list[float] = []  # CPU seconds of the duplicate part alone (the rest is stories)
    inner = storage._update_duplicates

    def timed_duplicates(*args, **kwargs):
        c = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            dedup_cpu.append(time.process_time() - c)

    storage._update_duplicates = timed_duplicates
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "scale.db")
        storage.ensure_tables(store)
        storage.load_config(store, DedupConfig(verify=verify))  # a new store records the config it is given
        done = 0
        for target in sizes:
            while done < target:
                ids = [f"s{i}" for i in range(done, min(done + 2000, target))]
                with store.transaction():
                    store.execute("INSERT INTO articles (id, text, source, published, raw_hash, ingested_at) "
                                  "VALUES (?,?,?,?,?,?)",
                                  [(f"s{i}", corpus[i], f"outlet{i % 12}", f"2019-09-{10 + i % 10:02d}", "h", "t")
                                   for i in range(done, done + len(ids))], many=True)
                for b in range(0, len(ids), 1000):
                    storage.update(store, ids[b:b + 1000])
                done += len(ids)
            per, cpu, dups = [], [], []
            for rep in range(5):
                new = [texts[rng.randrange(len(texts))] for _ in range(batch)]
                ids = [f"n{target}-{rep}-{i}" for i in range(batch)]
                with store.transaction():
                    store.execute("INSERT INTO articles (id, text, source, published, raw_hash, ingested_at) "
                                  "VALUES (?,?,?,?,?,?)",
                                  [(x, t, "wire", "2019-09-15", "h", "t") for x, t in zip(ids, new, strict=True)],
                                  many=True)
                t, c = time.perf_counter(), time.process_time()
                dedup_cpu.clear()
                storage.update(store, ids)
                per.append((time.perf_counter() - t) / batch)
                cpu.append((time.process_time() - c) / batch)
                dups.append(sum(dedup_cpu) / batch)
            size = Path(tmp, "scale.db").stat().st_size
            rows.append([f"{target:,}", f"{statistics.median(per) * 1000:.2f}", f"{statistics.median(cpu) * 1000:.2f}",
                         f"{statistics.median(dups) * 1000:.2f}", f"{size / done / 1024:.1f}"])
            print(f"== scale: store step (storage.update: duplicates + stories, SQLite), batches of {batch}, "
                  f"median of 5; pairs by {'exact verification' if verify else 'the estimate'}; "
                  f"load average {os.getloadavg()[0]:.2f}", flush=True)
            table(["articles stored", "ms per new article (wall)", "ms CPU", "ms CPU of the duplicate part",
                   "database KiB per article (all tables)"], rows)
            sys.stdout.flush()
        store.close()
    storage._update_duplicates = inner


SECTIONS = {"exact": bench_exact, "near": bench_near, "sweep": bench_sweep, "scale": bench_scale,
            "storescale": lambda: bench_store_scale(tuple(int(x) for x in os.environ.get(
                "STORE_SIZES", "10000,100000").split(",")))}
# Story clusters (ARI on the same-story set, chosen on one half; the largest CLICK-ID stories of
# 10–20 Sep 2019) are measured by bench/bench_stories.py.

if __name__ == "__main__":
    if not DATA.exists():
        sys.exit(f"shared data not found at {DATA}")
    for name in sys.argv[1:] or list(SECTIONS):
        if name in ("stories", "clickid"):
            sys.exit(f"the {name} section moved to bench/bench_stories.py")
        SECTIONS[name]()

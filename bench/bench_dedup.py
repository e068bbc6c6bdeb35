"""Duplicates and stories, measured on shared data (run by hand: `python bench/bench_dedup.py [section...]`).

Sections: exact (detik 2025 twins), near (planted edited copies in CLICK-ID, vs datasketch),
sweep (shingle size × threshold), stories (same-story clusters 2019: ARI, purity), clickid
(largest CLICK-ID stories of 10–20 Sep 2019), scale (index bytes per article, time to assign one
article at 10k and 100k). Timings: median of repeats; the machine is shared, so they are noisy.
"""
from __future__ import annotations

import csv
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np

from warta.article import Article
from warta.dedup import DedupConfig, estimate_jaccard, exact_key, find_duplicates, signature, signatures
from warta.dedup.corpus import cluster_stories, cluster_stories_detail
from warta.dedup.index import NearDupIndex
from warta.dedup.shingles import jaccard, shingle_set, tokens
from warta.dedup.stories import StoryConfig

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news"
CLICKID = DATA / "clickid" / "articles.jsonl.gz"
BOILERPLATE = [
    "Artikel ini telah tayang di Tribunnews.com dengan judul yang sama.",
    "Baca juga: Harga Cabai Naik Jelang Akhir Pekan",
    "Simak berita lainnya di Google News.",
    "Editor: Redaksi",
    "Dapatkan update berita pilihan dan breaking news setiap hari.",
]


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
    group = [r.canonical if r.canonical is not None else i for i, r in enumerate(res)]
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


def edit_copy(text: str, rng: random.Random, vocab: list[str], other: str) -> str:
    """An edited copy: 5–20% of words changed, a paragraph cut or added, boilerplate added."""
    paras = [p for p in re.split(r"(?<=[.!?\"]),", text) if p.strip()]
    r = rng.random()
    if r < 0.3 and len(paras) > 4:
        del paras[rng.randrange(len(paras))]
    elif r < 0.6:
        extra = [p for p in re.split(r"(?<=[.!?\"]),", other) if p.strip()]
        if extra:
            paras.insert(rng.randrange(len(paras) + 1), rng.choice(extra))
    words = "\n".join(paras).split(" ")
    rate = rng.uniform(0.05, 0.20)
    for _ in range(int(len(words) * rate)):
        i = rng.randrange(len(words))
        op = rng.random()
        if op < 0.6:
            words[i] = rng.choice(vocab)
        elif op < 0.8 and len(words) > 10:
            del words[i]
        else:
            words.insert(i, rng.choice(vocab))
    out = " ".join(words)
    if rng.random() < 0.7:
        out = (out + "\n" + rng.choice(BOILERPLATE)) if rng.random() < 0.5 else (rng.choice(BOILERPLATE) + "\n" + out)
    return out


def planted(n_copies: int = 1000, seed: int = 7) -> tuple[list[str], list[tuple[int, int]]]:
    docs = load_clickid()
    texts = [d["content"] for d in docs]
    rng = random.Random(seed)
    vocab = [w for t in rng.sample(texts, 500) for w in t.split(" ") if w.isalpha()]
    pool = [i for i, t in enumerate(texts) if len(t.split()) >= 80]
    origins = rng.sample(pool, n_copies)
    pairs = []
    for o in origins:
        pairs.append((o, len(texts)))
        texts.append(edit_copy(texts[o], rng, vocab, texts[rng.randrange(len(docs))]))
    return texts, pairs


_J3: dict[tuple[int, int], float] = {}
_SETS: dict[tuple[int, int], set] = {}


def true_jaccard(texts, a: int, b: int, k: int) -> float:
    for x in (a, b):
        if (x, k) not in _SETS:
            _SETS[(x, k)] = shingle_set(texts[x], k)
    return jaccard(_SETS[(a, k)], _SETS[(b, k)])


def evaluate(texts, pairs, config: DedupConfig, res=None):
    """Recall over planted pairs; precision over every predicted (article, canonical) pair.

    A predicted pair is right when both are the same planted family (an original and its copy) or
    when their underlying originals share real text (true 3-shingle Jaccard ≥ 0.3: CLICK-ID has its
    own re-posted and syndicated articles).
    """
    if res is None:
        res = find_duplicates(texts, None, config)
    group = [r.canonical if r.canonical is not None else i for i, r in enumerate(res)]
    base = {c: o for o, c in pairs}
    true_j = {p: true_jaccard(texts, *p, config.shingle) for p in pairs}
    high = [p for p in pairs if true_j[p] >= 0.8]
    found = [p for p in pairs if group[p[0]] == group[p[1]]]
    found_high = [p for p in high if group[p[0]] == group[p[1]]]
    predicted = [(i, r.canonical) for i, r in enumerate(res) if r.canonical is not None]
    wrong = []
    for i, c in predicted:
        bi, bc = base.get(i, i), base.get(c, c)
        if bi != bc and true_jaccard(texts, min(bi, bc), max(bi, bc), 3) < 0.3:
            wrong.append((i, c))
    natural = [p for p in predicted if p[0] not in base and p[1] not in base]
    return {"pairs": len(pairs), "J>=0.8": len(high), "recall@J>=0.8": len(found_high) / max(len(high), 1),
            "recall(all planted)": len(found) / len(pairs),
            "precision": 1 - len(wrong) / max(len(predicted), 1), "wrong": wrong,
            "natural pairs": len(natural), "true_j": true_j}


def datasketch_run(texts, config: DedupConfig):
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=config.threshold, num_perm=config.num_perm)
    canon = [None] * len(texts)
    sketches = []
    t = time.perf_counter()
    for i, text in enumerate(texts):
        w = tokens(text)
        k = config.shingle
        sh = [b" ".join(w[j:j + k]) for j in range(max(1, len(w) - k + 1))] if w else []
        m = MinHash(num_perm=config.num_perm, seed=1)
        if sh:
            m.update_batch(sh)
        # Verify candidates with the estimated Jaccard, as warta does (LSH alone over-reports).
        found = [c for c in lsh.query(m) if m.jaccard(sketches[c]) >= config.threshold]
        if found:
            canon[i] = min(found)
        lsh.insert(i, m)
        sketches.append(m)
    dt = time.perf_counter() - t
    from warta.dedup.corpus import DupResult

    return [DupResult(c if c is None else (canon[c] if canon[c] is not None else c)) for c in canon], dt


def bench_near(with_datasketch: bool = True) -> None:
    texts, pairs = planted()
    config = DedupConfig()
    times = []
    res = None
    for _ in range(3):
        t = time.perf_counter()
        res = find_duplicates(texts, None, config)
        times.append(time.perf_counter() - t)
    ev = evaluate(texts, pairs, config, res)
    js = sorted(ev["true_j"].values())
    print(f"== near: CLICK-ID {len(texts) - len(pairs):,} articles + {len(pairs)} planted edited copies; "
          f"true {config.shingle}-shingle Jaccard of the copies: min {js[0]:.2f}, median {statistics.median(js):.2f}, "
          f"max {js[-1]:.2f}; config {config}")
    rows = [["warta (rensa)", ev["J>=0.8"], f"{ev['recall@J>=0.8']:.4f}", f"{ev['recall(all planted)']:.4f}",
             f"{ev['precision']:.4f}", ev["natural pairs"],
             f"{statistics.median(times):.2f}", f"{len(texts) / statistics.median(times):,.0f}"]]
    if with_datasketch:
        dres, dt = datasketch_run(texts, config)
        dev = evaluate(texts, pairs, config, dres)
        rows.append(["datasketch 2.0 (MinHashLSH)", dev["J>=0.8"], f"{dev['recall@J>=0.8']:.4f}",
                     f"{dev['recall(all planted)']:.4f}", f"{dev['precision']:.4f}",
                     dev["natural pairs"], f"{dt:.2f}", f"{len(texts) / dt:,.0f}"])
    table(["system", "planted J>=0.8", "recall@J>=0.8", "recall (all planted)", "precision", "natural pairs",
           "seconds", "articles/s"], rows)
    if with_datasketch:
        print(f"throughput ratio warta/datasketch: {(len(texts) / statistics.median(times)) / (len(texts) / dt):.1f}x\n")
    natural = [(i, r.canonical) for i, r in enumerate(res) if r.canonical is not None and i < len(texts) - len(pairs)]
    print(f"natural (not planted) pairs in CLICK-ID: {len(natural)}; sample with true Jaccard:")
    for i, c in natural[:8]:
        j = jaccard(shingle_set(texts[i], 3), shingle_set(texts[c], 3))
        print(f"  {i} ~ {c}: J={j:.2f}  {texts[i][:60]!r}")
    print()


def bench_sweep(grid=None) -> None:
    texts, pairs = planted()
    grid = grid or [(k, thr, b, r) for b, r in ((20, 6), (32, 4)) for k in (1, 2, 3, 5) for thr in (0.5, 0.6, 0.7, 0.8)]
    rows = []
    for k, thr, b, r in grid:
        config = DedupConfig(shingle=k, threshold=thr, bands=b, rows=r)
        t = time.perf_counter()
        ev = evaluate(texts, pairs, config)
        rows.append([k, thr, f"{b}x{r}", ev["J>=0.8"], f"{ev['recall@J>=0.8']:.4f}", f"{ev['recall(all planted)']:.4f}",
                     f"{ev['precision']:.4f}", ev["natural pairs"], f"{time.perf_counter() - t:.1f}"])
    print("== sweep: shingle size × threshold × bands (128 permutations); seconds include the evaluation")
    table(["shingle", "threshold", "bands x rows", "planted J>=0.8", "recall@J>=0.8", "recall (all)", "precision",
           "natural pairs", "seconds"], rows)


# -- stories ------------------------------------------------------------------------------------
def detok(text: str) -> str:
    text = re.sub(r"\s+([,.;:!?)\]'])", r"\1", text)
    return re.sub(r"([(\[])\s+", r"\1", text)


URL_DATE = re.compile(r"/(20\d\d)/?(\d\d)/?(\d\d)")


def same_story() -> tuple[list[Article], list[str]]:
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
            arts.append(Article(id=f"{kw}/{a['id']}", title=(a.get("title") or "").replace(" ...", ""),
                                text=detok(a["text"]), source=host,
                                published=f"{m[1]}-{m[2]}-{m[3]}" if m else None))
            labels.append(kw)
    return arts, labels


def purity(labels: list[str], pred: list[str]) -> float:
    by = defaultdict(Counter)
    for t, p in zip(labels, pred, strict=True):
        by[p][t] += 1
    return sum(c.most_common(1)[0][1] for c in by.values()) / len(labels)


def bench_stories() -> None:
    from sklearn.metrics import adjusted_rand_score

    arts, labels = same_story()
    print(f"== stories: same-story clusters 2019, {len(arts)} relevant articles in {len(set(labels))} keyword clusters "
          f"({sum(a.published is not None for a in arts)} dated from the URL)")
    rows = []
    for thr in (0.15, 0.2, 0.25, 0.3):
        for window in (3, 7):
            for refine_pass in (False, True):
                pred = cluster_stories(arts, None, StoryConfig(threshold=thr, window_days=window), refine_pass)
                rows.append([thr, window, "online + refine" if refine_pass else "online (as ingest)",
                             f"{adjusted_rand_score(labels, pred):.3f}", f"{purity(labels, pred):.3f}",
                             len(set(pred))])
    table(["threshold", "window days", "method", "ARI", "purity", "clusters"], rows)


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
    m = re.match(r"(\d\d)-(\w{3})-(\d\d)", raw) or None
    if m and m[2] in months:
        return f"20{m[3]}-{months[m[2]]:02d}-{m[1]}"
    m = re.match(r"(\w{3}) (\d+), (\d{4})", raw)
    if m and m[1] in months:
        return f"{m[3]}-{months[m[1]]:02d}-{int(m[2]):02d}"
    return None


def bench_clickid_stories() -> None:
    docs = [d for d in load_clickid() if (clickid_date(d) or "") >= "2019-09-10" and (clickid_date(d) or "") <= "2019-09-20"]
    arts = [Article(id=d["id"], title=d["title"], text=d["content"].replace(".,", ".\n"), source=d["source"],
                    published=clickid_date(d)) for d in docs]
    t = time.perf_counter()
    dups = find_duplicates([a.text for a in arts], [a.published for a in arts])
    clusters, stories = cluster_stories_detail(arts, dups)
    dt = time.perf_counter() - t
    size = Counter(clusters)
    print(f"== CLICK-ID 10–20 Sep 2019: {len(arts):,} articles, {len(size):,} stories "
          f"({sum(1 for v in size.values() if v >= 2):,} with ≥ 2 articles), "
          f"{sum(d.canonical is not None for d in dups)} duplicates, {dt:.1f} s")
    rows = []
    for c, n in size.most_common(15):
        st = stories[c]
        rows.append([n, (st.label or "")[:72], len(st.outlets), (st.first_seen or "")[:10], (st.last_seen or "")[:10]])
    table(["articles", "label (most central headline)", "outlets", "first", "last"], rows)
    for word in ("habibie", "revisi uu kpk"):
        hits = [(n, stories[c].label) for c, n in size.most_common()
                if word in (stories[c].label or "").lower()][:5]
        print(f"largest stories with '{word}' in the label: {hits}")
    print()


# -- scale --------------------------------------------------------------------------------------
def perturbed(texts: list[str], n: int, rng: random.Random) -> list[str]:
    """n distinct synthetic articles: sentences of a real one shuffled, 30% of words replaced."""
    vocab = [w for t in texts[:300] for w in t.split()]
    out = []
    for i in range(n):
        words = texts[i % len(texts)].split()
        rng.shuffle(words) if i >= len(texts) else None
        for _ in range(len(words) * 3 // 10):
            words[rng.randrange(len(words))] = rng.choice(vocab)
        out.append(" ".join(words))
    return out


def bench_scale() -> None:
    rng = random.Random(3)
    texts = [d["content"] for d in load_clickid()]
    rows = []
    for n in (10_000, 100_000):
        corpus = perturbed(texts, n, rng)
        index = NearDupIndex(capacity=n + 1000)
        t = time.perf_counter()
        for s in range(0, n, 2000):
            index.add(signatures(corpus[s:s + 2000]))
        build = time.perf_counter() - t
        new = [texts[rng.randrange(len(texts))] for _ in range(300)]
        per = []
        for text in new:
            t = time.perf_counter()
            index.add(signatures([text]))
            per.append(time.perf_counter() - t)
        rows.append([f"{n:,}", f"{build:.1f}", f"{index.nbytes() / index.size:.0f}",
                     f"{index.nbytes() * 1_000_000 / index.size / 2**20:.0f}",
                     f"{statistics.median(per) * 1000:.3f}", f"{np.percentile(per, 95) * 1000:.3f}"])
        del corpus, index
    print("== scale: in-memory index (32 bands, 128 perms kept as 16-bit)")
    table(["articles", "build s", "bytes/article", "MiB per 1M (extrapolated)", "assign one: median ms", "p95 ms"],
          rows)


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
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "scale.db")
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
            per = []
            for rep in range(5):
                new = [texts[rng.randrange(len(texts))] for _ in range(batch)]
                ids = [f"n{target}-{rep}-{i}" for i in range(batch)]
                with store.transaction():
                    store.execute("INSERT INTO articles (id, text, source, published, raw_hash, ingested_at) "
                                  "VALUES (?,?,?,?,?,?)",
                                  [(x, t, "wire", "2019-09-15", "h", "t") for x, t in zip(ids, new, strict=True)],
                                  many=True)
                t = time.perf_counter()
                storage.update(store, ids)
                per.append((time.perf_counter() - t) / batch)
            size = Path(tmp, "scale.db").stat().st_size
            rows.append([f"{target:,}", f"{statistics.median(per) * 1000:.2f}", f"{size / done / 1024:.1f}"])
            print(f"== scale: incremental store step (SQLite), batches of {batch}, median of 5", flush=True)
            table(["articles stored", "ms per new article", "database KiB per article (all tables)"], rows)
            sys.stdout.flush()
        store.close()


SECTIONS = {"exact": bench_exact, "near": bench_near, "sweep": bench_sweep, "stories": bench_stories,
            "clickid": bench_clickid_stories, "scale": bench_scale, "storescale": bench_store_scale}

if __name__ == "__main__":
    if not DATA.exists():
        sys.exit(f"shared data not found at {DATA}")
    for name in sys.argv[1:] or list(SECTIONS):
        SECTIONS[name]()

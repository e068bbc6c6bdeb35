"""Load test of `warta serve` on a big knowledge base (run by hand, loopback only).

    python bench/bench_web.py [--db bench/out/web_100k.db] [--articles 100000] [--requests 400]
                              [--concurrency 1 4] [--repeats 3]

Builds (once) a database of >= 100k articles by perturbing the real CLICK-ID articles (sentence
order shuffled, a sentence dropped, date/outlet/id changed) and inserting them with `store.add`
directly (no pipeline stages); a small gazetteer adds entity mentions, amounts and quotes with
real offsets so article, entity and facet queries have work to do. Then starts
`python -m warta serve` on 127.0.0.1, sends a bounded number of requests per scenario and prints
requests/s and p50/p95/p99 latency (median over repeats). Targets: page p99 < 200 ms, search
p95 < 50 ms.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import subprocess
import sys
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
CLICKID = ROOT.parent / "shared" / "data" / "news" / "clickid" / "articles.jsonl.gz"
OUTLETS = ["Kompas.com", "Tempo.co", "Detik.com", "Okezone", "Sindonews", "Tribunnews", "Liputan6", "Merdeka",
           "Antara", "CNN Indonesia", "Republika", "Suara.com"]
GAZETTEER = {  # name → label: enough to give articles entities with offsets
    "Joko Widodo": "PER", "Jokowi": "PER", "Prabowo": "PER", "Habibie": "PER", "Anies Baswedan": "PER",
    "Ma'ruf Amin": "PER", "Wiranto": "PER", "Tito Karnavian": "PER", "Sri Mulyani": "PER", "Agus Rahardjo": "PER",
    "KPK": "ORG", "DPR": "ORG", "Polri": "ORG", "TNI": "ORG", "BNPB": "ORG", "PDI-P": "ORG", "Gerindra": "ORG",
    "Mahkamah Konstitusi": "ORG", "Bank Indonesia": "ORG", "PSSI": "ORG",
    "Jakarta": "LOC", "Papua": "LOC", "Riau": "LOC", "Surabaya": "LOC", "Bandung": "LOC", "Medan": "LOC",
    "Kalimantan": "LOC", "Sumatera": "LOC", "Bali": "LOC", "Yogyakarta": "LOC", "Indonesia": "LOC",
}
ALIASES = {"Jokowi": "Joko Widodo"}
GAZ_RE = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(GAZETTEER, key=len, reverse=True)) + r")\b")
MONEY_RE = re.compile(r"Rp\s?\d[\d.,]*\s?(?:juta|miliar|triliun)?")
PCT_RE = re.compile(r"\d+(?:,\d+)?\s?persen")
QUOTE_RE = re.compile(r'"([^"]{20,300})"')


def read_clickid(limit: int | None = None) -> list[dict]:
    out = []
    with gzip.open(CLICKID, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            text = (rec.get("content") or "").strip(" -")
            if len(text) < 200:
                continue
            out.append({"id": rec["id"], "title": rec.get("title") or "", "url": rec.get("url"),
                        "text": re.sub(r"\.,(?=\S)", ".\n", text)})
            if limit and len(out) >= limit:
                break
    return out


def facts(text: str) -> tuple[list, list, list]:
    ents = [{"text": m.group(), "label": GAZETTEER[m.group()], "start": m.start(), "end": m.end(),
             "canonical": ALIASES.get(m.group(), m.group())} for m in GAZ_RE.finditer(text)]
    amounts = [{"text": m.group(), "value": 1.0, "unit": "Rp", "start": m.start(), "end": m.end()}
               for m in MONEY_RE.finditer(text)]
    amounts += [{"text": m.group(), "value": float(re.match(r"[\d,]+", m.group()).group().replace(",", ".")),
                 "unit": "persen", "start": m.start(), "end": m.end()} for m in PCT_RE.finditer(text)]
    per = [e["canonical"] for e in ents if e["label"] == "PER"]
    quotes = [{"text": m.group(1), "speaker": per[0] if per else None, "verb": "kata", "direct": True,
               "start": m.start(1), "end": m.end(1)} for m in QUOTE_RE.finditer(text)][:3]
    return ents, amounts, quotes


def perturb(rec: dict, k: int, rng: random.Random):
    from warta import Article

    lines = [ln for ln in rec["text"].split("\n") if ln.strip()]
    if k:
        rng.shuffle(lines)
        if len(lines) > 3:
            lines.pop(rng.randrange(len(lines)))
    text = "\n".join(lines)
    day = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 365 * 5))
    a = Article(id=f"{rec['id']}-{k}", raw=text, text=text, title=rec["title"] + (f" ({k})" if k else ""),
                url=rec["url"], source=OUTLETS[(zlib.crc32(rec["id"].encode()) + k) % len(OUTLETS)],
                published=f"{day.isoformat()}T{rng.randrange(6, 23):02d}:{rng.randrange(60):02d}:00+07:00",
                language="id" if rng.random() > 0.03 else "ms")
    a.entities, a.amounts, a.quotes = facts(text)
    if k % 7 == 1:
        a.cluster = f"story-{rec['id']}"
    return a


def build(db: Path, n: int) -> None:
    from warta.store import open_store

    store = open_store(str(db))
    have = store.count()
    if have >= n:
        store.close()
        return
    base = read_clickid()
    rng = random.Random(20191011)
    print(f"building {db}: {have:,} → {n:,} articles from {len(base):,} CLICK-ID originals", file=sys.stderr)
    t0 = time.perf_counter()
    batch, i = [], have
    while i < n:
        rec = base[i % len(base)]
        batch.append(perturb(rec, i // len(base), rng))
        i += 1
        if len(batch) == 1000:
            store.add(batch)
            batch = []
            if i % 10000 == 0:
                print(f"  {i:,} articles, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if batch:
        store.add(batch)
    store.close()
    print(f"built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


def workload(db: Path, n: int, rng: random.Random) -> dict[str, list[str]]:
    """Request paths per scenario, drawn from the stored data (deterministic)."""
    from warta.store import open_store

    store = open_store(str(db), readonly=True)
    words = []
    for r in store.query("SELECT title FROM articles WHERE rowid % 997 = 0 LIMIT 400"):
        words += [w for w in re.findall(r"[A-Za-z]{5,}", r["title"] or "")]
    ids = [r["id"] for r in store.query("SELECT id FROM articles WHERE rowid % 101 = 0 LIMIT 2000")]
    ents = [r["canonical"] for r in store.query("SELECT DISTINCT canonical FROM mentions LIMIT 50")]
    store.close()

    def q() -> str:
        k = rng.choice([1, 1, 2, 2, 3])
        return " ".join(rng.sample(words, k))

    return {
        "search API (1-3 words)": [f"/api/search?q={quote(q())}&facets=false" for _ in range(n)],
        "search API + facets": [f"/api/search?q={quote(q())}" for _ in range(n)],
        "search API, outlet filter": [f"/api/search?q={quote(q())}&source={quote(rng.choice(OUTLETS))}&facets=false"
                                      for _ in range(n)],
        "search page (HTML)": [f"/search?q={quote(q())}" for _ in range(n)],
        "search page, 2nd page": [f"/search?q={quote(q())}&page=2" for _ in range(n)],
        "article page (HTML)": [f"/articles/{quote(rng.choice(ids))}" for _ in range(n)],
        "article API": [f"/api/articles/{quote(rng.choice(ids))}" for _ in range(n)],
        "entity page (HTML)": [f"/entities/{quote(rng.choice(ents), safe='')}" for _ in range(max(20, n // 10))],
        "overview page": ["/" for _ in range(max(20, n // 10))],
    }


def start_server(db: Path, threads: int) -> tuple[subprocess.Popen, str]:
    from test_web_corpus import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "warta", "serve", "--db", str(db), "--host", "127.0.0.1",
                             "--port", str(port), "--threads", str(threads)], cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/api/stats", timeout=60).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not start")


def run(base: str, paths: list[str], concurrency: int) -> dict:
    assert base.startswith("http://127.0.0.1:"), "loopback only"
    lat: list[float] = []
    errors = 0
    clients = [httpx.Client(base_url=base, timeout=30) for _ in range(concurrency)]

    def one(i: int) -> tuple[float, int]:
        c = clients[i % concurrency]
        t = time.perf_counter()
        r = c.get(paths[i])
        r.read()
        return (time.perf_counter() - t) * 1000, r.status_code

    t0 = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for ms, status in pool.map(one, range(len(paths))):
            lat.append(ms)
            errors += status >= 400
    wall = time.perf_counter() - t0
    for c in clients:
        c.close()
    lat.sort()

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(round(p / 100 * (len(lat) - 1))))]

    return {"n": len(lat), "rps": len(lat) / wall, "p50": pct(50), "p95": pct(95), "p99": pct(99), "max": lat[-1],
            "errors": errors}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "web_100k.db")
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=400, help="requests per scenario and repeat")
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 4])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--threads", type=int, default=8, help="server request threads")
    ap.add_argument("--only", nargs="*", help="scenario name prefixes")
    args = ap.parse_args()
    if not CLICKID.exists():
        raise SystemExit(f"CLICK-ID articles not found at {CLICKID}")
    args.db.parent.mkdir(parents=True, exist_ok=True)
    build(args.db, args.articles)
    proc, base = start_server(args.db, args.threads)
    try:
        with httpx.Client(base_url=base, timeout=60) as c:
            stats = c.get("/api/stats").json()
        print(f"\nwarta serve on {base}, {stats['articles']:,} articles, {stats['entities']:,} entities, "
              f"{stats['quotes']:,} quotes, {stats['amounts']:,} amounts; {args.requests} requests per scenario, "
              f"median of {args.repeats} repeats\n")
        print(f"{'scenario':28} {'conc':>4} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7} {'err':>4}")
        for conc in args.concurrency:
            # Each scenario runs repeats + 1 times; the first warms caches and is not counted.
            rng = random.Random(7)
            scenarios = workload(args.db, args.requests * (args.repeats + 1), rng)
            for name, paths in scenarios.items():
                if args.only and not any(name.startswith(p) for p in args.only):
                    continue
                per = len(paths) // (args.repeats + 1)
                runs = [run(base, paths[i * per:(i + 1) * per], conc) for i in range(args.repeats + 1)][1:]
                med = {k: statistics.median(r[k] for r in runs) for k in ("rps", "p50", "p95", "p99", "max")}
                err = sum(r["errors"] for r in runs)
                print(f"{name:28} {conc:>4} {med['rps']:>7.0f} {med['p50']:>7.1f} {med['p95']:>7.1f} "
                      f"{med['p99']:>7.1f} {med['max']:>7.1f} {err:>4}", flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()

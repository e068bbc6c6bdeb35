"""Scaling and the big-corpus path: Dask vs the plain process pool, shards → SQLite and PostgreSQL.

    .venv/bin/python bench/bench_scale.py scaling --articles 1000 --repeat 3
    .venv/bin/python bench/bench_scale.py corpus --articles 100000 --stages prepare,clean

`scaling`: the first N CLICK-ID articles (an uncompressed JSONL copy, so byte-range shards apply)
through the default stages with (a) the plain runner in-process, (b) its process pool with 2
workers, (c) Dask LocalCluster with 1 worker and (d) with 2 workers. Throughput is timed with the
models already loaded (the pool forks a parent that has them; each Dask worker loads its own in a
warm-up task); cluster start and model loading are reported apart.

`corpus`: a synthetic corpus of perturbed CLICK-ID articles (sentences shuffled and dropped, words
swapped, dates and outlets changed, ~15% syndicated copies: exact or lightly edited), extracted on
Dask (2 workers) to Parquet shards, deduplicated in stages, bulk-loaded into SQLite and into a
throwaway PostgreSQL server (tests/pg.py), then 200 two-word searches on each: p50/p95 latency.
Prints tables; run by hand (the machine has 2 cores shared with others: repeat and take medians).

The 1M run goes step by step (each resumable, figures appended to --log as JSON lines):

    bench_scale.py generate --articles 1000000 --out BIG/synthetic.jsonl --log BIG/results.jsonl
    bench_scale.py extract --input BIG/synthetic.jsonl --out BIG/out --stages prepare,clean,langid,index
    bench_scale.py dedup --shards BIG/out
    bench_scale.py pg start --dir BIG/pg          # prints the URL; `pg stop --dir BIG/pg` afterwards
    bench_scale.py load --shards BIG/out --db BIG/kb.db          (and --db URL)
    bench_scale.py latency --shards BIG/out --sqlite BIG/kb.db --postgres URL
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CLICKID = REPO.parent / "shared" / "data" / "news" / "clickid" / "articles.jsonl.gz"
sys.path.insert(0, str(REPO))  # tests/pg.py starts the PostgreSQL server
sys.path.insert(0, str(Path(__file__).resolve().parent))  # the other bench scripts

from bench_dedup import p95  # noqa: E402


def _records(n: int) -> list[dict]:
    out = []
    with gzip.open(CLICKID, "rt", encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line))
            if len(out) >= n:
                break
    return out


def _write(path: Path, records: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def _table(title: str, header: list[str], rows: list[list]) -> None:
    print(f"\n{title}")
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    print("  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True)))
    for r in rows:
        print("  ".join(str(x).ljust(w) for x, w in zip(r, widths, strict=True)))


# -- scaling ------------------------------------------------------------------------------------
# Steady-state throughput: models are loaded before the clock starts on every path (the pool forks
# a parent that has them; Dask workers load them in a warm-up task), and the start-up costs are
# reported apart, so the ratio measures the work, not the model loading.
def _cpu() -> float:
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _plain(path: Path, workers: int) -> tuple[float, float]:
    """(articles/s, CPU ms per article: this process and its pool workers)."""
    from warta.ingest import extract
    from warta.problems import Problems
    from warta.readers import iter_articles
    from warta.runner import _pipeline

    _pipeline(None)
    c, t = _cpu(), time.perf_counter()
    n = sum(1 for _ in extract(iter_articles([str(path)], Problems(quiet=True)), workers=workers))
    return n / (time.perf_counter() - t), (_cpu() - c) * 1000 / n


def _warm(stages: list[str]) -> None:
    from warta.runner import _pipeline

    _pipeline(stages)


def _dask(path: Path, workers: int, out: Path, n: int, shard_bytes: int) -> tuple[float, float, float, float, float]:
    """(articles/s, CPU ms per article on the workers + client, peak RSS per worker MB, cluster start s,
    model load s)."""
    from warta.pipeline import available_stages
    from warta.scale import extract_distributed, open_cluster

    stages = available_stages()
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    with open_cluster(f"local:{workers}") as client:
        client.wait_for_workers(workers)
        t1 = time.perf_counter()
        client.run(_warm, stages)
        t2 = time.perf_counter()
        c = time.process_time()
        m = extract_distributed([str(path)], out, client=client, stages=stages, shard_bytes=shard_bytes)
        secs = time.perf_counter() - t2
        cpu = sum(s["cpu_seconds"] for s in m["shards"]) + time.process_time() - c
    assert m["articles"] == n, m["articles"]
    return n / secs, cpu * 1000 / n, max(s["peak_rss_mb"] for s in m["shards"]), t1 - t0, t2 - t1


def scaling(args: argparse.Namespace) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="warta-bench-"))
    records = _records(args.articles)
    path = tmp / "clickid.jsonl"
    _write(path, records)
    shard_bytes = max(64 * 1024, path.stat().st_size // 16)  # ~16 shards: enough to balance 2 workers
    names = ("plain 1", "pool 2", "dask 1", "dask 2")
    runs: dict[str, list[float]] = {k: [] for k in names}
    cpu: dict[str, list[float]] = {k: [] for k in names}
    extra: dict[str, list[tuple[float, float, float]]] = {"dask 1": [], "dask 2": []}
    for rep in range(args.repeat):
        for k, w in (("plain 1", 1), ("pool 2", 2)):
            rate, per = _plain(path, w)
            runs[k].append(rate)
            cpu[k].append(per)
        for w in (1, 2):
            rate, per, peak, start, load = _dask(path, w, tmp / "out", len(records), shard_bytes)
            runs[f"dask {w}"].append(rate)
            cpu[f"dask {w}"].append(per)
            extra[f"dask {w}"].append((peak, start, load))
        print(f"repeat {rep + 1}: " + ", ".join(f"{k} {v[-1]:.1f}/s {cpu[k][-1]:.1f} ms CPU" for k, v in runs.items()),
              flush=True)
    med = {k: statistics.median(v) for k, v in runs.items()}
    mcpu = {k: statistics.median(v) for k, v in cpu.items()}

    def m(k: str, i: int) -> str:
        return f"{statistics.median(x[i] for x in extra[k]):.1f}" if k in extra else "-"

    _table(f"Scaling: {len(records)} CLICK-ID articles, default stages, models loaded before timing, median of "
           f"{args.repeat}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
           ["run", "articles/s", "all runs", "CPU ms/article", "peak RSS/worker MB", "cluster start s",
            "model load s"],
           [[k, f"{med[k]:.1f}", " ".join(f"{x:.1f}" for x in runs[k]), f"{mcpu[k]:.1f}", m(k, 0), m(k, 1), m(k, 2)]
            for k in names])
    print(f"\nwall: dask 2 / dask 1 = {med['dask 2'] / med['dask 1']:.2f}x, pool 2 / plain 1 = "
          f"{med['pool 2'] / med['plain 1']:.2f}x; Dask vs pool (2 workers) {(med['pool 2'] / med['dask 2'] - 1) * 100:+.0f}% "
          f"time. CPU per article: Dask {(mcpu['dask 2'] / mcpu['pool 2'] - 1) * 100:+.0f}% vs the pool.")
    shutil.rmtree(tmp, ignore_errors=True)


# -- the synthetic corpus -------------------------------------------------------------------------
OUTLETS = ["KabarNusa", "Warta Jateng", "Suara Timur", "Harian Andalas", "Berita Borneo", "Kompas.com",
           "Detik", "Tribun Sulawesi", "Pos Kupang", "Radar Papua"]


def perturb(rec: dict, rng: random.Random, i: int) -> dict:
    text = rec.get("content") or rec.get("text") or ""
    sents = [s for s in text.replace("\n", " ").split(". ") if s.strip()]
    rng.shuffle(sents)
    if len(sents) > 3:
        sents = sents[: max(3, int(len(sents) * rng.uniform(0.6, 1.0)))]
    words = ". ".join(sents).split() or ["kosong"]
    for _ in range(max(1, len(words) // 25)):  # swap ~4% of word pairs
        a, b = rng.randrange(len(words)), rng.randrange(len(words))
        words[a], words[b] = words[b], words[a]
    return {"id": f"syn-{i:07d}", "title": rec.get("title"), "source": rng.choice(OUTLETS),
            "date": f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "url": f"https://synthetic.example/{i}", "content": " ".join(words)}


def synthetic(n: int, path: Path, seed: int = 1) -> int:
    rng = random.Random(seed)
    base = _records(10**9)
    written = 0
    recent: list[dict] = []
    with open(path, "w", encoding="utf-8") as f:
        while written < n:
            if recent and rng.random() < 0.15:  # a syndicated copy of a recent article
                src = dict(rng.choice(recent))
                if rng.random() < 0.5:
                    w = src["content"].split() or ["kosong"]
                    for _ in range(3):
                        w[rng.randrange(len(w))] = rng.choice(w)
                    src["content"] = " ".join(w)
                src.update(id=f"syn-{written:07d}", source=rng.choice(OUTLETS))
                rec = src
            else:
                rec = perturb(rng.choice(base), rng, written)
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            recent = (recent + [rec])[-500:]
            written += 1
    return written


def _backend_pid(store) -> int | None:
    if getattr(store, "backend", "") == "postgresql":
        pid = store.conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        _same_autogroup(pid)
        return pid
    return None


def _same_autogroup(pid: int) -> None:
    """Give the PostgreSQL backend serving us the scheduler priority of this process. With Linux's
    autogroup scheduling every session is one group, and a backend calls setsid(): without this the
    server side competes with every other session on equal terms while SQLite runs in ours."""
    try:
        nice = Path("/proc/self/autogroup").read_text().split()[-1]
        Path(f"/proc/{pid}/autogroup").write_text(nice)
    except (OSError, ValueError):
        pass  # not Linux, no autogroup, or not allowed: measure as is


def _cpu_ns(pid: int | None) -> int:
    """CPU time used so far: this thread (SQLite runs in-process), plus the PostgreSQL backend serving
    us (same machine; /proc/PID/schedstat, nanoseconds). Unlike wall time, it does not grow while
    the process waits for a core, which on this shared 2-core machine is most of the noise."""
    ns = time.thread_time_ns()
    if pid is not None:
        with open(f"/proc/{pid}/schedstat") as f:
            ns += int(f.read().split()[0])
    return ns


def _latency(store, queries: list[str]) -> dict[str, float]:
    pid = _backend_pid(store)
    wall, cpu = [], []
    for q in queries:
        c, t = _cpu_ns(pid), time.perf_counter()
        store.search(q, limit=10)
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((_cpu_ns(pid) - c) / 1e6)
    return {"p50": statistics.median(wall), "p95": p95(wall), "max": max(wall),
            "cpu p50": statistics.median(cpu), "cpu p95": p95(cpu)}


def _latency_table(stores: dict, queries: list[str], rounds: int = 3) -> None:
    for s in stores.values():
        for q in queries:  # warm: page cache and the snippet stemmer's word cache
            s.search(q, limit=10)
    runs: dict[str, list[dict[str, float]]] = {k: [] for k in stores}
    for _ in range(rounds):
        for name, s in stores.items():  # interleaved, so both see the same machine load
            runs[name].append(_latency(s, queries))
    keys = ["p50", "p95", "max", "cpu p50", "cpu p95"]
    _table(f"Search latency, {len(queries)} two-word queries (top 10 + total + snippets), ms, "
           f"median of {rounds} rounds; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
           ["store", *keys], [[n, *(f"{statistics.median(r[k] for r in rs):.1f}" for k in keys)]
                              for n, rs in runs.items()])


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _load_avg() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


class _Ticker:
    """`progress` for extract_distributed: one line per finished shard (to estimate a long run early)."""

    def __init__(self, total: int | None = None):
        self.t0, self.n, self.total = time.perf_counter(), 0, total

    def advance(self, n: int) -> None:
        self.n += n
        secs = time.perf_counter() - self.t0
        eta = f", ETA {(self.total - self.n) * secs / self.n:.0f} s" if self.total and self.n else ""
        print(f"  {self.n} articles in {secs:.0f} s ({self.n / secs:.0f}/s{eta}); {_load_avg()}", flush=True)


def run_extract(src: Path, out: Path, stages: list[str], workers: int, shard_mb: int, total: int | None = None) -> dict:
    """Extract on a fresh LocalCluster; returns the figures (wall and CPU time, peak RSS per worker)."""
    from warta.scale import extract_distributed, open_cluster

    shutil.rmtree(out, ignore_errors=True)
    with open_cluster(f"local:{workers}") as client:
        client.wait_for_workers(workers)
        t, c = time.perf_counter(), time.process_time()
        m = extract_distributed([str(src)], out, client=client, stages=stages, shard_bytes=shard_mb * 2**20,
                                progress=_Ticker(total))
        secs = time.perf_counter() - t
        client_cpu = time.process_time() - c
    peak: dict[str, float] = {}
    for sh in m["shards"]:
        peak[sh["worker"]] = max(peak.get(sh["worker"], 0.0), sh["peak_rss_mb"])
    cpu = sum(sh["cpu_seconds"] for sh in m["shards"])
    return {"articles": m["articles"], "seconds": secs, "rate": m["articles"] / secs, "shards": len(m["shards"]),
            "complete": m["complete"], "worker_cpu_s": cpu, "client_cpu_s": client_cpu,
            "cpu_ms_per_article": (cpu + client_cpu) * 1000 / max(1, m["articles"]),
            "peak_rss_mb_per_worker": peak, "shards_mb": _size(out) / 1e6, "load": _load_avg()}


def run_dedup(out: Path, workers: int) -> dict:
    from warta.scale import dedup_distributed, open_cluster

    with open_cluster(f"local:{workers}") as client:
        client.wait_for_workers(workers)
        t = time.perf_counter()
        d = dedup_distributed(out, client=client)
        secs = time.perf_counter() - t
    return {"seconds": secs, "duplicates": d["duplicates"], "parts": d["seconds"], "buckets": d["buckets"],
            "load": _load_avg()}


def run_load(out: Path, db: str, batch_size: int = 1000) -> dict:
    """Bulk-load the shards into one store; wall time, this process's CPU and (PostgreSQL) the server
    backend's CPU, so a load that shared the cores with another still has an honest cost."""
    from warta.scale import load_shards
    from warta.store import open_store

    if "://" not in db:
        for x in ("", "-wal", "-shm"):
            Path(db + x).unlink(missing_ok=True)
    store = open_store(db)
    pid = _backend_pid(store)
    backend0 = _cpu_ns(pid) - time.thread_time_ns()
    t, c = time.perf_counter(), time.process_time()
    res = load_shards(out, store, batch_size=batch_size, corpus_steps=False)
    secs, cpu = time.perf_counter() - t, time.process_time() - c
    backend = (_cpu_ns(pid) - time.thread_time_ns() - backend0) / 1e9
    if store.backend == "sqlite":
        t2 = time.perf_counter()
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finish = time.perf_counter() - t2
        size = sum(Path(db + x).stat().st_size for x in ("", "-wal") if Path(db + x).exists())
    else:
        t2 = time.perf_counter()
        store.conn.execute("VACUUM ANALYZE articles")
        store.conn.execute("VACUUM ANALYZE article_search")
        finish = time.perf_counter() - t2
        size = store.conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    store.close()
    return {"store": store.backend, "inserted": res.inserted, "seconds": secs, "rate": res.inserted / secs,
            "client_cpu_s": cpu, "server_cpu_s": backend if pid else None, "finish_s": finish,
            "size_mb": size / 1e6, "load": _load_avg()}


def _report(step: str, figures: dict, log: Path | None) -> None:
    print(f"{step}: " + json.dumps(figures, default=lambda x: round(x, 3) if isinstance(x, float) else str(x)),
          flush=True)
    if log is not None:
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps({"step": step, "at": time.strftime("%H:%M:%S"), **figures}) + "\n")


def corpus(args: argparse.Namespace) -> None:
    """All steps in one go (small corpora); the big run uses the step subcommands below."""
    from tests.pg import require_postgres

    from warta.store import open_store

    tmp = Path(args.tmp or tempfile.mkdtemp(prefix="warta-corpus-"))
    tmp.mkdir(parents=True, exist_ok=True)
    src = tmp / "synthetic.jsonl"
    t = time.perf_counter()
    n = synthetic(args.articles, src)
    gen = time.perf_counter() - t
    stages = [s for s in args.stages.split(",") if s]
    out = tmp / "out"
    rows = [["generate synthetic JSONL", f"{gen:.1f}", f"{n} articles, {src.stat().st_size / 1e6:.0f} MB"]]
    e = run_extract(src, out, stages, args.workers, args.shard_mb)
    rows.append([f"extract on Dask ({args.workers} workers, stages {','.join(stages)})", f"{e['seconds']:.1f}",
                 f"{e['rate']:.0f} articles/s, {e['shards']} shards, peak RSS/worker "
                 f"{max(e['peak_rss_mb_per_worker'].values()):.0f} MB, shards {e['shards_mb']:.0f} MB"])
    d = run_dedup(out, args.workers)
    rows.append(["dedup in stages (signatures, candidates, verification, parents)", f"{d['seconds']:.1f}",
                 f"{d['duplicates']} copies; {d['parts']}"])
    queries = _queries(out, args.queries)
    targets = [("SQLite", str(tmp / "kb.db"))]
    try:
        targets.append(("PostgreSQL", require_postgres().new_database()))
    except BaseException as exc:  # noqa: BLE001 - pytest.skip outside pytest
        print(f"PostgreSQL skipped: {exc}")
    for name, db in targets:
        r = run_load(out, db)
        rows.append([f"bulk load into {name}", f"{r['seconds']:.1f}",
                     f"{r['rate']:.0f} articles/s, store {r['size_mb']:.0f} MB"])
    _table(f"Synthetic corpus: {n} perturbed CLICK-ID articles", ["step", "seconds", "notes"], rows)
    _latency_table({k: open_store(v, readonly=True) for k, v in targets}, queries)
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)


# -- the big run, one step per command (resumable; figures appended to --log as JSON lines) -------
def step_generate(args: argparse.Namespace) -> None:
    t = time.perf_counter()
    n = synthetic(args.articles, Path(args.out))
    _report("generate", {"articles": n, "seconds": time.perf_counter() - t,
                         "mb": Path(args.out).stat().st_size / 1e6}, _log(args))


def step_extract(args: argparse.Namespace) -> None:
    stages = [s for s in args.stages.split(",") if s] if args.stages != "default" else None
    if stages is None:
        from warta.pipeline import available_stages

        stages = available_stages()
    figures = run_extract(Path(args.input), Path(args.out), stages, args.workers, args.shard_mb, args.expect)
    _report(f"extract {','.join(stages)}", figures, _log(args))


def step_dedup(args: argparse.Namespace) -> None:
    _report("dedup", run_dedup(Path(args.shards), args.workers), _log(args))


def step_load(args: argparse.Namespace) -> None:
    _report("load", run_load(Path(args.shards), args.db, args.batch), _log(args))


def _log(args: argparse.Namespace) -> Path | None:
    return Path(args.log) if getattr(args, "log", None) else None


# A PostgreSQL server that outlives one command (tests/pg.py's stops with its process), in a
# directory of our choosing (the 1M database does not belong in /tmp).
def step_pg(args: argparse.Namespace) -> None:
    import pwd
    import subprocess

    from tests.pg import _bin_dir, _free_port

    root = Path(args.dir).resolve()
    data = root / "data"
    bindir = _bin_dir()
    if bindir is None:
        sys.exit("PostgreSQL binaries not found under /usr/lib/postgresql")
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(cmd: list[str]) -> None:
        subprocess.run(as_user + cmd, check=True, cwd=root)

    if args.action == "stop":
        run([f"{bindir}/pg_ctl", "-D", str(data), "-m", "fast", "stop"])
        return
    root.mkdir(parents=True, exist_ok=True)
    if as_user:
        pw = pwd.getpwnam("postgres")
        os.chown(root, pw.pw_uid, pw.pw_gid)
    if not data.exists():
        run([f"{bindir}/initdb", "-D", str(data), "-U", "warta", "--auth=trust", "-E", "UTF8", "--locale=C",
             "--no-sync"])
    port = _free_port()
    # Same settings as the test server, plus shared_buffers (1GB for the 100k and first 1M figures).
    opts = (f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={root} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50 "
            f"-c shared_buffers={args.shared_buffers} "
            "-c maintenance_work_mem=512MB -c max_wal_size=4GB")
    run([f"{bindir}/pg_ctl", "-D", str(data), "-l", str(root / "log"), "-o", opts, "-w", "-t", "60", "start"])
    import psycopg

    with psycopg.connect(f"postgresql://warta@127.0.0.1:{port}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (args.db,)).fetchone():
            conn.execute(f"CREATE DATABASE {args.db}")
    print(f"postgresql://warta@127.0.0.1:{port}/{args.db}")


def _queries(out: Path, n: int, seed: int = 3) -> list[str]:
    """Two-word queries from words of the corpus (mid-frequency, like what people search for)."""
    from collections import Counter

    from warta.scale import iter_shard_articles

    counts: Counter[str] = Counter()
    for i, art in enumerate(iter_shard_articles(out)):
        counts.update(w.lower() for w in art.text.split() if w.isalpha() and len(w) > 4)
        if i >= 5000:
            break
    pool = [w for w, _ in counts.most_common(600)[50:]]
    rng = random.Random(seed)
    return [f"{rng.choice(pool)} {rng.choice(pool)}" for _ in range(n)]


def latency(args: argparse.Namespace) -> None:
    """Search latency alone, on stores already loaded by `corpus --keep` (queries from its shards)."""
    from warta.store import open_store

    queries = _queries(Path(args.shards), args.queries)
    stores = {}
    if args.sqlite:
        stores["SQLite"] = open_store(args.sqlite, readonly=True)
    if args.postgres:
        stores["PostgreSQL"] = open_store(args.postgres, readonly=True)
    _latency_table(stores, queries, args.rounds)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("scaling")
    s.add_argument("--articles", type=int, default=1000)
    s.add_argument("--repeat", type=int, default=3)
    c = sub.add_parser("corpus")
    c.add_argument("--articles", type=int, default=100_000)
    c.add_argument("--stages", default="prepare,clean")
    c.add_argument("--workers", type=int, default=2)
    c.add_argument("--shard-mb", type=int, default=16)
    c.add_argument("--queries", type=int, default=200)
    c.add_argument("--tmp", default=None)
    c.add_argument("--keep", action="store_true")
    lt = sub.add_parser("latency")
    lt.add_argument("--shards", required=True, help="the out/ of a kept corpus run (for the queries)")
    lt.add_argument("--sqlite")
    lt.add_argument("--postgres")
    lt.add_argument("--queries", type=int, default=200)
    lt.add_argument("--rounds", type=int, default=3)
    g = sub.add_parser("generate", help="write the synthetic JSONL")
    g.add_argument("--articles", type=int, required=True)
    g.add_argument("--out", required=True)
    g.add_argument("--log")
    x = sub.add_parser("extract", help="extract a JSONL to Parquet shards on a LocalCluster")
    x.add_argument("--input", required=True)
    x.add_argument("--out", required=True)
    x.add_argument("--stages", default="prepare,clean", help="comma-separated, or 'default'")
    x.add_argument("--workers", type=int, default=2)
    x.add_argument("--shard-mb", type=int, default=16)
    x.add_argument("--expect", type=int, default=None, help="number of articles, for the ETA")
    x.add_argument("--log")
    dd = sub.add_parser("dedup", help="corpus-wide duplicates over the shards, in stages")
    dd.add_argument("--shards", required=True)
    dd.add_argument("--workers", type=int, default=2)
    dd.add_argument("--log")
    ld = sub.add_parser("load", help="bulk-load the shards into one store")
    ld.add_argument("--shards", required=True)
    ld.add_argument("--db", required=True, help="an SQLite path or a postgresql:// URL")
    ld.add_argument("--batch", type=int, default=1000)
    ld.add_argument("--log")
    pg = sub.add_parser("pg", help="start/stop a lasting PostgreSQL server in DIR (prints the URL)")
    pg.add_argument("action", choices=["start", "stop"])
    pg.add_argument("--dir", required=True)
    pg.add_argument("--db", default="warta")
    pg.add_argument("--shared-buffers", default="1GB", help="PostgreSQL's own page cache (start only)")
    args = ap.parse_args()
    if not CLICKID.exists():
        sys.exit(f"CLICK-ID not found at {CLICKID}")
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    {"scaling": scaling, "corpus": corpus, "latency": latency, "generate": step_generate,
     "extract": step_extract, "dedup": step_dedup, "load": step_load, "pg": step_pg}[args.cmd](args)


if __name__ == "__main__":
    main()

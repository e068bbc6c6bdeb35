#!/usr/bin/env python3
"""Time `warta extract` over CLICK-ID: articles/s and peak memory, by input size, workers and stages.

usage: bench/bench_extract.py [--data ../shared/data] [--sizes 2000,8000,23213] [--workers 1,2]
                              [--stages prepare,clean,langid] [--repeat 3]
Runs the real command line (a subprocess per run), samples the proportional set size (PSS) of the
whole process tree (runner + workers) every 200 ms and prints medians over the repeats.
"""
from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"


def subset(src: Path, n: int, tmp: Path) -> Path:
    out = tmp / f"clickid_{n}.jsonl"
    if not out.exists():
        with gzip.open(src, "rt", encoding="utf-8") as f, open(out, "w", encoding="utf-8") as g:
            for i, line in enumerate(f):
                if i >= n:
                    break
                g.write(line)
    return out


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for p in procs:
        try:
            # PSS splits pages shared by the forked workers (the models) between them; summing RSS
            # would count them once per process.
            total += getattr(p.memory_full_info(), "pss", None) or p.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def run_once(path: Path, workers: int, stages: str | None) -> tuple[float, int, int]:
    cmd = [sys.executable, "-m", "warta", "extract", str(path), "--quiet", "--workers", str(workers)]
    if stages:
        cmd += ["--stages", stages]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    ps = psutil.Process(proc.pid)
    peak, lines = 0, 0
    import threading

    def count() -> None:
        nonlocal lines
        for _ in proc.stdout:
            lines += 1

    t = threading.Thread(target=count)
    t.start()
    while proc.poll() is None:
        peak = max(peak, tree_rss(ps))
        time.sleep(0.2)
    t.join()
    return time.perf_counter() - start, peak, lines


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sizes", default="2000,8000,23213")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--stages", default=None, help="comma-separated stage names (default: all installed)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    src = args.data / "news" / "clickid" / "articles.jsonl.gz"
    if not src.exists():
        print(f"CLICK-ID not found at {src}")
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="warta-bench-"))
    print(f"stages: {args.stages or 'all installed'}; cpu cores: {os.cpu_count()}; repeats: {args.repeat} (medians)")
    print(f"{'articles':>9} {'workers':>7} {'seconds':>8} {'articles/s':>11} {'peak MB':>8} {'output':>7}")
    for n in (int(x) for x in args.sizes.split(",")):
        path = subset(src, n, tmp)
        for w in (int(x) for x in args.workers.split(",")):
            runs = [run_once(path, w, args.stages) for _ in range(args.repeat)]
            secs = statistics.median(r[0] for r in runs)
            peak = statistics.median(r[1] for r in runs) / 2**20
            out = runs[0][2]
            print(f"{n:>9} {w:>7} {secs:>8.1f} {out / secs:>11.0f} {peak:>8.0f} {out:>7}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

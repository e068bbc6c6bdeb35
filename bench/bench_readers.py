"""Reader and prepare-stage throughput on CLICK-ID (23k articles), one process.

    .venv/bin/python bench/bench_readers.py [--repeats 5]

Prints a table of medians: reading only (articles/s), the prepare stage alone (articles/s), the
share of `published` values parsed, and HTML preparation on the detik 2022 pages (pages/s).
"""
from __future__ import annotations

import argparse
import io
import resource
import statistics
import time
from pathlib import Path

from warta.prepare import prepare
from warta.problems import Problems
from warta.readers import iter_articles

NEWS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    clickid = NEWS / "clickid" / "articles.jsonl.gz"
    if not clickid.exists():
        raise SystemExit(f"not found: {clickid}")

    read_rates, n = [], 0
    for _ in range(args.repeats):
        problems = Problems(stream=io.StringIO())
        t = time.perf_counter()
        n = sum(1 for _ in iter_articles([str(clickid)], problems))
        read_rates.append(n / (time.perf_counter() - t))

    articles = list(iter_articles([str(clickid)], Problems(stream=io.StringIO())))
    parsed = sum(a.published is not None for a in articles)
    prep_rates = []
    for _ in range(max(1, args.repeats // 2)):
        t = time.perf_counter()
        for a in articles:
            a.text = ""
            prepare(a)
        prep_rates.append(len(articles) / (time.perf_counter() - t))

    pages = list(iter_articles([str(NEWS / "html-detik-2022" / "html")], Problems(stream=io.StringIO())))
    html_rates = []
    for _ in range(args.repeats):
        t = time.perf_counter()
        for _ in range(4):
            for a in pages:
                prepare(a)
        html_rates.append(4 * len(pages) / (time.perf_counter() - t))

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [
        ("CLICK-ID articles read", f"{n:,}"),
        ("read articles.jsonl.gz (articles/s, median)", f"{statistics.median(read_rates):,.0f}"),
        ("prepare, text (articles/s, median, 1 process)", f"{statistics.median(prep_rates):,.0f}"),
        ("published parsed", f"{parsed:,}/{len(articles):,} = {parsed / len(articles):.2%}"),
        ("prepare, HTML detik 2022 (pages/s, median)", f"{statistics.median(html_rates):,.0f}"),
        ("peak RSS (MB; all 23k held in memory for the prepare run)", f"{rss:,.0f}"),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value:>22}")


if __name__ == "__main__":
    main()

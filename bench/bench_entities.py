"""Entities across the corpus: time the CLI and web entity calls on an existing knowledge base.

    .venv/bin/python bench/bench_entities.py --db KB.db [--rounds 5] [--name Jokowi]

Times the library calls behind `warta entities` / `warta entity` (warta.ner.corpus) and behind
the web's entity list and page (warta.web.queries, uncached), plus the `warta entities` command
itself (a fresh process: startup included). Uses whichever warta is importable, so the same
script measures an older checkout (PYTHONPATH=OLD/src). Prints medians of wall and CPU time (ms)
and the load average. Opening the store first (outside the timings) upgrades an older schema.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable


def timed(fn: Callable[[], object], rounds: int) -> tuple[float, float, object]:
    walls, cpus, out = [], [], None
    for _ in range(rounds):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        walls.append((time.perf_counter() - t) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return statistics.median(walls), statistics.median(cpus), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--name", default="Jokowi", help="An entity to describe (any of its names).")
    args = ap.parse_args()

    import warta
    from warta.ner import corpus
    from warta.store import open_store
    from warta.web import queries

    store = open_store(args.db, readonly=True)
    rows: list[tuple[str, float, float, str]] = []

    def run(label: str, fn: Callable[[], object], show: Callable[[object], str]) -> None:
        wall, cpu, out = timed(fn, args.rounds)
        rows.append((label, wall, cpu, show(out)))

    run("cli top_entities(top=20)", lambda: corpus.top_entities(store, top=20),
        lambda r: f"1st {r[0]['canonical']} {r[0]['mentions']}m/{r[0]['articles']}a")
    run("cli top_entities(PER, top=20)", lambda: corpus.top_entities(store, label="PER", top=20),
        lambda r: f"1st {r[0]['canonical']} {r[0]['mentions']}m/{r[0]['articles']}a")
    run(f"cli entity_report({args.name!r})", lambda: corpus.entity_report(store, args.name),
        lambda r: f"{r['canonical']} {r['mentions']}m/{r['articles']}a" if r else "none")
    run("web list_entities(limit=51)", lambda: queries.list_entities(store, limit=51),
        lambda r: f"1st {r[0]['name']} {r[0]['mentions']}m/{r[0]['articles']}a")
    run("web list_entities(PER, page 3)", lambda: queries.list_entities(store, label="PER", limit=51, offset=100),
        lambda r: f"{len(r)} rows")
    run(f"web entity_detail({args.name!r})", lambda: queries.entity_detail(store, args.name),
        lambda r: f"{r['name']} {r['mentions']}m/{r['articles']}a" if r else "none")
    run("web entity_detail('Semarang')", lambda: queries.entity_detail(store, "Semarang"),
        lambda r: f"{r['name']} {r['mentions']}m/{r['articles']}a" if r else "none")
    store.close()
    cmd = [sys.executable, "-m", "warta", "entities", "--db", args.db]
    run("`warta entities --db DB` (process)", lambda: subprocess.run(cmd, capture_output=True, check=True),
        lambda r: "exit 0")

    print(f"warta at {os.path.dirname(warta.__file__)}; db {args.db}; median of {args.rounds}; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(f"{'call':40} {'wall ms':>9} {'cpu ms':>9}  answer")
    for label, wall, cpu, show in rows:
        print(f"{label:40} {wall:9.1f} {cpu:9.1f}  {show}")


if __name__ == "__main__":
    main()

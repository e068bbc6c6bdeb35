"""Score the facts stage (amounts, dates, quotes, attributions) against the gold set, and time
amounts + dates over the detik bodies.

usage: .venv/bin/python bench/bench_facts.py [--gold PATH] [--errors KIND] [--speed N] [--repeat R]

Matching rules are the official scorer's (shared/tools/score_gold.py, imported from there):
amounts match on value and unit, dates on the normalised value, quotes on token overlap (speaker
checked on the matched pairs). The text is cleaned by `warta.clean.make_stage()` when it exists,
else the gold's boilerplate lines are dropped. Attributions have no gold: only counted.
"""
from __future__ import annotations

import argparse
import csv
import importlib
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

from warta.article import Article
from warta.facts import make_stage as make_facts

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_gold", SHARED / "tools" / "score_gold.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def make_cleaner():
    try:
        return importlib.import_module("warta.clean").make_stage()
    except (ModuleNotFoundError, AttributeError):
        return None


def prepare(rec: dict, cleaner) -> Article:
    art = Article(id=rec["id"], raw=rec["raw"], published=rec.get("published"))
    if cleaner is not None:
        art = cleaner(art)
        if art.text:
            return art
    drop = {b["line"] for b in rec.get("boilerplate", [])}
    art.text = "\n".join(line for i, line in enumerate(rec["raw"].split("\n")) if i not in drop)
    return art


def score(gold_path: Path, show: str | None) -> None:
    sg = load_scorer()
    cleaner = make_cleaner()
    facts = make_facts()
    gold = [json.loads(line) for line in open(gold_path) if line.strip()]
    counts = {k: [0, 0, 0] for k in ("amounts", "dates", "quotes")}
    speaker_ok = speaker_n = n_attr = 0
    matchers = {"amounts": sg.amount_match, "dates": lambda a, b: str(a["value"]) == str(b.get("value")),
                "quotes": sg.quote_match}
    for rec in gold:
        rec["raw"] = sg.raw_for(rec)
        art = facts(prepare(rec, cleaner))
        n_attr += len(art.attributions)
        for kind, match in matchers.items():
            pred = getattr(art, kind)
            tp, fp, fn, pairs = sg.greedy(rec.get(kind, []), pred, match)
            c = counts[kind]
            c[0] += tp; c[1] += fp; c[2] += fn  # noqa: E702
            if kind == "quotes":
                speaker_n += len(pairs)
                speaker_ok += sum(1 for g, p in pairs if sg.speaker_match(g.get("speaker", ""), p.get("speaker") or ""))
            if show == kind and (fp or fn):
                matched_p = {id(p) for _, p in pairs}
                matched_g = {id(g) for g, _ in pairs}
                print(f"--- {rec['id']} published {rec.get('published')}")
                for g in rec.get(kind, []):
                    if id(g) not in matched_g:
                        print("   FN", {k: v for k, v in g.items() if k != "speaker" or kind == "quotes"})
                for p in pred:
                    if id(p) not in matched_p:
                        print("   FP", {k: v for k, v in p.items() if k not in ("start", "end")})
    print(f"gold {gold_path.name}: {len(gold)} articles, cleaner={'warta.clean' if cleaner else 'gold boilerplate'}")
    print(f"{'kind':<12}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}")
    for kind, (tp, fp, fn) in counts.items():
        p, r, f = sg.prf(tp, fp, fn)
        print(f"{kind:<12}{tp:>5}{fp:>5}{fn:>5}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
    print(f"{'speakers':<12} right speaker for {speaker_ok}/{speaker_n} matched quotes"
          f" ({speaker_ok / max(1, speaker_n):.3f})")
    print(f"{'attributions':<12} {n_attr} found (no gold)")


def speed(n: int, repeat: int) -> None:
    from warta.facts.amounts import find_amounts
    from warta.facts.dates import find_dates

    path = SHARED / "data" / "news" / "detik-2025-annotated" / "data_berita.csv"
    if not path.exists():
        print(f"speed: {path} not found, skipped")
        return
    csv.field_size_limit(10**9)
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))[:n]
    bodies = [(r["isi_berita"], r.get("tanggal") or None) for r in rows]
    chars = sum(len(b) for b, _ in bodies)
    runs, runs_a, runs_d = [], [], []
    for _ in range(repeat):
        n_a = n_d = 0
        t_a = t_d = 0.0
        for body, _pub in bodies:
            t0 = time.perf_counter()
            n_a += len(find_amounts(body))
            t1 = time.perf_counter()
            n_d += len(find_dates(body, "2025-10-20"))
            t_a += t1 - t0
            t_d += time.perf_counter() - t1
        runs.append(t_a + t_d)
        runs_a.append(t_a)
        runs_d.append(t_d)
    med = statistics.median(runs)
    print(f"speed: {len(bodies)} detik bodies ({chars / len(bodies):.0f} chars avg), amounts+dates, "
          f"{repeat} runs: median {med:.2f} s = {len(bodies) / med:.0f} articles/s "
          f"(runs {', '.join(f'{r:.2f}' for r in runs)}); {n_a} amounts, {n_d} dates")
    print(f"       amounts alone {len(bodies) / statistics.median(runs_a):.0f} articles/s, "
          f"dates alone {len(bodies) / statistics.median(runs_d):.0f} articles/s (medians)")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=SHARED / "data" / "gold" / "dev.jsonl")
    ap.add_argument("--errors", choices=("amounts", "dates", "quotes"), help="print misses and false hits of a kind")
    ap.add_argument("--speed", type=int, default=1000, help="detik bodies to time (0: skip)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"{args.gold} not found")
        return 1
    score(args.gold, args.errors)
    if args.speed:
        speed(args.speed, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Measure the `clean` stage: gold precision / recall, markers left in real corpora, speed.

usage: .venv/bin/python bench/bench_clean.py [--data DIR] [--examples N] [--repeat N] [--skip-corpora]

1. Gold (shared/data/gold/dev.jsonl): line precision and recall of removals against the gold
   `boilerplate` lines, share of article tokens kept, site-prefix accuracy. Definitions mirror
   shared/tools/score_gold.py; "lines only" leaves out fragments cut from kept lines, which that
   script counts as removing the line.
2. Corpora (all 1,000 detik 2025 bodies, all 23k CLICK-ID bodies): share of bodies that contain a
   marker before and after cleaning, per outlet, with a broad detector that is independent of the
   cleaner's lists; examples of what is left; removals per reason.
3. Throughput of the stage, one process, over CLICK-ID (median of --repeat runs).

The stage is called as a library (the prepare stage first when it is installed), so this
runs before and without the CLI.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from warta.article import Article
from warta.clean import make_stage
from warta.pipeline import REGISTRY, available_stages, build_stage
from warta.readers.fields import source_from_url

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

# Broad detector, independent of lang/id/boilerplate.py: if it fires on a clean text, something
# that looks like boilerplate is left (or it is a false alarm: see the examples it prints).
DETECTOR = re.compile(
    r"\bbaca\s*juga\b|\bbaca\s*pula\b|\bsimak\s+juga\b|(?<![a-z])lihat\s+juga\s*:|\btonton\s+juga\b|\bsimak\s+video"
    r"|\badvertisement\b|\bscroll\s+to\b|artikel ini (?:telah|sudah) tayang|\bgambas\b|#\s*grow\s*fearless\s+w"
    r"|\bpenulis\s*:|\beditor\s*:|\breporter\s*:|\b(?:berita|artikel) terkait\s*:|\bhalaman selanjutnya"
    r"|\bikuti kami\b|\bdapatkan update\b|\bbagikan artikel|\buses cookies|menggunakan cookie"
    r"|\(\s*[a-z]{2,5}\s*/\s*[a-z]{2,5}\s*\)\s*$",
    re.I,
)


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "").lower()
    return " ".join(re.sub(r"[^\w%]+", " ", s).split())


def toks(s: str) -> list[str]:
    return norm(s).split()


def make_pipeline():
    """The clean stage, preceded by the prepare stage when that is installed."""
    before = [n for n in ("prepare", "html") if n in REGISTRY]
    stages = [build_stage(n) for n in available_stages(before)] + [make_stage()]

    def run(article: Article) -> Article:
        for stage in stages:
            article = stage(article)
        return article

    return run, available_stages(before) + ["clean"]


def gold_figures(run) -> None:
    path = DATA / "gold" / "dev.jsonl"
    if not path.exists():
        print(f"gold: {path} not found, skipped")
        return
    c: Counter[str] = Counter()
    misses = []
    for line in path.open():
        if not line.strip():
            continue
        g = json.loads(line)
        raw = g["raw"]
        a = run(Article(id=g["id"], raw=raw, raw_format="text"))
        lines = raw.split("\n")
        gb = {b["line"] for b in g.get("boilerplate", [])}
        every = {r["line"] for r in a.removed if isinstance(r.get("line"), int) and 0 <= r["line"] < len(lines) and lines[r["line"]].strip()}
        whole = {r["line"] for r in a.removed if not r.get("inline") and isinstance(r.get("line"), int) and lines[r["line"]].strip()}
        for name, pb in (("", every), ("whole_", whole)):
            c[name + "tp"] += len(gb & pb)
            c[name + "fp"] += len(pb - gb)
            c[name + "fn"] += len(gb - pb)
        for i in sorted(every - gb):
            misses.append(f"  extra   {g['id']} line {i}: {[r['text'][:70] for r in a.removed if r['line'] == i]}")
        for i in sorted(gb - every):
            misses.append(f"  missed  {g['id']} line {i}: {lines[i][:70]!r}")
        kept = Counter(t for i, x in enumerate(lines) if i not in gb for t in toks(x))
        clean = Counter(toks(a.text))
        c["tok_total"] += sum(kept.values())
        c["tok_kept"] += sum((kept & clean).values())
        if g.get("site_prefix"):
            c["prefix_total"] += 1
            site = a.site or (a.dateline or {}).get("outlet") or ""
            if norm(site) == norm(g["site_prefix"]) and not norm(a.text.lstrip()[:60]).startswith(norm(g["site_prefix"])):
                c["prefix_ok"] += 1
        elif a.site:
            c["prefix_spurious"] += 1
        c["articles"] += 1

    def pr(prefix: str) -> tuple[float, float]:
        tp, fp, fn = c[prefix + "tp"], c[prefix + "fp"], c[prefix + "fn"]
        return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)

    p, r = pr("")
    wp, wr = pr("whole_")
    print(f"\n## Gold: {path} ({c['articles']} articles, {c['tp'] + c['fn']} boilerplate lines)\n")
    print("| figure | value | target |")
    print("|---|---|---|")
    print(f"| line precision (every removal, as score_gold.py) | {p:.3f} | >= 0.98 |")
    print(f"| line recall (every removal) | {r:.3f} | >= 0.95 |")
    print(f"| line precision (whole lines only) | {wp:.3f} | >= 0.98 |")
    print(f"| line recall (whole lines only) | {wr:.3f} | >= 0.95 |")
    print(f"| article tokens kept | {c['tok_kept'] / max(1, c['tok_total']):.4f} | >= 0.99 |")
    if c["prefix_total"]:
        print(f"| site prefix accuracy | {c['prefix_ok'] / c['prefix_total']:.3f} ({c['prefix_ok']}/{c['prefix_total']}) | |")
    else:
        print("| site prefix accuracy | n/a (no gold article has a prefix) | |")
    print(f"| site found where gold has none | {c['prefix_spurious']} | 0 |")
    if misses:
        print("\ndifferences from gold:")
        print("\n".join(misses))


def read_detik() -> list[tuple[str, str]]:
    path = DATA / "news" / "detik-2025-annotated" / "data_berita.csv"
    if not path.exists():
        return []
    csv.field_size_limit(10**9)
    with path.open(newline="") as f:
        return [("detik.com (2025)", r["isi_berita"] or "") for r in csv.DictReader(f)]


def read_clickid() -> list[tuple[str, str]]:
    path = DATA / "news" / "clickid" / "articles.jsonl.gz"
    if not path.exists():
        return []
    with gzip.open(path, "rt") as f:
        return [(r["source"], r["content"] or "") for r in map(json.loads, f)]


def corpus_figures(name: str, bodies: list[tuple[str, str]], run, n_examples: int) -> None:
    if not bodies:
        print(f"\n## {name}: data not found, skipped")
        return
    per: dict[str, Counter[str]] = defaultdict(Counter)
    reasons: Counter[tuple[str, str]] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for outlet, body in bodies:
        a = run(Article(raw=body, raw_format="text"))
        c = per[outlet]
        c["n"] += 1
        c["before"] += bool(DETECTOR.search(body))
        m = DETECTOR.search(a.text)
        if m:
            c["after"] += 1
            if len(examples[outlet]) < n_examples:
                examples[outlet].append(a.text[max(0, m.start() - 60):m.end() + 60].replace("\n", " / "))
        for r in a.removed:
            reasons[(r["reason"], "fragment" if r.get("inline") else "line")] += 1
        c["site"] += bool(a.site or a.dateline)
    total = Counter()
    for c in per.values():
        total.update(c)
    print(f"\n## {name}: {total['n']} bodies\n")
    print("| outlet | bodies | with marker before | with marker after (clean) | site/dateline found |")
    print("|---|---|---|---|---|")
    for outlet, c in sorted(per.items(), key=lambda kv: -kv[1]["n"]) + [("ALL", total)]:
        print(f"| {outlet} | {c['n']} | {c['before'] / c['n']:.1%} | {c['after'] / c['n']:.2%} ({c['after']}) | {c['site'] / c['n']:.1%} |")
    print("\nremovals by reason (lines / fragments cut from kept lines):\n")
    print("| reason | lines | fragments |")
    print("|---|---|---|")
    for reason in ("teaser", "ad", "video", "cookie", "share", "credit", "other"):
        print(f"| {reason} | {reasons[(reason, 'line')]} | {reasons[(reason, 'fragment')]} |")
    if n_examples:
        print("\nmarkers left in clean text (examples):")
        for outlet, exs in examples.items():
            for e in exs:
                print(f"  [{outlet}] ...{e}...")


def _detokenise(text: str) -> str:
    """Undo the clusters' tokenisation enough for datelines: "JAKARTA , KOMPAS.com -", "TRIBUNNEWS . COM"."""
    text = re.sub(r"(?<=\w) \. (?=(?:COM|CO|ID|NET)\b)", ".", text, flags=re.I)
    text = re.sub(r" ([,.:;?!)])", r"\1", text)
    return re.sub(r"\( ", "(", text)


def prefix_figures(run, n_examples: int) -> None:
    """Site prefixes on the same-story clusters (many outlets), checked against each URL's host."""
    path = DATA / "news" / "same-story-clusters-2019" / "base_example_1.json"
    if not path.exists():
        print(f"\n## Site prefixes: {path} not found, skipped")
        return
    items = json.loads(path.read_text())["items"]
    c: Counter[str] = Counter()
    wrong, missed = [], []
    for item in items:
        for art in item["base_text"]:
            text = _detokenise(art.get("text") or "")
            host = source_from_url(art.get("url") or "") or ""
            labels = [x.replace("-", "") for x in host.split(".") if x not in ("www", "com", "co", "id", "net", "or", "me")]
            a = run(Article(raw=text, raw_format="text"))
            c["articles"] += 1
            if a.site:
                c["site"] += 1
                site = re.sub(r"[^a-z0-9]", "", a.site.lower())
                core = re.sub(r"(?:com|coid|co|id|net)$", "", site)
                # "Kompas.com" on kompas.com, "TRIBUNSOLO.COM" on solo.tribunnews.com, "ANTARA" on antaranews.com
                if any(x and (x in site or (len(core) >= 4 and core in x)) for x in labels):
                    c["site_matches_host"] += 1
                else:
                    wrong.append(f"{host}: site={a.site!r} prefix={a.meta.get('prefix')!r}")
            elif a.dateline:
                c["dateline_only"] += 1
            elif re.match(r"^\S+\.(?:com|co|id)\b", text, re.I):
                missed.append(f"{host}: {text[:70]!r}")
    print(f"\n## Site prefixes: same-story clusters 2019 ({c['articles']} articles, many outlets; URL host as reference)\n")
    print("| figure | value |")
    print("|---|---|")
    print(f"| articles with a site found | {c['site']} |")
    print(f"| ... naming the URL's outlet | {c['site_matches_host']} ({c['site_matches_host'] / max(1, c['site']):.1%}) |")
    print(f"| articles with a city-only dateline | {c['dateline_only']} |")
    print(f"| opening with a domain-like word but no site found | {len(missed)} |")
    for line in (wrong + missed)[: 3 * n_examples]:
        print("  " + line)


def throughput(bodies: list[tuple[str, str]], repeat: int) -> None:
    if not bodies:
        return
    stage = make_stage()
    rates = []
    for _ in range(repeat):
        articles = [Article(raw=b, raw_format="text") for _, b in bodies]
        t0 = time.perf_counter()
        for a in articles:
            stage(a)
        rates.append(len(articles) / (time.perf_counter() - t0))
    print(f"\n## Throughput: clean stage alone, one process, {len(bodies)} CLICK-ID bodies\n")
    print("| runs | median articles/s | min | max |")
    print("|---|---|---|---|")
    print(f"| {repeat} | {statistics.median(rates):,.0f} | {min(rates):,.0f} | {max(rates):,.0f} |")


def main(argv: list[str]) -> int:
    global DATA
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--examples", type=int, default=3, help="examples of left-over markers per outlet")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-corpora", action="store_true")
    args = ap.parse_args(argv)
    DATA = args.data
    run, names = make_pipeline()
    print(f"# bench_clean (stages: {' -> '.join(names)})")
    gold_figures(run)
    if not args.skip_corpora:
        detik, click = read_detik(), read_clickid()
        corpus_figures("detik 2025 (data_berita.csv)", detik, run, args.examples)
        corpus_figures("CLICK-ID (articles.jsonl.gz)", click, run, args.examples)
        prefix_figures(run, args.examples)
        throughput(click, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

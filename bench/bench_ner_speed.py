"""NER speed: warta's shipped CRF model vs a BERT-base token classifier, on the same news articles.

Usage: .venv/bin/python bench/bench_ner_speed.py [--articles 2000] [--bert-articles 60] [--repeat 3]
(needs the `bench` extra for the BERT side: torch==2.13.0 CPU wheel and transformers).

- Articles: the first N CLICK-ID bodies (../shared/data/news/clickid/articles.jsonl.gz).
- Tokens are counted the same way for both sides: warta's word tokens of the articles processed.
- warta: the full NER stage (sentence split, tagging, canonical names) in 1 process and in a pool
  of 2 processes (one model each), median of --repeat runs.
- BERT: BertForTokenClassification with IndoBERT-base's shape (vocab 50,000, hidden 768, 12 layers,
  12 heads, 3,072 intermediate, 512 positions) and random weights (speed does not depend on the
  weights), torch.set_num_threads(2), inference mode, articles cut into 512-piece windows, batches
  of 8 with dynamic padding. Its WordPiece vocabulary (30,000 pieces) is trained on the bench texts
  themselves so pieces per word are realistic. BERT is slow: it runs on the first --bert-articles
  articles and its tokens/s is extrapolated to the whole set (the ratio uses tokens/s, not totals).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import time
from multiprocessing import Pool
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "data" / "news" / "clickid" / "articles.jsonl.gz"


def load_texts(n: int) -> list[str]:
    out = []
    with gzip.open(NEWS, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = (json.loads(line).get("content") or "").strip()
            if text:
                out.append(text.replace(".,", ".\n"))
            if len(out) >= n:
                break
    return out


_STAGE = None


def _init(model_dir: str | None = None) -> None:
    global _STAGE
    from warta.ner import make_stage

    _STAGE = make_stage(model_dir)


def _run_chunk(texts: list[str]) -> int:
    from warta.article import Article

    n = 0
    for t in texts:
        n += len(_STAGE(Article(text=t)).entities)
    return n


def time_warta(texts: list[str], processes: int, model_dir: str | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process; CPU is NaN for the pool)."""
    if processes == 1:
        _init(model_dir)
        t0, c0 = time.perf_counter(), time.process_time()
        _run_chunk(texts)
        return time.perf_counter() - t0, time.process_time() - c0
    chunks = [texts[i::processes * 8] for i in range(processes * 8)]
    with Pool(processes, initializer=_init, initargs=(model_dir,)) as pool:
        pool.map(_run_chunk, chunks[:processes])  # warm up: model loaded in every worker
        t0 = time.perf_counter()
        pool.map(_run_chunk, chunks, chunksize=1)
        return time.perf_counter() - t0, float("nan")


def time_bert(texts: list[str], all_texts: list[str]) -> tuple[float, float, int]:
    import torch
    from tokenizers import BertWordPieceTokenizer
    from transformers import BertConfig, BertForTokenClassification

    torch.set_num_threads(2)
    wp = BertWordPieceTokenizer(lowercase=True)
    wp.train_from_iterator(all_texts, vocab_size=30000, show_progress=False)
    torch.manual_seed(0)
    cfg = BertConfig(vocab_size=50000, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                     intermediate_size=3072, max_position_embeddings=512, num_labels=7)
    model = BertForTokenClassification(cfg).eval()
    t0, c0 = time.perf_counter(), time.process_time()
    windows: list[list[int]] = []
    pieces = 0
    for text in texts:
        ids = wp.encode(text, add_special_tokens=False).ids
        pieces += len(ids)
        for i in range(0, max(1, len(ids)), 510):
            windows.append([2] + ids[i:i + 510] + [3])
    windows.sort(key=len)
    with torch.inference_mode():
        for i in range(0, len(windows), 8):
            batch = windows[i:i + 8]
            width = max(len(w) for w in batch)
            ids = torch.zeros((len(batch), width), dtype=torch.long)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for k, w in enumerate(batch):
                ids[k, :len(w)] = torch.tensor(w)
                mask[k, :len(w)] = 1
            model(input_ids=ids, attention_mask=mask).logits.argmax(-1)
    return time.perf_counter() - t0, time.process_time() - c0, pieces


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--bert-articles", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-bert", action="store_true")
    ap.add_argument("--model", action="append", default=None,
                    help="Model folder to time instead of the shipped one (repeatable: side by side).")
    ap.add_argument("--processes", default="1,2", help="Pool sizes to time, comma-separated.")
    args = ap.parse_args()
    if not NEWS.exists():
        print(f"missing {NEWS}", file=sys.stderr)
        return 1
    from warta.ner.tokenize import tokenize

    texts = load_texts(args.articles)
    tokens = sum(len(tokenize(t)) for t in texts)
    print(f"{len(texts)} articles, {tokens:,} tokens (warta tokenizer); cpus: {os.cpu_count()}, "
          f"load average at start: {os.getloadavg()[0]:.1f}")
    rows = []
    models = args.model or [None]
    for procs in (int(p) for p in args.processes.split(",")):
        # the models' runs alternate, so a change in the machine's load hits them alike
        runs: dict[str | None, list[tuple[float, float]]] = {m: [] for m in models}
        for _ in range(args.repeat):
            for model in models:
                runs[model].append(time_warta(texts, procs, model))
        for model in models:
            med = statistics.median(r[0] for r in runs[model])
            cpu = statistics.median(r[1] for r in runs[model])
            name = f"warta CRF{'' if model is None else ' ' + Path(model).name}, {procs} process{'es' if procs > 1 else ''}"
            rows.append((name, len(texts), tokens, med, cpu,
                         f"median of {args.repeat}: " + ", ".join(f"{r[0]:.1f}" for r in runs[model])))
    if not args.skip_bert:
        sub = texts[: args.bert_articles]
        sub_tokens = sum(len(tokenize(t)) for t in sub)
        secs, cpu, pieces = time_bert(sub, texts)
        rows.append((f"BERT-base random weights, 2 threads (first {len(sub)} articles)", len(sub), sub_tokens,
                     secs, cpu, f"{pieces:,} word pieces; 2,000 articles extrapolated: "
                     f"{tokens / (sub_tokens / secs) / 60:.0f} min"))
    print("\n| system | articles | tokens | wall s | tokens/s (wall) | tokens per CPU-second | note |")
    print("|---|---|---|---|---|---|---|")
    for name, n, tok, sec, cpu, note in rows:
        per_cpu = "" if cpu != cpu else f"{tok / cpu:,.0f}"
        print(f"| {name} | {n} | {tok:,} | {sec:.1f} | {tok / sec:,.0f} | {per_cpu} | {note} |")
    if not args.skip_bert:
        b_name, _, b_tok, b_sec, b_cpu, _ = rows[-1]
        for name, _, tok, sec, cpu, _ in rows[:-1]:
            line = f"{name}: {(tok / sec) / (b_tok / b_sec):.0f}x BERT-base (wall tokens/s)"
            if cpu == cpu:
                line += f", {(tok / cpu) / (b_tok / b_cpu):.0f}x (tokens per CPU-second)"
            print(line)
    print("The machine is shared: wall-clock figures depend on the load; CPU-second figures less so.")
    return 0

if __name__ == "__main__":
    sys.exit(main())

"""The clean stage against the hand-checked gold articles (skipped when ../shared/data is absent).

Line precision / recall are over whole lines, as the gold marks whole lines: fragments cut out of
a line the gold keeps (a trailing "(gil)") are not counted as removing that line. Definitions
otherwise follow shared/tools/score_gold.py.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter

import pytest

from warta.article import Article
from warta.clean import make_stage

from .conftest import SHARED_DATA  # noqa: E402  (honours WARTA_SHARED_DATA)

GOLD = SHARED_DATA / "gold" / "dev.jsonl"


def toks(s: str) -> list[str]:
    s = unicodedata.normalize("NFKC", s or "").lower()
    return re.sub(r"[^\w%]+", " ", s).split()


@pytest.mark.shared
def test_gold_targets() -> None:
    if not GOLD.exists():
        pytest.skip(f"gold annotations not found at {GOLD} (../shared/data is not part of the repo)")
    stage = make_stage()
    tp = fp = fn = kept = total = 0
    for line in GOLD.read_text().splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        raw = g["raw"]
        a = stage(Article(id=g["id"], raw=raw, raw_format="text"))
        lines = raw.split("\n")
        gold = {b["line"] for b in g["boilerplate"]}
        ours = {r["line"] for r in a.removed if not r.get("inline") and lines[r["line"]].strip()}
        tp, fp, fn = tp + len(gold & ours), fp + len(ours - gold), fn + len(gold - ours)
        article_tokens = Counter(t for i, x in enumerate(lines) if i not in gold for t in toks(x))
        total += sum(article_tokens.values())
        kept += sum((article_tokens & Counter(toks(a.text))).values())
        if g.get("site_prefix"):
            assert (a.site or (a.dateline or {}).get("outlet") or "").lower() == g["site_prefix"].lower()
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.98, (tp, fp, fn)
    assert recall >= 0.95, (tp, fp, fn)
    assert kept / total >= 0.99

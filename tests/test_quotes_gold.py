"""Regression guard: find_quotes against the shared gold set (skipped when the data is absent).

Uses the matching rules of shared/tools/score_gold.py (word overlap for quotes, shared name words
for speakers) on the gold raw text minus the lines the gold marks as boilerplate, without NER.
"""
from __future__ import annotations

import importlib.util
import json

import pytest

from warta.facts.quotes import find_quotes

from .conftest import SHARED_DATA  # noqa: E402  (honours WARTA_SHARED_DATA)

GOLD = SHARED_DATA / "gold" / "dev.jsonl"
SCORER = SHARED_DATA.parent / "tools" / "score_gold.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_gold", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.slow
def test_quotes_on_gold_meet_targets():
    if not GOLD.exists() or not SCORER.exists():
        pytest.skip("shared gold data or scorer not present")
    sg = _scorer()
    tp = fp = fn = pairs_n = speaker_ok = 0
    for line in GOLD.read_text().splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if rec.get("raw") is None:
            continue
        skip = {b["line"] for b in rec.get("boilerplate", [])}
        text = "\n".join(ln for i, ln in enumerate(rec["raw"].split("\n")) if i not in skip)
        pred = find_quotes(text, [])
        for q in pred:
            assert text[q["start"]:q["end"]] == q["text"]
        t, f, n, pairs = sg.greedy(rec.get("quotes", []), pred, sg.quote_match)
        tp, fp, fn = tp + t, fp + f, fn + n
        pairs_n += len(pairs)
        speaker_ok += sum(1 for g, p in pairs if sg.speaker_match(g.get("speaker", ""), p.get("speaker") or ""))
    _, _, f1 = sg.prf(tp, fp, fn)
    assert f1 >= 0.85
    assert speaker_ok / max(1, pairs_n) >= 0.85

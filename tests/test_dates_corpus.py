"""Amounts and dates over real news bodies (shared data): well-formed spans and values on 300 detik
articles, and a floor on the gold F1 so a regression shows (the figure itself comes from bench/)."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from warta.facts.amounts import find_amounts
from warta.facts.dates import find_dates, infer_published

pytestmark = pytest.mark.shared

_VALUE = re.compile(r"\d{4}(-\d\d(-\d\d)?)?")


def _detik(shared_data: Path, n: int) -> list[tuple[str, str]]:
    path = shared_data / "news" / "detik-2025-annotated" / "data_berita.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    csv.field_size_limit(10**9)
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))[:n]
    out = []
    for r in rows:
        m, d, y = r["tanggal"].split()[0].split("/")  # the dataset writes M/D/YYYY
        out.append((r["isi_berita"], f"{y}-{int(m):02d}-{int(d):02d}"))
    return out


def test_spans_and_values_are_well_formed(shared_data):
    for body, published in _detik(shared_data, 300):
        for kind, found in (("amount", find_amounts(body)), ("date", find_dates(body, published))):
            last_end = -1
            for item in found:
                assert body[item["start"]:item["end"]] == item["text"], (kind, item)
                assert item["start"] >= last_end, (kind, item)  # in order, never overlapping
                last_end = item["end"]
                if kind == "date":
                    assert _VALUE.fullmatch(item["value"]), item
                else:
                    assert isinstance(item["value"], int | float), item


def test_inferred_published_is_close_to_the_real_one(shared_data):
    close = total = 0
    for body, published in _detik(shared_data, 300):
        inferred = infer_published(body)
        if inferred is None:
            continue
        total += 1
        close += inferred[:7] == published[:7]
    assert total > 200 and close / total > 0.9, (close, total)


def _gold(shared_data: Path) -> list[dict]:
    path = shared_data / "gold" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found")
    gold = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    if any(g.get("raw") is None for g in gold):
        pytest.skip("gold without raw text")
    return gold


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def test_gold_f1_floor(shared_data):
    """Matching as the official scorer does (value+unit tokens for amounts, value for dates)."""
    counts = {"amounts": [0, 0, 0], "dates": [0, 0, 0]}
    for g in _gold(shared_data):
        drop = {b["line"] for b in g.get("boilerplate", [])}
        text = "\n".join(line for i, line in enumerate(g["raw"].split("\n")) if i not in drop)
        pred = {"amounts": find_amounts(text), "dates": find_dates(text, g.get("published"))}
        for kind in counts:
            left = list(pred[kind])
            for want in g.get(kind, []):
                hit = next((p for p in left if _same(kind, want, p)), None)
                if hit is not None:
                    left.remove(hit)
                    counts[kind][0] += 1
                else:
                    counts[kind][2] += 1
            counts[kind][1] += len(left)
    assert _f1(*counts["amounts"]) >= 0.9, counts
    assert _f1(*counts["dates"]) >= 0.9, counts


_ALIASES = {"rp": "IDR", "rupiah": "IDR", "usd": "USD", "us$": "USD", "persen": "%", "%": "%"}


def _same(kind: str, want: dict, got: dict) -> bool:
    if kind == "dates":
        return str(want["value"]) == str(got["value"])
    if abs(float(want["value"]) - float(got["value"])) > 1e-6 * max(1.0, abs(float(want["value"]))):
        return False

    def key(u: str | None) -> set[str]:
        u = (u or "").lower()
        return {_ALIASES[u]} if u in _ALIASES else set(re.findall(r"\w+", u))
    return not want.get("unit") or bool(key(want["unit"]) & key(got.get("unit")))

"""Duplicates on the shared detik 2025 set: every URL stored twice is found, no false exact pair."""
from __future__ import annotations

import csv
from collections import defaultdict
from itertools import combinations

import pytest

from warta.dedup import exact_key, find_duplicates


@pytest.mark.shared
def test_detik_twins_are_all_found(shared_data):
    path = shared_data / "news" / "detik-2025-annotated" / "data_berita.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    csv.field_size_limit(10**8)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    texts, urls = [r["isi_berita"] for r in rows], [r["tautan"] for r in rows]
    res = find_duplicates(texts)
    group = [r.origin if r.origin is not None else i for i, r in enumerate(res)]
    by_url = defaultdict(list)
    for i, u in enumerate(urls):
        by_url[u].append(i)
    twins = [ix for ix in by_url.values() if len(ix) > 1]
    assert len(twins) == 82
    for ix in twins:
        for i, j in combinations(ix, 2):
            if texts[i] == texts[j]:  # one canonical: a later twin points straight at the earliest
                assert group[i] == group[j] and res[j].kind == "exact"
                assert res[j].canonical == min(k for k in ix if texts[k] == texts[j])
    keys = [exact_key(t) for t in texts]
    for i, r in enumerate(res):
        if r.kind == "exact":
            assert keys[i] == keys[r.canonical] and urls[i] == urls[r.canonical]

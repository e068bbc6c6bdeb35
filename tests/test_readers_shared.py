"""Readers and prepare on the real scrapes in ../shared/data (skipped when that folder is absent)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from warta.prepare import input_lines, prepare
from warta.problems import Problems
from warta.readers import iter_articles

NEWS = Path(__file__).parents[1].parent / "shared" / "data" / "news"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not NEWS.is_dir(), reason=f"shared data not found at {NEWS}"),
]


def read(path: Path):
    problems = Problems(stream=io.StringIO())
    arts = list(iter_articles([str(path)], problems))
    return arts, problems


def test_clickid_sample_all_read_dates_parsed():
    arts, problems = read(NEWS / "clickid" / "sample_300.jsonl")
    assert problems.total == 0, problems.stream.getvalue()
    assert len(arts) == 300
    assert sum(a.published is not None for a in arts) >= 0.95 * 300
    assert all(a.id and a.id.startswith("clickid-") for a in arts)
    for a in arts:
        prepare(a)
        assert len(a.text.split("\n")) == len(input_lines(a.raw))
        assert "¬†" not in a.text and "\xa0" not in a.text


def test_detik_2025_csv_all_read_month_first_dates():
    arts, problems = read(NEWS / "detik-2025-annotated" / "data_berita.csv")
    assert problems.total == 0, problems.stream.getvalue()
    assert len(arts) == 1000
    assert sum(a.published is not None for a in arts) >= 0.95 * 1000
    assert arts[0].published == "2025-10-21T20:43"  # 10/21/2025 20:43
    assert arts[0].title and arts[0].url.startswith("https://")
    assert all("2025-04-23" <= a.published[:10] <= "2025-12-09" for a in arts)  # the set's date range
    assert "SCROLL TO CONTINUE WITH CONTENT" in arts[0].raw


def test_detik_2022_html_pages():
    folder = NEWS / "html-detik-2022"
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))[0]
    arts, problems = read(folder / "html")
    assert problems.total == 0
    assert len(arts) == 5
    for a in arts:
        prepare(a)
        assert a.text.strip(), a.origin
        assert "prepare_error" not in a.meta
    first = next(a for a in arts if a.origin.endswith("1.html"))
    assert expected["paragraphs"][0] in first.text.split("\n")
    assert first.title == expected["title"]
    assert first.author == expected["author"]
    assert first.published == "2022-12-10T13:19:56"
    assert first.meta["description"] == expected["description"]


@pytest.mark.slow
def test_clickid_full_set():
    arts, problems = read(NEWS / "clickid" / "articles.jsonl.gz")
    assert problems.total == 0, problems.stream.getvalue()[:2000]
    assert len(arts) == 23213
    assert sum(a.published is not None for a in arts) / len(arts) >= 0.99

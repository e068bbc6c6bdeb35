"""Highlighting, charts and filters: escaped, well-formed markup whatever the spans and strings."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from warta import Article
from warta.web.chart import bar_chart, bucket_counts
from warta.web.filters import fmt_date, fmt_value, safe_url
from warta.web.highlight import Span, render_snippet, render_spans, spans_of


class TagChecker(HTMLParser):
    """Fails on unbalanced tags; collects the text and every tag seen."""

    VOID = {"br", "img", "input", "meta", "link"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> with open {self.stack}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def check(markup: str) -> TagChecker:
    p = TagChecker()
    p.feed(str(markup))
    p.close()
    assert not p.stack, f"unclosed {p.stack}"
    return p


def test_overlapping_and_nested_spans_stay_well_formed_and_keep_the_text():
    text = "Kata Joko Widodo di Riau: dana Rp 5 triliun cair."
    spans = [Span(0, 30, "quote", title="q"), Span(5, 16, "entity", "PER", "PER", "/entities/Joko%20Widodo"),
             Span(10, 24, "date", title="d"),  # crosses the end of the entity: partial overlap
             Span(31, 43, "amount", title="a"), Span(20, 24, "entity", "LOC", "LOC", "/entities/Riau")]
    p = check(render_spans(text, spans))
    assert "".join(p.text) == text
    assert set(p.tags) <= {"span", "a"}


def test_every_segment_is_escaped():
    text = '<script>alert(1)</script> & "Budi" <b>'
    out = str(render_spans(text, [Span(8, 16, "entity", "PER", 'x" onmouseover="1', "/entities/%3Cx%3E")]))
    assert "<script>" not in out and "<b>" not in out
    assert 'onmouseover="1' not in out
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text


def test_spans_of_drops_bad_offsets_and_clamps():
    a = Article(id="x", text="Banjir di Bekasi.")
    a.entities = [{"text": "Bekasi", "label": "LOC", "start": 10, "end": 16},
                  {"text": "?", "label": "PER", "start": "a", "end": 3},
                  {"text": "?", "label": "PER", "start": 12, "end": 5}]
    a.amounts = [{"text": "x", "start": 15, "end": 999}, "not a dict"]
    got = [(s.start, s.end, s.kind) for s in spans_of(a)]
    assert got == [(10, 16, "entity"), (15, 17, "amount")]
    check(render_spans(a.text, spans_of(a)))


def test_snippet_marks_and_escapes():
    out = str(render_snippet("<i>banjir</i> di Bekasi", [(3, 9), (17, 23), (100, 120)]))
    assert out == "&lt;i&gt;<mark>banjir</mark>&lt;/i&gt; di <mark>Bekasi</mark>"


def test_buckets_fill_gaps_and_pick_granularity():
    g, days = bucket_counts([("2019-09-01", 2), ("2019-09-04", 1)])
    assert g == "day" and days == [("2019-09-01", 2), ("2019-09-02", 0), ("2019-09-03", 0), ("2019-09-04", 1)]
    g, months = bucket_counts([("2019-01-15", 1), ("2019-12-02", 3)])
    assert g == "month" and len(months) == 12 and months[-1] == ("2019-12", 3)
    g, years = bucket_counts([("2001-01-01", 1), ("2019-01-01", 1)])
    assert g == "year" and len(years) == 19
    assert bucket_counts([]) == ("period", [])


def test_bar_chart_is_svg_with_one_bar_per_bucket():
    svg = str(bar_chart([("2019-09-01", 2), ("2019-09-02", 0), ("<x>", 5)]))
    p = check(svg)
    assert p.tags.count("rect") == 3 and svg.startswith("<svg")
    assert "<x>" not in svg and "&lt;x&gt;" in svg


def test_filters():
    assert safe_url("javascript:alert(1)") is None and safe_url(" JaVaScRiPt:x") is None
    assert safe_url("https://kompas.com/a") == "https://kompas.com/a"
    assert fmt_date("2019-09-11T14:05:00+07:00", True) == "11 Sep 2019, 14:05"
    assert fmt_date("2019-09") == "Sep 2019" and fmt_date("kemarin") == "kemarin"
    assert fmt_value(1500000) == "1.500.000" and fmt_value(2.5) == "2,50"

"""Turning user queries into FTS5 expressions over stems."""
from __future__ import annotations

import pytest

from warta.store.query import QuerySyntaxError, mark, parse, snippet


@pytest.mark.parametrize("query, match", [
    ("menyalurkan", '"salur"'),
    ("bantuan sosial", '"bantu" AND "sosial"'),
    ('"dana desa" OR anggaran', '"dana desa" OR "anggar"'),
    ("banjir NOT jakarta", '"banjir" NOT "jakarta"'),
    ("title:habibie", 'title : "habibie"'),
    ("covid-19", '"covid 19"'),
    ("korup*", '"korup"*'),
    ("x (a OR b)", '"x" AND ( "a" OR "b" )'),
    ("NEAR(banjir jakarta, 5)", 'NEAR( "banjir" "jakarta" , 5 )'),
])
def test_parse(query, match):
    assert parse(query).match == match


@pytest.mark.parametrize("query, needle", [
    ("", "empty"), ('"abc', "quotation"), ("(banjir", "never closed"), ("banjir)", "no opening"),
    ("banjir AND", "ends with"), ("OR banjir", "needs a word before"), ("...", "no searchable"),
])
def test_errors(query, needle):
    with pytest.raises(QuerySyntaxError, match=needle):
        parse(query)


def test_negated_words_are_not_highlighted():
    p = parse("banjir NOT jakarta")
    assert p.stems == {"banjir"}


def test_snippet_window_and_marks():
    text = "Awal berita. " + "isi " * 100 + "Bantuan disalurkan ke desa. " + "lain " * 100
    snip, spans = snippet(text, parse("menyalurkan bantuan"), width=120)
    assert snip.startswith("…") and snip.endswith("…")
    assert [snip[s:e] for s, e in spans] == ["Bantuan", "disalurkan"]
    assert "[disalurkan]" in mark(snip, spans)

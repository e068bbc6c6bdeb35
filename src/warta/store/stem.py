"""Indonesian stemming for the search index (Sastrawi), with a word cache.

The index stores stems, and queries are stemmed the same way, so "menyalurkan" finds
"disalurkan" and "penyaluran" (all → "salur"). Sastrawi alone stems ~3k words/s; news vocabulary
is Zipfian, so a per-process word → stem dict makes re-stemming nearly free after warm-up.
Sastrawi over-stems some words ("pemerintah" → "perintah"): for search that costs a little
precision and is documented in the README.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Same notion of a token as SQLite FTS5's unicode61 tokenizer: runs of letters and digits.
TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)

_CACHE: dict[str, str] = {}
_CACHE_LIMIT = 2_000_000


@lru_cache(maxsize=1)
def _sastrawi():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    # The factory's stemmer wraps its own cache; we keep ours in front of it for speed.
    return StemmerFactory().create_stemmer().delegatedStemmer


def stem_word(word: str) -> str:
    """The stem of one lowercase token. Short words, numbers and mixed tokens are kept as they are."""
    stem = _CACHE.get(word)
    if stem is not None:
        return stem
    if len(word) <= 3 or not word.isalpha():
        stem = word
    else:
        stem = _sastrawi().stem(word) or word
    if len(_CACHE) < _CACHE_LIMIT:
        _CACHE[word] = stem
    return stem


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lowercase token) for every token in the text."""
    return [(m.start(), m.end(), m.group().lower()) for m in TOKEN_RE.finditer(text)]


def stem_text(text: str | None) -> str:
    """The text as space-separated stems, ready for the FTS index."""
    if not text:
        return ""
    return " ".join(stem_word(m.group().lower()) for m in TOKEN_RE.finditer(text))


INDEX_KEY = "_index_stems"


class IndexStage:
    """Stems title and text in the worker processes, so the single writer only writes.

    `warta ingest` appends this stage; the store pops the stems from `meta` before saving and
    computes them itself when they are missing.
    """

    def __call__(self, article):  # Article -> Article
        article.meta[INDEX_KEY] = (stem_text(article.title), stem_text(article.text))
        return article


def make_stage() -> IndexStage:
    return IndexStage()

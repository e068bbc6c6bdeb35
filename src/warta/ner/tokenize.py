"""Tokens and sentences with character offsets into the original text.

The tokenizer matches the training data (NERGrit/NERP split every punctuation mark off and keep
runs of letters/digits together), so a model sees the same units at training and inference time.
Every token is a (start, end) pair: spans map straight back to `article.text`.
"""
from __future__ import annotations

import re

# A run of word characters, or one non-space, non-word character.
TOKEN_RE = re.compile(r"\w+|[^\w\s]")

# Abbreviations whose final dot does not end a sentence (lowercased, without the dot).
_NO_BREAK = frozenset(
    "dr drs dra prof ir h hj kh st no nomor tel telp jl jln kec kab kel prov bpk ybs dll dsb dkk "
    "sdr sdri yth mr mrs ms jr sr inc ltd co tbk pt cv vs a b c d e f g i j k l m n o p q r s t u "
    "v w x y z".split()
)
_ENDERS = frozenset(".!?")
_CLOSERS = frozenset("\"')]”’")
MAX_SENTENCE_TOKENS = 150  # very long "sentences" (lists, tables) are cut to keep CRF tagging linear


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the tokens of text[start:end]."""
    return [m.span() for m in TOKEN_RE.finditer(text, start, len(text) if end is None else end)]


def split_sentences(text: str, tokens: list[tuple[int, int]] | None = None) -> list[list[tuple[int, int]]]:
    """Group the tokens of `text` into sentences (lists of token offsets).

    Rule-based: a sentence ends at . ! ? (plus closing quotes/brackets) when the next token starts
    with an uppercase letter, a digit or a quote, unless the dot follows a known abbreviation or a
    single letter; a line break always ends a sentence.
    """
    if tokens is None:
        tokens = tokenize(text)
    sents: list[list[tuple[int, int]]] = []
    cur: list[tuple[int, int]] = []
    n = len(tokens)
    for i, (s, e) in enumerate(tokens):
        if cur and "\n" in text[cur[-1][1]:s]:
            sents.append(cur)
            cur = []
        cur.append((s, e))
        if len(cur) >= MAX_SENTENCE_TOKENS:
            sents.append(cur)
            cur = []
            continue
        ch = text[s:e]
        if ch in _ENDERS or (ch in _CLOSERS and len(cur) > 1 and cur[-2][1] == s
                             and text[cur[-2][0]:cur[-2][1]] in _ENDERS):
            if i + 1 < n:
                nxt = tokens[i + 1]
                nxt_text = text[nxt[0]:nxt[1]]
                if text[nxt[0] - 1:nxt[0]] != " " and text[nxt[0] - 1:nxt[0]] != "\n" and ch == ".":
                    continue  # "3.5", "kompas.com": no space after the dot
                if nxt_text in _CLOSERS and nxt[0] == e:
                    continue  # the quote closes this sentence; break after it
                if not (nxt_text[0].isupper() or nxt_text[0].isdigit() or nxt_text[0] in "\"“'(-"):
                    continue
            if ch == "." and len(cur) > 1:
                prev = text[cur[-2][0]:cur[-2][1]]
                if cur[-2][1] == s and prev.lower() in _NO_BREAK:
                    continue
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    return sents

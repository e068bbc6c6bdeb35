"""Read CoNLL token<TAB>BIO files and fold their labels to warta's PER / ORG / LOC.

NERGrit uses PERSON / PLACE / ORGANISATION; NERP uses PPL / PLC / IND (+ EVT, FNB, dropped).
NERP also has a few multi-word "tokens" ("rumah sakit"): they are split on spaces so tokens
match what `tokenize` produces at inference time.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

# Source label -> warta label. Labels missing here (EVT, FNB, ...) become O.
LABEL_MAP: dict[str, str] = {
    "PER": "PER", "PERSON": "PER", "PPL": "PER",
    "ORG": "ORG", "ORGANISATION": "ORG", "ORGANIZATION": "ORG", "IND": "ORG",
    "LOC": "LOC", "PLACE": "LOC", "PLC": "LOC", "GPE": "LOC",
}
LABELS: tuple[str, ...] = ("PER", "ORG", "LOC")

Sentence = tuple[list[str], list[str]]  # tokens, BIO tags (already folded)


def fold_tags(tags: list[str]) -> list[str]:
    """Map labels to PER/ORG/LOC, drop unknown types, and repair I- without B- (conlleval reading)."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag == "O" or "-" not in tag:
            out.append("O")
            prev = "O"
            continue
        prefix, label = tag.split("-", 1)
        lab = LABEL_MAP.get(label.upper())
        if lab is None:
            out.append("O")
            prev = "O"
            continue
        if prefix == "I" and prev[2:] != lab:
            prefix = "B"
        new = f"{prefix}-{lab}"
        out.append(new)
        prev = new
    return out


def read_conll(path: str | Path, limit: int | None = None) -> Iterator[Sentence]:
    """Sentences of a token<TAB>tag file (blank line between sentences), tags folded."""
    toks: list[str] = []
    tags: list[str] = []
    n = 0
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line.strip():
                if toks:
                    yield toks, fold_tags(tags)
                    n += 1
                    if limit is not None and n >= limit:
                        return
                toks, tags = [], []
                continue
            parts = line.split("\t")
            tok, tag = parts[0], (parts[1] if len(parts) > 1 else "O")
            pieces = tok.split() or [tok]
            for k, piece in enumerate(pieces):
                toks.append(piece)
                tags.append(tag if k == 0 or tag == "O" else "I-" + tag.split("-", 1)[-1])
    if toks:
        yield toks, fold_tags(tags)


def spans_from_tags(tags: list[str]) -> list[tuple[str, int, int]]:
    """(label, first token, last token + 1) for each entity in a BIO sequence."""
    spans: list[tuple[str, int, int]] = []
    cur: list | None = None
    for i, tag in enumerate(tags):
        if tag.startswith("I-") and cur is not None and cur[0] == tag[2:]:
            cur[2] = i + 1
            continue
        if cur is not None:
            spans.append((cur[0], cur[1], cur[2]))
            cur = None
        if tag != "O":
            cur = [tag[2:], i, i + 1]
    if cur is not None:
        spans.append((cur[0], cur[1], cur[2]))
    return spans

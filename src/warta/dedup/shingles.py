"""Text → normalised word tokens → exact key and word-shingle hashes.

Why bytes: `bytes.translate` + `bytes.split` + rensa's Rust token hasher are the fastest way
from Python to stable 64-bit token hashes (Python's own `hash()` is salted per process, which
would make signatures differ between workers). Case folding is ASCII-only (Indonesian news is
ASCII but for quotes and dashes, which are mapped to spaces like ASCII punctuation).
"""
from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Sequence

import numpy as np
import rensa

_PUNCT = string.punctuation.encode()
_TABLE = bytes.maketrans(_PUNCT + string.ascii_uppercase.encode(),
                         b" " * len(_PUNCT) + string.ascii_lowercase.encode())
# Typographic punctuation and the no-break space, as UTF-8: mapped to a space before translating
# (one regex pass over the bytes; ten `bytes.replace` passes cost more than the hashing).
# “ ” ‘ ’ – — … (U+201C/D, U+2018/9, U+2013/4, U+2026) and no-break space, « » (U+00A0/AB/BB).
_UNICODE_PUNCT = re.compile(rb"\xe2\x80[\x93\x94\x98\x99\x9c\x9d\xa6]|\xc2[\xa0\xab\xbb]")

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _normalised_bytes(text: str) -> bytes:
    return _UNICODE_PUNCT.sub(b" ", text.encode("utf-8", "surrogatepass")).translate(_TABLE)


def tokens(text: str) -> list[bytes]:
    """Lower-cased words with punctuation removed: the unit of both exact and near matching."""
    return _normalised_bytes(text).split()


_SEP = b"\x00"  # survives translate and split: marks document boundaries in one flat token list
_SEP_HASH = np.uint64(rensa.RMinHash.hash_token_sets([[_SEP]])[0][0])


def token_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the tokens of many texts, flat, and each text's token count.

    All texts are joined, normalised, split and hashed in one pass each (C and Rust loops, no
    Python loop per word); the same function serves one text, so results never depend on batching.
    """
    if not texts:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    big = _normalised_bytes("\n\x00\n".join(texts) + "\n\x00")
    hashed = rensa.RMinHash.hash_token_sets([big.split()])[0]
    h = np.fromiter(hashed, dtype=np.uint64, count=len(hashed))
    seps = np.flatnonzero(h == _SEP_HASH)
    if len(seps) != len(texts):  # a text contained NUL itself: fall back to one text at a time
        parts = [np.array(rensa.RMinHash.hash_token_sets([tokens(t.replace("\x00", " "))])[0], dtype=np.uint64)
                 for t in texts]
        return (np.concatenate(parts) if parts else h[:0]), np.array([len(p) for p in parts], dtype=np.int64)
    lens = np.diff(np.concatenate([[-1], seps])) - 1
    keep = np.ones(len(h), dtype=bool)
    keep[seps] = False
    return h[keep], lens


def exact_keys_from_hashes(h: np.ndarray, lens: np.ndarray) -> list[str | None]:
    """One key per text from its token-hash sequence; None for a text without words."""
    ends = np.cumsum(lens)
    return [hashlib.blake2b(h[e - n: e].tobytes(), digest_size=16).hexdigest() if n else None
            for e, n in zip(ends.tolist(), lens.tolist(), strict=True)]


def exact_key(text: str) -> str | None:
    """Same key ⇔ same text up to whitespace, (ASCII) case and punctuation; None without words."""
    return exact_keys_from_hashes(*token_hashes([text]))[0]


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads the combined shingle hash over all 64 bits."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * np.uint64(0xBF58476D1CE4E5B9)
        x = x ^ (x >> np.uint64(27))
        x = x * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def shingle_hashes(h: np.ndarray, lens: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the k-word shingles of many documents (from `token_hashes`), flat, with row
    offsets (len n+1). A document shorter than k words gives one shingle of all its words; an
    empty one gives none. Shingles are combined with vectorised numpy; those crossing a document
    boundary are dropped.
    """
    ndocs = len(lens)
    if len(h) == 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(ndocs + 1, dtype=np.uint64)
    doc_of = np.repeat(np.arange(ndocs), lens)
    m = len(h)
    if m >= k:
        with np.errstate(over="ignore"):
            sh = h[: m - k + 1].copy()
            for j in range(1, k):
                sh = sh * _GOLDEN + h[j: m - k + 1 + j]
        sh = _mix(sh)
        start_doc = doc_of[: m - k + 1]
        keep = start_doc == doc_of[k - 1:]
        sh, sh_doc = sh[keep], start_doc[keep]
    else:
        sh, sh_doc = np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    # Documents with 1..k-1 words: one shingle of all their words.
    short = np.flatnonzero((lens > 0) & (lens < k))
    if len(short):
        starts = np.concatenate([[0], np.cumsum(lens)])[short]
        extra = []
        for d, s in zip(short, starts, strict=True):
            acc = np.uint64(0)
            with np.errstate(over="ignore"):
                for v in h[s: s + lens[d]]:
                    acc = acc * _GOLDEN + v
            extra.append(acc)
        sh = np.concatenate([sh, _mix(np.array(extra, dtype=np.uint64))])
        sh_doc = np.concatenate([sh_doc, short])
        order = np.argsort(sh_doc, kind="stable")
        sh, sh_doc = sh[order], sh_doc[order]
    counts = np.bincount(sh_doc, minlength=ndocs)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.uint64)
    return sh, offsets


def shingle_set(text: str, k: int) -> set[int]:
    """The exact shingle set of one text (for measuring true Jaccard)."""
    sh, _ = shingle_hashes(*token_hashes([text]), k)
    return set(sh.tolist())


def jaccard(a: set[int], b: set[int]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)

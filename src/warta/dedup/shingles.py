"""Text → normalised word tokens → exact key and word-shingle hashes.

Why bytes and numpy: one `bytes.translate` over a whole batch normalises it, and the words are
then found and hashed by vectorised numpy with no Python object per word (scheme 2), into stable
64-bit hashes (Python's own `hash()` is salted per process, which would make signatures differ
between workers). Case folding is ASCII-only (Indonesian news is ASCII but for quotes and
dashes, which are mapped to spaces like ASCII punctuation). Scheme 1 (`bytes.split` + rensa's
token hasher) is kept for stores built with it; `DedupConfig.scheme` picks one.
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
_KEY_A = np.uint64(0xD1B54A32D192ED03)
_KEY_B = np.uint64(0x8CB92BA72F3D8DD7)


def _normalised_bytes(text: str) -> bytes:
    """Scheme 1's normalisation (NUL survives: it marked document boundaries)."""
    return _UNICODE_PUNCT.sub(b" ", text.encode("utf-8", "surrogatepass")).translate(_TABLE)


def tokens(text: str) -> list[bytes]:
    """Lower-cased words with punctuation removed: the unit of both exact and near matching.

    The same words `token_hashes` hashes (scheme 2): ASCII punctuation, whitespace, NUL and the
    typographic marks above separate words; other bytes (non-ASCII letters) belong to words.
    """
    return _UNICODE_PUNCT.sub(b" ", text.encode("utf-8", "surrogatepass")).translate(_TABLE2).split()


_SEP = b"\x00"  # survives translate and split: marks document boundaries in one flat token list
_SEP_HASH = np.uint64(rensa.RMinHash.hash_token_sets([[_SEP]])[0][0])

# Scheme 2: the same words found and hashed with numpy over the whole batch at once.
_CLASS = np.frombuffer(_TABLE, dtype=np.uint8).copy()
_CLASS[list(b" \t\n\r\x0b\x0c\x00")] = 0x20
_TABLE2 = _CLASS.tobytes()
_MASK = np.array([(1 << (8 * m)) - 1 for m in range(8)] + [(1 << 64) - 1], dtype=np.uint64)
_E2_TAIL = np.zeros(256, dtype=bool)  # E2 80 xx: – — ‘ ’ “ ” …
_E2_TAIL[[0x93, 0x94, 0x98, 0x99, 0x9C, 0x9D, 0xA6]] = True
_C2_TAIL = np.zeros(256, dtype=bool)  # C2 xx: no-break space, « »
_C2_TAIL[[0xA0, 0xAB, 0xBB]] = True


def token_hashes(texts: Sequence[str], scheme: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the tokens of many texts, flat, and each text's token count.

    Scheme 2 (the default): the texts are encoded and joined once, normalised with one
    `bytes.translate`, and the words found and hashed by vectorised numpy over the whole batch
    (each word read as 8-byte little-endian chunks, masked to its length and mixed with its
    length by splitmix64), with no Python object per word: ~3× faster than splitting into
    `bytes` and hashing them in rensa. Scheme 1 is that older path, kept so that stores built
    with it stay comparable. Neither depends on the batch: one text alone hashes the same.
    """
    if scheme == 1:
        return _token_hashes_v1(texts)
    if not texts:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    enc = [t.encode("utf-8", "surrogatepass") for t in texts]
    nbytes = np.fromiter(map(len, enc), dtype=np.int64, count=len(enc))
    joined = b" ".join([*enc, b" " * 8])  # the padding lets every word be read as whole 8-byte chunks
    buf = bytearray(joined.translate(_TABLE2))
    t = np.frombuffer(buf, dtype=np.uint8)
    raw = np.frombuffer(joined, dtype=np.uint8)
    e2 = np.flatnonzero(raw == 0xE2) if b"\xe2\x80" in joined else ()
    if len(e2):
        e2 = e2[(raw[e2 + 1] == 0x80) & _E2_TAIL[raw[e2 + 2]]]
        t[e2] = t[e2 + 1] = t[e2 + 2] = 0x20
    c2 = np.flatnonzero(raw == 0xC2) if b"\xc2" in joined else ()
    if len(c2):
        c2 = c2[_C2_TAIL[raw[c2 + 1]]]
        t[c2] = t[c2 + 1] = 0x20
    word = t != 0x20
    change = np.flatnonzero(word[1:] != word[:-1])
    change += 1  # first byte of a word, first byte after one
    if word[0]:
        change = np.concatenate([[0], change])
    starts, ends = change[0::2], change[1::2]
    length = (ends - starts).view(np.uint64)
    chunks = np.ndarray(shape=(len(t) - 7,), dtype="<u8", buffer=buf, strides=(1,))  # 8 bytes at each offset
    with np.errstate(over="ignore"):
        h = _mix(length * _GOLDEN ^ (chunks[starts] & _MASK[np.minimum(length, 8)]))
        longer = np.flatnonzero(length > 8)
        j = 8
        while len(longer):
            rest = length[longer] - np.uint64(j)
            h[longer] = _mix(h[longer] ^ (chunks[starts[longer] + j] & _MASK[np.minimum(rest, 8)]))
            longer = longer[rest > 8]
            j += 8
    doc_start = np.cumsum(nbytes + 1) - nbytes - 1
    counts = np.diff(np.searchsorted(starts, doc_start), append=len(starts))
    return h, counts.astype(np.int64)


def _token_hashes_v1(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Scheme 1: joined, normalised and split into `bytes` words, hashed by rensa."""
    if not texts:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    big = _normalised_bytes("\n\x00\n".join(texts) + "\n\x00")
    hashed = rensa.RMinHash.hash_token_sets([big.split()])[0]
    h = np.fromiter(hashed, dtype=np.uint64, count=len(hashed))
    seps = np.flatnonzero(h == _SEP_HASH)
    if len(seps) != len(texts):  # a text contained NUL itself: fall back to one text at a time
        parts = [np.array(rensa.RMinHash.hash_token_sets([_normalised_bytes(t.replace("\x00", " ")).split()])[0],
                          dtype=np.uint64) for t in texts]
        return (np.concatenate(parts) if parts else h[:0]), np.array([len(p) for p in parts], dtype=np.int64)
    lens = np.diff(np.concatenate([[-1], seps])) - 1
    keep = np.ones(len(h), dtype=bool)
    keep[seps] = False
    return h[keep], lens


def exact_keys_from_hashes(h: np.ndarray, lens: np.ndarray, scheme: int = 2) -> list[str | None]:
    """One key per text from its token-hash sequence (128 bits, hex); None for a text without words.

    Scheme 2: two order-sensitive sums per text, Σ token hash · weight(position) with two fixed
    pseudo-random weight tables, by `np.add.reduceat` (no Python loop per text). Scheme 1:
    blake2b of the hash sequence.
    """
    if scheme == 1:
        ends = np.cumsum(lens)
        return [hashlib.blake2b(h[e - n: e].tobytes(), digest_size=16).hexdigest() if n else None
                for e, n in zip(ends.tolist(), lens.tolist(), strict=True)]
    out: list[str | None] = [None] * len(lens)
    full = np.flatnonzero(lens > 0)
    if not len(full):
        return out
    first = (np.cumsum(lens) - lens)[full]
    pos = np.arange(len(h)) - np.repeat(first, lens[full])  # position of each token within its text
    wa, wb = _position_weights(int(lens.max()))
    with np.errstate(over="ignore"):
        a = np.add.reduceat(h * wa[pos], first)
        b = np.add.reduceat(h * wb[pos], first)
        a = _mix(a ^ lens[full].astype(np.uint64))
        b = _mix(b)
    hexed = np.stack([a, b], axis=1).astype(">u8").tobytes().hex()  # one hex string, 32 digits a text
    for j, i in enumerate(full.tolist()):
        out[i] = hexed[32 * j: 32 * j + 32]
    return out


_WEIGHTS: list[np.ndarray] = []


def _position_weights(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Two fixed pseudo-random odd 64-bit weights per position (splitmix64 of the position),
    grown on demand: Σ hash·weight over a text is a strong order-sensitive key (two different
    token sequences collide with chance ~2⁻⁶⁴ per lane) for two multiplications per token."""
    if not _WEIGHTS or len(_WEIGHTS[0]) < n:
        size = max(n, 4096, 2 * len(_WEIGHTS[0]) if _WEIGHTS else 0)
        p = np.arange(size, dtype=np.uint64)
        with np.errstate(over="ignore"):
            _WEIGHTS[:] = [_mix(p * _KEY_A + _GOLDEN) | np.uint64(1), _mix(p * _KEY_B + _KEY_A) | np.uint64(1)]
    return _WEIGHTS[0], _WEIGHTS[1]


def exact_key(text: str) -> str | None:
    """Same key ⇔ same text up to whitespace, (ASCII) case and punctuation; None without words."""
    return exact_keys_from_hashes(*token_hashes([text]))[0]


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads a combined hash over all 64 bits (a new array; in-place
    steps after the first, as temporaries cost more than the arithmetic)."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x *= np.uint64(0xBF58476D1CE4E5B9)
        x ^= x >> np.uint64(27)
        x *= np.uint64(0x94D049BB133111EB)
        x ^= x >> np.uint64(31)
        return x


def shingle_hashes(h: np.ndarray, lens: np.ndarray, k: int, scheme: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the k-word shingles of many documents (from `token_hashes`), flat, with row
    offsets (len n+1). A document shorter than k words gives one shingle of all its words; an
    empty one gives none. Shingles are combined with vectorised numpy over the whole flat token
    array; those crossing a document boundary are dropped.

    A shingle is (h₁·G + h₂)·G + … over its words' hashes. Scheme 2 hands that to rensa as is:
    the word hashes are already mixed uniform 64-bit values, so the combination is too (rensa
    hashes it again per slot); scheme 1 mixed it once more.
    """
    lens = np.asarray(lens, dtype=np.int64)
    m = len(h)
    counts = np.where(lens >= k, lens - k + 1, np.minimum(lens, 1))
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.uint64)
    if m == 0:
        return np.zeros(0, dtype=np.uint64), offsets
    if m >= k:
        with np.errstate(over="ignore"):
            sh = h[: m - k + 1] * _GOLDEN if k > 1 else h.copy()
            for j in range(1, k):
                sh += h[j: m - k + 1 + j]
                if j < k - 1:
                    sh *= _GOLDEN
        if scheme == 1:
            sh = _mix(sh)
        if len(lens) > 1 or lens[0] < k:
            # a shingle starting in the last k-1 words of a document crosses into the next one
            keep = np.ones(m - k + 1, dtype=bool)
            ends = np.cumsum(lens)
            for j in range(1, k):
                cut = ends - j
                keep[cut[(cut >= 0) & (cut < m - k + 1) & (lens >= j)]] = False
            sh = sh[keep]
    else:
        sh = np.zeros(0, dtype=np.uint64)
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
        slot = np.zeros(int(offsets[-1]), dtype=bool)
        slot[offsets[short].astype(np.int64)] = True
        out = np.empty(len(slot), dtype=np.uint64)
        extra_arr = np.array(extra, dtype=np.uint64)
        out[slot] = _mix(extra_arr) if scheme == 1 else extra_arr
        out[~slot] = sh
        sh = out
    return sh, offsets


def shingle_set(text: str, k: int) -> set[int]:
    """The exact shingle set of one text (for measuring true Jaccard)."""
    sh, _ = shingle_hashes(*token_hashes([text]), k)
    return set(sh.tolist())


def jaccard(a: set[int], b: set[int]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)

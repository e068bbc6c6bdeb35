"""Build the lexical resources the tagger's features read: gazetteer, casing statistics, clusters.

All are built by `warta train-ner` from files named in the config and saved next to the model, so
the shipped model is reproducible and loading needs nothing outside the package.

- Gazetteer: DBpedia names (legacy 8-bit encoding), filtered: names whose single word is mostly
  written in lowercase in the news corpus ("Bank", "Sari" as a common word...) are dropped.
- Casing statistics: for each lowercased word, how often it is capitalised in mid-sentence in
  unlabelled news. This lets the model find names in all-lowercase text ("jakarta" is almost
  always "Jakarta").
- Word clusters: k-means over SVD-reduced PPMI context vectors from the same news, at a few
  granularities (a cheap stand-in for Brown clusters).
"""
from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from .tokenize import TOKEN_RE

GAZ_FILES = {"PER": "person.txt", "LOC": "place.txt", "ORG": "organization.txt"}
MAX_GAZ_TOKENS = 6
_SENT_END = frozenset('.!?"“”:')


def read_news_texts(paths: Iterable[str | Path], limit: int = 0) -> Iterator[str]:
    """Article bodies from JSON Lines files (optionally gzipped): field `content` or `text`."""
    n = 0
    for path in paths:
        path = Path(path)
        if not path.exists():
            continue
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                text = rec.get("content") or rec.get("text") or ""
                if not isinstance(text, str) or not text:
                    continue
                # CLICK-ID joins paragraphs with ".," — restore the paragraph break.
                yield text.replace(".,", ".\n")
                n += 1
                if limit and n >= limit:
                    return


def news_tokens(texts: Iterable[str]) -> Iterator[list[str]]:
    for text in texts:
        for para in text.split("\n"):
            toks = TOKEN_RE.findall(para)
            if toks:
                yield toks


def casing_stats(paragraphs: list[list[str]], min_count: int = 3) -> dict[str, float]:
    """lowercased word -> share of its mid-sentence occurrences that start with a capital."""
    total: Counter[str] = Counter()
    caps: Counter[str] = Counter()
    for toks in paragraphs:
        prev = "."
        for tok in toks:
            if tok[0].isalpha() and prev not in _SENT_END:
                low = tok.lower()
                total[low] += 1
                if tok[0].isupper():
                    caps[low] += 1
            prev = tok
    return {w: caps[w] / n for w, n in total.items() if n >= min_count}


def word_clusters(paragraphs: list[list[str]], sizes: tuple[int, ...] = (64, 256, 1024),
                  vocab_size: int = 40000, context_size: int = 3000, dims: int = 64,
                  seed: int = 0) -> dict[str, list[int]]:
    """lowercased word -> cluster id at each granularity in `sizes`."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import svds
    from sklearn.cluster import MiniBatchKMeans

    counts: Counter[str] = Counter(t.lower() for toks in paragraphs for t in toks)
    vocab = [w for w, c in counts.most_common(vocab_size) if c >= 5]
    index = {w: i for i, w in enumerate(vocab)}
    ids = np.fromiter((index.get(t.lower(), -1) for toks in paragraphs for t in toks + ["\n"]),
                      dtype=np.int64)
    n_ctx = min(context_size, len(vocab))
    rows, cols = [], []
    # Left and right neighbours at distance 1 and 2, as separate context dimensions.
    for k, off in enumerate((-2, -1, 1, 2)):
        a, b = (ids[:-off], ids[off:]) if off > 0 else (ids[-off:], ids[:off])
        keep = (a >= 0) & (b >= 0) & (b < n_ctx)
        rows.append(a[keep])
        cols.append(b[keep] + k * n_ctx)
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    m = coo_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(len(vocab), 4 * n_ctx)).tocsr()
    m.sum_duplicates()
    # PPMI
    total = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col_sum = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col_sum = col_sum / col_sum.sum() * total
    m = m.tocoo()
    pmi = np.log(m.data * total / (row_sum[m.row] * col_sum[m.col] + 1e-12) + 1e-12)
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape).tocsr()
    dims = max(1, min(dims, min(ppmi.shape) - 1))
    u, s, _ = svds(ppmi, k=dims, random_state=seed)
    vec = u * np.sqrt(s)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    out: dict[str, list[int]] = {w: [] for w in vocab}
    for size in sizes:
        size = min(size, len(vocab))
        km = MiniBatchKMeans(n_clusters=size, random_state=seed, batch_size=4096, n_init=1, max_iter=50)
        labels = km.fit_predict(vec)
        for w, lab in zip(vocab, labels, strict=True):
            out[w].append(int(lab))
    return out


# Organisation heads strong enough to mine names from unlabelled news ("Komisi ...", "Partai ...").
MINE_ORG_HEADS = frozenset({
    "kementerian", "badan", "lembaga", "komisi", "dewan", "majelis", "mahkamah", "pengadilan",
    "kejaksaan", "kepolisian", "partai", "universitas", "institut", "sekolah", "akademi", "politeknik",
    "yayasan", "bank", "asosiasi", "persatuan", "ikatan", "himpunan", "gabungan", "serikat", "federasi",
    "perhimpunan", "komite", "dinas", "direktorat", "otoritas", "pt", "perusahaan", "koperasi",
    "fraksi", "polda", "polres", "polresta", "kodam", "korem", "kodim", "rsud", "pemerintah",
    "pemprov", "pemkab", "pemkot", "sekretariat", "gerakan", "aliansi", "forum",
    "front", "ormas", "organisasi", "klub", "pengurus", "balai",
})
_RUN_CONNECT = frozenset({"dan", "&", "-", "of", "the"})


def mine_org_names(paragraphs: list[list[str]], min_count: int = 3) -> list[tuple[str, ...]]:
    """Organisation names from unlabelled news: capitalised runs opened by an organisation head
    word ("Komisi Pemberantasan Korupsi"), and names defined with an acronym ("... (KPK)") whose
    initials match."""
    counts: Counter[tuple[str, ...]] = Counter()
    for toks in paragraphs:
        n = len(toks)
        i = 0
        while i < n:
            if not toks[i][:1].isupper():
                i += 1
                continue
            j = i + 1
            while j < n:
                if toks[j][:1].isupper() or (toks[j][:1].isdigit() and j > i):
                    j += 1
                elif toks[j].lower() in _RUN_CONNECT and j + 1 < n and toks[j + 1][:1].isupper():
                    j += 2
                else:
                    break
            run = tuple(toks[i:j])
            if not (2 <= len(run) <= MAX_GAZ_TOKENS and run[0].lower() in MINE_ORG_HEADS):
                i = j
                continue
            counts[run] += 1
            # "Badan Pusat Statistik (BPS)": initials of the capitalised words spell the acronym.
            if j + 2 < n and toks[j] == "(" and toks[j + 2] == ")" and toks[j + 1].isupper() and len(run) >= 2:
                acr = toks[j + 1]
                initials = "".join(w[0] for w in run if w[:1].isupper())
                if 2 <= len(acr) <= 8 and initials.upper() == acr.upper():
                    counts[(acr,)] += 1
            i = j
    return sorted(name for name, c in counts.items() if c >= min_count)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def add_mined_orgs(gaz: dict[str, list[tuple[str, ...]]], mined: list[tuple[str, ...]]) -> int:
    """Add news-mined organisation names, except those that swallow a known person's name
    ("Partai Gerindra Prabowo Subianto") or are already known places. Returns how many were added."""
    people = {t for t in gaz.get("PER", []) if len(t) > 1}
    places = set(gaz.get("LOC", []))
    known = set(gaz.get("ORG", []))
    added = []
    for name in mined:
        if name in known or name in places:
            continue
        if any(name[i:i + k] in people for k in (2, 3) for i in range(1, len(name) - k + 1)):
            continue
        added.append(name)
    gaz["ORG"] = sorted(known | set(added))
    return len(added)


def build_gazetteer(directory: str | Path, cap_ratio: dict[str, float] | None = None,
                    min_cap: float = 0.5) -> dict[str, list[tuple[str, ...]]]:
    """label -> list of names (token tuples), filtered as described in the module docstring."""
    out: dict[str, list[tuple[str, ...]]] = {}
    directory = Path(directory)
    for label, fname in GAZ_FILES.items():
        path = directory / fname
        if not path.exists():
            continue
        names = set()
        for raw in path.read_bytes().splitlines():
            name = _decode(raw).strip()
            name = re.sub(r"\s*\(.*?\)\s*$", "", name)  # "Merapi (gunung)" -> "Merapi"
            toks = tuple(TOKEN_RE.findall(name))
            if not toks or len(toks) > MAX_GAZ_TOKENS or len(name) < 2:
                continue
            if not toks[0][0].isupper():
                continue  # case-sensitive entries only: a name starts with a capital
            if len(toks) == 1:
                low = toks[0].lower()
                if cap_ratio is not None and cap_ratio.get(low, 1.0) < min_cap:
                    continue  # mostly a common word in news
                if len(low) < 3:
                    continue
            names.add(toks)
        out[label] = sorted(names)
    return out


def _write_gz(path: Path):
    """A gzip text writer with a fixed header time, so rebuilt resources are byte-identical."""
    import io

    return io.TextIOWrapper(gzip.GzipFile(path, "wb", compresslevel=9, mtime=0), encoding="utf-8")


def save_lexicon(path: Path, cap_ratio: dict[str, float], clusters: dict[str, list[int]]) -> None:
    words = sorted(set(cap_ratio) | set(clusters))
    with _write_gz(path) as fh:
        for w in words:
            if "\t" in w or "\n" in w:
                continue
            cr = cap_ratio.get(w)
            cl = clusters.get(w)
            fh.write(f"{w}\t{'' if cr is None else round(cr, 2)}\t{'' if cl is None else ','.join(map(str, cl))}\n")


def load_lexicon(path: Path) -> tuple[dict[str, float], dict[str, list[int]]]:
    cap: dict[str, float] = {}
    clusters: dict[str, list[int]] = {}
    if not path.exists():
        return cap, clusters
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            w, cr, cl = line.rstrip("\n").split("\t")
            if cr:
                cap[w] = float(cr)
            if cl:
                clusters[w] = [int(x) for x in cl.split(",")]
    return cap, clusters


def save_gazetteer(path: Path, gaz: dict[str, list[tuple[str, ...]]]) -> None:
    with _write_gz(path) as fh:
        for label, names in gaz.items():
            for toks in names:
                fh.write(f"{label}\t{' '.join(toks)}\n")


def load_gazetteer(path: Path) -> dict[str, list[tuple[str, ...]]]:
    gaz: dict[str, list[tuple[str, ...]]] = {}
    if not path.exists():
        return gaz
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            label, name = line.rstrip("\n").split("\t")
            gaz.setdefault(label, []).append(tuple(name.split(" ")))
    return gaz

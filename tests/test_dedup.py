"""Exact and near duplicates: normalisation, edited copies, the earliest-copy rule, the pieces the
Dask path reuses, and incremental assignment across two ingests into a real SQLite store."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from warta.article import Article
from warta.dedup import (
    DedupConfig,
    annotate,
    bands,
    components,
    estimate_jaccard,
    exact_key,
    find_duplicates,
    shingles,
    signature,
    signatures,
    storage,
)
from warta.dedup.index import NearDupIndex, near_pairs, same_key_pairs
from warta.dedup.shingles import jaccard
from warta.dedup.verify import shingle_sets
from warta.store import SQLiteStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_dedup_texts import BASE, OTHER, disagreeing, edited  # noqa: E402


def test_exact_key_ignores_whitespace_case_and_punctuation():
    a = "Harga beras naik, kata Menteri.  Stok aman!"
    b = "harga BERAS naik kata menteri\nstok aman"
    assert exact_key(a) == exact_key(b)
    assert exact_key(a) != exact_key("Harga beras turun, kata Menteri. Stok aman!")


def test_exact_duplicates_point_to_the_earliest_by_published():
    texts = [BASE, BASE.upper(), "  " + BASE.replace(",", " ") + " ", OTHER]
    published = ["2024-01-03", "2024-01-01", None, "2024-01-02"]
    res = find_duplicates(texts, published)
    assert res[1].canonical is None  # the earliest is the canonical
    assert (res[0].canonical, res[0].kind) == (1, "exact")
    assert (res[2].canonical, res[2].kind) == (1, "exact")
    assert res[3].canonical is None


def test_without_dates_input_order_decides():
    res = find_duplicates([OTHER, BASE, BASE])
    assert res[1].canonical is None and res[2].canonical == 1


@pytest.mark.parametrize("rate", [0.02, 0.05, 0.1])
def test_edited_copies_are_near_duplicates(rate):
    copy = edited(BASE, rate, seed=int(rate * 100))
    res = find_duplicates([BASE, OTHER, copy + " Baca juga: Harga cabai naik lagi."])
    assert (res[2].canonical, res[2].kind) == (0, "near")
    assert res[2].similarity >= DedupConfig().threshold
    assert res[1].canonical is None


def test_a_heavy_rewrite_and_an_unrelated_text_are_not_duplicates():
    res = find_duplicates([BASE, edited(BASE, 0.5, seed=3), OTHER])
    assert [r.canonical for r in res] == [None, None, None]


def test_cut_and_added_paragraphs_still_match():
    sentences = BASE.split(". ")
    cut = ". ".join(sentences[:-1])  # last sentence dropped
    added = BASE + " " + OTHER.split(". ")[0] + "."
    res = find_duplicates([BASE, cut, added])
    assert res[1].canonical == 0 and res[2].canonical == 0


def test_empty_and_tiny_texts_do_not_match_each_other():
    res = find_duplicates(["", "   ", "Oke.", "Siap."])
    assert all(r.canonical is None for r in res)


def test_signature_bands_and_components_are_separable_and_stable():
    sig = signature(BASE)
    assert sig.dtype == np.uint32 and sig.shape == (128,)
    assert np.array_equal(signatures([OTHER, BASE])[1], sig)  # batch = one by one
    assert len(bands(sig)) == DedupConfig().bands
    assert bands(sig) == bands(np.frombuffer(sig.tobytes(), dtype=np.uint32))
    assert estimate_jaccard(sig, signature(edited(BASE, 0.03))) > 0.7
    # Another process (another Dask worker) computes the same signature.
    code = ("import sys; from warta.dedup import signature; "
            "sys.stdout.write(signature(sys.stdin.read()).tobytes().hex())")
    out = subprocess.run([sys.executable, "-c", code], input=BASE, capture_output=True, text=True, check=True)
    assert out.stdout == sig.tobytes().hex()
    assert sorted(map(sorted, components([(1, 2), (3, 4), (2, 5)]))) == [[1, 2, 5], [3, 4]]


def sets_of(texts: list[str], config: DedupConfig = DedupConfig()):
    """A `sets_for` over a list of texts (row = position)."""
    return lambda rows: shingle_sets([texts[r] for r in rows.tolist()], config)


def test_index_finds_earlier_rows_and_reports_memory():
    texts = [BASE, OTHER, edited(BASE, 0.03)]
    index = NearDupIndex()
    first = index.add(signatures(texts[:2]), sets_of(texts))
    assert first == [[], []]
    again = index.add(signatures(texts[2:]), sets_of(texts))
    assert [row for row, _ in again[0]] == [0]
    assert again[0][0][1] == pytest.approx(jaccard(shingles.shingle_set(BASE, 2), shingles.shingle_set(texts[2], 2)))
    assert 0 < index.nbytes() / index.size < 1000
    with pytest.raises(ValueError, match="sets_for"):  # verification cannot be skipped by accident
        NearDupIndex().add(signatures([BASE, BASE + " x"]))
    assert NearDupIndex(DedupConfig(verify=False)).add(signatures([BASE, BASE + " x"]))[1][0][0] == 0


def test_annotate_fills_duplicate_of_and_cluster():
    arts = [Article(id="a", text=BASE, published="2024-01-02"), Article(id="b", text=edited(BASE, 0.03),
                                                                         published="2024-01-01"),
            Article(id="c", text=OTHER)]
    annotate(arts)
    assert arts[0].duplicate_of == "b" and arts[1].duplicate_of is None and arts[2].duplicate_of is None
    assert arts[0].cluster == arts[1].cluster != arts[2].cluster


def _store_rows(path):
    store = SQLiteStore(path)
    try:
        return {a.id: (a.duplicate_of, a.cluster) for a in store.iter_articles()}
    finally:
        store.close()


def test_incremental_assignment_across_two_ingests(tmp_path):
    db = tmp_path / "kb.db"
    store = SQLiteStore(db)
    first = [Article(id="kompas-1", text=BASE, source="kompas", published="2024-03-02T09:00"),
             Article(id="antara-1", text=OTHER, source="antara", published="2024-03-02T10:00")]
    storage.update(store, store.add(first).ids)
    store.close()
    assert _store_rows(db)["kompas-1"][0] is None

    # A new process: an exact copy, a near copy published earlier (the new origin), another text.
    store = SQLiteStore(db)
    second = [Article(id="tribun-1", text=BASE.upper(), source="tribun", published="2024-03-02T12:00"),
              Article(id="wire-1", text=edited(BASE, 0.04, seed=9), source="antara", published="2024-03-01T23:00"),
              Article(id="detik-9", text=edited(OTHER, 0.6, seed=2), source="detik", published="2024-03-03")]
    storage.update(store, store.add(second).ids)
    groups = storage.duplicate_groups(store)
    store.close()
    rows = _store_rows(db)
    assert rows["wire-1"][0] is None
    # kompas-1 now copies the older wire-1; tribun-1 stays with its exact twin: one chain from wire-1
    assert rows["kompas-1"][0] == "wire-1" and rows["tribun-1"][0] == "kompas-1"
    assert rows["antara-1"][0] is None and rows["detik-9"][0] is None
    assert len(groups) == 1 and groups[0]["origin"] == "antara" and groups[0]["canonical"]["id"] == "wire-1"
    assert {c["id"]: (c["kind"], c["parent"]) for c in groups[0]["copies"]} == {
        "kompas-1": ("near", "wire-1"), "tribun-1": ("exact", "kompas-1")}
    # Same story for the copies; state was continued, not recomputed.
    assert rows["kompas-1"][1] == rows["wire-1"][1] == rows["tribun-1"][1]


def test_reingesting_a_changed_article_replaces_its_state(tmp_path):
    store = SQLiteStore(tmp_path / "kb.db")
    storage.update(store, store.add([Article(id="x", raw=BASE, text=BASE), Article(id="y", raw=BASE, text=BASE)]).ids)
    assert store.get("y").duplicate_of == "x"
    changed = Article(id="y", raw=OTHER, text=OTHER)
    storage.update(store, store.add([changed]).ids)
    assert store.query("SELECT count(*) AS n FROM dedup_articles")[0]["n"] == 2
    assert store.get("y").duplicate_of is None
    store.close()


def test_registered_step_runs_during_ingest(tmp_path):
    from warta.dedup import register
    from warta.ingest import CORPUS_STEPS, ingest

    before = list(CORPUS_STEPS)
    try:
        register()
        register()  # idempotent
        assert len(CORPUS_STEPS) == len(before) + 1
        store = SQLiteStore(tmp_path / "kb.db")
        arts = [Article(id=f"a{i}", raw=t, text=t, published=f"2024-05-0{i + 1}")
                for i, t in enumerate([BASE, OTHER, edited(BASE, 0.03)])]
        ingest(arts, store, stages=[], workers=1, batch_size=2)
        assert store.get("a2").duplicate_of == "a0"
        assert store.get("a0").cluster == store.get("a2").cluster
        store.close()
    finally:
        CORPUS_STEPS[:] = before


# -- token hashing (scheme 2), exact keys and the vectorised pair finding --------------------------

AWKWARD = [
    BASE,
    "",
    "   \n\t ",
    "“Kami siap,” kata Kapolda—tanpa ragu… «Aman» di\u00a0Jakarta.",
    "Kata\x00dengan NUL di tengah dan kata-kata panjang sekali: pertanggungjawabannya, "
    "memperjualbelikan, https://contoh.example/berita/2024/01/02/sangat-panjang-sekali-alamatnya",
    "Café résumé naïve — kata non-ASCII tetap bagian dari kata.",
    "a",
    "x" * 200 + " " + "x" * 199 + " " + "x" * 8 + " " + "x" * 9,
]


def test_token_hashes_match_the_words_of_tokens():
    h, counts = shingles.token_hashes(AWKWARD)
    words = [w for t in AWKWARD for w in shingles.tokens(t)]
    assert counts.tolist() == [len(shingles.tokens(t)) for t in AWKWARD]
    assert len(h) == len(words)
    # same word ⇔ same hash, over every word of the batch
    seen: dict[int, bytes] = {}
    for w, x in zip(words, h.tolist(), strict=True):
        assert seen.setdefault(x, w) == w
    assert len(seen) == len(set(words))
    assert shingles.tokens("“Kami siap,” kata—Kapolda") == [b"kami", b"siap", b"kata", b"kapolda"]


def test_token_hashes_do_not_depend_on_the_batch():
    h, counts = shingles.token_hashes(AWKWARD)
    ends = np.cumsum(counts)
    for i, t in enumerate(AWKWARD):
        alone, n = shingles.token_hashes([t])
        assert n.tolist() == [counts[i]]
        assert np.array_equal(alone, h[ends[i] - counts[i]: ends[i]])


def test_exact_keys_of_a_batch_equal_keys_one_by_one():
    keys = shingles.exact_keys_from_hashes(*shingles.token_hashes(AWKWARD))
    assert keys == [exact_key(t) for t in AWKWARD]
    assert keys[1] is None and keys[2] is None and len(keys[0]) == 32
    assert exact_key("kata a b") != exact_key("kata b a")  # order matters
    assert exact_key("a b") != exact_key("ab")


def test_scheme_one_is_kept_for_old_stores():
    old = DedupConfig(scheme=1)
    assert not np.array_equal(signature(BASE, old), signature(BASE))
    res = find_duplicates([BASE, OTHER, edited(BASE, 0.05)], None, old)
    assert res[2].canonical == 0 and res[1].canonical is None
    with pytest.raises(ValueError, match="scheme"):
        DedupConfig(scheme=3)


def test_a_store_made_before_schemes_keeps_scheme_one(tmp_path):
    import json

    store = SQLiteStore(tmp_path / "old.db")
    storage.ensure_tables(store)
    legacy = {"shingle": 2, "num_perm": 128, "bands": 32, "rows": 4, "threshold": 0.5, "seed": 42}
    with store.transaction():
        store.execute("INSERT INTO dedup_config (key, value) VALUES (?, ?)", ["dedup", json.dumps(legacy)])
    assert storage.load_config(store).scheme == 1
    assert storage.load_config(store).verify is False  # its groups were made by the estimate alone
    storage.update(store, store.add([Article(id="a", text=BASE), Article(id="b", text=edited(BASE, 0.04))]).ids)
    assert store.get("b").duplicate_of == "a"
    row = store.query("SELECT signature FROM dedup_articles WHERE article_id = 'a'")[0]
    assert row["signature"] == storage.to_text(signature(BASE, DedupConfig(scheme=1)))
    store.close()


def test_same_key_pairs_is_every_pair_sharing_a_key():
    rng = np.random.default_rng(1)
    keys = np.sort(rng.integers(0, 40, size=300))
    rows = rng.permutation(300).astype(np.int32)
    later, earlier = same_key_pairs(keys, rows)
    got = set(zip(later.tolist(), earlier.tolist(), strict=True))
    want = {(max(rows[i], rows[j]), min(rows[i], rows[j])) for i in range(300) for j in range(i + 1, 300)
            if keys[i] == keys[j]}
    assert got == want and len(later) == len(want)


def test_near_pairs_equal_the_incremental_index():
    texts = [BASE, OTHER, edited(BASE, 0.05, 1), "", edited(OTHER, 0.04, 2), edited(BASE, 0.1, 3), BASE]
    sigs = signatures(texts)
    later, earlier, sims = near_pairs(sigs, sets_for=sets_of(texts))
    index = NearDupIndex(capacity=2)
    found = []
    for s in range(0, len(texts), 3):  # in batches, as ingest does
        for i, matches in enumerate(index.add(sigs[s:s + 3], sets_of(texts)), start=s):
            found += [(i, j, sim) for j, sim in matches]
    assert sorted(found) == sorted(zip(later.tolist(), earlier.tolist(), sims.tolist(), strict=True))
    assert {(6, 0), (2, 0), (4, 1)} <= {(a, b) for a, b, _ in found}


def test_scheme_one_values_are_those_of_the_first_release():
    """Stores built before scheme 2 hold these values; scheme 1 must keep producing them."""
    import hashlib

    old = DedupConfig(scheme=1)
    sig = signature(BASE, old)
    assert sig[:4].tolist() == [179665563, 323798781, 892118587, 756440902]
    assert hashlib.sha256(sig.tobytes()).hexdigest()[:16] == "9fe8a7d80257c68f"
    assert bands(sig, old)[:3] == [5587463898665307814, -3313292462042429669, -1266278835264872417]
    h, lens = shingles.token_hashes([BASE], scheme=1)
    assert shingles.exact_keys_from_hashes(h, lens, scheme=1) == ["06c7eb2da7797d94b09c615e242a7090"]


@pytest.mark.parametrize("k", [1, 2, 3, 5])
def test_shingles_of_a_batch_equal_shingles_one_by_one(k):
    texts = [BASE, "", "satu", "satu dua", OTHER, "a b c", "", "x y z w"]
    sh, offsets = shingles.shingle_hashes(*shingles.token_hashes(texts), k)
    for i, t in enumerate(texts):
        alone, off1 = shingles.shingle_hashes(*shingles.token_hashes([t]), k)
        assert np.array_equal(sh[int(offsets[i]): int(offsets[i + 1])], alone)
        n = len(shingles.tokens(t))
        assert int(off1[-1]) == (n - k + 1 if n >= k else min(n, 1))


# -- exact verification of candidate pairs ---------------------------------------------------------

@pytest.mark.parametrize("small_groups", [False, True])
def test_exact_jaccard_equals_python_sets(monkeypatch, small_groups):
    import random

    from warta.dedup import verify
    from warta.dedup.verify import exact_jaccard

    if small_groups:  # the padded matrices split by cells: a long text gets a matrix of its own
        monkeypatch.setattr(verify, "_CELLS", 150)
        monkeypatch.setattr(verify, "_ROW_GROUP", 3)
    texts = [*AWKWARD, OTHER, edited(BASE, 0.1), edited(BASE, 0.3, 4), "satu dua", "dua satu", "satu dua satu dua",
             " ".join([BASE] * 3), edited(" ".join([BASE] * 3), 0.2, 5)]
    sets = shingle_sets(texts)
    for i, t in enumerate(texts):
        row = sets.values[sets.offsets[i]: sets.offsets[i + 1]]
        assert set(row.tolist()) == shingles.shingle_set(t, 2) and np.all(row[1:] > row[:-1])  # sorted, unique
    assert len(sets) == len(texts) and sets.sizes()[1] == 0
    rng = random.Random(2)
    a = np.array([rng.randrange(len(texts)) for _ in range(300)] + [0, 1], dtype=np.int64)
    b = np.array([rng.randrange(len(texts)) for _ in range(300)] + [0, 2], dtype=np.int64)
    got = exact_jaccard(sets, a, b)
    for i, j, x in zip(a.tolist(), b.tolist(), got.tolist(), strict=True):
        assert x == jaccard(shingles.shingle_set(texts[i], 2), shingles.shingle_set(texts[j], 2))
    assert got[-2] == 1.0 and got[-1] == 1.0  # the same text; two texts without words


def test_verification_overrules_the_estimate_both_ways():
    """A pair the estimate puts over the threshold but whose shingle sets are under it is not a
    duplicate; a pair the estimate puts just under but whose sets are over it is."""
    false_a, false_b = disagreeing(want_estimate_above=True)
    true_a, true_b = disagreeing(want_estimate_above=False)
    texts = [false_a, true_a, OTHER, false_b, true_b]
    verified = find_duplicates(texts)
    assert verified[3].canonical is None and verified[4].canonical == 1
    estimated = find_duplicates(texts, None, DedupConfig(verify=False))
    assert estimated[3].canonical == 0 and estimated[4].canonical is None
    with pytest.raises(ValueError, match="margin"):
        DedupConfig(margin=0.6)


@pytest.mark.parametrize("verify", [True, False])
def test_store_gives_the_in_memory_answers_where_estimate_and_exact_disagree(tmp_path, verify):
    """Across two ingests (candidates found in the stored bands, shingled again from the stored
    text) and within one batch, the store accepts the pairs `find_duplicates` accepts."""
    import json
    from dataclasses import asdict

    config = DedupConfig(verify=verify)
    pairs = [disagreeing(True), disagreeing(False), disagreeing(True, seed=5), disagreeing(False, seed=5)]
    first = [a for a, _ in pairs[:2]] + [BASE, OTHER]
    second = [b for _, b in pairs[:2]] + [edited(BASE, 0.05)] + [x for p in pairs[2:] for x in p]
    texts = first + second
    want = [d.canonical for d in find_duplicates(texts, None, config)]
    assert want.count(None) < len(texts) - 2  # some pairs were accepted ...
    assert want != [d.canonical for d in find_duplicates(texts, None, DedupConfig(verify=not verify))]  # ... differently
    store = SQLiteStore(tmp_path / "kb.db")
    storage.ensure_tables(store)
    with store.transaction():
        store.execute("INSERT INTO dedup_config (key, value) VALUES (?, ?)", ["dedup", json.dumps(asdict(config))])
    ids = [f"a{i}" for i in range(len(texts))]
    arts = [Article(id=x, text=t) for x, t in zip(ids, texts, strict=True)]
    storage.update(store, store.add(arts[:len(first)]).ids)
    storage.update(store, store.add(arts[len(first):]).ids)
    got = [store.get(x).duplicate_of for x in ids]
    store.close()
    assert got == [None if c is None else ids[c] for c in want]


# -- the parent rule: every duplicate_of pair is a verified near-duplicate --------------------------
from test_dedup_texts import glued, segments  # noqa: E402

S = segments(8)
CHAIN = [glued(S, 0, 1, 2, 3), glued(S, 1, 2, 3, 4), glued(S, 2, 3, 4, 5)]  # A~B, B~C (J 0.6), A≁C (0.33)
FORK = [glued(S, 0, 1, 2, 6), glued(S, 1, 2, 3, 7), glued(S, 0, 1, 2, 3)]  # A~C, B~C, A≁B


def _j(x: str, y: str) -> float:
    return jaccard(shingles.shingle_set(x, 2), shingles.shingle_set(y, 2))


def test_chain_fixtures_have_the_intended_similarities():
    assert _j(CHAIN[0], CHAIN[1]) > 0.55 and _j(CHAIN[1], CHAIN[2]) > 0.55 and _j(CHAIN[0], CHAIN[2]) < 0.4
    assert _j(FORK[0], FORK[2]) > 0.55 and _j(FORK[1], FORK[2]) > 0.55 and _j(FORK[0], FORK[1]) < 0.4


@pytest.mark.parametrize("verify", [True, False])
def test_a_copy_points_to_the_earliest_article_it_really_copies(verify):
    res = find_duplicates(CHAIN + [OTHER], None, DedupConfig(verify=verify))
    assert res[0].canonical is None and res[0].origin is None
    assert (res[1].canonical, res[1].origin, res[1].kind) == (0, 0, "near")
    assert (res[2].canonical, res[2].origin, res[2].kind) == (1, 0, "near")  # not 0: C shares 0.33 with A
    assert res[3].canonical is None
    # with verification the Jaccard itself (over hashed shingles), else the signature estimate
    assert res[2].similarity == pytest.approx(_j(CHAIN[1], CHAIN[2]), abs=1e-3 if verify else 0.1)


def test_an_article_similar_only_to_a_later_one_is_an_original():
    res = find_duplicates(FORK)
    assert res[1].canonical is None  # B copies nothing earlier (A≁B), though the later C is close
    assert (res[2].canonical, res[2].origin) == (0, 0)
    # dates, not input order, decide which is earlier: C dated first is now everyone's parent
    res = find_duplicates(FORK, ["2024-01-02", "2024-01-03", "2024-01-01"])
    assert res[2].canonical is None
    assert (res[0].canonical, res[1].canonical) == (2, 2)


def test_an_exact_twin_beats_an_earlier_near_copy():
    texts = [CHAIN[0], CHAIN[1], CHAIN[1].upper()]
    res = find_duplicates(texts)
    assert (res[2].canonical, res[2].kind, res[2].similarity, res[2].origin) == (1, "exact", 1.0, 0)


def test_every_reported_pair_clears_the_threshold_on_a_random_corpus():
    """Random glued texts make dense, overlapping neighbourhoods (the transitive case everywhere):
    each (copy, duplicate_of) pair must itself be ≥ threshold, and origins follow the pointers."""
    import random

    rng = random.Random(7)
    segs = segments(14, words=20, seed=9)
    texts = [glued(segs, *sorted(rng.sample(range(14), 4))) for _ in range(120)]
    published = [f"2024-01-{rng.randint(1, 9):02d}" if rng.random() < 0.7 else None for _ in texts]
    res = find_duplicates(texts, published)
    copies = [(i, r) for i, r in enumerate(res) if r.canonical is not None]
    assert len(copies) > 20
    for i, r in copies:
        assert _j(texts[i], texts[r.canonical]) >= 0.5 - 1e-9
        j = r.canonical
        while res[j].canonical is not None:
            j = res[j].canonical
        assert r.origin == j
    # and a copy is never the parent's senior: the parent is earlier by (date, input order)
    from warta.dedup.corpus import earliest_key
    assert all(earliest_key(published[r.canonical], r.canonical) < earliest_key(published[i], i) for i, r in copies)


def _backend(kind: str, tmp_path) -> str:
    if kind == "sqlite":
        return str(tmp_path / "kb.db")
    from tests.pg import new_database

    return new_database()


def _dense_corpus(n: int = 90, seed: int = 7):
    import random

    rng = random.Random(seed)
    segs = segments(12, words=20, seed=seed + 2)
    texts = [glued(segs, *sorted(rng.sample(range(12), 4))) for _ in range(n)]
    texts += [texts[rng.randrange(n)].upper() for _ in range(8)]  # exact twins, dated anywhere
    published = [f"2024-01-{rng.randint(1, 9):02d}" if rng.random() < 0.7 else None for _ in texts]
    return texts, published


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
@pytest.mark.parametrize("batch", [1, 7, 200])
def test_store_follows_the_parent_rule_in_any_batching(tmp_path, backend, batch):
    """Ingested in batches (older articles often arriving after newer copies of them), the store
    ends with the same parents and origins as `find_duplicates` over the whole input."""
    from warta.store import open_store

    texts, published = _dense_corpus()
    want = find_duplicates(texts, published)
    assert sum(d.canonical is not None for d in want) > 30
    assert any(d.origin != d.canonical for d in want if d.canonical is not None)  # chains longer than one step
    store = open_store(_backend(backend, tmp_path))
    ids = [f"n{i:03d}" for i in range(len(texts))]
    arts = [Article(id=x, text=t, published=p) for x, t, p in zip(ids, texts, published, strict=True)]
    for i in range(0, len(arts), batch):
        storage.update(store, store.add(arts[i: i + batch]).ids)
    got = {r["article_id"]: r for r in store.query("SELECT article_id, parent, canonical, kind FROM dedup_articles")}
    dup_of = {a.id: a.duplicate_of for a in store.iter_articles()}
    store.close()
    for i, d in enumerate(want):
        row = got[ids[i]]
        assert dup_of[ids[i]] == row["parent"] == (None if d.canonical is None else ids[d.canonical])
        assert row["canonical"] == ids[i if d.origin is None else d.origin]
        assert row["kind"] == d.kind


def test_copies_of_a_reingested_article_are_placed_again(tmp_path):
    store = SQLiteStore(tmp_path / "kb.db")
    storage.update(store, store.add([Article(id=x, text=t) for x, t in zip("abc", CHAIN, strict=True)]).ids)
    assert [store.get(x).duplicate_of for x in "abc"] == [None, "a", "b"]
    storage.update(store, store.add([Article(id="a", raw=OTHER, text=OTHER)]).ids)  # a's text changed: b copies nothing now
    rows = {r["article_id"]: (r["parent"], r["canonical"]) for r in
            store.query("SELECT article_id, parent, canonical FROM dedup_articles")}
    assert rows == {"a": (None, "a"), "b": (None, "b"), "c": ("b", "b")}
    assert [store.get(x).duplicate_of for x in "abc"] == [None, None, "b"]
    store.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_a_store_from_before_the_parent_rule_is_upgraded(tmp_path, backend):
    """An old store (no `parent` column; every copy pointing at its group's canonical) opens,
    keeps its groups as they were, and places new articles by the parent rule."""
    from warta.store import open_store

    db = _backend(backend, tmp_path)
    store = open_store(db)
    storage.update(store, store.add([Article(id=x, text=t) for x, t in zip("ab", CHAIN[:2], strict=True)]).ids)
    with store.transaction():
        store.execute("DROP INDEX dedup_articles_parent")
        store.execute("ALTER TABLE dedup_articles DROP COLUMN parent")
        store.execute("DELETE FROM dedup_config WHERE key = 'parent_rule'")
    store.close()
    store = open_store(db)  # read as the old version left it: groups by canonical
    assert storage.duplicate_groups(store)[0]["copies"][0]["parent"] == "a"
    storage.update(store, store.add([Article(id="c", text=CHAIN[2])]).ids)
    rows = {r["article_id"]: (r["parent"], r["canonical"]) for r in
            store.query("SELECT article_id, parent, canonical FROM dedup_articles")}
    assert rows == {"a": (None, "a"), "b": ("a", "a"), "c": ("b", "a")}
    store.close()


def test_reingest_keeps_the_order_an_article_was_first_seen_in(tmp_path):
    """A re-ingested article keeps its order number (an unchanged one does not become a copy of its
    own copy), and new articles of that batch never reuse the number of a copy placed again."""
    store = SQLiteStore(tmp_path / "kb.db")
    x, c, z = glued(S, 0, 1, 2, 3), glued(S, 0, 1, 2, 4), glued(S, 5, 6, 7, 4)
    storage.update(store, store.add([Article(id="X", text=x), Article(id="C", text=c), Article(id="Z", text=z)]).ids)
    storage.update(store, store.add([Article(id="X", raw="same text, new page", text=x)]).ids)
    rows = {r["article_id"]: (r["seq"], r["parent"]) for r in store.query("SELECT article_id, seq, parent "
                                                                          "FROM dedup_articles")}
    assert rows == {"X": (1, None), "C": (2, "X"), "Z": (3, None)}
    # X changed: C (a copy of X) is placed again; Y and Z2, exact twins of C, come after it
    storage.update(store, store.add([Article(id="X", raw="rewritten", text=x + " tambahan kata baru"),
                                     Article(id="Y", text=c.upper()), Article(id="Z2", text=c.lower())]).ids)
    rows = {r["article_id"]: (r["seq"], r["parent"], r["kind"]) for r in
            store.query("SELECT article_id, seq, parent, kind FROM dedup_articles")}
    assert len({s for s, _, _ in rows.values()}) == len(rows)  # order numbers stay unique
    assert rows["Y"][1:] == ("C", "exact") and rows["Z2"][1:] == ("C", "exact")  # the earliest twin
    store.close()


def test_a_new_store_records_its_dedup_settings(tmp_path):
    import json

    store = SQLiteStore(tmp_path / "kb.db")
    storage.update(store, store.add([Article(id="a", text=BASE)]).ids)
    saved = {r["key"]: r["value"] for r in store.query("SELECT key, value FROM dedup_config")}
    assert json.loads(saved["dedup"])["threshold"] == DedupConfig().threshold and saved["parent_rule"] == "1"
    store.close()


def test_related_lists_the_copy_relations_of_the_article_itself(tmp_path):
    """`related` shows what the article copies, what copies it and the chain's origin, not chain
    members that need not be similar to it (A in A~B, B~C, A≁C for C)."""
    store = SQLiteStore(tmp_path / "kb.db")
    storage.update(store, store.add([Article(id=x, text=t) for x, t in zip("abc", CHAIN, strict=True)]).ids)
    got = {r["id"]: (r["relation"], r["similarity"] is not None) for r in storage.related(store, "b")["copies"]}
    assert got == {"a": ("copy of", True), "c": ("copied by", True)}
    got = {r["id"]: r["relation"] for r in storage.related(store, "c")["copies"]}
    assert got == {"b": "copy of", "a": "origin"}
    from warta.web.queries import related  # the web's and the API's "related" says the same

    web = {r["id"]: r["relation"] for r in related(store, store.get("b")) if r["relation"] != "same story"}
    assert web == {"a": "original", "c": "duplicate"}
    web = [(r["id"], r["relation"]) for r in related(store, store.get("c")) if r["relation"] != "same story"]
    assert web == [("b", "original"), ("a", "original")]
    store.close()

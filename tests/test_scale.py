"""The Dask path on a real LocalCluster (2 worker processes): same records as the plain runner,
shards + manifest, byte-range sharding, a killed worker's shard retried without duplicates, resume,
and bulk load into SQLite and PostgreSQL."""
from __future__ import annotations

import gzip
import json
import os

import pytest

from tests.scale_stages import CRASH_WORD
from warta.ingest import extract
from warta.problems import Problems
from warta.readers import iter_articles
from warta.scale import (
    ClusterSpecError,
    extract_distributed,
    iter_shard_articles,
    load_shards,
    parse_spec,
    plan_shards,
    read_manifest,
)
from warta.scale.shards import RangeStream
from warta.store import open_store

FAST = ["prepare", "clean", "facts"]  # cheap to load on every worker
TOWNS = ["Semarang", "Makassar", "Padang", "Pontianak", "Kupang", "Ambon", "Palu", "Jambi"]


def news(i: int) -> dict:
    town = TOWNS[i % len(TOWNS)]
    text = (f"{town.upper()}, KabarNusa – Pemerintah Kota {town} menyalurkan bantuan senilai Rp{i + 2} miliar "
            f"kepada {1000 + i * 37} keluarga terdampak banjir pada Senin (13/7/2025).\n"
            f"\"Bantuan tahap ke-{i % 5 + 1} ini kami percepat,\" kata Wali Kota {town}, Budi Santoso, di balai kota.\n"
            f"Menurut data BPBD, sekitar {20 + i} persen rumah warga masih tergenang air setinggi "
            f"{i % 90 + 10} sentimeter.\n"
            "Baca juga: Harga beras naik menjelang akhir pekan")
    return {"id": f"kn-{i:04d}", "title": f"Banjir di {town}, bantuan tahap {i % 5 + 1} cair",
            "source": "KabarNusa", "published": f"2025-07-{i % 28 + 1:02d}", "text": text,
            "url": f"https://kabarnusa.example/{i}"}


def write_jsonl(path, records, bad_line_at: int | None = None, gz: bool = False):
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if bad_line_at is not None:
        lines.insert(bad_line_at, '{"id": "rusak", "text": ')  # a truncated record
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if gz:
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    distributed = pytest.importorskip("distributed")
    marker_dir = tmp_path_factory.mktemp("crash")
    os.environ["WARTA_TEST_CRASH_MARKER"] = str(marker_dir / "crashed")  # inherited by the workers
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=50)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def plain(paths, stages):
    problems = Problems(quiet=True)
    out = [a.to_output() for a in extract(iter_articles([str(p) for p in paths], problems), stages, workers=1)]
    return out, problems


def _databases(tmp_path) -> list[str]:
    """An SQLite file, and a PostgreSQL database when a server can be started here."""
    from tests.pg import require_postgres

    targets = [str(tmp_path / "kb.db")]
    try:
        targets.append(require_postgres().new_database())
    except pytest.skip.Exception:
        pass
    return targets


# -- planning (no cluster) ------------------------------------------------------------------
def test_big_jsonl_is_split_on_line_boundaries_with_line_numbers(tmp_path):
    path = write_jsonl(tmp_path / "big.jsonl", [news(i) for i in range(60)])
    shards = plan_shards([str(path)], Problems(quiet=True), FAST, shard_bytes=4000)
    assert len(shards) > 5
    lines, expected_first = [], 1
    for s in shards:
        (part,) = s.parts
        assert part.first_line == expected_first
        with RangeStream(part.path, part.start, part.end) as stream:
            chunk = []
            while line := stream.readline():
                chunk.append(line)
        assert chunk and all(x.endswith(b"\n") for x in chunk)
        lines += chunk
        expected_first += len(chunk)
    assert b"".join(lines) == path.read_bytes()
    again = plan_shards([str(path)], Problems(quiet=True), FAST, shard_bytes=4000)
    assert [s.name for s in again] == [s.name for s in shards]  # stable names: retries and resumes hit the same file
    other = plan_shards([str(path)], Problems(quiet=True), ["prepare"], shard_bytes=4000)
    assert other[0].name != shards[0].name  # other stages, other output


def test_small_files_are_grouped_and_gzip_is_never_split(tmp_path):
    small = [write_jsonl(tmp_path / f"s{i}.jsonl", [news(i)]) for i in range(5)]
    gz = write_jsonl(tmp_path / "big.jsonl.gz", [news(i) for i in range(200)], gz=True)
    shards = plan_shards([*map(str, small), str(gz)], Problems(quiet=True), FAST, shard_bytes=2000)
    assert all(p.end is None for s in shards for p in s.parts)
    assert sum(len(s.parts) for s in shards) == 6 and len(shards) < 6


def test_cluster_spec():
    assert parse_spec("local:4") == ("local", 4)
    assert parse_spec("local") == ("local", None)
    assert parse_spec("tcp://10.0.0.5:8786") == ("remote", None)
    for bad in ("local:0", "10.0.0.5", "spark://x"):
        with pytest.raises(ClusterSpecError):
            parse_spec(bad)


# -- on the cluster -------------------------------------------------------------------------
@pytest.mark.slow
def test_same_records_as_the_plain_runner(client, tmp_path):
    from warta.pipeline import available_stages

    stages = available_stages()  # the full default list, models and all
    a = write_jsonl(tmp_path / "a.jsonl", [news(i) for i in range(24)], bad_line_at=10)
    b = write_jsonl(tmp_path / "b.jsonl.gz", [news(i) for i in range(24, 36)], gz=True)
    expected, expected_problems = plain([a, b], stages)
    problems = Problems(quiet=True)
    out = tmp_path / "out"
    manifest = extract_distributed([str(a), str(b)], out, client=client, stages=stages, problems=problems,
                                   shard_bytes=3000)
    got = [x.to_output() for x in iter_shard_articles(out)]
    assert got == expected
    assert manifest["complete"] and manifest["articles"] == 36 and len(manifest["shards"]) > 2
    assert problems.counts == expected_problems.counts and problems.total == 1
    # the bad line is reported with its line number in the whole file, as a plain run does
    assert read_manifest(out)["problems"] == 1


@pytest.mark.slow
def test_problem_lines_in_byte_ranges_name_the_real_line(client, tmp_path):
    path = write_jsonl(tmp_path / "big.jsonl", [news(i) for i in range(30)], bad_line_at=21)
    seen = []

    class Keep(Problems):
        def report(self, where, reason, kind="skipped"):
            seen.append(where)
            super().report(where, reason, kind)

    extract_distributed([str(path)], tmp_path / "out", client=client, stages=FAST, problems=Keep(quiet=True),
                        shard_bytes=2500)
    assert seen == [f"{path}:22"]
    origins = [a.origin for a in iter_shard_articles(tmp_path / "out")]
    assert origins[-1] == f"{path}:31" and origins[20] == f"{path}:21" and origins[21] == f"{path}:23"


@pytest.mark.slow
def test_killed_worker_shard_is_retried_without_duplicate_output(client, tmp_path):
    records = [news(i) for i in range(40)]
    records[17]["text"] += f"\n{CRASH_WORD}"
    path = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out"
    marker = os.environ["WARTA_TEST_CRASH_MARKER"]
    if os.path.exists(marker):
        os.unlink(marker)
    manifest = extract_distributed([str(path)], out, client=client, stages=[*FAST, "crash_once"],
                                   extra_stages={"crash_once": "tests.scale_stages:make_crash_once"},
                                   shard_bytes=3000)
    assert os.path.exists(marker)  # a worker really died mid-shard
    assert manifest["complete"] and manifest["articles"] == 40
    ids = [a.id for a in iter_shard_articles(out)]
    assert ids == [r["id"] for r in records]  # every article once, in order
    files = sorted(os.listdir(out / "shards"))
    assert not [f for f in files if ".tmp-" in f]  # the dead task's partial file was swept
    assert len([f for f in files if f.endswith(".parquet")]) == len(manifest["shards"])


@pytest.mark.slow
def test_rerun_resumes_and_load_into_sqlite_and_postgres(client, tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [news(i) for i in range(30)])
    out = tmp_path / "out"
    first = extract_distributed([str(path)], out, client=client, stages=FAST, shard_bytes=4000)
    # Lose one shard (as if its worker never finished), then run again: only that one is redone.
    victim = first["shards"][1]
    os.unlink(out / victim["file"])
    second = extract_distributed([str(path)], out, client=client, stages=FAST, shard_bytes=4000)
    redone = [s["name"] for s in second["shards"] if not s.get("skipped")]
    assert redone == [victim["name"]]
    assert second["articles"] == 30

    for db in _databases(tmp_path):
        store = open_store(db)
        res = load_shards(out, store, batch_size=7, corpus_steps=False)
        assert (res.inserted, res.unchanged) == (30, 0)
        again = load_shards(out, store, corpus_steps=False)  # idempotent
        assert (again.inserted, again.unchanged) == (0, 30)
        assert store.count() == 30
        assert store.search("menyalurkan banjir").total == 30
        stored = store.get("kn-0003")
        assert stored.raw and stored.text and stored.amounts
        store.close()


@pytest.mark.slow
def test_search_stems_made_on_the_workers_are_used_not_stored(client, tmp_path):
    """With the `index` stage in the workers the load only writes: both stores use the shards' stems
    for search and keep them (and ingest's raw hash) out of the stored meta."""
    path = write_jsonl(tmp_path / "in.jsonl", [news(i) for i in range(6)])
    out = tmp_path / "out"
    extract_distributed([str(path)], out, client=client, stages=["prepare", "clean", "index"], shard_bytes=2000)
    assert all("_index_stems" in a.meta for a in iter_shard_articles(out))
    for db in _databases(tmp_path):
        with open_store(db) as store:
            load_shards(out, store, corpus_steps=False)
            assert store.search("penyaluran banjir").total == 6  # stems from the workers: salur, banjir
            art = store.get("kn-0002")
            assert "_index_stems" not in art.meta and "raw_hash" not in art.meta
            # A record whose stems are missing is stemmed by the store itself.
            extra = next(iter(iter_shard_articles(out)))
            extra.id, extra.meta = "kn-extra", {}
            store.add([extra])
            assert "kn-extra" in {h.id for h in store.search("menyalurkan", limit=20).hits}


# -- corpus-wide duplicates in stages ---------------------------------------------------------
WORDS = ("pemerintah warga banjir bantuan harga beras pasar kota desa jalan sekolah guru siswa rumah sakit "
         "dokter pasien polisi pelaku korban kebakaran gempa laut nelayan petani panen pupuk listrik air "
         "gubernur bupati menteri presiden rapat anggaran dana proyek jembatan bandara kereta bus tiket "
         "mudik lebaran sapi kurban zakat masjid gereja pantai wisata hotel turis kopi sawit tambang batu "
         "bara minyak bensin solar subsidi pajak ekspor impor rupiah dolar saham bank kredit usaha mikro").split()


def duplicate_corpus(n_base: int = 50, seed: int = 7) -> list[dict]:
    """Unique articles plus exact copies (case/punctuation changed) and near copies (a few words
    changed, some close to the threshold), scattered through the input with shuffled dates."""
    import random

    rng = random.Random(seed)
    base = [" ".join(rng.choice(WORDS) for _ in range(90)) for _ in range(n_base)]
    records = []
    for i, text in enumerate(base):
        records.append({"id": f"u{i}", "text": text, "published": f"2025-03-{rng.randint(1, 28):02d}"})
        if i % 3 == 0:  # an exact copy up to case and punctuation
            records.append({"id": f"x{i}", "text": text.upper().replace(" ", ", ", 3),
                            "published": f"2025-03-{rng.randint(1, 28):02d}"})
        if i % 4 == 0:  # near copies with 2..10 words changed
            for k, changes in enumerate((2, 6, 10)):
                words = text.split()
                for _ in range(changes):
                    words[rng.randrange(len(words))] = rng.choice(WORDS)
                records.append({"id": f"n{i}-{k}", "text": " ".join(words), "published": None if k == 2 else
                                f"2025-02-{rng.randint(1, 28):02d}"})
    rng.shuffle(records)
    return records


def reference_parents(texts: list[str], published: list, config=None) -> dict[int, tuple[int, str, float]]:
    """The parent rule by brute force over every pair: i → (parent, kind, similarity). Parent = the
    smallest-rank exact twin of smaller rank, else the smallest-rank earlier article that shares a
    band key, passes the estimate prefilter and (verifying) has exact shingle Jaccard ≥ threshold."""
    import numpy as np

    from warta.dedup import DEFAULT
    from warta.dedup.corpus import earliest_key
    from warta.dedup.minhash import EMPTY_ROW, band_matrix, sketch
    from warta.dedup.verify import accept, exact_jaccard, shingle_sets

    config = config or DEFAULT
    n = len(texts)
    sig, keys = sketch(texts, config)
    s16 = sig.astype(np.uint16)
    live = ~np.all(sig == EMPTY_ROW, axis=1)
    bm = band_matrix(sig, config)
    shares = (bm[:, None, :] == bm[None, :, :]).any(axis=2) & live[:, None] & live[None, :]
    est = (s16[:, None, :] == s16[None, :, :]).sum(axis=2) / config.num_perm
    i, j = np.indices((n, n))
    exact = exact_jaccard(shingle_sets(texts, config), i.ravel(), j.ravel()).reshape(n, n)
    ok = shares & accept(est, config) & ((exact >= config.threshold) if config.verify else True)
    order = sorted(range(n), key=lambda k: earliest_key(published[k], k))
    out = {}
    for r, a in enumerate(order):
        earlier = order[:r]
        twins = [b for b in earlier if keys[a] is not None and keys[b] == keys[a]]
        if twins:
            out[a] = (twins[0], "exact", 1.0)
            continue
        near = [b for b in earlier if ok[a, b]]
        if near:
            out[a] = (near[0], "near", float(exact[a, near[0]] if config.verify else est[a, near[0]]))
    return out


def reference_origin(parents: dict, i: int) -> int:
    while i in parents:
        i = parents[i][0]
    return i


def triangle(chain: bool, seed: int = 3, words: int = 120, edits: int = 14) -> tuple[str, str, str]:
    """Three texts (in rank order A, B, C) where two of the three pairs are near copies (exact
    2-shingle Jaccard ≥ 0.55, sharing a band) and the third is not (< 0.45): a chain A~B, B~C,
    A≁C (`chain`), or A~C, B~C, A≁B (two edits of C)."""
    import random

    from warta.dedup import DedupConfig, bands, signatures
    from warta.dedup.shingles import jaccard, shingle_set

    vocab = [f"{w}{i}" for w in WORDS for i in range(5)]
    rng = random.Random(seed)
    config = DedupConfig()

    def edit(text: list[str], where: list[int]) -> list[str]:
        out = list(text)
        for k in where:
            out[k] = rng.choice(vocab)
        return out

    for _ in range(200):
        base = [rng.choice(vocab) for _ in range(words)]
        pos = rng.sample(range(words), 2 * edits)
        if chain:
            a = base
            b = edit(a, pos[:edits])
            c = edit(b, pos[edits:])
            near, far = [(a, b), (b, c)], (a, c)
        else:
            c = base
            a, b = edit(c, pos[:edits]), edit(c, pos[edits:])
            near, far = [(a, c), (b, c)], (a, b)
        texts = {id(t): " ".join(t) for t in (a, b, c)}

        def sim(x, y, texts=texts):
            return jaccard(shingle_set(texts[id(x)], 2), shingle_set(texts[id(y)], 2))

        def banded(x, y, texts=texts):
            sx, sy = signatures([texts[id(x)], texts[id(y)]], config)
            return bool(set(bands(sx, config)) & set(bands(sy, config)))

        if all(sim(x, y) >= 0.55 and banded(x, y) for x, y in near) and sim(*far) < 0.45:
            return texts[id(a)], texts[id(b)], texts[id(c)]
    raise AssertionError("no triangle found")


def test_earliest_passing_gives_the_answers_of_checking_every_pair():
    """Stage 3 tries each later article's candidates in rank order and stops at the first that
    passes: the same parents as checking every pair, and ~one check per member of a dense group."""
    import random

    import numpy as np

    from warta.scale.dedup import earliest_passing

    rng = random.Random(9)
    for trial in range(40):
        n = rng.randint(2, 120)
        rank = np.array(rng.sample(range(10 * n), n))  # rank of seq i
        pairs = {tuple(sorted(rng.sample(range(n), 2), key=lambda k: -rank[k])) for _ in range(rng.randint(1, 600))}
        later = np.array([p[0] for p in pairs], dtype=np.int64)
        earlier = np.array([p[1] for p in pairs], dtype=np.int64)
        sims = {p: (0.9 if (p[0] * 31 + p[1]) % 5 != 0 or trial % 7 == 0 else 0.3) for p in pairs}
        expected = {}
        for v, u in sorted(pairs, key=lambda p: rank[p[1]]):
            if sims[(v, u)] >= 0.5 and v not in expected:
                expected[v] = u
        checked = []

        def check(a, b, sims=sims, checked=checked):
            checked.append(len(a))
            return np.array([sims[(x, y)] for x, y in zip(a.tolist(), b.tolist(), strict=True)])

        for rounds in (0, 2, 12):
            checked.clear()
            v, u, s, checks = earliest_passing(later, earlier, rank[earlier], check, 0.5, rounds)
            assert dict(zip(v.tolist(), u.tolist(), strict=True)) == expected
            assert np.all(s == 0.9) and checks == sum(checked) <= len(pairs)
    clique = [(j, i) for i in range(60) for j in range(i + 1, 60)]
    later, earlier = np.array(clique).T
    checked = []
    v, u, _, checks = earliest_passing(later, earlier, earlier, lambda a, b: (checked.append(len(a)),
                                                                               np.ones(len(a)))[1], 0.5)
    assert sorted(v.tolist()) == list(range(1, 60)) and set(u.tolist()) == {0}
    assert checks == sum(checked) == 59  # not 1,770
    empty = np.zeros(0, dtype=np.int64)
    assert earliest_passing(empty, empty, empty, check, 0.5)[3] == 0


def test_each_candidate_pair_is_handled_by_exactly_one_bucket():
    """A pair sharing band keys in several buckets is kept by one of them (the bucket of the
    smallest shared key), so it is prefiltered, written and checked once."""
    import numpy as np

    from warta.scale.dedup import _bucket_of, _owned

    rng = np.random.default_rng(3)
    bu = rng.integers(-(1 << 62), 1 << 62, size=(500, 32))
    bv = np.where(rng.random((500, 32)) < 0.3, bu, rng.integers(-(1 << 62), 1 << 62, size=(500, 32)))
    bv[0] = bu[0]  # identical texts share every key
    bv[1] = np.roll(bu[1], 1)  # keys equal only across bands
    shared = bu == bv
    for buckets in (1, 3, 8):
        where = [np.isin(np.arange(buckets), _bucket_of(bu[i][shared[i]], buckets)) for i in range(500)]
        owners = np.stack([_owned(bu, bv, b, buckets) for b in range(buckets)], axis=1)
        has = shared.any(axis=1)
        assert np.all(owners[has].sum(axis=1) == 1)  # exactly one bucket ...
        assert all(where[i][owners[i]].all() for i in np.flatnonzero(has))  # ... one that holds a shared key
        assert not has[1] and owners[~has].all()  # no shared key in the same band (a cross-band accident): every bucket keeps it


def rule_corpus() -> tuple[list[dict], dict[str, str]]:
    """`duplicate_corpus` plus the cases the parent rule decides, spread over the whole input
    (other shards), with the parents they must get (None: an original)."""
    from .test_dedup_texts import BASE, disagreeing, edited

    records = duplicate_corpus()
    ca, cb, cc = triangle(chain=True)
    ta, tb, tc = triangle(chain=False, seed=8)
    # Pairs whose signature estimate and exact shingle Jaccard disagree, the halves far apart:
    # only exact verification, done the same way in both paths, gives the same answers.
    tricky = [disagreeing(True), disagreeing(False), disagreeing(True, seed=5), disagreeing(False, seed=5)]
    twin = edited(BASE, 0.03, seed=4)
    first = [{"id": f"t{i}a", "text": p[0], "published": "2025-01-01"} for i, p in enumerate(tricky)]
    first += [{"id": "chain-a", "text": ca, "published": "2025-04-01"},
              {"id": "tri-c", "text": tc, "published": None},  # first in input, but undated: last in rank
              {"id": "twin-late", "text": twin, "published": "2025-05-20"},
              {"id": "undated-twin", "text": BASE, "published": None}]
    middle = [{"id": "chain-b", "text": cb, "published": "2025-04-02"},
              {"id": "tri-b", "text": tb, "published": "2025-04-06"}]
    last = [{"id": f"t{i}b", "text": p[1], "published": "2025-01-02"} for i, p in enumerate(tricky)]
    last += [{"id": "chain-c", "text": cc, "published": None},
             {"id": "tri-a", "text": ta, "published": "2025-04-05"},
             {"id": "twin-early", "text": twin.upper(), "published": "2025-05-01"},  # later input, earlier date
             {"id": "twin-near", "text": BASE.replace("Rabu", "Kamis"), "published": "2025-04-30"},
             {"id": "dated-twin", "text": BASE.lower(), "published": "2025-05-10"}]
    half = len(records) // 2
    records = first + records[:half] + middle + records[half:] + last
    must = {"chain-b": "chain-a", "chain-c": "chain-b",  # not chain-a: C is no near copy of A
            "tri-b": None, "tri-c": "tri-a",  # B stays an original although C joins A and B
            "twin-late": "twin-early", "twin-early": "twin-near",  # exact twin first, then the earlier near copy
            "dated-twin": "twin-near", "undated-twin": "dated-twin"}
    return records, must


@pytest.mark.slow
def test_distributed_dedup_gives_the_single_machine_answers(client, tmp_path):
    import pyarrow.parquet as pq

    from warta.dedup import DedupConfig, find_duplicates
    from warta.scale import dedup_distributed
    from warta.scale.load import read_duplicates

    records, must = rule_corpus()
    half = len(records) // 2
    a = write_jsonl(tmp_path / "a.jsonl", records[:half])
    b = write_jsonl(tmp_path / "b.jsonl.gz", records[half:], gz=True)
    out = tmp_path / "out"
    extract_distributed([str(a), str(b)], out, client=client, stages=["prepare"], shard_bytes=6000)
    assert len(read_manifest(out)["shards"]) >= 4  # copies land in other shards than their originals
    arts = list(iter_shard_articles(out))
    texts, published = [x.text for x in arts], [x.published for x in arts]
    ref = reference_parents(texts, published)
    expected = {arts[i].id: arts[p].id for i, (p, _, _) in ref.items()}
    assert len(expected) > 20  # the corpus really has duplicates of both kinds
    for copy, parent in must.items():
        assert expected.get(copy) == parent, copy
    by_estimate = {arts[i].id: arts[p].id for i, (p, _, _) in
                   reference_parents(texts, published, DedupConfig(verify=False)).items()}
    for config, want in ((DedupConfig(), ref), (DedupConfig(verify=False), None)):
        single = {i: (d.canonical, d.kind, d.origin) for i, d in enumerate(find_duplicates(texts, published, config))
                  if d.canonical is not None}
        want = want or reference_parents(texts, published, config)
        assert single == {i: (p, kind, reference_origin(want, i)) for i, (p, kind, _) in want.items()}
    assert {f"t{i}b" for i in (0, 2)} <= set(by_estimate) - set(expected)  # rejected by verification
    assert {f"t{i}b" for i in (1, 3)} <= set(expected) - set(by_estimate)  # found only by it

    stats = dedup_distributed(out, client=client, buckets=3)
    assert read_duplicates(out) == expected
    assert stats["duplicates"] == len(expected)
    assert 0 < stats["pairs"]["exact_checks"] <= stats["pairs"]["prefiltered"] <= stats["pairs"]["handled"]
    assert not (out / "dedup").exists()  # scratch removed
    rows = pq.read_table(str(out / "duplicates.parquet")).to_pylist()
    index = {x.id: i for i, x in enumerate(arts)}
    for row in rows:
        i = index[row["id"]]
        p, kind, sim = ref[i]
        assert (row["duplicate_of"], row["kind"]) == (arts[p].id, kind)
        assert row["origin"] == arts[reference_origin(ref, i)].id
        assert row["similarity"] == pytest.approx(sim, abs=1e-4)
    assert [r["id"] for r in rows] == [x.id for x in arts if x.id in expected]  # input order
    dup_of = {x.id: x.duplicate_of for x in iter_shard_articles(out)}
    assert {k: v for k, v in dup_of.items() if v} == expected
    store = open_store(str(tmp_path / "kb.db"))
    load_shards(out, store, corpus_steps=False)
    assert store.stats()["duplicates"] == len(expected)
    store.close()

    dedup_distributed(out, client=client, buckets=2, config=DedupConfig(verify=False))
    assert read_duplicates(out) == by_estimate


def test_old_duplicates_files_stay_readable(tmp_path):
    """duplicates.parquet written before the origin / similarity columns still loads."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from warta.scale.load import read_duplicates

    pq.write_table(pa.table({"id": ["b", "c"], "duplicate_of": ["a", "a"], "kind": ["near", "exact"]}),
                   str(tmp_path / "duplicates.parquet"))
    assert read_duplicates(tmp_path) == {"b": "a", "c": "a"}
    assert read_duplicates(tmp_path / "missing") == {}


@pytest.mark.slow
def test_cli_shards_and_ingest_from(client, tmp_path):
    import subprocess
    import sys

    from warta.cli.scale import ingest_from_shards

    path = write_jsonl(tmp_path / "in.jsonl", [news(i) for i in range(12)])
    out = tmp_path / "out"
    extract_distributed([str(path)], out, client=client, stages=FAST, shard_bytes=3000)
    show = subprocess.run([sys.executable, "-m", "warta", "shards", str(out)], capture_output=True, text=True)
    assert show.returncode == 0 and "12 articles" in show.stdout and "complete" in show.stdout
    assert ingest_from_shards(str(out), str(tmp_path / "kb.db"), quiet=True) == 0
    assert open_store(str(tmp_path / "kb.db"), readonly=True).count() == 12
    bad = subprocess.run([sys.executable, "-m", "warta", "shards", str(tmp_path)], capture_output=True, text=True)
    assert bad.returncode == 1 and "manifest.json" in bad.stderr


@pytest.mark.slow
def test_relative_paths_are_read_from_the_clients_directory(client, tmp_path, monkeypatch):
    write_jsonl(tmp_path / "rel.jsonl", [news(i) for i in range(8)], bad_line_at=3)
    monkeypatch.chdir(tmp_path)  # the workers were started elsewhere
    seen = []

    class Keep(Problems):
        def report(self, where, reason, kind="skipped"):
            seen.append(where)

    m = extract_distributed(["rel.jsonl"], "out", client=client, stages=FAST, problems=Keep(quiet=True))
    assert m["articles"] == 8 and seen == ["rel.jsonl:4"]
    assert [a.origin for a in iter_shard_articles("out")][:4] == ["rel.jsonl:1", "rel.jsonl:2", "rel.jsonl:3",
                                                                   "rel.jsonl:5"]

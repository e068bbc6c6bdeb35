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


def test_vectorised_components_match_union_find():
    """The numpy components of the distributed dedup (chains, stars, cycles, isolated pairs, big
    node numbers) are exactly those of the single-machine union-find, and a forest keeps them."""
    import random

    import numpy as np

    from warta.dedup import components
    from warta.dedup.components import component_labels
    from warta.scale.dedup import forest

    rng = random.Random(5)
    for _ in range(30):
        n = rng.randint(2, 400)
        edges = [(rng.randrange(n) * 1000 + 7, rng.randrange(n) * 1000 + 7) for _ in range(rng.randint(1, 300))]
        edges += [(10**9 + i, 10**9 + i + 1) for i in range(rng.randint(0, 40))]  # a long chain
        arr = np.array(edges, dtype=np.int64)
        expected = sorted(sorted(g) for g in components(edges))
        nodes, labels = component_labels(arr)
        got: dict[int, list[int]] = {}
        for node, label in zip(nodes.tolist(), labels.tolist(), strict=True):
            got.setdefault(label, []).append(node)
            assert label == min(got[label])
        assert sorted(g for g in got.values() if len(g) > 1) == expected
        assert sorted(sorted(g) for g in components(map(tuple, forest(arr).tolist()))) == expected
    assert len(component_labels(np.empty((0, 2), dtype=np.int64))[0]) == 0


def test_verify_spanning_gives_the_components_of_checking_every_pair():
    """The distributed stage checks (exactly) only the pairs that can still join two components:
    the components are those of checking every pair, for far fewer checks on dense groups."""
    import random

    import numpy as np

    from warta.dedup import components
    from warta.scale.dedup import verify_spanning

    rng = random.Random(9)
    for trial in range(40):
        n = rng.randint(2, 120)
        pairs = {tuple(sorted(rng.sample(range(n), 2))) for _ in range(rng.randint(1, 600))}
        arr = np.array(sorted(pairs), dtype=np.int64) * 7 + 3
        good = {p for p in map(tuple, arr.tolist()) if (p[0] * 31 + p[1]) % 5 != 0 or trial % 7 == 0}
        checked = []

        def check(chunk, good=good, checked=checked):
            checked.append(len(chunk))
            return np.array([tuple(p) in good for p in chunk.tolist()], dtype=bool)

        for rounds in (0, 2, 12):
            checked.clear()
            got = verify_spanning(arr, check, rounds)
            assert {tuple(p) for p in got.tolist()} <= good
            assert sorted(map(sorted, components(map(tuple, got.tolist())))) == sorted(map(sorted, components(good)))
            assert sum(checked) <= len(arr)
    clique = np.array([(i, j) for i in range(60) for j in range(i + 1, 60)], dtype=np.int64)
    checked = []
    got = verify_spanning(clique, lambda c: (checked.append(len(c)), np.ones(len(c), dtype=bool))[1])
    assert len(components(map(tuple, got.tolist()))) == 1 and sum(checked) < 120  # not 1,770


@pytest.mark.slow
def test_distributed_dedup_gives_the_single_machine_answers(client, tmp_path):
    from warta.dedup import DedupConfig, find_duplicates
    from warta.scale import dedup_distributed
    from warta.scale.load import read_duplicates

    from .test_dedup_texts import disagreeing

    records = duplicate_corpus()
    # Pairs whose signature estimate and exact shingle Jaccard disagree, the halves far apart
    # (other shards): only exact verification, done the same way in both paths, gives the same answers.
    tricky = [disagreeing(True), disagreeing(False), disagreeing(True, seed=5), disagreeing(False, seed=5)]
    records[:0] = [{"id": f"t{i}a", "text": p[0], "published": "2025-01-01"} for i, p in enumerate(tricky)]
    records += [{"id": f"t{i}b", "text": p[1], "published": "2025-01-02"} for i, p in enumerate(tricky)]
    half = len(records) // 2
    a = write_jsonl(tmp_path / "a.jsonl", records[:half])
    b = write_jsonl(tmp_path / "b.jsonl.gz", records[half:], gz=True)
    out = tmp_path / "out"
    extract_distributed([str(a), str(b)], out, client=client, stages=["prepare"], shard_bytes=6000)
    assert len(read_manifest(out)["shards"]) >= 4  # copies land in other shards than their originals
    arts = list(iter_shard_articles(out))
    texts, published = [x.text for x in arts], [x.published for x in arts]
    expected = {}
    for art, d in zip(arts, find_duplicates(texts, published), strict=True):
        if d.canonical is not None:
            expected[art.id] = arts[d.canonical].id
    assert len(expected) > 20  # the corpus really has duplicates of both kinds
    by_estimate = {arts[i].id: arts[d.canonical].id
                   for i, d in enumerate(find_duplicates(texts, published, DedupConfig(verify=False)))
                   if d.canonical is not None}
    assert {f"t{i}b" for i in (0, 2)} <= set(by_estimate) - set(expected)  # rejected by verification
    assert {f"t{i}b" for i in (1, 3)} <= set(expected) - set(by_estimate)  # found only by it
    stats = dedup_distributed(out, client=client, buckets=3)
    assert read_duplicates(out) == expected
    assert stats["duplicates"] == len(expected)
    assert not (out / "dedup").exists()  # scratch removed
    dup_of = {x.id: x.duplicate_of for x in iter_shard_articles(out)}
    assert {k: v for k, v in dup_of.items() if v} == expected
    store = open_store(str(tmp_path / "kb.db"))
    load_shards(out, store, corpus_steps=False)
    assert store.stats()["duplicates"] == len(expected)
    store.close()


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

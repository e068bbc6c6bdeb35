"""The divisive granularity check (`warta.dedup.split`): a story that is two events is cut in two,
one event is left whole, and merges do not undo a cut."""
from __future__ import annotations

import random

import pytest

from warta.article import Article
from warta.dedup import cluster_stories, storage
from warta.dedup.split import best_cut, split_all
from warta.dedup.stories import Member, Story, StoryClusterer, StoryConfig
from warta.store import SQLiteStore

from .test_stories import OTHER_KPK, _stored, same_partition, story_articles


def unit(terms: dict[str, float]) -> dict[str, float]:
    n = sum(w * w for w in terms.values()) ** 0.5
    return {t: w / n for t, w in terms.items()}


def burst(rng: random.Random, events: dict[str, list[str]], per_event: int) -> tuple[list[dict], list[str]]:
    """Vectors of one burst of coverage: every article shares the person's name and the week's
    words; each event adds its own words; each article has a few words of its own."""
    vecs, truth = [], []
    for name, words in events.items():
        for k in range(per_event):
            v = {"habibie": 1.0, "jenazah": 0.6}
            for w in words:
                v[w] = rng.uniform(0.6, 1.0)
            for j in range(3):
                v[f"{name}-own-{k}-{j}"] = rng.uniform(0.3, 0.8)
            vecs.append(unit(v))
            truth.append(name)
    return vecs, truth


def test_two_events_of_one_burst_are_cut_apart():
    vecs, truth = burst(random.Random(1), {"makam": ["pemakaman", "upacara", "inspektur"],
                                           "selfie": ["selfie", "swafoto", "warga"]}, 6)
    cut = best_cut(vecs, ratio=0.7, min_part=3)
    assert cut is not None and cut.cross < 0.7 * min(cut.cohesion_left, cut.cohesion_right)
    assert {truth[i] for i in cut.left} == {"makam"} and {truth[i] for i in cut.right} == {"selfie"}


def test_one_event_is_left_whole():
    vecs, _ = burst(random.Random(2), {"makam": ["pemakaman", "upacara", "inspektur"]}, 10)
    assert best_cut(vecs, ratio=0.7, min_part=3) is None
    assert split_all(vecs, 0.7, 3) == [list(range(10))]


def test_the_cut_ignores_input_order_and_needs_min_part_members():
    vecs, truth = burst(random.Random(3), {"a": ["kornea", "donor"], "b": ["selfie", "swafoto"],
                                           "c": ["penyakit", "jantung"]}, 4)
    groups = split_all(vecs, 0.7, 3)
    assert sorted(sorted({truth[i] for i in g}) for g in groups) == [["a"], ["b"], ["c"]]
    order = list(range(len(vecs)))
    random.Random(4).shuffle(order)
    again = split_all([vecs[i] for i in order], 0.7, 3)
    assert sorted(sorted(order[i] for i in g) for g in again) == sorted(sorted(g) for g in groups)
    assert best_cut(vecs[:5], 0.7, 3) is None  # fewer than 2 × min_part members: never cut
    assert best_cut(vecs, 0.0, 3) is None  # ratio 0: the check is off


def _two_kpk_events() -> tuple[list[Article], list[str]]:
    arts, truth = story_articles()
    for source, published, title, text in OTHER_KPK:
        arts.append(Article(id=f"{source}-kpk-sultra", text=text, title=title, source=source, published=published))
        truth.append("kpk-sultra")
    return arts, truth


def test_two_kpk_events_of_one_day_end_apart_with_the_default_check():
    # The default bar joins them (see test_two_events_of_one_topic_stay_apart_with_the_cohesion_bar);
    # the split check cuts the joined story in two, online (per batch) and after refinement.
    arts, truth = _two_kpk_events()
    assert not same_partition(cluster_stories(arts, config=StoryConfig(split_ratio=0.0)), truth)
    assert same_partition(cluster_stories(arts, refine_pass=False), truth)
    assert same_partition(cluster_stories(arts), truth)


def _story(sid: str, vecs: list[dict[str, float]], day: str) -> Story:
    st = Story(sid)
    for k, v in enumerate(vecs):
        st.add(Member(f"{sid}-{k}", v, f"t{k}", "s", day), 10 ** 9)
    return st


def test_merge_does_not_join_two_stories_the_check_would_cut_again():
    vecs, truth = burst(random.Random(5), {"makam": ["pemakaman", "upacara"], "selfie": ["selfie", "swafoto"]}, 5)
    a = _story("a", [v for v, t in zip(vecs, truth, strict=True) if t == "makam"], "2019-09-12")
    b = _story("b", [v for v, t in zip(vecs, truth, strict=True) if t == "selfie"], "2019-09-13")
    for ratio, joined in ((0.0, True), (0.7, False)):
        clusterer = StoryClusterer(StoryConfig(threshold=0.05, split_ratio=ratio))
        for st in (a, b):
            clusterer.load(_story(st.id, [m.vector for m in st.members], st.first_seen))
        assert bool(clusterer.merge()) is joined


def test_split_reads_members_from_a_callback_keeps_duplicates_and_avoids_taken_ids():
    vecs, truth = burst(random.Random(6), {"makam": ["pemakaman", "upacara"], "selfie": ["selfie", "swafoto"]}, 5)
    whole = _story("s", vecs, "2019-09-12")
    members = list(whole.members)
    # Loaded from a store: the centroid and size only; the members come from the callback.
    loaded = Story("s", dict(whole.centroid), whole.size, whole.first_seen, whole.last_seen, label="t0",
                   label_id="s-0")
    clusterer = StoryClusterer(StoryConfig(split_ratio=0.7))
    clusterer.load(loaded)
    assert clusterer.split(["s"]) == {}  # members not in memory and no callback: skipped
    dup = members[9].article_id  # a selfie article that duplicates a funeral one stays with it
    moved = clusterer.split(["s"], lambda sid: members, taken=lambda sid: sid == "story-s-5",
                            canonical={dup: members[0].article_id})
    assert set(moved) == {m.article_id for m in members[5:9]}
    new = set(moved.values())
    assert len(new) == 1 and "story-s-5" not in new and new <= set(clusterer.stories)
    kept = clusterer.stories["s"]
    assert kept.size == 6 and kept.label_id == "s-0" and {"s", *new} <= clusterer.touched
    assert clusterer.stories[new.pop()].size == 4


def test_ingest_cuts_a_stored_story_and_keeps_the_rows_consistent(tmp_path):
    # One article per ingest: the two KPK events form one stored story, which a later batch cuts.
    arts, truth = _two_kpk_events()
    order = [arts[i] for i in (7, 11, 0, 8, 5, 6, 3, 10, 4, 1, 9, 2)]
    store = SQLiteStore(tmp_path / "kb.db")
    for a in order:
        storage.update(store, store.add([a]).ids, story_config=StoryConfig())
    store.close()
    clusters, _, _ = _stored(tmp_path / "kb.db")
    assert same_partition([clusters[a.id] for a in arts], truth)


def test_split_reports_every_member_a_cut_moved():
    """A cut can move members nobody is reconsidering (earlier batches, duplicates): `split`
    reports them all, and each reported story really holds its member."""
    vecs, truth = burst(random.Random(5), {"makam": ["pemakaman", "upacara", "inspektur"],
                                           "selfie": ["selfie", "swafoto", "warga"]}, 6)
    clusterer = StoryClusterer(StoryConfig(threshold=0.01))
    sids = [clusterer.assign(Member(f"m{i}", v))[0] for i, v in enumerate(vecs)]
    assert len(set(sids)) == 1  # the low bar put both events in one story
    changed = clusterer.split({sids[0]})
    assert len(changed) == 6  # one event left the story
    where = {m.article_id: sid for sid, st in clusterer.stories.items() for m in st.members}
    assert all(where[aid] == sid for aid, sid in changed.items())
    parts: dict[str, set] = {}
    for i, t in enumerate(truth):
        parts.setdefault(where[f"m{i}"], set()).add(t)
    assert sorted(map(sorted, parts.values())) == [["makam"], ["selfie"]]


@pytest.mark.parametrize("batch", [2, 3, 5])
def test_the_online_path_keeps_its_records_when_a_cut_moves_earlier_batches(batch):
    from warta.dedup.corpus import cluster_stories_detail

    arts, truth = _two_kpk_events()
    clusters, stories = cluster_stories_detail(arts, None, StoryConfig(), refine_pass=False, batch=batch)
    assert same_partition(clusters, truth)
    assert sum(st.size for st in stories.values()) == len(arts)


def test_a_story_found_whole_is_checked_again_only_after_growing_by_a_quarter():
    vecs, _ = burst(random.Random(7), {"makam": ["pemakaman", "upacara", "inspektur"]}, 24)
    whole = _story("s", vecs, "2019-09-12")
    reads: list[str] = []

    def members_of(sid: str) -> list[Member]:  # as the store reads them back
        reads.append(sid)
        return whole.members[: clusterer.stories[sid].size]

    def loaded(size: int, checked: int) -> Story:  # a stored story: centroid and size, no members
        return Story("s", dict(whole.centroid), size, whole.first_seen, whole.last_seen, checked=checked)

    clusterer = StoryClusterer(StoryConfig(split_ratio=0.7))
    clusterer.load(loaded(16, 0))
    assert clusterer.split(["s"], members_of) == {} and reads == ["s"]
    assert clusterer.stories["s"].checked == 16  # found whole at 16
    clusterer.split(["s"], members_of)
    clusterer.load(loaded(19, 16))
    clusterer.split(["s"], members_of)
    assert reads == ["s"]  # not read again until it has grown by a quarter (16 → 20)
    clusterer.load(loaded(20, 16))
    clusterer.split(["s"], members_of)
    assert reads == ["s", "s"] and clusterer.stories["s"].checked == 20
    # A small story: a quarter is less than the 3 members a new part needs, so 8 → 11.
    clusterer.load(loaded(10, 8))
    clusterer.split(["s"], members_of)
    assert reads == ["s", "s"]
    clusterer.load(loaded(11, 8))
    clusterer.split(["s"], members_of)
    assert reads == ["s", "s", "s"] and clusterer.stories["s"].checked == 11
    other = Story("o")
    for k, v in enumerate(vecs[11:]):
        other.add(Member(f"o-{k}", v), 10 ** 9)
    merged = clusterer.stories["s"]
    merged.absorb(other, 100)  # a merge: a new combination, checked again at once
    assert merged.checked == 0 and merged.size == 24


def _one_event(n: int, seed: int = 3) -> list[Article]:
    """n articles on one event by different outlets: each tells it in four of seven sentences, in
    its own order, with a few words of its own (a pair that happens to share most sentences is a
    near duplicate, which stays in the same story)."""
    rng = random.Random(seed)
    sentences = ["Banjir bandang melanda Kecamatan Cibeber di Cianjur setelah hujan deras semalaman.",
                 "Ratusan rumah warga terendam lumpur dan sebuah jembatan desa putus diterjang arus.",
                 "Badan Penanggulangan Bencana Daerah mengerahkan perahu karet untuk evakuasi warga.",
                 "Warga mengungsi ke balai desa dan masjid yang berada di dataran lebih tinggi.",
                 "Bupati Cianjur meninjau lokasi banjir bandang dan menetapkan status tanggap darurat.",
                 "Dinas Sosial membuka dapur umum bagi pengungsi banjir di Cibeber sejak pagi.",
                 "Sungai Cikondang meluap karena hulunya gundul, kata kepala desa kepada wartawan."]
    syl = ["ba", "ki", "ru", "mo", "te", "sa", "lu", "pe", "ni", "go", "da", "we"]
    out = []
    for k in range(n):
        own = " ".join("".join(rng.choice(syl) for _ in range(3)) for _ in range(8))
        text = " ".join(rng.sample(sentences, 4)) + f" {own.capitalize()}."
        out.append(Article(id=f"banjir-{k}", title="Banjir bandang landa Cibeber, Cianjur", text=text,
                           source=f"outlet{k}", published=f"2024-03-0{1 + k % 3}"))
    return out


def test_the_store_reads_a_story_back_for_the_check_only_after_it_has_grown(tmp_path):
    arts = _one_event(10)
    store = SQLiteStore(tmp_path / "kb.db")
    reads: list[str] = []
    store.conn.set_trace_callback(lambda sql: reads.append(sql) if "FROM story_members WHERE cluster = " in sql
                                  and "SELECT article_id, vector" in sql else None)
    try:
        storage.update(store, store.add(arts[:7]).ids, story_config=StoryConfig())
        row = store.query("SELECT size, split_checked FROM stories")
        assert [(r["size"], r["split_checked"]) for r in row] == [(7, 7)]  # one story, found whole at 7
        reads.clear()
        for k in (7, 8):  # 8 and 9 members: under 7 + 3 (a new part needs 3 members)
            storage.update(store, store.add(arts[k:k + 1]).ids, story_config=StoryConfig())
            row = store.query("SELECT size, split_checked FROM stories")
            assert [(r["size"], r["split_checked"]) for r in row] == [(k + 1, 7)] and reads == []
        storage.update(store, store.add(arts[9:10]).ids, story_config=StoryConfig())
        row = store.query("SELECT size, split_checked FROM stories")
        assert [(r["size"], r["split_checked"]) for r in row] == [(10, 10)] and len(reads) == 1  # read back, whole
    finally:
        store.close()


def test_a_story_that_lost_members_is_checked_again():
    # Two events bridged by articles on both: found whole; once the bridges move out, what is
    # left is two events, and the check cuts it at once (the mark went with the move).
    rng = random.Random(1)
    vecs, truth = burst(rng, {"makam": ["pemakaman", "upacara", "inspektur"],
                              "selfie": ["selfie", "swafoto", "warga"]}, 3)
    words = ["habibie", "jenazah", "pemakaman", "upacara", "inspektur", "selfie", "swafoto", "warga"]
    bridges = [unit({**{w: rng.uniform(0.6, 1.0) for w in words}, f"b-{j}": 0.4}) for j in range(5)]
    clusterer = StoryClusterer(StoryConfig())
    clusterer.load(_story("s", vecs + bridges, "2019-09-12"))
    assert clusterer.split(["s"]) == {} and clusterer.stories["s"].checked == 11
    clusterer.load(Story("other"))
    for m in list(clusterer.stories["s"].members[6:]):
        clusterer.move(m, "s", "other")
    assert clusterer.stories["s"].checked == 0
    moved = clusterer.split(["s"])
    assert len(moved) == 3 and {truth[int(a.split("-")[1])] for a in moved} in ({"makam"}, {"selfie"})


def test_a_mark_below_the_size_a_cut_needs_is_ignored():
    vecs, truth = burst(random.Random(5), {"makam": ["pemakaman", "upacara", "inspektur"],
                                           "selfie": ["selfie", "swafoto", "warga"]}, 3)
    story = _story("s", vecs, "2019-09-12")
    story.checked = 5  # e.g. written by an older build: no check could have passed it at 5
    clusterer = StoryClusterer(StoryConfig())
    clusterer.load(story)
    assert len(clusterer.split(["s"])) == 3


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_the_split_check_column_is_added_to_old_stores(tmp_path, backend):
    from warta.store import open_store

    from .test_dedup import _backend

    arts, truth = _two_kpk_events()
    db = _backend(backend, tmp_path)
    store = open_store(db)
    storage.ensure_tables(store)
    with store.transaction():  # a store from before the column: drop it, and the flag saying it was added
        store.execute("ALTER TABLE stories DROP COLUMN split_checked")
        store.execute("DELETE FROM dedup_config WHERE key = 'split_checked'")
    store.close()
    store = open_store(db)
    try:
        storage.update(store, store.add(arts).ids, story_config=StoryConfig())
        rows = store.query("SELECT cluster, size, split_checked FROM stories ORDER BY cluster")
        where = {r["article_id"]: r["cluster"] for r in store.query("SELECT article_id, cluster FROM story_members")}
    finally:
        store.close()
    assert same_partition([where[a.id] for a in arts], truth)  # the check cut the two events apart
    # The two KPK events (3 + 3) were one story of 6, cut in two; no part is big enough to carry a
    # mark (a check needs 6 members), so all are read back when they next grow.
    assert sorted((r["size"], r["split_checked"]) for r in rows) == [(3, None)] * 4

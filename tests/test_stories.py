"""Story clusters: three stories told by three outlets each, in memory, in the store, and through
`warta dups / stories / related` in a real subprocess."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from warta.article import Article
from warta.dedup import annotate, cluster_stories, storage
from warta.dedup.stories import StoryConfig
from warta.store import SQLiteStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_dedup_texts import BASE, STORIES, edited  # noqa: E402

WARTA = [sys.executable, "-m", "warta"]


def story_articles() -> tuple[list[Article], list[str]]:
    arts, truth = [], []
    # Interleave outlets so input order is not the story order.
    for i in range(3):
        for name, items in STORIES.items():
            source, published, title, text = items[i]
            arts.append(Article(id=f"{source}-{name}", raw=text, text=text, title=title, source=source,
                                published=published))
            truth.append(name)
    return arts, truth


def same_partition(pred: list[str], truth: list[str]) -> bool:
    return all((pred[i] == pred[j]) == (truth[i] == truth[j]) for i in range(len(pred)) for j in range(len(pred)))


def test_three_stories_by_three_outlets_in_memory():
    arts, truth = story_articles()
    assert same_partition(cluster_stories(arts), truth)


def test_entities_and_amounts_are_used_when_present():
    arts, truth = story_articles()
    for a, t in zip(arts, truth, strict=True):
        a.entities = [{"text": t.upper(), "label": "ORG", "canonical": f"Entity {t}", "start": 0, "end": 1}]
        a.amounts = [{"text": "Rp 1", "value": 1.0 if t == "kpk" else 2.0, "unit": "Rp", "start": 0, "end": 1}]
    assert same_partition(cluster_stories(arts), truth)


def test_time_window_separates_the_same_words_months_apart():
    arts, _ = story_articles()
    later = [Article(id=a.id + "-later", text=a.text, title=a.title, source=a.source, published="2024-09-01")
             for a in arts if a.id.endswith("banjir")]
    pred = cluster_stories(arts + later, config=StoryConfig(window_days=7))
    first = {pred[i] for i, a in enumerate(arts) if a.id.endswith("banjir")}
    assert len(first) == 1 and not first & set(pred[len(arts):])


def test_annotate_keeps_a_copy_in_its_originals_story():
    arts, _ = story_articles()
    copy = Article(id="copy", text=arts[0].text + " Artikel ini telah tayang di Kompas.com.", source="tribun",
                   published="2024-02-07")
    annotate(arts + [copy])
    assert copy.duplicate_of == arts[0].id and copy.cluster == arts[0].cluster


def _kb(tmp_path: Path) -> Path:
    """Two ingests' worth of articles placed by the corpus step, in a real SQLite store."""
    db = tmp_path / "kb.db"
    arts, _ = story_articles()
    store = SQLiteStore(db)
    storage.update(store, store.add(arts[:5]).ids)
    extra = [Article(id="wire-banjir", raw="x" + arts[0].text, text=arts[0].text.upper(), title="BANJIR",
                     source="antara", published="2024-02-05T07:00"),
             Article(id="bendungan", raw=BASE, text=BASE, title="Bendungan baru di Sumedang", source="antara",
                     published="2024-02-05"),
             Article(id="bendungan-2", raw=edited(BASE, 0.02), text=edited(BASE, 0.02),
                     title="Bendungan Sumedang dibangun", source="tribun", published="2024-02-06")]
    storage.update(store, store.add(arts[5:] + extra).ids)
    store.close()
    return db


def test_store_places_stories_incrementally(tmp_path):
    db = _kb(tmp_path)
    store = SQLiteStore(db)
    try:
        stories = storage.list_stories(store)
        rows = {a.id: a for a in store.iter_articles()}
    finally:
        store.close()
    arts, truth = story_articles()
    ids = [a.id for a in arts]
    assert same_partition([rows[i].cluster for i in ids], truth)
    assert rows["kompas-banjir"].duplicate_of == "wire-banjir"  # the wire copy came first
    assert rows["wire-banjir"].cluster == rows["kompas-banjir"].cluster
    sizes = sorted(s["size"] for s in stories)
    assert sizes == [2, 3, 3, 4]
    banjir = next(s for s in stories if s["size"] == 4)
    assert set(banjir["outlets"]) == {"kompas", "detik", "tempo", "antara"}
    assert banjir["first_seen"] == "2024-02-05T07:00" and banjir["last_seen"] == "2024-02-06T07:15"
    assert banjir["label"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*WARTA, *args], capture_output=True, text=True, timeout=120)


def test_cli_dups_stories_related(tmp_path):
    db = str(_kb(tmp_path))
    out = run("dups", "--db", db, "--json")
    assert out.returncode == 0, out.stderr
    groups = json.loads(out.stdout)
    assert {g["canonical"]["id"] for g in groups} == {"wire-banjir", "bendungan"}
    wire = next(g for g in groups if g["canonical"]["id"] == "wire-banjir")
    assert wire["origin"] == "antara" and [c["id"] for c in wire["copies"]] == ["kompas-banjir"]
    assert wire["copies"][0]["kind"] == "exact"

    out = run("stories", "--db", db, "--json", "--since", "2024-02-06")
    assert out.returncode == 0, out.stderr
    assert [s["size"] for s in json.loads(out.stdout)] == [4, 3, 3, 2]
    human = run("stories", "--db", db)
    assert human.returncode == 0 and "antara" in human.stdout

    out = run("related", "tempo-kpk", "--db", db, "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert {x["id"] for x in data["same_story"]} == {"kompas-kpk", "detik-kpk"}
    assert run("related", "tempo-kpk", "--db", db).returncode == 0
    missing = run("related", "nope", "--db", db)
    assert missing.returncode != 0 and "no article" in missing.stderr


def test_cli_asks_for_rebuild_when_the_index_is_missing(tmp_path):
    db = tmp_path / "plain.db"
    store = SQLiteStore(db)
    arts, _ = story_articles()
    store.add(arts)
    store.close()
    out = run("stories", "--db", str(db))
    assert out.returncode != 0 and "--rebuild" in out.stderr
    out = run("stories", "--db", str(db), "--rebuild", "--json")
    assert out.returncode == 0, out.stderr
    assert sorted(s["size"] for s in json.loads(out.stdout)) == [3, 3, 3]

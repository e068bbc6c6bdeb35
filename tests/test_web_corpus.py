"""A small hand-written knowledge base for the web tests, and a real `warta serve` to test against.

The articles are written for these tests (in the style of Indonesian news); entities, amounts,
dates and quotes are filled by hand with offsets computed from the text, so the pages have content
whatever the extractors do. Other test modules import `build_db` and `running_server`.
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from warta import Article
from warta.store import open_store

REPO = Path(__file__).resolve().parents[1]
HOSTILE_ID = "hostile-1"
HOSTILE_TITLE = "<script>alert(1)</script> Banjir"
HOSTILE_ENTITY = 'Budi "Bos" <b>Santoso</b>\'s'


def _span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def ent(text: str, part: str, label: str, canonical: str | None = None, nth: int = 0) -> dict:
    s, e = _span(text, part, nth)
    return {"text": part, "label": label, "start": s, "end": e, "canonical": canonical or part}


def amount(text: str, part: str, value: float, unit: str, hedge: str | None = None) -> dict:
    s, e = _span(text, part)
    return {"text": part, "value": value, "unit": unit, "hedge": hedge, "start": s, "end": e}


def date(text: str, part: str, value: str) -> dict:
    s, e = _span(text, part)
    return {"text": part, "value": value, "start": s, "end": e}


def quote(text: str, part: str, speaker: str, verb: str, direct: bool = True) -> dict:
    s, e = _span(text, part)
    return {"text": part, "speaker": speaker, "verb": verb, "direct": direct, "start": s, "end": e}


def make_articles() -> list[Article]:
    out: list[Article] = []

    t1 = ("Presiden Joko Widodo meninjau lokasi kebakaran hutan dan lahan di Kabupaten Pelalawan, Riau, pada "
          "Selasa (17/9/2019). \"Kita harus bekerja keras memadamkan api di Riau,\" kata Jokowi kepada wartawan.\n"
          "Badan Nasional Penanggulangan Bencana (BNPB) mencatat sekitar 328.724 hektar lahan terbakar sejak "
          "Januari. Pemerintah menyiapkan anggaran Rp 2,5 triliun untuk penanganan karhutla.")
    a1 = Article(id="karhutla-kompas", raw=t1, text=t1, title="Jokowi Tinjau Karhutla di Riau, Minta Api Segera Padam",
                 source="Kompas.com", published="2019-09-17T10:15:00+07:00", language="id",
                 url="https://regional.kompas.com/read/2019/09/17/karhutla-riau", cluster="story-karhutla")
    a1.entities = [ent(t1, "Joko Widodo", "PER"), ent(t1, "Pelalawan", "LOC"), ent(t1, "Riau", "LOC"),
                   ent(t1, "Riau", "LOC", nth=1), ent(t1, "Jokowi", "PER", canonical="Joko Widodo"),
                   ent(t1, "Badan Nasional Penanggulangan Bencana", "ORG"),
                   ent(t1, "BNPB", "ORG", canonical="Badan Nasional Penanggulangan Bencana")]
    a1.amounts = [amount(t1, "sekitar 328.724 hektar", 328724, "hektar", "sekitar"),
                  amount(t1, "Rp 2,5 triliun", 2.5e12, "Rp")]
    a1.dates = [date(t1, "Selasa (17/9/2019)", "2019-09-17"), date(t1, "Januari", "2019-01")]
    # The quote holds an entity ("Riau"): overlapping spans.
    a1.quotes = [quote(t1, "Kita harus bekerja keras memadamkan api di Riau,", "Joko Widodo", "kata")]
    a1.removed = [{"line": 0, "text": "Baca juga: Kabut Asap Selimuti Pekanbaru", "reason": "teaser"},
                  {"line": 5, "text": "Simak berita lainnya di aplikasi kami", "reason": "boilerplate"}]
    out.append(a1)

    t2 = ("Presiden Joko Widodo meninjau kebakaran lahan di Pelalawan, Riau, Selasa (17/9/2019). Jokowi meminta "
          "aparat memadamkan api secepatnya. Menurut BNPB, lebih dari 300.000 hektar lahan terbakar tahun ini.")
    a2 = Article(id="karhutla-tempo", raw=t2, text=t2, title="Presiden Tinjau Kebakaran Lahan di Pelalawan",
                 source="Tempo.co", published="2019-09-17T13:40:00+07:00", language="id",
                 url="https://nasional.tempo.co/read/karhutla-pelalawan", cluster="story-karhutla")
    a2.entities = [ent(t2, "Joko Widodo", "PER"), ent(t2, "Pelalawan", "LOC"), ent(t2, "Riau", "LOC"),
                   ent(t2, "Jokowi", "PER", canonical="Joko Widodo"),
                   ent(t2, "BNPB", "ORG", canonical="Badan Nasional Penanggulangan Bencana")]
    a2.amounts = [amount(t2, "lebih dari 300.000 hektar", 300000, "hektar", "lebih dari")]
    a2.quotes = [quote(t2, "aparat memadamkan api secepatnya", "Joko Widodo", "meminta", direct=False)]
    out.append(a2)

    t3 = ("Presiden Joko Widodo meninjau lokasi kebakaran hutan dan lahan di Kabupaten Pelalawan, Riau, pada "
          "Selasa (17/9/2019). Ia meminta api segera dipadamkan.")
    a3 = Article(id="karhutla-detik", raw=t3, text=t3, title="Jokowi Tinjau Karhutla di Riau",
                 source="Detik.com", published="2019-09-18T08:00:00+07:00", language="id",
                 duplicate_of="karhutla-kompas", cluster="story-karhutla")
    a3.entities = [ent(t3, "Joko Widodo", "PER"), ent(t3, "Pelalawan", "LOC"), ent(t3, "Riau", "LOC")]
    out.append(a3)

    t4 = ("Komisi Pemberantasan Korupsi (KPK) menolak revisi Undang-Undang KPK yang disahkan DPR pada Selasa "
          "(17/9/2019). \"Revisi ini melemahkan pemberantasan korupsi,\" ujar Ketua KPK Agus Rahardjo di Jakarta. "
          "Sebanyak 70 persen responden survei menolak revisi tersebut.")
    a4 = Article(id="kpk-kompas", raw=t4, text=t4, title="KPK Tolak Revisi UU KPK yang Disahkan DPR",
                 source="Kompas.com", published="2019-09-18T09:30:00+07:00", language="id",
                 url="https://nasional.kompas.com/read/2019/09/18/revisi-uu-kpk", cluster="story-kpk")
    a4.entities = [ent(t4, "Komisi Pemberantasan Korupsi", "ORG"),
                   ent(t4, "KPK", "ORG", canonical="Komisi Pemberantasan Korupsi"),
                   ent(t4, "DPR", "ORG"), ent(t4, "Agus Rahardjo", "PER"), ent(t4, "Jakarta", "LOC")]
    a4.amounts = [amount(t4, "70 persen", 70, "persen")]
    a4.quotes = [quote(t4, "Revisi ini melemahkan pemberantasan korupsi,", "Agus Rahardjo", "ujar")]
    a4.dates = [date(t4, "Selasa (17/9/2019)", "2019-09-17")]
    out.append(a4)

    t5 = ("Ribuan mahasiswa berunjuk rasa di depan gedung DPR, Jakarta, menolak revisi UU KPK. Presiden Joko "
          "Widodo menyatakan akan mempertimbangkan aspirasi mahasiswa.")
    a5 = Article(id="kpk-tempo", raw=t5, text=t5, title="Mahasiswa Demo Tolak Revisi UU KPK di Depan DPR",
                 source="Tempo.co", published="2019-09-24T15:00:00+07:00", language="id", cluster="story-kpk")
    a5.entities = [ent(t5, "DPR", "ORG"), ent(t5, "Jakarta", "LOC"), ent(t5, "KPK", "ORG",
                                                                          canonical="Komisi Pemberantasan Korupsi"),
                   ent(t5, "Joko Widodo", "PER")]
    out.append(a5)

    t6 = "The government allocated Rp 2.5 trillion to fight forest fires in Riau, officials said on Tuesday."
    a6 = Article(id="fires-en", raw=t6, text=t6, title="Indonesia steps up fight against forest fires",
                 source="Jakarta Globe", published="2019-10-02T07:00:00+07:00", language="en")
    a6.entities = [ent(t6, "Riau", "LOC")]
    a6.amounts = [amount(t6, "Rp 2.5 trillion", 2.5e12, "Rp")]
    out.append(a6)

    # Older coverage so the entity chart spans more than a few days.
    for i, (day, title) in enumerate([("2019-08-05", "Titik Api Bertambah di Riau"),
                                      ("2019-08-20", "Kabut Asap Mulai Ganggu Penerbangan di Riau"),
                                      ("2019-09-02", "Jokowi Minta Kapolda Riau Tindak Pembakar Lahan")]):
        t = f"{title}. Presiden Joko Widodo meminta penanganan kebakaran lahan di Riau dipercepat."
        a = Article(id=f"riau-{i}", raw=t, text=t, title=title, source="Antara", published=f"{day}T12:00:00+07:00",
                    language="id")
        a.entities = [ent(t, "Joko Widodo", "PER"), ent(t, "Riau", "LOC", nth=0)]
        out.append(a)

    # A hostile article: markup in the title, text, entity names, URL and removed lines.
    th = ('Warga <img src=x onerror="alert(2)"> melaporkan banjir di Bekasi. '
          f'{HOSTILE_ENTITY} mengatakan "air naik cepat" kepada petugas. </div><script>alert(3)</script>')
    ah = Article(id=HOSTILE_ID, raw=th, text=th, title=HOSTILE_TITLE, source='<b>Evil</b> "News"',
                 published="2019-09-20T10:00:00+07:00", language="id", url="javascript:alert(4)")
    ah.entities = [ent(th, "Bekasi", "LOC"), ent(th, HOSTILE_ENTITY, "PER"),
                   ent(th, '<img src=x onerror="alert(2)">', "ORG")]
    ah.quotes = [quote(th, '"air naik cepat"', HOSTILE_ENTITY, "mengatakan")]
    ah.amounts = [{"text": "bad", "value": 1, "unit": "x", "start": 999, "end": 5}]  # nonsense offsets: ignored
    ah.removed = [{"line": 2, "text": "<iframe src=//evil></iframe>", "reason": "<b>ad</b>"}]
    out.append(ah)
    return out


def build_db(path: Path) -> Path:
    store = open_store(str(path))
    try:
        store.add(make_articles())
    finally:
        store.close()
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(db: Path, token: str | None = None) -> Iterator[str]:
    """`python -m warta serve` on a free loopback port; yields its base URL."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("WARTA_INGEST_TOKEN", None)
    cmd = [sys.executable, "-m", "warta", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    if token:
        cmd += ["--ingest-token", token]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"warta serve exited: {proc.stderr.read().decode(errors='replace')}")
            try:
                if httpx.get(base + "/api/stats", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("warta serve did not start within 30 s")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# -- the corpus itself ----------------------------------------------------------------------------
def test_fixture_offsets_point_at_their_text():
    for art in make_articles():
        for kind in ("entities", "amounts", "dates", "quotes"):
            for item in getattr(art, kind):
                if art.id == HOSTILE_ID and kind == "amounts":
                    continue
                assert art.text[item["start"]:item["end"]] == item["text"], (art.id, kind, item)

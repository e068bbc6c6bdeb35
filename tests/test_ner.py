"""NER: tokenisation with offsets, CoNLL reading, scoring, training on a tiny slice, the shipped
model on sentences written for these tests, canonical names, loading with the network cut."""
from __future__ import annotations

import gzip
import json
import socket
import subprocess
from pathlib import Path

import pytest

from warta.article import Article
from warta.ner import find_entities, make_stage
from warta.ner.canonical import canonicalize
from warta.ner.config import load_config
from warta.ner.conll import fold_tags, read_conll, spans_from_tags
from warta.ner.evaluate import Scores
from warta.ner.model import NerModel, load_model
from warta.ner.tokenize import split_sentences, tokenize
from warta.ner.train import evaluate_model, train

from .conftest import WARTA

CONLL = """Presiden\tO
Joko\tB-PERSON
Widodo\tI-PERSON
berkunjung\tO
ke\tO
Semarang\tB-PLACE
.\tO

Bank\tB-ORGANISATION
Indonesia\tI-ORGANISATION
menaikkan\tO
suku\tO
bunga\tO
.\tO

warga\tO
surabaya\tB-PLC
makan\tO
rawon\tB-FNB
di\tO
rumah makan\tO
milik\tO
budi santoso\tB-PPL
.\tO
"""


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ---- tokens and sentences -------------------------------------------------------------------

def test_tokens_keep_offsets_into_the_text():
    text = "Harga cabai Rp14.500/kg di Pasar Johar, Semarang."
    toks = tokenize(text)
    assert [text[s:e] for s, e in toks][:5] == ["Harga", "cabai", "Rp14", ".", "500"]
    assert all(text[s:e].strip() == text[s:e] for s, e in toks)


def test_sentence_splitter_respects_abbreviations_and_quotes():
    text = ('Dr. H. Ahmad Yani tiba di Medan. "Kami siap," katanya. Situs kompas.com melaporkannya.\n'
            "Baris baru tanpa titik")
    sents = [" ".join(text[s:e] for s, e in sent) for sent in split_sentences(text)]
    assert sents[0] == "Dr . H . Ahmad Yani tiba di Medan ."
    assert sents[1] == '" Kami siap , " katanya .'
    assert sents[2].startswith("Situs kompas . com")
    assert sents[3] == "Baris baru tanpa titik"


# ---- CoNLL and scores ------------------------------------------------------------------------

def test_conll_labels_are_folded_and_multiword_tokens_split(tmp_path):
    sents = list(read_conll(_write(tmp_path / "a.conll", CONLL)))
    assert len(sents) == 3
    toks, tags = sents[2]
    assert toks[4:7] == ["di", "rumah", "makan"]
    assert tags[1] == "B-LOC" and tags[3] == "O"  # FNB dropped
    assert toks[-3:-1] == ["budi", "santoso"] and tags[-3:-1] == ["B-PER", "I-PER"]
    assert fold_tags(["I-PPL", "I-PPL", "O", "I-IND"]) == ["B-PER", "I-PER", "O", "B-ORG"]
    assert spans_from_tags(["B-PER", "I-PER", "O", "B-LOC", "B-LOC"]) == [("PER", 0, 2), ("LOC", 3, 4), ("LOC", 4, 5)]


def test_scores_count_exact_spans_only():
    s = Scores()
    gold = ["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG", "I-ORG"]
    pred = ["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG", "O"]  # ORG span too short: FP + FN
    s.add(gold, pred)
    m = s.micro()
    assert (m["gold"], m["pred"]) == (3, 3)
    assert m["p"] == pytest.approx(2 / 3) and m["r"] == pytest.approx(2 / 3)
    per = s.per_type()
    assert per["PER"]["f1"] == 1.0 and per["ORG"]["f1"] == 0.0
    assert s.macro()["f1"] == pytest.approx(2 / 3)


# ---- training end to end on a tiny slice -----------------------------------------------------

def _tiny_training_setup(tmp_path: Path) -> tuple[Path, Path]:
    """A config with tiny cased/lowercase CoNLL files, gazetteer and news written here."""
    lines = []
    people = ["Budi Santoso", "Siti Aminah", "Agus Salim", "Dewi Lestari", "Rudi Hartono", "Ani Yudhoyono"]
    places = ["Semarang", "Medan", "Makassar", "Bandung", "Padang", "Kupang"]
    for i in range(30):
        per, loc = people[i % 6].split(), places[(i * 5) % 6]
        lines += [f"{per[0]}\tB-PERSON", f"{per[1]}\tI-PERSON", "tiba\tO", "di\tO", f"{loc}\tB-PLACE",
                  "bersama\tO", "Bank\tB-ORGANISATION", "Mandiri\tI-ORGANISATION", ".\tO", ""]
    train_file = _write(tmp_path / "train.conll", "\n".join(lines))
    lower_file = _write(tmp_path / "lower.conll", "\n".join(
        ["warga\tO", "kota\tO", f"{places[i % 6].lower()}\tB-PLC", "bertemu\tO", f"{people[i % 6].split()[0].lower()}\tB-PPL",
         "di\tO", "pasar\tO", ".\tO", ""][k] for i in range(20) for k in range(9)))
    gaz = tmp_path / "gaz"
    gaz.mkdir()
    (gaz / "person.txt").write_bytes("Budi Santoso\r\nJos\xe9 Rizal\r\n".encode("cp1252"))
    (gaz / "place.txt").write_bytes(b"Semarang\r\nMedan\r\n")
    (gaz / "organization.txt").write_bytes(b"Bank Mandiri\r\n")
    news = tmp_path / "news.jsonl.gz"
    with gzip.open(news, "wt", encoding="utf-8") as fh:
        for i in range(60):
            fh.write(json.dumps({"content": f"Warga {places[i % 6]} bertemu {people[i % 6]} di kantor Bank Mandiri hari ini."}) + "\n")
    cfg_path = _write(tmp_path / "ner.cfg", f"""
[data]
train_cased = {train_file.name}
train_lower = {lower_file.name}
lowercase_copies = true
dev = {train_file.name}
[resources]
gazetteer = gaz
news = {news.name}
clusters = 2 4
[crf]
max_iterations = 30
split_by_case = true
""")
    return cfg_path, train_file


def test_train_ner_end_to_end_on_a_tiny_slice(tmp_path):
    cfg_path, train_file = _tiny_training_setup(tmp_path)
    cfg = load_config(cfg_path)
    meta = train(cfg, tmp_path / "model", limit=20, log=lambda m: None)
    assert meta["limit"] == 20
    model = NerModel(tmp_path / "model")
    assert model.lower_tagger is not None  # split_by_case: a second CRF for lowercase text
    assert model.tag(["Siti", "Aminah", "tiba", "di", "Medan", "."]) == ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]
    assert model.tag(["warga", "kota", "medan", "bertemu", "siti", "di", "pasar", "."])[2] == "B-LOC"
    assert evaluate_model(model, train_file, limit=20).micro()["f1"] > 0.9


# ---- the shipped model ---------------------------------------------------------------------

def _ents(text: str) -> set[tuple[str, str]]:
    return {(text[s:e], lab) for lab, s, e in find_entities(load_model(), text)}


def test_shipped_model_finds_people_places_organisations():
    ents = _ents("Presiden Joko Widodo meninjau banjir di Semarang bersama Gubernur Jawa Tengah Ganjar Pranowo.")
    assert ("Joko Widodo", "PER") in ents
    assert ("Semarang", "LOC") in ents
    assert ("Ganjar Pranowo", "PER") in ents
    assert ("Jawa Tengah", "LOC") in ents
    assert ("Presiden", "PER") not in ents
    ents = _ents("Menteri Keuangan Sri Mulyani Indrawati menyampaikan laporan kepada Dewan Perwakilan Rakyat di Jakarta.")
    assert ("Sri Mulyani Indrawati", "PER") in ents
    assert ("Jakarta", "LOC") in ents
    assert ("Dewan Perwakilan Rakyat", "ORG") in ents


def test_shipped_model_reads_lowercase_and_all_caps_text():
    low = _ents("presiden joko widodo meninjau banjir di semarang kemarin.")
    assert ("joko widodo", "PER") in low and ("semarang", "LOC") in low
    caps = _ents("PRESIDEN JOKO WIDODO MENINJAU BANJIR DI SEMARANG KEMARIN.")
    assert ("JOKO WIDODO", "PER") in caps and ("SEMARANG", "LOC") in caps


def test_stage_fills_entities_with_offsets_and_canonical_names():
    text = ("Presiden Prabowo Subianto membuka rapat di Istana Merdeka, Jakarta. Prabowo meminta para menteri "
            "bekerja cepat. \"Kita harus bergerak,\" ujar Presiden.")
    art = make_stage()(Article(text=text))
    for e in art.entities:
        assert text[e["start"]:e["end"]] == e["text"]
        assert e["label"] in {"PER", "ORG", "LOC"}
    people = [e for e in art.entities if e["label"] == "PER"]
    assert {e["canonical"] for e in people} == {"Prabowo Subianto"}
    assert [e["text"] for e in people] == ["Prabowo Subianto", "Prabowo", "Presiden"]
    assert people[0]["role"] == "Presiden"


def test_stage_batches_articles():
    stage = make_stage()
    arts = stage.process_batch([Article(text="Gubernur Jawa Barat Ridwan Kamil meresmikan jembatan di Bogor."),
                                Article(text=""), Article(text="Hujan turun sejak pagi.")])
    assert any(e["canonical"] == "Ridwan Kamil" for e in arts[0].entities)
    assert arts[1].entities == [] and arts[2].entities == []


# ---- canonical names -------------------------------------------------------------------------

def _canon(text: str, spans: list[tuple[str, str]]) -> list[dict]:
    out, pos = [], 0
    for surface, label in spans:
        s = text.index(surface, pos)
        out.append((label, s, s + len(surface)))
        pos = s + len(surface)
    return canonicalize(text, out)


def test_titles_are_roles_not_names():
    text = "Menteri Keuangan Sri Mulyani hadir. Dr. H. Ahmad Dahlan juga hadir."
    ents = _canon(text, [("Sri Mulyani", "PER"), ("Dr. H. Ahmad Dahlan", "PER")])
    assert ents[0]["role"] == "Menteri Keuangan" and ents[0]["canonical"] == "Sri Mulyani"
    assert ents[1]["text"] == "Ahmad Dahlan" and "role" not in ents[1]
    text = "Putri Tanjung bertemu Sri Mulyani Indrawati dan Pak Budi."
    ents = _canon(text, [("Putri Tanjung", "PER"), ("Sri Mulyani Indrawati", "PER"), ("Pak Budi", "PER")])
    assert [e["text"] for e in ents] == ["Putri Tanjung", "Sri Mulyani Indrawati", "Budi"]


def test_role_does_not_cross_sentences():
    text = "Ia bertemu Gubernur Jawa Tengah Ganjar Pranowo. Budi Santoso kemudian pulang."
    ents = _canon(text, [("Ganjar Pranowo", "PER"), ("Budi Santoso", "PER")])
    assert ents[0]["role"] == "Gubernur Jawa Tengah"
    assert "role" not in ents[1]


def test_short_forms_aliases_and_acronyms_merge():
    text = ("Jokowi bertemu Joko Widodo? Tidak: Komisi Pemberantasan Korupsi (KPK) memeriksa Budi Gunawan. "
            "Menurut KPK, Gunawan kooperatif. Pejabat AS dan Korut ikut memantau.")
    ents = _canon(text, [("Jokowi", "PER"), ("Joko Widodo", "PER"), ("Komisi Pemberantasan Korupsi", "ORG"),
                         ("KPK", "ORG"), ("Budi Gunawan", "PER"), ("KPK", "ORG"), ("Gunawan", "PER"),
                         ("AS", "LOC"), ("Korut", "LOC")])
    canon = [(e["text"], e["canonical"]) for e in ents]
    assert ("Jokowi", "Joko Widodo") in canon
    assert ("KPK", "Komisi Pemberantasan Korupsi") in canon
    assert ("Gunawan", "Budi Gunawan") in canon
    assert ("AS", "Amerika Serikat") in canon and ("Korut", "Korea Utara") in canon


def test_bare_role_refers_back_only_when_unambiguous():
    text = "Bupati Bogor Ade Yasin dan Bupati Bekasi Eka Supria bertemu. Bupati mengatakan siap."
    ents = _canon(text, [("Ade Yasin", "PER"), ("Eka Supria", "PER")])
    assert [e["text"] for e in ents] == ["Ade Yasin", "Eka Supria"]  # two holders of "Bupati": no guess


# ---- loading never touches the network --------------------------------------------------------

def test_shipped_model_loads_with_network_cut(monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("network is cut in this test")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    model = NerModel()  # a fresh load, not the per-process cache
    assert model.tag(["Warga", "Bandung", "berkumpul", "."])[1] == "B-LOC"
    assert (Path(model.directory) / "ner.crfsuite").stat().st_size < 20_000_000


def test_cli_train_ner_and_eval_ner(tmp_path):
    cfg_path, train_file = _tiny_training_setup(tmp_path)
    model_dir = tmp_path / "cli_model"
    run = subprocess.run([*WARTA, "train-ner", "--config", str(cfg_path), "--output", str(model_dir), "--limit", "10",
                          "--set", "crf.max_iterations=20"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["model"] == str(model_dir)
    out = subprocess.run([*WARTA, "eval-ner", "--model", str(model_dir), "--json", str(train_file)],
                         capture_output=True, text=True, check=True).stdout
    scores = json.loads(out)
    assert set(scores) == {"file", "micro", "macro", "per_type"} and scores["micro"]["gold"] == 90
    bad = subprocess.run([*WARTA, "eval-ner", str(tmp_path / "missing.conll")], capture_output=True, text=True)
    assert bad.returncode == 1 and "file not found" in bad.stderr


def test_entity_spans_drop_unclosed_brackets_and_edge_punctuation():
    from warta.ner import _trim

    for text, want in [("Badan Legislasi ( Baleg", "Badan Legislasi"), ('" Universitas Indonesia ( UI )', "Universitas Indonesia"),
                       ("Persija ( Jakarta ) FC", "Persija ( Jakarta ) FC"), ('" Bank', "Bank")]:
        words = text.split()
        i, j = _trim(words, 0, len(words))
        assert " ".join(words[i:j]) == want


def test_numbered_roles_and_vice_roles():
    text = "Presiden ke-7 Joko Widodo hadir. Wakil Presiden Ma'ruf Amin juga hadir. Kata Presiden, semua siap."
    ents = _canon(text, [("Joko Widodo", "PER"), ("Ma'ruf Amin", "PER")])
    assert ents[0]["role"] == "Presiden ke-7" and ents[1]["role"] == "Wakil Presiden"
    assert ents[2]["text"] == "Presiden" and ents[2]["canonical"] == "Joko Widodo"


def test_propagate_tags_missed_repeats_of_a_name_in_the_article():
    from warta.ner import propagate

    text = "Perancis menjamu Andorra. Perancis unggul jauh. Warga perancis dan Andorrania menonton."
    spans = propagate(text, [("LOC", 0, 8), ("LOC", 17, 24)])
    assert [(text[s:e], lab) for lab, s, e in spans] == [("Perancis", "LOC"), ("Andorra", "LOC"), ("Perancis", "LOC")]


def test_role_stops_at_its_head_but_keeps_modifiers():
    text = "Putra Sulung Presiden Joko Widodo datang. Wakil Ketua DPR Fahri Hamzah menyambut."
    ents = _canon(text, [("Joko Widodo", "PER"), ("Fahri Hamzah", "PER")])
    assert ents[0]["role"] == "Presiden" and ents[1]["role"] == "Wakil Ketua DPR"


def test_acronym_definitions_link_the_long_form_and_the_acronym():
    from warta.ner.features import Featurizer

    fz = Featurizer(None, {}, {}, acronyms=True)
    words = "Warga melapor ke Badan Pengawas Obat Daerah ( BPOD ) kemarin".split()
    feats = fz.sentence(words)
    assert [i for i, f in enumerate(feats) if "acr_long" in f] == [3, 4, 5, 6]
    assert [i for i, f in enumerate(feats) if "acr_short" in f] == [8]
    # initials that do not spell the acronym: no link; the option off: no link features at all
    feats = fz.sentence("Ia bertemu Budi Santoso ( KPK ) di Medan".split())
    assert not any("acr_long" in f or "acr_short" in f for f in feats)
    assert not any("acr_long" in f for f in Featurizer(None, {}, {}).sentence(words))


def test_shipped_model_gives_a_defined_acronym_the_type_of_its_long_form():
    # the previous model (no acronym features) tagged this long form LOC and its acronym ORG
    ents = _ents("Lembaga Kajian Pangan Nusantara (LKPN) merilis laporan tentang harga beras di Makassar.")
    assert ("Lembaga Kajian Pangan Nusantara", "ORG") in ents and ("LKPN", "ORG") in ents
    assert ("Makassar", "LOC") in ents
    ents = _ents("Ketua Persatuan Petani Garam Indonesia (PPGI) bertemu pengurus Yayasan Bina Desa di Kupang.")
    assert {("Persatuan Petani Garam Indonesia", "ORG"), ("PPGI", "ORG"), ("Yayasan Bina Desa", "ORG")} <= ents

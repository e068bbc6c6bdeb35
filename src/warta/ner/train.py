"""`warta train-ner`: build resources, train the CRF, score on the dev files, save the model folder."""
from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable
from pathlib import Path

import pycrfsuite

from .config import NerConfig
from .conll import Sentence, read_conll
from .evaluate import Scores
from .features import Featurizer, Gazetteer
from .model import CRF_FILE, GAZ_FILE, LEX_FILE, LOWER_CRF_FILE, META_FILE, NerModel
from .resources import (
    add_mined_orgs,
    build_gazetteer,
    casing_stats,
    load_gazetteer,
    load_lexicon,
    mine_org_names,
    news_tokens,
    read_news_texts,
    save_gazetteer,
    save_lexicon,
    word_clusters,
)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.exists() else "missing"


def build_resources(cfg: NerConfig, out: Path, log: Callable[[str], None] = print) -> None:
    """Casing statistics, clusters and the filtered gazetteer, written into `out`."""
    t0 = time.time()
    paragraphs = list(news_tokens(read_news_texts(cfg.news, cfg.news_limit))) if cfg.news else []
    cap = casing_stats(paragraphs) if paragraphs else {}
    log(f"casing statistics: {len(cap):,} words from {len(paragraphs):,} paragraphs ({time.time() - t0:.0f}s)")
    clusters: dict[str, list[int]] = {}
    if paragraphs and cfg.clusters:
        t1 = time.time()
        clusters = word_clusters(paragraphs, sizes=cfg.clusters)
        log(f"word clusters {cfg.clusters}: {len(clusters):,} words ({time.time() - t1:.0f}s)")
    save_lexicon(out / LEX_FILE, cap, clusters)
    gaz = build_gazetteer(cfg.gazetteer, cap or None, cfg.gazetteer_min_cap) if cfg.gazetteer else {}
    if paragraphs and cfg.mine_orgs:
        log(f"organisation names mined from the news: {add_mined_orgs(gaz, mine_org_names(paragraphs)):,}")
    save_gazetteer(out / GAZ_FILE, gaz)
    log("gazetteer: " + ", ".join(f"{k} {len(v):,}" for k, v in gaz.items()))


def training_sentences(cfg: NerConfig, limit: int | None = None) -> list[Sentence]:
    data: list[Sentence] = []
    for path in cfg.train_cased:
        sents = list(read_conll(path, limit))
        data.extend(sents)
        if cfg.lowercase_copies:
            data.extend(([t.lower() for t in toks], tags) for toks, tags in sents)
    for path in cfg.train_lower:
        data.extend(read_conll(path, limit))
    return data


def _train_crf(featurizer: Featurizer, data: list[Sentence], params: dict, path: Path,
               log: Callable[[str], None]) -> None:
    data = list(data)
    random.Random(0).shuffle(data)  # crfsuite is deterministic given the order; fix the order
    log(f"training {path.name} on {len(data):,} sentences, {sum(len(t) for t, _ in data):,} tokens")
    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, tags in data:
        trainer.append(featurizer.sentence(toks), tags)
    trainer.set_params(params)
    trainer.train(str(path))


def evaluate_model(model: NerModel, path: Path, limit: int | None = None) -> Scores:
    scores = Scores()
    for toks, tags in read_conll(path, limit):
        scores.add(tags, model.tag(toks))
    return scores


def train(cfg: NerConfig, out: str | Path, limit: int | None = None, reuse_resources: bool = False,
          log: Callable[[str], None] = print) -> dict:
    """Train a model into folder `out`; returns the metadata written to meta.json."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    if not (reuse_resources and (out / LEX_FILE).exists() and (out / GAZ_FILE).exists()):
        build_resources(cfg, out, log)
    cap, clusters = load_lexicon(out / LEX_FILE)
    names = load_gazetteer(out / GAZ_FILE)
    features = {"mode_words": cfg.mode_words, "token_gaz": cfg.token_gaz, "run_ctx": cfg.run_ctx,
                "acronyms": cfg.acronyms, "gaz_run": cfg.gaz_run, "org_tails": cfg.org_tails}
    featurizer = Featurizer(Gazetteer(names) if names else None, cap, clusters, **features)
    params = {"c1": cfg.c1, "c2": cfg.c2, "max_iterations": cfg.max_iterations,
              "feature.possible_transitions": True}
    (out / LOWER_CRF_FILE).unlink(missing_ok=True)
    t1 = time.time()
    if cfg.split_by_case:
        # Two CRFs: cased text learns from the cased files only; lowercase/ALL-CAPS text from the
        # lowercase files plus lowercased copies of the cased ones.
        cased = [s for p in cfg.train_cased for s in read_conll(p, limit)]
        lower = [([t.lower() for t in toks], tags) for toks, tags in cased] if cfg.lowercase_copies else []
        lower += [s for p in cfg.train_lower for s in read_conll(p, limit)]
        _train_crf(featurizer, cased, params, out / CRF_FILE, log)
        _train_crf(featurizer, lower, params, out / LOWER_CRF_FILE, log)
    else:
        _train_crf(featurizer, training_sentences(cfg, limit), params, out / CRF_FILE, log)
    log(f"CRF trained in {time.time() - t1:.0f}s")
    (out / META_FILE).write_text(json.dumps({"features": features}) + "\n", encoding="utf-8")
    model = NerModel(out)
    dev = {}
    for path in cfg.dev:
        s = evaluate_model(model, path, limit)
        dev[str(path.name if path.parent.name == "" else f"{path.parent.name}/{path.name}")] = s.as_dict()
        log(f"dev {path.parent.name}/{path.name}: micro F1 {s.micro()['f1']:.3f}")
    meta = {
        "model": "CRF (python-crfsuite) over word, shape, affix, context, gazetteer, casing and cluster features",
        "labels": ["PER", "ORG", "LOC"],
        "features": features,
        "config": cfg.raw,
        "limit": limit,
        "train_files": {str(p): _sha(p) for p in cfg.train_cased + cfg.train_lower},
        "dev_scores": dev,
        "train_seconds": round(time.time() - t0, 1),
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return meta

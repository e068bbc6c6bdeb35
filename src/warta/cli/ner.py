"""train-ner, eval-ner, entities, entity: the NER model and the entities of the knowledge base."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from ..problems import EXIT_OK
from .common import DbOpt, UserError

DEFAULT_CONFIG = "configs/ner.cfg"


def train_ner(
    config: Path = typer.Option(Path(DEFAULT_CONFIG), "--config", "-c", help="Training config (INI)."),
    output: Path | None = typer.Option(None, "--output", "-o",
                                       help="Model folder to write (default: the package's shipped model)."),
    limit: int | None = typer.Option(None, "--limit", min=1,
                                     help="Use only the first N sentences of each file (quick runs, tests)."),
    setting: list[str] = typer.Option([], "--set", help="Override a config value: section.key=value."),
    reuse_resources: bool = typer.Option(False, "--reuse-resources",
                                         help="Keep the gazetteer/lexicon already in the output folder."),
) -> int:
    """Train the NER model from CoNLL token<TAB>BIO files named in the config."""
    from ..ner.config import load_config
    from ..ner.model import SHIPPED_MODEL
    from ..ner.train import train

    if not config.exists():
        raise UserError(f"config not found: {config}")
    overrides = {}
    for s in setting:
        if "=" not in s or "." not in s.split("=", 1)[0]:
            raise UserError(f"--set wants section.key=value, got {s!r}")
        k, v = s.split("=", 1)
        overrides[k] = v
    cfg = load_config(config, overrides)
    missing = [p for p in cfg.train_cased + cfg.train_lower if not p.exists()]
    if missing:
        raise UserError("training file not found: " + ", ".join(map(str, missing)))
    out = output or SHIPPED_MODEL
    meta = train(cfg, out, limit=limit, reuse_resources=reuse_resources,
                 log=lambda m: typer.echo(m, err=True))
    typer.echo(json.dumps({"model": str(out), "dev_scores": {k: v["micro"] for k, v in meta["dev_scores"].items()}},
                          ensure_ascii=False))
    return EXIT_OK


def eval_ner(
    files: list[Path] = typer.Argument(..., help="CoNLL token<TAB>BIO files (PERSON/PLACE/ORGANISATION, PPL/PLC/IND, PER/LOC/ORG)."),
    model: Path | None = typer.Option(None, "--model", "-m", help="Model folder (default: the shipped model)."),
    as_json: bool = typer.Option(False, "--json"),
) -> int:
    """Entity-level exact-span precision, recall and F1: micro, per type and macro."""
    from ..ner.model import load_model
    from ..ner.train import evaluate_model

    m = load_model(model)
    for f in files:
        if not f.exists():
            raise UserError(f"file not found: {f}")
        scores = evaluate_model(m, f)
        if as_json:
            typer.echo(json.dumps({"file": str(f), **scores.as_dict()}))
        else:
            typer.echo(f"{f}\n{scores.table()}\n")
    return EXIT_OK


def entities(
    db: str = DbOpt,
    label: str | None = typer.Option(None, "--type", "-t", help="PER, ORG or LOC."),
    top: int = typer.Option(20, "--top", "-n", min=1, max=10000),
    as_json: bool = typer.Option(False, "--json"),
) -> int:
    """The most mentioned entities of the knowledge base, with mention and article counts."""
    from ..ner.corpus import top_entities
    from ..store import open_store

    store = open_store(db, readonly=True)
    try:
        rows = top_entities(store, label=label.upper() if label else None, top=top)
    finally:
        store.close()
    if as_json:
        for r in rows:
            typer.echo(json.dumps(r, ensure_ascii=False))
        return EXIT_OK
    if not rows:
        typer.echo("No entities found.")
        return EXIT_OK
    typer.echo(f"{'entity':40} {'type':4} {'mentions':>8} {'articles':>8}  also written")
    for r in rows:
        typer.echo(f"{r['canonical'][:40]:40} {r['label']:4} {r['mentions']:8d} {r['articles']:8d}  "
                   + ", ".join(r["forms"][:4]))
    return EXIT_OK


def entity(
    name: str = typer.Argument(..., help="An entity name or alias (Jokowi, KPK, ...)."),
    db: str = DbOpt,
    as_json: bool = typer.Option(False, "--json"),
) -> int:
    """One entity: mentions over time, the articles, and the entities mentioned with it."""
    from ..ner.corpus import entity_report
    from ..store import open_store

    store = open_store(db, readonly=True)
    try:
        rep = entity_report(store, name)
    finally:
        store.close()
    if rep is None:
        raise UserError(f"no entity named {name!r} in {db}")
    if as_json:
        typer.echo(json.dumps(rep, ensure_ascii=False))
        return EXIT_OK
    typer.echo(f"{rep['canonical']} ({rep['label']}): {rep['mentions']} mentions in {rep['articles']} articles")
    if rep["roles"]:
        typer.echo("roles: " + ", ".join(f"{r} ({n})" for r, n in rep["roles"]))
    typer.echo("\nmentions over time:")
    for period, n in rep["timeline"]:
        typer.echo(f"  {period or 'undated':10} {n:5d} " + "#" * min(n, 60))
    typer.echo("\nmentioned with:")
    for r in rep["cooccurring"]:
        typer.echo(f"  {r['canonical'][:40]:40} {r['label']:4} {r['articles']:5d} articles")
    typer.echo("\narticles:")
    for a in rep["recent_articles"]:
        typer.echo(f"  {(a['published'] or '')[:10]:10} {a['id']}  {a['title'] or ''}")
    return EXIT_OK


def register(app: typer.Typer) -> None:
    app.command("train-ner")(train_ner)
    app.command("eval-ner")(eval_ner)
    app.command()(entities)
    app.command()(entity)

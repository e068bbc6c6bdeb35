"""The training config (INI, checked in as configs/ner.cfg): what data, resources and CRF settings
made the shipped model. Relative paths are read relative to the config file's folder."""
from __future__ import annotations

import configparser
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class NerConfig:
    train_cased: list[Path] = field(default_factory=list)
    train_lower: list[Path] = field(default_factory=list)
    dev: list[Path] = field(default_factory=list)
    lowercase_copies: bool = True
    gazetteer: Path | None = None
    news: list[Path] = field(default_factory=list)
    news_limit: int = 0
    clusters: tuple[int, ...] = (64, 256, 1024)
    gazetteer_min_cap: float = 0.5
    mine_orgs: bool = True
    c1: float = 0.05
    c2: float = 0.01
    max_iterations: int = 150
    mode_words: bool = False
    token_gaz: bool = False
    run_ctx: bool = False
    acronyms: bool = False
    gaz_run: bool = False
    org_tails: bool = False
    split_by_case: bool = False
    raw: dict[str, dict[str, str]] = field(default_factory=dict)


def _paths(value: str, base: Path) -> list[Path]:
    return [(base / v).resolve() if not Path(v).is_absolute() else Path(v) for v in value.split()]


def load_config(path: str | Path, overrides: dict[str, str] | None = None) -> NerConfig:
    """Read the config; `overrides` maps "section.key" to a value (like spaCy's --paths.x)."""
    path = Path(path)
    cp = configparser.ConfigParser()
    cp.read(path, encoding="utf-8")
    for key, value in (overrides or {}).items():
        section, _, name = key.partition(".")
        if not cp.has_section(section):
            cp.add_section(section)
        cp.set(section, name, value)
    base = path.parent
    cfg = NerConfig(raw={s: dict(cp[s]) for s in cp.sections()})
    d = cp["data"] if cp.has_section("data") else {}
    cfg.train_cased = _paths(d.get("train_cased", ""), base)
    cfg.train_lower = _paths(d.get("train_lower", ""), base)
    cfg.dev = _paths(d.get("dev", ""), base)
    cfg.lowercase_copies = cp.getboolean("data", "lowercase_copies", fallback=True)
    r = cp["resources"] if cp.has_section("resources") else {}
    gz = r.get("gazetteer", "").strip()
    cfg.gazetteer = _paths(gz, base)[0] if gz else None
    cfg.news = _paths(r.get("news", ""), base)
    cfg.news_limit = int(r.get("news_limit", "0") or 0)
    cl = r.get("clusters", "64 256 1024").split()
    cfg.clusters = tuple(int(x) for x in cl)
    cfg.gazetteer_min_cap = float(r.get("gazetteer_min_cap", "0.5"))
    cfg.mine_orgs = cp.getboolean("resources", "mine_orgs", fallback=True)
    c = cp["crf"] if cp.has_section("crf") else {}
    cfg.c1 = float(c.get("c1", cfg.c1))
    cfg.c2 = float(c.get("c2", cfg.c2))
    cfg.max_iterations = int(c.get("max_iterations", cfg.max_iterations))
    cfg.mode_words = cp.getboolean("features", "mode_words", fallback=False)
    cfg.token_gaz = cp.getboolean("features", "token_gaz", fallback=False)
    cfg.run_ctx = cp.getboolean("features", "run_ctx", fallback=False)
    cfg.acronyms = cp.getboolean("features", "acronyms", fallback=False)
    cfg.gaz_run = cp.getboolean("features", "gaz_run", fallback=False)
    cfg.org_tails = cp.getboolean("features", "org_tails", fallback=False)
    cfg.split_by_case = cp.getboolean("crf", "split_by_case", fallback=False)
    return cfg

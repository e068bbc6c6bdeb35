"""The `warta` command line: a thin layer over the library.

Each area registers its commands from its own module (`core`, `ner`, `facts`, `dups`, `serve`,
...); a module that is not installed yet is simply absent.
"""
from __future__ import annotations

import importlib
import sys

import typer

app = typer.Typer(
    name="warta",
    help="Turn raw scraped Indonesian news into a clean, deduplicated, searchable knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COMMAND_MODULES = ("core", "ner", "facts", "dups", "serve", "scale")

for _name in COMMAND_MODULES:
    try:
        _mod = importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as _exc:
        if _exc.name == f"{__name__}.{_name}":
            continue
        raise
    _mod.register(app)


def main() -> None:
    from .common import run_app

    sys.exit(run_app(app))

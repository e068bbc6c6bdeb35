"""serve: the JSON API and web pages over a knowledge base (FastAPI + uvicorn)."""
from __future__ import annotations

import os
import sys

import typer

from .common import DbOpt, UserError

TOKEN_ENV = "WARTA_INGEST_TOKEN"


def serve(
    db: str = DbOpt,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (loopback by default)."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="TCP port."),
    ingest_token: str | None = typer.Option(
        None, "--ingest-token", envvar=TOKEN_ENV, show_envvar=True,
        help="Turn on POST /api/articles, protected by this bearer token (read-only without it)."),
    workers_threads: int = typer.Option(16, "--threads", min=1, max=256, help="Request threads."),
    log_level: str = typer.Option("warning", "--log-level", help="uvicorn log level: info to log every request."),
) -> int:
    """Serve the JSON API (/api/..., /openapi.json) and the web pages for searching and browsing."""
    import uvicorn

    from ..store import StoreError
    from ..web import create_app

    if ingest_token is not None and not ingest_token.strip():
        raise UserError("--ingest-token is empty")
    try:
        app = create_app(db, ingest_token=ingest_token, threads=workers_threads)
    except StoreError as exc:
        raise UserError(str(exc)) from exc

    mode = "read-write (POST /api/articles on)" if ingest_token else "read-only"
    print(f"warta: serving {db} ({mode}) on http://{host}:{port}/", file=sys.stderr, flush=True)
    if host not in ("127.0.0.1", "localhost", "::1") and not os.environ.get("WARTA_QUIET_HOST"):
        print("warta: note: listening beyond loopback; anyone who can reach this port can read the data",
              file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=log_level in ("info", "debug"))
    return 0


def register(app: typer.Typer) -> None:
    app.command()(serve)

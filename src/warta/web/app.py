"""The app factory: one FastAPI app serving the JSON API (/api/...) and the HTML pages.

Reads go through one read-only store connection per worker thread (SQLite reads run in parallel
under WAL; a shared connection would serialise them). Ingestion, when a token is configured, uses
a separate writable store behind a lock, through the same library call as `warta ingest`.
"""
from __future__ import annotations

import threading
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store import QuerySyntaxError, StoreError, open_store
from .filters import FILTERS

HERE = Path(__file__).parent

# Nothing loads from the network; no inline scripts; styles only from our own stylesheet.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; connect-src 'self'")


class Stores:
    """Thread-local read-only stores, a lock-guarded writable one, and a small TTL cache."""

    def __init__(self, db: str, writable: bool):
        self.db = db
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()
        self.write_lock = threading.Lock()
        self._writer: Any = None
        self._cache: dict[str, tuple[float, Any]] = {}
        if writable:
            self._writer = open_store(db)  # creates the database if needed
        self.read()  # fail now (missing file, not a warta db) rather than on the first request

    def read(self) -> Any:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db, readonly=True)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    @property
    def writer(self) -> Any:
        return self._writer

    def cached(self, key: str, ttl: float, compute):
        """Corpus-wide aggregates (overview, entity list) are slow-ish on big stores: keep them briefly."""
        hit = self._cache.get(key)
        now = time.monotonic()
        if hit and now - hit[0] < ttl:
            return hit[1]
        value = compute()
        self._cache[key] = (now, value)
        if len(self._cache) > 256:
            self._cache.pop(next(iter(self._cache)))
        return value

    def invalidate(self) -> None:
        from . import queries

        self._cache.clear()
        queries._SOURCES.clear()  # the outlet names behind source filters, too

    def close(self) -> None:
        with self._lock:
            for s in self._all:
                try:
                    s.close()
                except Exception:  # noqa: BLE001 - closing at shutdown, from another thread
                    pass
            self._all.clear()
        if self._writer is not None:
            self._writer.close()


def wants_html(request: Request) -> bool:
    path = request.url.path
    return (not path.startswith("/api/") or path == "/api/docs") and path != "/openapi.json"


def create_app(db: str, ingest_token: str | None = None, *, threads: int | None = None) -> FastAPI:
    """The warta web app over the knowledge base `db` (SQLite path or postgresql:// URL).

    Read-only unless `ingest_token` is given, which turns on `POST /api/articles` (Bearer token).
    `threads` sizes the pool that runs the (synchronous) handlers.
    """
    stores = Stores(db, writable=bool(ingest_token))

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        if threads:
            import anyio.to_thread

            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        stores.close()

    app = FastAPI(
        lifespan=lifespan,
        title="warta", version=__version__,
        description="Search and explore a knowledge base of Indonesian news: articles, entities, quotes, "
                    "amounts and story clusters. Read-only unless an ingest token is configured.",
        docs_url=None, redoc_url=None,  # FastAPI's doc pages load scripts from a CDN: ours is /api/docs
    )
    app.state.stores = stores
    app.state.ingest_token = ingest_token
    app.state.db = db
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True  # every scraped string is escaped, whatever the file name
    templates.env.filters.update(FILTERS)
    templates.env.globals["version"] = __version__
    templates.env.globals["ingest_on"] = bool(ingest_token)
    app.state.templates = templates

    from . import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    def error(request: Request, status: int, message: str, title: str) -> Response:
        if wants_html(request):
            return templates.TemplateResponse(request, "error.html", {"status": status, "message": message,
                                                                      "title": title}, status_code=status)
        return JSONResponse({"detail": message}, status_code=status)

    @app.exception_handler(QuerySyntaxError)
    async def bad_query(request: Request, exc: QuerySyntaxError) -> Response:
        return error(request, 400, f"The search query could not be read: {exc}", "Bad query")

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error(request, 503, f"The knowledge base cannot be read: {exc}", "Unavailable")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_html(request):
            msg = exc.detail if isinstance(exc.detail, str) else "Something is wrong with this request."
            if exc.status_code == 404 and msg == "Not Found":
                msg = "There is no page at this address."
            return error(request, exc.status_code, msg, "Not found" if exc.status_code == 404 else "Error")
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if wants_html(request):
            msgs = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', [])[1:])}: {e.get('msg')}"
                             for e in exc.errors()[:5])
            return error(request, 400, f"Some of the parameters are not valid: {msgs}", "Bad request")
        from fastapi.encoders import jsonable_encoder

        return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)

    return app

"""Where articles are kept: SQLite by default (one file), PostgreSQL for shared servers."""
from __future__ import annotations

from .query import QuerySyntaxError
from .sqlite import AddResult, SearchHit, SearchPage, SQLiteStore, StoreError


def open_store(db: str, readonly: bool = False) -> SQLiteStore:
    """Open the store named by `db`: a file path (SQLite) or a postgresql:// URL."""
    if db.startswith(("postgresql://", "postgres://")):
        try:
            from .postgres import PostgresStore
        except ModuleNotFoundError as exc:
            raise StoreError("PostgreSQL support is not available in this installation") from exc
        return PostgresStore(db, readonly=readonly)  # type: ignore[return-value]
    return SQLiteStore(db, readonly=readonly)


__all__ = ["AddResult", "QuerySyntaxError", "SQLiteStore", "SearchHit", "SearchPage", "StoreError", "open_store"]

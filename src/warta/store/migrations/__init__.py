"""Versioned schema migrations: `<backend>_<NNNN>_<name>.sql` files applied in order, once each.

A `schema_version` table records every applied version. Opening a store applies the missing ones,
each in its own transaction together with its `schema_version` row, so a crash leaves the database
at a whole version. On PostgreSQL an advisory lock makes concurrent first opens (several `warta
ingest` processes starting at once) apply each migration exactly once. A database at a newer
version than this warta knows is refused rather than written to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

_NAME = re.compile(r"^(?P<backend>[a-z]+)_(?P<version>\d{4})_(?P<name>\w+)\.sql$")
# Any constant works; it names "warta's migration lock" among the advisory locks of the database.
PG_LOCK_KEY = 0x77617274


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


class NewerSchema(Exception):
    """The database was migrated by a newer warta."""


def migrations(backend: str) -> list[Migration]:
    """The migrations shipped for `backend`, by version."""
    found = []
    for entry in resources.files(__name__).iterdir():
        m = _NAME.match(entry.name)
        if m and m["backend"] == backend:
            found.append(Migration(int(m["version"]), m["name"], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda mig: mig.version)
    versions = [mig.version for mig in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two {backend} migrations share a version: {versions}")
    return found


def latest(backend: str) -> int:
    found = migrations(backend)
    return found[-1].version if found else 0


def apply_postgres(conn: Any, items: list[Migration] | None = None) -> list[int]:
    """Bring a PostgreSQL database (psycopg connection, autocommit) up to date; returns what was applied."""
    items = migrations("postgres") if items is None else sorted(items, key=lambda mig: mig.version)
    applied_now: list[int] = []
    with conn.transaction():
        # Held to the end of this transaction: other processes wait here, then find nothing to do.
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (PG_LOCK_KEY,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                     "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
        done = {r[0] for r in conn.execute("SELECT version FROM schema_version").fetchall()}
        known = {mig.version for mig in items}
        newer = sorted(v for v in done if v > max(known, default=0))
        if newer:
            raise NewerSchema(f"schema version {newer[-1]} is newer than this warta knows ({max(known, default=0)})")
        for mig in items:
            if mig.version in done:
                continue
            with conn.transaction():  # a savepoint: one migration is all or nothing
                conn.execute(mig.sql)
                conn.execute("INSERT INTO schema_version (version, name) VALUES (%s, %s)", (mig.version, mig.name))
            applied_now.append(mig.version)
    return applied_now


def current_postgres(conn: Any) -> int:
    """The highest applied version (0 when the database has no warta schema)."""
    row = conn.execute("SELECT to_regclass('schema_version')").fetchone()
    if row[0] is None:
        return 0
    return conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

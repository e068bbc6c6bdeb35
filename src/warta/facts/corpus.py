"""Facts across the knowledge base: quotes and amounts with the articles they come from.

Portable SQL through `store.query`, so the same listing runs on SQLite and PostgreSQL.
"""
from __future__ import annotations

from typing import Any

from ..store.query import like_pattern


def list_quotes(store: Any, speaker: str | None = None, direct: bool | None = None, limit: int = 50,
                offset: int = 0) -> list[dict[str, Any]]:
    """Quotes, newest articles first; `speaker` matches any part of the speaker's name, any case."""
    where, params = [], []
    if speaker:
        where.append("lower(q.speaker) LIKE ? ESCAPE '\\'")
        params.append(like_pattern(speaker))
    if direct is not None:
        where.append("q.direct = ?")
        params.append(1 if direct else 0)
    sql = ("SELECT q.text, q.speaker, q.verb, q.direct, q.start, q.\"end\", a.id AS article_id, a.title, "
           "a.source, a.published FROM quotes q JOIN articles a ON a.rowid = q.article "
           + ("WHERE " + " AND ".join(where) + " " if where else "")
           + "ORDER BY a.published DESC, a.id, q.start LIMIT ? OFFSET ?")
    rows = store.query(sql, (*params, limit, offset))
    for r in rows:
        r["direct"] = bool(r["direct"])
    return rows


def list_amounts(store: Any, unit: str | None = None, min_value: float | None = None,
                 max_value: float | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Amounts, largest first; `unit` matches any part of the unit ("Rp", "persen", "keluarga")."""
    where, params = [], []
    if unit:
        where.append("lower(m.unit) LIKE ? ESCAPE '\\'")
        params.append(like_pattern(unit))
    if min_value is not None:
        where.append("m.value >= ?")
        params.append(min_value)
    if max_value is not None:
        where.append("m.value <= ?")
        params.append(max_value)
    sql = ("SELECT m.text, m.value, m.value_max, m.unit, m.hedge, m.vague, m.source AS claimed_by, m.start, "
           "m.\"end\", a.id AS article_id, a.title, a.source, a.published FROM amounts m "
           "JOIN articles a ON a.rowid = m.article "
           + ("WHERE " + " AND ".join(where) + " " if where else "")
           + "ORDER BY m.value DESC, a.id LIMIT ? OFFSET ?")
    rows = store.query(sql, (*params, limit, offset))
    for r in rows:
        r["vague"] = bool(r["vague"])
    return rows

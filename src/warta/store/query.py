"""Search queries: from what a user types to an FTS5 MATCH expression over stems, and snippets.

Users may write plain words, "phrases", AND / OR / NOT, NEAR(...), parentheses, prefix* and
`title:word`. Every word is stemmed like the index and quoted, so "covid-19" or "Rp14,5" never
trip FTS5's bareword rules; real syntax mistakes (an unclosed quote or bracket, a dangling
operator) raise `QuerySyntaxError` with a message a user can act on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .stem import TOKEN_RE, stem_word, tokens

OPERATORS = {"AND", "OR", "NOT"}
COLUMNS = {"title": "title", "judul": "title", "text": "text", "isi": "text"}
# A search matching more articles than this ranks only the most recently stored RANK_CAP of them
# (the page says so): scoring every match of two common words costs ~0.3 s on 1M articles, and such
# broad queries gain little from a global ranking. Shared by both stores and the web.
RANK_CAP = 5000
# PostgreSQL counts matches by visiting rows: past this many, a search says "10000+" (total_exact False).
COUNT_CAP = 10_000
_LEX = re.compile(r'"[^"]*"?|\(|\)|NEAR\(|[^\s()"]+')


class QuerySyntaxError(ValueError):
    """The query cannot be understood; the message says why, for the user."""


@dataclass
class ParsedQuery:
    match: str          # FTS5 MATCH expression over stemmed columns
    stems: set[str]     # stems to highlight (positive terms)
    prefixes: set[str]  # prefixes to highlight


def _stems_of(words: str) -> list[str]:
    return [stem_word(m.group().lower()) for m in TOKEN_RE.finditer(words)]


def parse(query: str) -> ParsedQuery:
    q = (query or "").strip()
    if not q:
        raise QuerySyntaxError("empty query: give at least one word")
    if q.count('"') % 2:
        raise QuerySyntaxError('unclosed quotation mark (") in the query')
    parts: list[str] = []
    stems: set[str] = set()
    prefixes: set[str] = set()
    depth = 0
    near: list[bool] = []  # for each open bracket: is it a NEAR( group?
    near_distance_next = False
    negate_next = False
    expect_operand = True
    for tok in _LEX.findall(q):
        if tok in ("(", "NEAR("):
            depth += 1
            near.append(tok == "NEAR(")
            if not expect_operand and parts and parts[-1] not in ("(", "NEAR(") and not (near[:-1] and near[-2]):
                parts.append("AND")
            parts.append(tok)
            expect_operand = True
            continue
        if tok == ")":
            depth -= 1
            if depth < 0:
                raise QuerySyntaxError("a closing bracket ')' has no opening '('")
            if expect_operand and parts and parts[-1] not in ("(", "NEAR("):
                raise QuerySyntaxError("an operator right before ')' has nothing to work on")
            near.pop()
            parts.append(tok)
            expect_operand = False
            continue
        in_near = bool(near and near[-1])
        if in_near and near_distance_next and tok.isdigit():
            parts.append(tok)  # NEAR(a b, 5): the distance
            near_distance_next = False
            continue
        if in_near and tok == ",":
            parts.append(",")
            near_distance_next = True
            continue
        trailing_comma = in_near and tok.endswith(",")
        if trailing_comma:
            tok = tok[:-1]
        if tok in OPERATORS:
            if expect_operand and tok != "NOT":
                raise QuerySyntaxError(f"'{tok}' needs a word before it")
            if expect_operand and tok == "NOT":
                raise QuerySyntaxError("'NOT' needs a word before it (write: banjir NOT jakarta)")
            parts.append(tok)
            negate_next = tok == "NOT"
            expect_operand = True
            continue
        column = None
        if ":" in tok and not tok.startswith('"'):
            col, _, rest = tok.partition(":")
            if col.lower() in COLUMNS and rest:
                column, tok = COLUMNS[col.lower()], rest
        prefix = tok.endswith("*") and not tok.startswith('"')
        body = tok.strip('"').rstrip("*") if not tok.startswith('"') else tok[1:-1]
        if prefix:
            words = [m.group().lower() for m in TOKEN_RE.finditer(body)]
            if not words:
                continue
            term = " ".join(words[:-1] and [stem_word(w) for w in words[:-1]]) if len(words) > 1 else ""
            expr = (f'"{term} {words[-1]}"*' if term else f'"{words[-1]}"*')
            if not negate_next:
                prefixes.add(words[-1])
                stems.update(stem_word(w) for w in words[:-1])
        else:
            st = _stems_of(body)
            if not st:
                continue  # punctuation only: nothing to search for
            expr = '"' + " ".join(st) + '"'
            if not negate_next:
                stems.update(st)
        if column:
            expr = f"{column} : {expr}"
        if not expect_operand and not in_near and parts and parts[-1] not in ("(", "NEAR("):
            parts.append("AND")  # implicit AND between adjacent terms (FTS5 does the same)
        parts.append(expr)
        if trailing_comma:
            parts.append(",")
            near_distance_next = True
            expect_operand = False
            negate_next = False
            continue
        negate_next = False
        expect_operand = False
    if depth > 0:
        raise QuerySyntaxError("an opening bracket '(' is never closed")
    if expect_operand and parts:
        raise QuerySyntaxError(f"the query ends with '{parts[-1]}', which needs a word after it")
    if not parts:
        raise QuerySyntaxError("the query has no searchable words")
    return ParsedQuery(" ".join(parts).replace("AND NOT", "NOT"), stems, prefixes)


def snippet(text: str, parsed: ParsedQuery, width: int = 240) -> tuple[str, list[tuple[int, int]]]:
    """A window of the text around the densest matches, and the match spans inside that window."""
    if not text:
        return "", []
    prefixes = tuple(parsed.prefixes)  # str.startswith takes them all at once (and () matches nothing)
    hits = [(s, e) for s, e, tok in tokens(text) if stem_word(tok) in parsed.stems or tok.startswith(prefixes)]
    if not hits:
        cut = text[:width]
        return (cut + ("…" if len(text) > width else "")), []
    # The window start (a hit) that covers the most hits.
    best_i, best_n, j = 0, 0, 0
    for i, (s, _) in enumerate(hits):
        while j < len(hits) and hits[j][1] <= s + width:
            j += 1
        if j - i > best_n:
            best_i, best_n = i, j - i
    centre = hits[best_i][0]
    start = max(0, centre - width // 4)
    if start > 0:  # start on a word boundary
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start - space < 30 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.find(" ", end)
        end = space if 0 <= space - end < 30 else end
    pre = "…" if start > 0 else ""
    post = "…" if end < len(text) else ""
    window = text[start:end].replace("\n", " ")
    spans = [(s - start + len(pre), e - start + len(pre)) for s, e in hits if s >= start and e <= end]
    return pre + window + post, spans


def mark(snippet_text: str, spans: list[tuple[int, int]], open_: str = "[", close: str = "]") -> str:
    """The snippet with each span wrapped in markers (for terminals and plain text)."""
    out, pos = [], 0
    for s, e in spans:
        out.append(snippet_text[pos:s])
        out.append(open_ + snippet_text[s:e] + close)
        pos = e
    out.append(snippet_text[pos:])
    return "".join(out)


def like_pattern(word: str) -> str:
    """A `LIKE ? ESCAPE '\\'` pattern matching `word` anywhere, any case (its % and _ taken literally)."""
    return "%" + word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def filter_clauses(source: str | None = None, since: str | None = None, until: str | None = None,
                   lang: str | None = None, entity: str | tuple[str, list[Any]] | None = None,
                   rowid: str = "a.rowid") -> tuple[list[str], list[Any]]:
    """WHERE clauses over `articles a` for the search filters, in SQL both backends accept.

    source: any part of the outlet or site name; since/until: ISO date prefixes (until is
    inclusive: "2025-10" keeps all of October); lang: ISO code; entity: a stored canonical name, or
    a (condition on `mentions`, parameters) pair from `ner.corpus.entity_filter` (all its names).
    """
    where: list[str] = []
    params: list[Any] = []
    if source:
        where.append("(lower(coalesce(a.source,'')) LIKE ? ESCAPE '\\' OR lower(coalesce(a.site,'')) LIKE ? ESCAPE '\\')")
        params += [like_pattern(source)] * 2
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if until:
        where.append("substr(a.published, 1, ?) <= ?")
        params += [len(until), until]
    if lang:
        where.append("a.language = ?")
        params.append(lang.lower())
    if entity:
        cond, eparams = ("canonical = ?", [entity]) if isinstance(entity, str) else entity
        where.append(f"{rowid} IN (SELECT article FROM mentions WHERE {cond})")
        params += eparams
    return where, params

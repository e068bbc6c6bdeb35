"""Canonical names for the entities of one article.

- Titles and roles are not part of a person's name: "Presiden Prabowo Subianto" gives the name
  "Prabowo Subianto" with role "Presiden"; "Menteri Keuangan Sri Mulyani" gives role
  "Menteri Keuangan".
- Short forms merge into the longest name of the article that contains them ("Prabowo" ->
  "Prabowo Subianto"); aliases and acronyms come from the alias table and from in-text definitions
  ("Komisi Pemberantasan Korupsi (KPK)").
- A bare role later in the article ("... kata Presiden.") becomes a mention of the one person who
  held that role earlier in the article (only when exactly one did).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..lang.id.aliases import alias_of
from ..lang.id.titles import HONORIFICS, ROLE_HEADS, ROLE_MODIFIERS, STRIP_BEFORE_NAMES

_WORD_RE = re.compile(r"\w+(?:[-'.]\w+)*\.?|[^\w\s]")
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&-]{1,12})\s*\)")
_ROLE_FILLERS = frozenset({"ke", "dan", "-", "&", "RI", "di"})
_MAX_ROLE_TOKENS = 7


_LOWER_PARTICLES = frozenset({"dan", "di", "ke", "dari", "bin", "binti", "van", "der", "de", "of", "the"})


def _recase(name: str) -> str:
    """Names from all-lowercase or ALL-CAPS text get capitalised words, so that "joko widodo",
    "JOKO WIDODO" and "Joko Widodo" share one canonical form. Short all-caps words (acronyms)
    in mixed text are left alone."""
    if name != name.lower() and name != name.upper():
        return name
    if name == name.upper() and len(name) <= 5 and " " not in name:
        return name  # "KPK", "PBB"
    words = name.lower().split()
    return " ".join(w if (k and w in _LOWER_PARTICLES) else w[:1].upper() + w[1:] for k, w in enumerate(words))


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start() + start, m.end() + start, m.group()) for m in _WORD_RE.finditer(text[start:end])]


def _strip_titles(text: str, start: int, end: int) -> int:
    """New start of a person span after dropping leading honorifics ("Dr. H.")."""
    words = _words(text, start, end)
    for s, _e, w in words[:-1]:
        if w.rstrip(".").lower() in STRIP_BEFORE_NAMES or w == ".":
            continue
        return s
    return words[-1][0] if words else start  # keep at least the last word


def _role_before(text: str, start: int) -> str | None:
    """The role phrase written just before a person's name, if any ("Menteri Keuangan")."""
    left = max(0, start - 120)
    words = _words(text, left, start)
    words = [w for w in words if w[2] != "."]  # "Dr. H." abbreviations
    role_start = None
    k = len(words) - 1
    count = 0
    while k >= 0 and count < _MAX_ROLE_TOKENS:
        s, e, w = words[k]
        low = w.rstrip(".").lower()
        if low in HONORIFICS:
            k -= 1
            continue
        if w.endswith(".") and len(w) > 1:
            break  # "... Ganjar Pranowo. Jokowi": the previous sentence ended here
        if role_start is not None and low not in ROLE_MODIFIERS:
            break  # the role ends at its head (or the modifiers just before it)
        if low in ROLE_HEADS or (role_start is not None and low in ROLE_MODIFIERS):
            role_start = k
        elif low in ROLE_MODIFIERS:
            pass  # a modifier before any head ("mantan ..."): keep looking left
        elif not (w[:1].isupper() or w[:1].isdigit() or w in _ROLE_FILLERS or low.startswith("ke-")):
            break
        count += 1
        k -= 1
    if role_start is None:
        return None
    # The role runs from its head to the last non-honorific word before the name.
    end_k = len(words) - 1
    while end_k > role_start and words[end_k][2].rstrip(".").lower() in HONORIFICS:
        end_k -= 1
    role = text[words[role_start][0]:words[end_k][1]].strip(" ,")
    return role or None


def canonicalize(text: str, spans: list[tuple[str, int, int]]) -> list[dict[str, Any]]:
    """Entity dicts {text, label, start, end, canonical[, role]} for (label, start, end) spans."""
    ents: list[dict[str, Any]] = []
    for label, start, end in spans:
        if label == "PER":
            start = _strip_titles(text, start, end)
        surface = text[start:end]
        ent: dict[str, Any] = {"text": surface, "label": label, "start": start, "end": end}
        name = " ".join(surface.split())
        hit = alias_of(name)
        ent["canonical"] = hit[0] if hit and hit[1] == label else _recase(name)
        if label == "PER":
            role = _role_before(text, start)
            if role:
                ent["role"] = role
        ents.append(ent)

    # Acronyms defined in the text: "Komisi Pemberantasan Korupsi (KPK)".
    acronyms: dict[str, str] = {}
    for ent in ents:
        if ent["label"] in ("ORG", "LOC"):
            m = _ACRONYM_AFTER.match(text, ent["end"])
            # "Komisi Pemberantasan Korupsi (KPK)": a long name whose first letter opens the
            # acronym ("Republik Indonesia (KBRI)" is only part of the name: skipped).
            if (m and m.group(1) != ent["text"] and len(ent["text"].split()) > 1
                    and m.group(1)[0].lower() == ent["text"][0].lower()):
                acronyms[m.group(1)] = ent["canonical"]
    for ent in ents:
        if ent["text"] in acronyms and not alias_of(ent["text"]):
            ent["canonical"] = acronyms[ent["text"]]

    # People: a mention whose words all occur in a longer name of the article takes that name.
    counts = Counter(e["canonical"] for e in ents if e["label"] == "PER")
    longer = sorted(counts, key=lambda c: (-len(c.split()), -counts[c]))
    for ent in ents:
        if ent["label"] != "PER":
            continue
        words = set(ent["canonical"].lower().split())
        for cand in longer:
            if len(cand.split()) <= len(words):
                break
            if words <= set(cand.lower().split()):
                ent["canonical"] = cand
                break

    _add_role_mentions(text, ents)
    ents.sort(key=lambda e: (e["start"], e["end"]))
    return ents


def _add_role_mentions(text: str, ents: list[dict[str, Any]]) -> None:
    holders: dict[str, set[str]] = {}
    first_seen: dict[str, int] = {}
    for ent in ents:
        role = ent.get("role")
        if ent["label"] != "PER" or not role or not role[0].isupper():
            continue  # lowercase roles ("pengacara") are common nouns: too vague to resolve
        for key in {role, role.split()[0]}:
            holders.setdefault(key, set()).add(ent["canonical"])
            first_seen[key] = min(first_seen.get(key, ent["start"]), ent["start"])
    if not holders:
        return
    occupied = [(e["start"], e["end"]) for e in ents]
    added = []
    for role, names in holders.items():
        if len(names) != 1:
            continue
        canonical = next(iter(names))
        for m in re.finditer(r"(?<!\w)" + re.escape(role) + r"(?!\w)", text):
            s, e = m.span()
            if s <= first_seen[role] or any(a < e and b > s for a, b in occupied):
                continue  # before the first naming, or part of / right next to an entity
            prev = _words(text, max(0, s - 30), s)
            if prev and prev[-1][2].lower() in ROLE_HEADS:
                continue  # "Wakil Presiden" is not "Presiden"
            nxt = _words(text, e, min(len(text), e + 40))
            if nxt and (nxt[0][2][:1].isupper() and nxt[0][2] not in (".", ",")):
                continue  # followed by another capitalised word: a different title/name phrase
            added.append({"text": role, "label": "PER", "start": s, "end": e, "canonical": canonical,
                          "role": role})
            occupied.append((s, e))
    ents.extend(added)

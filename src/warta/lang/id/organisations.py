"""Words that end an organisation name, as data (used by NER features).

Indonesian news and encyclopedic text quote many foreign names: bands, labels, companies, clubs
and broadcasters often end in a word like these ("James Last Orchestra", "Sony Music", "Lion Air
Group", "Persija Jakarta FC"). The tagger's feature marks a capitalised run that ends in one; the
CRF learns how much to trust it. Entries are lowercase; match on the lowercased token.
"""
from __future__ import annotations

ORG_TAILS: frozenset[str] = frozenset({
    # companies
    "tbk", "persero", "inc", "corp", "corporation", "company", "co", "ltd", "limited", "llc", "plc", "gmbh",
    "ag", "sa", "nv", "bv", "group", "grup", "holding", "holdings", "industries", "industri", "international",
    "internasional", "motors", "motor", "airlines", "airways", "air", "bank", "capital", "ventures", "labs",
    "technologies", "technology", "systems", "software", "electronics", "entertainment", "pictures",
    "studios", "studio", "films", "film", "productions", "records", "music", "musik", "media", "network",
    "broadcasting", "communications", "telecom", "energy", "energi", "oil", "petroleum", "mining",
    "pharma", "foods", "foundation",
    # media
    "tv", "televisi", "radio", "news", "times", "post", "journal", "magazine", "daily", "channel",
    # clubs and teams
    "fc", "united", "city", "club", "sc", "cf", "afc",
    # groups and bodies
    "band", "orchestra", "orkestra", "choir", "ensemble", "society", "association", "council", "committee",
    "institute", "university", "college", "academy", "party", "army", "force", "agency", "ministry",
    "department", "bureau", "commission", "federation", "union", "league",
})

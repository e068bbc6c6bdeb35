-- warta on PostgreSQL, version 1: the same tables and columns as the SQLite schema (store/schema.sql),
-- so the portable SQL of the other areas (`store.query`) runs unchanged. `rowid` is a real column
-- here; fact tables point at it. Nested lists stay JSON text, as in SQLite.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);

CREATE TABLE IF NOT EXISTS articles (
    rowid BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT, title TEXT, source TEXT, published TEXT, author TEXT, origin TEXT,
    language TEXT, language_confidence DOUBLE PRECISION,
    site TEXT, dateline TEXT,
    text TEXT NOT NULL DEFAULT '',
    raw TEXT NOT NULL DEFAULT '', raw_format TEXT NOT NULL DEFAULT 'text',
    removed TEXT, entities TEXT, amounts TEXT, dates TEXT, quotes TEXT, attributions TEXT, meta TEXT,
    duplicate_of TEXT, cluster TEXT,
    raw_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    -- Sastrawi stems of title (weight A) and text (weight B) under the 'simple' configuration:
    -- the stemming is ours (store/stem.py), PostgreSQL only splits on the spaces between stems.
    fts TSVECTOR NOT NULL DEFAULT ''::tsvector
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE INDEX IF NOT EXISTS articles_language ON articles(language);
CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles(duplicate_of);
CREATE INDEX IF NOT EXISTS articles_cluster ON articles(cluster);
CREATE INDEX IF NOT EXISTS articles_fts ON articles USING GIN (fts);

CREATE TABLE IF NOT EXISTS removed_lines (article BIGINT NOT NULL, line INTEGER, text TEXT, reason TEXT);
CREATE INDEX IF NOT EXISTS removed_lines_article ON removed_lines(article);
CREATE INDEX IF NOT EXISTS removed_lines_reason ON removed_lines(reason);

CREATE TABLE IF NOT EXISTS mentions (
    article BIGINT NOT NULL, canonical TEXT NOT NULL, label TEXT NOT NULL, text TEXT,
    start INTEGER, "end" INTEGER, role TEXT
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article);
CREATE INDEX IF NOT EXISTS mentions_canonical ON mentions(canonical, label);

CREATE TABLE IF NOT EXISTS amounts (
    article BIGINT NOT NULL, text TEXT, value DOUBLE PRECISION, value_max DOUBLE PRECISION, unit TEXT,
    hedge TEXT, vague INTEGER, source TEXT, start INTEGER, "end" INTEGER
);
CREATE INDEX IF NOT EXISTS amounts_article ON amounts(article);
CREATE INDEX IF NOT EXISTS amounts_unit ON amounts(unit);

CREATE TABLE IF NOT EXISTS dates (
    article BIGINT NOT NULL, text TEXT, value TEXT, start INTEGER, "end" INTEGER
);
CREATE INDEX IF NOT EXISTS dates_article ON dates(article);

CREATE TABLE IF NOT EXISTS quotes (
    article BIGINT NOT NULL, text TEXT, speaker TEXT, verb TEXT, direct INTEGER,
    start INTEGER, "end" INTEGER
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);

CREATE TABLE IF NOT EXISTS attributions (
    article BIGINT NOT NULL, claim TEXT, source TEXT, start INTEGER, "end" INTEGER
);
CREATE INDEX IF NOT EXISTS attributions_article ON attributions(article);

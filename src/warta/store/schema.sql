-- warta SQLite schema. Version in meta('schema_version'); upgrades in SQLiteStore._ensure_schema.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);

CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT, title TEXT, source TEXT, published TEXT, author TEXT, origin TEXT,
    language TEXT, language_confidence REAL,
    site TEXT, dateline TEXT,               -- dateline: JSON {"city","outlet"}
    text TEXT NOT NULL DEFAULT '',
    raw TEXT NOT NULL DEFAULT '', raw_format TEXT NOT NULL DEFAULT 'text',
    removed TEXT, entities TEXT, amounts TEXT, dates TEXT, quotes TEXT, attributions TEXT, meta TEXT,  -- JSON lists
    duplicate_of TEXT, cluster TEXT,
    raw_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE INDEX IF NOT EXISTS articles_site ON articles(site);  -- the web's site-name filter
CREATE INDEX IF NOT EXISTS articles_language ON articles(language);
CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles(duplicate_of);
CREATE INDEX IF NOT EXISTS articles_cluster ON articles(cluster);

-- Stemmed title and text (see store/stem.py). Contentless: the words live in `articles`.
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content='', tokenize='unicode61 remove_diacritics 2'
);

-- One row per fact, for listing and filtering across the corpus. `article` is articles.rowid.
CREATE TABLE IF NOT EXISTS removed_lines (article INTEGER NOT NULL, line INTEGER, text TEXT, reason TEXT);
CREATE INDEX IF NOT EXISTS removed_lines_article ON removed_lines(article);
CREATE INDEX IF NOT EXISTS removed_lines_reason ON removed_lines(reason);

CREATE TABLE IF NOT EXISTS mentions (
    article INTEGER NOT NULL, canonical TEXT NOT NULL, label TEXT NOT NULL, text TEXT,
    start INTEGER, "end" INTEGER, role TEXT
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article);
CREATE INDEX IF NOT EXISTS mentions_canonical ON mentions(canonical, label);

CREATE TABLE IF NOT EXISTS amounts (
    article INTEGER NOT NULL, text TEXT, value REAL, value_max REAL, unit TEXT, hedge TEXT,
    vague INTEGER, source TEXT, start INTEGER, "end" INTEGER
);
CREATE INDEX IF NOT EXISTS amounts_article ON amounts(article);
CREATE INDEX IF NOT EXISTS amounts_unit ON amounts(unit);

CREATE TABLE IF NOT EXISTS dates (
    article INTEGER NOT NULL, text TEXT, value TEXT, start INTEGER, "end" INTEGER
);
CREATE INDEX IF NOT EXISTS dates_article ON dates(article);

CREATE TABLE IF NOT EXISTS quotes (
    article INTEGER NOT NULL, text TEXT, speaker TEXT, verb TEXT, direct INTEGER,
    start INTEGER, "end" INTEGER
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);

CREATE TABLE IF NOT EXISTS attributions (
    article INTEGER NOT NULL, claim TEXT, source TEXT, start INTEGER, "end" INTEGER
);
CREATE INDEX IF NOT EXISTS attributions_article ON attributions(article);

-- The entity name index (schema version 2; store/entity_index.py): per-name group keys and counts,
-- kept up to date with `mentions`, so listing entities never reads every mention.
CREATE TABLE IF NOT EXISTS entity_keys (
    label TEXT NOT NULL, key TEXT NOT NULL, mentions INTEGER NOT NULL, articles INTEGER NOT NULL,
    PRIMARY KEY (label, key)
);
CREATE INDEX IF NOT EXISTS entity_keys_rank ON entity_keys(articles, mentions);
CREATE INDEX IF NOT EXISTS entity_keys_label_rank ON entity_keys(label, articles, mentions);
CREATE INDEX IF NOT EXISTS entity_keys_key ON entity_keys(key);
CREATE TABLE IF NOT EXISTS entity_names (
    label TEXT NOT NULL, canonical TEXT NOT NULL, key TEXT NOT NULL, spelling TEXT NOT NULL,
    mentions INTEGER NOT NULL, PRIMARY KEY (label, canonical)
);
CREATE INDEX IF NOT EXISTS entity_names_key ON entity_names(label, key);
CREATE TABLE IF NOT EXISTS entity_forms (
    label TEXT NOT NULL, key TEXT NOT NULL, text TEXT NOT NULL, lower_text TEXT NOT NULL,
    mentions INTEGER NOT NULL, PRIMARY KEY (label, key, text)
);
CREATE INDEX IF NOT EXISTS entity_forms_lower ON entity_forms(lower_text);
CREATE TABLE IF NOT EXISTS entity_tokens (token TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (token, key));

-- Version 3: the entity name index (store/entity_index.py), the same tables as in the SQLite schema.
-- Per-name group keys and counts, kept up to date with `mentions` by the writers, so listing the
-- entities of a big corpus never reads every mention. The keys fold names through the alias
-- table (Python), so existing mentions are indexed by PostgresStore after this migration: the
-- 'entity_index' meta row says whether that has been done.
CREATE TABLE IF NOT EXISTS entity_keys (
    label TEXT NOT NULL, key TEXT NOT NULL, mentions BIGINT NOT NULL, articles BIGINT NOT NULL,
    PRIMARY KEY (label, key)
);
CREATE INDEX IF NOT EXISTS entity_keys_rank ON entity_keys(articles, mentions);
CREATE INDEX IF NOT EXISTS entity_keys_label_rank ON entity_keys(label, articles, mentions);
CREATE INDEX IF NOT EXISTS entity_keys_key ON entity_keys(key);
CREATE TABLE IF NOT EXISTS entity_names (
    label TEXT NOT NULL, canonical TEXT NOT NULL, key TEXT NOT NULL, spelling TEXT NOT NULL,
    mentions BIGINT NOT NULL, PRIMARY KEY (label, canonical)
);
CREATE INDEX IF NOT EXISTS entity_names_key ON entity_names(label, key);
CREATE TABLE IF NOT EXISTS entity_forms (
    label TEXT NOT NULL, key TEXT NOT NULL, text TEXT NOT NULL, lower_text TEXT NOT NULL,
    mentions BIGINT NOT NULL, PRIMARY KEY (label, key, text)
);
CREATE INDEX IF NOT EXISTS entity_forms_lower ON entity_forms(lower_text);
CREATE TABLE IF NOT EXISTS entity_tokens (token TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (token, key));
INSERT INTO meta (key, value) VALUES ('entity_index', 'pending') ON CONFLICT (key) DO NOTHING;

-- Version 2: the search vectors move to a narrow table of their own, stored inline.
-- Ranking reads the vector of every matching article; in `articles` those vectors sat among wide
-- rows and were often TOASTed (one extra index lookup each). Here a heap page holds only vectors,
-- kept in the row (compressed) up to a page: two-word searches over 100k articles took about half
-- the time (bench/bench_scale.py). Existing vectors are moved, not recomputed.
CREATE TABLE IF NOT EXISTS article_search (
    rowid BIGINT PRIMARY KEY,
    fts TSVECTOR NOT NULL
) WITH (toast_tuple_target = 8160);
ALTER TABLE article_search ALTER COLUMN fts SET STORAGE MAIN;
INSERT INTO article_search (rowid, fts) SELECT rowid, fts FROM articles ON CONFLICT (rowid) DO NOTHING;
DROP INDEX IF EXISTS articles_fts;
ALTER TABLE articles DROP COLUMN IF EXISTS fts;
CREATE INDEX IF NOT EXISTS article_search_fts ON article_search USING GIN (fts);

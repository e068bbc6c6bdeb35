-- Version 4: `article_search` split into partitions of 50,000 rowids (PARTITION_ROWS in
-- store/postgres.py), each with its own GIN index, and `warta_search_newest` reading them newest
-- first. A search matching more than RANK_CAP articles ranks the newest RANK_CAP matches and counts
-- up to COUNT_CAP (store/query.py). On one table both meant reading far more than that: a GIN bitmap
-- of every match of both words, or a backward walk of the primary key testing every row (190k rows
-- of ~1.8 kB for a pair of words found in 2-4% of 1M articles). Per partition, a broad search reads
-- only the newest partitions' index entries and rows. Existing vectors are moved, not recomputed.
ALTER TABLE article_search RENAME TO article_search_v2;
ALTER INDEX article_search_pkey RENAME TO article_search_v2_pkey;
ALTER INDEX IF EXISTS article_search_fts RENAME TO article_search_v2_fts;

CREATE TABLE article_search (
    rowid BIGINT NOT NULL PRIMARY KEY,
    fts TSVECTOR NOT NULL
) PARTITION BY RANGE (rowid);
ALTER TABLE article_search ALTER COLUMN fts SET STORAGE MAIN;

-- The partitions' bounds, for warta_search_newest (cheaper to read than the catalog's text form).
CREATE TABLE article_search_parts (lo BIGINT PRIMARY KEY, hi BIGINT NOT NULL);

-- The partition for rowids [lo, hi), made if missing (callers hold an advisory lock: see
-- PostgresStore._ensure_partitions). Created apart and attached: attaching takes a weaker lock on
-- `article_search` than CREATE TABLE ... PARTITION OF, so searches and writers keep going.
CREATE OR REPLACE FUNCTION warta_search_partition(lo BIGINT, hi BIGINT) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    part TEXT := 'article_search_' || lo;
BEGIN
    IF to_regclass(part) IS NULL THEN
        EXECUTE format('CREATE TABLE %I (LIKE article_search INCLUDING STORAGE) WITH (toast_tuple_target = 8160)', part);
        EXECUTE format('ALTER TABLE article_search ATTACH PARTITION %I FOR VALUES FROM (%s) TO (%s)', part, lo, hi);
        INSERT INTO article_search_parts VALUES (lo, hi);
    END IF;
END $$;

SELECT warta_search_partition(k * 50000, (k + 1) * 50000)
FROM generate_series(0, (SELECT max(rowid) FROM article_search_v2) / 50000) AS k;
INSERT INTO article_search (rowid, fts) SELECT rowid, fts FROM article_search_v2;
CREATE INDEX article_search_fts ON article_search USING GIN (fts);
DROP TABLE article_search_v2;
ANALYZE article_search;

-- The matches of `q` in the newest partitions holding at least rank_cap of them (or in all), ranked
-- with ts_rank(weights, fts, q, norm): one row (hit, score, NULL) each; then one row (NULL, NULL,
-- matches) with the number of matches, counted on through older partitions up to count_cap + 1.
-- Every partition ranked is read whole, so the newest rank_cap rows returned are the newest
-- rank_cap matches of the table. How many partitions one statement reads is guessed from the
-- matches per row seen so far: rare words, all the rest at once; common words, one or a few.
CREATE OR REPLACE FUNCTION warta_search_newest(q TSQUERY, weights REAL[], norm INTEGER, rank_cap INTEGER,
                                               count_cap INTEGER)
RETURNS TABLE (hit BIGINT, score REAL, matches BIGINT)
LANGUAGE plpgsql STABLE
-- Per partition the estimates are good and a bitmap scan reads only matching rows; a sequential
-- scan would test every row of a partition (the planner prices the @@ test far too low).
SET enable_seqscan = off
-- Compiling a plan costs more than these statements take.
SET jit = off
-- Prefetching (effective_io_concurrency) looks every page up twice in the buffer table: 11% of the
-- time of a search whose pages are in memory, and nothing to gain from it when they are.
SET effective_io_concurrency = 0
-- One backend per search: its time is the search's cost (and the second core serves another user).
SET max_parallel_workers_per_gather = 0
AS $$
DECLARE
    los BIGINT[];
    his BIGINT[];
    parts INTEGER;
    newest BIGINT;
    i INTEGER := 1;   -- the next partition to read, newest first
    j INTEGER;
    got BIGINT := 0;  -- matches read so far
    need BIGINT;
    n BIGINT;
    per_part FLOAT8;
    stmt TEXT;
BEGIN
    SELECT array_agg(p.lo ORDER BY p.lo DESC), array_agg(p.hi ORDER BY p.lo DESC) INTO los, his
      FROM article_search_parts p;
    parts := coalesce(array_length(los, 1), 0);
    SELECT max(s.rowid) INTO newest FROM article_search s;
    WHILE i <= parts AND (got < rank_cap OR got <= count_cap) LOOP
        need := CASE WHEN got < rank_cap THEN rank_cap - got ELSE count_cap + 1 - got END;
        j := i;
        IF i = 1 THEN
            -- At least a whole partition's worth of rows (the newest is often nearly empty).
            WHILE j < parts AND newest - los[j] + 1 < his[j] - los[j] LOOP
                j := j + 1;
            END LOOP;
        ELSE
            per_part := got::FLOAT8 / greatest(newest - los[i - 1] + 1, 1) * (his[i] - los[i]);
            IF per_part <= 0 THEN
                j := parts;
            ELSIF got < rank_cap THEN
                -- Ranking: too few partitions cost one more statement, too many rank surplus rows.
                j := least(parts, i + greatest(floor(0.8 * need / per_part)::INTEGER, 1) - 1);
            ELSE
                -- Counting stops at its LIMIT: surplus partitions are planned but not read.
                j := least(parts, i + ceil(1.5 * need / per_part)::INTEGER - 1);
            END IF;
        END IF;
        -- The partitions by name, newest first, not `article_search` with a rowid range: planning
        -- a range over the parent weighs bitmap-ANDs with the primary key in every partition
        -- (0.27 ms a partition against 0.07 ms).
        IF got < rank_cap THEN
            SELECT string_agg(format('SELECT s.rowid, ts_rank($2, s.fts, $1, $3), NULL::BIGINT FROM %I s '
                                     'WHERE s.fts @@ $1', 'article_search_' || los[k]), ' UNION ALL ' ORDER BY k)
              INTO stmt FROM generate_series(i, j) k;
            RETURN QUERY EXECUTE stmt USING q, weights, norm;
            GET DIAGNOSTICS n = ROW_COUNT;
        ELSE
            SELECT string_agg(format('SELECT 1 FROM %I s WHERE s.fts @@ $1', 'article_search_' || los[k]),
                              ' UNION ALL ' ORDER BY k)
              INTO stmt FROM generate_series(i, j) k;
            EXECUTE format('SELECT count(*) FROM (%s LIMIT %s) t', stmt, need) INTO n USING q;
        END IF;
        got := got + n;
        i := j + 1;
    END LOOP;
    RETURN QUERY SELECT NULL::BIGINT, NULL::REAL, got;
END $$;

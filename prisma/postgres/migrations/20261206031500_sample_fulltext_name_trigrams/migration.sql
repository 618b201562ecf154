-- Name patterns with a leading wildcard (name:*PHYSLITE*_tid*): a trigram index on the lower-cased name
-- finds the candidate rows, where the btree indexes can only serve patterns with a literal start.
-- (The full-text sample indexes SQLite gains in this migration exist here since search_indexes.)
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Did_name_lower_trgm_idx" ON "Did" USING GIN (lower("name" COLLATE "C") gin_trgm_ops);

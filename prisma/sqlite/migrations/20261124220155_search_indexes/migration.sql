-- DropIndex
DROP INDEX "Did_name_idx";

-- DropIndex
DROP INDEX "Did_bytes_idx";

-- DropIndex
DROP INDEX "Did_rucioCreatedAt_idx";

-- CreateIndex
CREATE INDEX "Did_rucioCreatedAt_id_idx" ON "Did"("rucioCreatedAt", "id");

-- CreateIndex
CREATE INDEX "Did_bytes_id_idx" ON "Did"("bytes", "id");

-- CreateIndex
CREATE INDEX "Did_name_id_idx" ON "Did"("name", "id");

-- Raw SQL below: indexes for catalog search (portal/server/catalog/search) that Prisma cannot declare.
-- Its migration diff leaves expression indexes alone.

-- field:value matches ignoring ASCII case: the search compares lower(column), SQLite's ASCII-only lower().
CREATE INDEX "Did_scope_lower_idx" ON "Did"(lower("scope"));
CREATE INDEX "Did_project_lower_idx" ON "Did"(lower("project"));
CREATE INDEX "Did_datatype_lower_idx" ON "Did"(lower("datatype"));
CREATE INDEX "Did_streamName_lower_idx" ON "Did"(lower("streamName"));
CREATE INDEX "Did_version_lower_idx" ON "Did"(lower("version"));
CREATE INDEX "Did_campaign_lower_idx" ON "Did"(lower("campaign"));
CREATE INDEX "Did_name_lower_idx" ON "Did"(lower("name"));

-- Relevance order after exact-name matches: shorter names first, then name, then id (the rowid).
CREATE INDEX "Did_name_length_idx" ON "Did"(length("name"), "name");

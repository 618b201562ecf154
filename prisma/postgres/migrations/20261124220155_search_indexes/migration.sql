-- DropIndex
DROP INDEX "Did_bytes_idx";

-- DropIndex
DROP INDEX "Did_name_idx";

-- DropIndex
DROP INDEX "Did_rucioCreatedAt_idx";

-- CreateIndex
CREATE INDEX "Did_rucioCreatedAt_id_idx" ON "Did"("rucioCreatedAt", "id");

-- CreateIndex
CREATE INDEX "Did_bytes_id_idx" ON "Did"("bytes", "id");

-- CreateIndex
CREATE INDEX "Did_name_id_idx" ON "Did"("name" COLLATE "C", "id");

-- Raw SQL below: indexes for catalog search (portal/server/catalog/search) that Prisma cannot declare.
-- Its migration diff leaves expression and partial indexes alone. The name order above and the lower()
-- expressions use the "C" collation: byte order and ASCII-only case folding, exactly as SQLite does.

-- field:value matches ignoring ASCII case.
CREATE INDEX "Did_scope_lower_idx" ON "Did"(lower("scope" COLLATE "C"));
CREATE INDEX "Did_project_lower_idx" ON "Did"(lower("project" COLLATE "C"));
CREATE INDEX "Did_datatype_lower_idx" ON "Did"(lower("datatype" COLLATE "C"));
CREATE INDEX "Did_streamName_lower_idx" ON "Did"(lower("streamName" COLLATE "C"));
CREATE INDEX "Did_version_lower_idx" ON "Did"(lower("version" COLLATE "C"));
CREATE INDEX "Did_campaign_lower_idx" ON "Did"(lower("campaign" COLLATE "C"));
CREATE INDEX "Did_name_lower_idx" ON "Did"(lower("name" COLLATE "C"));

-- Relevance order after exact-name matches: shorter names first, then name, then id.
CREATE INDEX "Did_name_length_idx" ON "Did"(length("name"), "name" COLLATE "C", "id");

-- Fixed samples of the catalog (every 64th and 1024th id): full-text and covering indexes over them, from
-- which the facet counts and totals of large result sets are estimated without reading every match.
CREATE INDEX "Did_search_sample64_idx" ON "Did" USING GIN (to_tsvector('simple', "searchText")) WHERE "id" % 64 = 0;
CREATE INDEX "Did_search_sample1024_idx" ON "Did" USING GIN (to_tsvector('simple', "searchText")) WHERE "id" % 1024 = 0;
CREATE INDEX "Did_sample64_idx" ON "Did"("id") INCLUDE ("instance", "scope", "didType", "project", "datatype", "streamName", "prodStep", "version", "campaign", "account", "runNumber", "events", "bytes", "length", "rucioCreatedAt", "name") WHERE "id" % 64 = 0;
CREATE INDEX "Did_sample1024_idx" ON "Did"("id") INCLUDE ("instance", "scope", "didType", "project", "datatype", "streamName", "prodStep", "version", "campaign", "account", "runNumber", "events", "bytes", "length", "rucioCreatedAt", "name") WHERE "id" % 1024 = 0;

-- The change log watched searches read (model DidChange). Only while somebody watches: with no watch,
-- indexing writes nothing more than before. An update is logged only when a column a query can test
-- changed, and "previous" holds those columns as they were.
-- The body is an escape string with each semicolon written as \073: Prisma's PostgreSQL driver adapter,
-- which applies migrations where the native schema engine is unavailable, cuts scripts at every semicolon.
CREATE FUNCTION "did_change_log"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
    INSERT INTO "DidChange" ("didId", "previous")
    SELECT NEW."id", CASE WHEN TG_OP = ''UPDATE'' THEN jsonb_build_object(
        ''searchText'', OLD."searchText", ''didType'', OLD."didType", ''bytes'', OLD."bytes", ''length'', OLD."length",
        ''events'', OLD."events", ''rucioCreatedAt'', OLD."rucioCreatedAt", ''account'', OLD."account",
        ''project'', OLD."project", ''datatype'', OLD."datatype", ''runNumber'', OLD."runNumber",
        ''streamName'', OLD."streamName", ''prodStep'', OLD."prodStep", ''version'', OLD."version",
        ''campaign'', OLD."campaign") END
    WHERE EXISTS (SELECT 1 FROM "Watch")\073
    RETURN NULL\073
END';

CREATE TRIGGER "Did_change_insert" AFTER INSERT ON "Did" FOR EACH ROW EXECUTE FUNCTION "did_change_log"();

CREATE TRIGGER "Did_change_update" AFTER UPDATE ON "Did" FOR EACH ROW
WHEN (OLD."searchText" IS DISTINCT FROM NEW."searchText" OR OLD."didType" IS DISTINCT FROM NEW."didType"
    OR OLD."bytes" IS DISTINCT FROM NEW."bytes" OR OLD."length" IS DISTINCT FROM NEW."length"
    OR OLD."events" IS DISTINCT FROM NEW."events" OR OLD."rucioCreatedAt" IS DISTINCT FROM NEW."rucioCreatedAt"
    OR OLD."account" IS DISTINCT FROM NEW."account" OR OLD."project" IS DISTINCT FROM NEW."project"
    OR OLD."datatype" IS DISTINCT FROM NEW."datatype" OR OLD."runNumber" IS DISTINCT FROM NEW."runNumber"
    OR OLD."streamName" IS DISTINCT FROM NEW."streamName" OR OLD."prodStep" IS DISTINCT FROM NEW."prodStep"
    OR OLD."version" IS DISTINCT FROM NEW."version" OR OLD."campaign" IS DISTINCT FROM NEW."campaign")
EXECUTE FUNCTION "did_change_log"();

-- meta.KEY queries test the metadata document: the change log also records an update of "meta", with
-- the document as it was. The body is an escape string with each semicolon written as \073 (see the
-- did_change_log migration).
CREATE OR REPLACE FUNCTION "did_change_log"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
    INSERT INTO "DidChange" ("didId", "previous")
    SELECT NEW."id", CASE WHEN TG_OP = ''UPDATE'' THEN jsonb_build_object(
        ''searchText'', OLD."searchText", ''didType'', OLD."didType", ''bytes'', OLD."bytes", ''length'', OLD."length",
        ''events'', OLD."events", ''rucioCreatedAt'', OLD."rucioCreatedAt", ''account'', OLD."account",
        ''project'', OLD."project", ''datatype'', OLD."datatype", ''runNumber'', OLD."runNumber",
        ''streamName'', OLD."streamName", ''prodStep'', OLD."prodStep", ''version'', OLD."version",
        ''campaign'', OLD."campaign", ''meta'', OLD."meta") END
    WHERE EXISTS (SELECT 1 FROM "Watch")\073
    RETURN NULL\073
END';

DROP TRIGGER "Did_change_update" ON "Did";

CREATE TRIGGER "Did_change_update" AFTER UPDATE ON "Did" FOR EACH ROW
WHEN (OLD."searchText" IS DISTINCT FROM NEW."searchText" OR OLD."didType" IS DISTINCT FROM NEW."didType"
    OR OLD."bytes" IS DISTINCT FROM NEW."bytes" OR OLD."length" IS DISTINCT FROM NEW."length"
    OR OLD."events" IS DISTINCT FROM NEW."events" OR OLD."rucioCreatedAt" IS DISTINCT FROM NEW."rucioCreatedAt"
    OR OLD."account" IS DISTINCT FROM NEW."account" OR OLD."project" IS DISTINCT FROM NEW."project"
    OR OLD."datatype" IS DISTINCT FROM NEW."datatype" OR OLD."runNumber" IS DISTINCT FROM NEW."runNumber"
    OR OLD."streamName" IS DISTINCT FROM NEW."streamName" OR OLD."prodStep" IS DISTINCT FROM NEW."prodStep"
    OR OLD."version" IS DISTINCT FROM NEW."version" OR OLD."campaign" IS DISTINCT FROM NEW."campaign"
    OR OLD."meta" IS DISTINCT FROM NEW."meta")
EXECUTE FUNCTION "did_change_log"();

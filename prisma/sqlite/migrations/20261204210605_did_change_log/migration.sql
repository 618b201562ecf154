-- The change log watched searches read (model DidChange). Only while somebody watches: with no watch,
-- indexing writes nothing more than before. An update is logged only when a column a query can test
-- changed, and "previous" holds those columns as they were.
CREATE TRIGGER "Did_change_insert" AFTER INSERT ON "Did"
WHEN EXISTS (SELECT 1 FROM "Watch")
BEGIN
    INSERT INTO "DidChange" ("didId", "previous") VALUES (new."id", NULL);
END;

CREATE TRIGGER "Did_change_update" AFTER UPDATE ON "Did"
WHEN EXISTS (SELECT 1 FROM "Watch") AND (
       old."searchText" IS NOT new."searchText" OR old."didType" IS NOT new."didType"
    OR old."bytes" IS NOT new."bytes" OR old."length" IS NOT new."length" OR old."events" IS NOT new."events"
    OR old."rucioCreatedAt" IS NOT new."rucioCreatedAt" OR old."account" IS NOT new."account"
    OR old."project" IS NOT new."project" OR old."datatype" IS NOT new."datatype"
    OR old."runNumber" IS NOT new."runNumber" OR old."streamName" IS NOT new."streamName"
    OR old."prodStep" IS NOT new."prodStep" OR old."version" IS NOT new."version"
    OR old."campaign" IS NOT new."campaign")
BEGIN
    INSERT INTO "DidChange" ("didId", "previous") VALUES (new."id", json_object(
        'searchText', old."searchText", 'didType', old."didType", 'bytes', old."bytes", 'length', old."length",
        'events', old."events", 'rucioCreatedAt', old."rucioCreatedAt", 'account', old."account",
        'project', old."project", 'datatype', old."datatype", 'runNumber', old."runNumber",
        'streamName', old."streamName", 'prodStep', old."prodStep", 'version', old."version",
        'campaign', old."campaign"));
END;

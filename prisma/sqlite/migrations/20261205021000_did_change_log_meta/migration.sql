-- meta.KEY queries test the metadata document: the change log also records an update of "meta", with
-- the document as it was.
DROP TRIGGER "Did_change_update";

CREATE TRIGGER "Did_change_update" AFTER UPDATE ON "Did"
WHEN EXISTS (SELECT 1 FROM "Watch") AND (
       old."searchText" IS NOT new."searchText" OR old."didType" IS NOT new."didType"
    OR old."bytes" IS NOT new."bytes" OR old."length" IS NOT new."length" OR old."events" IS NOT new."events"
    OR old."rucioCreatedAt" IS NOT new."rucioCreatedAt" OR old."account" IS NOT new."account"
    OR old."project" IS NOT new."project" OR old."datatype" IS NOT new."datatype"
    OR old."runNumber" IS NOT new."runNumber" OR old."streamName" IS NOT new."streamName"
    OR old."prodStep" IS NOT new."prodStep" OR old."version" IS NOT new."version"
    OR old."campaign" IS NOT new."campaign" OR old."meta" IS NOT new."meta")
BEGIN
    INSERT INTO "DidChange" ("didId", "previous") VALUES (new."id", json_object(
        'searchText', old."searchText", 'didType', old."didType", 'bytes', old."bytes", 'length', old."length",
        'events', old."events", 'rucioCreatedAt', old."rucioCreatedAt", 'account', old."account",
        'project', old."project", 'datatype', old."datatype", 'runNumber', old."runNumber",
        'streamName', old."streamName", 'prodStep', old."prodStep", 'version', old."version",
        'campaign', old."campaign", 'meta', json(old."meta")));
END;

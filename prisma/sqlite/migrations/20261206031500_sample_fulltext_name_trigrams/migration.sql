-- Full-text index over the fixed sample of the catalog (every 64th id), which large result sets are
-- counted and located on (portal/server/catalog/search/hits.ts): matching it reads 1/64 of the postings
-- the whole index holds. Contentless (the text is in "Did"), kept in step by triggers on sample rows.
CREATE VIRTUAL TABLE "DidSearchSample" USING fts5(
    "searchText",
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3 4'
);

INSERT INTO "DidSearchSample" (rowid, "searchText") SELECT "id", "searchText" FROM "Did" WHERE "id" % 64 = 0;

CREATE TRIGGER "Did_search_sample_insert" AFTER INSERT ON "Did" WHEN new."id" % 64 = 0 BEGIN
    INSERT INTO "DidSearchSample" (rowid, "searchText") VALUES (new."id", new."searchText");
END;

CREATE TRIGGER "Did_search_sample_delete" AFTER DELETE ON "Did" WHEN old."id" % 64 = 0 BEGIN
    DELETE FROM "DidSearchSample" WHERE rowid = old."id";
END;

CREATE TRIGGER "Did_search_sample_update" AFTER UPDATE OF "searchText" ON "Did" WHEN new."id" % 64 = 0 BEGIN
    DELETE FROM "DidSearchSample" WHERE rowid = old."id";
    INSERT INTO "DidSearchSample" (rowid, "searchText") VALUES (new."id", new."searchText");
END;

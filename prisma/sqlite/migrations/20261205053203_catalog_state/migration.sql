-- CreateTable
CREATE TABLE "CatalogState" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- The one row every indexer transaction that changes DIDs raises.
INSERT INTO "CatalogState" ("id", "version") VALUES (1, 0);

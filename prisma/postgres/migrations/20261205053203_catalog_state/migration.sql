-- CreateTable
CREATE TABLE "CatalogState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CatalogState_pkey" PRIMARY KEY ("id")
);

-- The one row every indexer transaction that changes DIDs raises.
INSERT INTO "CatalogState" ("id", "version") VALUES (1, 0);

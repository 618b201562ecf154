-- CreateTable
CREATE TABLE "DidLoad" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "instance" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "loadedAt" DATETIME NOT NULL,
    "didCount" INTEGER NOT NULL,
    "rows" TEXT NOT NULL,
    CONSTRAINT "DidLoad_instance_scope_fkey" FOREIGN KEY ("instance", "scope") REFERENCES "Scope" ("instance", "name") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DidLoad_instance_scope_id_idx" ON "DidLoad"("instance", "scope", "id");

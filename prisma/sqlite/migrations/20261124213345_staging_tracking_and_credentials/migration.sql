-- CreateTable
CREATE TABLE "RucioCredential" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "instance" TEXT NOT NULL,
    "account" TEXT,
    "kind" TEXT NOT NULL,
    "tokenCiphertext" TEXT,
    "tokenExpiresAt" DATETIME,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RucioCredential_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_StagingRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "instance" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'QUEUED',
    "filesDone" INTEGER NOT NULL DEFAULT 0,
    "filesTotal" INTEGER,
    "bytesDone" BIGINT NOT NULL DEFAULT 0,
    "bytesTotal" BIGINT,
    "ruleId" TEXT,
    "error" TEXT,
    "progressTokenHash" TEXT,
    "progressTokenExpiresAt" DATETIME,
    "trackerLeaseOwner" TEXT,
    "trackerLeaseUntil" DATETIME,
    "nextCheckAt" DATETIME,
    "checkFailures" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "StagingRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StagingRequest_instance_fkey" FOREIGN KEY ("instance") REFERENCES "RucioInstance" ("name") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_StagingRequest" ("account", "bytesDone", "bytesTotal", "createdAt", "destination", "error", "filesDone", "filesTotal", "finishedAt", "id", "instance", "mode", "name", "progressTokenHash", "ruleId", "scope", "startedAt", "state", "updatedAt", "userId") SELECT "account", "bytesDone", "bytesTotal", "createdAt", "destination", "error", "filesDone", "filesTotal", "finishedAt", "id", "instance", "mode", "name", "progressTokenHash", "ruleId", "scope", "startedAt", "state", "updatedAt", "userId" FROM "StagingRequest";
DROP TABLE "StagingRequest";
ALTER TABLE "new_StagingRequest" RENAME TO "StagingRequest";
CREATE UNIQUE INDEX "StagingRequest_progressTokenHash_key" ON "StagingRequest"("progressTokenHash");
CREATE INDEX "StagingRequest_userId_createdAt_idx" ON "StagingRequest"("userId", "createdAt");
CREATE INDEX "StagingRequest_state_idx" ON "StagingRequest"("state");
CREATE INDEX "StagingRequest_instance_ruleId_idx" ON "StagingRequest"("instance", "ruleId");
CREATE INDEX "StagingRequest_state_nextCheckAt_idx" ON "StagingRequest"("state", "nextCheckAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RucioCredential_userId_idx" ON "RucioCredential"("userId");

-- CreateIndex
CREATE INDEX "RucioCredential_expiresAt_idx" ON "RucioCredential"("expiresAt");

-- CreateTable
CREATE TABLE "DidChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "didId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "previous" JSONB
);

-- CreateTable
CREATE TABLE "Watch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "sort" TEXT NOT NULL,
    "evaluatedThrough" INTEGER NOT NULL DEFAULT 0,
    "lastViewedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "feedTokenHash" TEXT,
    "autoStageMode" TEXT,
    "autoStageDestination" TEXT,
    "autoStageLimit" INTEGER NOT NULL DEFAULT 5,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Watch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WatchMatch" (
    "watchId" TEXT NOT NULL,
    "didId" INTEGER NOT NULL,
    "matchedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stagingRequestId" TEXT,
    "autoStageNote" TEXT,

    PRIMARY KEY ("watchId", "didId"),
    CONSTRAINT "WatchMatch_watchId_fkey" FOREIGN KEY ("watchId") REFERENCES "Watch" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WatchMatch_didId_fkey" FOREIGN KEY ("didId") REFERENCES "Did" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WatchMatch_stagingRequestId_fkey" FOREIGN KEY ("stagingRequestId") REFERENCES "StagingRequest" ("id") ON DELETE SET NULL ON UPDATE CASCADE
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
    "estimatedSeconds" INTEGER,
    "estimateConfidence" TEXT,
    "watchId" TEXT,
    CONSTRAINT "StagingRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StagingRequest_instance_fkey" FOREIGN KEY ("instance") REFERENCES "RucioInstance" ("name") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StagingRequest_watchId_fkey" FOREIGN KEY ("watchId") REFERENCES "Watch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_StagingRequest" ("account", "bytesDone", "bytesTotal", "checkFailures", "createdAt", "destination", "error", "filesDone", "filesTotal", "finishedAt", "id", "instance", "mode", "name", "nextCheckAt", "progressTokenExpiresAt", "progressTokenHash", "ruleId", "scope", "startedAt", "state", "trackerLeaseOwner", "trackerLeaseUntil", "updatedAt", "userId") SELECT "account", "bytesDone", "bytesTotal", "checkFailures", "createdAt", "destination", "error", "filesDone", "filesTotal", "finishedAt", "id", "instance", "mode", "name", "nextCheckAt", "progressTokenExpiresAt", "progressTokenHash", "ruleId", "scope", "startedAt", "state", "trackerLeaseOwner", "trackerLeaseUntil", "updatedAt", "userId" FROM "StagingRequest";
DROP TABLE "StagingRequest";
ALTER TABLE "new_StagingRequest" RENAME TO "StagingRequest";
CREATE UNIQUE INDEX "StagingRequest_progressTokenHash_key" ON "StagingRequest"("progressTokenHash");
CREATE INDEX "StagingRequest_userId_createdAt_idx" ON "StagingRequest"("userId", "createdAt");
CREATE INDEX "StagingRequest_state_idx" ON "StagingRequest"("state");
CREATE INDEX "StagingRequest_instance_ruleId_idx" ON "StagingRequest"("instance", "ruleId");
CREATE INDEX "StagingRequest_state_nextCheckAt_idx" ON "StagingRequest"("state", "nextCheckAt");
CREATE INDEX "StagingRequest_watchId_idx" ON "StagingRequest"("watchId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "DidChange_didId_idx" ON "DidChange"("didId");

-- CreateIndex
CREATE UNIQUE INDEX "Watch_feedTokenHash_key" ON "Watch"("feedTokenHash");

-- CreateIndex
CREATE INDEX "Watch_userId_idx" ON "Watch"("userId");

-- CreateIndex
CREATE INDEX "Watch_evaluatedThrough_idx" ON "Watch"("evaluatedThrough");

-- CreateIndex
CREATE INDEX "WatchMatch_watchId_matchedAt_idx" ON "WatchMatch"("watchId", "matchedAt");

-- CreateIndex
CREATE INDEX "WatchMatch_didId_idx" ON "WatchMatch"("didId");

-- CreateIndex
CREATE INDEX "WatchMatch_stagingRequestId_idx" ON "WatchMatch"("stagingRequestId");

-- CreateTable
CREATE TABLE "RucioInstance" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "vo" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Scope" (
    "instance" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "account" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("instance", "name"),
    CONSTRAINT "Scope_instance_fkey" FOREIGN KEY ("instance") REFERENCES "RucioInstance" ("name") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Did" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "instance" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "didType" TEXT NOT NULL,
    "bytes" BIGINT,
    "length" INTEGER,
    "rucioCreatedAt" DATETIME,
    "rucioUpdatedAt" DATETIME,
    "account" TEXT,
    "availability" TEXT,
    "meta" JSONB,
    "project" TEXT,
    "datatype" TEXT,
    "runNumber" INTEGER,
    "streamName" TEXT,
    "prodStep" TEXT,
    "version" TEXT,
    "campaign" TEXT,
    "events" BIGINT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "indexedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Did_instance_scope_fkey" FOREIGN KEY ("instance", "scope") REFERENCES "Scope" ("instance", "name") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IndexCheckpoint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "instance" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'IDLE',
    "cursor" TEXT,
    "lastRucioUpdatedAt" DATETIME,
    "didsSeen" INTEGER NOT NULL DEFAULT 0,
    "didsWritten" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "lastFullSweepAt" DATETIME,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "IndexCheckpoint_instance_scope_fkey" FOREIGN KEY ("instance", "scope") REFERENCES "Scope" ("instance", "name") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "email" TEXT,
    "emailVerified" DATETIME,
    "image" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,
    CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionToken" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expires" DATETIME NOT NULL,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "StagingRequest" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "StagingRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StagingRequest_instance_fkey" FOREIGN KEY ("instance") REFERENCES "RucioInstance" ("name") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StagingEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requestId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "message" TEXT,
    "data" JSONB,
    CONSTRAINT "StagingEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "StagingRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Did_didType_idx" ON "Did"("didType");

-- CreateIndex
CREATE INDEX "Did_project_idx" ON "Did"("project");

-- CreateIndex
CREATE INDEX "Did_datatype_idx" ON "Did"("datatype");

-- CreateIndex
CREATE INDEX "Did_runNumber_idx" ON "Did"("runNumber");

-- CreateIndex
CREATE INDEX "Did_streamName_idx" ON "Did"("streamName");

-- CreateIndex
CREATE INDEX "Did_prodStep_idx" ON "Did"("prodStep");

-- CreateIndex
CREATE INDEX "Did_version_idx" ON "Did"("version");

-- CreateIndex
CREATE INDEX "Did_campaign_idx" ON "Did"("campaign");

-- CreateIndex
CREATE INDEX "Did_rucioCreatedAt_idx" ON "Did"("rucioCreatedAt");

-- CreateIndex
CREATE INDEX "Did_bytes_idx" ON "Did"("bytes");

-- CreateIndex
CREATE INDEX "Did_name_idx" ON "Did"("name");

-- CreateIndex
CREATE INDEX "Did_instance_scope_lastSeenAt_idx" ON "Did"("instance", "scope", "lastSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "Did_instance_scope_name_key" ON "Did"("instance", "scope", "name");

-- CreateIndex
CREATE UNIQUE INDEX "IndexCheckpoint_instance_scope_key" ON "IndexCheckpoint"("instance", "scope");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Account_userId_idx" ON "Account"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_sessionToken_key" ON "Session"("sessionToken");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_token_key" ON "VerificationToken"("token");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_identifier_token_key" ON "VerificationToken"("identifier", "token");

-- CreateIndex
CREATE UNIQUE INDEX "StagingRequest_progressTokenHash_key" ON "StagingRequest"("progressTokenHash");

-- CreateIndex
CREATE INDEX "StagingRequest_userId_createdAt_idx" ON "StagingRequest"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "StagingRequest_state_idx" ON "StagingRequest"("state");

-- CreateIndex
CREATE INDEX "StagingRequest_instance_ruleId_idx" ON "StagingRequest"("instance", "ruleId");

-- CreateIndex
CREATE INDEX "StagingEvent_requestId_at_idx" ON "StagingEvent"("requestId", "at");

-- Full-text index (raw SQL, as Prisma has no FTS5). External-content FTS5 table over "Did"."searchText",
-- kept in step by triggers. detail=full keeps token positions for phrase queries, prefix indexes make
-- `term*` cheap. unicode61 splits exactly where portal/server/catalog/search-text.ts does.
CREATE VIRTUAL TABLE "DidSearch" USING fts5(
    "searchText",
    content = 'Did',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3 4'
);

CREATE TRIGGER "Did_search_insert" AFTER INSERT ON "Did" BEGIN
    INSERT INTO "DidSearch" (rowid, "searchText") VALUES (new."id", new."searchText");
END;

CREATE TRIGGER "Did_search_delete" AFTER DELETE ON "Did" BEGIN
    INSERT INTO "DidSearch" ("DidSearch", rowid, "searchText") VALUES ('delete', old."id", old."searchText");
END;

CREATE TRIGGER "Did_search_update" AFTER UPDATE OF "searchText" ON "Did" BEGIN
    INSERT INTO "DidSearch" ("DidSearch", rowid, "searchText") VALUES ('delete', old."id", old."searchText");
    INSERT INTO "DidSearch" (rowid, "searchText") VALUES (new."id", new."searchText");
END;

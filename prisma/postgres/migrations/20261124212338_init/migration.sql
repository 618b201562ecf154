-- CreateTable
CREATE TABLE "RucioInstance" (
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "vo" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RucioInstance_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Scope" (
    "instance" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "account" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Scope_pkey" PRIMARY KEY ("instance","name")
);

-- CreateTable
CREATE TABLE "Did" (
    "id" SERIAL NOT NULL,
    "instance" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "didType" TEXT NOT NULL,
    "bytes" BIGINT,
    "length" INTEGER,
    "rucioCreatedAt" TIMESTAMP(3),
    "rucioUpdatedAt" TIMESTAMP(3),
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
    "indexedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Did_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndexCheckpoint" (
    "id" SERIAL NOT NULL,
    "instance" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'IDLE',
    "cursor" TEXT,
    "lastRucioUpdatedAt" TIMESTAMP(3),
    "didsSeen" INTEGER NOT NULL DEFAULT 0,
    "didsWritten" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "lastFullSweepAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IndexCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "emailVerified" TIMESTAMP(3),
    "image" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
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

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "sessionToken" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL
);

-- CreateTable
CREATE TABLE "StagingRequest" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "StagingRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StagingEvent" (
    "id" SERIAL NOT NULL,
    "requestId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "message" TEXT,
    "data" JSONB,

    CONSTRAINT "StagingEvent_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Scope" ADD CONSTRAINT "Scope_instance_fkey" FOREIGN KEY ("instance") REFERENCES "RucioInstance"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Did" ADD CONSTRAINT "Did_instance_scope_fkey" FOREIGN KEY ("instance", "scope") REFERENCES "Scope"("instance", "name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndexCheckpoint" ADD CONSTRAINT "IndexCheckpoint_instance_scope_fkey" FOREIGN KEY ("instance", "scope") REFERENCES "Scope"("instance", "name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StagingRequest" ADD CONSTRAINT "StagingRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StagingRequest" ADD CONSTRAINT "StagingRequest_instance_fkey" FOREIGN KEY ("instance") REFERENCES "RucioInstance"("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StagingEvent" ADD CONSTRAINT "StagingEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "StagingRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text index (raw SQL, as Prisma cannot declare expression indexes). 'simple' = no stemming, no stop
-- words, so tokens stay exactly what portal/server/catalog/search-text.ts wrote, as in SQLite's FTS5.
CREATE INDEX "Did_searchText_fts_idx" ON "Did" USING GIN (to_tsvector('simple', "searchText"));

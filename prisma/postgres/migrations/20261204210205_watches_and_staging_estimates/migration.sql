-- AlterTable
ALTER TABLE "StagingRequest" ADD COLUMN     "estimateConfidence" TEXT,
ADD COLUMN     "estimatedSeconds" INTEGER,
ADD COLUMN     "watchId" TEXT;

-- CreateTable
CREATE TABLE "DidChange" (
    "id" SERIAL NOT NULL,
    "didId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "previous" JSONB,

    CONSTRAINT "DidChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Watch" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "sort" TEXT NOT NULL,
    "evaluatedThrough" INTEGER NOT NULL DEFAULT 0,
    "lastViewedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "feedTokenHash" TEXT,
    "autoStageMode" TEXT,
    "autoStageDestination" TEXT,
    "autoStageLimit" INTEGER NOT NULL DEFAULT 5,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Watch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WatchMatch" (
    "watchId" TEXT NOT NULL,
    "didId" INTEGER NOT NULL,
    "matchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stagingRequestId" TEXT,
    "autoStageNote" TEXT,

    CONSTRAINT "WatchMatch_pkey" PRIMARY KEY ("watchId","didId")
);

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

-- CreateIndex
CREATE INDEX "StagingRequest_watchId_idx" ON "StagingRequest"("watchId");

-- AddForeignKey
ALTER TABLE "StagingRequest" ADD CONSTRAINT "StagingRequest_watchId_fkey" FOREIGN KEY ("watchId") REFERENCES "Watch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Watch" ADD CONSTRAINT "Watch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WatchMatch" ADD CONSTRAINT "WatchMatch_watchId_fkey" FOREIGN KEY ("watchId") REFERENCES "Watch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WatchMatch" ADD CONSTRAINT "WatchMatch_didId_fkey" FOREIGN KEY ("didId") REFERENCES "Did"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WatchMatch" ADD CONSTRAINT "WatchMatch_stagingRequestId_fkey" FOREIGN KEY ("stagingRequestId") REFERENCES "StagingRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "StagingRequest" ADD COLUMN     "checkFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "nextCheckAt" TIMESTAMP(3),
ADD COLUMN     "progressTokenExpiresAt" TIMESTAMP(3),
ADD COLUMN     "trackerLeaseOwner" TEXT,
ADD COLUMN     "trackerLeaseUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RucioCredential" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "instance" TEXT NOT NULL,
    "account" TEXT,
    "kind" TEXT NOT NULL,
    "tokenCiphertext" TEXT,
    "tokenExpiresAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RucioCredential_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RucioCredential_userId_idx" ON "RucioCredential"("userId");

-- CreateIndex
CREATE INDEX "RucioCredential_expiresAt_idx" ON "RucioCredential"("expiresAt");

-- CreateIndex
CREATE INDEX "StagingRequest_state_nextCheckAt_idx" ON "StagingRequest"("state", "nextCheckAt");

-- AddForeignKey
ALTER TABLE "RucioCredential" ADD CONSTRAINT "RucioCredential_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

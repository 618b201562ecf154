-- AlterTable
ALTER TABLE "IndexCheckpoint" ADD COLUMN "lastRucioCreatedAt" DATETIME;
ALTER TABLE "IndexCheckpoint" ADD COLUMN "leaseExpiresAt" DATETIME;
ALTER TABLE "IndexCheckpoint" ADD COLUMN "leaseOwner" TEXT;

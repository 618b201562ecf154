-- AlterTable
ALTER TABLE "IndexCheckpoint" ADD COLUMN     "lastRucioCreatedAt" TIMESTAMP(3),
ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3),
ADD COLUMN     "leaseOwner" TEXT;

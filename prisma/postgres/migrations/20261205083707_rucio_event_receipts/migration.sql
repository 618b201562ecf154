-- CreateTable
CREATE TABLE "RucioEventReceipt" (
    "instance" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RucioEventReceipt_pkey" PRIMARY KEY ("instance","key")
);

-- CreateIndex
CREATE INDEX "RucioEventReceipt_receivedAt_idx" ON "RucioEventReceipt"("receivedAt");

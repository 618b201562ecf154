-- CreateTable
CREATE TABLE "RucioEventReceipt" (
    "instance" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("instance", "key")
);

-- CreateIndex
CREATE INDEX "RucioEventReceipt_receivedAt_idx" ON "RucioEventReceipt"("receivedAt");

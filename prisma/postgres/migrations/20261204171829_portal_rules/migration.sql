-- CreateTable
CREATE TABLE "PortalRule" (
    "instance" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdByRequestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedByPortalAt" TIMESTAMP(3),

    CONSTRAINT "PortalRule_pkey" PRIMARY KEY ("instance","ruleId")
);

-- CreateIndex
CREATE INDEX "PortalRule_userId_idx" ON "PortalRule"("userId");

-- CreateIndex
CREATE INDEX "PortalRule_createdByRequestId_idx" ON "PortalRule"("createdByRequestId");

-- AddForeignKey
ALTER TABLE "PortalRule" ADD CONSTRAINT "PortalRule_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortalRule" ADD CONSTRAINT "PortalRule_instance_fkey" FOREIGN KEY ("instance") REFERENCES "RucioInstance"("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortalRule" ADD CONSTRAINT "PortalRule_createdByRequestId_fkey" FOREIGN KEY ("createdByRequestId") REFERENCES "StagingRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

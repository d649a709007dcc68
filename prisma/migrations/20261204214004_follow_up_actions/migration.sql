-- CreateTable
CREATE TABLE "FollowUpAction" (
    "id" TEXT NOT NULL,
    "outcomeId" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "description" TEXT NOT NULL,
    "ownerOrgId" TEXT,
    "dueDate" DATE,
    "status" "FollowUpStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "deliverableId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FollowUpAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FollowUpAction_outcomeId_position_idx" ON "FollowUpAction"("outcomeId", "position");

-- CreateIndex
CREATE INDEX "FollowUpAction_status_dueDate_idx" ON "FollowUpAction"("status", "dueDate");

-- CreateIndex
CREATE INDEX "FollowUpAction_deliverableId_idx" ON "FollowUpAction"("deliverableId");

-- CreateIndex
CREATE INDEX "FollowUpAction_ownerOrgId_idx" ON "FollowUpAction"("ownerOrgId");

-- AddForeignKey
ALTER TABLE "FollowUpAction" ADD CONSTRAINT "FollowUpAction_outcomeId_fkey" FOREIGN KEY ("outcomeId") REFERENCES "Outcome"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpAction" ADD CONSTRAINT "FollowUpAction_ownerOrgId_fkey" FOREIGN KEY ("ownerOrgId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpAction" ADD CONSTRAINT "FollowUpAction_deliverableId_fkey" FOREIGN KEY ("deliverableId") REFERENCES "Deliverable"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Existing follow-up data: each outcome that has any (a status past "not
-- started", a due date, a note or a deliverable) gets one action carrying it:
-- the note (else the outcome's text) as what is to be done, the responsible
-- organisation as its owner. The outcome keeps its own fields.
INSERT INTO "FollowUpAction" ("id", "outcomeId", "position", "description", "ownerOrgId", "dueDate", "status", "deliverableId", "createdAt", "updatedAt")
SELECT 'fu_' || o."id", o."id", 0, COALESCE(NULLIF(o."followUpNote", ''), o."text"), o."responsibleOrgId", o."dueDate", o."followUpStatus", o."deliverableId", o."createdAt", CURRENT_TIMESTAMP
FROM "Outcome" o
WHERE o."followUpStatus" <> 'NOT_STARTED' OR o."dueDate" IS NOT NULL OR o."followUpNote" IS NOT NULL OR o."deliverableId" IS NOT NULL;

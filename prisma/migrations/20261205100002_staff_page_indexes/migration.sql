-- Indexes for the staff pages (issue 16, point 1; plans in docs/performance.md).

-- When an activity ends for the month calendar: its end (actual, else
-- planned) or its start when later or when it has no end (the calendar's
-- rule in monthActivities). Prisma's schema cannot say GENERATED;
-- prisma/schema.prisma documents that the column must never be written.
ALTER TABLE "Activity" ADD COLUMN "endsOn" DATE GENERATED ALWAYS AS (
  GREATEST(COALESCE("actualEnd", "plannedEnd"), COALESCE("actualStart", "plannedStart"))) STORED;
CREATE INDEX "Activity_endsOn_startsOn_idx" ON "Activity"("endsOn", "startsOn");

-- The overdue and due-soon deliverable counts (dashboard, home figures): index only.
DROP INDEX "Deliverable_status_dueDate_idx";
CREATE INDEX "Deliverable_status_dueDate_archivedAt_programmeId_idx" ON "Deliverable"("status", "dueDate", "archivedAt", "programmeId");

-- The dashboard's outcomes without follow-up, in the order it lists them.
DROP INDEX "Outcome_followUpStatus_idx";
CREATE INDEX "Outcome_followUpStatus_dueDate_createdAt_idx" ON "Outcome"("followUpStatus", "dueDate", "createdAt");

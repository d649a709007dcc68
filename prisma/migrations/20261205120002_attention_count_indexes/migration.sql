-- The dashboard's "needs attention" counts (issue 16, session 10;
-- docs/performance.md, "Staff dashboard: growth and cost per request").
-- Exact counts, so they read every row they count; these partial indexes
-- hold only the rows a panel can count, narrow enough that counting reads a
-- few index pages instead of the table (the conditions are the rules'
-- SQL forms in app/models/*-rules.server.ts, which the planner must be able
-- to match: change them together).

-- Open deliverables that are not archived, by due date: the overdue and due-soon counts.
CREATE INDEX "Deliverable_open_dueDate_idx" ON "Deliverable"("dueDate")
  WHERE "archivedAt" IS NULL AND "status" IN ('NOT_STARTED', 'IN_PROGRESS');

-- Outcomes whose follow-up has not started and that no deliverable carries,
-- in the order the dashboard lists them; with the id, the check for follow-up
-- actions needs nothing from the table.
CREATE INDEX "Outcome_without_follow_up_idx" ON "Outcome"("dueDate", "createdAt") INCLUDE ("id")
  WHERE "followUpStatus" = 'NOT_STARTED' AND "deliverableId" IS NULL AND "archivedAt" IS NULL;

-- Live agreements that have not ended, by expiry: the expiring count and its
-- renewals check. Not the expired ones: with them, the planner walked this
-- index backwards for the recently-expired list (2,163 buffers instead of 228).
CREATE INDEX "Agreement_live_expiresOn_idx" ON "Agreement"("expiresOn") INCLUDE ("id", "parentId", "status")
  WHERE "archivedAt" IS NULL AND "status" NOT IN ('EXPIRED', 'TERMINATED');

-- Live activities by start: the count of those starting this month.
CREATE INDEX "Activity_live_startsOn_idx" ON "Activity"("startsOn") WHERE "archivedAt" IS NULL;

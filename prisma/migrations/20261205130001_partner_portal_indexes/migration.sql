-- Issue 16, partner portal: a partner's overdue deliverables are counted per
-- programme (portfolioSummary, the portal's cards). With the programme first,
-- each count reads that programme's open deliverables due before today only;
-- the (status, dueDate, archivedAt, programmeId) index has the programme last
-- and made each programme's count read the whole portfolio's overdue range.
CREATE INDEX "Deliverable_programmeId_status_dueDate_idx" ON "Deliverable"("programmeId", "status", "dueDate");

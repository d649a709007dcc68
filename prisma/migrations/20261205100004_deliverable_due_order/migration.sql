-- The dashboard's overdue and due-soon lists (earliest due first, then by
-- title, five of each) read in index order and stop after five, instead of
-- reading every open deliverable due before today and sorting them
-- (issue 16; plans in docs/performance.md).
CREATE INDEX "Deliverable_dueDate_title_idx" ON "Deliverable"("dueDate", "title");

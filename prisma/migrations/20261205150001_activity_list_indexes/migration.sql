-- The staff activity list (issue 16, session 10; plans in docs/performance.md).
-- A page of 25 rows must read about 25 rows whatever the portfolio: each
-- index below matches a common filter and the list's sort, with the same
-- NULLS order as the ORDER BY Prisma emits for sort=start ("startsOn" DESC
-- NULLS LAST; ascending already has "Activity_startsOn_title_id_idx"). The
-- tie-breakers (title, id) are left out on purpose: PostgreSQL (and PGlite)
-- finish them with an incremental sort of the few rows that share a date,
-- and the narrow indexes also answer the list's exact COUNT by an
-- index-only scan (about 1/6 of the table's size). Partial on
-- "archivedAt" IS NULL: the list shows live records unless asked for the
-- archive, which is small and read through the other indexes.
-- Prisma's schema cannot express DESC NULLS LAST or a partial index;
-- prisma/schema.prisma names them in a comment.

-- No filter (the default page), and any filter the planner prefers to
-- answer by walking the dates; the unfiltered count reads it index-only.
CREATE INDEX "Activity_list_startsOn_idx" ON "Activity"("startsOn" DESC NULLS LAST) WHERE "archivedAt" IS NULL;

-- Kind and status (the dashboard's links, the bench's filtered list).
CREATE INDEX "Activity_list_kind_status_startsOn_idx" ON "Activity"("kind", "status", "startsOn" DESC NULLS LAST) WHERE "archivedAt" IS NULL;

-- Status alone (without it, the planner walks the date index for
-- status=COMPLETED past every future, planned activity: 4,547 buffers at
-- 330 programmes, against 41).
CREATE INDEX "Activity_list_status_startsOn_idx" ON "Activity"("status", "startsOn" DESC NULLS LAST) WHERE "archivedAt" IS NULL;

-- Country.
CREATE INDEX "Activity_list_countryCode_startsOn_idx" ON "Activity"("countryCode", "startsOn" DESC NULLS LAST) WHERE "archivedAt" IS NULL;

-- Sort by title, either way (a backward scan, then id within a title).
CREATE INDEX "Activity_list_title_idx" ON "Activity"("title") WHERE "archivedAt" IS NULL;

-- The dashboard calendar's month (issue 16, session 10; docs/performance.md,
-- "Staff dashboard: growth and cost per request").
--
-- An activity is on a month's calendar when its span [startsOn, endsOn]
-- overlaps the month. Neither btree on one end bounds that read: "endsOn >=
-- first" takes every later activity too, "startsOn <= last" every earlier
-- one. A GiST index on the span finds the overlapping activities only, and
-- carries what the calendar ranks them by (the span and the precision) and
-- what a scope filters on (programmeId), so counting and ranking a month's
-- activities reads the index alone (monthCalendar in
-- app/models/dashboard.server.ts states this index's predicate).
-- Prisma's schema cannot express an index on an expression; schema.prisma
-- names this one in a comment.
CREATE INDEX "Activity_calendar_span_idx" ON "Activity"
  USING gist (daterange("startsOn", "endsOn", '[]'))
  INCLUDE ("id", "startsOn", "endsOn", "datePrecision", "programmeId")
  WHERE "archivedAt" IS NULL AND "datePrecision" <> 'YEAR' AND "startsOn" IS NOT NULL;

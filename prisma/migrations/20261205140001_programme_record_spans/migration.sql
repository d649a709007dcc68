-- The span of a programme's records (issue 16, point 1; issue 14, item 10):
-- the earliest and latest date among its live records, which fills a
-- programme's missing dates everywhere (programmeFacts) and is the default
-- period of its reports and of the donor home's report forms
-- (programmeSpans). It was recomputed on every request from six tables (the
-- outcomes through their activities); it is an aggregate over the history,
-- so it is now a summary row kept with the others of ADR 0023
-- (20261205100001_programme_figures): a write marks its programme stale and
-- the deferred trigger recomputes the programme's rows at COMMIT.
--
-- One row per programme that has a dated live record (none otherwise, as
-- recordSpans answered before):
--   agreements       signed, effective, expiry            (live agreements)
--   activities       planned and actual start and end     (live activities)
--   deliverables     due date                             (live deliverables)
--   outcomes         due date                             (live outcomes of live activities)
--   funding lines    value, transaction and period dates  (live lines)
--   indicator periods start and end                       (periods of live indicators)
-- recordSpansRecount (app/models/programme.server.ts) keeps the live
-- definition; tests/db/summary-rows.test.ts compares the two.

CREATE TABLE "ProgrammeRecordSpan" (
    "programmeId" TEXT NOT NULL,
    "from" DATE NOT NULL,
    "to" DATE NOT NULL,
    CONSTRAINT "ProgrammeRecordSpan_pkey" PRIMARY KEY ("programmeId")
);

-- One programme's span, through the "programmeId" (and, for outcomes and
-- periods, "activityId" / "indicatorId") indexes: the programme's size, not
-- the portfolio's.
CREATE FUNCTION concord_programme_span_refresh(pid TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ProgrammeRecordSpan" WHERE "programmeId" = pid;
  INSERT INTO "ProgrammeRecordSpan" ("programmeId", "from", "to")
  SELECT pid, MIN(x.d), MAX(x.d) FROM (
    SELECT UNNEST(ARRAY[a."signedOn", a."effectiveOn", a."expiresOn"]) AS d
      FROM "Agreement" a WHERE a."programmeId" = pid AND a."archivedAt" IS NULL
    UNION ALL
    SELECT UNNEST(ARRAY[a."plannedStart", a."plannedEnd", a."actualStart", a."actualEnd"])
      FROM "Activity" a WHERE a."programmeId" = pid AND a."archivedAt" IS NULL
    UNION ALL
    SELECT d."dueDate" FROM "Deliverable" d WHERE d."programmeId" = pid AND d."archivedAt" IS NULL
    UNION ALL
    SELECT o."dueDate" FROM "Activity" a JOIN "Outcome" o ON o."activityId" = a.id
      WHERE a."programmeId" = pid AND a."archivedAt" IS NULL AND o."archivedAt" IS NULL
    UNION ALL
    SELECT UNNEST(ARRAY[f."valueDate", f."transactionDate", f."periodStart", f."periodEnd"])
      FROM "FundingLine" f WHERE f."programmeId" = pid AND f."archivedAt" IS NULL
    UNION ALL
    SELECT UNNEST(ARRAY[ip."periodStart", ip."periodEnd"])
      FROM "Indicator" i JOIN "IndicatorPeriod" ip ON ip."indicatorId" = i.id
      WHERE i."programmeId" = pid AND i."archivedAt" IS NULL
  ) x
  WHERE x.d IS NOT NULL
  HAVING COUNT(*) > 0;
END $$;

-- At commit: every summary row of each programme marked in this transaction, once.
CREATE OR REPLACE FUNCTION concord_figures_on_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM concord_programme_figures_refresh(NEW."programmeId");
  PERFORM concord_portfolio_figures_refresh(NEW."programmeId");
  PERFORM concord_programme_span_refresh(NEW."programmeId");
  DELETE FROM "ProgrammeFiguresStale" WHERE "programmeId" = NEW."programmeId";
  RETURN NULL;
END $$;

-- Agreements, activities, deliverables, outcomes and funding lines already
-- mark their programme on every write (concord_figures_on_change). Indicators
-- and their periods feed only the span: they mark the programme when a write
-- can move it (a period added, removed or re-dated or moved to another
-- indicator; an indicator archived, restored, moved or deleted), not when a
-- target or an actual value is recorded.
CREATE FUNCTION concord_span_on_indicator_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r RECORD;
BEGIN
  FOREACH r IN ARRAY (CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW] WHEN 'DELETE' THEN ARRAY[OLD] ELSE ARRAY[OLD, NEW] END) LOOP
    CASE TG_TABLE_NAME
      WHEN 'Indicator' THEN PERFORM concord_figures_mark(r."programmeId");
      -- A period deleted with its indicator finds no indicator here; the indicator's own delete marks the programme.
      WHEN 'IndicatorPeriod' THEN PERFORM concord_figures_mark(i."programmeId") FROM "Indicator" i WHERE i.id = r."indicatorId";
    END CASE;
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER "Indicator_span" AFTER INSERT OR DELETE ON "Indicator"
  FOR EACH ROW EXECUTE FUNCTION concord_span_on_indicator_change();
CREATE TRIGGER "Indicator_span_update" AFTER UPDATE ON "Indicator"
  FOR EACH ROW WHEN (OLD."programmeId" IS DISTINCT FROM NEW."programmeId" OR OLD."archivedAt" IS DISTINCT FROM NEW."archivedAt")
  EXECUTE FUNCTION concord_span_on_indicator_change();
CREATE TRIGGER "IndicatorPeriod_span" AFTER INSERT OR DELETE ON "IndicatorPeriod"
  FOR EACH ROW EXECUTE FUNCTION concord_span_on_indicator_change();
CREATE TRIGGER "IndicatorPeriod_span_update" AFTER UPDATE ON "IndicatorPeriod"
  FOR EACH ROW WHEN (OLD."indicatorId" IS DISTINCT FROM NEW."indicatorId" OR OLD."periodStart" IS DISTINCT FROM NEW."periodStart" OR OLD."periodEnd" IS DISTINCT FROM NEW."periodEnd")
  EXECUTE FUNCTION concord_span_on_indicator_change();

-- The rows for what is already there.
SELECT concord_programme_span_refresh(id) FROM "Programme";

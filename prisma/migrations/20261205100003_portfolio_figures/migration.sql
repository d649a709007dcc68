-- Summary rows for the portfolio page (issue 16, point 1): its figures per
-- programme and year, recomputed with the home figures
-- (20261205100001_programme_figures) when a write marks the programme stale,
-- at the commit of that write. The page adds up the rows of the programmes
-- in scope and the years asked for; definitions as in
-- app/models/portfolio.server.ts (tests/db/summary-rows.test.ts compares the
-- page with a full recount).
--
-- measure      year (0: not recorded)            key                 currency
-- activity     of the start (actual, else planned) kind                ''
-- deliverable  of the due date                    status              ''
-- country      of the start                       countryCode, or ''  ''
--                                                 (no country: the programme's countries, read live)
-- funding      fiscal year, else of the           provider id, or ''  currency
--              transaction date, else value date
CREATE TABLE "PortfolioFigures" (
    "programmeId" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "counted" INTEGER NOT NULL DEFAULT 0,
    "female" INTEGER NOT NULL DEFAULT 0,
    "male" INTEGER NOT NULL DEFAULT 0,
    "other" INTEGER NOT NULL DEFAULT 0,
    "notRecorded" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    -- NULL when the row has no line of that kind (the page then says 0, as its recount does).
    "commitment" DECIMAL(20,2),
    "disbursement" DECIMAL(20,2),
    CONSTRAINT "PortfolioFigures_pkey" PRIMARY KEY ("programmeId", "measure", "year", "key", "currency")
);

CREATE FUNCTION concord_portfolio_figures_refresh(pid TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "PortfolioFigures" WHERE "programmeId" = pid;
  -- Activities by kind and year, with their participants as participantsCountedSql and participantSumsSql count them.
  INSERT INTO "PortfolioFigures" ("programmeId", "measure", "year", "key", "currency", "count", "counted", "female", "male", "other", "notRecorded", "total")
  SELECT pid, 'activity', COALESCE(EXTRACT(YEAR FROM a."startsOn")::int, 0), a.kind::text, '', COUNT(*)::int,
    (COUNT(*) FILTER (WHERE c.counted))::int,
    COALESCE(SUM(a."participantsFemale") FILTER (WHERE c.counted), 0)::int,
    COALESCE(SUM(a."participantsMale") FILTER (WHERE c.counted), 0)::int,
    COALESCE(SUM(a."participantsOther") FILTER (WHERE c.counted), 0)::int,
    COALESCE(SUM(GREATEST(COALESCE(a."participantsTotal", 0) - c.by_sex, 0)) FILTER (WHERE c.counted), 0)::int,
    COALESCE(SUM(GREATEST(COALESCE(a."participantsTotal", 0), c.by_sex)) FILTER (WHERE c.counted), 0)::int
  FROM "Activity" a
  CROSS JOIN LATERAL (SELECT
    a.status IN ('COMPLETED', 'ONGOING')
      AND (a."participantsTotal" IS NOT NULL OR a."participantsFemale" IS NOT NULL OR a."participantsMale" IS NOT NULL OR a."participantsOther" IS NOT NULL) AS counted,
    COALESCE(a."participantsFemale", 0) + COALESCE(a."participantsMale", 0) + COALESCE(a."participantsOther", 0) AS by_sex) c
  WHERE a."programmeId" = pid AND a."archivedAt" IS NULL
  GROUP BY 3, 4;
  -- Activities by country and year.
  INSERT INTO "PortfolioFigures" ("programmeId", "measure", "year", "key", "currency", "count")
  SELECT pid, 'country', COALESCE(EXTRACT(YEAR FROM a."startsOn")::int, 0), COALESCE(a."countryCode"::text, ''), '', COUNT(*)::int
  FROM "Activity" a WHERE a."programmeId" = pid AND a."archivedAt" IS NULL
  GROUP BY 3, 4;
  -- Deliverables by status and the year they are due.
  INSERT INTO "PortfolioFigures" ("programmeId", "measure", "year", "key", "currency", "count")
  SELECT pid, 'deliverable', COALESCE(EXTRACT(YEAR FROM d."dueDate")::int, 0), d.status::text, '', COUNT(*)::int
  FROM "Deliverable" d WHERE d."programmeId" = pid AND d."archivedAt" IS NULL
  GROUP BY 3, 4;
  -- Commitments and disbursements by provider, year and currency.
  INSERT INTO "PortfolioFigures" ("programmeId", "measure", "year", "key", "currency", "commitment", "disbursement")
  SELECT pid, 'funding', COALESCE(f."fiscalYear", EXTRACT(YEAR FROM COALESCE(f."transactionDate", f."valueDate"))::int, 0),
    COALESCE(f."providerOrgId", ''), f.currency::text,
    SUM(f.amount) FILTER (WHERE f.kind = 'COMMITMENT'),
    SUM(f.amount) FILTER (WHERE f.kind = 'DISBURSEMENT')
  FROM "FundingLine" f WHERE f."programmeId" = pid AND f."archivedAt" IS NULL AND f.kind IN ('COMMITMENT', 'DISBURSEMENT')
  GROUP BY 3, 4, 5;
END $$;

CREATE OR REPLACE FUNCTION concord_figures_on_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM concord_programme_figures_refresh(NEW."programmeId");
  PERFORM concord_portfolio_figures_refresh(NEW."programmeId");
  DELETE FROM "ProgrammeFiguresStale" WHERE "programmeId" = NEW."programmeId";
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION concord_figures_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r RECORD;
BEGIN
  FOREACH r IN ARRAY (CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW] WHEN 'DELETE' THEN ARRAY[OLD] ELSE ARRAY[OLD, NEW] END) LOOP
    CASE TG_TABLE_NAME
      WHEN 'Programme' THEN PERFORM concord_figures_mark(r.id);
      WHEN 'Agreement', 'Deliverable', 'FundingLine' THEN PERFORM concord_figures_mark(r."programmeId");
      WHEN 'Activity' THEN
        PERFORM concord_figures_mark(r."programmeId");
        PERFORM concord_figures_mark(p) FROM (SELECT DISTINCT d."programmeId" AS p FROM "Deliverable" d WHERE d."activityId" = r.id) s;
      WHEN 'AgreementParty' THEN PERFORM concord_figures_mark_agreement(r."agreementId");
      WHEN 'ActivityAgreement', 'ActivityOrganisation', 'ActivityParticipantGroup', 'Outcome' THEN PERFORM concord_figures_mark_activity(r."activityId");
    END CASE;
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER "FundingLine_figures" AFTER INSERT OR UPDATE OR DELETE ON "FundingLine" FOR EACH ROW EXECUTE FUNCTION concord_figures_on_change();

-- The rows for what is already there.
SELECT concord_portfolio_figures_refresh(id) FROM "Programme";

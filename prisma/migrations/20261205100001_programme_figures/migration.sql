-- Summary rows for the home pages' figures (issue 16, point 1): what
-- portfolioSummary shows, per programme and per set of countries the records
-- name, kept up to date by triggers in the same transaction as every write.
--
-- Why a row per set of named countries: a partner sees a record of a programme
-- shared with other countries only when the record names one of its countries
-- or names none (docs/decisions/0011-partner-country-visibility.md). Records
-- that name the same countries are visible to exactly the same partners, so
-- their counts can be added up in advance; the reader adds the rows it may see.
-- Staff and donors see whole programmes and add every row of theirs.
--
-- How it stays right: each write marks the programmes it touches as stale
-- (one row in "ProgrammeFiguresStale" per programme and transaction); a
-- deferred constraint trigger recomputes a stale programme's rows from the
-- base tables when the transaction commits, with the same definitions as the
-- full recount (participantsCountedSql, programmeChildScopeSql). Concurrent
-- writers to one programme queue on its stale row, so the later commit
-- recomputes with the earlier one's rows visible.
-- tests/db/summary-rows.test.ts compares the rows with a full recount.

CREATE TABLE "ProgrammeFigures" (
    "programmeId" TEXT NOT NULL,
    "countriesKey" TEXT NOT NULL,
    "countries" TEXT[] NOT NULL,
    "agreements" INTEGER NOT NULL DEFAULT 0,
    "activities" INTEGER NOT NULL DEFAULT 0,
    "outcomes" INTEGER NOT NULL DEFAULT 0,
    "deliverablesOpen" INTEGER NOT NULL DEFAULT 0,
    "participants" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ProgrammeFigures_pkey" PRIMARY KEY ("programmeId", "countriesKey")
);

CREATE TABLE "ProgrammeFiguresStale" (
    "programmeId" TEXT NOT NULL,
    CONSTRAINT "ProgrammeFiguresStale_pkey" PRIMARY KEY ("programmeId")
);

-- Recomputes one programme's rows from the base tables: the programme's
-- records through their "programmeId" indexes, each record's countries
-- through the indexes of its links (cost: the programme's size, not the
-- portfolio's).
CREATE FUNCTION concord_programme_figures_refresh(pid TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ProgrammeFigures" WHERE "programmeId" = pid;
  INSERT INTO "ProgrammeFigures" ("programmeId", "countriesKey", "countries", "agreements", "activities", "outcomes", "deliverablesOpen", "participants")
  WITH
  -- The programme's activities and agreements, and those of other programmes its deliverables carry out.
  acts AS (
    SELECT a.id FROM "Activity" a WHERE a."programmeId" = pid
    UNION
    SELECT d."activityId" FROM "Deliverable" d WHERE d."programmeId" = pid AND d."activityId" IS NOT NULL
  ),
  agrs AS (
    SELECT g.id FROM "Agreement" g WHERE g."programmeId" = pid
    UNION
    SELECT d."agreementId" FROM "Deliverable" d WHERE d."programmeId" = pid AND d."agreementId" IS NOT NULL
  ),
  agr_names AS (
    SELECT agrs.id, COALESCE((
      SELECT array_agg(DISTINCT o."countryCode"::text ORDER BY o."countryCode"::text)
      FROM "AgreementParty" ap JOIN "Organisation" o ON o.id = ap."organisationId"
      WHERE ap."agreementId" = agrs.id AND o."countryCode" IS NOT NULL), '{}') AS c
    FROM agrs
  ),
  act_names AS (
    SELECT acts.id, COALESCE((
      SELECT array_agg(DISTINCT s.c ORDER BY s.c) FROM (
        SELECT a."countryCode"::text AS c FROM "Activity" a WHERE a.id = acts.id
        UNION ALL
        SELECT o."countryCode"::text FROM "ActivityOrganisation" x JOIN "Organisation" o ON o.id = x."organisationId" WHERE x."activityId" = acts.id
        UNION ALL
        SELECT o."countryCode"::text FROM "ActivityParticipantGroup" x JOIN "Organisation" o ON o.id = x."organisationId" WHERE x."activityId" = acts.id
        UNION ALL
        SELECT o."countryCode"::text FROM "ActivityAgreement" aa JOIN "AgreementParty" ap ON ap."agreementId" = aa."agreementId"
          JOIN "Organisation" o ON o.id = ap."organisationId" WHERE aa."activityId" = acts.id
      ) s WHERE s.c IS NOT NULL), '{}') AS c
    FROM acts
  )
  SELECT pid, array_to_string(x.c, ','), x.c, SUM(x.agreements), SUM(x.activities), SUM(x.outcomes), SUM(x.deliverables), SUM(x.participants)
  FROM (
    SELECT n.c, 1 AS agreements, 0 AS activities, 0 AS outcomes, 0 AS deliverables, 0 AS participants
      FROM "Agreement" g JOIN agr_names n ON n.id = g.id
      WHERE g."programmeId" = pid AND g."archivedAt" IS NULL
    UNION ALL
    -- Outcomes count with their live activity; participants as participantsCountedSql counts them.
    SELECT n.c, 0, 1,
      (SELECT COUNT(*)::int FROM "Outcome" o WHERE o."activityId" = a.id AND o."archivedAt" IS NULL),
      0,
      CASE WHEN a.status IN ('COMPLETED', 'ONGOING')
            AND (a."participantsTotal" IS NOT NULL OR a."participantsFemale" IS NOT NULL OR a."participantsMale" IS NOT NULL OR a."participantsOther" IS NOT NULL)
        THEN GREATEST(COALESCE(a."participantsTotal", 0), COALESCE(a."participantsFemale", 0) + COALESCE(a."participantsMale", 0) + COALESCE(a."participantsOther", 0))
        ELSE 0 END
      FROM "Activity" a JOIN act_names n ON n.id = a.id
      WHERE a."programmeId" = pid AND a."archivedAt" IS NULL
    UNION ALL
    SELECT COALESCE((SELECT array_agg(DISTINCT c ORDER BY c) FROM unnest(COALESCE(an.c, '{}') || COALESCE(gn.c, '{}')) AS c), '{}'), 0, 0, 0, 1, 0
      FROM "Deliverable" d LEFT JOIN act_names an ON an.id = d."activityId" LEFT JOIN agr_names gn ON gn.id = d."agreementId"
      WHERE d."programmeId" = pid AND d."archivedAt" IS NULL AND d.status IN ('NOT_STARTED', 'IN_PROGRESS')
  ) x
  GROUP BY x.c;
END $$;

-- Marking: cheap (one conflict-free insert per programme and transaction).
CREATE FUNCTION concord_figures_mark(pid TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF pid IS NOT NULL THEN
    INSERT INTO "ProgrammeFiguresStale" ("programmeId") VALUES (pid) ON CONFLICT DO NOTHING;
  END IF;
END $$;

-- An activity's countries are also its deliverables' (which may belong to another programme).
CREATE FUNCTION concord_figures_mark_activity(aid TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM concord_figures_mark(a."programmeId") FROM "Activity" a WHERE a.id = aid;
  PERFORM concord_figures_mark(p) FROM (SELECT DISTINCT d."programmeId" AS p FROM "Deliverable" d WHERE d."activityId" = aid) s;
END $$;

-- An agreement's countries are also those of its activities and deliverables.
CREATE FUNCTION concord_figures_mark_agreement(gid TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM concord_figures_mark(g."programmeId") FROM "Agreement" g WHERE g.id = gid;
  PERFORM concord_figures_mark_activity(aa."activityId") FROM "ActivityAgreement" aa WHERE aa."agreementId" = gid;
  PERFORM concord_figures_mark(p) FROM (SELECT DISTINCT d."programmeId" AS p FROM "Deliverable" d WHERE d."agreementId" = gid) s;
END $$;

CREATE FUNCTION concord_figures_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r RECORD;
BEGIN
  FOREACH r IN ARRAY (CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW] WHEN 'DELETE' THEN ARRAY[OLD] ELSE ARRAY[OLD, NEW] END) LOOP
    CASE TG_TABLE_NAME
      WHEN 'Programme' THEN PERFORM concord_figures_mark(r.id);
      WHEN 'Agreement', 'Deliverable' THEN PERFORM concord_figures_mark(r."programmeId");
      WHEN 'Activity' THEN
        PERFORM concord_figures_mark(r."programmeId");
        PERFORM concord_figures_mark(p) FROM (SELECT DISTINCT d."programmeId" AS p FROM "Deliverable" d WHERE d."activityId" = r.id) s;
      WHEN 'AgreementParty' THEN PERFORM concord_figures_mark_agreement(r."agreementId");
      WHEN 'ActivityAgreement', 'ActivityOrganisation', 'ActivityParticipantGroup', 'Outcome' THEN PERFORM concord_figures_mark_activity(r."activityId");
    END CASE;
  END LOOP;
  RETURN NULL;
END $$;

-- An organisation's country decides what its records name.
CREATE FUNCTION concord_figures_on_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."countryCode" IS DISTINCT FROM OLD."countryCode" THEN
    PERFORM concord_figures_mark_agreement(ap."agreementId") FROM "AgreementParty" ap WHERE ap."organisationId" = NEW.id;
    PERFORM concord_figures_mark_activity(x."activityId") FROM "ActivityOrganisation" x WHERE x."organisationId" = NEW.id;
    PERFORM concord_figures_mark_activity(x."activityId") FROM (SELECT DISTINCT g."activityId" FROM "ActivityParticipantGroup" g WHERE g."organisationId" = NEW.id) x;
  END IF;
  RETURN NULL;
END $$;

-- At commit: recompute each programme marked in this transaction, once.
CREATE FUNCTION concord_figures_on_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM concord_programme_figures_refresh(NEW."programmeId");
  DELETE FROM "ProgrammeFiguresStale" WHERE "programmeId" = NEW."programmeId";
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "ProgrammeFiguresStale_refresh" AFTER INSERT ON "ProgrammeFiguresStale"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION concord_figures_on_stale();

CREATE TRIGGER "Programme_figures" AFTER INSERT OR DELETE ON "Programme" FOR EACH ROW EXECUTE FUNCTION concord_figures_on_change();
CREATE TRIGGER "Agreement_figures" AFTER INSERT OR UPDATE OR DELETE ON "Agreement" FOR EACH ROW EXECUTE FUNCTION concord_figures_on_change();
CREATE TRIGGER "Activity_figures" AFTER INSERT OR UPDATE OR DELETE ON "Activity" FOR EACH ROW EXECUTE FUNCTION concord_figures_on_change();
CREATE TRIGGER "Deliverable_figures" AFTER INSERT OR UPDATE OR DELETE ON "Deliverable" FOR EACH ROW EXECUTE FUNCTION concord_figures_on_change();
CREATE TRIGGER "Outcome_figures" AFTER INSERT OR UPDATE OR DELETE ON "Outcome" FOR EACH ROW EXECUTE FUNCTION concord_figures_on_change();
CREATE TRIGGER "AgreementParty_figures" AFTER INSERT OR UPDATE OR DELETE ON "AgreementParty" FOR EACH ROW EXECUTE FUNCTION concord_figures_on_change();
CREATE TRIGGER "ActivityAgreement_figures" AFTER INSERT OR UPDATE OR DELETE ON "ActivityAgreement" FOR EACH ROW EXECUTE FUNCTION concord_figures_on_change();
CREATE TRIGGER "ActivityOrganisation_figures" AFTER INSERT OR UPDATE OR DELETE ON "ActivityOrganisation" FOR EACH ROW EXECUTE FUNCTION concord_figures_on_change();
CREATE TRIGGER "ActivityParticipantGroup_figures" AFTER INSERT OR UPDATE OR DELETE ON "ActivityParticipantGroup" FOR EACH ROW EXECUTE FUNCTION concord_figures_on_change();
CREATE TRIGGER "Organisation_figures" AFTER UPDATE OF "countryCode" ON "Organisation" FOR EACH ROW EXECUTE FUNCTION concord_figures_on_organisation();

-- The rows for what is already there.
SELECT concord_programme_figures_refresh(id) FROM "Programme";

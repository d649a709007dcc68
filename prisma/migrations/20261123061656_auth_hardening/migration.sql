-- AlterTable
ALTER TABLE "User" ADD COLUMN     "totpLastStep" INTEGER;

-- CreateTable
CREATE TABLE "FormSubmission" (
    "key" VARCHAR(64) NOT NULL,
    "userId" TEXT NOT NULL,
    "location" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FormSubmission_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "FormSubmission_createdAt_idx" ON "FormSubmission"("createdAt");

-- The audit trail is append-only (ASVS V16): no UPDATE or DELETE, except the
-- one change the schema itself makes, clearing actorId when a user row is
-- deleted (actorEmail keeps who it was).
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW."actorId" IS NULL AND OLD."actorId" IS NOT NULL
     AND NEW."id" = OLD."id" AND NEW."at" = OLD."at"
     AND NEW."actorEmail" IS NOT DISTINCT FROM OLD."actorEmail"
     AND NEW."action" = OLD."action"
     AND NEW."entityType" IS NOT DISTINCT FROM OLD."entityType"
     AND NEW."entityId" IS NOT DISTINCT FROM OLD."entityId"
     AND NEW."changes"::text IS NOT DISTINCT FROM OLD."changes"::text
     AND NEW."metadata"::text IS NOT DISTINCT FROM OLD."metadata"::text
     AND NEW."ip" IS NOT DISTINCT FROM OLD."ip" THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'The audit trail cannot be changed (% on AuditEvent)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

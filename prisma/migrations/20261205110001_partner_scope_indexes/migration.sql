-- Issue 16, partner scope: participant groups by activity with their organisation, read from the index alone.
-- The new index serves every lookup by activity, so the single-column one goes.
DROP INDEX "ActivityParticipantGroup_activityId_idx";

CREATE INDEX "ActivityParticipantGroup_activityId_organisationId_idx" ON "ActivityParticipantGroup"("activityId", "organisationId");

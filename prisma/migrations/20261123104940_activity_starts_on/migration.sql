-- When an activity starts (the actual start, else the planned one), kept by
-- the database so lists sort and page by it with an index instead of loading
-- every matching row into JavaScript. Prisma's schema cannot say GENERATED;
-- prisma/schema.prisma documents that the column must never be written.
-- AlterTable
ALTER TABLE "Activity" ADD COLUMN "startsOn" DATE GENERATED ALWAYS AS (COALESCE("actualStart", "plannedStart")) STORED;

-- CreateIndex
CREATE INDEX "Activity_startsOn_title_id_idx" ON "Activity"("startsOn", "title", "id");

-- Issue 17: recipient regions of a programme (IATI Region codelist, vocabulary 1).
CREATE TABLE "ProgrammeRegion" (
    "programmeId" TEXT NOT NULL,
    "regionCode" VARCHAR(4) NOT NULL,
    "percentage" DECIMAL(5,2),

    CONSTRAINT "ProgrammeRegion_pkey" PRIMARY KEY ("programmeId","regionCode")
);

ALTER TABLE "ProgrammeRegion" ADD CONSTRAINT "ProgrammeRegion_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

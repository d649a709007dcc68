-- Issue 17: IATI as a real publisher. The centre's publisher settings (one
-- row), publication marks on programmes and documents, the stored identifier
-- and content hash of every published IATI activity, IATI defaults per
-- programme, traceability on funding lines, coordinates of activities and
-- planned disbursements. (ALTER TYPE ... ADD VALUE runs first and the new value
-- is not used in this migration, so it is safe inside its transaction.)

-- AlterEnum
ALTER TYPE "FundingKind" ADD VALUE 'PLANNED_DISBURSEMENT';

-- AlterTable
ALTER TABLE "Programme" ADD COLUMN     "iatiAidType" VARCHAR(8) NOT NULL DEFAULT 'D02',
ADD COLUMN     "iatiCollaborationType" VARCHAR(4) NOT NULL DEFAULT '1',
ADD COLUMN     "iatiFinanceType" VARCHAR(4) NOT NULL DEFAULT '110',
ADD COLUMN     "iatiFirstPublishedAt" TIMESTAMP(3),
ADD COLUMN     "iatiFlowType" VARCHAR(4) NOT NULL DEFAULT '10',
ADD COLUMN     "iatiPublished" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "iatiTiedStatus" VARCHAR(4) NOT NULL DEFAULT '5';

-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "latitude" DECIMAL(9,6),
ADD COLUMN     "longitude" DECIMAL(9,6);

-- AlterTable
ALTER TABLE "FundingLine" ADD COLUMN     "providerActivityId" TEXT,
ADD COLUMN     "receiverActivityId" TEXT;

-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "isPublic" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "PublisherSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "orgRef" TEXT NOT NULL,
    "orgType" VARCHAR(4) NOT NULL,
    "name" TEXT NOT NULL,
    "lang" VARCHAR(8) NOT NULL DEFAULT 'en',
    "translations" JSONB NOT NULL DEFAULT '{}',
    "defaultCurrency" CHAR(3) NOT NULL,
    "publicBaseUrl" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PublisherSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IatiPublishedActivity" (
    "id" TEXT NOT NULL,
    "recordType" VARCHAR(16) NOT NULL,
    "recordId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "iatiIdentifier" TEXT NOT NULL,
    "contentHash" CHAR(64),
    "lastUpdatedAt" TIMESTAMP(3),
    "firstPublishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IatiPublishedActivity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IatiPublishedActivity_iatiIdentifier_key" ON "IatiPublishedActivity"("iatiIdentifier");

-- CreateIndex
CREATE INDEX "IatiPublishedActivity_programmeId_idx" ON "IatiPublishedActivity"("programmeId");

-- CreateIndex
CREATE UNIQUE INDEX "IatiPublishedActivity_recordType_recordId_key" ON "IatiPublishedActivity"("recordType", "recordId");

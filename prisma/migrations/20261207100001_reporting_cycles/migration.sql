-- Issue 18: reporting cycles. Reporting requirements of a programme (or an
-- agreement) and one progress report per period with its reported figures,
-- evidence and review comments; the approved report's figures become the
-- official ones (IndicatorPeriod.approvedReportId, Activity.participantsReportId).
-- An inbox per user (Notification) with preferences per kind and a digest
-- frequency, and private calendar feeds (CalendarFeed, only the token's hash).

-- CreateEnum
CREATE TYPE "ReportingFrequency" AS ENUM ('MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'ANNUAL', 'CUSTOM');

-- CreateEnum
CREATE TYPE "ReporterKind" AS ENUM ('PARTNER_MINISTRY', 'IMPLEMENTING_ORGANISATION', 'STAFF');

-- CreateEnum
CREATE TYPE "ProgressReportStatus" AS ENUM ('NOT_STARTED', 'DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED');

-- CreateEnum
CREATE TYPE "ReportSection" AS ENUM ('GENERAL', 'NARRATIVE', 'INDICATORS', 'PARTICIPANTS', 'DELIVERABLES', 'EVIDENCE');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('REPORT_SUBMITTED', 'REPORT_RETURNED', 'REPORT_APPROVED', 'REPORT_REOPENED', 'REPORT_DUE_SOON', 'REPORT_OVERDUE', 'PARTNER_COMMENTED', 'PARTNER_ACKNOWLEDGED', 'DELIVERABLE_DUE_SOON', 'DELIVERABLE_OVERDUE', 'FOLLOW_UP_DUE_SOON', 'FOLLOW_UP_OVERDUE', 'AGREEMENT_EXPIRING', 'AGREEMENT_EXPIRED', 'INVITATION_ACCEPTED');

-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('IMMEDIATE', 'DIGEST', 'OFF');

-- CreateEnum
CREATE TYPE "DigestFrequency" AS ENUM ('DAILY', 'WEEKLY');

-- CreateEnum
CREATE TYPE "NotificationMailState" AS ENUM ('PENDING', 'SENT', 'DIGESTED', 'SKIPPED');

-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "participantsReportId" TEXT;

-- AlterTable
ALTER TABLE "IndicatorPeriod" ADD COLUMN     "approvedReportId" TEXT;

-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "progressReportId" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "digestFrequency" "DigestFrequency",
ADD COLUMN     "lastDigestAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ReportingRequirement" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "agreementId" TEXT,
    "title" TEXT NOT NULL,
    "frequency" "ReportingFrequency" NOT NULL,
    "customPeriodEnds" DATE[],
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "dueDays" INTEGER NOT NULL DEFAULT 30,
    "reporter" "ReporterKind" NOT NULL,
    "reporterCountryCode" CHAR(2),
    "reporterOrganisationId" TEXT,
    "lang" VARCHAR(8) NOT NULL DEFAULT 'en',
    "translations" JSONB NOT NULL DEFAULT '{}',
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportingRequirement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressReport" (
    "id" TEXT NOT NULL,
    "requirementId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "agreementId" TEXT,
    "countryCode" CHAR(2),
    "sequence" INTEGER NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "dueDate" DATE NOT NULL,
    "status" "ProgressReportStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "narrative" TEXT,
    "lang" VARCHAR(8) NOT NULL DEFAULT 'en',
    "translations" JSONB NOT NULL DEFAULT '{}',
    "round" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" TIMESTAMP(3),
    "submittedById" TEXT,
    "returnedAt" TIMESTAMP(3),
    "returnedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "approvedById" TEXT,
    "reopenedAt" TIMESTAMP(3),
    "reopenedById" TEXT,
    "reopenReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgressReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressReportIndicator" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "indicatorId" TEXT NOT NULL,
    "actualValue" DECIMAL(20,4),
    "actualFemale" DECIMAL(20,4),
    "actualMale" DECIMAL(20,4),
    "comment" TEXT,

    CONSTRAINT "ProgressReportIndicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressReportParticipants" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "female" INTEGER NOT NULL DEFAULT 0,
    "male" INTEGER NOT NULL DEFAULT 0,
    "other" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ProgressReportParticipants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressReportItem" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "deliverableId" TEXT,
    "followUpActionId" TEXT,
    "status" VARCHAR(20) NOT NULL,
    "note" TEXT,

    CONSTRAINT "ProgressReportItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressReportComment" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "section" "ReportSection" NOT NULL,
    "round" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgressReportComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "key" VARCHAR(200) NOT NULL,
    "programmeId" TEXT,
    "entityType" VARCHAR(40) NOT NULL,
    "entityId" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "path" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),
    "mailState" "NotificationMailState" NOT NULL DEFAULT 'PENDING',
    "mailedAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "channel" "NotificationChannel" NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("userId","kind")
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "programmeId" TEXT,
    "tokenHash" CHAR(64) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastFetchedAt" TIMESTAMP(3),

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportingRequirement_programmeId_idx" ON "ReportingRequirement"("programmeId");

-- CreateIndex
CREATE INDEX "ReportingRequirement_agreementId_idx" ON "ReportingRequirement"("agreementId");

-- CreateIndex
CREATE INDEX "ProgressReport_programmeId_periodStart_idx" ON "ProgressReport"("programmeId", "periodStart");

-- CreateIndex
CREATE INDEX "ProgressReport_status_dueDate_idx" ON "ProgressReport"("status", "dueDate");

-- CreateIndex
CREATE INDEX "ProgressReport_countryCode_dueDate_idx" ON "ProgressReport"("countryCode", "dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressReport_requirementId_periodStart_key" ON "ProgressReport"("requirementId", "periodStart");

-- CreateIndex
CREATE INDEX "ProgressReportIndicator_indicatorId_idx" ON "ProgressReportIndicator"("indicatorId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressReportIndicator_reportId_indicatorId_key" ON "ProgressReportIndicator"("reportId", "indicatorId");

-- CreateIndex
CREATE INDEX "ProgressReportParticipants_activityId_idx" ON "ProgressReportParticipants"("activityId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressReportParticipants_reportId_activityId_key" ON "ProgressReportParticipants"("reportId", "activityId");

-- CreateIndex
CREATE INDEX "ProgressReportItem_deliverableId_idx" ON "ProgressReportItem"("deliverableId");

-- CreateIndex
CREATE INDEX "ProgressReportItem_followUpActionId_idx" ON "ProgressReportItem"("followUpActionId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressReportItem_reportId_deliverableId_key" ON "ProgressReportItem"("reportId", "deliverableId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressReportItem_reportId_followUpActionId_key" ON "ProgressReportItem"("reportId", "followUpActionId");

-- CreateIndex
CREATE INDEX "ProgressReportComment_reportId_createdAt_idx" ON "ProgressReportComment"("reportId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_mailState_userId_idx" ON "Notification"("mailState", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_key_key" ON "Notification"("userId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");

-- CreateIndex
CREATE INDEX "CalendarFeed_userId_idx" ON "CalendarFeed"("userId");

-- CreateIndex
CREATE INDEX "Activity_participantsReportId_idx" ON "Activity"("participantsReportId");

-- CreateIndex
CREATE INDEX "IndicatorPeriod_approvedReportId_idx" ON "IndicatorPeriod"("approvedReportId");

-- CreateIndex
CREATE INDEX "Document_progressReportId_idx" ON "Document"("progressReportId");

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_participantsReportId_fkey" FOREIGN KEY ("participantsReportId") REFERENCES "ProgressReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorPeriod" ADD CONSTRAINT "IndicatorPeriod_approvedReportId_fkey" FOREIGN KEY ("approvedReportId") REFERENCES "ProgressReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_progressReportId_fkey" FOREIGN KEY ("progressReportId") REFERENCES "ProgressReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportingRequirement" ADD CONSTRAINT "ReportingRequirement_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportingRequirement" ADD CONSTRAINT "ReportingRequirement_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportingRequirement" ADD CONSTRAINT "ReportingRequirement_reporterCountryCode_fkey" FOREIGN KEY ("reporterCountryCode") REFERENCES "Country"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportingRequirement" ADD CONSTRAINT "ReportingRequirement_reporterOrganisationId_fkey" FOREIGN KEY ("reporterOrganisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "ReportingRequirement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_countryCode_fkey" FOREIGN KEY ("countryCode") REFERENCES "Country"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_returnedById_fkey" FOREIGN KEY ("returnedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_reopenedById_fkey" FOREIGN KEY ("reopenedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReportIndicator" ADD CONSTRAINT "ProgressReportIndicator_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReportIndicator" ADD CONSTRAINT "ProgressReportIndicator_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReportParticipants" ADD CONSTRAINT "ProgressReportParticipants_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReportParticipants" ADD CONSTRAINT "ProgressReportParticipants_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReportItem" ADD CONSTRAINT "ProgressReportItem_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReportItem" ADD CONSTRAINT "ProgressReportItem_deliverableId_fkey" FOREIGN KEY ("deliverableId") REFERENCES "Deliverable"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReportItem" ADD CONSTRAINT "ProgressReportItem_followUpActionId_fkey" FOREIGN KEY ("followUpActionId") REFERENCES "FollowUpAction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReportComment" ADD CONSTRAINT "ProgressReportComment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReportComment" ADD CONSTRAINT "ProgressReportComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

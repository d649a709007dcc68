-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('DAY', 'MONTH', 'YEAR');

-- CreateEnum
CREATE TYPE "ProgrammeStatus" AS ENUM ('PIPELINE', 'IMPLEMENTATION', 'FINALISATION', 'CLOSED', 'CANCELLED', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "OrganisationRole" AS ENUM ('FUNDING', 'ACCOUNTABLE', 'EXTENDING', 'IMPLEMENTING');

-- CreateEnum
CREATE TYPE "AgreementType" AS ENUM ('MOU', 'IMPLEMENTATION_PLAN', 'CONTRACT', 'CC_DESIGNATION', 'LETTER_OF_INTENT', 'AMENDMENT');

-- CreateEnum
CREATE TYPE "AgreementStatus" AS ENUM ('DRAFT', 'UNDER_NEGOTIATION', 'SIGNED', 'ACTIVE', 'EXPIRED', 'TERMINATED');

-- CreateEnum
CREATE TYPE "PartyRole" AS ENUM ('SIGNATORY', 'COUNTERPART', 'DESIGNATING_BODY', 'DESIGNATED_INSTITUTION', 'CONTRACTOR', 'CLIENT', 'WITNESS');

-- CreateEnum
CREATE TYPE "ActivityKind" AS ENUM ('STUDY_VISIT', 'TRAINING_COURSE', 'CONSULTANCY', 'WORKSHOP', 'SYMPOSIUM', 'POLICY_DIALOGUE', 'EXPERT_EXCHANGE', 'HIGH_LEVEL_MEETING');

-- CreateEnum
CREATE TYPE "ActivityStatus" AS ENUM ('PLANNED', 'ONGOING', 'COMPLETED', 'POSTPONED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ActivityOrganisationRole" AS ENUM ('HOST', 'ORGANISER', 'PARTICIPANT', 'FUNDER');

-- CreateEnum
CREATE TYPE "DeliverableStatus" AS ENUM ('NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED', 'ACCEPTED');

-- CreateEnum
CREATE TYPE "OutcomeType" AS ENUM ('DECISION', 'AGREED_NEXT_STEP', 'RECOMMENDATION', 'CONSENSUS', 'ACTION_ITEM');

-- CreateEnum
CREATE TYPE "FollowUpStatus" AS ENUM ('NOT_STARTED', 'IN_PROGRESS', 'DONE', 'NOT_PURSUED');

-- CreateEnum
CREATE TYPE "ResultType" AS ENUM ('OUTPUT', 'OUTCOME', 'IMPACT', 'OTHER');

-- CreateEnum
CREATE TYPE "IndicatorMeasure" AS ENUM ('UNIT', 'PERCENTAGE', 'QUALITATIVE');

-- CreateEnum
CREATE TYPE "FundingKind" AS ENUM ('BUDGET', 'INCOMING_FUNDS', 'INCOMING_COMMITMENT', 'COMMITMENT', 'DISBURSEMENT', 'EXPENDITURE');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'STAFF', 'PARTNER', 'DONOR');

-- CreateEnum
CREATE TYPE "TokenPurpose" AS ENUM ('INVITATION', 'PASSWORD_RESET');

-- CreateTable
CREATE TABLE "Country" (
    "code" CHAR(2) NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameRu" TEXT NOT NULL,
    "nameKo" TEXT NOT NULL,

    CONSTRAINT "Country_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
    "shortName" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "countryCode" CHAR(2),
    "iatiTypeCode" VARCHAR(4) NOT NULL,
    "iatiRef" TEXT,
    "description" TEXT,
    "lang" VARCHAR(8) NOT NULL DEFAULT 'en',
    "translations" JSONB NOT NULL DEFAULT '{}',
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Programme" (
    "id" TEXT NOT NULL,
    "code" VARCHAR(40) NOT NULL,
    "iatiIdentifier" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "objectives" TEXT,
    "status" "ProgrammeStatus" NOT NULL DEFAULT 'IMPLEMENTATION',
    "plannedStart" DATE,
    "plannedEnd" DATE,
    "actualStart" DATE,
    "actualEnd" DATE,
    "budgetAmount" DECIMAL(20,2),
    "budgetCurrency" CHAR(3),
    "sourceNote" TEXT,
    "lang" VARCHAR(8) NOT NULL DEFAULT 'en',
    "translations" JSONB NOT NULL DEFAULT '{}',
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeOrganisation" (
    "programmeId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "role" "OrganisationRole" NOT NULL,

    CONSTRAINT "ProgrammeOrganisation_pkey" PRIMARY KEY ("programmeId","organisationId","role")
);

-- CreateTable
CREATE TABLE "ProgrammeCountry" (
    "programmeId" TEXT NOT NULL,
    "countryCode" CHAR(2) NOT NULL,
    "percentage" DECIMAL(5,2),

    CONSTRAINT "ProgrammeCountry_pkey" PRIMARY KEY ("programmeId","countryCode")
);

-- CreateTable
CREATE TABLE "ProgrammeSector" (
    "programmeId" TEXT NOT NULL,
    "sectorCode" VARCHAR(5) NOT NULL,
    "percentage" DECIMAL(5,2) NOT NULL,

    CONSTRAINT "ProgrammeSector_pkey" PRIMARY KEY ("programmeId","sectorCode")
);

-- CreateTable
CREATE TABLE "Agreement" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "parentId" TEXT,
    "type" "AgreementType" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "reference" TEXT,
    "status" "AgreementStatus" NOT NULL DEFAULT 'DRAFT',
    "signedOn" DATE,
    "signedPrecision" "DatePrecision" NOT NULL DEFAULT 'DAY',
    "effectiveOn" DATE,
    "expiresOn" DATE,
    "value" DECIMAL(20,2),
    "currency" CHAR(3),
    "lang" VARCHAR(8) NOT NULL DEFAULT 'en',
    "translations" JSONB NOT NULL DEFAULT '{}',
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementParty" (
    "agreementId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "role" "PartyRole" NOT NULL,

    CONSTRAINT "AgreementParty_pkey" PRIMARY KEY ("agreementId","organisationId","role")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "kind" "ActivityKind" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "countryCode" CHAR(2),
    "city" TEXT,
    "status" "ActivityStatus" NOT NULL DEFAULT 'PLANNED',
    "plannedStart" DATE,
    "plannedEnd" DATE,
    "actualStart" DATE,
    "actualEnd" DATE,
    "datePrecision" "DatePrecision" NOT NULL DEFAULT 'DAY',
    "participantsTotal" INTEGER,
    "participantsFemale" INTEGER,
    "participantsMale" INTEGER,
    "participantsOther" INTEGER,
    "participantsNote" TEXT,
    "lang" VARCHAR(8) NOT NULL DEFAULT 'en',
    "translations" JSONB NOT NULL DEFAULT '{}',
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityAgreement" (
    "activityId" TEXT NOT NULL,
    "agreementId" TEXT NOT NULL,

    CONSTRAINT "ActivityAgreement_pkey" PRIMARY KEY ("activityId","agreementId")
);

-- CreateTable
CREATE TABLE "ActivityOrganisation" (
    "activityId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "role" "ActivityOrganisationRole" NOT NULL,

    CONSTRAINT "ActivityOrganisation_pkey" PRIMARY KEY ("activityId","organisationId","role")
);

-- CreateTable
CREATE TABLE "ActivityParticipantGroup" (
    "id" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "organisationId" TEXT,
    "label" TEXT,
    "total" INTEGER NOT NULL,
    "female" INTEGER NOT NULL DEFAULT 0,
    "male" INTEGER NOT NULL DEFAULT 0,
    "other" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ActivityParticipantGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deliverable" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "agreementId" TEXT,
    "activityId" TEXT,
    "responsibleOrgId" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "dueDate" DATE,
    "status" "DeliverableStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "submittedAt" TIMESTAMP(3),
    "acceptedAt" TIMESTAMP(3),
    "evidenceDocumentId" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "lang" VARCHAR(8) NOT NULL DEFAULT 'en',
    "translations" JSONB NOT NULL DEFAULT '{}',
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Deliverable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Outcome" (
    "id" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "type" "OutcomeType" NOT NULL,
    "text" TEXT NOT NULL,
    "responsibleOrgId" TEXT,
    "dueDate" DATE,
    "followUpStatus" "FollowUpStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "followUpNote" TEXT,
    "deliverableId" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "lang" VARCHAR(8) NOT NULL DEFAULT 'en',
    "translations" JSONB NOT NULL DEFAULT '{}',
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Outcome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "outcomeId" TEXT,
    "deliverableId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "agreementId" TEXT,
    "resultType" "ResultType" NOT NULL,
    "measure" "IndicatorMeasure" NOT NULL DEFAULT 'UNIT',
    "title" TEXT NOT NULL,
    "description" TEXT,
    "unitLabel" TEXT,
    "ascending" BOOLEAN NOT NULL DEFAULT true,
    "baselineValue" DECIMAL(20,4),
    "baselineYear" INTEGER,
    "baselineComment" TEXT,
    "lang" VARCHAR(8) NOT NULL DEFAULT 'en',
    "translations" JSONB NOT NULL DEFAULT '{}',
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorPeriod" (
    "id" TEXT NOT NULL,
    "indicatorId" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "targetValue" DECIMAL(20,4),
    "actualValue" DECIMAL(20,4),
    "targetFemale" DECIMAL(20,4),
    "targetMale" DECIMAL(20,4),
    "actualFemale" DECIMAL(20,4),
    "actualMale" DECIMAL(20,4),
    "targetComment" TEXT,
    "actualComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "IndicatorPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundingLine" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "kind" "FundingKind" NOT NULL,
    "providerOrgId" TEXT,
    "receiverOrgId" TEXT,
    "fiscalYear" INTEGER,
    "periodStart" DATE,
    "periodEnd" DATE,
    "transactionDate" DATE,
    "valueDate" DATE NOT NULL,
    "amount" DECIMAL(20,2) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "description" TEXT,
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FundingLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Document" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "agreementId" TEXT,
    "activityId" TEXT,
    "deliverableId" TEXT,
    "outcomeId" TEXT,
    "sha256" CHAR(64) NOT NULL,
    "originalName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "categoryCode" VARCHAR(4) NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "languageCode" VARCHAR(8),
    "documentDate" DATE,
    "shareable" BOOLEAN NOT NULL DEFAULT false,
    "uploadedById" TEXT,
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" "Role" NOT NULL,
    "locale" VARCHAR(8),
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "totpSecret" TEXT,
    "totpEnabledAt" TIMESTAMP(3),
    "lastSignInAt" TIMESTAMP(3),
    "deactivatedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mfaVerified" BOOLEAN NOT NULL DEFAULT false,
    "userAgent" TEXT,
    "ip" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserCountry" (
    "userId" TEXT NOT NULL,
    "countryCode" CHAR(2) NOT NULL,

    CONSTRAINT "UserCountry_pkey" PRIMARY KEY ("userId","countryCode")
);

-- CreateTable
CREATE TABLE "UserOrganisation" (
    "userId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,

    CONSTRAINT "UserOrganisation_pkey" PRIMARY KEY ("userId","organisationId")
);

-- CreateTable
CREATE TABLE "AuthToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "purpose" "TokenPurpose" NOT NULL,
    "email" TEXT NOT NULL,
    "userId" TEXT,
    "role" "Role",
    "scope" JSONB,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuthToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecoveryCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "resetAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT,
    "action" VARCHAR(40) NOT NULL,
    "entityType" VARCHAR(40),
    "entityId" TEXT,
    "changes" JSONB,
    "metadata" JSONB,
    "ip" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_shortName_key" ON "Organisation"("shortName");

-- CreateIndex
CREATE INDEX "Organisation_countryCode_idx" ON "Organisation"("countryCode");

-- CreateIndex
CREATE UNIQUE INDEX "Programme_code_key" ON "Programme"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Programme_iatiIdentifier_key" ON "Programme"("iatiIdentifier");

-- CreateIndex
CREATE INDEX "Programme_status_idx" ON "Programme"("status");

-- CreateIndex
CREATE INDEX "ProgrammeOrganisation_organisationId_role_idx" ON "ProgrammeOrganisation"("organisationId", "role");

-- CreateIndex
CREATE INDEX "ProgrammeCountry_countryCode_idx" ON "ProgrammeCountry"("countryCode");

-- CreateIndex
CREATE INDEX "Agreement_programmeId_idx" ON "Agreement"("programmeId");

-- CreateIndex
CREATE INDEX "Agreement_parentId_idx" ON "Agreement"("parentId");

-- CreateIndex
CREATE INDEX "Agreement_status_expiresOn_idx" ON "Agreement"("status", "expiresOn");

-- CreateIndex
CREATE INDEX "AgreementParty_organisationId_idx" ON "AgreementParty"("organisationId");

-- CreateIndex
CREATE INDEX "Activity_programmeId_plannedStart_idx" ON "Activity"("programmeId", "plannedStart");

-- CreateIndex
CREATE INDEX "Activity_countryCode_idx" ON "Activity"("countryCode");

-- CreateIndex
CREATE INDEX "Activity_kind_idx" ON "Activity"("kind");

-- CreateIndex
CREATE INDEX "Activity_status_idx" ON "Activity"("status");

-- CreateIndex
CREATE INDEX "Activity_actualStart_idx" ON "Activity"("actualStart");

-- CreateIndex
CREATE INDEX "ActivityAgreement_agreementId_idx" ON "ActivityAgreement"("agreementId");

-- CreateIndex
CREATE INDEX "ActivityOrganisation_organisationId_idx" ON "ActivityOrganisation"("organisationId");

-- CreateIndex
CREATE INDEX "ActivityParticipantGroup_activityId_idx" ON "ActivityParticipantGroup"("activityId");

-- CreateIndex
CREATE INDEX "ActivityParticipantGroup_organisationId_idx" ON "ActivityParticipantGroup"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Deliverable_evidenceDocumentId_key" ON "Deliverable"("evidenceDocumentId");

-- CreateIndex
CREATE INDEX "Deliverable_programmeId_dueDate_idx" ON "Deliverable"("programmeId", "dueDate");

-- CreateIndex
CREATE INDEX "Deliverable_status_dueDate_idx" ON "Deliverable"("status", "dueDate");

-- CreateIndex
CREATE INDEX "Deliverable_agreementId_idx" ON "Deliverable"("agreementId");

-- CreateIndex
CREATE INDEX "Deliverable_activityId_idx" ON "Deliverable"("activityId");

-- CreateIndex
CREATE INDEX "Deliverable_responsibleOrgId_idx" ON "Deliverable"("responsibleOrgId");

-- CreateIndex
CREATE INDEX "Outcome_activityId_idx" ON "Outcome"("activityId");

-- CreateIndex
CREATE INDEX "Outcome_deliverableId_idx" ON "Outcome"("deliverableId");

-- CreateIndex
CREATE INDEX "Outcome_followUpStatus_idx" ON "Outcome"("followUpStatus");

-- CreateIndex
CREATE INDEX "Comment_outcomeId_idx" ON "Comment"("outcomeId");

-- CreateIndex
CREATE INDEX "Comment_deliverableId_idx" ON "Comment"("deliverableId");

-- CreateIndex
CREATE INDEX "Indicator_programmeId_idx" ON "Indicator"("programmeId");

-- CreateIndex
CREATE INDEX "Indicator_agreementId_idx" ON "Indicator"("agreementId");

-- CreateIndex
CREATE INDEX "IndicatorPeriod_indicatorId_periodStart_idx" ON "IndicatorPeriod"("indicatorId", "periodStart");

-- CreateIndex
CREATE INDEX "FundingLine_programmeId_kind_idx" ON "FundingLine"("programmeId", "kind");

-- CreateIndex
CREATE INDEX "FundingLine_providerOrgId_kind_idx" ON "FundingLine"("providerOrgId", "kind");

-- CreateIndex
CREATE INDEX "FundingLine_fiscalYear_idx" ON "FundingLine"("fiscalYear");

-- CreateIndex
CREATE INDEX "Document_programmeId_idx" ON "Document"("programmeId");

-- CreateIndex
CREATE INDEX "Document_agreementId_idx" ON "Document"("agreementId");

-- CreateIndex
CREATE INDEX "Document_activityId_idx" ON "Document"("activityId");

-- CreateIndex
CREATE INDEX "Document_deliverableId_idx" ON "Document"("deliverableId");

-- CreateIndex
CREATE INDEX "Document_outcomeId_idx" ON "Document"("outcomeId");

-- CreateIndex
CREATE INDEX "Document_sha256_idx" ON "Document"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "AuthToken_tokenHash_key" ON "AuthToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AuthToken_email_idx" ON "AuthToken"("email");

-- CreateIndex
CREATE INDEX "RecoveryCode_userId_idx" ON "RecoveryCode"("userId");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_at_idx" ON "AuditEvent"("entityType", "entityId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_countryCode_fkey" FOREIGN KEY ("countryCode") REFERENCES "Country"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeOrganisation" ADD CONSTRAINT "ProgrammeOrganisation_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeOrganisation" ADD CONSTRAINT "ProgrammeOrganisation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeCountry" ADD CONSTRAINT "ProgrammeCountry_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeCountry" ADD CONSTRAINT "ProgrammeCountry_countryCode_fkey" FOREIGN KEY ("countryCode") REFERENCES "Country"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeSector" ADD CONSTRAINT "ProgrammeSector_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Agreement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementParty" ADD CONSTRAINT "AgreementParty_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementParty" ADD CONSTRAINT "AgreementParty_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_countryCode_fkey" FOREIGN KEY ("countryCode") REFERENCES "Country"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityAgreement" ADD CONSTRAINT "ActivityAgreement_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityAgreement" ADD CONSTRAINT "ActivityAgreement_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityOrganisation" ADD CONSTRAINT "ActivityOrganisation_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityOrganisation" ADD CONSTRAINT "ActivityOrganisation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityParticipantGroup" ADD CONSTRAINT "ActivityParticipantGroup_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityParticipantGroup" ADD CONSTRAINT "ActivityParticipantGroup_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deliverable" ADD CONSTRAINT "Deliverable_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deliverable" ADD CONSTRAINT "Deliverable_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deliverable" ADD CONSTRAINT "Deliverable_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deliverable" ADD CONSTRAINT "Deliverable_responsibleOrgId_fkey" FOREIGN KEY ("responsibleOrgId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deliverable" ADD CONSTRAINT "Deliverable_evidenceDocumentId_fkey" FOREIGN KEY ("evidenceDocumentId") REFERENCES "Document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deliverable" ADD CONSTRAINT "Deliverable_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outcome" ADD CONSTRAINT "Outcome_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outcome" ADD CONSTRAINT "Outcome_responsibleOrgId_fkey" FOREIGN KEY ("responsibleOrgId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outcome" ADD CONSTRAINT "Outcome_deliverableId_fkey" FOREIGN KEY ("deliverableId") REFERENCES "Deliverable"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outcome" ADD CONSTRAINT "Outcome_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_outcomeId_fkey" FOREIGN KEY ("outcomeId") REFERENCES "Outcome"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_deliverableId_fkey" FOREIGN KEY ("deliverableId") REFERENCES "Deliverable"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorPeriod" ADD CONSTRAINT "IndicatorPeriod_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingLine" ADD CONSTRAINT "FundingLine_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingLine" ADD CONSTRAINT "FundingLine_providerOrgId_fkey" FOREIGN KEY ("providerOrgId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingLine" ADD CONSTRAINT "FundingLine_receiverOrgId_fkey" FOREIGN KEY ("receiverOrgId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_deliverableId_fkey" FOREIGN KEY ("deliverableId") REFERENCES "Deliverable"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_outcomeId_fkey" FOREIGN KEY ("outcomeId") REFERENCES "Outcome"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserCountry" ADD CONSTRAINT "UserCountry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserCountry" ADD CONSTRAINT "UserCountry_countryCode_fkey" FOREIGN KEY ("countryCode") REFERENCES "Country"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserOrganisation" ADD CONSTRAINT "UserOrganisation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserOrganisation" ADD CONSTRAINT "UserOrganisation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthToken" ADD CONSTRAINT "AuthToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecoveryCode" ADD CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Integrity rules Prisma cannot express; the forms check the same rules first
-- (app/schemas), these make sure nothing that bypasses them can break them.
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_participants_check" CHECK (
  COALESCE("participantsTotal", 0) >= 0 AND COALESCE("participantsFemale", 0) >= 0
  AND COALESCE("participantsMale", 0) >= 0 AND COALESCE("participantsOther", 0) >= 0
  AND ("participantsTotal" IS NULL OR
       COALESCE("participantsFemale", 0) + COALESCE("participantsMale", 0) + COALESCE("participantsOther", 0) <= "participantsTotal"));
ALTER TABLE "ActivityParticipantGroup" ADD CONSTRAINT "ActivityParticipantGroup_sex_check" CHECK (
  "total" >= 0 AND "female" >= 0 AND "male" >= 0 AND "other" >= 0 AND "female" + "male" + "other" <= "total");
ALTER TABLE "ProgrammeSector" ADD CONSTRAINT "ProgrammeSector_percentage_check" CHECK ("percentage" > 0 AND "percentage" <= 100);
ALTER TABLE "ProgrammeCountry" ADD CONSTRAINT "ProgrammeCountry_percentage_check" CHECK ("percentage" IS NULL OR ("percentage" >= 0 AND "percentage" <= 100));
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_currency_check" CHECK ("budgetCurrency" IS NULL OR "budgetCurrency" ~ '^[A-Z]{3}$');
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_currency_check" CHECK ("currency" IS NULL OR "currency" ~ '^[A-Z]{3}$');
ALTER TABLE "FundingLine" ADD CONSTRAINT "FundingLine_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$');
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_target_check" CHECK (("outcomeId" IS NULL) <> ("deliverableId" IS NULL));
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_not_own_parent_check" CHECK ("parentId" IS NULL OR "parentId" <> "id");

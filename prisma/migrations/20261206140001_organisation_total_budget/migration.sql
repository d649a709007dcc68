-- Issue 17, point 4: the centre's own total budget per calendar year, entered
-- by administrators and published as total-budget in the IATI organisation
-- file (/iati/organisation.xml). One row per year; the amount in the currency
-- it was entered in (the publisher's default currency at the time).

-- CreateTable
CREATE TABLE "OrganisationTotalBudget" (
    "year" INTEGER NOT NULL,
    "amount" DECIMAL(20,2) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "status" VARCHAR(4) NOT NULL DEFAULT '1',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrganisationTotalBudget_pkey" PRIMARY KEY ("year")
);

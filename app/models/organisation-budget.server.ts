import type { Prisma } from "@prisma/client";
import { message } from "~/i18n/translate";
import type { OrganisationBudgetForm } from "~/schemas/organisation-budget";
import { prisma } from "~/utils/db.server";
import { DomainError, notFoundError } from "~/utils/errors.server";
import { assertAdmin, type Ctx } from "./ctx.server";
import { auditChange, diffFields } from "./history.server";
import { getPublisher } from "./publisher.server";

// The centre's own total budget per calendar year (issue 17 point 4; ADR
// 0033): what IATI's organisation file calls total-budget, "the total annual
// planned budget of the organisation", entered by administrators. It is not
// the sum of the programmes' budgets (the centre spends on more than the
// programmes Concord records), so it is not computed.

export const ORGANISATION_BUDGET_ENTITY = "OrganisationTotalBudget";

/** Every year entered, oldest first. */
export async function listOrganisationBudgets() {
  return prisma.organisationTotalBudget.findMany({ orderBy: { year: "asc" } });
}

type YearTotal = { year: number; total: Prisma.Decimal };

/**
 * The published programmes' BUDGET lines per calendar year in `currency`
 * (lines in another currency are left out rather than converted at an
 * invented rate): shown beside the entered budget for comparison only.
 */
export async function publishedProgrammeBudgets(currency: string): Promise<YearTotal[]> {
  return prisma.$queryRaw<YearTotal[]>`
    SELECT COALESCE(f."fiscalYear", EXTRACT(YEAR FROM COALESCE(f."periodStart", f."valueDate"))::int)::int AS "year",
           SUM(f."amount") AS "total"
      FROM "FundingLine" f
      JOIN "Programme" p ON p."id" = f."programmeId"
     WHERE f."kind" = 'BUDGET' AND f."archivedAt" IS NULL AND f."currency" = ${currency}
       AND p."iatiPublished" AND p."archivedAt" IS NULL -- PUBLISHED_PROGRAMME
     GROUP BY 1
     ORDER BY 1`;
}

/**
 * Sets the budget of a year (creating or replacing it), in the publisher's
 * default currency. Administrators only; audited.
 */
export async function saveOrganisationBudget(ctx: Ctx, data: OrganisationBudgetForm) {
  assertAdmin(ctx);
  const publisher = await getPublisher();
  if (!publisher) throw new DomainError("invalid", message("iatiPublish.v.noPublisher"));
  return prisma.$transaction(async (tx) => {
    const before = await tx.organisationTotalBudget.findUnique({ where: { year: data.year } });
    const values = { amount: data.amount, currency: publisher.defaultCurrency, status: data.status };
    const after = before
      ? await tx.organisationTotalBudget.update({ where: { year: data.year }, data: { ...values, version: { increment: 1 } } })
      : await tx.organisationTotalBudget.create({ data: { year: data.year, ...values } });
    const changes = diffFields(before ?? {}, after, ["amount", "currency", "status"]);
    if (before && Object.keys(changes).length === 0) return after;
    await auditChange(tx, ctx, {
      action: before ? "update" : "create",
      entityType: ORGANISATION_BUDGET_ENTITY,
      entityId: String(data.year),
      changes,
      version: after.version,
    });
    return after;
  });
}

/** Removes a year's budget. The organisation file's last-updated-datetime must still move, so the publisher row is touched. */
export async function deleteOrganisationBudget(ctx: Ctx, year: number) {
  assertAdmin(ctx);
  return prisma.$transaction(async (tx) => {
    const before = await tx.organisationTotalBudget.findUnique({ where: { year } });
    if (!before) throw notFoundError("Budget year not found");
    await tx.organisationTotalBudget.delete({ where: { year } });
    await tx.publisherSettings.updateMany({ where: { id: 1 }, data: { updatedAt: new Date() } });
    await auditChange(tx, ctx, {
      action: "delete",
      entityType: ORGANISATION_BUDGET_ENTITY,
      entityId: String(year),
      changes: diffFields(before, {}, ["amount", "currency", "status"]) as Prisma.JsonObject,
    });
  });
}

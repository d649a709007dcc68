import { FundingFormSchema } from "~/schemas/funding";
import { formApiResource } from "~/utils/api-resource.server";
import { parseListQuery } from "~/utils/list-query";
import {
  createFundingLine,
  FUNDING_LIST,
  fundingFormDefaults,
  getFundingLine,
  listFunding,
  setFundingLineArchived,
  updateFundingLine,
  type FundingDetail,
  type FundingRow,
} from "./funding.server";

// Funding through the JSON API (/api/v1/funding, issue 19, point 5; ADR 0041).
// The model has one record type, the funding line, whose kind says whether it
// is a budget, a planned disbursement or a transaction (incoming funds,
// commitment, disbursement, expenditure): transactions are funding lines, not
// records nested under one, so they are served here with the rest and
// filtered by `kind`. The list is the funding page's query (filters, sorting,
// pages, scope: a partner sees the lines of its countries, a donor those of
// programmes its organisations fund) with its totals by currency and kind;
// writes are the funding form's schema and model functions.

export type FundingResource = ReturnType<typeof fundingResource>;

export function fundingResource(f: FundingDetail) {
  return { ...fundingFormDefaults(f), id: f.id, version: f.version, archived: f.archivedAt !== null, updatedAt: f.updatedAt.toISOString() };
}

const day = (d: Date | string | null) => (d === null ? null : typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10));

function listItem(r: FundingRow) {
  return {
    id: r.id,
    kind: r.kind,
    programmeCode: r.programme.code,
    providerOrgId: r.provider?.id ?? null,
    receiverOrgId: r.receiver?.id ?? null,
    fiscalYear: r.fiscalYear,
    periodStart: day(r.periodStart),
    periodEnd: day(r.periodEnd),
    transactionDate: day(r.transactionDate),
    valueDate: day(r.valueDate),
    amount: r.amount,
    currency: r.currency,
    description: r.description,
    archived: r.archivedAt !== null,
  };
}

export const fundingApi = formApiResource({
  path: "/api/v1/funding",
  notFound: "Funding line not found",
  what: "funding line",
  schema: FundingFormSchema,
  async list(caller, params) {
    const query = parseListQuery(params, FUNDING_LIST);
    const { rows, total, totals } = await listFunding(caller.scope, query);
    return { data: rows.map(listItem), page: query.page, perPage: query.perPage, total, totals };
  },
  get: getFundingLine,
  defaults: fundingFormDefaults,
  represent: fundingResource,
  create: createFundingLine,
  update: updateFundingLine,
  setArchived: setFundingLineArchived,
});

import { z } from "zod";
import { message as m, type MessageKey, type Translator } from "~/i18n/translate";
import { optionalIatiActivityId } from "./iati-fields";
import { afterOrSame, currencyCode, enumField, id, optionalAmount, optionalDate, optionalId, optionalText, requiredDate, withRules } from "./fields";

export const FUNDING_KINDS = ["BUDGET", "INCOMING_FUNDS", "INCOMING_COMMITMENT", "COMMITMENT", "DISBURSEMENT", "EXPENDITURE", "PLANNED_DISBURSEMENT"] as const;

/** Kinds that cover a period rather than happening on a day: IATI budget and planned-disbursement. */
export const PERIOD_KINDS: readonly string[] = ["BUDGET", "PLANNED_DISBURSEMENT"];
/** Kinds whose line names the funder's IATI activity (provider-org/@provider-activity-id): money coming in. */
export const PROVIDER_ACTIVITY_KINDS: readonly string[] = ["INCOMING_FUNDS", "INCOMING_COMMITMENT"];
/** Kinds whose line names the receiver's IATI activity (receiver-org/@receiver-activity-id): money going out. */
export const RECEIVER_ACTIVITY_KINDS: readonly string[] = ["COMMITMENT", "DISBURSEMENT"];

const fiscalYear = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.coerce
    .number({ invalid_type_error: m("funding.v.fiscalYearFormat") })
    .int(m("funding.v.fiscalYearFormat"))
    .min(1900, m("funding.v.fiscalYearRange"))
    .max(2100, m("funding.v.fiscalYearRange"))
    .optional(),
);

/** Required and more than zero; kept as a string so it reaches Decimal(20,2) exactly. */
const amount = optionalAmount("funding.v.amount").transform((v, ctx) => {
  if (v === undefined) {
    ctx.addIssue({ code: "custom", message: m("funding.v.amountRequired") });
    return z.NEVER;
  }
  if (v.startsWith("-") || /^0*(\.0*)?$/.test(v)) {
    ctx.addIssue({ code: "custom", message: m("funding.v.amountPositive") });
    return z.NEVER;
  }
  return v;
});

export const FundingFormSchema = withRules(
  z.object({
    /** The version the user loaded; present on edits (optimistic locking). */
    version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
    programmeId: id("funding.v.programme"),
    kind: enumField(FUNDING_KINDS, m("funding.v.kindChoose")),
    providerOrgId: optionalId(),
    receiverOrgId: optionalId(),
    fiscalYear,
    periodStart: optionalDate("funding.v.periodStart"),
    periodEnd: optionalDate("funding.v.periodEnd"),
    transactionDate: optionalDate("funding.v.transactionDate"),
    valueDate: requiredDate("funding.v.valueDate"),
    amount,
    // Required by currencyCode(true); the transform only narrows the type.
    currency: currencyCode(true).transform((c) => c ?? ""),
    description: optionalText("funding.v.description", 2000),
    // Traceability (issue 17): the other publishers' IATI activities.
    providerActivityId: optionalIatiActivityId("iatiFields.v.providerActivityId"),
    receiverActivityId: optionalIatiActivityId("iatiFields.v.receiverActivityId"),
  }),
  (f, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (f.kind === undefined) {
      // Which dates are needed depends on the kind; its own message asks for it.
    } else if (f.kind === "BUDGET") {
      if (!f.periodStart) issue("periodStart", m("funding.v.budgetStart"));
      if (!f.periodEnd) issue("periodEnd", m("funding.v.budgetEnd"));
    } else if (f.kind === "PLANNED_DISBURSEMENT") {
      // A forecast for a period, as a budget (IATI planned-disbursement has a period, no transaction date).
      if (!f.periodStart) issue("periodStart", m("iatiFields.v.plannedStart"));
      if (!f.periodEnd) issue("periodEnd", m("iatiFields.v.plannedEnd"));
    } else if (!f.transactionDate) {
      issue("transactionDate", m("funding.v.transactionDateRequired"));
    }
    // Said rather than dropped, so nothing typed is silently lost when the kind changes.
    if (f.kind && f.providerActivityId && !PROVIDER_ACTIVITY_KINDS.includes(f.kind)) issue("providerActivityId", m("iatiFields.v.providerOnlyIncoming"));
    if (f.kind && f.receiverActivityId && !RECEIVER_ACTIVITY_KINDS.includes(f.kind)) issue("receiverActivityId", m("iatiFields.v.receiverOnlyOutgoing"));
    if (!afterOrSame(f.periodStart, f.periodEnd)) issue("periodEnd", m("funding.v.periodOrder"));
  },
);

export type FundingForm = z.infer<typeof FundingFormSchema>;

/** Transactions have a date; budgets and planned disbursements have a period instead. */
export function isTransactionKind(kind: string): boolean {
  return !PERIOD_KINDS.includes(kind);
}

const FIELD_KEYS = {
  programmeId: "funding.field.programmeId", kind: "funding.field.kind", providerOrgId: "funding.field.providerOrgId",
  receiverOrgId: "funding.field.receiverOrgId", fiscalYear: "funding.field.fiscalYear", periodStart: "funding.field.periodStart",
  periodEnd: "funding.field.periodEnd", transactionDate: "funding.field.transactionDate", valueDate: "funding.field.valueDate",
  amount: "funding.field.amount", currency: "funding.field.currency", description: "funding.field.description",
  providerActivityId: "iatiFields.funding.providerActivityId", receiverActivityId: "iatiFields.funding.receiverActivityId",
} as const satisfies Record<string, MessageKey>;

/** Field names as people read them (history, conflicts), in the reader's language; client-safe. */
export function fundingFieldLabels(t: Translator): Record<string, string> {
  return Object.fromEntries(Object.entries(FIELD_KEYS).map(([field, key]) => [field, t(key)]));
}

import { z } from "zod";
import { afterOrSame, currencyCode, enumField, id, optionalAmount, optionalDate, optionalId, optionalText, requiredDate } from "./fields";

export const FUNDING_KINDS = ["BUDGET", "INCOMING_FUNDS", "INCOMING_COMMITMENT", "COMMITMENT", "DISBURSEMENT", "EXPENDITURE"] as const;

const fiscalYear = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.coerce
    .number({ invalid_type_error: "Enter the fiscal year as a year, e.g. 2024." })
    .int("Enter the fiscal year as a year, e.g. 2024.")
    .min(1900, "Enter a fiscal year between 1900 and 2100.")
    .max(2100, "Enter a fiscal year between 1900 and 2100.")
    .optional(),
);

/** Required and more than zero; kept as a string so it reaches Decimal(20,2) exactly. */
const amount = optionalAmount("the amount").transform((v, ctx) => {
  if (v === undefined) {
    ctx.addIssue({ code: "custom", message: "Enter the amount." });
    return z.NEVER;
  }
  if (v.startsWith("-") || /^0*(\.0*)?$/.test(v)) {
    ctx.addIssue({ code: "custom", message: "The amount must be more than zero." });
    return z.NEVER;
  }
  return v;
});

export const FundingFormSchema = z
  .object({
    /** The version the user loaded; present on edits (optimistic locking). */
    version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
    programmeId: id("the programme"),
    kind: enumField(FUNDING_KINDS, "Choose the kind: a budget or a type of transaction."),
    providerOrgId: optionalId(),
    receiverOrgId: optionalId(),
    fiscalYear,
    periodStart: optionalDate("the period start"),
    periodEnd: optionalDate("the period end"),
    transactionDate: optionalDate("the transaction date"),
    valueDate: requiredDate("the value date"),
    amount,
    // Required by currencyCode(true); the transform only narrows the type.
    currency: currencyCode(true).transform((c) => c ?? ""),
    description: optionalText("the description", 2000),
  })
  .superRefine((f, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (f.kind === "BUDGET") {
      if (!f.periodStart) issue("periodStart", "A budget covers a period: enter its start.");
      if (!f.periodEnd) issue("periodEnd", "A budget covers a period: enter its end.");
    } else if (!f.transactionDate) {
      issue("transactionDate", "Enter the date of the transaction.");
    }
    if (!afterOrSame(f.periodStart, f.periodEnd)) issue("periodEnd", "The period cannot end before it starts.");
  });

export type FundingForm = z.infer<typeof FundingFormSchema>;

/** Transactions have a date; budgets have a period instead. */
export function isTransactionKind(kind: string): boolean {
  return kind !== "BUDGET";
}

/** Client-safe: record pages render these. */
export const FUNDING_FIELD_LABELS: Record<string, string> = {
  programmeId: "Programme", kind: "Kind", providerOrgId: "Provider", receiverOrgId: "Receiver", fiscalYear: "Fiscal year",
  periodStart: "Period start", periodEnd: "Period end", transactionDate: "Transaction date", valueDate: "Value date",
  amount: "Amount", currency: "Currency", description: "Description",
};

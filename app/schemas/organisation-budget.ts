import { z } from "zod";
import { message as m } from "~/i18n/translate";
import { enumField, optionalAmount } from "./fields";

// One year of the centre's total budget (the IATI organisation file's
// total-budget), entered by administrators on /admin/iati-organisation.

/** IATI BudgetStatus: 1 indicative, 2 committed. */
export const BUDGET_STATUSES = ["1", "2"] as const;

export const OrganisationBudgetFormSchema = z.object({
  year: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce
      .number({ required_error: m("iatiPublish.v.yearRequired"), invalid_type_error: m("iatiPublish.v.yearFormat") })
      .int(m("iatiPublish.v.yearFormat"))
      .min(2000, m("iatiPublish.v.yearRange"))
      .max(2100, m("iatiPublish.v.yearRange")),
  ),
  amount: optionalAmount("iatiPublish.budget.amount").transform((v, ctx) => {
    if (v === undefined) {
      ctx.addIssue({ code: "custom", message: m("iatiPublish.v.amountRequired") });
      return z.NEVER;
    }
    if (v.startsWith("-") || /^0*(\.0*)?$/.test(v)) {
      ctx.addIssue({ code: "custom", message: m("iatiPublish.v.amountPositive") });
      return z.NEVER;
    }
    return v;
  }),
  status: enumField(BUDGET_STATUSES, m("iatiPublish.v.status")),
});

export type OrganisationBudgetForm = z.infer<typeof OrganisationBudgetFormSchema>;

import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { AcceptInvitationFormSchema, ChangePasswordFormSchema, NewPasswordFormSchema } from "~/schemas/account";
import { ActivityFormSchema } from "~/schemas/activity";
import { AgreementFormSchema } from "~/schemas/agreement";
import { DocumentFormSchema } from "~/schemas/document";
import { FundingFormSchema } from "~/schemas/funding";
import { IndicatorFormSchema } from "~/schemas/indicator";
import { OutcomeFormSchema } from "~/schemas/outcome";
import { ProgrammeFormSchema } from "~/schemas/programme";
import { InviteUserFormSchema, UserAccessFormSchema } from "~/schemas/user-admin";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { englishErrors } from "../support/english";

// A form shows all its problems at once: for every schema with rules across
// fields, an input with a field that fails outright (a missing choice, a word
// for a number) and a broken cross-field rule reports both, in one parse.

function errorsOf(schema: z.ZodTypeAny, input: unknown) {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? {} : englishErrors(zodErrorsToFieldErrors(result.error));
}

const cases: { name: string; schema: z.ZodTypeAny; input: Record<string, unknown>; field: string; rule: string }[] = [
  {
    name: "activity: no kind chosen, a group total in words, and the planned end before the start",
    schema: ActivityFormSchema,
    input: {
      programmeId: "p1", title: "Visit", status: "PLANNED", datePrecision: "DAY",
      plannedStart: "2024-05-10", plannedEnd: "2024-05-01",
      participantGroups: [{ label: "Nurses", total: "twelve" }],
    },
    field: "kind",
    rule: "plannedEnd",
  },
  {
    name: "activity: a participant group's own rule runs while its total is not a number",
    schema: ActivityFormSchema,
    input: { programmeId: "p1", title: "Visit", kind: "WORKSHOP", status: "PLANNED", datePrecision: "DAY", participantGroups: [{ female: "3", total: "x" }] },
    field: "participantGroups.0.total",
    rule: "participantGroups.0.organisationId",
  },
  {
    name: "agreement: no type chosen, and the expiry before the signature",
    schema: AgreementFormSchema,
    input: { programmeId: "p1", title: "MoU", status: "SIGNED", signedPrecision: "DAY", signedOn: "2024-05-10", expiresOn: "2024-05-01" },
    field: "type",
    rule: "expiresOn",
  },
  {
    name: "agreement: a date that is not a day does not stop the value-without-currency rule",
    schema: AgreementFormSchema,
    input: { programmeId: "p1", type: "MOU", title: "MoU", status: "SIGNED", signedPrecision: "DAY", signedOn: "2024-13-45", expiresOn: "2024-05-01", value: "100" },
    field: "signedOn",
    rule: "currency",
  },
  {
    name: "funding: no kind chosen for a budget-less line, and its period ends before it starts",
    schema: FundingFormSchema,
    input: { programmeId: "p1", valueDate: "2024-01-01", amount: "10", currency: "USD", periodStart: "2024-05-10", periodEnd: "2024-05-01" },
    field: "kind",
    rule: "periodEnd",
  },
  {
    name: "outcome: no type chosen, and 'not pursued' without a reason",
    schema: OutcomeFormSchema,
    input: { activityId: "a1", text: "Agreed", followUpStatus: "NOT_PURSUED" },
    field: "type",
    rule: "followUpNote",
  },
  {
    name: "indicator: no measure chosen, and a period that ends before it starts",
    schema: IndicatorFormSchema,
    input: { programmeId: "p1", resultType: "OUTPUT", title: "Nurses trained", periods: [{ periodStart: "2024-05-10", periodEnd: "2024-05-01" }] },
    field: "measure",
    rule: "periods.0.periodEnd",
  },
  {
    name: "document: no category chosen, and attached to nothing",
    schema: DocumentFormSchema,
    input: { title: "Report" },
    field: "categoryCode",
    rule: "programmeId",
  },
  {
    name: "programme: no status chosen, and the planned end before the start",
    schema: ProgrammeFormSchema,
    input: { code: "AB-1", title: "Programme", plannedStart: "2024-05-10", plannedEnd: "2024-05-01" },
    field: "status",
    rule: "plannedEnd",
  },
  {
    name: "new password: the password missing, and the confirmation blank",
    schema: NewPasswordFormSchema,
    input: { confirm: "" },
    field: "password",
    rule: "confirm",
  },
  {
    name: "invitation: no name, and the confirmation differs",
    schema: AcceptInvitationFormSchema,
    input: { password: "long enough password", confirm: "something else" },
    field: "name",
    rule: "confirm",
  },
  {
    name: "change password: the current one missing, and the confirmation differs",
    schema: ChangePasswordFormSchema,
    input: { password: "long enough password", confirm: "something else" },
    field: "current",
    rule: "confirm",
  },
  {
    name: "invite user: no e-mail, and a partner without a country",
    schema: InviteUserFormSchema,
    input: { name: "A. Person", role: "PARTNER", organisationIds: ["x"], email: 42 },
    field: "email",
    rule: "countries",
  },
  {
    name: "user access: a version that is not a number, and a donor without an organisation",
    schema: UserAccessFormSchema,
    input: { version: "abc", role: "DONOR" },
    field: "version",
    rule: "organisationIds",
  },
];

describe("every schema with rules across fields reports field and rule errors together", () => {
  for (const c of cases) {
    it(c.name, () => {
      const errors = errorsOf(c.schema, c.input);
      expect(Object.keys(errors)).toContain(c.field);
      expect(Object.keys(errors)).toContain(c.rule);
    });
  }

  it("a field's own message wins over a rule's message for the same field", () => {
    const errors = errorsOf(AgreementFormSchema, {
      programmeId: "p1", type: "MOU", title: "MoU", status: "SIGNED", signedPrecision: "DAY", value: "100", currency: "XYZ",
    });
    expect(errors.currency).not.toMatch(/value/i);
  });
});

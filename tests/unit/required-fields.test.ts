import { describe, expect, it } from "vitest";
import { ActivityFormSchema } from "~/schemas/activity";
import { AgreementFormSchema } from "~/schemas/agreement";
import { DocumentFormSchema } from "~/schemas/document";
import { FundingFormSchema } from "~/schemas/funding";
import { ProgrammeFormSchema } from "~/schemas/programme";
import { requiredFields } from "~/utils/form";

// A form's "required" markers come from its schema: a field is required when
// the schema refuses it blank, given what the rest of the form holds.

describe("requiredFields", () => {
  it("marks what each schema refuses blank, and nothing it accepts blank", () => {
    expect([...requiredFields(ActivityFormSchema, {})].sort()).toEqual(["datePrecision", "kind", "programmeId", "status", "title"]);
    expect(requiredFields(AgreementFormSchema, {})).toEqual(new Set(["programmeId", "type", "title", "status", "signedPrecision"]));
    // The IATI classifications are selects that always hold a code; blank is refused.
    expect(requiredFields(ProgrammeFormSchema, {})).toEqual(
      new Set(["code", "title", "status", "iatiAidType", "iatiFlowType", "iatiFinanceType", "iatiTiedStatus", "iatiCollaborationType"]),
    );
  });

  it("follows conditions across fields: a transaction's date, a value's currency, a document's programme", () => {
    expect(requiredFields(FundingFormSchema, { kind: "DISBURSEMENT" }).has("transactionDate")).toBe(true);
    expect(requiredFields(FundingFormSchema, { kind: "BUDGET" }).has("transactionDate")).toBe(false);
    expect(requiredFields(FundingFormSchema, { kind: "BUDGET" }).has("periodStart")).toBe(true);
    expect(requiredFields(FundingFormSchema, { kind: "PLANNED_DISBURSEMENT" }).has("periodEnd")).toBe(true);
    expect(requiredFields(FundingFormSchema, { kind: "PLANNED_DISBURSEMENT" }).has("transactionDate")).toBe(false);
    expect(requiredFields(AgreementFormSchema, { value: "100" }).has("currency")).toBe(true);
    expect(requiredFields(AgreementFormSchema, {}).has("currency")).toBe(false);
    expect(requiredFields(DocumentFormSchema, {}).has("programmeId")).toBe(true);
    expect(requiredFields(DocumentFormSchema, { activityId: "a1" }).has("programmeId")).toBe(false);
  });
});

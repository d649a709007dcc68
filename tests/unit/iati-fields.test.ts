import { describe, expect, it } from "vitest";
import { serverTranslator } from "~/i18n/catalogues.server";
import { ActivityFormSchema } from "~/schemas/activity";
import { FundingFormSchema } from "~/schemas/funding";
import { iatiCodeChoices, IATI_PROGRAMME_DEFAULTS } from "~/schemas/iati-fields";
import { ProgrammeFormSchema } from "~/schemas/programme";
import { zodErrorsToFieldErrors } from "~/utils/form";
import type { ZodTypeAny } from "zod";

// The fields IATI publication needs from the record forms (issue 17): each
// rule and each message, in English and, for one of each, in Russian.

function errorsIn(locale: "en" | "ru" | "ko", schema: ZodTypeAny, values: Record<string, unknown>): Record<string, string> {
  const t = serverTranslator(locale);
  const r = schema.safeParse(values);
  return r.success ? {} : Object.fromEntries(Object.entries(zodErrorsToFieldErrors(r.error)).map(([k, v]) => [k, t.text(v)]));
}
const errors = (schema: ZodTypeAny, values: Record<string, unknown>) => errorsIn("en", schema, values);

const programme = (overrides: Record<string, unknown> = {}) => ({
  code: "IATI-TEST",
  title: "Strategic purchasing",
  status: "IMPLEMENTATION",
  organisations: [],
  countries: [],
  sectors: [],
  ...overrides,
});

describe("programme IATI classifications", () => {
  it("take the technical-cooperation defaults when the form does not send them", () => {
    const p = ProgrammeFormSchema.parse(programme());
    expect([p.iatiAidType, p.iatiFlowType, p.iatiFinanceType, p.iatiTiedStatus, p.iatiCollaborationType]).toEqual(["D02", "10", "110", "5", "1"]);
    expect(IATI_PROGRAMME_DEFAULTS.iatiAidType).toBe("D02");
  });

  it("accept active codes of each codelist", () => {
    const p = ProgrammeFormSchema.parse(
      programme({ iatiAidType: "E01", iatiFlowType: "21", iatiFinanceType: "421", iatiTiedStatus: "3", iatiCollaborationType: "8" }),
    );
    expect([p.iatiAidType, p.iatiFlowType, p.iatiFinanceType, p.iatiTiedStatus, p.iatiCollaborationType]).toEqual(["E01", "21", "421", "3", "8"]);
  });

  it("refuse a blank choice, an unknown code and a withdrawn one, next to the field", () => {
    expect(errors(ProgrammeFormSchema, programme({ iatiAidType: "" }))).toEqual({ iatiAidType: "Choose a default aid type." });
    expect(errors(ProgrammeFormSchema, programme({ iatiAidType: "Z99" }))).toEqual({
      iatiAidType: "Choose a default aid type from the list: Z99 is not an active code of IATI's AidType codelist.",
    });
    // FlowType 20 (OOF) is withdrawn in 2.03.
    expect(errors(ProgrammeFormSchema, programme({ iatiFlowType: "20" })).iatiFlowType).toMatch(/20 is not an active code of IATI's FlowType codelist/);
    expect(errors(ProgrammeFormSchema, programme({ iatiFinanceType: "" })).iatiFinanceType).toBe("Choose a finance type.");
    expect(errors(ProgrammeFormSchema, programme({ iatiTiedStatus: "9" })).iatiTiedStatus).toMatch(/^Choose a tied status from the list/);
    expect(errors(ProgrammeFormSchema, programme({ iatiCollaborationType: "5" })).iatiCollaborationType).toMatch(/CollaborationType codelist/);
    expect(errorsIn("ru", ProgrammeFormSchema, programme({ iatiAidType: "" }))).toEqual({ iatiAidType: "Выберите тип помощи по умолчанию." });
  });

  it("offer technical cooperation first, then every other active aid type, and no withdrawn code", () => {
    const aid = iatiCodeChoices("iatiAidType").map((c) => c.code);
    expect(aid.slice(0, 4)).toEqual(["D01", "D02", "E01", "E02"]);
    expect(new Set(aid).size).toBe(aid.length);
    expect(aid).toContain("A01");
    expect(iatiCodeChoices("iatiFlowType").map((c) => c.code)).not.toContain("20");
    expect(iatiCodeChoices("iatiAidType")[1]).toEqual({ code: "D02", name: "Other technical assistance" });
  });
});

describe("recipient country shares", () => {
  const countries = (...rows: [string, string][]) => programme({ countries: rows.map(([countryCode, percentage]) => ({ countryCode, percentage })) });

  it("are asked for each country when there are several, in the reader's language", () => {
    expect(errorsIn("ru", ProgrammeFormSchema, countries(["BY", "50"], ["KZ", ""]))).toEqual({
      "countries.1.percentage": "Если в программе несколько стран, IATI требует указать долю каждой страны: укажите её, в сумме доли должны составлять 100%.",
    });
    expect(Object.keys(errorsIn("ko", ProgrammeFormSchema, countries(["BY", ""], ["KZ", ""], ["UZ", ""])))).toEqual([
      "countries.0.percentage",
      "countries.1.percentage",
      "countries.2.percentage",
    ]);
  });

  it("are not needed for one country, and add up to 100 when there are several", () => {
    expect(errors(ProgrammeFormSchema, countries(["BY", ""]))).toEqual({});
    expect(errors(ProgrammeFormSchema, countries(["BY", "33.33"], ["KZ", "33.33"], ["UZ", "33.34"]))).toEqual({});
    expect(errors(ProgrammeFormSchema, countries(["BY", "50"], ["KZ", "40"])).countries).toBe("Country shares add up to 90%; they must add up to 100%.");
    // A blank row among them is not a country.
    expect(errors(ProgrammeFormSchema, countries(["BY", ""], ["", ""]))).toEqual({});
  });
});

const funding = (overrides: Record<string, unknown> = {}) => ({
  programmeId: "p1",
  kind: "INCOMING_FUNDS",
  transactionDate: "2024-03-15",
  valueDate: "2024-03-15",
  amount: "1000",
  currency: "USD",
  ...overrides,
});

describe("funding traceability", () => {
  it("keeps the funder's activity on incoming lines and the receiver's on outgoing commitments and disbursements", () => {
    expect(FundingFormSchema.parse(funding({ providerActivityId: " XM-DAC-701-8-123456 " })).providerActivityId).toBe("XM-DAC-701-8-123456");
    expect(FundingFormSchema.parse(funding({ kind: "INCOMING_COMMITMENT", providerActivityId: "44000-P123456" })).providerActivityId).toBe("44000-P123456");
    expect(FundingFormSchema.parse(funding({ kind: "DISBURSEMENT", receiverActivityId: "BY-GOV-1-X" })).receiverActivityId).toBe("BY-GOV-1-X");
    expect(FundingFormSchema.parse(funding({ kind: "COMMITMENT", receiverActivityId: "BY-GOV-1-X" })).receiverActivityId).toBe("BY-GOV-1-X");
    expect(FundingFormSchema.parse(funding({ providerActivityId: "" })).providerActivityId).toBeUndefined();
  });

  it("refuses spaces, / & | ?, and over 150 characters", () => {
    expect(errors(FundingFormSchema, funding({ providerActivityId: "XM-DAC 701" }))).toEqual({
      providerActivityId: "The funder's IATI activity identifier cannot contain spaces.",
    });
    for (const bad of ["XM-DAC-701/1", "A&B", "A|B", "A?B"]) {
      expect(errors(FundingFormSchema, funding({ providerActivityId: bad })).providerActivityId).toBe(
        "The funder's IATI activity identifier cannot contain /, &, | or ?.",
      );
    }
    for (const bad of ["XM-DAC-701-\u0000", "ХМ-DAC-701", "XM-DAC-701\u200B-1"]) {
      expect(errors(FundingFormSchema, funding({ providerActivityId: bad })).providerActivityId).toBe(
        "The funder's IATI activity identifier can contain only Latin letters, digits and punctuation such as - . _",
      );
    }
    expect(errors(FundingFormSchema, funding({ kind: "DISBURSEMENT", receiverActivityId: "X".repeat(151) })).receiverActivityId).toBe(
      "Keep the receiver's IATI activity identifier under 150 characters.",
    );
    expect(errorsIn("ru", FundingFormSchema, funding({ providerActivityId: "A B" })).providerActivityId).toBe(
      "Идентификатор мероприятия IATI у финансирующей стороны не может содержать пробелов.",
    );
  });

  it("refuses the funder's activity on an outgoing line and the receiver's on an incoming one, rather than dropping it", () => {
    expect(errors(FundingFormSchema, funding({ kind: "DISBURSEMENT", providerActivityId: "XM-DAC-701-1" }))).toEqual({
      providerActivityId: "Only incoming funds and incoming commitments name the funder's activity: clear this field or change the kind.",
    });
    expect(errors(FundingFormSchema, funding({ receiverActivityId: "BY-GOV-1-X" }))).toEqual({
      receiverActivityId: "Only outgoing commitments and disbursements name the receiver's activity: clear this field or change the kind.",
    });
    expect(errors(FundingFormSchema, funding({ kind: "EXPENDITURE", receiverActivityId: "BY-GOV-1-X" })).receiverActivityId).toMatch(/^Only outgoing/);
  });
});

describe("planned disbursements", () => {
  const planned = (overrides: Record<string, unknown> = {}) =>
    funding({ kind: "PLANNED_DISBURSEMENT", transactionDate: "", periodStart: "2025-01-01", periodEnd: "2025-12-31", valueDate: "2025-01-01", ...overrides });

  it("are a kind with a period and no transaction date, as budgets", () => {
    const line = FundingFormSchema.parse(planned());
    expect(line.kind).toBe("PLANNED_DISBURSEMENT");
    expect(line.transactionDate).toBeUndefined();
  });

  it("need their period's start and end, in order", () => {
    expect(errors(FundingFormSchema, planned({ periodStart: "", periodEnd: "" }))).toEqual({
      periodStart: "A planned disbursement covers a period: enter its start.",
      periodEnd: "A planned disbursement covers a period: enter its end.",
    });
    expect(errors(FundingFormSchema, planned({ periodEnd: "2024-12-31" })).periodEnd).toBeDefined();
    expect(errorsIn("ko", FundingFormSchema, planned({ periodStart: "" })).periodStart).toBe("지출 계획은 기간 단위입니다. 시작일을 입력하십시오.");
  });
});

const activity = (overrides: Record<string, unknown> = {}) => ({
  programmeId: "p1",
  kind: "WORKSHOP",
  title: "Workshop",
  status: "COMPLETED",
  datePrecision: "DAY",
  organisations: [],
  participantGroups: [],
  ...overrides,
});

describe("activity coordinates", () => {
  it("take both or neither, up to 6 decimals, normalised", () => {
    const a = ActivityFormSchema.parse(activity({ latitude: "37.342200", longitude: " 127,9202 " }));
    expect([a.latitude, a.longitude]).toEqual(["37.3422", "127.9202"]);
    const none = ActivityFormSchema.parse(activity({ latitude: "", longitude: "" }));
    expect([none.latitude, none.longitude]).toEqual([undefined, undefined]);
    expect(ActivityFormSchema.parse(activity({ latitude: "-90", longitude: "180" })).latitude).toBe("-90");
  });

  it("refuse one without the other, next to the missing one", () => {
    expect(errors(ActivityFormSchema, activity({ latitude: "37.3422", longitude: "" }))).toEqual({
      longitude: "Enter the longitude as well, or clear the latitude.",
    });
    expect(errors(ActivityFormSchema, activity({ latitude: "", longitude: "127.9202" }))).toEqual({
      latitude: "Enter the latitude as well, or clear the longitude.",
    });
  });

  it("refuse values out of range, not numbers, and more than 6 decimals", () => {
    expect(errors(ActivityFormSchema, activity({ latitude: "90.5", longitude: "0" }))).toEqual({ latitude: "The latitude must be between −90 and 90." });
    expect(errors(ActivityFormSchema, activity({ latitude: "0", longitude: "-181" }))).toEqual({ longitude: "The longitude must be between −180 and 180." });
    expect(errors(ActivityFormSchema, activity({ latitude: "north", longitude: "0" }))).toEqual({ latitude: "Enter the latitude as a number." });
    expect(errors(ActivityFormSchema, activity({ latitude: "37.1234567", longitude: "0" }))).toEqual({
      latitude: "The latitude can have at most 6 digits after the decimal point.",
    });
    expect(errorsIn("ru", ActivityFormSchema, activity({ latitude: "91", longitude: "0" }))).toEqual({ latitude: "Широта должна быть от −90 до 90." });
  });
});

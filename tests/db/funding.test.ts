import { beforeAll, describe, expect, it } from "vitest";
import { ctxFor } from "~/models/ctx.server";
import type { Scope } from "~/auth/scope.server";
import {
  createFundingLine,
  deleteFundingLine,
  FUNDING_LIST,
  getFundingLine,
  listFunding,
  setFundingLineArchived,
  updateFundingLine,
} from "~/models/funding.server";
import { listHistory } from "~/models/history.server";
import { FundingFormSchema, type FundingForm } from "~/schemas/funding";
import { prisma } from "~/utils/db.server";
import { ConflictError } from "~/utils/errors.server";
import { parseListQuery } from "~/utils/list-query";
import { parse as parseCsv } from "csv-parse/sync";
import { fundingColumns } from "~/components/funding/funding-columns";
import { serverTranslator } from "~/i18n/catalogues.server";
import { createFormatter } from "~/i18n/format";
import { toCsv } from "~/reports/csv.server";
import { createOrganisation, createProgramme, createUser } from "../factories";
import { createFundingLine as makeLine } from "../factories/results";
import { english } from "../support/english";

// The list's columns as an English reader gets them (table and CSV).
const FUNDING_COLUMNS = fundingColumns(serverTranslator("en"), createFormatter(serverTranslator("en")));

const staff: Scope = { kind: "staff" };
let actor: { id: string; email: string };
let by: { id: string; code: string };
let kz: { id: string; code: string };
let koica: { id: string };
let ministry: { id: string };

beforeAll(async () => {
  const { user } = await createUser(prisma, { role: "STAFF" });
  actor = { id: user.id, email: user.email };
  by = await createProgramme(prisma, { countries: ["BY"], title: "Hospital payment reform in Belarus" });
  kz = await createProgramme(prisma, { countries: ["KZ"], title: "Cancer care exchange with Kazakhstan" });
  koica = await createOrganisation(prisma, { shortName: `KOICA-${Date.now()}` });
  ministry = await createOrganisation(prisma, { shortName: `MOH-BY-${Date.now()}`, countryCode: "BY" });
});

/** What the browser posts. */
function form(overrides: Record<string, unknown> = {}) {
  return {
    version: "",
    programmeId: by.id,
    kind: "DISBURSEMENT",
    providerOrgId: koica.id,
    receiverOrgId: ministry.id,
    fiscalYear: "",
    periodStart: "",
    periodEnd: "",
    transactionDate: "2024-03-15",
    valueDate: "2024-03-15",
    amount: "1,250,000.50",
    currency: "usd",
    description: "",
    ...overrides,
  };
}

function errors(input: unknown): Record<string, string> {
  const parsed = FundingFormSchema.safeParse(input);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), english(i.message)]));
}

const parse = (input: unknown): FundingForm => FundingFormSchema.parse(input);

describe("FundingFormSchema", () => {
  it("accepts a transaction and normalises the amount and currency", () => {
    const data = parse(form());
    expect(data.amount).toBe("1250000.50");
    expect(data.currency).toBe("USD");
    expect(data.valueDate.toISOString()).toBe("2024-03-15T00:00:00.000Z");
  });

  it("requires a budget's period, with an end not before its start", () => {
    const e = errors(form({ kind: "BUDGET", transactionDate: "" }));
    expect(e.periodStart).toBe("A budget covers a period: enter its start.");
    expect(e.periodEnd).toBe("A budget covers a period: enter its end.");
    expect(errors(form({ kind: "BUDGET", transactionDate: "", periodStart: "2024-12-31", periodEnd: "2024-01-01" })).periodEnd).toBe(
      "The period cannot end before it starts.",
    );
    expect(errors(form({ kind: "BUDGET", transactionDate: "", periodStart: "2024-01-01", periodEnd: "2024-12-31" }))).toEqual({});
  });

  it("requires a transaction date for every kind except a budget", () => {
    for (const kind of ["INCOMING_FUNDS", "INCOMING_COMMITMENT", "COMMITMENT", "DISBURSEMENT", "EXPENDITURE"]) {
      expect(errors(form({ kind, transactionDate: "" })).transactionDate).toBe("Enter the date of the transaction.");
    }
  });

  it("requires a value date, a real ISO currency and an amount above zero", () => {
    expect(errors(form({ valueDate: "" })).valueDate).toBe("Enter the value date.");
    expect(errors(form({ currency: "XYZ" })).currency).toBe("Use an ISO 4217 currency code such as KRW, USD or EUR.");
    expect(errors(form({ currency: "dollars" })).currency).toBe("Use an ISO 4217 currency code such as KRW, USD or EUR.");
    expect(errors(form({ currency: "" })).currency).toBe("Choose a currency.");
    expect(errors(form({ amount: "0" })).amount).toBe("The amount must be more than zero.");
    expect(errors(form({ amount: "0.00" })).amount).toBe("The amount must be more than zero.");
    expect(errors(form({ amount: "-5" })).amount).toBe("The amount must be more than zero.");
    expect(errors(form({ amount: "" })).amount).toBe("Enter the amount.");
    expect(errors(form({ amount: "12.345" })).amount).toBe("The amount can have at most 2 digits after the decimal point.");
    expect(errors(form({ kind: "GIFT" })).kind).toMatch(/Choose the kind/);
  });
});

describe("funding records", () => {
  it("creates a line and records who did it", async () => {
    const created = await createFundingLine(ctxFor(actor, undefined, { ip: "10.0.0.2" }), parse(form({ description: "First tranche" })));
    const stored = await getFundingLine(staff, created.id);
    expect(stored?.amount.toFixed(2)).toBe("1250000.50");
    expect(stored?.provider?.id).toBe(koica.id);
    const [event] = await listHistory("FundingLine", created.id);
    expect(event).toMatchObject({ action: "create", actorEmail: actor.email });
    expect(event.changes).toMatchObject({ kind: "DISBURSEMENT", amount: "1250000.5", currency: "USD", valueDate: "2024-03-15" });
  });

  it("refuses an unknown organisation or an archived programme", async () => {
    await expect(createFundingLine(ctxFor(actor), parse(form({ providerOrgId: "missing" })))).rejects.toMatchObject({ details: { field: "providerOrgId" } });
    const archived = await createProgramme(prisma, { countries: ["BY"], archived: true });
    await expect(createFundingLine(ctxFor(actor), parse(form({ programmeId: archived.id })))).rejects.toMatchObject({ details: { field: "programmeId" } });
  });

  it("updates with an audited diff and refuses a stale version", async () => {
    const created = await createFundingLine(ctxFor(actor), parse(form()));
    const result = await updateFundingLine(ctxFor(actor), created.id, created.version, parse(form({ amount: "1250000.5", description: "Corrected" })));
    // 1250000.5 is the stored amount: only the description changed.
    expect(result.changed).toEqual(["description"]);
    const stale = updateFundingLine(ctxFor(actor), created.id, created.version, parse(form({ amount: "99" })));
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await stale.catch((e: ConflictError) => expect(e.changes.description).toEqual({ mine: null, theirs: "Corrected" }));
    const stored = await prisma.fundingLine.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.amount.toFixed(2)).toBe("1250000.50");
    expect(stored.version).toBe(created.version + 1);
    const [event] = await listHistory("FundingLine", created.id);
    expect(event.changes).toEqual({ description: { before: null, after: "Corrected" } });
  });

  it("archives, restores and deletes", async () => {
    const created = await createFundingLine(ctxFor(actor), parse(form({ description: "Line to remove" })));
    await setFundingLineArchived(ctxFor(actor), created.id, true);
    expect((await listFunding(staff, parseListQuery(new URLSearchParams({ q: "Line to remove" }), FUNDING_LIST))).total).toBe(0);
    expect((await listFunding(staff, parseListQuery(new URLSearchParams({ q: "Line to remove", archived: "1" }), FUNDING_LIST))).total).toBe(1);
    await setFundingLineArchived(ctxFor(actor), created.id, false);
    await deleteFundingLine(ctxFor(actor), created.id);
    expect(await prisma.fundingLine.findUnique({ where: { id: created.id } })).toBeNull();
    expect((await listHistory("FundingLine", created.id)).map((e) => e.action)).toEqual(["delete", "restore", "archive", "create"]);
  });
});

describe("funding list", () => {
  let programme: { id: string };
  let donor: { id: string };
  let hospital: { id: string };
  beforeAll(async () => {
    programme = await createProgramme(prisma, { countries: ["UZ"], title: "Primary care in Uzbekistan" });
    donor = await createOrganisation(prisma, { shortName: "Korea Foundation for International Healthcare" });
    hospital = await createOrganisation(prisma, { shortName: "Tashkent Medical Academy" });
    const p = programme.id;
    await makeLine(prisma, { programmeId: p, kind: "DISBURSEMENT", amount: "1250000.50", currency: "USD", valueDate: "2024-03-15", providerOrgId: donor.id, receiverOrgId: hospital.id, description: "First tranche" });
    await makeLine(prisma, { programmeId: p, kind: "DISBURSEMENT", amount: "0.25", currency: "USD", valueDate: "2024-05-01", providerOrgId: donor.id });
    await makeLine(prisma, { programmeId: p, kind: "COMMITMENT", amount: "32000000000", currency: "KRW", valueDate: "2023-11-20", providerOrgId: donor.id, description: "Grant agreement" });
    await makeLine(prisma, { programmeId: p, kind: "BUDGET", amount: "500000", currency: "USD", valueDate: "2025-01-01", periodStart: "2025-01-01", periodEnd: "2025-12-31" });
    await makeLine(prisma, { programmeId: p, kind: "EXPENDITURE", amount: "75", currency: "EUR", valueDate: "2024-06-30", receiverOrgId: hospital.id, archived: true });
  });

  const query = (params: Record<string, string>) => parseListQuery(new URLSearchParams({ programme: programme.id, ...params }), FUNDING_LIST);
  const amounts = async (params: Record<string, string>) => (await listFunding(staff, query(params), true)).rows.map((r) => `${r.amount} ${r.currency}`);

  it("totals the filtered lines by currency and kind in the database, on every page", async () => {
    const { totals, total } = await listFunding(staff, query({ page: "2" }));
    expect(total).toBe(4);
    expect(totals).toEqual([
      { currency: "KRW", kind: "COMMITMENT", lines: 1, amount: "32000000000.00" },
      { currency: "USD", kind: "BUDGET", lines: 1, amount: "500000.00" },
      { currency: "USD", kind: "DISBURSEMENT", lines: 2, amount: "1250000.75" },
    ]);
    const filtered = await listFunding(staff, query({ currency: "usd", kind: "DISBURSEMENT" }));
    expect(filtered.totals).toEqual([{ currency: "USD", kind: "DISBURSEMENT", lines: 2, amount: "1250000.75" }]);
  });

  it("sorts by value date (newest first by default) and by amount", async () => {
    expect(await amounts({})).toEqual(["500000.00 USD", "0.25 USD", "1250000.50 USD", "32000000000.00 KRW"]);
    expect(await amounts({ sort: "amount", dir: "asc" })).toEqual(["0.25 USD", "500000.00 USD", "1250000.50 USD", "32000000000.00 KRW"]);
    expect((await listFunding(staff, query({ sort: "kind", dir: "asc" }), true)).rows.map((r) => r.kind)).toEqual(["BUDGET", "COMMITMENT", "DISBURSEMENT", "DISBURSEMENT"]);
  });

  it("filters by kind, organisation on either side, currency, country and value date", async () => {
    expect(await amounts({ kind: "COMMITMENT" })).toEqual(["32000000000.00 KRW"]);
    expect(await amounts({ kind: "GIFT" })).toEqual([]);
    expect(await amounts({ organisation: hospital.id })).toEqual(["1250000.50 USD"]);
    expect((await amounts({ organisation: donor.id })).length).toBe(3);
    expect(await amounts({ currency: "KRW" })).toEqual(["32000000000.00 KRW"]);
    expect((await amounts({ country: "UZ" })).length).toBe(4);
    expect(await amounts({ country: "BY" })).toEqual([]);
    expect(await amounts({ from: "2024-01-01", to: "2024-12-31" })).toEqual(["0.25 USD", "1250000.50 USD"]);
    expect(await amounts({ archived: "1" })).toEqual(["75.00 EUR"]);
  });

  it("exports exactly the table's columns, amounts as plain numbers beside their currency", async () => {
    const { rows } = await listFunding(staff, query({}), true);
    const csv = parseCsv(toCsv(FUNDING_COLUMNS, rows), { bom: true }) as string[][];
    expect(csv[0]).toEqual(FUNDING_COLUMNS.map((c) => c.header));
    expect(csv.slice(1).map((r) => [r[0], r[1], r[5], r[7], r[8]])).toEqual([
      ["2025-01-01", "Budget", "2025-01-01 to 2025-12-31", "500000.00", "USD"],
      ["2024-05-01", "Disbursement", "2024-05-01", "0.25", "USD"],
      ["2024-03-15", "Disbursement", "2024-03-15", "1250000.50", "USD"],
      ["2023-11-20", "Outgoing commitment", "2023-11-20", "32000000000.00", "KRW"],
    ]);
    expect(csv[3].slice(3, 5)).toEqual(["Korea Foundation for International Healthcare", "Tashkent Medical Academy"]);
  });

  it("searches descriptions, organisations, programmes and country names", async () => {
    expect(await amounts({ q: "tranche" })).toEqual(["1250000.50 USD"]);
    expect(await amounts({ q: "tashkent medical" })).toEqual(["1250000.50 USD"]);
    expect((await amounts({ q: "korea foundation" })).length).toBe(3);
    expect((await amounts({ q: "우즈베키스탄" })).length).toBe(4);
    expect((await amounts({ q: "узбекистан" })).length).toBe(4);
  });
});

describe("funding scope", () => {
  it("hides other countries' and archived lines from a partner", async () => {
    const mine = await makeLine(prisma, { programmeId: by.id, description: "Belarus line" });
    const foreign = await makeLine(prisma, { programmeId: kz.id, description: "Kazakhstan line" });
    const archived = await makeLine(prisma, { programmeId: by.id, description: "Archived Belarus line", archived: true });
    const partner: Scope = { kind: "partner", countries: ["BY"] };
    expect(await getFundingLine(partner, foreign.id)).toBeNull();
    expect(await getFundingLine(partner, archived.id)).toBeNull();
    expect((await getFundingLine(partner, mine.id))?.description).toBe("Belarus line");
    const { rows, totals } = await listFunding(partner, parseListQuery(new URLSearchParams({ q: "line" }), FUNDING_LIST), true);
    expect(rows.map((r) => r.description)).toEqual(["Belarus line"]);
    expect(totals).toEqual([{ currency: "USD", kind: "DISBURSEMENT", lines: 1, amount: "1000.00" }]);
    expect(await getFundingLine({ kind: "partner", countries: ["KZ"] }, mine.id)).toBeNull();
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { serverTranslator } from "~/i18n/catalogues.server";
import { enums as ru } from "~/i18n/messages/ru/enums";
import { fundingKind } from "~/imports/funding.server";
import { applyImport, getImportPreview, previewImport } from "~/imports/engine.server";
import { ctxFor, type Ctx } from "~/models/ctx.server";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme, createUser } from "../factories";
import { downloadedFile, openSheet, uploadOf } from "../factories/imports";

// Issue 19, point 1 (ADR 0042): funding lines (budgets and transactions)
// through the spreadsheet import, on both databases: the round trip (amounts
// exact to the cent), the natural key (programme + kind + value date +
// amount + currency), refusals in Russian, and only staff import.

const tag = `ImpF${Date.now().toString(36)}`;
let staff: Ctx;
let programme: { id: string; code: string };
let org: { id: string; shortName: string };
const lines: Record<"disbursement" | "budget" | "commitment", string> = { disbursement: "", budget: "", commitment: "" };

const download = () => downloadedFile(fundingKind, staff, { programme: programme.id, sort: "amount", dir: "asc" });
const ruText = (ref: string) => serverTranslator("ru").text(ref);

beforeAll(async () => {
  const s = await createUser(prisma, { role: "STAFF" });
  staff = ctxFor({ id: s.user.id, email: s.user.email, role: "STAFF" });
  programme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} programme` });
  org = await createOrganisation(prisma, { shortName: `${tag}-NHIF` });
  const base = { programmeId: programme.id, currency: "USD" };
  lines.disbursement = (
    await prisma.fundingLine.create({
      data: { ...base, kind: "DISBURSEMENT", transactionDate: new Date("2023-03-05"), valueDate: new Date("2023-03-05"), amount: "1000000.00", providerOrgId: org.id },
    })
  ).id;
  lines.budget = (
    await prisma.fundingLine.create({
      data: { ...base, kind: "BUDGET", periodStart: new Date("2023-01-01"), periodEnd: new Date("2023-12-31"), valueDate: new Date("2023-01-01"), amount: "5000000.00", currency: "KRW" },
    })
  ).id;
  lines.commitment = (
    await prisma.fundingLine.create({
      data: { ...base, kind: "COMMITMENT", transactionDate: new Date("2023-02-01"), valueDate: new Date("2023-02-01"), amount: "250000.55", receiverActivityId: "KR-GOV-1-ABC" },
    })
  ).id;
});

describe("funding lines: the round trip", () => {
  it("downloads raw values, and a file edited in two cells changes exactly those; the same file again changes nothing", async () => {
    const sheet = await openSheet(await download());
    expect(sheet.rows).toBe(3);
    const disbursement = sheet.row("ID", lines.disbursement);
    // Raw values the import reads back: the code, the organisation's name, the amount to the cent, the date as a day.
    expect(["Kind", "Provider", "Amount", "Currency", "Transaction date", "Value date"].map((h) => sheet.cell(disbursement, h).value)).toEqual([
      "DISBURSEMENT",
      org.shortName,
      "1000000.00",
      "USD",
      "2023-03-05",
      "2023-03-05",
    ]);
    expect(sheet.cell(sheet.row("ID", lines.budget), "Period end").value).toBe("2023-12-31");
    // A number cell, as a spreadsheet user types it.
    sheet.cell(disbursement, "Amount").value = 1000000.5;
    sheet.cell(sheet.row("ID", lines.commitment), "Description").value = "Second tranche";
    const edited = await sheet.save();

    const id = await previewImport(staff, "funding", await uploadOf(edited, "xlsx"));
    const preview = await getImportPreview(staff, id);
    expect(preview.import).toMatchObject({ newRows: 0, changedRows: 2, unchangedRows: 1, refusedRows: 0 });
    const changed = preview.rows.filter((r) => r.outcome === "CHANGED");
    expect(changed.map((r) => [r.recordId, r.changes])).toEqual([
      [lines.commitment, { description: { before: "", after: "Second tranche" } }],
      [lines.disbursement, { amount: { before: "1000000.00", after: "1000000.50" } }],
    ]);
    expect(changed[1].label).toBe(`${programme.code} · DISBURSEMENT · 2023-03-05 · 1000000.50 USD`);
    // A Russian reader sees the kind's name; the stored row (and the download) keep the code.
    const ru = await getImportPreview(staff, id, { outcome: "CHANGED", t: serverTranslator("ru") });
    expect(ru.rows[1].label).toBe(`${programme.code} · Выплата · 2023-03-05 · 1000000.50 USD`);
    expect((await prisma.fundingLine.findUniqueOrThrow({ where: { id: lines.disbursement } })).amount.toFixed(2)).toBe("1000000.00");

    expect(await applyImport(staff, id)).toEqual({ ok: true, written: 2 });
    const stored = await prisma.fundingLine.findMany({ where: { programmeId: programme.id }, orderBy: { amount: "asc" } });
    expect(stored.map((l) => [l.kind, l.amount.toFixed(2), l.description, l.version])).toEqual([
      ["COMMITMENT", "250000.55", "Second tranche", 2],
      ["DISBURSEMENT", "1000000.50", null, 2],
      ["BUDGET", "5000000.00", null, 1],
    ]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "FundingLine", entityId: lines.disbursement, action: "update" } });
    expect(audit.metadata).toMatchObject({ importId: id });
    expect(Object.keys(audit.changes as object)).toEqual(["amount"]);

    const again = await previewImport(staff, "funding", await uploadOf(edited, "xlsx"));
    expect((await getImportPreview(staff, again)).import).toMatchObject({ newRows: 0, changedRows: 0, unchangedRows: 3, refusedRows: 0 });
  });
});

describe("funding lines: natural key", () => {
  it("a CSV without ids matches programme + kind + value date + amount + currency, and a row matching none is a new line", async () => {
    const csv = [
      "Programme (code),Kind,Transaction date,Amount,Currency,Receiver,Description",
      // The disbursement: its kind in Russian, its amount as typed, the currency in lower case.
      `${programme.code},${ru.fundingKind.DISBURSEMENT},2023-03-05,"1000000,5",usd,${org.shortName},`,
      // No value date: it is the transaction date.
      `${programme.code},EXPENDITURE,2023-06-30,1200,USD,,Printing`,
    ].join("\r\n");
    const id = await previewImport(staff, "funding", await uploadOf(csv, "csv"));
    const p = await getImportPreview(staff, id);
    expect(p.rows.map((r) => [r.outcome, r.recordId, r.changes])).toEqual([
      ["CHANGED", lines.disbursement, { receiver: { before: "", after: org.shortName } }],
      [
        "NEW",
        null,
        {
          programme: { before: "", after: programme.code },
          kind: { before: "", after: "EXPENDITURE" },
          transactionDate: { before: "", after: "2023-06-30" },
          amount: { before: "", after: "1200.00" },
          currency: { before: "", after: "USD" },
          description: { before: "", after: "Printing" },
        },
      ],
    ]);
    expect(await applyImport(staff, id)).toMatchObject({ ok: true, written: 2 });
    const created = await prisma.fundingLine.findFirstOrThrow({ where: { programmeId: programme.id, kind: "EXPENDITURE" } });
    expect([created.amount.toFixed(2), created.valueDate.toISOString().slice(0, 10), created.currency]).toEqual(["1200.00", "2023-06-30", "USD"]);
    expect((await prisma.fundingLine.findUniqueOrThrow({ where: { id: lines.disbursement } })).receiverOrgId).toBe(org.id);
  });
});

describe("funding lines: refusals", () => {
  it("refuses an unknown currency, a period that ends before it starts and a month for a day, in Russian, and applies nothing", async () => {
    const csv = [
      "Programme (code),Kind,Period start,Period end,Transaction date,Value date,Amount,Currency",
      `${programme.code},DISBURSEMENT,,,2023-04-01,,500,ZZZ`,
      `${programme.code},BUDGET,2024-12-31,2024-01-01,,,900,USD`,
      `${programme.code},DISBURSEMENT,,,2023-11,,500,USD`,
      `${programme.code},DISBURSEMENT,,,2023-04-02,,0,USD`,
    ].join("\n");
    const id = await previewImport(staff, "funding", await uploadOf(csv, "csv"));
    const p = await getImportPreview(staff, id);
    expect(p.import.refusedRows).toBe(4);
    const errors = p.rows.map((r) => Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, ruText(v)])));
    expect(errors).toEqual([
      { currency: "Укажите код валюты по ISO 4217, например KRW, USD или EUR." },
      { periodEnd: "Период не может заканчиваться раньше, чем начинается." },
      { transactionDate: "Укажите здесь день (2019-11-05): у этой даты нет точности до месяца или года." },
      { amount: "Сумма должна быть больше нуля." },
    ]);
    await expect(applyImport(staff, id)).rejects.toMatchObject({ code: "invalid" });
    expect(await prisma.fundingLine.count({ where: { programmeId: programme.id } })).toBe(4);
  });

  it("refuses clearing a line's value date, and a new line with no date to take it from, each next to its cell", async () => {
    const csv = [
      "ID,Programme (code),Kind,Value date,Amount,Currency",
      `${lines.disbursement},,,#CLEAR,,`,
      `,${programme.code},EXPENDITURE,,75,USD`,
    ].join("\n");
    const id = await previewImport(staff, "funding", await uploadOf(csv, "csv"));
    const p = await getImportPreview(staff, id);
    const en = serverTranslator("en");
    expect(p.rows.map((r) => [r.outcome, Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, en.text(v)]))])).toEqual([
      ["REFUSED", { valueDate: "This column cannot be cleared." }],
      // The form's own messages: a transaction needs its date, and the value date is required.
      ["REFUSED", { _row: "Enter the date of the transaction.", valueDate: expect.stringMatching(/\S/) }],
    ]);
    await expect(applyImport(staff, id)).rejects.toMatchObject({ code: "invalid" });
    expect((await prisma.fundingLine.findUniqueOrThrow({ where: { id: lines.disbursement } })).valueDate.toISOString().slice(0, 10)).toBe("2023-03-05");
  });

  it("a partner cannot import funding lines", async () => {
    const p = await createUser(prisma, { role: "PARTNER", countries: ["KZ"] });
    const partner = ctxFor({ id: p.user.id, email: p.user.email, role: "PARTNER" }, { kind: "partner", countries: ["KZ"] });
    const csv = `Programme (code),Kind,Transaction date,Amount,Currency\n${programme.code},DISBURSEMENT,2023-05-01,10,USD`;
    await expect(previewImport(partner, "funding", await uploadOf(csv, "csv"))).rejects.toMatchObject({ code: "forbidden" });
    expect(await prisma.import.count({ where: { userId: p.user.id } })).toBe(0);
  });
});

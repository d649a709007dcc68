import { beforeAll, describe, expect, it } from "vitest";
import { serverTranslator } from "~/i18n/catalogues.server";
import { enums as ko } from "~/i18n/messages/ko/enums";
import { agreementsKind } from "~/imports/agreements.server";
import { applyImport, getImportPreview, previewImport } from "~/imports/engine.server";
import { ctxFor, type Ctx } from "~/models/ctx.server";
import { prisma } from "~/utils/db.server";
import { createProgramme, createUser } from "../factories";
import { downloadedFile, openSheet, uploadOf } from "../factories/imports";

// Issue 19, point 1 (ADR 0042): agreements through the spreadsheet import,
// on both databases: the round trip (the signature date keeps its precision,
// the amended agreement by its reference), the natural key (programme +
// reference, else programme + title), refusals in Russian, only staff import.

const tag = `ImpA${Date.now().toString(36)}`;
let staff: Ctx;
let programme: { id: string; code: string };
let other: { id: string; code: string };
const ids: Record<"mou" | "contract" | "amendment" | "elsewhere", string> = { mou: "", contract: "", amendment: "", elsewhere: "" };

const download = () => downloadedFile(agreementsKind, staff, { programme: programme.id, sort: "title", dir: "asc" });
const ruText = (ref: string) => serverTranslator("ru").text(ref);

beforeAll(async () => {
  const s = await createUser(prisma, { role: "STAFF" });
  staff = ctxFor({ id: s.user.id, email: s.user.email, role: "STAFF" });
  programme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} programme` });
  other = await createProgramme(prisma, { countries: ["UZ"], title: `${tag} other programme` });
  const mou = await prisma.agreement.create({
    data: {
      programmeId: programme.id,
      type: "MOU",
      title: `${tag} memorandum`,
      reference: `${tag}-MOU-1`,
      status: "SIGNED",
      signedOn: new Date("2019-11-01"),
      signedPrecision: "MONTH",
      value: "1250000.5",
      currency: "USD",
    },
  });
  ids.mou = mou.id;
  ids.contract = (
    await prisma.agreement.create({ data: { programmeId: programme.id, type: "CONTRACT", title: `${tag} contract`, status: "DRAFT", signedOn: new Date("2020-02-03") } })
  ).id;
  ids.amendment = (
    await prisma.agreement.create({ data: { programmeId: programme.id, parentId: mou.id, type: "AMENDMENT", title: `${tag} amendment 1`, status: "SIGNED" } })
  ).id;
  ids.elsewhere = (
    await prisma.agreement.create({ data: { programmeId: other.id, type: "MOU", title: `${tag} other memorandum`, reference: `${tag}-MOU-9`, status: "SIGNED" } })
  ).id;
});

describe("agreements: the round trip", () => {
  it("downloads raw values, and a file edited in two cells changes exactly those; the same file again changes nothing", async () => {
    const sheet = await openSheet(await download());
    expect(sheet.rows).toBe(3);
    const mou = sheet.row("ID", ids.mou);
    // The month stays a month, the amount has its cents, the amendment names its parent by reference.
    expect(["Signed", "Value", "Currency", "Type", "Status"].map((h) => sheet.cell(mou, h).value)).toEqual(["2019-11", "1250000.50", "USD", "MOU", "SIGNED"]);
    expect(sheet.cell(sheet.row("ID", ids.amendment), "Amends").value).toBe(`${tag}-MOU-1`);
    expect(sheet.cell(sheet.row("ID", ids.contract), "Signed").value).toBe("2020-02-03");
    sheet.cell(mou, "Expires").value = "2024-12-31";
    // A label in Korean is read as its code.
    sheet.cell(sheet.row("ID", ids.contract), "Status").value = ko.agreementStatus.ACTIVE;
    const edited = await sheet.save();

    const id = await previewImport(staff, "agreements", await uploadOf(edited, "xlsx"));
    const preview = await getImportPreview(staff, id);
    expect(preview.import).toMatchObject({ newRows: 0, changedRows: 2, unchangedRows: 1, refusedRows: 0 });
    expect(preview.rows.filter((r) => r.outcome === "CHANGED").map((r) => [r.recordId, r.changes])).toEqual([
      [ids.contract, { status: { before: "DRAFT", after: "ACTIVE" } }],
      [ids.mou, { expiresOn: { before: "", after: "2024-12-31" } }],
    ]);
    expect(await applyImport(staff, id)).toEqual({ ok: true, written: 2 });
    const mouAfter = await prisma.agreement.findUniqueOrThrow({ where: { id: ids.mou } });
    expect([mouAfter.expiresOn?.toISOString().slice(0, 10), mouAfter.signedPrecision, mouAfter.value?.toFixed(2), mouAfter.version]).toEqual(["2024-12-31", "MONTH", "1250000.50", 2]);
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: ids.contract } })).status).toBe("ACTIVE");

    const again = await previewImport(staff, "agreements", await uploadOf(edited, "xlsx"));
    expect((await getImportPreview(staff, again)).import).toMatchObject({ newRows: 0, changedRows: 0, unchangedRows: 3, refusedRows: 0 });
  });

  it("a signature date given as “Nov 2019” is stored at month precision and downloads as 2019-11", async () => {
    const csv = ["Programme (code),Type,Title,Signed,Amends", `${programme.code},AMENDMENT,${tag} amendment 2,Nov 2019,${tag}-mou-1`].join("\r\n");
    const id = await previewImport(staff, "agreements", await uploadOf(csv, "csv"));
    const p = await getImportPreview(staff, id);
    expect(p.rows[0]).toMatchObject({ outcome: "NEW", changes: { signedOn: { before: "", after: "2019-11" }, parent: { before: "", after: `${tag}-MOU-1` } } });
    expect(await applyImport(staff, id)).toMatchObject({ ok: true, written: 1 });
    const created = await prisma.agreement.findFirstOrThrow({ where: { title: `${tag} amendment 2` } });
    expect([created.signedOn?.toISOString().slice(0, 10), created.signedPrecision, created.parentId, created.status]).toEqual(["2019-11-01", "MONTH", ids.mou, "DRAFT"]);
    const sheet = await openSheet(await download());
    expect(sheet.cell(sheet.row("ID", created.id), "Signed").value).toBe("2019-11");
  });
});

describe("agreements: natural key", () => {
  it("a CSV without ids matches programme + reference, else programme + title", async () => {
    const csv = [
      "Programme (code),Reference,Title,Type,Description",
      // By reference (any case); the title in the file is not the key.
      `${programme.code},${tag}-mou-1,${tag} memorandum,MOU,Signed in Astana`,
      // No reference: by title (any case).
      `${programme.code},,${tag} CONTRACT,CONTRACT,Claims analytics`,
      // The other programme's reference in this programme: a new agreement.
      `${programme.code},${tag}-MOU-9,${tag} new letter,LETTER_OF_INTENT,`,
    ].join("\r\n");
    const id = await previewImport(staff, "agreements", await uploadOf(csv, "csv"));
    const p = await getImportPreview(staff, id);
    expect(p.rows.map((r) => [r.outcome, r.recordId])).toEqual([
      ["CHANGED", ids.mou],
      ["CHANGED", ids.contract],
      ["NEW", null],
    ]);
    expect(p.rows[1].changes).toEqual({ title: { before: `${tag} contract`, after: `${tag} CONTRACT` }, description: { before: "", after: "Claims analytics" } });
  });
});

describe("agreements: refusals", () => {
  it("refuses an expiry before the signature, an unknown currency, a parent of another programme and a month for a day, in Russian", async () => {
    const csv = [
      "Programme (code),Type,Title,Signed,Expires,Effective,Value,Currency,Amends",
      `${programme.code},MOU,${tag} bad 1,2021-05-10,2021-05-01,,,,`,
      `${programme.code},CONTRACT,${tag} bad 2,,,,1000,ZZZ,`,
      `${programme.code},AMENDMENT,${tag} bad 3,,,,,,${tag}-MOU-9`,
      `${programme.code},MOU,${tag} bad 4,,,2021-05,,,`,
      `${programme.code},AMENDMENT,${tag} bad 5,,,,,,no such agreement`,
    ].join("\n");
    const id = await previewImport(staff, "agreements", await uploadOf(csv, "csv"));
    const p = await getImportPreview(staff, id);
    expect(p.import.refusedRows).toBe(5);
    const errors = p.rows.map((r) => Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, ruText(v)])));
    expect(errors).toEqual([
      { expiresOn: "Дата истечения должна быть позже даты подписания." },
      { currency: "Укажите код валюты по ISO 4217, например KRW, USD или EUR." },
      { parent: "Изменяемое соглашение относится к другой программе." },
      { effectiveOn: "Укажите здесь день (2019-11-05): у этой даты нет точности до месяца или года." },
      { parent: "Нет соглашения с ID, номером или названием «no such agreement»." },
    ]);
    await expect(applyImport(staff, id)).rejects.toMatchObject({ code: "invalid" });
    expect(await prisma.agreement.count({ where: { title: { startsWith: `${tag} bad` } } })).toBe(0);
  });

  it("a partner cannot import agreements", async () => {
    const p = await createUser(prisma, { role: "PARTNER", countries: ["KZ"] });
    const partner = ctxFor({ id: p.user.id, email: p.user.email, role: "PARTNER" }, { kind: "partner", countries: ["KZ"] });
    const csv = `Programme (code),Type,Title\n${programme.code},MOU,${tag} partner's`;
    await expect(previewImport(partner, "agreements", await uploadOf(csv, "csv"))).rejects.toMatchObject({ code: "forbidden" });
    expect(await prisma.agreement.count({ where: { title: `${tag} partner's` } })).toBe(0);
  });
});

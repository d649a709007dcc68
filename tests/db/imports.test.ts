import ExcelJS from "exceljs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { serverTranslator } from "~/i18n/catalogues.server";
import { parseCode, parseDate, isClear, CLEAR_MARKER } from "~/imports/cells";
import { activitiesKind } from "~/imports/activities.server";
import { organisationsKind } from "~/imports/organisations.server";
import { applyImport, checkImportFile, getImportPreview, previewImport, readerTexts, type UploadedFile } from "~/imports/engine.server";
import { editableFileResponse } from "~/imports/export.server";
import { ctxFor, type Ctx } from "~/models/ctx.server";
import { listHistory } from "~/models/history.server";
import { ACTIVITY_LIST } from "~/models/activity.server";
import { enums as ru } from "~/i18n/messages/ru/enums";
import { enums as ko } from "~/i18n/messages/ko/enums";
import { prisma } from "~/utils/db.server";
import { parseListQuery } from "~/utils/list-query";
import { createOrganisation, createProgramme, createUser } from "../factories";
import { xlsxBomb } from "../factories/hostile";

// Issue 19, points 1-4 (ADR 0042): the spreadsheet import's engine with the
// activities kind, on both databases: cells, the round trip (download, edit
// two cells, upload: exactly those change; the same file again changes
// nothing), natural keys, conflicts, refusals in Russian, all or nothing,
// audit, scope and hostile files.

const tag = `Imp${Date.now().toString(36)}`;
let staff: Ctx;
let programme: { id: string; code: string };
let org: { id: string; shortName: string };
const ids: string[] = [];
const tmp = () => fs.mkdtemp(path.join(os.tmpdir(), "concord-import-"));

async function activityIn(title: string, extra: Record<string, unknown> = {}) {
  const a = await prisma.activity.create({
    data: {
      programmeId: programme.id,
      kind: "WORKSHOP",
      title,
      status: "COMPLETED",
      plannedStart: new Date("2019-11-01"),
      actualStart: new Date("2019-11-01"),
      datePrecision: "MONTH",
      participantsTotal: 20,
      participantsFemale: 12,
      participantsMale: 8,
      ...extra,
    },
  });
  return a;
}

/** The download for editing of this test's activities, as a workbook to edit. */
async function downloaded(format: "xlsx" | "csv" = "xlsx", q = tag): Promise<Buffer> {
  const query = parseListQuery(new URLSearchParams({ q, sort: "title", dir: "asc" }), ACTIVITY_LIST);
  const res = await editableFileResponse(activitiesKind, staff.scope, query, { format, empty: false, t: serverTranslator("en") });
  return Buffer.from(await res.arrayBuffer());
}

async function fileOf(bytes: Buffer | string, ext: "xlsx" | "csv"): Promise<UploadedFile> {
  const dir = await tmp();
  const tempPath = path.join(dir, `upload.${ext}`);
  await fs.writeFile(tempPath, bytes);
  return { tempPath, originalName: `upload.${ext}`, ext };
}

async function editXlsx(bytes: Buffer, edit: (ws: ExcelJS.Worksheet, col: (header: string) => number) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  const headers = (ws.getRow(1).values as string[]).slice(1);
  edit(ws, (h) => headers.indexOf(h) + 1);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function rowOf(ws: ExcelJS.Worksheet, col: (h: string) => number, title: string): ExcelJS.Row {
  // Case-insensitive: the natural-key test renames one to upper case.
  for (let r = 2; r <= ws.rowCount; r++) if (String(ws.getRow(r).getCell(col("Title")).value).toLowerCase() === title.toLowerCase()) return ws.getRow(r);
  throw new Error(`no row ${title}`);
}

beforeAll(async () => {
  const s = await createUser(prisma, { role: "STAFF" });
  staff = ctxFor({ id: s.user.id, email: s.user.email, role: "STAFF" });
  programme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} programme` });
  org = await createOrganisation(prisma, { shortName: `${tag}-ORG` });
  for (const t of ["A", "B", "C"]) ids.push((await activityIn(`${tag} workshop ${t}`)).id);
});

describe("cells", () => {
  it("reads dates with their precision, in ISO forms and month names in English, Russian and Korean", () => {
    expect(parseDate("2019")).toEqual({ iso: "2019-01-01", precision: "YEAR" });
    expect(parseDate("2019-11")).toEqual({ iso: "2019-11-01", precision: "MONTH" });
    expect(parseDate("Nov 2019")).toEqual({ iso: "2019-11-01", precision: "MONTH" });
    expect(parseDate("ноя 2019")).toEqual({ iso: "2019-11-01", precision: "MONTH" });
    expect(parseDate("ноябрь 2019 г.")).toEqual({ iso: "2019-11-01", precision: "MONTH" });
    expect(parseDate("2019년 11월")).toEqual({ iso: "2019-11-01", precision: "MONTH" });
    expect(parseDate("2019-11-05")).toEqual({ iso: "2019-11-05", precision: "DAY" });
    expect(parseDate("5 November 2019")).toEqual({ iso: "2019-11-05", precision: "DAY" });
    expect(parseDate("05.11.2019")).toEqual({ iso: "2019-11-05", precision: "DAY" });
    expect(parseDate(new Date(Date.UTC(2019, 10, 5)))).toEqual({ iso: "2019-11-05", precision: "DAY" });
    expect(parseDate("2019-02-30")).toBeNull();
    expect(parseDate("Novem 2019")).toBeNull();
  });

  it("reads a code or its label in any language, whatever the case; #CLEAR is the clear marker", () => {
    const codes = ["STUDY_VISIT", "WORKSHOP"] as const;
    const labels = [{ STUDY_VISIT: "Study visit", WORKSHOP: "Workshop" }, ru.activityKind, ko.activityKind];
    expect(parseCode("workshop", codes, labels)).toBe("WORKSHOP");
    expect(parseCode(ru.activityKind.STUDY_VISIT.toUpperCase(), codes, labels)).toBe("STUDY_VISIT");
    expect(parseCode(ko.activityKind.WORKSHOP, codes, labels)).toBe("WORKSHOP");
    expect(parseCode("picnic", codes, labels)).toBeNull();
    expect(isClear(" #clear ")).toBe(true);
    expect(isClear(CLEAR_MARKER)).toBe(true);
    expect(isClear("clear")).toBe(false);
  });
});

describe("the round trip", () => {
  it("a downloaded file, edited in two cells, changes exactly those; the same file again changes nothing", async () => {
    const edited = await editXlsx(await downloaded(), (ws, col) => {
      // Coded columns have a dropdown of their codes (the list on the hidden "lists" sheet).
      const rule = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
      expect(rule[ws.getRow(2).getCell(col("Kind")).address]).toMatchObject({ type: "list", formulae: [expect.stringMatching(/^lists!\$[A-Z]+\$1:/)] });
      expect(rule[ws.getRow(2).getCell(col("City")).address]).toBeUndefined();
      rowOf(ws, col, `${tag} workshop B`).getCell(col("City")).value = "Almaty";
      rowOf(ws, col, `${tag} workshop C`).getCell(col("Participants")).value = 25;
    });
    const file = await fileOf(edited, "xlsx");
    const id = await previewImport(staff, "activities", file);
    const preview = await getImportPreview(staff, id);
    expect(preview.import).toMatchObject({ newRows: 0, changedRows: 2, unchangedRows: 1, refusedRows: 0 });
    const changed = preview.rows.filter((r) => r.outcome === "CHANGED");
    expect(changed.map((r) => r.changes)).toEqual([{ city: { before: "", after: "Almaty" } }, { participantsTotal: { before: "20", after: "25" } }]);
    // Nothing is written before apply.
    expect((await prisma.activity.findUniqueOrThrow({ where: { id: ids[1] } })).city).toBeNull();

    expect(await applyImport(staff, id)).toEqual({ ok: true, written: 2 });
    const after = await prisma.activity.findMany({ where: { id: { in: ids } }, orderBy: { title: "asc" } });
    expect(after.map((a) => [a.city, a.participantsTotal, a.version, a.datePrecision])).toEqual([
      [null, 20, 1, "MONTH"],
      ["Almaty", 20, 2, "MONTH"],
      [null, 25, 2, "MONTH"],
    ]);

    // The same file again: everything unchanged (its versions are older, but it changes nothing).
    const again = await previewImport(staff, "activities", await fileOf(edited, "xlsx"));
    expect((await getImportPreview(staff, again)).import).toMatchObject({ newRows: 0, changedRows: 0, unchangedRows: 3, refusedRows: 0 });
    expect(await applyImport(staff, again)).toEqual({ ok: true, written: 0 });
  });

  it("audits one import event and each record's change, which its history shows", async () => {
    const events = await prisma.auditEvent.findMany({ where: { action: "import", actorId: staff.actor.id }, orderBy: { at: "asc" } });
    expect(events.length).toBe(2);
    const importId = (events[0].metadata as { importId: string }).importId;
    const updates = await prisma.auditEvent.findMany({ where: { action: "update", entityType: "Activity", entityId: { in: ids } } });
    expect(updates.map((u) => (u.metadata as { importId?: string }).importId)).toEqual([importId, importId]);
    const history = await listHistory("Activity", ids[1]);
    expect(history[0].changes).toMatchObject({ city: { before: null, after: "Almaty" } });
  });

  it("a CSV without ids matches by programme code + title + start date, and creates the rows that match nothing", async () => {
    const csv = [
      "Programme (code),Title,Kind,Actual start,Planned start,City",
      `${programme.code},${tag} WORKSHOP A,workshop,2019-11,,Shymkent`,
      `${programme.code},${tag} new study visit,${ru.activityKind.STUDY_VISIT},ноя 2020,,=1+1`,
    ].join("\r\n");
    const id = await previewImport(staff, "activities", await fileOf(csv, "csv"));
    const p = await getImportPreview(staff, id);
    expect(p.rows.map((r) => [r.outcome, r.recordId])).toEqual([
      ["CHANGED", ids[0]],
      ["NEW", null],
    ]);
    expect(await applyImport(staff, id)).toMatchObject({ ok: true, written: 2 });
    const created = await prisma.activity.findFirstOrThrow({ where: { title: `${tag} new study visit` } });
    // A formula is data, never evaluated; the month keeps its precision.
    expect([created.kind, created.city, created.datePrecision, created.actualStart?.toISOString().slice(0, 10)]).toEqual(["STUDY_VISIT", "=1+1", "MONTH", "2020-11-01"]);
    expect((await prisma.activity.findUniqueOrThrow({ where: { id: ids[0] } })).city).toBe("Shymkent");
  });
});

describe("the template's notes", () => {
  it("explain each column in whole sentences, in the reader's language", async () => {
    const notes = async (locale: "en" | "ru") => {
      const res = await editableFileResponse(activitiesKind, staff.scope, parseListQuery(new URLSearchParams(), ACTIVITY_LIST), {
        format: "xlsx",
        empty: true,
        t: serverTranslator(locale),
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
      const sheet = wb.worksheets[1];
      const byColumn = new Map<string, string>();
      sheet.eachRow((row) => byColumn.set(String(row.getCell(1).value), String(row.getCell(2).value ?? "")));
      return byColumn;
    };
    const en = await notes("en");
    expect(en.get("Programme (code)")).toBe("The programme's code (e.g. HIRA-KZ-2023). Required for a new record.");
    expect(en.get("Kind")).toMatch(/^One of: STUDY_VISIT, .*, HIGH_LEVEL_MEETING\. Required for a new record\.$/);
    expect(en.get("Country")).toBe("The country's ISO code (KZ) or its name in English, Russian or Korean.");
    expect(en.get("Hosts")).toBe("Organisations by IATI identifier or name, separated by “;”.");
    const ru = await notes("ru");
    expect([...ru.values()].some((text) => text.endsWith("Обязательно для новой записи."))).toBe(true);
    expect([...ru.values()]).toContain("Код страны по ISO (KZ) или её название на английском, русском или корейском.");
  });

  it("the preview shows coded values and countries by their names in the reader's language", () => {
    const changes = { kind: { before: "", after: "WORKSHOP" }, country: { before: "KZ", after: "BY" }, city: { before: "", after: "Brest" } };
    expect(readerTexts(activitiesKind, serverTranslator("ru")).changes(changes)).toEqual({
      kind: { before: "", after: "Семинар" },
      country: { before: "Казахстан (KZ)", after: "Беларусь (BY)" },
      city: { before: "", after: "Brest" },
    });
    expect(readerTexts(activitiesKind, serverTranslator("en")).changes(changes).country).toEqual({ before: "Kazakhstan (KZ)", after: "Belarus (BY)" });
  });
});

describe("organisations' roles and participant groups", () => {
  it("sets hosts and groups by organisation from their cells, and the history names them", async () => {
    const csv = [
      "ID,Hosts,Participants by organisation,Participants",
      `${ids[1]},${org.shortName},"${org.shortName}: 12 (F 7, M 5, O 0); Nurses: 4",20`,
    ].join("\n");
    const p = await getImportPreview(staff, await previewImport(staff, "activities", await fileOf(csv, "csv")));
    expect(p.rows[0]).toMatchObject({ outcome: "CHANGED", changes: { hosts: { before: "", after: org.shortName }, participantGroups: { before: "", after: `${org.shortName}: 12 (F 7, M 5, O 0); Nurses: 4 (F 0, M 0, O 0)` } } });
    expect(await applyImport(staff, p.import.id)).toEqual({ ok: true, written: 1 });
    const roles = await prisma.activityOrganisation.findMany({ where: { activityId: ids[1] } });
    expect(roles.map((r) => [r.organisationId, r.role])).toEqual([[org.id, "HOST"]]);
    const groups = await prisma.activityParticipantGroup.findMany({ where: { activityId: ids[1] }, orderBy: { total: "desc" } });
    expect(groups.map((g) => [g.organisationId, g.label, g.total, g.female, g.male])).toEqual([
      [org.id, null, 12, 7, 5],
      [null, "Nurses", 4, 0, 0],
    ]);
    const history = await listHistory("Activity", ids[1]);
    expect(history[0].changes).toMatchObject({ organisations: { before: [], after: [`${org.shortName} (host)`] } });
    // The same file again changes nothing.
    const again = await getImportPreview(staff, await previewImport(staff, "activities", await fileOf(csv, "csv")));
    expect(again.rows[0].outcome).toBe("UNCHANGED");
  });
});

describe("refusals", () => {
  it("refuses rows with messages per cell, in the reader's language, and a preview with refused rows is not applied", async () => {
    const csv = [
      "ID,Programme (code),Title,Kind,Planned start,Planned end,Women,Unknown column",
      `,NOPE-${tag},${tag} bad programme,WORKSHOP,2021-05-01,,,x`,
      `${ids[2]},,,picnic,2021-05-10,2021-05-01,,x`,
      `,${programme.code},${tag} cleared title,WORKSHOP,2021-05-01,,${CLEAR_MARKER},x`,
    ].join("\n");
    const id = await previewImport(staff, "activities", await fileOf(csv, "csv"));
    const p = await getImportPreview(staff, id);
    expect(p.import.refusedRows).toBe(2);
    expect(p.import.columns).toContainEqual({ header: "Unknown column", key: null });
    const t = serverTranslator("ru");
    const errors = p.rows.filter((r) => r.outcome === "REFUSED").map((r) => Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, t.text(v)])));
    expect(errors[0].programme).toBe(`Нет программы с кодом «NOPE-${tag}».`);
    expect(errors[1].kind).toContain("«picnic» нет в списке");
    // Every error of a row at once, as a form shows them: the refused kind and the date order.
    expect(Object.keys(errors[1]).sort()).toEqual(["kind", "plannedEnd"]);
    await expect(applyImport(staff, id)).rejects.toMatchObject({ code: "invalid" });
    // Zod's date order rule, on the cell: the row with only the kind fixed.
    const fixed = csv.replace("picnic", "WORKSHOP").replace(`,NOPE-${tag},${tag} bad programme,WORKSHOP,2021-05-01,,,x`, `,${programme.code},${tag} ok,WORKSHOP,2021-05-01,,,x`);
    const p2 = await getImportPreview(staff, await previewImport(staff, "activities", await fileOf(fixed, "csv")));
    const refused = p2.rows.filter((r) => r.outcome === "REFUSED");
    expect(refused.map((r) => Object.keys(r.errors))).toEqual([["plannedEnd"]]);
    expect(serverTranslator("ru").text(refused[0].errors.plannedEnd)).toMatch(/окончани/i);
  });

  it("shows a row's refused cells and the rules its other cells break together, never what follows from a refused cell", async () => {
    const csv = [
      "Programme (code),Title,Kind,Planned start,Actual start,Actual end,Participants,Women,Men",
      // A month that does not exist, and 30 + 25 women and men in 40 participants.
      `${programme.code},${tag} both wrong,WORKSHOP,2021-13,,,40,30,25`,
      // A refused start: the end is not then said to come before it.
      `${programme.code},${tag} start wrong,WORKSHOP,,2021-02-30,2021-01-05,,,`,
    ].join("\n");
    const p = await getImportPreview(staff, await previewImport(staff, "activities", await fileOf(csv, "csv")));
    const en = serverTranslator("en");
    const errors = p.rows.map((r) => Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, en.text(v)])));
    expect(Object.keys(errors[0]).sort()).toEqual(["participantsTotal", "plannedStart"]);
    expect(errors[0].participantsTotal).toMatch(/55/);
    expect(Object.keys(errors[1])).toEqual(["actualStart"]);
  });

  it("a row whose record changed since the download is a conflict", async () => {
    const file = await downloaded("csv", `${tag} workshop B`);
    await prisma.activity.update({ where: { id: ids[1] }, data: { version: { increment: 1 } } });
    const edited = file.toString("utf8").replace("Almaty", "Astana");
    const p = await getImportPreview(staff, await previewImport(staff, "activities", await fileOf(edited, "csv")));
    expect(p.rows).toHaveLength(1);
    expect(p.rows[0].outcome).toBe("REFUSED");
    expect(serverTranslator("en").text(p.rows[0].errors.version)).toMatch(/Changed by someone else/);
  });

  it("all or nothing: a record that changes between preview and apply leaves every record as it was", async () => {
    const edited = await editXlsx(await downloaded(), (ws, col) => {
      rowOf(ws, col, `${tag} workshop A`).getCell(col("City")).value = "Taraz";
      rowOf(ws, col, `${tag} workshop C`).getCell(col("City")).value = "Turkistan";
    });
    const id = await previewImport(staff, "activities", await fileOf(edited, "xlsx"));
    expect((await getImportPreview(staff, id)).import.changedRows).toBe(2);
    await prisma.activity.update({ where: { id: ids[2] }, data: { version: { increment: 1 } } });
    const result = await applyImport(staff, id);
    expect(result.ok).toBe(false);
    const cities = await prisma.activity.findMany({ where: { id: { in: [ids[0], ids[2]] } }, orderBy: { title: "asc" }, select: { city: true } });
    expect(cities.map((c) => c.city)).toEqual(["Shymkent", null]);
    expect((await prisma.import.findUniqueOrThrow({ where: { id } })).status).toBe("FAILED");
  });
});

describe("scope and hostile files", () => {
  it("partners and donors cannot import or read an import", async () => {
    const p = await createUser(prisma, { role: "PARTNER", countries: ["KZ"] });
    const partner = ctxFor({ id: p.user.id, email: p.user.email, role: "PARTNER" }, { kind: "partner", countries: ["KZ"] });
    const csv = `Title\n${tag} x`;
    await expect(previewImport(partner, "activities", await fileOf(csv, "csv"))).rejects.toMatchObject({ code: "forbidden" });
    const mine = await previewImport(staff, "activities", await fileOf(csv, "csv"));
    await expect(getImportPreview(partner, mine)).rejects.toMatchObject({ code: "forbidden" });
    const other = await createUser(prisma, { role: "STAFF" });
    await expect(getImportPreview(ctxFor({ id: other.user.id, email: other.user.email, role: "STAFF" }), mine)).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses a zip bomb, a renamed file and a huge cell; a formula cell gives its cached value", async () => {
    const dir = await tmp();
    const up = async (name: string, bytes: Buffer | string) => {
      const tempPath = path.join(dir, name);
      await fs.writeFile(tempPath, bytes);
      return checkImportFile({ tempPath, originalName: name, sha256: "", sizeBytes: Buffer.byteLength(bytes) });
    };
    expect(await up("bomb.xlsx", xlsxBomb(16))).toMatchObject({ ok: false });
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082", "hex");
    expect(await up("photo.xlsx", png)).toMatchObject({ ok: false });
    expect(await up("list.csv", "Title\nA")).toMatchObject({ ok: true, file: { ext: "csv" } });
    const huge = `Title\n${"x".repeat(40_000)}`;
    await expect(previewImport(staff, "activities", await fileOf(huge, "csv"))).rejects.toMatchObject({ code: "invalid" });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Activities");
    ws.addRow(["Programme (code)", "Title", "Kind", "Planned start", "Participants"]);
    ws.addRow([programme.code, `${tag} formula`, "WORKSHOP", "2022", { formula: "1+1", result: 7 }]);
    // A date cell is a day; a formula without a cached value is its text; rich text is its plain text; a gap is empty.
    ws.addRow([programme.code, { richText: [{ text: `${tag} ` }, { font: { bold: true }, text: "rich" }] }, "WORKSHOP", new Date(Date.UTC(2023, 4, 17)), null]);
    ws.addRow([programme.code, { formula: `"${tag} "&"typed"` }, "WORKSHOP", "2024-02"]);
    const id = await previewImport(staff, "activities", await fileOf(Buffer.from(await wb.xlsx.writeBuffer()), "xlsx"));
    const p = await getImportPreview(staff, id);
    expect(p.rows[0]).toMatchObject({ outcome: "NEW", changes: { participantsTotal: { before: "", after: "7" }, plannedStart: { before: "", after: "2022" } } });
    expect(p.rows[1]).toMatchObject({ outcome: "NEW", label: `${tag} rich`, changes: { plannedStart: { before: "", after: "2023-05-17" } } });
    expect(p.rows[2]).toMatchObject({ outcome: "NEW", label: `="${tag} "&"typed"` });
  });
});

describe("organisations", () => {
  it("round trip by id; a row without id matches by IATI identifier, else by short name (gaining the identifier)", async () => {
    const a = await prisma.organisation.create({ data: { shortName: `${tag}-MOH`, fullName: `${tag} Ministry of Health`, iatiTypeCode: "10", countryCode: "KZ" } });
    const b = await prisma.organisation.create({ data: { shortName: `${tag}-FUND`, fullName: `${tag} Social health insurance fund`, iatiTypeCode: "15", iatiRef: `KZ-BIN-${tag}` } });
    const res = await editableFileResponse(organisationsKind, staff.scope, parseListQuery(new URLSearchParams({ q: tag }), organisationsKind.list.spec), {
      format: "xlsx",
      empty: false,
      t: serverTranslator("ru"),
    });
    const edited = await editXlsx(Buffer.from(await res.arrayBuffer()), (ws, col) => {
      // Headers in Russian: read back in any language.
      for (let r = 2; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        if (row.getCell(col("Краткое название")).value === `${tag}-MOH`) row.getCell(col("Описание")).value = "Partner ministry";
      }
    });
    const first = await getImportPreview(staff, await previewImport(staff, "organisations", await fileOf(edited, "xlsx")));
    expect(first.rows.filter((r) => r.outcome !== "UNCHANGED").map((r) => [r.recordId, r.changes])).toEqual([[a.id, { description: { before: "", after: "Partner ministry" } }]]);
    expect(await applyImport(staff, first.import.id)).toEqual({ ok: true, written: 1 });

    const csv = [
      "Short name,Full name,Type (IATI),IATI identifier",
      `${tag}-moh,${tag} Ministry of Health,органы государственной власти,XM-DAC-${tag}`,
      `Other name,${tag} Social health insurance fund,15,KZ-BIN-${tag}`,
      `${tag}-NEW,${tag} New institute,${"Other Public Sector"},`,
    ].join("\n");
    const second = await getImportPreview(staff, await previewImport(staff, "organisations", await fileOf(csv, "csv")));
    expect(second.rows.map((r) => [r.outcome, r.recordId])).toEqual([
      ["CHANGED", a.id],
      ["CHANGED", b.id],
      ["NEW", null],
    ]);
    expect(second.rows[0].changes).toMatchObject({ iatiRef: { before: "", after: `XM-DAC-${tag}` }, shortName: { before: `${tag}-MOH`, after: `${tag}-moh` } });
    expect(await applyImport(staff, second.import.id)).toEqual({ ok: true, written: 3 });
    const created = await prisma.organisation.findFirstOrThrow({ where: { shortName: `${tag}-NEW` } });
    expect([created.iatiTypeCode, created.fullName]).toEqual(["15", `${tag} New institute`]);
  });
});

describe("expiry", () => {
  it("sweeps expired previews and the rows of old imports, keeping applied imports' summaries", async () => {
    const { sweepImports } = await import("~/imports/engine.server");
    const preview = await previewImport(staff, "activities", await fileOf(`Title\n${tag} expiring`, "csv"));
    const later = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
    expect(await sweepImports(later)).toBeGreaterThan(0);
    expect(await prisma.import.findUnique({ where: { id: preview } })).toBeNull();
    const applied = await prisma.import.findFirstOrThrow({ where: { userId: staff.actor.id, status: "APPLIED" } });
    expect(await prisma.importRow.count({ where: { importId: applied.id } })).toBe(0);
  });
});

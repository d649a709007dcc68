import { beforeAll, describe, expect, it } from "vitest";
import { serverTranslator } from "~/i18n/catalogues.server";
import { applyImport, getImportPreview, previewImport } from "~/imports/engine.server";
import { indicatorPeriodsKind } from "~/imports/indicator-periods.server";
import { ctxFor, type Ctx } from "~/models/ctx.server";
import { listHistory } from "~/models/history.server";
import { prisma } from "~/utils/db.server";
import { createProgramme, createUser } from "../factories";
import { createProgressReportRecord, createRequirementRecord } from "../factories/reporting";
import { createIndicator } from "../factories/results";
import { downloaded, editXlsx, fileOf } from "../support/import-files";

// Issue 19, point 1 (ADR 0042): indicator period values in a spreadsheet, on
// both databases: one row per period (target, actual, by sex, comments, the
// indicator's baseline), matched by id or by programme + indicator + dates;
// the indicator form's rules and the lock of an approved progress report.

const tag = `ImpI${Date.now().toString(36)}`;
let staff: Ctx;
let programme: { id: string; code: string };
let people: Awaited<ReturnType<typeof createIndicator>>;
let percent: Awaited<ReturnType<typeof createIndicator>>;
let locked: Awaited<ReturnType<typeof createIndicator>>;
const file = () => downloaded(indicatorPeriodsKind, staff.scope, { q: tag, sort: "title", dir: "asc" });

beforeAll(async () => {
  const s = await createUser(prisma, { role: "STAFF" });
  staff = ctxFor({ id: s.user.id, email: s.user.email, role: "STAFF" });
  programme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} programme` });
  people = await createIndicator(prisma, {
    programmeId: programme.id,
    title: `${tag} A people trained`,
    baselineValue: 10,
    baselineYear: 2024,
    periods: [
      { start: "2025-01-01", end: "2025-06-30", target: 50 },
      { start: "2025-07-01", end: "2025-12-31", target: 100, actual: 40 },
    ],
  });
  percent = await createIndicator(prisma, { programmeId: programme.id, title: `${tag} B coverage`, measure: "PERCENTAGE", periods: [{ start: "2025-01-01", end: "2025-12-31", target: 80 }] });
  locked = await createIndicator(prisma, { programmeId: programme.id, title: `${tag} C approved`, periods: [{ start: "2025-01-01", end: "2025-03-31", target: 10, actual: 9 }] });
  const requirement = await createRequirementRecord(prisma, { programmeId: programme.id, country: "KZ", title: `${tag} quarterly` });
  const report = await createProgressReportRecord(prisma, requirement, { status: "APPROVED", sequence: 1 });
  await prisma.indicatorPeriod.update({ where: { id: locked.periods[0].id }, data: { approvedReportId: report.id } });
});

const period = (i: { periods: { id: string; periodStart: Date }[] }, n: number) => [...i.periods].sort((a, b) => a.periodStart.getTime() - b.periodStart.getTime())[n];

describe("indicator periods: the round trip", () => {
  it("a downloaded file, edited in two cells, changes exactly those; the same file again changes nothing", async () => {
    const bytes = await file();
    const edited = await editXlsx(bytes, ({ ws, col }) => {
      // Rows in the list's order (indicator title), then by period.
      expect(ws.rowCount).toBe(5);
      ws.getRow(3).getCell(col("Actual")).value = 55;
      ws.getRow(2).getCell(col("Target, women")).value = 30;
    });
    const id = await previewImport(staff, "indicatorPeriods", await fileOf(edited, "xlsx"));
    const preview = await getImportPreview(staff, id);
    expect(preview.import).toMatchObject({ newRows: 0, changedRows: 2, unchangedRows: 2, refusedRows: 0 });
    expect(preview.rows.filter((r) => r.outcome === "CHANGED").map((r) => [r.recordId, r.changes])).toEqual([
      [period(people, 0).id, { targetFemale: { before: "", after: "30" } }],
      [period(people, 1).id, { actualValue: { before: "40", after: "55" } }],
    ]);

    expect(await applyImport(staff, id)).toEqual({ ok: true, written: 2 });
    const after = await prisma.indicator.findUniqueOrThrow({ where: { id: people.id }, include: { periods: { orderBy: { periodStart: "asc" } } } });
    // In place: the periods keep their ids.
    expect(after.periods.map((p) => [p.id, p.targetFemale?.toString() ?? null, p.actualValue?.toString() ?? null, p.version])).toEqual([
      [period(people, 0).id, "30", null, 2],
      [period(people, 1).id, null, "55", 2],
    ]);
    expect(after.version).toBe(3);
    expect((await listHistory("Indicator", people.id))[0].changes).toHaveProperty("periods");

    const again = await previewImport(staff, "indicatorPeriods", await fileOf(edited, "xlsx"));
    expect((await getImportPreview(staff, again)).import).toMatchObject({ newRows: 0, changedRows: 0, unchangedRows: 4, refusedRows: 0 });
  });

  it("a CSV without ids matches by programme + indicator + dates; the baseline changes the indicator", async () => {
    const csv = [
      "Programme (code),Indicator,Period start,Period end,Actual,Baseline",
      `${programme.code},${tag} b COVERAGE,2025-01-01,2025-12-31,75,`,
      `${programme.code},${tag} A people trained,2025-01-01,2025-06-30,,12`,
      `${programme.code},${tag} A people trained,2026-01-01,2026-06-30,5,`,
    ].join("\r\n");
    const id = await previewImport(staff, "indicatorPeriods", await fileOf(csv, "csv"));
    const p = await getImportPreview(staff, id);
    expect(p.rows.map((r) => [r.outcome, r.recordId])).toEqual([
      ["CHANGED", percent.periods[0].id],
      ["CHANGED", period(people, 0).id],
      ["REFUSED", null],
    ]);
    expect(serverTranslator("en").text(p.rows[2].errors.indicator)).toMatch(/add periods on the indicator's form/);
    const fixed = csv.split("\r\n").slice(0, 3).join("\r\n");
    const ok = await previewImport(staff, "indicatorPeriods", await fileOf(fixed, "csv"));
    expect(await applyImport(staff, ok)).toMatchObject({ ok: true, written: 2 });
    expect((await prisma.indicatorPeriod.findUniqueOrThrow({ where: { id: percent.periods[0].id } })).actualValue?.toString()).toBe("75");
    expect((await prisma.indicator.findUniqueOrThrow({ where: { id: people.id } })).baselineValue?.toString()).toBe("12");
  });
});

describe("indicator periods: refusals and scope", () => {
  it("refuses an approved report's actuals, a percentage over 100 and a changed period date, in Russian", async () => {
    const csv = [
      "ID,Period start,Actual,Target",
      `${locked.periods[0].id},,10,`,
      `${percent.periods[0].id},,,150`,
      `${period(people, 1).id},2025-07-02,,`,
    ].join("\n");
    const id = await previewImport(staff, "indicatorPeriods", await fileOf(csv, "csv"));
    const p = await getImportPreview(staff, id);
    expect(p.import.refusedRows).toBe(3);
    const ru = serverTranslator("ru");
    const errors = p.rows.map((r) => Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, ru.text(v)])));
    expect(errors[0]).toEqual({ actualValue: `Эти фактические значения утверждены в отчёте ${tag} quarterly #1: чтобы изменить их, откройте этот отчёт повторно.` });
    expect(errors[1]).toEqual({ targetValue: "Процент должен быть от 0 до 100." });
    expect(Object.keys(errors[2])).toEqual(["periodStart"]);
    await expect(applyImport(staff, id)).rejects.toMatchObject({ code: "invalid" });
    expect((await prisma.indicatorPeriod.findUniqueOrThrow({ where: { id: locked.periods[0].id } })).actualValue?.toString()).toBe("9");
  });

  it("partners cannot import indicator period values", async () => {
    const u = await createUser(prisma, { role: "PARTNER", countries: ["KZ"] });
    const partner = ctxFor({ id: u.user.id, email: u.user.email, role: "PARTNER" }, { kind: "partner", countries: ["KZ"] });
    await expect(previewImport(partner, "indicatorPeriods", await fileOf(`Indicator\n${tag} y`, "csv"))).rejects.toMatchObject({ code: "forbidden" });
  });
});

import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { activityColumns } from "~/components/activities/activity-columns";
import { agreementColumns } from "~/components/agreements/agreement-columns";
import { serverTranslator } from "~/i18n/catalogues.server";
import { createFormatter } from "~/i18n/format";
import { ACTIVITY_LIST, listActivities } from "~/models/activity.server";
import { AGREEMENT_LIST, getAgreement, listAgreements } from "~/models/agreement.server";
import { getOrganisation } from "~/models/organisation-admin.server";
import { toCsv } from "~/reports/csv.server";
import { programmeReportPdf } from "~/reports/pdf.server";
import { buildProgrammeReport, type ReportPeriod } from "~/reports/programme-report.server";
import { writeProgrammeWorkbook } from "~/reports/xlsx.server";
import { prisma } from "~/utils/db.server";
import { formatDate, isoDate } from "~/utils/format";
import { parseListQuery } from "~/utils/list-query";
import { createOrganisation, createProgramme, uid } from "../factories";

// A date kept at month or year precision ("Nov 2019") shows that precision
// everywhere it is shown or exported: never as an invented first day.

const staff: Scope = { kind: "staff" };
const en = serverTranslator("en");
const fmt = createFormatter(en);
const period: ReportPeriod = { from: new Date("2019-01-01T00:00:00Z"), to: new Date("2021-12-31T00:00:00Z") };
const day = (s: string) => new Date(`${s}T00:00:00Z`);

let code: string;
let tag: string;
let orgId: string;
let parentId: string;

beforeAll(async () => {
  tag = uid();
  const programme = await createProgramme(prisma, { countries: ["KR"], title: `Precision programme ${tag}` });
  code = programme.code;
  const org = await createOrganisation(prisma, { shortName: `NHIS-${tag}` });
  orgId = org.id;
  // The NHIS MoU, recorded as "Nov 2019".
  const mou = await prisma.agreement.create({
    data: {
      programmeId: programme.id,
      type: "MOU",
      title: `NHIS MoU ${tag}`,
      status: "SIGNED",
      signedOn: day("2019-11-01"),
      signedPrecision: "MONTH",
      parties: { create: [{ organisationId: org.id, role: "SIGNATORY" }] },
    },
  });
  parentId = mou.id;
  await prisma.agreement.create({
    data: { programmeId: programme.id, parentId: mou.id, type: "AMENDMENT", title: `Amendment ${tag}`, status: "SIGNED", signedOn: day("2020-01-01"), signedPrecision: "YEAR" },
  });
  // A study visit known only as "Mar 2019".
  const visit = await prisma.activity.create({
    data: {
      programmeId: programme.id,
      kind: "STUDY_VISIT",
      title: `Study visit ${tag}`,
      status: "COMPLETED",
      actualStart: day("2019-03-01"),
      actualEnd: day("2019-03-31"),
      datePrecision: "MONTH",
      organisations: { create: [{ organisationId: org.id, role: "HOST" }] },
      agreements: { create: [{ agreementId: mou.id }] },
    },
  });
  await prisma.outcome.create({ data: { activityId: visit.id, type: "AGREED_NEXT_STEP", text: `Follow-up ${tag}` } });
  await prisma.activityParticipantGroup.create({ data: { activityId: visit.id, label: `Delegation ${tag}`, total: 5, female: 3, male: 2, other: 0 } });
});

describe("isoDate", () => {
  it("writes a date to the precision it is known", () => {
    expect(isoDate(day("2019-11-01"), "MONTH")).toBe("2019-11");
    expect(isoDate(day("2019-01-01"), "YEAR")).toBe("2019");
    expect(isoDate(day("2019-11-03"))).toBe("2019-11-03");
    expect(isoDate(null)).toBe("");
    expect(formatDate(day("2019-11-01"), "MONTH", "en")).toBe("Nov 2019");
  });
});

describe("a month-precision date", () => {
  it("prints as Nov 2019 in the programme PDF, never as 1 Nov 2019", async () => {
    const report = (await buildProgrammeReport(staff, code, period))!;
    const bytes = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      programmeReportPdf(report)
        .on("data", (c: Buffer) => chunks.push(c))
        .on("end", () => resolve(Buffer.concat(chunks)))
        .on("error", reject);
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-precision-"));
    const file = path.join(dir, "report.pdf");
    fs.writeFileSync(file, bytes);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    fs.rmSync(dir, { recursive: true, force: true });
    expect(text).toContain(`NHIS MoU ${tag}`);
    expect(text).toContain("Nov 2019");
    // A day before the month (the title's hex tag may end in a digit, hence \b).
    expect(text).not.toMatch(/\b\d{1,2} Nov 2019/);
    // The study visit, its participant group and its outcome: "Mar 2019".
    expect(text).toContain("Mar 2019");
    expect(text).not.toMatch(/\b\d{1,2} Mar 2019/);
  });

  it("is the text 2019-11 in the programme workbook, never the date 2019-11-01", async () => {
    const report = (await buildProgrammeReport(staff, code, period))!;
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    await writeProgrammeWorkbook(report, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
    const agreements = wb.getWorksheet("Agreements")!;
    const signedColumn = (agreements.getRow(1).values as unknown[]).indexOf("Signed");
    const rows = new Map<string, unknown>();
    agreements.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(1).value), row.getCell(signedColumn).value);
    });
    expect(rows.get(`NHIS MoU ${tag}`)).toBe("2019-11");
    expect(rows.get(`Amendment ${tag}`)).toBe("2020");
    const activities = wb.getWorksheet("Activities")!;
    const header = activities.getRow(1).values as unknown[];
    expect(activities.getRow(2).getCell(header.indexOf("Start")).value).toBe("2019-03");
    expect(activities.getRow(2).getCell(header.indexOf("End")).value).toBe("2019-03");
    // No sheet holds an invented first day of those months.
    const invented: string[] = [];
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value;
          if (v instanceof Date && ["2019-11-01", "2019-03-01", "2019-03-31", "2020-01-01"].includes(v.toISOString().slice(0, 10))) invented.push(`${ws.name}!${cell.address}`);
        }),
      );
    }
    expect(invented).toEqual([]);
  });

  it("shows its precision in the list CSVs", async () => {
    const agreements = await listAgreements(staff, parseListQuery(new URLSearchParams({ q: tag }), AGREEMENT_LIST), true);
    const csv = parse(toCsv(agreementColumns(en, fmt), agreements.rows), { bom: true }) as string[][];
    const signed = csv[0].indexOf("Signed");
    const byTitle = new Map(csv.slice(1).map((r) => [r[0], r[signed]]));
    expect(byTitle.get(`NHIS MoU ${tag}`)).toBe("Nov 2019");
    expect(byTitle.get(`Amendment ${tag}`)).toBe("2020");
    const activities = await listActivities(staff, parseListQuery(new URLSearchParams({ q: tag }), ACTIVITY_LIST), true);
    const activityCsv = toCsv(activityColumns(en, fmt), activities.rows);
    expect(activityCsv).toContain("Mar 2019");
    expect(activityCsv).not.toMatch(/\b\d{1,2} Mar 2019/);
  });

  it("reaches the pages with its precision: the agreement's amendments and activities, the organisation's agreements and activities", async () => {
    const agreement = await getAgreement(staff, parentId);
    expect(agreement!.amendments[0]).toMatchObject({ signedPrecision: "YEAR" });
    expect(agreement!.activities[0].activity).toMatchObject({ datePrecision: "MONTH" });
    expect(fmt.date(agreement!.amendments[0].signedOn, agreement!.amendments[0].signedPrecision)).toBe("2020");
    const page = await getOrganisation(staff, orgId);
    expect(page!.agreementParties[0].agreement).toMatchObject({ signedPrecision: "MONTH" });
    expect(page!.activityRoles[0].activity).toMatchObject({ datePrecision: "MONTH" });
  });
});

import ExcelJS from "exceljs";
import { ctxFor } from "~/models/ctx.server";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { programmeReportPdf } from "~/reports/pdf.server";
import {
  buildProgrammeReport,
  parseReportDate,
  prepareProgrammeExport,
  reportFilename,
  resolvePeriod,
  type ReportPeriod,
} from "~/reports/programme-report.server";
import { writeProgrammeWorkbook } from "~/reports/xlsx.server";
import { prisma } from "~/utils/db.server";
import { fundingByYear } from "~/models/funding.server";
import { portfolioSummary, programmeCounts, programmeSpan } from "~/models/programme.server";
import { createOrganisation, createProgramme, createUser } from "../factories";
import { createActivityRecord, createAgreementRecord, createDeliverableRecord, createOutcomeRecord } from "../factories/document";
import { createReportProgramme, REPORT_PERIOD } from "../factories/report";

const period: ReportPeriod = { from: new Date("2025-01-01T00:00:00Z"), to: new Date("2025-12-31T00:00:00Z") };
const staff: Scope = { kind: "staff" };
const now = new Date("2025-09-01T12:00:00Z");

let fx: Awaited<ReturnType<typeof createReportProgramme>>;

beforeAll(async () => {
  fx = await createReportProgramme(prisma, { countries: ["BY"] });
});

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe("programme report builder: scope", () => {
  it("gives staff, the funding donor and partners of the country the report", async () => {
    for (const scope of [staff, { kind: "donor", organisationIds: [fx.fund.id] }, { kind: "partner", countries: ["BY", "KZ"] }] as Scope[]) {
      const report = await buildProgrammeReport(scope, fx.programme.code, period, now);
      expect(report?.programme.title).toBe(fx.programme.title);
    }
  });

  it("is not found for a donor of another fund, a partner of another country and an unknown code", async () => {
    const otherFund = await createOrganisation(prisma);
    expect(await buildProgrammeReport({ kind: "donor", organisationIds: [otherFund.id] }, fx.programme.code, period)).toBeNull();
    // The implementing organisation is not a funder: its donors do not see the programme.
    expect(await buildProgrammeReport({ kind: "donor", organisationIds: [fx.hira.id] }, fx.programme.code, period)).toBeNull();
    expect(await buildProgrammeReport({ kind: "partner", countries: ["KZ"] }, fx.programme.code, period)).toBeNull();
    expect(await buildProgrammeReport(staff, "NO-SUCH-CODE", period)).toBeNull();
  });

  it("shows partners and donors only shareable documents, and staff all live ones", async () => {
    const partner = await buildProgrammeReport({ kind: "partner", countries: ["BY"] }, fx.programme.code, period);
    expect(partner!.documents.map((d) => d.title)).toEqual([`Shareable minutes ${fx.tag}`]);
    const donor = await buildProgrammeReport({ kind: "donor", organisationIds: [fx.fund.id] }, fx.programme.code, period);
    expect(donor!.documents).toHaveLength(1);
    const all = await buildProgrammeReport(staff, fx.programme.code, period);
    expect(all!.documents.map((d) => d.title).sort()).toEqual([`Internal note ${fx.tag}`, `Shareable minutes ${fx.tag}`]);
  });

  it("hides an archived programme from donors but not from staff", async () => {
    const archived = await createReportProgramme(prisma);
    await prisma.programme.update({ where: { id: archived.programme.id }, data: { archivedAt: new Date() } });
    expect(await buildProgrammeReport({ kind: "donor", organisationIds: [archived.fund.id] }, archived.programme.code, period)).toBeNull();
    expect(await buildProgrammeReport(staff, archived.programme.code, period)).not.toBeNull();
  });
});

describe("programme report builder: period", () => {
  it("keeps the records of the period and leaves out the others and archived ones", async () => {
    const r = (await buildProgrammeReport(staff, fx.programme.code, period, now))!;
    expect(r.activities.map((a) => a.title)).toEqual([`Workshop on drug pricing ${fx.tag}`, `Study visit to Seoul ${fx.tag}`]);
    expect(r.activities[0]).toMatchObject({ planned: false, participantsTotal: 40, female: 25, male: 14, other: 1, country: "Belarus" });
    expect(r.activities[0].start).toEqual(new Date("2025-05-12T00:00:00Z"));
    expect(r.activities[1]).toMatchObject({ planned: true, participantsTotal: 12 });
    expect(r.participantGroups).toHaveLength(2);
    expect(r.participantGroups[0].group).toContain("Министерство здравоохранения Республики Беларусь");
    expect(r.agreements.map((a) => a.title)).toEqual([`Memorandum on pharmaceutical regulation ${fx.tag}`]);
    expect(r.deliverables.map((d) => [d.title, d.overdue])).toEqual([
      [`Workshop report ${fx.tag}`, false],
      [`Pricing roadmap ${fx.tag}`, true],
    ]);
    expect(r.outcomes.map((o) => o.text)).toEqual([`Draft a reference-pricing roadmap ${fx.tag}`]);
    expect(r.outcomes[0]).toMatchObject({ followUp: "Follow-up in progress", deliverable: `Pricing roadmap ${fx.tag}` });
    expect(r.indicators[0].periods).toHaveLength(1);
    expect(r.indicators[0].latest).toMatchObject({ target: 60, actual: 40 });
    // Participants by the one rule (issue 14, point 18): the planned activity's 12 are expected, not yet trained.
    expect(r.summary).toMatchObject({ activities: 2, participants: 40, female: 25, deliverables: 2, deliverablesOverdue: 1, outcomes: 1, agreements: 1 });
  });

  it("sums commitments and disbursements by year and currency in the database, never across currencies", async () => {
    const r = (await buildProgrammeReport(staff, fx.programme.code, period, now))!;
    expect(r.funding.map(({ year, currency, committed, disbursed }) => ({ year, currency, committed, disbursed }))).toEqual([
      { year: 2025, currency: "KRW", committed: "0.00", disbursed: "1000000.00" },
      { year: 2025, currency: "USD", committed: "150000.50", disbursed: "40000.25" },
    ]);
    const whole = await fundingByYear([fx.programme.id]);
    expect(whole.map((f) => [f.year, f.currency, f.committed])).toEqual([
      [2024, "USD", "20000.00"],
      [2025, "KRW", "0.00"],
      [2025, "USD", "150000.50"],
    ]);
  });

  it("defaults the period to the programme's whole span and reads dates from the URL", async () => {
    const span = await programmeSpan(fx.programme.id);
    // The whole record (issue 14, item 10): the old letter signed 2020-01-01 to the memorandum's expiry 2027-03-01.
    expect(span.from).toEqual(new Date("2020-01-01T00:00:00Z"));
    expect(span.to).toEqual(new Date("2027-03-01T00:00:00Z"));
    const asked = await resolvePeriod(fx.programme.id, new URLSearchParams(REPORT_PERIOD));
    expect(asked).toEqual(period);
    const half = await resolvePeriod(fx.programme.id, new URLSearchParams({ from: "2025-03-01", to: "not a date" }));
    expect(half).toEqual({ from: new Date("2025-03-01T00:00:00Z"), to: span.to });
    expect(parseReportDate("2025-02-30")).toBeNull();
  });

  it("names the file after the programme, the period and the day and records the export", async () => {
    const { user } = await createUser(prisma, { role: "DONOR", organisationIds: [fx.fund.id] });
    const prepared = await prepareProgrammeExport(
      ctxFor(user, { kind: "donor", organisationIds: [fx.fund.id] }, { ip: "127.0.0.1" }),
      fx.programme.code,
      new URLSearchParams(REPORT_PERIOD),
      "xlsx",
    );
    const today = new Date().toISOString().slice(0, 10);
    expect(prepared!.filename).toBe(`concord-${fx.programme.code}-2025-01-01-to-2025-12-31-${today}.xlsx`);
    const events = await prisma.auditEvent.findMany({ where: { actorId: user.id, action: "export" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entityType: "Programme", entityId: fx.programme.id, metadata: { format: "xlsx", from: "2025-01-01", to: "2025-12-31" } });
    const refused = await prepareProgrammeExport(
      ctxFor(user, { kind: "donor", organisationIds: [fx.hira.id] }),
      fx.programme.code,
      new URLSearchParams(),
      "pdf",
    );
    expect(refused).toBeNull();
    expect(await prisma.auditEvent.count({ where: { actorId: user.id, action: "export" } })).toBe(1);
    expect(reportFilename({ programme: { ...prepared!.report.programme, code: "A/B C" }, period, generatedAt: now }, "pdf")).toBe(
      "concord-A-B-C-2025-01-01-to-2025-12-31-2025-09-01.pdf",
    );
  });
});

describe("programme report formats", () => {
  it("writes a workbook with typed cells that exceljs reads back", async () => {
    const report = (await buildProgrammeReport(staff, fx.programme.code, period, now))!;
    const out = new PassThrough();
    const [bytes] = await Promise.all([streamToBuffer(out), writeProgrammeWorkbook(report, out)]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Summary",
      "Agreements",
      "Activities",
      "Participants by sex",
      "Deliverables",
      "Outcomes",
      "Indicators",
      "Funding",
      "Documents",
    ]);
    const activities = wb.getWorksheet("Activities")!;
    expect((activities.getRow(1).values as unknown[]).slice(1, 4)).toEqual(["Title", "Kind", "Status"]);
    expect(activities.getCell("A1").font?.bold).toBe(true);
    expect(activities.getCell("A2").font?.bold).toBeFalsy();
    expect(activities.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(activities.getCell("A2").value).toBe(`Workshop on drug pricing ${fx.tag}`);
    const start = activities.getCell("F2");
    expect(start.value).toBeInstanceOf(Date);
    expect((start.value as Date).toISOString().slice(0, 10)).toBe("2025-05-12");
    expect(start.numFmt).toBe("yyyy-mm-dd");
    expect(activities.getCell("J2").value).toBe(40);
    const funding = wb.getWorksheet("Funding")!;
    expect((funding.getRow(1).values as unknown[]).slice(1)).toEqual(["Year", "Currency", "Committed", "Disbursed"]);
    expect(funding.getRow(3).values).toEqual([undefined, 2025, "USD", 150000.5, 40000.25]);
    expect(typeof funding.getCell("C3").value).toBe("number");
    const indicators = wb.getWorksheet("Indicators")!;
    expect(indicators.rowCount).toBe(2);
    expect(indicators.getCell("H2").value).toBe(60);
    const participants = wb.getWorksheet("Participants by sex")!;
    expect(String(participants.getCell("C2").value)).toContain("Министерство здравоохранения Республики Беларусь");
  });

  it("writes an A4 PDF whose text has the Russian and Korean names", async () => {
    const report = (await buildProgrammeReport(staff, fx.programme.code, period, now))!;
    const bytes = await streamToBuffer(programmeReportPdf(report));
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-report-"));
    const file = path.join(dir, "report.pdf");
    fs.writeFileSync(file, bytes);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain(fx.programme.title);
    expect(text).toContain(`Министерство здравоохранения Республики Беларусь ${fx.tag}`);
    expect(text).toContain(`건강보험심사평가원 ${fx.tag}`);
    expect(text).toContain(`Workshop on drug pricing ${fx.tag}`);
    expect(text).toContain("overdue");
    expect(text).toContain("USD 150,000.50");
    expect(text).toContain("Page 2");
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("programme report: the default period spans the whole record (issue 14, item 10)", () => {
  it("counts the overdue deliverable the donor's dashboard counts, in the builder, the PDF and the workbook", async () => {
    const fund = await createOrganisation(prisma);
    const p = await createProgramme(prisma, { countries: ["BY"], funders: [fund.id], title: `Quality of care ${Date.now()}` });
    // No stored dates: the span comes from the records only.
    await prisma.programme.update({ where: { id: p.id }, data: { plannedStart: null, plannedEnd: null } });
    const visit = await createActivityRecord(prisma, p.id, { title: "Study visit", actualStart: "2019-01-17", actualEnd: "2019-01-17" });
    await createOutcomeRecord(prisma, visit.id, { text: "Draft the quality standard", dueDate: "2019-06-30" });
    await createDeliverableRecord(prisma, p.id, { title: "Quality standard", dueDate: "2021-12-31", status: "IN_PROGRESS" });
    await createAgreementRecord(prisma, p.id, { title: "Letter of intent", status: "SIGNED", expiresOn: "2022-03-01" });
    // Undated: no period holds it, but the whole record does (as the programme page counts it).
    const undated = await createActivityRecord(prisma, p.id, { title: "Consultation, date not recorded" });
    await createOutcomeRecord(prisma, undated.id, { text: "Share the draft" });
    const donor: Scope = { kind: "donor", organisationIds: [fund.id] };
    const { user } = await createUser(prisma, { role: "DONOR", organisationIds: [fund.id] });

    const dashboard = await portfolioSummary(donor);
    expect(dashboard.deliverablesOverdue).toBe(1);
    expect(await programmeSpan(p.id)).toEqual({ from: new Date("2019-01-17T00:00:00Z"), to: new Date("2022-03-01T00:00:00Z") });

    const prepared = (await prepareProgrammeExport(ctxFor(user, donor), p.code, new URLSearchParams(), "pdf"))!;
    const page = await programmeCounts(donor, p.id);
    expect(page).toMatchObject({ agreements: 1, activities: 2, outcomes: 2, deliverablesOverdue: 1 });
    expect(prepared.report.summary).toMatchObject({
      deliverables: 1,
      deliverablesOverdue: dashboard.deliverablesOverdue,
      activities: page.activities,
      outcomes: page.outcomes,
      agreements: page.agreements,
    });
    // A period asked for holds only the dated ones.
    const asked = await buildProgrammeReport(donor, p.code, await resolvePeriod(p.id, new URLSearchParams({ from: "2019-01-01", to: "2022-12-31" })));
    expect(asked!.summary).toMatchObject({ activities: 1, outcomes: 1 });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-report-"));
    const file = path.join(dir, "report.pdf");
    fs.writeFileSync(file, await streamToBuffer(programmeReportPdf(prepared.report)));
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    fs.rmSync(dir, { recursive: true, force: true });
    expect(text).toContain("Quality standard");
    expect(text).toContain("1 overdue");
    expect(text).not.toContain("none overdue");

    const out = new PassThrough();
    const [bytes] = await Promise.all([streamToBuffer(out), writeProgrammeWorkbook(prepared.report, out)]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const titles: string[] = [];
    wb.getWorksheet("Deliverables")!.eachRow((row) => titles.push(String(row.getCell(1).value)));
    expect(titles).toContain("Quality standard");
  });
});

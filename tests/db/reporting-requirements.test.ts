import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { ctxFor } from "~/models/ctx.server";
import { listProgressReports, portalReports, PROGRESS_REPORT_LIST } from "~/models/progress-report-list.server";
import { createRequirement, programmeReporting, requirementDefaults, setRequirementArchived, updateRequirement } from "~/models/reporting-requirement.server";
import { RequirementFormSchema, type RequirementForm } from "~/schemas/reporting-requirement";
import { prisma } from "~/utils/db.server";
import { ConflictError, DomainError } from "~/utils/errors.server";
import { parseListQuery } from "~/utils/list-query";
import { createOrganisation, createProgramme, createUser, uid } from "../factories";
import { createAgreement } from "../factories/deliverable";
import { createReportingFixture } from "../factories/reporting";
import { english } from "../support/english";

// Issue 18, point 1 (helper R): reporting requirements and the periods they
// keep, written in one transaction; regeneration never drops or moves a
// report that holds data; the lists of reports keep to the reader's scope.

const staff: Scope = { kind: "staff" };
let ctx: ReturnType<typeof ctxFor>;
let programme: { id: string; code: string };
let other: { id: string; code: string };

beforeAll(async () => {
  const { user } = await createUser(prisma, { role: "STAFF" });
  ctx = ctxFor({ id: user.id, email: user.email });
  programme = await createProgramme(prisma, { countries: ["BY", "KZ"] });
  other = await createProgramme(prisma, { countries: ["UZ"] });
});

const form = (overrides: Record<string, unknown> = {}): RequirementForm =>
  RequirementFormSchema.parse({
    title: `Quarterly report ${uid()}`,
    frequency: "QUARTERLY",
    startDate: "2026-02-15",
    endDate: "2026-12-31",
    dueDays: "30",
    reporter: "PARTNER_MINISTRY",
    reporterCountryCode: "BY",
    ...overrides,
  });

const periodsOf = (requirementId: string) =>
  prisma.progressReport.findMany({ where: { requirementId }, orderBy: { sequence: "asc" } }).then((rows) =>
    rows.map((r) => `${r.sequence} ${r.periodStart.toISOString().slice(0, 10)}..${r.periodEnd.toISOString().slice(0, 10)} ${r.status}`),
  );

const refusal = async (p: Promise<unknown>) => {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  const d = error as DomainError;
  return { code: d.code, fields: Object.fromEntries(Object.entries(d.fieldMessages()).map(([k, v]) => [k, english(v)])) };
};

describe("RequirementFormSchema", () => {
  it("explains each problem next to its field", () => {
    const r = RequirementFormSchema.safeParse({ title: "", frequency: "CUSTOM", startDate: "2026-01-01", endDate: "2026-12-31", dueDays: "400", reporter: "IMPLEMENTING_ORGANISATION", customPeriodEnds: "" });
    const messages = r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), english(i.message)]));
    expect(messages).toEqual({
      title: "Enter a title.",
      dueDays: "Enter a whole number of days from 0 to 365.",
      customPeriodEnds: "Enter the last day of each period (custom dates).",
      reporterCountryCode: "Choose the country whose partners report.",
      reporterOrganisationId: "Choose the implementing organisation that reports.",
    });
    const custom = (ends: string) =>
      RequirementFormSchema.safeParse({ title: "x", frequency: "CUSTOM", startDate: "2026-01-01", endDate: "2026-12-31", dueDays: "30", reporter: "IMPLEMENTING_ORGANISATION", customPeriodEnds: ends });
    const issues = (ends: string) => {
      const p = custom(ends);
      return p.success ? {} : Object.fromEntries(p.error.issues.map((i) => [i.path.join("."), english(i.message)]));
    };
    expect(issues("")).toMatchObject({
      customPeriodEnds: "Enter the last day of each period (custom dates).",
      reporterCountryCode: "Choose the country whose partners report.",
      reporterOrganisationId: "Choose the implementing organisation that reports.",
    });
    expect(issues("2026-06-30\n2026-03-31").customPeriodEnds).toBe("List the period ends in ascending order, each date once.");
    expect(issues("2026-06-30, 2027-03-31").customPeriodEnds).toBe("Every period end must lie between the start and the end.");
    expect(issues("2026-02-30").customPeriodEnds).toBe("“2026-02-30” is not a date (use yyyy-mm-dd).");
    expect(issues("2026-04-30 2026-12-31").customPeriodEnds).toBeUndefined();
  });
});

describe("requirements and their periods", () => {
  it("creates the requirement with its periods (NOT_STARTED) and an audit event, in one go", async () => {
    const created = await createRequirement(ctx, programme.code, form());
    expect(await periodsOf(created.id)).toEqual([
      "1 2026-02-15..2026-03-31 NOT_STARTED",
      "2 2026-04-01..2026-06-30 NOT_STARTED",
      "3 2026-07-01..2026-09-30 NOT_STARTED",
      "4 2026-10-01..2026-12-31 NOT_STARTED",
    ]);
    const reports = await prisma.progressReport.findMany({ where: { requirementId: created.id } });
    expect(reports.every((r) => r.countryCode === "BY" && r.programmeId === programme.id)).toBe(true);
    expect(reports[0].dueDate.toISOString().slice(0, 10)).toBe("2026-04-30");
    const audit = await prisma.auditEvent.findFirst({ where: { entityType: "ReportingRequirement", entityId: created.id, action: "create" } });
    expect(audit?.changes).toMatchObject({ frequency: "QUARTERLY", periods: { created: 4 } });
  });

  it("defaults to the programme's dates (actual, else planned), quarterly, due after 30 days", () => {
    const d = requirementDefaults({
      plannedStart: new Date("2024-01-01"), plannedEnd: new Date("2026-12-31"), actualStart: new Date("2024-03-01"), actualEnd: null, countries: [{ countryCode: "BY" }],
    });
    expect(d).toMatchObject({ startDate: "2024-03-01", endDate: "2026-12-31", dueDays: "30", frequency: "QUARTERLY", reporterCountryCode: "BY" });
  });

  it("refuses a country outside the programme, another programme's agreement, next to the field; writes nothing", async () => {
    const before = await prisma.reportingRequirement.count();
    expect(await refusal(createRequirement(ctx, programme.code, form({ reporterCountryCode: "UZ" })))).toEqual({
      code: "invalid",
      fields: { reporterCountryCode: "The reporter's country must be one of the programme's countries." },
    });
    const foreign = await createAgreement(prisma, { programmeId: other.id });
    expect((await refusal(createRequirement(ctx, programme.code, form({ agreementId: foreign.id })))).fields).toEqual({ agreementId: "Choose an agreement of this programme." });
    expect(await prisma.reportingRequirement.count()).toBe(before);
  });

  it("regenerates on edit: adds, moves and removes not-started periods", async () => {
    const r = await createRequirement(ctx, programme.code, form());
    // Longer: one more quarter.
    await updateRequirement(ctx, r.id, 1, form({ title: r.title, endDate: "2027-03-31" }));
    expect(await periodsOf(r.id)).toHaveLength(5);
    // Half-yearly from 1 January: dates move, the surplus goes.
    await updateRequirement(ctx, r.id, 2, form({ title: r.title, frequency: "HALF_YEARLY", startDate: "2026-01-01", endDate: "2026-12-31" }));
    expect(await periodsOf(r.id)).toEqual(["1 2026-01-01..2026-06-30 NOT_STARTED", "2 2026-07-01..2026-12-31 NOT_STARTED"]);
    const audit = await prisma.auditEvent.findFirst({ where: { entityType: "ReportingRequirement", entityId: r.id, action: "update" }, orderBy: { at: "desc" } });
    expect(audit?.changes).toMatchObject({ frequency: { before: "QUARTERLY", after: "HALF_YEARLY" }, periods: { removed: 3 } });
  });

  it("refuses a change that would drop or move a period whose report has data, next to the field, and changes nothing", async () => {
    const r = await createRequirement(ctx, programme.code, form());
    const first = await prisma.progressReport.findFirstOrThrow({ where: { requirementId: r.id, sequence: 1 } });
    await prisma.progressReport.update({ where: { id: first.id }, data: { status: "DRAFT", narrative: "Started" } });
    const moved = await refusal(updateRequirement(ctx, r.id, 1, form({ title: r.title, startDate: "2026-01-01" })));
    expect(moved.fields.startDate).toMatch(/would drop or move the period 2026-02-15 – 2026-03-31, whose report is already “Draft”/);
    const dropped = await refusal(updateRequirement(ctx, r.id, 1, form({ title: r.title, frequency: "MONTHLY" })));
    expect(Object.keys(dropped.fields)).toEqual(["frequency"]);
    expect((await prisma.reportingRequirement.findUniqueOrThrow({ where: { id: r.id } })).version).toBe(1);
    expect(await periodsOf(r.id)).toHaveLength(4);
    // A change that keeps that period is fine: later periods may go.
    await updateRequirement(ctx, r.id, 1, form({ title: r.title, endDate: "2026-06-30" }));
    expect(await periodsOf(r.id)).toEqual(["1 2026-02-15..2026-03-31 DRAFT", "2 2026-04-01..2026-06-30 NOT_STARTED"]);
  });

  it("answers a stale form with a conflict naming what changed", async () => {
    const r = await createRequirement(ctx, programme.code, form());
    await updateRequirement(ctx, r.id, 1, form({ title: "Renamed", dueDays: "45" }));
    const error = await updateRequirement(ctx, r.id, 1, form({ title: "Mine" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(Object.keys((error as ConflictError).changes)).toEqual(expect.arrayContaining(["title", "dueDays"]));
  });

  it("copies a changed reporter country onto the reports", async () => {
    const r = await createRequirement(ctx, programme.code, form());
    await updateRequirement(ctx, r.id, 1, form({ title: r.title, reporterCountryCode: "KZ" }));
    const countries = await prisma.progressReport.findMany({ where: { requirementId: r.id }, select: { countryCode: true } });
    expect(new Set(countries.map((c) => c.countryCode))).toEqual(new Set(["KZ"]));
  });

  it("archives and restores, audited; the page lists archived requirements for staff", async () => {
    const r = await createRequirement(ctx, programme.code, form());
    await setRequirementArchived(ctx, r.id, true);
    await setRequirementArchived(ctx, r.id, false);
    const actions = await prisma.auditEvent.findMany({ where: { entityType: "ReportingRequirement", entityId: r.id }, orderBy: { at: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["create", "archive", "restore"]);
    const page = await programmeReporting(staff, programme.code, "en");
    expect(page.requirements.some((x) => x.id === r.id && x.reports.length === 4)).toBe(true);
  });

  it("is staff only: partners and donors cannot write", async () => {
    const partner = ctxFor(ctx.actor, { kind: "partner", countries: ["BY"] });
    expect((await refusal(createRequirement(partner, programme.code, form()))).code).toBe("forbidden");
  });
});

describe("lists of reports", () => {
  it("show a partner only its countries' reports, never another country's; staff every report, filtered", async () => {
    const p = await createProgramme(prisma, { countries: ["BY", "KZ"] });
    const org = await createOrganisation(prisma);
    const mine = await createReportingFixture(prisma, { programmeId: p.id, country: "BY", status: "RETURNED" });
    const theirs = await createReportingFixture(prisma, { programmeId: p.id, country: "KZ", status: "DRAFT" });
    const archived = await createReportingFixture(prisma, { programmeId: p.id, country: "BY", status: "DRAFT", archivedRequirement: true });
    const partner: Scope = { kind: "partner", countries: ["BY"] };
    const portal = await portalReports(partner, "en", "PARTNER");
    const ids = [...portal.first, ...portal.rest].map((r) => r.id);
    expect(ids).toContain(mine.report.id);
    expect(ids).not.toContain(theirs.report.id);
    expect(ids).not.toContain(archived.report.id);
    expect(portal.first.find((r) => r.id === mine.report.id)).toMatchObject({ reason: "RETURNED", path: `/portal/reports/${mine.report.id}` });
    const query = (params: Record<string, string>) => parseListQuery(new URLSearchParams(params), PROGRESS_REPORT_LIST);
    const partnerList = await listProgressReports(partner, query({ programme: p.id }));
    expect(partnerList.rows.map((r) => r.id)).not.toContain(theirs.report.id);
    const staffList = await listProgressReports(staff, query({ programme: p.id }));
    expect(staffList.total).toBe(3);
    const kz = await listProgressReports(staff, query({ programme: p.id, country: "KZ" }));
    expect(kz.rows.map((r) => r.id)).toEqual([theirs.report.id]);
    // The fixtures are due in 2025: overdue (returned and draft are still open).
    const overdue = await listProgressReports(staff, query({ programme: p.id, due: "overdue", status: "RETURNED" }));
    expect(overdue.rows.map((r) => [r.id, r.overdue])).toEqual([[mine.report.id, true]]);
    expect((await listProgressReports(staff, query({ programme: p.id, due: "next30" }))).total).toBe(0);
    const donor: Scope = { kind: "donor", organisationIds: [org.id] };
    expect((await listProgressReports(donor, query({ programme: p.id }))).total).toBe(0);
  });
});

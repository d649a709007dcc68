import { beforeAll, describe, expect, it } from "vitest";
import { serverTranslator } from "~/i18n/catalogues.server";
import { message } from "~/i18n/translate";
import * as archiveRoute from "~/routes/api.v1.indicators.$id.archive";
import * as oneRoute from "~/routes/api.v1.indicators.$id";
import * as listRoute from "~/routes/api.v1.indicators";
import { IndicatorFormSchema } from "~/schemas/indicator";
import { prisma } from "~/utils/db.server";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { createAgreement } from "../factories/deliverable";
import { createProgressReportRecord, createRequirementRecord } from "../factories/reporting";
import { createIndicator } from "../factories/results";
import { apiCaller } from "../support/api-call";
import { apiIdentities, expectReadOnlyThenArchive, expectRefusedWithoutToken } from "../support/api-record-cases";

// Issue 19, point 5 (helper APIA): the JSON API's indicators with their
// period values (baseline on the indicator, targets and actuals per period,
// as the indicator form holds them). Scope through partner and donor tokens,
// the lock of an approved progress report refused exactly as the form
// refuses it, 409 with the current record, the form's own messages in
// Russian, writes audited as the token's owner with the token named.

const call = apiCaller("http://concord.test/api/v1/indicators");
const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((r) => r.id);

let who: Awaited<ReturnType<typeof apiIdentities>>;
let by: { id: string };
let kz: { id: string };
let withArchivedAgreement: { id: string };
let reportName: string;
const tag = `ApiInd${Date.now().toString(36)}`;

beforeAll(async () => {
  who = await apiIdentities(tag);
  by = await createIndicator(prisma, {
    programmeId: who.byProgramme.id,
    title: `${tag} Minsk reviewers trained`,
    baselineValue: 2,
    baselineYear: 2023,
    periods: [
      { start: "2024-01-01", end: "2024-12-31", target: 10, actual: 7 },
      { start: "2025-01-01", end: "2025-12-31", target: 20 },
    ],
  });
  kz = await createIndicator(prisma, { programmeId: who.kzProgramme.id, title: `${tag} Astana reviewers trained` });
  const agreement = await createAgreement(prisma, { programmeId: who.byProgramme.id, title: `${tag} MoU` });
  await prisma.agreement.update({ where: { id: agreement.id }, data: { archivedAt: new Date() } });
  withArchivedAgreement = await createIndicator(prisma, { programmeId: who.byProgramme.id, agreementId: agreement.id, title: `${tag} Minsk annex indicator` });
  // 2024's actual was made official by an approved progress report (issue 18).
  const requirement = await createRequirementRecord(prisma, { programmeId: who.byProgramme.id, title: `${tag} annual report`, frequency: "ANNUAL", startDate: "2024-01-01", endDate: "2024-12-31" });
  const report = await createProgressReportRecord(prisma, requirement, { status: "APPROVED", periodStart: "2024-01-01", periodEnd: "2024-12-31", dueDate: "2025-01-31" });
  reportName = `${requirement.title} #${report.sequence}`;
  await prisma.indicatorPeriod.updateMany({ where: { indicatorId: by.id, periodStart: new Date("2024-01-01") }, data: { approvedReportId: report.id } });
});

describe("/api/v1/indicators", () => {
  it("refuses a call without a valid token (401 problem+json) and a session cookie for writes", () => expectRefusedWithoutToken(call, listRoute));

  it("a partner's token sees what the partner sees: a Kazakhstan indicator is 404 to a Belarus token", async () => {
    const list = await call(listRoute, { token: who.partnerToken, path: `?q=${tag}&sort=title` });
    expect(list.status).toBe(200);
    expect(ids(list)).toEqual([withArchivedAgreement.id, by.id]);
    expect((await call(oneRoute, { token: who.partnerToken }, { id: kz.id })).status).toBe(404);
    const mine = await call(oneRoute, { token: who.partnerToken }, { id: by.id });
    expect(mine.body).toMatchObject({
      id: by.id,
      baselineValue: "2",
      baselineYear: "2023",
      periods: [
        { periodStart: "2024-01-01", periodEnd: "2024-12-31", targetValue: "10", actualValue: "7" },
        { periodStart: "2025-01-01", periodEnd: "2025-12-31", targetValue: "20", actualValue: "" },
      ],
      lockedPeriods: [{ periodStart: "2024-01-01", periodEnd: "2024-12-31" }],
    });
    // The archived agreement the partner's pages do not show is not named by its id either.
    expect((await call(oneRoute, { token: who.partnerToken }, { id: withArchivedAgreement.id })).body.agreementId).toBe("");
    expect((await call(oneRoute, { token: who.staffToken }, { id: withArchivedAgreement.id })).body.agreementId).not.toBe("");
    // A donor sees the programmes its organisation funds, no more.
    expect(ids(await call(listRoute, { token: who.donorToken, path: `?q=${tag}&sort=title` }))).toEqual([withArchivedAgreement.id, by.id]);
    expect((await call(oneRoute, { token: who.donorToken }, { id: kz.id })).status).toBe(404);
    // Staff see all three, with the page's filters (periods overlapping 2024-2025: only the one with periods).
    expect(ids(await call(listRoute, { token: who.staffToken, path: `?q=${tag}&sort=title&dir=desc` }))).toEqual([by.id, withArchivedAgreement.id, kz.id]);
    const filtered = await call(listRoute, { token: who.staffToken, path: `?q=${tag}&from=2024-06-01&to=2025-06-01` });
    expect(filtered.body).toMatchObject({ total: 1, data: [{ id: by.id, latest: { periodStart: "2024-01-01", actualValue: "7" } }] });
    expect((await call(oneRoute, { token: who.partnerToken, method: "PATCH", body: { version: 1, title: "Mine" } }, { id: by.id })).status).toBe(403);
  });

  it("creates with its periods (JSON numbers read as the form's strings), audited as the token's owner with the token named", async () => {
    const created = await call(listRoute, {
      token: who.staffToken,
      method: "POST",
      body: {
        programmeId: who.byProgramme.id,
        resultType: "OUTCOME",
        measure: "PERCENTAGE",
        title: `${tag} made through the API`,
        ascending: true,
        baselineValue: 12.5,
        periods: [{ periodStart: "2026-01-01", periodEnd: "2026-12-31", targetValue: 40, actualComment: "Not yet measured" }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/indicators/${created.body.id}`);
    expect(created.body).toMatchObject({
      version: 1,
      ascending: true,
      baselineValue: "12.5",
      periods: [{ periodStart: "2026-01-01", periodEnd: "2026-12-31", targetValue: "40", actualValue: "", actualComment: "Not yet measured" }],
      lockedPeriods: [],
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Indicator", entityId: created.body.id, action: "create" } });
    expect(audit.actorId).toBe(who.staff.actor.id);
    expect(audit.metadata).toMatchObject({ apiToken: { name: "writer" } });
  });

  it("refuses a change to the actual of a period an approved report made official, with the form's message; other changes keep the lock", async () => {
    const current = (await call(oneRoute, { token: who.staffToken }, { id: by.id })).body;
    const periods = current.periods.map((p: Record<string, string>, i: number) => (i === 0 ? { ...p, actualValue: "8" } : p));
    const locked = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { version: current.version, periods }, headers: { "accept-language": "ru" } }, { id: by.id });
    expect(locked.status).toBe(400);
    expect(locked.type).toContain("application/problem+json");
    expect(locked.body.errors).toEqual({ "periods.0.actualValue": serverTranslator("ru").text(message("progressReport.lock.indicator", { report: reportName })) });
    expect((await prisma.indicatorPeriod.findFirstOrThrow({ where: { indicatorId: by.id, periodStart: new Date("2024-01-01") } })).actualValue?.toString()).toBe("7");
    // Removing the locked period is refused too.
    const removed = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { version: current.version, periods: [current.periods[1]] } }, { id: by.id });
    expect(removed.status).toBe(400);
    expect(Object.keys(removed.body.errors)).toEqual(["periods"]);
    // A change elsewhere (the next period's actual, the title) saves and keeps the lock on 2024.
    const next = current.periods.map((p: Record<string, string>, i: number) => (i === 1 ? { ...p, actualValue: 9 } : p));
    const saved = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { version: current.version, title: `${tag} Minsk reviewers trained (revised)`, periods: next } }, { id: by.id });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: current.version + 1, periods: [{ actualValue: "7" }, { actualValue: "9" }], lockedPeriods: [{ periodStart: "2024-01-01" }] });
    // A stale version is a 409 with the record as it is now.
    const stale = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { version: current.version, title: "Stale" } }, { id: by.id });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: current.version + 1, current: { id: by.id, title: `${tag} Minsk reviewers trained (revised)` } });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Indicator", entityId: by.id, action: "update" } });
    expect(audit.metadata).toMatchObject({ apiToken: { name: "writer" } });
  });

  it("refuses bad fields, period rows included, with the form's own messages in Russian, saving nothing", async () => {
    const body = {
      programmeId: who.byProgramme.id,
      resultType: "OUTPUT",
      measure: "PERCENTAGE",
      title: "",
      baselineYear: "1800",
      periods: [
        { periodStart: "2026-01-01", periodEnd: "2025-01-01", targetValue: "150" },
        { periodStart: "2026-06-01", periodEnd: "2026-12-31", actualValue: "12,5" },
      ],
    };
    const before = await prisma.indicator.count();
    const res = await call(listRoute, { token: who.staffToken, method: "POST", body, headers: { "accept-language": "ru" } });
    expect(res.status).toBe(400);
    const parsed = IndicatorFormSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    const ru = serverTranslator("ru");
    const form = Object.fromEntries(Object.entries(zodErrorsToFieldErrors(parsed.error!)).map(([k, v]) => [k, ru.text(v)]));
    expect(res.body.errors).toEqual(form);
    expect(Object.keys(res.body.errors)).toEqual(expect.arrayContaining(["title", "baselineYear", "periods.0.periodEnd", "periods.0.targetValue", "periods.1.actualValue"]));
    expect(res.body.errors.title).toMatch(/[А-Яа-я]/);
    expect(await prisma.indicator.count()).toBe(before);
  });

  it("refuses writes through a read-only token (403) and archives through a writer", () =>
    expectReadOnlyThenArchive(call, { list: listRoute, archive: archiveRoute }, {
      readOnlyToken: who.readOnlyToken,
      writerToken: who.staffToken,
      id: kz.id,
      entityType: "Indicator",
      archivedAt: async () => (await prisma.indicator.findUniqueOrThrow({ where: { id: kz.id } })).archivedAt,
    }));
});

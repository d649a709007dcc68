import { beforeAll, describe, expect, it } from "vitest";
import { serverTranslator } from "~/i18n/catalogues.server";
import { message as m } from "~/i18n/translate";
import * as reportsList from "~/routes/api.v1.progress-reports";
import * as reportOne from "~/routes/api.v1.progress-reports.$id";
import * as approveRoute from "~/routes/api.v1.progress-reports.$id.approve";
import * as reopenRoute from "~/routes/api.v1.progress-reports.$id.reopen";
import * as returnRoute from "~/routes/api.v1.progress-reports.$id.return";
import * as submitRoute from "~/routes/api.v1.progress-reports.$id.submit";
import * as requirementArchive from "~/routes/api.v1.reporting-requirements.$id.archive";
import * as requirementOne from "~/routes/api.v1.reporting-requirements.$id";
import * as requirementsList from "~/routes/api.v1.reporting-requirements";
import { ProgressReportFormSchema } from "~/schemas/progress-report";
import { RequirementFormSchema } from "~/schemas/reporting-requirement";
import { prisma } from "~/utils/db.server";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { createProgressReportRecord, createRequirementRecord } from "../factories/reporting";
import { apiCaller } from "../support/api-call";
import { apiIdentities, expectReadOnlyThenArchive, expectRefusedWithoutToken } from "../support/api-record-cases";

// Issue 19, point 5 (helper RAPI): reporting requirements and progress
// reports through the JSON API, called through the route modules as the
// server calls them: requirements are staff only (403 to partners' and
// donors' tokens), reports are scoped by progressReportWhere (a partner's
// token: its countries' reports; a donor's: approved ones of the programmes
// it funds), 409 with the current record, problem+json with the forms' own
// messages in Russian, and the workflow through the pages' model functions.

const requirements = apiCaller("http://concord.test/api/v1/reporting-requirements");
const reports = apiCaller("http://concord.test/api/v1/progress-reports");
const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((r) => r.id);
const ru = serverTranslator("ru");
const formErrors = (error: Parameters<typeof zodErrorsToFieldErrors>[0]) =>
  Object.fromEntries(Object.entries(zodErrorsToFieldErrors(error)).map(([k, v]) => [k, ru.text(v)]));

let who: Awaited<ReturnType<typeof apiIdentities>>;
let byRequirement: { id: string; programmeId: string; agreementId: string | null; reporterCountryCode: string | null };
let kzRequirement: { id: string };
let byDraft: { id: string };
let byApproved: { id: string };
let kzDraft: { id: string };
const tag = `ApiRep${Date.now().toString(36)}`;

beforeAll(async () => {
  who = await apiIdentities(tag);
  byRequirement = await createRequirementRecord(prisma, { programmeId: who.byProgramme.id, country: "BY", title: `${tag} Belarus quarterly` });
  await createRequirementRecord(prisma, { programmeId: who.byProgramme.id, country: "BY", title: `${tag} Belarus annual`, frequency: "ANNUAL" });
  kzRequirement = await createRequirementRecord(prisma, { programmeId: who.kzProgramme.id, country: "KZ", title: `${tag} Kazakhstan quarterly` });
  byDraft = await createProgressReportRecord(prisma, byRequirement, { status: "DRAFT", sequence: 1 });
  byApproved = await createProgressReportRecord(prisma, byRequirement, { status: "APPROVED", sequence: 2, periodStart: "2025-04-01", periodEnd: "2025-06-30", dueDate: "2025-07-30" });
  kzDraft = await createProgressReportRecord(prisma, { ...kzRequirement, programmeId: who.kzProgramme.id, agreementId: null, reporterCountryCode: "KZ" }, { status: "DRAFT", dueDate: "2025-05-15" });
});

describe("/api/v1/reporting-requirements", () => {
  it("refuses a call without a valid token (401 problem+json) and a session cookie for writes", () => expectRefusedWithoutToken(requirements, requirementsList));

  it("is staff only, as the pages: a partner's or donor's token is refused (403 problem+json) before anything is read", async () => {
    for (const token of [who.partnerToken, who.donorToken]) {
      const list = await requirements(requirementsList, { token });
      expect(list.status).toBe(403);
      expect(list.type).toContain("application/problem+json");
      expect((await requirements(requirementOne, { token }, { id: byRequirement.id })).status).toBe(403);
      expect((await requirements(requirementOne, { token }, { id: "no-such-requirement" })).status).toBe(403);
      expect((await requirements(requirementsList, { token, method: "POST", body: { programmeCode: who.byProgramme.code, title: "Mine" } })).status).toBe(403);
    }
  });

  it("lists by programme in pages, and reads one as its edit form holds it", async () => {
    const byList = await requirements(requirementsList, { token: who.staffToken, path: `?programme=${who.byProgramme.id}&sort=title` });
    expect(byList.status).toBe(200);
    expect(byList.body).toMatchObject({ page: 1, perPage: 25, total: 2 });
    expect(byList.body.data.map((r: { title: string }) => r.title)).toEqual([`${tag} Belarus annual`, `${tag} Belarus quarterly`]);
    expect(byList.body.data[1]).toMatchObject({ id: byRequirement.id, programmeCode: who.byProgramme.code, frequency: "QUARTERLY", reporterCountryCode: "BY", startDate: "2025-01-01" });
    expect(ids(await requirements(requirementsList, { token: who.staffToken, path: `?q=${tag}&frequency=ANNUAL` }))).toHaveLength(1);
    expect((await requirements(requirementsList, { token: who.staffToken, path: `?q=${tag}&page=2` })).body).toMatchObject({ page: 2, total: 3, data: [] });
    const one = await requirements(requirementOne, { token: who.staffToken }, { id: byRequirement.id });
    expect(one.body).toMatchObject({
      id: byRequirement.id, version: 1, title: `${tag} Belarus quarterly`, frequency: "QUARTERLY", startDate: "2025-01-01", endDate: "2025-12-31",
      dueDays: "30", reporter: "PARTNER_MINISTRY", reporterCountryCode: "BY", programmeCode: who.byProgramme.code, archived: false,
    });
    expect((await requirements(requirementOne, { token: who.staffToken }, { id: "no-such-requirement" })).status).toBe(404);
  });

  it("creates from the form's fields and the programme's code, making its periods' reports", async () => {
    const created = await requirements(requirementsList, {
      token: who.staffToken,
      method: "POST",
      body: { programmeCode: who.byProgramme.code, title: `${tag} made through the API`, frequency: "QUARTERLY", startDate: "2026-01-01", endDate: "2026-12-31", dueDays: 20, reporter: "PARTNER_MINISTRY", reporterCountryCode: "by" },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/reporting-requirements/${created.body.id}`);
    expect(created.body).toMatchObject({ title: `${tag} made through the API`, version: 1, dueDays: "20", reporterCountryCode: "BY", programmeId: who.byProgramme.id });
    expect(await prisma.progressReport.count({ where: { requirementId: created.body.id } })).toBe(4);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "ReportingRequirement", entityId: created.body.id, action: "create" } });
    expect(audit.actorId).toBe(who.staff.actor.id);
    expect(audit.metadata).toMatchObject({ apiToken: { name: "writer" } });
    // A country outside the programme is the model's refusal, next to its field.
    const outside = await requirements(requirementsList, {
      token: who.staffToken,
      method: "POST",
      body: { programmeCode: who.byProgramme.code, title: "Elsewhere", frequency: "ANNUAL", startDate: "2026-01-01", endDate: "2026-12-31", dueDays: 20, reporter: "PARTNER_MINISTRY", reporterCountryCode: "KZ" },
    });
    expect(outside.status).toBe(400);
    expect(Object.keys(outside.body.errors)).toEqual(["reporterCountryCode"]);
    // A code no programme has: refused at its field, in the reader's language, nothing saved.
    const before = await prisma.reportingRequirement.count();
    const unknown = await requirements(requirementsList, {
      token: who.staffToken,
      method: "POST",
      body: { programmeCode: "NO-SUCH-CODE", title: "Nowhere", frequency: "ANNUAL", startDate: "2026-01-01", endDate: "2026-12-31", dueDays: 20, reporter: "STAFF" },
      headers: { "accept-language": "ru" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual({ programmeCode: "Программы с таким кодом нет." });
    expect(await prisma.reportingRequirement.count()).toBe(before);
  });

  it("refuses bad fields with the form's own messages in Russian (and a missing programme), saving nothing", async () => {
    const body = { title: "", frequency: "WEEKLY", startDate: "2026-02-30", endDate: "2026-01-01", dueDays: "-3", reporter: "PARTNER_MINISTRY" };
    const before = await prisma.reportingRequirement.count();
    const res = await requirements(requirementsList, { token: who.staffToken, method: "POST", body, headers: { "accept-language": "ru" } });
    expect(res.status).toBe(400);
    expect(res.type).toContain("application/problem+json");
    const parsed = RequirementFormSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(res.body.errors).toEqual({ programmeCode: ru.text(m("validation.enter", { label: "@reporting.v.programmeCode" })), ...formErrors(parsed.error!) });
    expect(Object.keys(res.body.errors)).toEqual(expect.arrayContaining(["programmeCode", "title", "frequency", "startDate", "dueDays"]));
    expect(res.body.errors.title).toMatch(/[А-Яа-я]/);
    expect(res.body.errors.programmeCode).toMatch(/код программы/);
    expect(await prisma.reportingRequirement.count()).toBe(before);
  });

  it("answers a stale version with 409 and the current record", async () => {
    const first = await requirements(requirementOne, { token: who.staffToken, method: "PATCH", body: { version: 1, title: `${tag} Belarus quarterly, renamed`, programmeCode: who.kzProgramme.code } }, { id: byRequirement.id });
    expect(first.status).toBe(200);
    // The programme is not changed by a PATCH.
    expect(first.body).toMatchObject({ title: `${tag} Belarus quarterly, renamed`, version: 2, programmeCode: who.byProgramme.code, frequency: "QUARTERLY" });
    const stale = await requirements(requirementOne, { token: who.staffToken, method: "PATCH", body: { version: 1, title: "Renamed twice" } }, { id: byRequirement.id });
    expect(stale.status).toBe(409);
    expect(stale.type).toContain("application/problem+json");
    expect(stale.body).toMatchObject({ currentVersion: 2, current: { id: byRequirement.id, title: `${tag} Belarus quarterly, renamed`, version: 2 } });
    const missing = await requirements(requirementOne, { token: who.staffToken, method: "PATCH", body: { title: "No version" } }, { id: byRequirement.id });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.errors)).toEqual(["version"]);
    // A period whose report holds data is not dropped: refused next to the field that would drop it.
    const shrink = await requirements(requirementOne, { token: who.staffToken, method: "PATCH", body: { version: 2, endDate: "2025-03-31" } }, { id: byRequirement.id });
    expect(shrink.status).toBe(400);
    expect(Object.keys(shrink.body.errors)).toEqual(["endDate"]);
  });

  it("refuses writes through a read-only token (403) and archives through a writer", () =>
    expectReadOnlyThenArchive(requirements, { list: requirementsList, archive: requirementArchive }, {
      readOnlyToken: who.readOnlyToken,
      writerToken: who.staffToken,
      id: kzRequirement.id,
      entityType: "ReportingRequirement",
      archivedAt: async () => (await prisma.reportingRequirement.findUniqueOrThrow({ where: { id: kzRequirement.id } })).archivedAt,
    }));
});

describe("/api/v1/progress-reports", () => {
  it("lists with the page's filters in the caller's scope: a partner its countries' reports, a donor approved ones it funds", async () => {
    // The search finds the tests' programmes; of those, the three reports made above (the requirement created above made more).
    const mine = new Set([byDraft.id, byApproved.id, kzDraft.id]);
    const list = async (token: string, query = "") => {
      const res = await reports(reportsList, { token, path: `?q=${tag}&sort=dueDate${query}` });
      return { ...res, body: { ...res.body, data: res.body.data.filter((r: { id: string }) => mine.has(r.id)) } };
    };
    // The Kazakhstan requirement was archived above: staff still see its report, as on the page.
    expect(ids(await list(who.staffToken))).toEqual([byDraft.id, kzDraft.id, byApproved.id]);
    expect(ids(await list(who.staffToken, "&country=kz"))).toEqual([kzDraft.id]);
    expect(ids(await list(who.staffToken, "&status=APPROVED"))).toEqual([byApproved.id]);
    expect(ids(await list(who.staffToken, `&programme=${who.byProgramme.id}&dir=desc`))).toEqual([byApproved.id, byDraft.id]);
    expect(ids(await list(who.staffToken, "&due=overdue"))).toEqual([byDraft.id, kzDraft.id]);
    const partner = await list(who.partnerToken);
    expect(partner.status).toBe(200);
    expect(ids(partner)).toEqual([byDraft.id, byApproved.id]);
    expect(partner.body.data[0]).toMatchObject({ status: "DRAFT", countryCode: "BY", programmeCode: who.byProgramme.code, requirementId: byRequirement.id, overdue: true, periodStart: "2025-01-01" });
    expect(ids(await list(who.donorToken))).toEqual([byApproved.id]);
    // Outside the scope is not found, whatever is asked.
    expect((await reports(reportOne, { token: who.partnerToken }, { id: kzDraft.id })).status).toBe(404);
    expect((await reports(reportOne, { token: who.donorToken }, { id: byDraft.id })).status).toBe(404);
    expect((await reports(submitRoute, { token: who.partnerToken, method: "POST", body: { version: 1 } }, { id: kzDraft.id })).status).toBe(404);
    // No create: the requirement's periods make the reports.
    const post = await reports(reportsList, { token: who.staffToken, method: "POST", body: {} });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
  });

  it("reads a report as its page loads it: the form's values, the period's sections; a donor without history and comments", async () => {
    const staff = await reports(reportOne, { token: who.staffToken }, { id: byApproved.id });
    expect(staff.status).toBe(200);
    expect(staff.body).toMatchObject({
      id: byApproved.id, status: "APPROVED", version: 1, periodStart: "2025-04-01", periodEnd: "2025-06-30",
      narrative: expect.stringContaining("Progress in the period"), indicators: [], participants: [], items: [],
      translations: { en: { narrative: "" }, ru: { narrative: "" }, ko: { narrative: "" } },
      programme: { code: who.byProgramme.code }, abilities: { reopen: true, approve: false },
      sections: { indicators: [], activities: [], items: [] },
    });
    const donor = await reports(reportOne, { token: who.donorToken }, { id: byApproved.id });
    expect(donor.body).toMatchObject({ id: byApproved.id, history: [], comments: [], abilities: { view: true, edit: false, reopen: false } });
  });

  it("saves a draft with the report form's schema: 409 with the current report on a stale version, field messages in Russian", async () => {
    const saved = await reports(reportOne, { token: who.partnerToken, method: "PATCH", body: { version: 1, narrative: "Twenty doctors trained.", translations: { ru: { narrative: "Обучено двадцать врачей." } } } }, { id: byDraft.id });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, status: "DRAFT", narrative: "Twenty doctors trained.", translations: { ru: { narrative: "Обучено двадцать врачей." } } });
    const stale = await reports(reportOne, { token: who.staffToken, method: "PATCH", body: { version: 1, narrative: "Overwritten" } }, { id: byDraft.id });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 2, current: { id: byDraft.id, version: 2, narrative: "Twenty doctors trained." } });
    const body = { version: 2, narrative: "x".repeat(20_001), participants: [{ activityId: "", total: "many" }] };
    const bad = await reports(reportOne, { token: who.partnerToken, method: "PATCH", body, headers: { "accept-language": "ru" } }, { id: byDraft.id });
    expect(bad.status).toBe(400);
    const parsed = ProgressReportFormSchema.safeParse({ ...body, version: "2" });
    expect(parsed.success).toBe(false);
    expect(bad.body.errors).toEqual(formErrors(parsed.error!));
    expect(Object.keys(bad.body.errors)).toEqual(expect.arrayContaining(["narrative", "participants.0.activityId", "participants.0.total"]));
    expect(bad.body.errors.narrative).toMatch(/[А-Яа-я]/);
    expect((await prisma.progressReport.findUniqueOrThrow({ where: { id: byDraft.id } })).narrative).toBe("Twenty doctors trained.");
    // A donor may not fill in a report (not even one it reads).
    expect((await reports(reportOne, { token: who.donorToken, method: "PATCH", body: { version: 1, narrative: "Mine" } }, { id: byApproved.id })).status).toBe(403);
  });

  it("runs the workflow with the version: submit, return with comments, submit, approve, reopen; reviewing is staff's", async () => {
    const step = (route: typeof submitRoute, token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      reports(route, { token, method: "POST", body, headers }, { id: byDraft.id });
    const submitted = await step(submitRoute, who.partnerToken, { version: 2 });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: "SUBMITTED", version: 3, round: 1 });
    // The partner may not review its own report.
    for (const [route, body] of [[approveRoute, { version: 3 }], [returnRoute, { version: 3, comments: { GENERAL: "x" } }], [reopenRoute, { version: 3, reason: "x" }]] as const) {
      const refused = await step(route, who.partnerToken, body);
      expect(refused.status).toBe(403);
      expect(refused.type).toContain("application/problem+json");
    }
    // A return needs a comment (the form's message, in Russian); a stale version is 409 with the current report.
    const empty = await step(returnRoute, who.staffToken, { version: 3, comments: {} }, { "accept-language": "ru" });
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.body.errors)).toEqual(["comments.GENERAL"]);
    expect(empty.body.errors["comments.GENERAL"]).toMatch(/[А-Яа-я]/);
    const staleReturn = await step(returnRoute, who.staffToken, { version: 2, comments: { INDICATORS: "Check the totals." } });
    expect(staleReturn.status).toBe(409);
    expect(staleReturn.body).toMatchObject({ currentVersion: 3, current: { id: byDraft.id, status: "SUBMITTED", version: 3 } });
    const returned = await step(returnRoute, who.staffToken, { version: 3, comments: { INDICATORS: "Check the totals." } });
    expect(returned.body).toMatchObject({ status: "RETURNED", version: 4, comments: [{ section: "INDICATORS", body: "Check the totals.", round: 1 }] });
    const noVersion = await step(submitRoute, who.partnerToken, {});
    expect(noVersion.status).toBe(400);
    expect(Object.keys(noVersion.body.errors)).toEqual(["version"]);
    expect((await step(submitRoute, who.partnerToken, { version: 4 })).body).toMatchObject({ status: "SUBMITTED", version: 5, round: 2 });
    // The donor does not see a report under review.
    expect((await step(approveRoute, who.donorToken, { version: 5 })).status).toBe(404);
    const approved = await step(approveRoute, who.staffToken, { version: 5 });
    expect(approved.body).toMatchObject({ status: "APPROVED", version: 6, abilities: { reopen: true } });
    expect((await reports(reportOne, { token: who.donorToken }, { id: byDraft.id })).body).toMatchObject({ status: "APPROVED" });
    const noReason = await step(reopenRoute, who.staffToken, { version: 6, reason: " " });
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.body.errors)).toEqual(["reason"]);
    expect((await step(reopenRoute, who.staffToken, { version: 6, reason: "Corrected figures." })).body).toMatchObject({ status: "RETURNED", version: 7, reopenReason: "Corrected figures." });
    // A read-only token reads but does not move the workflow; GET on a step is 405.
    expect((await step(submitRoute, who.readOnlyToken, { version: 7 })).status).toBe(403);
    expect((await reports(submitRoute, { token: who.staffToken }, { id: byDraft.id })).status).toBe(405);
    const audit = await prisma.auditEvent.findMany({ where: { entityType: "ProgressReport", entityId: byDraft.id }, orderBy: { at: "asc" } });
    expect(audit.length).toBeGreaterThanOrEqual(6);
    expect(audit.every((e) => (e.metadata as { apiToken?: unknown } | null)?.apiToken)).toBe(true);
  });
});

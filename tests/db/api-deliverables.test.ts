import { beforeAll, describe, expect, it } from "vitest";
import { serverTranslator } from "~/i18n/catalogues.server";
import * as archiveRoute from "~/routes/api.v1.deliverables.$id.archive";
import * as oneRoute from "~/routes/api.v1.deliverables.$id";
import * as listRoute from "~/routes/api.v1.deliverables";
import { DeliverableFormSchema } from "~/schemas/deliverable";
import { prisma } from "~/utils/db.server";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { createActivity, createAgreement, createDeliverable, createOutcome } from "../factories/deliverable";
import { apiCaller } from "../support/api-call";
import { apiIdentities, expectReadOnlyThenArchive, expectRefusedWithoutToken } from "../support/api-record-cases";

// Issue 19, point 5 (helper APIA): the JSON API's deliverables, called through
// the route modules as the server calls them (api-activities.test.ts): scope
// through partner and donor tokens, read-only tokens, 409 with the current
// record, problem+json with the deliverable form's own messages, writes
// audited as the token's owner with the token named.

const call = apiCaller("http://concord.test/api/v1/deliverables");
const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((r) => r.id);

let who: Awaited<ReturnType<typeof apiIdentities>>;
let byProgramme: { id: string; code: string };
let by: { id: string };
let kz: { id: string };
let byArchivedAgreement: { id: string };
const tag = `ApiDel${Date.now().toString(36)}`;

beforeAll(async () => {
  who = await apiIdentities(tag);
  byProgramme = who.byProgramme;
  const kzProgramme = who.kzProgramme;
  const agreement = await createAgreement(prisma, { programmeId: byProgramme.id, title: `${tag} MoU` });
  await prisma.agreement.update({ where: { id: agreement.id }, data: { archivedAt: new Date() } });
  by = await createDeliverable(prisma, { programmeId: byProgramme.id, title: `${tag} Minsk roadmap` });
  byArchivedAgreement = await createDeliverable(prisma, { programmeId: byProgramme.id, title: `${tag} Minsk annex`, agreementId: agreement.id });
  await createDeliverable(prisma, { programmeId: byProgramme.id, title: `${tag} Minsk archived`, archived: true });
  kz = await createDeliverable(prisma, { programmeId: kzProgramme.id, title: `${tag} Astana roadmap` });
});

describe("/api/v1/deliverables", () => {
  it("refuses a call without a valid token (401 problem+json) and a session cookie for writes", () => expectRefusedWithoutToken(call, listRoute));

  it("a partner's token sees what the partner sees: a Kazakhstan deliverable is 404 to a Belarus token", async () => {
    const list = await call(listRoute, { token: who.partnerToken, path: `?q=${tag}&sort=title` });
    expect(list.status).toBe(200);
    expect(ids(list)).toEqual([byArchivedAgreement.id, by.id]);
    expect((await call(oneRoute, { token: who.partnerToken }, { id: kz.id })).status).toBe(404);
    expect((await call(oneRoute, { token: who.partnerToken }, { id: by.id })).body).toMatchObject({ id: by.id, title: `${tag} Minsk roadmap`, programmeId: byProgramme.id });
    // The archived agreement the partner's pages do not show is not named by its id either.
    expect((await call(oneRoute, { token: who.partnerToken }, { id: byArchivedAgreement.id })).body.agreementId).toBe("");
    expect((await call(oneRoute, { token: who.staffToken }, { id: byArchivedAgreement.id })).body.agreementId).not.toBe("");
    // A donor sees the programmes its organisation funds, no more.
    expect(ids(await call(listRoute, { token: who.donorToken, path: `?q=${tag}&sort=title` }))).toEqual([byArchivedAgreement.id, by.id]);
    expect((await call(oneRoute, { token: who.donorToken }, { id: kz.id })).status).toBe(404);
    // Staff see all three live ones, with the page's filters and sorting; archived ones on request.
    expect(ids(await call(listRoute, { token: who.staffToken, path: `?q=${tag}&sort=title&dir=desc` }))).toEqual([by.id, byArchivedAgreement.id, kz.id]);
    const filtered = await call(listRoute, { token: who.staffToken, path: `?q=${tag}&country=KZ` });
    expect(filtered.body).toMatchObject({ total: 1, page: 1, perPage: 25, data: [{ id: kz.id, programmeCode: expect.any(String), overdue: false }] });
    expect((await call(listRoute, { token: who.staffToken, path: `?q=${tag}&archived=1` })).body.data.map((r: { title: string }) => r.title)).toEqual([`${tag} Minsk archived`]);
    // A partner may read but not write.
    expect((await call(oneRoute, { token: who.partnerToken, method: "PATCH", body: { version: 1, title: "Mine" } }, { id: by.id })).status).toBe(403);
  });

  it("creates with the form's schema, linking an outcome, audited as the token's owner with the token named", async () => {
    const activity = await createActivity(prisma, { programmeId: byProgramme.id, countryCode: "BY", title: `${tag} workshop` });
    const outcome = await createOutcome(prisma, { activityId: activity.id, text: `${tag} agreed to draft a law` });
    const created = await call(listRoute, {
      token: who.staffToken,
      method: "POST",
      body: { programmeId: byProgramme.id, title: `${tag} made through the API`, status: "SUBMITTED", dueDate: "2027-03-01", submittedOn: "2026-01-15", outcomeId: outcome.id, activityId: activity.id },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/deliverables/${created.body.id}`);
    expect(created.body).toMatchObject({ title: `${tag} made through the API`, version: 1, status: "SUBMITTED", dueDate: "2027-03-01", submittedOn: "2026-01-15", archived: false, overdue: false });
    expect((await prisma.outcome.findUniqueOrThrow({ where: { id: outcome.id } })).deliverableId).toBe(created.body.id);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Deliverable", entityId: created.body.id, action: "create" } });
    expect(audit.actorId).toBe(who.staff.actor.id);
    expect(audit.metadata).toMatchObject({ apiToken: { name: "writer" } });
  });

  it("answers a stale version with 409 and the current record", async () => {
    const first = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { version: 1, title: `${tag} Minsk roadmap, renamed` } }, { id: by.id });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ title: `${tag} Minsk roadmap, renamed`, version: 2, programmeId: byProgramme.id, status: "NOT_STARTED" });
    const stale = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { version: 1, title: "Renamed twice" } }, { id: by.id });
    expect(stale.status).toBe(409);
    expect(stale.type).toContain("application/problem+json");
    expect(stale.body).toMatchObject({ currentVersion: 2, current: { id: by.id, title: `${tag} Minsk roadmap, renamed`, version: 2 } });
    expect((await prisma.deliverable.findUniqueOrThrow({ where: { id: by.id } })).title).toBe(`${tag} Minsk roadmap, renamed`);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Deliverable", entityId: by.id, action: "update" } });
    expect(audit.metadata).toMatchObject({ apiToken: { name: "writer" } });
    const missing = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { title: "No version" } }, { id: by.id });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.errors)).toEqual(["version"]);
  });

  it("refuses bad fields with the form's own messages in Russian, saving nothing", async () => {
    const body = { programmeId: "", title: "", status: "NOPE", dueDate: "2026-02-30", submittedOn: "2999-01-01" };
    const before = await prisma.deliverable.count();
    const res = await call(listRoute, { token: who.staffToken, method: "POST", body, headers: { "accept-language": "ru" } });
    expect(res.status).toBe(400);
    const parsed = DeliverableFormSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    const ru = serverTranslator("ru");
    const form = Object.fromEntries(Object.entries(zodErrorsToFieldErrors(parsed.error!)).map(([k, v]) => [k, ru.text(v)]));
    expect(res.body.errors).toEqual(form);
    expect(Object.keys(res.body.errors)).toEqual(expect.arrayContaining(["programmeId", "title", "status", "dueDate"]));
    expect(res.body.errors.title).toMatch(/[А-Яа-я]/);
    expect(await prisma.deliverable.count()).toBe(before);
  });

  it("refuses writes through a read-only token (403) and archives through a writer", () =>
    expectReadOnlyThenArchive(call, { list: listRoute, archive: archiveRoute }, {
      readOnlyToken: who.readOnlyToken,
      writerToken: who.staffToken,
      id: kz.id,
      entityType: "Deliverable",
      archivedAt: async () => (await prisma.deliverable.findUniqueOrThrow({ where: { id: kz.id } })).archivedAt,
    }));
});

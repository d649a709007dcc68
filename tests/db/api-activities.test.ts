import { beforeAll, describe, expect, it } from "vitest";
import { serverTranslator } from "~/i18n/catalogues.server";
import { ctxFor, type Ctx } from "~/models/ctx.server";
import * as archiveRoute from "~/routes/api.v1.activities.$id.archive";
import * as oneRoute from "~/routes/api.v1.activities.$id";
import * as listRoute from "~/routes/api.v1.activities";
import { ActivityFormSchema } from "~/schemas/activity";
import { prisma } from "~/utils/db.server";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { createProgramme, createUser } from "../factories";
import { createActivity } from "../factories/deliverable";
import { apiCaller, apiTokenFor } from "../support/api-call";

// Issue 19, point 5 (helper U): the JSON API's activities, called through the
// route modules as the server calls them, like api-programmes.test.ts: scope
// through a partner's token, read-only tokens, 409 with the current record,
// problem+json with the activity form's own field messages, writes audited as
// the token's owner.

const call = apiCaller("http://concord.test/api/v1/activities");

let staff: Ctx;
let staffToken: string;
let readOnlyToken: string;
let partnerToken: string;
let byProgramme: { id: string };
let by: { id: string };
let kz: { id: string };
const tag = `ApiAct${Date.now().toString(36)}`;

beforeAll(async () => {
  const s = await createUser(prisma, { role: "STAFF" });
  staff = ctxFor({ id: s.user.id, email: s.user.email, role: "STAFF" });
  staffToken = await apiTokenFor(staff);
  readOnlyToken = await apiTokenFor(staff, true);
  const p = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
  partnerToken = await apiTokenFor(ctxFor({ id: p.user.id, email: p.user.email, role: "PARTNER" }, { kind: "partner", countries: ["BY"] }));
  byProgramme = await createProgramme(prisma, { countries: ["BY"], title: `${tag} Belarus programme` });
  const kzProgramme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} Kazakhstan programme` });
  by = await createActivity(prisma, { programmeId: byProgramme.id, countryCode: "BY", title: `${tag} Minsk workshop` });
  kz = await createActivity(prisma, { programmeId: kzProgramme.id, countryCode: "KZ", title: `${tag} Astana workshop` });
});

describe("/api/v1/activities", () => {
  it("refuses a call without a valid token (401 problem+json) and a session cookie for writes", async () => {
    const none = await call(listRoute, {});
    expect(none.status).toBe(401);
    expect(none.type).toContain("application/problem+json");
    const cookieWrite = await call(listRoute, { method: "POST", body: { title: "x" }, headers: { cookie: "auth_session=whatever" } });
    expect(cookieWrite.status).toBe(401);
  });

  it("a partner's token sees what the partner sees: a Kazakhstan activity is 404 to a Belarus token", async () => {
    const list = await call(listRoute, { token: partnerToken, path: `?q=${tag}` });
    expect(list.status).toBe(200);
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([by.id]);
    expect((await call(oneRoute, { token: partnerToken }, { id: kz.id })).status).toBe(404);
    expect((await call(oneRoute, { token: partnerToken }, { id: by.id })).body).toMatchObject({ id: by.id, title: `${tag} Minsk workshop`, countryCode: "BY" });
    // Staff see both, with the page's filters and sorting.
    const staffList = await call(listRoute, { token: staffToken, path: `?q=${tag}&sort=title&dir=desc` });
    expect(staffList.body.data.map((r: { id: string }) => r.id)).toEqual([by.id, kz.id]);
    const filtered = await call(listRoute, { token: staffToken, path: `?q=${tag}&country=KZ` });
    expect(filtered.body).toMatchObject({ total: 1, page: 1, perPage: 25, data: [{ id: kz.id, countryCode: "KZ" }] });
    // A partner may read but not write; the refusal speaks of the operation, not of a page, in the caller's language.
    const refused = await call(oneRoute, { token: partnerToken, method: "PATCH", body: { version: 1, title: "Mine" } }, { id: by.id });
    expect([refused.status, refused.type, refused.body.detail]).toEqual([403, "application/problem+json; charset=utf-8", "Your account does not allow this operation."]);
    const inRussian = await call(oneRoute, { token: partnerToken, method: "PATCH", body: { version: 1, title: "Mine" }, headers: { "accept-language": "ru" } }, { id: by.id });
    expect(inRussian.body).toMatchObject({ status: 403, title: "Запрещено", detail: "Ваша учётная запись не даёт права на эту операцию." });
  });

  it("creates with the form's schema, audited as the token's owner with the token named", async () => {
    const created = await call(listRoute, {
      token: staffToken,
      method: "POST",
      body: { programmeId: byProgramme.id, kind: "TRAINING_COURSE", title: `${tag} made through the API`, status: "PLANNED", datePrecision: "DAY", countryCode: "BY", plannedStart: "2027-03-01", participantsTotal: 12 },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/activities/${created.body.id}`);
    expect(created.body).toMatchObject({ title: `${tag} made through the API`, version: 1, participantsTotal: "12", plannedStart: "2027-03-01", archived: false });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Activity", entityId: created.body.id, action: "create" } });
    expect(audit.actorId).toBe(staff.actor.id);
    expect(audit.metadata).toMatchObject({ apiToken: { name: "writer" } });
  });

  it("answers a stale version with 409 and the current record", async () => {
    const first = await call(oneRoute, { token: staffToken, method: "PATCH", body: { version: 1, title: `${tag} Minsk workshop, renamed` } }, { id: by.id });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ title: `${tag} Minsk workshop, renamed`, version: 2, countryCode: "BY" });
    const stale = await call(oneRoute, { token: staffToken, method: "PATCH", body: { version: 1, title: "Renamed twice" } }, { id: by.id });
    expect(stale.status).toBe(409);
    expect(stale.type).toContain("application/problem+json");
    expect(stale.body).toMatchObject({ currentVersion: 2, current: { id: by.id, title: `${tag} Minsk workshop, renamed`, version: 2 } });
    expect((await prisma.activity.findUniqueOrThrow({ where: { id: by.id } })).title).toBe(`${tag} Minsk workshop, renamed`);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Activity", entityId: by.id, action: "update" } });
    expect(audit.metadata).toMatchObject({ apiToken: { name: "writer" } });
    const missing = await call(oneRoute, { token: staffToken, method: "PATCH", body: { title: "No version" } }, { id: by.id });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.errors)).toEqual(["version"]);
  });

  it("refuses bad fields with the form's own messages in Russian, saving nothing", async () => {
    const body = { programmeId: "", kind: "NOPE", title: "", status: "PLANNED", datePrecision: "DAY", plannedStart: "2026-05-01", plannedEnd: "2026-01-01", participantsTotal: 3, participantsFemale: 5 };
    const before = await prisma.activity.count();
    const res = await call(listRoute, { token: staffToken, method: "POST", body, headers: { "accept-language": "ru" } });
    expect(res.status).toBe(400);
    const parsed = ActivityFormSchema.safeParse({ ...body, participantsTotal: "3", participantsFemale: "5" });
    expect(parsed.success).toBe(false);
    const ru = serverTranslator("ru");
    const form = Object.fromEntries(Object.entries(zodErrorsToFieldErrors(parsed.error!)).map(([k, v]) => [k, ru.text(v)]));
    expect(res.body.errors).toEqual(form);
    expect(Object.keys(res.body.errors)).toEqual(expect.arrayContaining(["title", "kind", "plannedEnd", "participantsTotal"]));
    expect(res.body.errors.title).toMatch(/[А-Яа-я]/);
    expect(await prisma.activity.count()).toBe(before);
  });

  it("refuses writes through a read-only token (403) and archives through a writer", async () => {
    expect((await call(listRoute, { token: readOnlyToken, path: `?q=${tag}` })).status).toBe(200);
    const write = await call(archiveRoute, { token: readOnlyToken, method: "POST" }, { id: kz.id });
    expect(write.status).toBe(403);
    expect((await prisma.activity.findUniqueOrThrow({ where: { id: kz.id } })).archivedAt).toBeNull();
    const archived = await call(archiveRoute, { token: staffToken, method: "POST" }, { id: kz.id });
    expect(archived.body).toMatchObject({ id: kz.id, archived: true });
    const again = await call(archiveRoute, { token: staffToken, method: "POST" }, { id: kz.id });
    expect(again.body).toMatchObject({ archived: true, version: archived.body.version });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Activity", entityId: kz.id, action: "archive" } });
    expect(audit.metadata).toMatchObject({ apiToken: { name: "writer" } });
  });
});

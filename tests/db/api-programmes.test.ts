import { beforeAll, describe, expect, it } from "vitest";
import { serverTranslator } from "~/i18n/catalogues.server";
import { createApiToken, revokeOwnApiToken } from "~/models/api-token.server";
import { ctxFor, type Ctx } from "~/models/ctx.server";
import * as archiveRoute from "~/routes/api.v1.programmes.$code.archive";
import * as oneRoute from "~/routes/api.v1.programmes.$code";
import * as listRoute from "~/routes/api.v1.programmes";
import { ApiTokenFormSchema } from "~/schemas/api-token";
import { ProgrammeFormSchema } from "~/schemas/programme";
import { prisma } from "~/utils/db.server";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { createOrganisation, createProgramme, createUser } from "../factories";
import { apiCaller, apiTokenFor } from "../support/api-call";

// Issue 19, point 5: the JSON API's programmes, called through the route
// modules as the server calls them. Scope, read-only tokens, 409 with the
// current record, problem+json with the form's own field messages, and every
// write audited as the token's owner with the token named.

const call = apiCaller("http://concord.test/api/v1/programmes");
const tokenFor = apiTokenFor;

let staff: Ctx;
let staffToken: string;
let readOnlyToken: string;
let partnerToken: string;
let by: { code: string; id: string };
let kz: { code: string; id: string };
let orgId: string;

beforeAll(async () => {
  const s = await createUser(prisma, { role: "STAFF" });
  staff = ctxFor({ id: s.user.id, email: s.user.email, role: "STAFF" });
  staffToken = await tokenFor(staff);
  readOnlyToken = await tokenFor(staff, true);
  const p = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
  partnerToken = await tokenFor(ctxFor({ id: p.user.id, email: p.user.email, role: "PARTNER" }, { kind: "partner", countries: ["BY"] }));
  by = await createProgramme(prisma, { countries: ["BY"], title: "API Belarus programme" });
  kz = await createProgramme(prisma, { countries: ["KZ"], title: "API Kazakhstan programme" });
  orgId = (await createOrganisation(prisma)).id;
});

describe("/api/v1/programmes", () => {
  it("refuses a call without a valid token (401 problem+json) and a session cookie for writes", async () => {
    const none = await call(listRoute, {});
    expect(none.status).toBe(401);
    expect(none.type).toContain("application/problem+json");
    expect(none.body).toMatchObject({ status: 401, instance: "/api/v1/programmes" });
    expect((await call(listRoute, { token: "cnc_nonsense" })).status).toBe(401);
    const cookieWrite = await call(listRoute, { method: "POST", body: { title: "x" }, headers: { cookie: "auth_session=whatever" } });
    expect(cookieWrite.status).toBe(401);
  });

  it("a partner's token sees what the partner sees, never another country's programme", async () => {
    const list = await call(listRoute, { token: partnerToken, path: "?q=API%20" });
    const codes = list.body.data.map((r: { code: string }) => r.code);
    expect(codes).toContain(by.code);
    expect(codes).not.toContain(kz.code);
    expect((await call(oneRoute, { token: partnerToken }, { code: kz.code })).status).toBe(404);
    expect((await call(oneRoute, { token: partnerToken }, { code: by.code })).body).toMatchObject({ code: by.code, title: "API Belarus programme" });
    // Staff see both, with the page's filters and sorting.
    const staffList = await call(listRoute, { token: staffToken, path: "?q=API%20&sort=title&dir=desc" });
    expect(staffList.body.data.map((r: { code: string }) => r.code).slice(0, 2)).toEqual([kz.code, by.code]);
    const filtered = await call(listRoute, { token: staffToken, path: "?q=API%20&country=KZ" });
    expect(filtered.body).toMatchObject({ total: 1, page: 1, perPage: 25 });
    // A partner may read but not write: 403, not a write.
    expect((await call(oneRoute, { token: partnerToken, method: "PATCH", body: { version: 1, title: "Mine" } }, { code: by.code })).status).toBe(403);
  });

  it("creates with the form's schema, audited as the token's owner with the token named", async () => {
    const code = `API-${Date.now().toString(36).toUpperCase()}`;
    const created = await call(listRoute, {
      token: staffToken,
      method: "POST",
      body: { code, title: "Made through the API", status: "PIPELINE", budgetAmount: 1500.5, budgetCurrency: "USD", countries: [{ countryCode: "BY" }], organisations: [{ organisationId: orgId, role: "FUNDING" }] },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/programmes/${code}`);
    expect(created.body).toMatchObject({ code, title: "Made through the API", version: 1, budgetAmount: "1500.5", archived: false });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Programme", entityId: created.body.id, action: "create" } });
    expect(audit.actorId).toBe(staff.actor.id);
    expect(audit.metadata).toMatchObject({ apiToken: { name: "writer" } });
    expect(audit.ip).toBe("203.0.113.10");
  });

  it("answers a stale version with 409 and the current record", async () => {
    const first = await call(oneRoute, { token: staffToken, method: "PATCH", body: { version: 1, title: "Renamed once" } }, { code: by.code });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ title: "Renamed once", version: 2, countries: [{ countryCode: "BY" }] });
    const stale = await call(oneRoute, { token: staffToken, method: "PATCH", body: { version: 1, title: "Renamed twice" } }, { code: by.code });
    expect(stale.status).toBe(409);
    expect(stale.type).toContain("application/problem+json");
    expect(stale.body).toMatchObject({ currentVersion: 2, current: { code: by.code, title: "Renamed once", version: 2 } });
    expect((await prisma.programme.findUniqueOrThrow({ where: { id: by.id } })).title).toBe("Renamed once");
    const missing = await call(oneRoute, { token: staffToken, method: "PATCH", body: { title: "No version" } }, { code: by.code });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.errors)).toEqual(["version"]);
  });

  it("refuses bad fields with the form's own messages in the reader's language, saving nothing", async () => {
    const body = { code: "", title: "", status: "NOPE", plannedStart: "2026-05-01", plannedEnd: "2026-01-01" };
    const res = await call(listRoute, { token: staffToken, method: "POST", body, headers: { "accept-language": "ru" } });
    expect(res.status).toBe(400);
    const parsed = ProgrammeFormSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    const ru = serverTranslator("ru");
    const form = Object.fromEntries(Object.entries(zodErrorsToFieldErrors(parsed.error!)).map(([k, v]) => [k, ru.text(v)]));
    expect(res.body.errors).toEqual(form);
    expect(res.body.errors.title).toMatch(/[А-Яа-я]/);
    expect(res.body).toMatchObject({ type: "/api/v1/docs#problem-invalid", status: 400 });
    const notJson = await call(listRoute, { token: staffToken, method: "POST", body: [1, 2] });
    expect(notJson.status).toBe(400);
  });

  it("refuses writes through a read-only token (403) and stops answering a revoked token", async () => {
    expect((await call(listRoute, { token: readOnlyToken })).status).toBe(200);
    const write = await call(archiveRoute, { token: readOnlyToken, method: "POST" }, { code: kz.code });
    expect(write.status).toBe(403);
    expect(write.body.detail).toBe("This token is read-only.");
    expect((await prisma.programme.findUniqueOrThrow({ where: { id: kz.id } })).archivedAt).toBeNull();
    const archived = await call(archiveRoute, { token: staffToken, method: "POST" }, { code: kz.code });
    expect(archived.body).toMatchObject({ archived: true });
    const t = await createApiToken(staff, ApiTokenFormSchema.parse({ name: "short-lived", expiresInDays: "7" }));
    expect((await call(listRoute, { token: t.token })).status).toBe(200);
    await revokeOwnApiToken(staff, t.id);
    expect((await call(listRoute, { token: t.token })).status).toBe(401);
  });
});

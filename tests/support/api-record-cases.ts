import { expect } from "vitest";
import { prisma } from "~/utils/db.server";
import { ctxFor } from "~/models/ctx.server";
import { createOrganisation, createProgramme, createUser } from "../factories";
import { apiTokenFor, type apiCaller } from "./api-call";

// The cases every /api/v1 record type answers alike (issue 19, point 5):
// no credential, a session cookie on a write, a read-only token on a write,
// archiving (idempotent, audited with the token named, POST only). The
// per-type tests (tests/db/api-*.test.ts) call these and add their own
// scope, conflict and field-message cases.

type Call = ReturnType<typeof apiCaller>;
type Route = { loader: Function; action: Function };

/** 401 problem+json without a token, and for a write that carries only a cookie. */
export async function expectRefusedWithoutToken(call: Call, list: Route) {
  const none = await call(list, {});
  expect(none.status).toBe(401);
  expect(none.type).toContain("application/problem+json");
  const cookieWrite = await call(list, { method: "POST", body: { title: "x" }, headers: { cookie: "auth_session=whatever" } });
  expect(cookieWrite.status).toBe(401);
}

/**
 * A read-only token reads but its archive is 403 and changes nothing; a
 * writer archives (a repeat answers the same record; GET is 405), audited
 * as the token's owner with the token named.
 */
export async function expectReadOnlyThenArchive(
  call: Call,
  routes: { list: Route; archive: Route },
  c: { readOnlyToken: string; writerToken: string; id: string; entityType: string; archivedAt: () => Promise<Date | null> },
) {
  expect((await call(routes.list, { token: c.readOnlyToken })).status).toBe(200);
  const write = await call(routes.archive, { token: c.readOnlyToken, method: "POST" }, { id: c.id });
  expect(write.status).toBe(403);
  expect(write.type).toContain("application/problem+json");
  expect(await c.archivedAt()).toBeNull();
  const archived = await call(routes.archive, { token: c.writerToken, method: "POST" }, { id: c.id });
  expect(archived.status).toBe(200);
  expect(archived.body).toMatchObject({ id: c.id, archived: true });
  const again = await call(routes.archive, { token: c.writerToken, method: "POST" }, { id: c.id });
  expect(again.body).toMatchObject({ archived: true, version: archived.body.version });
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: c.entityType, entityId: c.id, action: "archive" } });
  expect(audit.metadata).toMatchObject({ apiToken: { name: "writer" } });
  expect((await call(routes.archive, { token: c.writerToken, method: "GET" }, { id: c.id })).status).toBe(405);
}

/**
 * The callers of the record types' API tests: a staff writer and a read-only
 * token of the same user, a Belarus partner, and a donor of a funder
 * organisation (give `funderId` to a Belarus programme's funders); plus a
 * Belarus and a Kazakhstan programme.
 */
export async function apiIdentities(tag: string) {
  const s = await createUser(prisma, { role: "STAFF" });
  const staff = ctxFor({ id: s.user.id, email: s.user.email, role: "STAFF" });
  const p = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
  const funder = await createOrganisation(prisma, { shortName: `${tag}-FUND` });
  const d = await createUser(prisma, { role: "DONOR", organisationIds: [funder.id] });
  return {
    staff,
    staffToken: await apiTokenFor(staff),
    readOnlyToken: await apiTokenFor(staff, true),
    partnerToken: await apiTokenFor(ctxFor({ id: p.user.id, email: p.user.email, role: "PARTNER" }, { kind: "partner", countries: ["BY"] })),
    donorToken: await apiTokenFor(ctxFor({ id: d.user.id, email: d.user.email, role: "DONOR" }, { kind: "donor", organisationIds: [funder.id] })),
    byProgramme: await createProgramme(prisma, { countries: ["BY"], title: `${tag} Belarus programme`, funders: [funder.id] }),
    kzProgramme: await createProgramme(prisma, { countries: ["KZ"], title: `${tag} Kazakhstan programme` }),
  };
}

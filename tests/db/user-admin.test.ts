import { ctxFor } from "~/models/ctx.server";
import { describe, expect, it } from "vitest";
import { english } from "../support/english";
import { serverTranslator } from "~/i18n/catalogues.server";
import { readSessionState, startSession } from "~/auth/session.server";
import { listAuditEvents, AUDIT_LIST } from "~/models/audit-log.server";
import { listUsers, setUserActive, updateUserAccess, USER_LIST } from "~/models/user-admin.server";
import { prisma } from "~/utils/db.server";
import { ConflictError } from "~/utils/errors.server";
import { parseListQuery } from "~/utils/list-query";
import { createLink } from "../factories/accounts";
import { createOrganisation, createProgramme, createUser, ensureCountries } from "../factories";

const ip = "192.0.2.10";
const actorOf = (u: { id: string; email: string }) => ({ id: u.id, email: u.email });
/** An administrator's write context, from the given address. */
const adminCtx = (u: { id: string; email: string }) => ctxFor({ id: u.id, email: u.email, role: "ADMIN" }, { kind: "staff" }, { ip });
const cookieOf = async (userId: string) => (await startSession(userId, { ip, userAgent: "t" })).split(";")[0];
const signedIn = async (cookie: string) => (await readSessionState(new Request("http://x/", { headers: { Cookie: cookie } }))).user;

async function onlyAdmin() {
  // Each test file has its own database; make sure the admins are the ones each test creates.
  await prisma.user.updateMany({ where: { role: "ADMIN" }, data: { role: "STAFF" } });
}

describe("role and scope", () => {
  it("changing a partner's scope ends their sessions and records before and after", async () => {
    const { user: admin } = await createUser(prisma, { role: "ADMIN" });
    await ensureCountries(prisma, ["KZ"]);
    const { user } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    const cookie = await cookieOf(user.id);
    expect(await signedIn(cookie)).not.toBeNull();
    const r = await updateUserAccess(adminCtx(admin), user.id, 1, { role: "PARTNER", countries: ["KZ"], organisationIds: [] });
    expect(r.changed).toBe(true);
    expect(await signedIn(cookie)).toBeNull();
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, include: { countries: true } });
    expect(after.countries.map((c) => c.countryCode)).toEqual(["KZ"]);
    expect(after.version).toBe(2);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "role_change", entityId: user.id } });
    expect(event.changes).toEqual({ scope: { before: ["Belarus"], after: ["Kazakhstan"] } });
    expect(event.actorId).toBe(admin.id);
  });

  it("a stale version is a conflict and changes nothing", async () => {
    const { user: admin } = await createUser(prisma, { role: "ADMIN" });
    const fund = await createOrganisation(prisma);
    await createProgramme(prisma, { funders: [fund.id] });
    const { user } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    await updateUserAccess(adminCtx(admin), user.id, 1, { role: "DONOR", countries: [], organisationIds: [fund.id] });
    await expect(updateUserAccess(adminCtx(admin), user.id, 1, { role: "STAFF", countries: [], organisationIds: [] })).rejects.toBeInstanceOf(ConflictError);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("DONOR");
  });

  it("an admin cannot change their own role, and the last active admin cannot be demoted", async () => {
    await onlyAdmin();
    const { user: a } = await createUser(prisma, { role: "ADMIN" });
    const { user: b } = await createUser(prisma, { role: "ADMIN" });
    await expect(updateUserAccess(adminCtx(a), a.id, 1, { role: "STAFF", countries: [], organisationIds: [] }).catch((e: Error & { details?: unknown }) => Promise.reject({ details: e.details, message: english(e.message) }))).rejects.toMatchObject({
      details: { field: "role" },
      message: expect.stringContaining("your own role"),
    });
    await updateUserAccess(adminCtx(a), b.id, 1, { role: "STAFF", countries: [], organisationIds: [] });
    // a is now the only admin; b, promoted back by a and demoted by nobody else, cannot remove a either.
    await updateUserAccess(adminCtx(a), b.id, 2, { role: "ADMIN", countries: [], organisationIds: [] });
    await setUserActive(adminCtx(a), b.id, false);
    await expect(updateUserAccess(adminCtx(b), a.id, 1, { role: "STAFF", countries: [], organisationIds: [] }).catch((e: Error) => Promise.reject(new Error(english(e.message))))).rejects.toThrow(
      "last active administrator",
    );
    expect((await prisma.user.findUniqueOrThrow({ where: { id: a.id } })).role).toBe("ADMIN");
  });

  it("two admins demoting each other at the same time cannot leave no admin", async () => {
    await onlyAdmin();
    const { user: a } = await createUser(prisma, { role: "ADMIN" });
    const { user: b } = await createUser(prisma, { role: "ADMIN" });
    const results = await Promise.allSettled([
      updateUserAccess(adminCtx(a), b.id, 1, { role: "STAFF", countries: [], organisationIds: [] }),
      updateUserAccess(adminCtx(b), a.id, 1, { role: "STAFF", countries: [], organisationIds: [] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.user.count({ where: { role: "ADMIN", deactivatedAt: null } })).toBe(1);
  });
});

describe("deactivation", () => {
  it("ends the user's sessions at once and blocks sign-in; reactivation restores it", async () => {
    const { user: admin } = await createUser(prisma, { role: "ADMIN" });
    const { user } = await createUser(prisma, { role: "DONOR" });
    const cookie = await cookieOf(user.id);
    await setUserActive(adminCtx(admin), user.id, false);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await signedIn(cookie)).toBeNull();
    await setUserActive(adminCtx(admin), user.id, false); // twice: no-op
    await setUserActive(adminCtx(admin), user.id, true);
    const actions = (await prisma.auditEvent.findMany({ where: { entityId: user.id }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["user_deactivated", "user_reactivated"]);
  });

  it("an admin cannot deactivate themselves", async () => {
    const { user: admin } = await createUser(prisma, { role: "ADMIN" });
    await expect(setUserActive(adminCtx(admin), admin.id, false).catch((e: Error) => Promise.reject(new Error(english(e.message))))).rejects.toThrow("your own account");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).deactivatedAt).toBeNull();
  });
});

describe("lists", () => {
  it("users and pending invitations are listed together, filtered by status and role", async () => {
    const tag = `lst${Date.now()}`;
    await createUser(prisma, { role: "STAFF", email: `${tag}-active@test.concord` });
    await createUser(prisma, { role: "STAFF", email: `${tag}-gone@test.concord`, deactivated: true });
    await createLink(prisma, { purpose: "INVITATION", email: `${tag}-invited@test.concord`, role: "STAFF" });
    await createLink(prisma, { purpose: "INVITATION", email: `${tag}-late@test.concord`, role: "DONOR", expiresInMs: -1 });
    const list = async (params: string) => (await listUsers(parseListQuery(new URLSearchParams(`q=${tag}&${params}`), USER_LIST), true)).rows;
    expect((await list("")).map((r) => r.status).sort()).toEqual(["ACTIVE", "DEACTIVATED", "INVITATION_EXPIRED", "INVITED"]);
    expect((await list("status=INVITED")).map((r) => r.email)).toEqual([`${tag}-invited@test.concord`]);
    expect((await list("role=DONOR")).map((r) => r.email)).toEqual([`${tag}-late@test.concord`]);
    expect((await list("sort=email&dir=desc")).map((r) => r.email)[0]).toBe(`${tag}-late@test.concord`);
  });

  it("the audit trail filters by action, actor, record type, dates and free text in details", async () => {
    const { user: admin } = await createUser(prisma, { role: "ADMIN", email: `auditor-${Date.now()}@test.concord` });
    const { user } = await createUser(prisma, { role: "DONOR" });
    await setUserActive(adminCtx(admin), user.id, false);
    const q = (params: string) => listAuditEvents(parseListQuery(new URLSearchParams(params), AUDIT_LIST), serverTranslator("en"), true);
    const byActor = await q(`actor=${encodeURIComponent(admin.email.toUpperCase())}`);
    expect(byActor.rows.map((r) => r.action)).toEqual(["user_deactivated"]);
    expect(byActor.rows[0].href).toBe(`/admin/users/${user.id}`);
    expect((await q(`action=user_deactivated&entity=User&q=${user.id}`)).total).toBe(1);
    expect((await q(`q=Deactivated&actor=${admin.email}`)).total).toBe(1); // matches inside "changes"
    const today = new Date().toISOString().slice(0, 10);
    expect((await q(`actor=${admin.email}&from=${today}&to=${today}`)).total).toBe(1);
    expect((await q(`actor=${admin.email}&to=2000-01-01`)).total).toBe(0);
    expect((await q(`q=${encodeURIComponent("100%_")}`)).total).toBe(0); // LIKE wildcards are literal
  });
});

describe("audit summaries", () => {
  it("read as sentences for sign-ins, role changes, downloads, exports and MFA events", async () => {
    const { describeAuditDetails, auditActionLabel } = await import("~/utils/labels-admin");
    expect(describeAuditDetails({ action: "sign_in_failed", metadata: { email: "a@b.org" } })).toBe("e-mail: a@b.org");
    expect(
      describeAuditDetails({ action: "role_change", changes: { role: { before: "PARTNER", after: "DONOR" }, scope: { before: ["Belarus"], after: ["KWPF"] } } }),
    ).toBe("role: Partner ministry → Donor · scope: Belarus → KWPF");
    expect(describeAuditDetails({ action: "download", metadata: { originalName: "mou.pdf", sizeBytes: 2048 } })).toBe("file: mou.pdf · size: 2048");
    expect(describeAuditDetails({ action: "export", metadata: { format: "csv", rows: 3, filters: { action: "sign_in" } } })).toBe(
      "format: csv · rows: 3 · filters: action sign_in",
    );
    for (const a of ["mfa_enabled", "mfa_disabled", "recovery_code_used", "password_reset", "user_deactivated"]) {
      expect(auditActionLabel(a)).not.toContain("_");
    }
    expect(auditActionLabel("something_new")).toBe("Something new");
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { adminRevokeApiToken, authenticateApiToken, createApiToken, hashApiToken, listAllApiTokens, listOwnApiTokens, revokeOwnApiToken, USE_TOUCH_MS } from "~/models/api-token.server";
import { ctxFor, type Ctx } from "~/models/ctx.server";
import { ApiTokenFormSchema } from "~/schemas/api-token";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors.server";
import { createUser } from "../factories";

// Issue 19, point 6: personal access tokens. Stored hashed, shown once,
// always expiring, revocable by the owner and by administrators, and dead
// as soon as the owner is deactivated or their role or scope changes.

let admin: Ctx;
let partner: Ctx;
let partnerId: string;
let other: Ctx;

const form = (over: Partial<{ name: string; expiresInDays: string; readOnly: boolean }> = {}) =>
  ApiTokenFormSchema.parse({ name: "report script", expiresInDays: "30", readOnly: false, ...over });

beforeAll(async () => {
  const a = await createUser(prisma, { role: "ADMIN" });
  admin = ctxFor({ id: a.user.id, email: a.user.email, role: "ADMIN" });
  const p = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
  partnerId = p.user.id;
  partner = ctxFor({ id: p.user.id, email: p.user.email, role: "PARTNER" }, { kind: "partner", countries: ["BY"] });
  const o = await createUser(prisma, { role: "STAFF" });
  other = ctxFor({ id: o.user.id, email: o.user.email, role: "STAFF" });
});

describe("personal access tokens", () => {
  it("are made with a recognisable prefix, stored only as a hash, and shown once", async () => {
    const made = await createApiToken(partner, form({ name: "nightly sync" }));
    expect(made.token).toMatch(/^cnc_[A-Za-z0-9_-]{43}$/);
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.tokenHash).toBe(hashApiToken(made.token));
    expect(JSON.stringify(row)).not.toContain(made.token);
    expect(made.token.startsWith(row.prefix)).toBe(true);
    expect(row.prefix.length).toBeLessThan(made.token.length / 2);
    // The list never carries the secret.
    const listed = await listOwnApiTokens(partner);
    expect(JSON.stringify(listed)).not.toContain(made.token);
    expect(listed.find((t) => t.id === made.id)).toMatchObject({ name: "nightly sync", status: "active", lastUsedAt: null });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: made.id, action: "api_token_created" } });
    expect(audit.actorId).toBe(partner.actor.id);
  });

  it("authenticate as the owner with the owner's scope, and record the use", async () => {
    const made = await createApiToken(partner, form({ readOnly: true }));
    const holder = await authenticateApiToken(made.token);
    expect(holder).toMatchObject({ token: { id: made.id, readOnly: true }, user: { id: partnerId }, scope: { kind: "partner", countries: ["BY"] } });
    const used = await prisma.apiToken.findUniqueOrThrow({ where: { id: made.id } });
    expect(used.lastUsedAt).not.toBeNull();
    // A second call within the minute does not write again.
    await authenticateApiToken(made.token, new Date(used.lastUsedAt!.getTime() + USE_TOUCH_MS / 2));
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: made.id } })).lastUsedAt).toEqual(used.lastUsedAt);
  });

  it("refuse malformed, unknown and expired tokens", async () => {
    const made = await createApiToken(partner, form({ expiresInDays: "7" }));
    expect(await authenticateApiToken("")).toBeNull();
    expect(await authenticateApiToken(made.token.slice(0, -1))).toBeNull();
    expect(await authenticateApiToken(`cnc_${"A".repeat(43)}`)).toBeNull();
    const later = new Date(Date.now() + 8 * 24 * 60 * 60 * 1000);
    expect(await authenticateApiToken(made.token, later)).toBeNull();
    expect((await listOwnApiTokens(partner, later)).find((t) => t.id === made.id)?.status).toBe("expired");
  });

  it("refuse an expiry beyond a year or none", () => {
    expect(ApiTokenFormSchema.safeParse({ name: "x", expiresInDays: "730" }).success).toBe(false);
    expect(ApiTokenFormSchema.safeParse({ name: "x", expiresInDays: "" }).success).toBe(false);
    expect(ApiTokenFormSchema.safeParse({ name: " ", expiresInDays: "30" }).success).toBe(false);
  });

  it("stop working once revoked by the owner; someone else cannot revoke them", async () => {
    const made = await createApiToken(partner, form());
    await expect(revokeOwnApiToken(other, made.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await authenticateApiToken(made.token)).not.toBeNull();
    await revokeOwnApiToken(partner, made.id);
    expect(await authenticateApiToken(made.token)).toBeNull();
    await expect(revokeOwnApiToken(partner, made.id)).rejects.toBeInstanceOf(DomainError);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: made.id, action: "api_token_revoked" } });
    expect(audit.metadata).toMatchObject({ byOwner: true });
  });

  it("administrators list every user's tokens and revoke them; others may not", async () => {
    const made = await createApiToken(partner, form({ name: "admin can see" }));
    await expect(listAllApiTokens(other)).rejects.toMatchObject({ code: "forbidden" });
    await expect(adminRevokeApiToken(partner, made.id)).rejects.toMatchObject({ code: "forbidden" });
    const all = await listAllApiTokens(admin);
    expect(all.find((t) => t.id === made.id)).toMatchObject({ name: "admin can see", user: { id: partnerId } });
    await adminRevokeApiToken(admin, made.id);
    expect(await authenticateApiToken(made.token)).toBeNull();
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: made.id, action: "api_token_revoked" } });
    expect(audit.actorId).toBe(admin.actor.id);
    expect(audit.metadata).toMatchObject({ byOwner: false, owner: partnerId });
  });

  it("stop working when the owner's scope or role changes, or the owner is deactivated", async () => {
    const u = await createUser(prisma, { role: "PARTNER", countries: ["BY", "KZ"] });
    const ctx = ctxFor({ id: u.user.id, email: u.user.email, role: "PARTNER" }, { kind: "partner", countries: ["BY", "KZ"] });
    const scoped = await createApiToken(ctx, form());
    expect(await authenticateApiToken(scoped.token)).not.toBeNull();
    await prisma.userCountry.deleteMany({ where: { userId: u.user.id, countryCode: "KZ" } });
    expect(await authenticateApiToken(scoped.token)).toBeNull();
    expect((await listOwnApiTokens(ctx)).find((t) => t.id === scoped.id)?.status).toBe("stale");

    const fresh = await createApiToken(ctx, form());
    expect(await authenticateApiToken(fresh.token)).not.toBeNull();
    await prisma.user.update({ where: { id: u.user.id }, data: { role: "DONOR" } });
    expect(await authenticateApiToken(fresh.token)).toBeNull();
    await prisma.user.update({ where: { id: u.user.id }, data: { role: "PARTNER" } });
    expect(await authenticateApiToken(fresh.token)).not.toBeNull();
    await prisma.user.update({ where: { id: u.user.id }, data: { deactivatedAt: new Date() } });
    expect(await authenticateApiToken(fresh.token)).toBeNull();
  });
});

import type { Role } from "@prisma/client";
import { createHash, randomBytes } from "node:crypto";
import { loadScope, type Scope } from "~/auth/scope.server";
import type { ApiTokenForm } from "~/schemas/api-token";
import { prisma } from "~/utils/db.server";
import { notFoundError } from "~/utils/errors.server";
import { recordAudit } from "./audit.server";
import { assertAdmin, auditSource, type Ctx } from "./ctx.server";

// Personal access tokens for the JSON API (issue 19, point 6;
// docs/decisions/0041-json-api-and-tokens.md). Like calendar feeds, only the
// token's sha256 is stored: the token is shown once, when it is made, and a
// database dump opens nobody's account. A token always expires (at most a
// year). It acts as its owner with the owner's scope read at use time, and it
// stops working when the owner is deactivated or their role or scope changes
// (scopeStamp), so an administrator's change of access cannot be outlived by
// a token made before it.

/** "cnc_" + 32 random bytes base64url: secret scanners (GitHub's, gitleaks) can match the prefix. */
export const API_TOKEN_PREFIX = "cnc_";
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^cnc_[A-Za-z0-9_-]{43}$/;
/** How much of the token the lists show, to tell tokens apart ("cnc_AbCd1234…"). */
const SHOWN_CHARS = 12;

/** lastUsedAt is written at most this often, so a busy client does not turn every call into a write. */
export const USE_TOUCH_MS = 60 * 1000;

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * The owner's role and scope as one fingerprint. A token records it when it is
 * made; at use time a different fingerprint means the owner's access changed
 * since, and the token no longer works (a new one must be made).
 */
export function apiScopeStamp(role: Role, scope: Scope): string {
  const parts =
    scope.kind === "partner" ? [...scope.countries].sort() : scope.kind === "donor" ? [...scope.organisationIds].sort() : [];
  return createHash("sha256").update(JSON.stringify([role, scope.kind, parts]), "utf8").digest("hex");
}

export type ApiTokenStatus = "active" | "expired" | "revoked" | "stale";

export type ApiTokenRow = {
  id: string;
  name: string;
  prefix: string;
  readOnly: boolean;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: ApiTokenStatus;
};

/** A token just made: `token` is in here and nowhere else, ever again. */
export type NewApiToken = { id: string; name: string; token: string; expiresAt: Date; readOnly: boolean };

const rowSelect = {
  id: true,
  name: true,
  prefix: true,
  readOnly: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  scopeStamp: true,
} as const;

type StoredRow = { revokedAt: Date | null; expiresAt: Date; scopeStamp: string };

function statusOf(t: StoredRow, currentStamp: string | null, now: Date): ApiTokenStatus {
  if (t.revokedAt) return "revoked";
  if (t.expiresAt <= now) return "expired";
  if (currentStamp !== null && t.scopeStamp !== currentStamp) return "stale";
  return "active";
}

function toRow<T extends StoredRow & Omit<ApiTokenRow, "status">>(t: T, currentStamp: string | null, now: Date): ApiTokenRow {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    readOnly: t.readOnly,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    lastUsedAt: t.lastUsedAt,
    revokedAt: t.revokedAt,
    status: statusOf(t, currentStamp, now),
  };
}

async function actorStamp(ctx: Ctx): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: ctx.actor.id }, select: { id: true, role: true } });
  return apiScopeStamp(user.role, await loadScope(user));
}

/** The viewer's tokens, newest first (revoked and expired ones too, so the history is visible). */
export async function listOwnApiTokens(ctx: Ctx, now = new Date()): Promise<ApiTokenRow[]> {
  const [rows, stamp] = await Promise.all([
    prisma.apiToken.findMany({ where: { userId: ctx.actor.id }, select: rowSelect, orderBy: [{ createdAt: "desc" }, { id: "asc" }] }),
    actorStamp(ctx),
  ]);
  return rows.map((r) => toRow(r, stamp, now));
}

/** Makes a token for the viewer; the secret comes back once. */
export async function createApiToken(ctx: Ctx, data: ApiTokenForm, now = new Date()): Promise<NewApiToken> {
  const token = API_TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString("base64url");
  const expiresAt = new Date(now.getTime() + Number(data.expiresInDays) * 24 * 60 * 60 * 1000);
  const scopeStamp = await actorStamp(ctx);
  const created = await prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId: ctx.actor.id, name: data.name, tokenHash: hashApiToken(token), prefix: token.slice(0, SHOWN_CHARS), readOnly: data.readOnly, expiresAt, scopeStamp },
      select: { id: true },
    });
    await recordAudit(
      {
        ...auditSource(ctx),
        action: "api_token_created",
        entityType: "ApiToken",
        entityId: row.id,
        metadata: { name: data.name, readOnly: data.readOnly, expiresAt: expiresAt.toISOString() },
      },
      tx,
    );
    return row;
  });
  return { id: created.id, name: data.name, token, expiresAt, readOnly: data.readOnly };
}

/** Revokes one of the viewer's own live tokens (someone else's, or a revoked one: not found). */
export async function revokeOwnApiToken(ctx: Ctx, tokenId: string): Promise<void> {
  await revoke(ctx, { id: tokenId, userId: ctx.actor.id });
}

export type AdminApiTokenRow = ApiTokenRow & { user: { id: string; name: string; email: string; role: Role } };

/** Administrators: every user's tokens that have not been revoked, newest first. */
export async function listAllApiTokens(ctx: Ctx, now = new Date()): Promise<AdminApiTokenRow[]> {
  assertAdmin(ctx);
  const rows = await prisma.apiToken.findMany({
    where: { revokedAt: null },
    select: { ...rowSelect, user: { select: { id: true, name: true, email: true, role: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 1000,
  });
  // Whether each owner's access changed since is shown at use time; the list says active/expired.
  return rows.map((r) => ({ ...toRow(r, null, now), user: r.user }));
}

/** Administrators: revokes anyone's token. */
export async function adminRevokeApiToken(ctx: Ctx, tokenId: string): Promise<void> {
  assertAdmin(ctx);
  await revoke(ctx, { id: tokenId });
}

async function revoke(ctx: Ctx, where: { id: string; userId?: string }): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { ...where, revokedAt: null }, select: { id: true, name: true, userId: true } });
    if (!token) throw notFoundError("Token not found");
    // The condition again in the update: two revokes at once record one event.
    const done = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (done.count === 0) throw notFoundError("Token not found");
    await recordAudit(
      {
        ...auditSource(ctx),
        action: "api_token_revoked",
        entityType: "ApiToken",
        entityId: token.id,
        metadata: { name: token.name, owner: token.userId, byOwner: token.userId === ctx.actor.id },
      },
      tx,
    );
  });
}

/** Who a token acts as, read at use time. */
export type ApiTokenHolder = {
  token: { id: string; name: string; readOnly: boolean };
  user: { id: string; email: string; name: string; role: Role; locale: string | null };
  scope: Scope;
};

/**
 * The live token behind a bearer value: null for a malformed, unknown,
 * revoked or expired token, a deactivated owner, and an owner whose role or
 * scope changed since the token was made. All the same null (401), so the
 * answer tells nothing apart. A hit records its use (at most once a minute).
 */
export async function authenticateApiToken(bearer: string, now = new Date()): Promise<ApiTokenHolder | null> {
  if (!TOKEN_PATTERN.test(bearer)) return null;
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hashApiToken(bearer) },
    select: {
      id: true,
      name: true,
      readOnly: true,
      revokedAt: true,
      expiresAt: true,
      scopeStamp: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, locale: true, deactivatedAt: true } },
    },
  });
  if (!row || row.revokedAt || row.expiresAt <= now || row.user.deactivatedAt) return null;
  const scope = await loadScope(row.user);
  if (apiScopeStamp(row.user.role, scope) !== row.scopeStamp) return null;
  if (!row.lastUsedAt || row.lastUsedAt.getTime() < now.getTime() - USE_TOUCH_MS) {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  const { deactivatedAt: _deactivated, ...user } = row.user;
  return { token: { id: row.id, name: row.name, readOnly: row.readOnly }, user, scope };
}

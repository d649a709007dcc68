import type { Prisma, User } from "@prisma/client";
import { createHash, randomBytes } from "node:crypto";
import { loadScope, programmeWhere, type Scope } from "~/auth/scope.server";
import { prisma, type Tx } from "~/utils/db.server";
import { notFoundError } from "~/utils/errors.server";
import { publicOrigin } from "~/utils/env.server";
import { recordAudit } from "./audit.server";
import { exceededLimit, hitLimits } from "./rate-limit.server";
import { assertStaff, auditSource, type Ctx } from "./ctx.server";

// Private calendar feeds (issue 18, point 7; docs/decisions/0039-calendar-feeds.md).
// A feed is reached by a secret URL (/calendar/<token>.ics) that calendar
// programs poll without a session. Only the token's sha256 is stored: the URL
// is shown once, when it is made, and a database dump does not open anyone's
// calendar. A user has at most one live personal feed and, staff only, one
// live feed per programme; making a new one (regenerating) revokes the old.

/** 32 random bytes, base64url: 43 characters, 256 bits nobody can guess. */
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** lastFetchedAt is written at most this often, so polling does not turn every fetch into a write. */
export const FETCH_TOUCH_MS = 60 * 60 * 1000;

export function hashFeedToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function calendarFeedUrl(token: string): string {
  return `${publicOrigin()}/calendar/${token}.ics`;
}

/** A programme as a feed names it; its title in the reader's language through inReaderLanguage. */
type FeedProgramme = { code: string; title: string; lang: string; translations: Prisma.JsonValue };

export type CalendarFeedRow = {
  id: string;
  programme: FeedProgramme | null;
  createdAt: Date;
  lastFetchedAt: Date | null;
};

/** A feed just made: its URL is in here and nowhere else, ever again. */
export type NewCalendarFeed = { id: string; url: string; programme: FeedProgramme | null };

/** The viewer's live feeds: the personal one first, then programme feeds by code. */
export async function listCalendarFeeds(ctx: Ctx): Promise<CalendarFeedRow[]> {
  const rows = await prisma.calendarFeed.findMany({
    // A programme feed outside the viewer's scope now (archived programme, role changed) is not listed: it answers 404 anyway.
    // (archivedAt also keeps the relation filter from being `{}`, which would match no programme feed at all.)
    where: { userId: ctx.actor.id, revokedAt: null, OR: [{ programmeId: null }, { programme: { ...programmeWhere(ctx.scope), archivedAt: null } }] },
    select: { id: true, createdAt: true, lastFetchedAt: true, programme: { select: { code: true, title: true, lang: true, translations: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.sort((a, b) => (a.programme ? 1 : 0) - (b.programme ? 1 : 0) || (a.programme?.code ?? "").localeCompare(b.programme?.code ?? ""));
}

/** Makes (or remakes) the viewer's personal feed; any earlier personal feed stops answering. */
export async function createPersonalFeed(ctx: Ctx): Promise<NewCalendarFeed> {
  return issueFeed(ctx, null);
}

/** The live programme a staff viewer may make a feed of (null: none by that code, or not staff). */
export async function findFeedProgramme(scope: Scope, programmeCode: string): Promise<(FeedProgramme & { id: string }) | null> {
  if (scope.kind !== "staff" || !programmeCode) return null;
  return prisma.programme.findFirst({
    where: { code: programmeCode, archivedAt: null, ...programmeWhere(scope) },
    select: { id: true, code: true, title: true, lang: true, translations: true },
  });
}

/** Staff: makes (or remakes) the viewer's feed of one programme in their scope. */
export async function createProgrammeFeed(ctx: Ctx, programmeCode: string): Promise<NewCalendarFeed> {
  assertStaff(ctx);
  const programme = await findFeedProgramme(ctx.scope, programmeCode);
  if (!programme) throw notFoundError("Programme not found");
  return issueFeed(ctx, programme);
}

/** A new URL for one of the viewer's feeds: the old one stops answering. */
export async function regenerateFeed(ctx: Ctx, feedId: string): Promise<NewCalendarFeed> {
  const feed = await requireOwnFeed(ctx, feedId);
  if (feed.programme) assertStaff(ctx);
  return issueFeed(ctx, feed.programme);
}

/** Stops one of the viewer's feeds for good. */
export async function revokeFeed(ctx: Ctx, feedId: string): Promise<void> {
  const feed = await requireOwnFeed(ctx, feedId);
  await prisma.$transaction(async (tx) => {
    await tx.calendarFeed.update({ where: { id: feed.id }, data: { revokedAt: new Date() } });
    await recordAudit({ ...auditSource(ctx), action: "calendar_feed_revoked", entityType: "CalendarFeed", entityId: feed.id, metadata: feedMetadata(feed.programme) }, tx);
  });
}

async function requireOwnFeed(ctx: Ctx, feedId: string) {
  // Someone else's feed, a revoked one or one that never was: all "not found".
  const feed = await prisma.calendarFeed.findFirst({
    where: { id: feedId, userId: ctx.actor.id, revokedAt: null },
    select: { id: true, programme: { select: { id: true, code: true, title: true, lang: true, translations: true } } },
  });
  if (!feed) throw notFoundError("Calendar feed not found");
  return feed;
}

function feedMetadata(programme: { code: string } | null): Prisma.InputJsonValue {
  return programme ? { kind: "programme", programme: programme.code } : { kind: "personal" };
}

/** Revokes the viewer's live feed of the same kind (personal, or this programme's) and makes a new one. */
async function issueFeed(ctx: Ctx, programme: (FeedProgramme & { id: string }) | null): Promise<NewCalendarFeed> {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  const feed = await prisma.$transaction(async (tx: Tx) => {
    // Two clicks at once must not leave two live feeds of a kind: the user's row is the lock.
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE id = ${ctx.actor.id} FOR UPDATE`;
    const revoked = await tx.calendarFeed.updateMany({
      where: { userId: ctx.actor.id, programmeId: programme?.id ?? null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const created = await tx.calendarFeed.create({
      data: { userId: ctx.actor.id, programmeId: programme?.id ?? null, tokenHash: hashFeedToken(token) },
      select: { id: true },
    });
    await recordAudit(
      {
        ...auditSource(ctx),
        action: revoked.count > 0 ? "calendar_feed_regenerated" : "calendar_feed_created",
        entityType: "CalendarFeed",
        entityId: created.id,
        metadata: { ...(feedMetadata(programme) as object), replaced: revoked.count },
      },
      tx,
    );
    return created;
  });
  return { id: feed.id, url: calendarFeedUrl(token), programme: programme && { code: programme.code, title: programme.title, lang: programme.lang, translations: programme.translations } };
}

/** What a fetch of /calendar/<token>.ics answers from: the feed, its owner and the owner's scope now. */
export type ResolvedFeed = {
  feedId: string;
  user: Pick<User, "id" | "role" | "locale" | "name">;
  scope: Scope;
  programme: { id: string; code: string; title: string } | null;
};

/**
 * The live feed behind a token, read at fetch time: null (404) for a token
 * that is malformed, unknown or revoked, for a deactivated owner, and for a
 * programme feed whose owner is no longer staff or whose programme has left
 * their scope. All the same null, so the answer tells nothing apart.
 */
export async function resolveFeed(token: string): Promise<ResolvedFeed | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const feed = await prisma.calendarFeed.findUnique({
    where: { tokenHash: hashFeedToken(token) },
    select: {
      id: true,
      revokedAt: true,
      user: { select: { id: true, role: true, locale: true, name: true, deactivatedAt: true } },
      programme: { select: { id: true, code: true, title: true, archivedAt: true } },
    },
  });
  if (!feed || feed.revokedAt || feed.user.deactivatedAt) return null;
  const scope = await loadScope(feed.user);
  let programme: ResolvedFeed["programme"] = null;
  if (feed.programme) {
    if (scope.kind !== "staff" || feed.programme.archivedAt) return null;
    programme = { id: feed.programme.id, code: feed.programme.code, title: feed.programme.title };
  }
  const { deactivatedAt: _deactivated, ...user } = feed.user;
  return { feedId: feed.id, user, scope, programme };
}

/** Records a fetch, at most once an hour per feed (calendar programs poll every few minutes to hours). */
export async function touchFeed(feedId: string, now = new Date()): Promise<void> {
  await prisma.calendarFeed.updateMany({
    where: { id: feedId, OR: [{ lastFetchedAt: null }, { lastFetchedAt: { lt: new Date(now.getTime() - FETCH_TOUCH_MS) } }] },
    data: { lastFetchedAt: now },
  });
}

/**
 * Misses (404s) one address may have before it is refused for a while (429).
 * Only misses count: calendar services (Google, Outlook) fetch many users'
 * feeds from a few shared addresses, so a limit on every fetch would cut off
 * whole services. A token cannot be guessed (256 bits); this keeps a client
 * stuck on a revoked URL, or a prober, from costing more than a lookup.
 */
export const FEED_MISS_LIMIT = { max: 30, windowSeconds: 10 * 60 };

export type FeedFetch = { kind: "feed"; feed: ResolvedFeed } | { kind: "not_found" } | { kind: "limited"; retryAfterSeconds: number };

/** What a fetch of /calendar/<token>.ics from `ip` gets; a hit records the fetch (touchFeed). */
export async function fetchFeed(token: string, ip: string | null): Promise<FeedFetch> {
  const key = `calendar-miss:${ip ?? "unknown"}`;
  const limited = await exceededLimit([{ key, max: FEED_MISS_LIMIT.max }]);
  if (limited) return { kind: "limited", retryAfterSeconds: Math.max(1, Math.ceil((limited.resetAt.getTime() - Date.now()) / 1000)) };
  const feed = await resolveFeed(token);
  if (!feed) {
    await hitLimits([key], FEED_MISS_LIMIT.windowSeconds);
    return { kind: "not_found" };
  }
  await touchFeed(feed.feedId);
  return { kind: "feed", feed };
}

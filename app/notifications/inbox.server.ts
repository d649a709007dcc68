import type { NotificationChannel, NotificationKind, Role } from "@prisma/client";
import { recordAudit } from "~/models/audit.server";
import { auditSource, type Ctx } from "~/models/ctx.server";
import type { NotificationPreferencesForm } from "~/schemas/notification-preferences";
import { prisma } from "~/utils/db.server";
import { defaultChannel, defaultDigestFrequency, kindsForRole } from "./kinds";

// A user's own inbox and notification settings. Every query is by the
// signed-in user's id: someone else's notification is "not found" (404),
// whatever id is asked for.

export const INBOX_PAGE_SIZE = 20;

/**
 * The header's unread count: one index-only count (Notification(userId,
 * readAt, createdAt)). On every signed-in page, so as SQL: Prisma's query
 * compiler cost about 0.5 ms of the server's CPU for the same count
 * (docs/performance.md, "Session 18").
 */
export async function countUnread(userId: string): Promise<number> {
  const [row] = await prisma.$queryRaw<{ unread: number }[]>`
    SELECT count(*)::int AS unread FROM "Notification" WHERE "userId" = ${userId} AND "readAt" IS NULL`;
  return row?.unread ?? 0;
}

export async function listInbox(userId: string, page: number) {
  const [total, unread] = await Promise.all([prisma.notification.count({ where: { userId } }), countUnread(userId)]);
  const pages = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const items = await prisma.notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * INBOX_PAGE_SIZE,
    take: INBOX_PAGE_SIZE,
    select: { id: true, kind: true, params: true, createdAt: true, readAt: true },
  });
  return { items, total, unread, page: current, pages };
}

/** Marks the user's notification read and gives where its link goes; null when it is not theirs (or none). */
export async function openNotification(userId: string, id: string, now = new Date()): Promise<string | null> {
  const n = await prisma.notification.findFirst({ where: { id, userId }, select: { path: true, readAt: true } });
  if (!n) return null;
  if (!n.readAt) await prisma.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: now } });
  return n.path;
}

export async function markInboxRead(userId: string, now = new Date()): Promise<number> {
  const { count } = await prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });
  return count;
}

export type PreferenceRow = { kind: NotificationKind; channel: NotificationChannel; default: NotificationChannel };

export async function getPreferences(user: { id: string; role: Role }) {
  const [rows, u] = await Promise.all([
    prisma.notificationPreference.findMany({ where: { userId: user.id } }),
    prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { digestFrequency: true } }),
  ]);
  const chosen = new Map(rows.map((r) => [r.kind, r.channel]));
  const kinds: PreferenceRow[] = kindsForRole(user.role).map((kind) => {
    const fallback = defaultChannel(user.role, kind);
    return { kind, channel: chosen.get(kind) ?? fallback, default: fallback };
  });
  return { kinds, digestFrequency: u.digestFrequency, defaultFrequency: defaultDigestFrequency(user.role) };
}

/**
 * Saves the user's choices. A choice equal to the role's default is stored as
 * no row, so a later change of the default reaches everyone who never chose.
 */
export async function savePreferences(ctx: Ctx, role: Role, data: NotificationPreferencesForm): Promise<void> {
  const userId = ctx.actor.id;
  const kinds = kindsForRole(role);
  const choices = kinds.flatMap((kind) => {
    const channel = data.channels[kind];
    return channel && channel !== defaultChannel(role, kind) ? [{ userId, kind, channel }] : [];
  });
  const digestFrequency = data.digestFrequency === "DEFAULT" ? null : data.digestFrequency;
  await prisma.$transaction(async (tx) => {
    await tx.notificationPreference.deleteMany({ where: { userId, kind: { in: kinds } } });
    if (choices.length) await tx.notificationPreference.createMany({ data: choices });
    await tx.user.update({ where: { id: userId }, data: { digestFrequency } });
    await recordAudit(
      {
        ...auditSource(ctx),
        action: "notification_preferences",
        entityType: "User",
        entityId: userId,
        changes: { channels: Object.fromEntries(choices.map((c) => [c.kind, c.channel])), digestFrequency },
      },
      tx,
    );
  });
}

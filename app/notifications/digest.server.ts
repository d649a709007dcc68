import type { DigestFrequency, NotificationKind, Prisma } from "@prisma/client";
import { serverTranslator } from "~/i18n/catalogues.server";
import { enqueueMail } from "~/jobs/mail.server";
import { prisma } from "~/utils/db.server";
import { env, publicOrigin } from "~/utils/env.server";
import type { MailMessage, MailSection } from "~/utils/mail.server";
import { channelsFor, userLocale } from "./deliver.server";
import { defaultDigestFrequency, kindLabel, NOTIFICATION_KINDS, notificationText } from "./kinds";

// The digest job (hourly; docs/decisions/0038-notifications.md). A user's
// digest goes out once per slot: daily at CONCORD_DIGEST_HOUR UTC (default
// 6), or weekly on Mondays at that hour, per User.digestFrequency else the
// role's default. It collects the user's PENDING notifications whose kind
// goes to the digest, grouped by kind with one link each, in the user's
// language, and marks them DIGESTED in the transaction that queues the mail.
// The mail job's key "digest:<user>:<day>" and the conditional move of
// User.lastDigestAt make a second run (another process, a retry) send nothing.

/**
 * Entries listed per kind; the rest are counted and wait in the inbox. The
 * first sweep over an existing portfolio finds every deliverable overdue for
 * years (about 4,900 per reader on the bench portfolio): a mail must stay readable.
 */
export const DIGEST_MAX_PER_KIND = 20;

export function digestHour(): number {
  return env().CONCORD_DIGEST_HOUR;
}

/** The latest digest time at or before `now` for a frequency: today's (or the last Monday's) hour, else the one before. */
export function digestSlot(now: Date, frequency: DigestFrequency, hour: number): Date {
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour));
  if (slot > now) slot.setUTCDate(slot.getUTCDate() - 1);
  if (frequency === "WEEKLY") slot.setUTCDate(slot.getUTCDate() - ((slot.getUTCDay() + 6) % 7));
  return slot;
}

/** Sends every digest due at `now`; returns how many were queued. */
export async function sendDigests(now = new Date(), hour = digestHour()): Promise<number> {
  const waiting = await prisma.notification.findMany({ where: { mailState: "PENDING" }, distinct: ["userId"], select: { userId: true } });
  let sent = 0;
  for (const { userId } of waiting) if (await sendDigest(userId, now, hour)) sent++;
  return sent;
}

/** One user's digest, when it is due; true when a mail was queued. */
export async function sendDigest(userId: string, now: Date, hour: number): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, email: true, name: true, role: true, locale: true, deactivatedAt: true, digestFrequency: true, lastDigestAt: true },
    });
    if (!user) return false;
    const pendingWhere = { userId, mailState: "PENDING" as const, createdAt: { lte: now } };
    // Deactivated users get nothing.
    if (user.deactivatedAt) {
      await tx.notification.updateMany({ where: pendingWhere, data: { mailState: "SKIPPED" } });
      return false;
    }
    const slot = digestSlot(now, user.digestFrequency ?? defaultDigestFrequency(user.role), hour);
    if (user.lastDigestAt && user.lastDigestAt >= slot) return false;
    // Claims this slot: a concurrent run finds lastDigestAt moved and stops here.
    const claimed = await tx.user.updateMany({
      where: { id: userId, OR: [{ lastDigestAt: null }, { lastDigestAt: { lt: slot } }] },
      data: { lastDigestAt: slot },
    });
    if (!claimed.count) return false;
    const pending = await tx.notification.findMany({ where: pendingWhere, orderBy: { createdAt: "asc" }, select: { id: true, kind: true, params: true, path: true } });
    const channel = await channelsFor(tx, [user]);
    const off = pending.filter((n) => channel(userId, n.kind) === "OFF");
    const included = pending.filter((n) => channel(userId, n.kind) !== "OFF");
    if (off.length) await tx.notification.updateMany({ where: { id: { in: off.map((n) => n.id) } }, data: { mailState: "SKIPPED" } });
    if (!included.length) return false;

    const day = slot.toISOString().slice(0, 10);
    const queued = await enqueueMail(tx, digestMail(user, included, day), { key: `digest:${user.id}:${day}` });
    if (!queued) return false;
    await tx.notification.updateMany({ where: { id: { in: included.map((n) => n.id) } }, data: { mailState: "DIGESTED", mailedAt: now } });
    return true;
  });
}

/** A user's digest of `notes` (oldest first) in their language: grouped by kind, each entry with its link. */
export function digestMail(
  user: { id: string; email: string; name: string; locale: string | null },
  notes: { kind: NotificationKind; params: Prisma.JsonValue; path: string }[],
  day: string,
): MailMessage {
  const locale = userLocale(user.locale);
  const t = serverTranslator(locale);
  const origin = publicOrigin();
  const byKind = new Map<NotificationKind, typeof notes>();
  for (const n of notes) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
  const sections: MailSection[] = NOTIFICATION_KINDS.filter((k) => byKind.has(k)).map((kind) => {
    const items = byKind.get(kind)!;
    return {
      heading: `${kindLabel(t, kind)} (${items.length})`,
      items: items.slice(0, DIGEST_MAX_PER_KIND).map((n) => ({ text: notificationText(t, n.kind, n.params), url: `${origin}${n.path}` })),
      more: items.length > DIGEST_MAX_PER_KIND ? t("notifications.mail.more", { count: items.length - DIGEST_MAX_PER_KIND }) : undefined,
    };
  });
  return {
    to: user.email,
    locale,
    subject: t("notifications.mail.digestSubject", { count: notes.length }),
    paragraphs: [t("mail.hello", { name: user.name || user.email }), t("notifications.mail.digestIntro")],
    sections,
    preheader: t("notifications.mail.digestIntro"),
    action: { label: t("notifications.mail.openInbox"), url: `${origin}/inbox` },
    footer: t("notifications.mail.footer", { url: `${origin}/account/notifications` }),
    ref: `digest of ${day} for user ${user.id}`,
  };
}

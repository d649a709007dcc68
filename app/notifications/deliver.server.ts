import type { NotificationChannel, NotificationKind, Prisma, Role } from "@prisma/client";
import { serverTranslator } from "~/i18n/catalogues.server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/locales";
import { enqueueMail } from "~/jobs/mail.server";
import type { Tx } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import type { MailMessage } from "~/utils/mail.server";
import { defaultChannel, kindLabel, notificationText, type NotificationParams } from "./kinds";

// What happens to a notification's e-mail, decided in the transaction that
// writes the notification (docs/decisions/0038-notifications.md):
// - IMMEDIATE: one "mail" job is enqueued right there and the row is marked
//   SENT. The row and the job commit together, so a retried notify job (whose
//   rows already exist and are not written again) mails nothing twice, and a
//   mail server that is away is the mail job's business: it retries with
//   back-off and, failing for good, shows on /admin/jobs with the recipient,
//   the subject and the notification's id in its error.
// - DIGEST: stays PENDING for the digest job (digest.server.ts).
// - OFF, or the user is deactivated: SKIPPED (inbox only).

export type WrittenNotification = { id: string; userId: string; kind: NotificationKind; params: Prisma.JsonValue; path: string };

type Recipient = { id: string; email: string; name: string; role: Role; locale: string | null; deactivatedAt: Date | null };

const CHUNK = 5000;
function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

export function userLocale(locale: string | null | undefined): Locale {
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** The channel each (user, kind) resolves to: the user's choice, else the role's default. */
export async function channelsFor(tx: Tx, users: Pick<Recipient, "id" | "role">[]): Promise<(userId: string, kind: NotificationKind) => NotificationChannel> {
  const role = new Map(users.map((u) => [u.id, u.role]));
  const chosen = new Map<string, NotificationChannel>();
  for (const ids of chunks([...role.keys()])) {
    const prefs = await tx.notificationPreference.findMany({ where: { userId: { in: ids } } });
    for (const p of prefs) chosen.set(`${p.userId}:${p.kind}`, p.channel);
  }
  return (userId, kind) => chosen.get(`${userId}:${kind}`) ?? defaultChannel(role.get(userId) ?? "STAFF", kind);
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The immediate e-mail of one notification, in the recipient's language, with one absolute link. */
export function notificationMail(user: Pick<Recipient, "email" | "name" | "locale">, n: Pick<WrittenNotification, "id" | "kind" | "params" | "path">): MailMessage {
  const locale = userLocale(user.locale);
  const t = serverTranslator(locale);
  const origin = publicOrigin();
  const params = (n.params ?? {}) as NotificationParams;
  const title = params.titles?.[locale] || params.title;
  const text = notificationText(t, n.kind, n.params);
  return {
    to: user.email,
    locale,
    subject: clip(title ? `${kindLabel(t, n.kind)}: ${title}` : kindLabel(t, n.kind), 150),
    paragraphs: [t("mail.hello", { name: user.name || user.email }), text],
    preheader: text,
    action: { label: t("notifications.mail.open"), url: `${origin}${n.path}` },
    footer: t("notifications.mail.footer", { url: `${origin}/account/notifications` }),
    ref: `notification ${n.id}`,
  };
}

/** Mails or marks freshly written notifications (see above), inside `tx`. */
export async function deliverNotifications(tx: Tx, rows: WrittenNotification[], now = new Date()): Promise<void> {
  if (!rows.length) return;
  const userIds = [...new Set(rows.map((r) => r.userId))];
  const users = new Map<string, Recipient>();
  for (const ids of chunks(userIds)) {
    const found = await tx.user.findMany({
      where: { id: { in: ids } },
      select: { id: true, email: true, name: true, role: true, locale: true, deactivatedAt: true },
    });
    for (const u of found) users.set(u.id, u);
  }
  const channel = await channelsFor(tx, [...users.values()]);
  const skipped: string[] = [];
  const sent: string[] = [];
  for (const row of rows) {
    const user = users.get(row.userId);
    const c = user && !user.deactivatedAt ? channel(row.userId, row.kind) : "OFF";
    if (c === "OFF") skipped.push(row.id);
    else if (c === "IMMEDIATE" && user) {
      await enqueueMail(tx, notificationMail(user, row));
      sent.push(row.id);
    }
  }
  for (const ids of chunks(skipped)) await tx.notification.updateMany({ where: { id: { in: ids } }, data: { mailState: "SKIPPED" } });
  for (const ids of chunks(sent)) await tx.notification.updateMany({ where: { id: { in: ids } }, data: { mailState: "SENT", mailedAt: now } });
}

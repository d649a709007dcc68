import type { DigestFrequency, NotificationChannel, NotificationKind, Role } from "@prisma/client";
import type { Locale } from "~/i18n/locales";
import type { MessageKey, Translator } from "~/i18n/translate";
import { formatDate } from "~/utils/format";

// What each kind of notification is, who hears of it by which channel when
// they have not chosen (docs/decisions/0038-notifications.md), and its text in
// the reader's language. Client-safe: the inbox and the preferences page
// render with it, and so does the mail side on the server.

export const NOTIFICATION_KINDS = [
  "REPORT_SUBMITTED",
  "REPORT_RETURNED",
  "REPORT_APPROVED",
  "REPORT_REOPENED",
  "REPORT_DUE_SOON",
  "REPORT_OVERDUE",
  "PARTNER_COMMENTED",
  "PARTNER_ACKNOWLEDGED",
  "DELIVERABLE_DUE_SOON",
  "DELIVERABLE_OVERDUE",
  "FOLLOW_UP_DUE_SOON",
  "FOLLOW_UP_OVERDUE",
  "AGREEMENT_EXPIRING",
  "AGREEMENT_EXPIRED",
  "INVITATION_ACCEPTED",
] as const satisfies readonly NotificationKind[];

export const NOTIFICATION_CHANNELS = ["IMMEDIATE", "DIGEST", "OFF"] as const satisfies readonly NotificationChannel[];
export const DIGEST_FREQUENCIES = ["DAILY", "WEEKLY"] as const satisfies readonly DigestFrequency[];

const REMINDERS: NotificationKind[] = [
  "REPORT_DUE_SOON",
  "REPORT_OVERDUE",
  "DELIVERABLE_DUE_SOON",
  "DELIVERABLE_OVERDUE",
  "FOLLOW_UP_DUE_SOON",
  "FOLLOW_UP_OVERDUE",
  "AGREEMENT_EXPIRING",
  "AGREEMENT_EXPIRED",
];

/** The kinds a role can receive (what its preferences page lists). */
export function kindsForRole(role: Role): NotificationKind[] {
  switch (role) {
    case "ADMIN":
    case "STAFF":
      return [...NOTIFICATION_KINDS];
    case "PARTNER":
      return ["REPORT_RETURNED", "REPORT_APPROVED", "REPORT_REOPENED", ...REMINDERS];
    case "DONOR":
      return ["REPORT_APPROVED"];
  }
}

/**
 * A missing preference: mail at once what asks the reader to act (a report
 * to review for staff; a report sent back or reopened for its reporters),
 * everything else in the digest.
 */
export function defaultChannel(role: Role, kind: NotificationKind): NotificationChannel {
  if (role === "ADMIN" || role === "STAFF") return kind === "REPORT_SUBMITTED" ? "IMMEDIATE" : "DIGEST";
  if (role === "PARTNER") return kind === "REPORT_RETURNED" || kind === "REPORT_REOPENED" ? "IMMEDIATE" : "DIGEST";
  return "DIGEST";
}

/**
 * A missing digest frequency: daily for those who act on deadlines (staff,
 * partners: a reminder three days before a due date must not wait a week),
 * weekly for donors, who only follow approved reports.
 */
export function defaultDigestFrequency(role: Role): DigestFrequency {
  return role === "DONOR" ? "WEEKLY" : "DAILY";
}

/** The values a notification's text is made of, captured when it was written. */
export type NotificationParams = {
  /** The record's title (a report's requirement title, a deliverable's, an agreement's). */
  title?: string;
  /** The title in other languages, when the record has translations. */
  titles?: Partial<Record<Locale, string>>;
  programme?: string;
  /** ISO days. */
  date?: string;
  periodStart?: string;
  periodEnd?: string;
  actor?: string;
  email?: string;
};

const TEXT: Record<NotificationKind, MessageKey> = {
  REPORT_SUBMITTED: "notifications.text.REPORT_SUBMITTED",
  REPORT_RETURNED: "notifications.text.REPORT_RETURNED",
  REPORT_APPROVED: "notifications.text.REPORT_APPROVED",
  REPORT_REOPENED: "notifications.text.REPORT_REOPENED",
  REPORT_DUE_SOON: "notifications.text.REPORT_DUE_SOON",
  REPORT_OVERDUE: "notifications.text.REPORT_OVERDUE",
  PARTNER_COMMENTED: "notifications.text.PARTNER_COMMENTED",
  PARTNER_ACKNOWLEDGED: "notifications.text.PARTNER_ACKNOWLEDGED",
  DELIVERABLE_DUE_SOON: "notifications.text.DELIVERABLE_DUE_SOON",
  DELIVERABLE_OVERDUE: "notifications.text.DELIVERABLE_OVERDUE",
  FOLLOW_UP_DUE_SOON: "notifications.text.FOLLOW_UP_DUE_SOON",
  FOLLOW_UP_OVERDUE: "notifications.text.FOLLOW_UP_OVERDUE",
  AGREEMENT_EXPIRING: "notifications.text.AGREEMENT_EXPIRING",
  AGREEMENT_EXPIRED: "notifications.text.AGREEMENT_EXPIRED",
  INVITATION_ACCEPTED: "notifications.text.INVITATION_ACCEPTED",
};

/** The heading of a kind (preferences page, digest sections). */
export function kindLabel(t: Translator, kind: NotificationKind): string {
  return t(`notifications.kind.${kind}` as MessageKey);
}

/** One notification as a sentence in the reader's language. */
export function notificationText(t: Translator, kind: NotificationKind, raw: unknown): string {
  const p = (raw && typeof raw === "object" ? raw : {}) as NotificationParams;
  const day = (iso?: string) => (iso ? formatDate(iso, "DAY", t.locale) : "");
  const text = t(TEXT[kind], {
    title: p.titles?.[t.locale] || p.title || "",
    programme: p.programme ?? "",
    date: day(p.date),
    period: p.periodStart && p.periodEnd ? `${day(p.periodStart)} – ${day(p.periodEnd)}` : "",
    actor: p.actor ?? "",
    email: p.email ?? "",
  });
  // A Russian date ends in "г.": the sentence's own full stop is not doubled.
  return text.replace(/\.\.$/, ".");
}

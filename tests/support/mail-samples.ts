import type { NotificationKind } from "@prisma/client";
import { serverTranslator } from "~/i18n/catalogues.server";
import { LOCALES, type Locale } from "~/i18n/locales";
import { roleAndScopeText } from "~/models/account.server";
import { notificationMail } from "~/notifications/deliver.server";
import { digestMail } from "~/notifications/digest.server";
import { NOTIFICATION_KINDS, type NotificationParams } from "~/notifications/kinds";
import { publicOrigin } from "~/utils/env.server";
import { formatUtcDateTime } from "~/utils/format";
import type { MailMessage } from "~/utils/mail.server";

// Every mail Concord sends, in every language, with long real-world content
// (a Russian programme title of 170 characters, a long name, long addresses):
// what the mail tests (tests/unit/mail-render.test.ts) and the narrow-screen
// browser check (tests/e2e/mail-narrow.spec.ts) render.

// Links are built from PUBLIC_ORIGIN as the process has it. Never set it
// here: the browser suite's runner loads this file (mail-narrow.spec.ts)
// while listing tests and hands its environment to every worker, and an
// https origin makes the session cookie "__Host-" and Secure, which the
// suite's http sign-in (loginAs) cannot set.

/** The kinds of the reporting cycle (progress reports) first, then the rest. */
export const REPORT_KINDS = ["REPORT_DUE_SOON", "REPORT_OVERDUE", "REPORT_SUBMITTED", "REPORT_RETURNED", "REPORT_APPROVED", "REPORT_REOPENED"] as const satisfies readonly NotificationKind[];
export const MAIL_KINDS: NotificationKind[] = [...REPORT_KINDS, ...NOTIFICATION_KINDS.filter((k) => !(REPORT_KINDS as readonly string[]).includes(k))];

export const TITLES: Record<Locale, string> = {
  en: "Quarterly progress report on the technical-cooperation programme for strengthening health systems and pharmaceutical supply in the Republic of Kazakhstan",
  ru: "Ежеквартальный отчёт о ходе реализации программы технического сотрудничества по укреплению систем здравоохранения и лекарственного обеспечения Республики Казахстан",
  ko: "카자흐스탄 공화국 보건 체계 및 의약품 공급 강화를 위한 기술협력 프로그램 분기별 진행 보고서",
};

const ID = "cm4x9k2p70001vq8r3t5y7u9w1e3r5t7y9u1i3o5p7";

export const params = (date = "2027-03-31"): NotificationParams => ({
  title: TITLES.en,
  titles: { ...TITLES },
  programme: "KZ-HEALTH-SYSTEMS-STRENGTHENING-2026-2030",
  date,
  periodStart: "2027-01-01",
  periodEnd: "2027-03-31",
  actor: "Александра Константиновна Верещагина-Мирзоева",
  email: "aleksandra.vereshchagina-mirzoeva@ministry-of-health.gov.kz",
});

const pathOf = (kind: NotificationKind) =>
  kind.startsWith("REPORT_") ? `/portal/reports/${ID}` : kind.startsWith("AGREEMENT_") ? `/agreements/${ID}` : kind.startsWith("DELIVERABLE_") ? `/deliverables/${ID}` : `/outcomes/${ID}`;

const reader = (locale: Locale) => ({
  id: "u1",
  email: "k.abdrakhmanova@ministry-of-health.gov.kz",
  name: { en: "Karlygash Abdrakhmanova", ru: "Карлыгаш Абдрахманова", ko: "김민준" }[locale],
  locale,
});

export function notificationSample(kind: NotificationKind, locale: Locale): MailMessage {
  return notificationMail(reader(locale), { id: `n-${kind}`, kind, params: params(), path: pathOf(kind) });
}

/** A digest with several entries of several kinds, the reporting cycle's among them. */
export const DIGEST_NOTES: { kind: NotificationKind; params: NotificationParams; path: string }[] = [
  { kind: "REPORT_DUE_SOON", params: params("2027-04-15"), path: `/portal/reports/${ID}-q1` },
  { kind: "REPORT_DUE_SOON", params: { ...params("2027-07-15"), titles: {}, title: "Отчёт о закупках лекарственных средств за второй квартал" }, path: `/portal/reports/${ID}-q2` },
  { kind: "REPORT_OVERDUE", params: params("2027-01-15"), path: `/portal/reports/${ID}-q4` },
  { kind: "REPORT_RETURNED", params: params(), path: `/portal/reports/${ID}-r` },
  { kind: "REPORT_APPROVED", params: params(), path: `/portal/reports/${ID}-a` },
  { kind: "DELIVERABLE_OVERDUE", params: params("2027-02-01"), path: `/portal/deliverables/${ID}` },
  { kind: "AGREEMENT_EXPIRING", params: params("2027-06-30"), path: `/portal/programmes/KZ-HEALTH-SYSTEMS-STRENGTHENING-2026-2030` },
];

export function digestSample(locale: Locale): MailMessage {
  return digestMail(reader(locale), DIGEST_NOTES, "2027-04-05");
}

/** As app/models/user-admin.server.ts and account.server.ts compose them (their composers need a transaction). */
export function invitationSample(locale: Locale): MailMessage {
  const t = serverTranslator(locale);
  return {
    to: "k.abdrakhmanova@ministry-of-health.gov.kz",
    locale,
    subject: t("mail.invite.subject"),
    paragraphs: [
      t("mail.hello", { name: reader(locale).name }),
      t("mail.invite.body", {
        inviter: params().actor!,
        email: params().email!,
        roleAndScope: roleAndScopeText(t, "PARTNER", [t.label("country", "KZ"), t.label("country", "UZ")], ["Министерство здравоохранения Республики Казахстан"]),
      }),
      t("mail.invite.until", { until: formatUtcDateTime(new Date("2027-04-12T09:30:00Z"), locale) }),
    ],
    action: { label: t("mail.invite.action"), url: `${publicOrigin()}/invitations/${ID}${ID}` },
    footer: t("mail.invite.footer"),
  };
}

export function resetSample(locale: Locale): MailMessage {
  const t = serverTranslator(locale);
  return {
    to: "k.abdrakhmanova@ministry-of-health.gov.kz",
    locale,
    subject: t("mail.reset.subject"),
    paragraphs: [t("mail.hello", { name: reader(locale).name }), t("mail.reset.body")],
    action: { label: t("mail.reset.action"), url: `${publicOrigin()}/reset-password/${ID}${ID}` },
    footer: t("mail.reset.footer"),
  };
}

export type MailSample = { name: string; locale: Locale; message: MailMessage };

/** Every sample: each notification kind, the digest, the invitation and the password reset, in each language. */
export function mailSamples(kinds: NotificationKind[] = MAIL_KINDS): MailSample[] {
  return LOCALES.flatMap((locale) => [
    ...kinds.map((kind) => ({ name: kind, locale, message: notificationSample(kind, locale) })),
    { name: "DIGEST", locale, message: digestSample(locale) },
    { name: "INVITATION", locale, message: invitationSample(locale) },
    { name: "PASSWORD_RESET", locale, message: resetSample(locale) },
  ]);
}

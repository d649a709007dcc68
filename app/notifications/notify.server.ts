import type { NotificationKind, Prisma, Role } from "@prisma/client";
import { LOCALES, type Locale } from "~/i18n/locales";
import { progressReportPath, progressReportWhere } from "~/models/progress-report-scope.server";
import { prisma, type Tx } from "~/utils/db.server";
import { deliverNotifications } from "./deliver.server";
import type { NotificationEvent } from "./emit.server";
import type { NotificationParams } from "./kinds";

// The "notify" job: who is told of an event (docs/decisions/0038-notifications.md),
// their inbox entries, and their immediate mail, in one transaction. Each
// entry's key is unique per user and derived from the event (the report's
// round and the time of the step, the comment's id, ...), so a retried job
// writes nothing twice and mails nobody twice. The actor is never told of
// their own act.

type Reader = { id: string; role: Role };
type Entry = {
  kind: NotificationKind;
  key: string;
  programmeId: string | null;
  entityType: string;
  entityId: string;
  params: NotificationParams;
  /** Where the one link goes for a reader (partners work in the portal). */
  path: (reader: Reader) => string;
};

const ACTIVE = { deactivatedAt: null } as const;
const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : undefined);
const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A record's title in the languages its translations give ({ ru: { title } }). */
export function titlesOf(translations: Prisma.JsonValue, field = "title"): Partial<Record<Locale, string>> {
  const out: Partial<Record<Locale, string>> = {};
  if (!translations || typeof translations !== "object" || Array.isArray(translations)) return out;
  for (const locale of LOCALES) {
    const entry = (translations as Record<string, unknown>)[locale];
    const value = entry && typeof entry === "object" ? (entry as Record<string, unknown>)[field] : undefined;
    if (typeof value === "string" && value.trim()) out[locale] = value;
  }
  return out;
}

/** Active staff and administrators: every one of them reviews (no programme assigns its reviewers). */
export async function staffReaders(tx: Tx): Promise<Reader[]> {
  return tx.user.findMany({ where: { role: { in: ["ADMIN", "STAFF"] }, ...ACTIVE }, select: { id: true, role: true } });
}

async function actorName(tx: Tx, id: string | null): Promise<string> {
  if (!id) return "";
  const u = await tx.user.findUnique({ where: { id }, select: { name: true, email: true } });
  return u ? u.name || u.email : "";
}

const REPORT_STEP: Record<"REPORT_SUBMITTED" | "REPORT_RETURNED" | "REPORT_APPROVED" | "REPORT_REOPENED", { slug: string; at: "submittedAt" | "returnedAt" | "approvedAt" | "reopenedAt" }> = {
  REPORT_SUBMITTED: { slug: "report-submitted", at: "submittedAt" },
  REPORT_RETURNED: { slug: "report-returned", at: "returnedAt" },
  REPORT_APPROVED: { slug: "report-approved", at: "approvedAt" },
  REPORT_REOPENED: { slug: "report-reopened", at: "reopenedAt" },
};

/**
 * A report's reporters: the active partner users of its country who see it
 * (progressReportWhere, so never another country's report), unless staff
 * report on this requirement, when it is staff.
 */
async function reportReporters(tx: Tx, report: { id: string; countryCode: string | null; reporter: string }): Promise<Reader[]> {
  if (report.reporter === "STAFF" || !report.countryCode) return staffReaders(tx);
  const partners = await tx.user.findMany({
    where: { role: "PARTNER", ...ACTIVE, countries: { some: { countryCode: report.countryCode } } },
    select: { id: true, role: true, countries: { select: { countryCode: true } } },
  });
  const out: Reader[] = [];
  for (const p of partners) {
    const scope = { kind: "partner" as const, countries: p.countries.map((c) => c.countryCode) };
    if (await tx.progressReport.count({ where: { AND: [{ id: report.id }, progressReportWhere(scope)] } })) out.push({ id: p.id, role: p.role });
  }
  return out;
}

/** Donor users of the organisations funding the programme who see the (approved) report. */
async function reportDonors(tx: Tx, reportId: string, programmeId: string): Promise<Reader[]> {
  const donors = await tx.user.findMany({
    where: {
      role: "DONOR",
      ...ACTIVE,
      organisations: { some: { organisation: { programmeRoles: { some: { programmeId, role: "FUNDING" } } } } },
    },
    select: { id: true, role: true, organisations: { select: { organisationId: true } } },
  });
  const out: Reader[] = [];
  for (const d of donors) {
    const scope = { kind: "donor" as const, organisationIds: d.organisations.map((o) => o.organisationId) };
    if (await tx.progressReport.count({ where: { AND: [{ id: reportId }, progressReportWhere(scope)] } })) out.push({ id: d.id, role: d.role });
  }
  return out;
}

async function reportEvent(tx: Tx, event: Extract<NotificationEvent, { reportId: string }>): Promise<{ entry: Entry; readers: Reader[] } | null> {
  const report = await tx.progressReport.findUnique({
    where: { id: event.reportId },
    select: {
      id: true,
      programmeId: true,
      countryCode: true,
      round: true,
      periodStart: true,
      periodEnd: true,
      dueDate: true,
      submittedAt: true,
      returnedAt: true,
      approvedAt: true,
      reopenedAt: true,
      programme: { select: { code: true } },
      requirement: { select: { title: true, translations: true, reporter: true } },
    },
  });
  if (!report) return null;
  const step = REPORT_STEP[event.kind];
  const at = report[step.at]?.getTime() ?? 0;
  const entry: Entry = {
    kind: event.kind,
    key: `${step.slug}:${report.id}:${report.round}:${at}`,
    programmeId: report.programmeId,
    entityType: "ProgressReport",
    entityId: report.id,
    params: {
      title: report.requirement.title,
      titles: titlesOf(report.requirement.translations),
      programme: report.programme.code,
      periodStart: day(report.periodStart),
      periodEnd: day(report.periodEnd),
      date: day(report.dueDate),
      actor: await actorName(tx, event.actorId),
    },
    path: (reader) => progressReportPath(reader.role, report.id),
  };
  const reporterLike = { id: report.id, countryCode: report.countryCode, reporter: report.requirement.reporter };
  let readers: Reader[];
  if (event.kind === "REPORT_SUBMITTED") readers = await staffReaders(tx);
  else {
    readers = await reportReporters(tx, reporterLike);
    if (event.kind === "REPORT_APPROVED") readers = [...readers, ...(await reportDonors(tx, report.id, report.programmeId))];
  }
  return { entry, readers };
}

async function partnerEvent(tx: Tx, event: Extract<NotificationEvent, { target: unknown }>): Promise<{ entry: Entry; readers: Reader[] } | null> {
  const { target } = event;
  const record =
    target.kind === "Deliverable"
      ? await tx.deliverable.findUnique({
          where: { id: target.id },
          select: { title: true, translations: true, programmeId: true, programme: { select: { code: true } } },
        })
      : await tx.outcome
          .findUnique({ where: { id: target.id }, select: { text: true, activity: { select: { programmeId: true, programme: { select: { code: true } } } } } })
          .then((o) => o && { title: o.text, translations: null, programmeId: o.activity.programmeId, programme: o.activity.programme });
  if (!record) return null;
  const key =
    event.kind === "PARTNER_COMMENTED" ? `partner-commented:${event.commentId}` : `partner-acknowledged:${target.kind.toLowerCase()}:${target.id}`;
  const base = target.kind === "Deliverable" ? "/deliverables" : "/outcomes";
  return {
    entry: {
      kind: event.kind,
      key,
      programmeId: record.programmeId,
      entityType: target.kind,
      entityId: target.id,
      params: { title: clip(record.title), titles: titlesOf(record.translations), programme: record.programme.code, actor: await actorName(tx, event.actorId) },
      path: () => `${base}/${target.id}`,
    },
    readers: await staffReaders(tx),
  };
}

async function invitationEvent(tx: Tx, event: Extract<NotificationEvent, { kind: "INVITATION_ACCEPTED" }>): Promise<{ entry: Entry; readers: Reader[] } | null> {
  const joined = await tx.user.findUnique({ where: { id: event.userId }, select: { name: true, email: true } });
  if (!joined) return null;
  const inviter = event.invitedById
    ? await tx.user.findFirst({ where: { id: event.invitedById, ...ACTIVE }, select: { id: true, role: true } })
    : null;
  const readers = inviter ? [inviter] : await tx.user.findMany({ where: { role: "ADMIN", ...ACTIVE }, select: { id: true, role: true } });
  return {
    entry: {
      kind: "INVITATION_ACCEPTED",
      key: `invitation-accepted:${event.userId}`,
      programmeId: null,
      entityType: "User",
      entityId: event.userId,
      params: { actor: joined.name, email: joined.email },
      // Only administrators have the user's page.
      path: (reader) => (reader.role === "ADMIN" ? `/admin/users/${event.userId}` : "/inbox"),
    },
    readers,
  };
}

function actorOf(event: NotificationEvent): string | null {
  return event.kind === "INVITATION_ACCEPTED" ? event.userId : event.actorId;
}

/** The "notify" job's handler: writes the inbox entries of `event` and mails who wants it at once. Returns how many were written. */
export async function handleNotification(event: NotificationEvent): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const found =
      event.kind === "PARTNER_COMMENTED" || event.kind === "PARTNER_ACKNOWLEDGED"
        ? await partnerEvent(tx, event)
        : event.kind === "INVITATION_ACCEPTED"
          ? await invitationEvent(tx, event)
          : await reportEvent(tx, event);
    if (!found) return 0;
    const actor = actorOf(event);
    const seen = new Set<string>();
    const readers = found.readers.filter((r) => r.id !== actor && !seen.has(r.id) && seen.add(r.id));
    if (!readers.length) return 0;
    const { entry } = found;
    const rows = await tx.notification.createManyAndReturn({
      data: readers.map((r) => ({
        userId: r.id,
        kind: entry.kind,
        key: entry.key,
        programmeId: entry.programmeId,
        entityType: entry.entityType,
        entityId: entry.entityId,
        params: entry.params as Prisma.InputJsonValue,
        path: entry.path(r),
      })),
      skipDuplicates: true,
      select: { id: true, userId: true, kind: true, params: true, path: true },
    });
    await deliverNotifications(tx, rows);
    return rows.length;
  });
}

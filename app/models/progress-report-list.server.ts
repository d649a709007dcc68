import type { Prisma } from "@prisma/client";
import type { Scope } from "~/auth/scope.server";
import type { Locale } from "~/i18n/locales";
import { readerView } from "~/i18n/narrative";
import {
  isReportDueSoon,
  isReportOverdue,
  OPEN_REPORT_STATUSES,
  PROGRESS_REPORT_STATUSES,
  REPORT_DUE_SOON_DAYS,
  type ProgressReportStatusName,
} from "~/schemas/reporting-requirement";
import { prisma } from "~/utils/db.server";
import { searchContains, type ListQuery, type ListSpec } from "~/utils/list-query";
import { startOfToday } from "./agreement.server";
import { progressReportPath, progressReportWhere } from "./progress-report-scope.server";

// Issue 18: the lists of progress reports. Staff see every report
// (/progress-reports, filters and downloads as the other staff lists);
// partners see their countries' reports in the portal (/portal/reports),
// what needs doing first on top. Both read through progressReportWhere.

export const PROGRESS_REPORT_LIST = {
  sorts: ["dueDate", "status", "programme"],
  defaultSort: "dueDate",
  defaultDir: "asc",
  filters: ["status", "programme", "country", "due"],
  choices: { status: [...PROGRESS_REPORT_STATUSES], due: ["overdue", "next30"] },
} as const satisfies ListSpec<string>;

export type ProgressReportFilter = (typeof PROGRESS_REPORT_LIST.filters)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** Overdue: open and due before today; next30: open and due from today to 30 days ahead. */
export function reportDueWhere(due: string | undefined, today: Date): Prisma.ProgressReportWhereInput | null {
  const open = { status: { in: [...OPEN_REPORT_STATUSES] } };
  if (due === "overdue") return { ...open, dueDate: { lt: today } };
  if (due === "next30") return { ...open, dueDate: { gte: today, lte: new Date(today.getTime() + REPORT_DUE_SOON_DAYS * DAY_MS) } };
  return null;
}

function where(scope: Scope, query: ListQuery<ProgressReportFilter>, today: Date): Prisma.ProgressReportWhereInput {
  const f = query.filters;
  const and: Prisma.ProgressReportWhereInput[] = [progressReportWhere(scope)];
  if (query.q) {
    const contains = searchContains(query.q);
    and.push({ OR: [{ requirement: { title: contains } }, { programme: { title: contains } }, { programme: { code: contains } }] });
  }
  if (f.status) and.push({ status: f.status as ProgressReportStatusName });
  if (f.programme) and.push({ programmeId: f.programme });
  if (f.country) and.push({ countryCode: f.country.toUpperCase() });
  const due = reportDueWhere(f.due, today);
  if (due) and.push(due);
  return { AND: and };
}

function orderBy(query: ListQuery): Prisma.ProgressReportOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "status":
      return [{ status: dir }, { dueDate: "asc" }, { id: "asc" }];
    case "programme":
      return [{ programme: { title: dir } }, { dueDate: "asc" }, { id: "asc" }];
    default:
      return [{ dueDate: dir }, { programme: { code: "asc" } }, { id: "asc" }];
  }
}

const listSelect = {
  id: true,
  sequence: true,
  periodStart: true,
  periodEnd: true,
  dueDate: true,
  status: true,
  countryCode: true,
  programme: { select: { id: true, code: true, title: true, lang: true, translations: true } },
  requirement: { select: { id: true, title: true, lang: true, translations: true, reporter: true, archivedAt: true } },
} satisfies Prisma.ProgressReportSelect;

type Stored = Prisma.ProgressReportGetPayload<{ select: typeof listSelect }>;
export type ProgressReportRow = Stored & { overdue: boolean; dueSoon: boolean };

const withMarkers = (rows: Stored[], today: Date): ProgressReportRow[] =>
  rows.map((r) => ({ ...r, overdue: isReportOverdue(r, today), dueSoon: isReportDueSoon(r, today) }));

/** One page of the staff list (or every row, `all`) and the total. */
export async function listProgressReports(scope: Scope, query: ListQuery<ProgressReportFilter>, all = false, now = new Date()) {
  const today = startOfToday(now);
  const w = where(scope, query, today);
  const [rows, total] = await Promise.all([
    prisma.progressReport.findMany({
      where: w,
      select: listSelect,
      orderBy: orderBy(query),
      ...(all ? {} : { skip: (query.page - 1) * query.perPage, take: query.perPage }),
    }),
    prisma.progressReport.count({ where: w }),
  ]);
  return { rows: withMarkers(rows, today), total };
}

/** Why a partner should look at a report first, if it should. */
export type PortalReason = "RETURNED" | "OVERDUE" | "DUE_SOON" | "DRAFT";
const REASON_ORDER: PortalReason[] = ["RETURNED", "OVERDUE", "DUE_SOON", "DRAFT"];

export function portalReason(r: { status: string; dueDate: Date }, today: Date): PortalReason | null {
  if (r.status === "RETURNED") return "RETURNED";
  if (isReportOverdue(r, today)) return "OVERDUE";
  if (isReportDueSoon(r, today)) return "DUE_SOON";
  if (r.status === "DRAFT") return "DRAFT";
  return null;
}

/** At most this many reports on the portal page (a partner's countries owe a few dozen at most). */
export const PORTAL_REPORT_LIMIT = 200;

/**
 * A partner's reports (its countries', through progressReportWhere): first
 * what needs doing (returned, overdue, due soon, drafts, in that order, then
 * by due date), then the rest (upcoming first, then the latest done).
 */
export async function portalReports(scope: Scope, locale: Locale, role: "PARTNER" | "STAFF" | "ADMIN" | "DONOR", now = new Date()) {
  const today = startOfToday(now);
  const rows = await prisma.progressReport.findMany({
    where: progressReportWhere(scope),
    select: listSelect,
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
    take: PORTAL_REPORT_LIMIT,
  });
  const view = readerView(withMarkers(rows, today), locale).map((r) => ({
    ...r,
    reason: portalReason(r, today),
    path: progressReportPath(role, r.id),
  }));
  const first = view
    .filter((r) => r.reason)
    .sort((a, b) => REASON_ORDER.indexOf(a.reason!) - REASON_ORDER.indexOf(b.reason!) || a.dueDate.getTime() - b.dueDate.getTime());
  const upcoming = view.filter((r) => !r.reason && r.dueDate.getTime() >= today.getTime());
  const past = view.filter((r) => !r.reason && r.dueDate.getTime() < today.getTime()).reverse();
  return { first, rest: [...upcoming, ...past], today };
}

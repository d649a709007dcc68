import type { Prisma } from "@prisma/client";
import ical, { ICalEventStatus } from "ical-generator";
import { programmeChildWhere, type Scope } from "~/auth/scope.server";
import { serverTranslator } from "~/i18n/catalogues.server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/locales";
import { narrative } from "~/i18n/narrative";
import type { Translator } from "~/i18n/translate";
import { EFFECTIVE_STATUS_SELECT, effectiveExpiry, IN_FORCE } from "~/models/agreement-rules.server";
import type { ResolvedFeed } from "~/models/calendar-feed.server";
import { openDeliverable } from "~/models/deliverable-rules.server";
import { progressReportPath, progressReportWhere } from "~/models/progress-report-scope.server";
import { prisma } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";

// The content of a calendar feed (docs/decisions/0039-calendar-feeds.md):
// what concerns the feed's owner, read with their scope at fetch time, as
// all-day events of an iCalendar file (RFC 5545) written by ical-generator.
//
// - Every event is all-day (DTSTART;VALUE=DATE, DTEND the day after the last
//   day: exclusive). Concord stores calendar dates, not times, so the events
//   are floating dates: the 3rd is the 3rd wherever the reader is, and no
//   VTIMEZONE is needed. DTSTAMP is the record's last change, in UTC, so two
//   fetches of an unchanged portfolio give the same file.
// - Activities known to the month span their months; those known only to the
//   year are left out (a year-long bar says nothing a calendar can use).
// - Bounded: from WINDOW.pastDays back to WINDOW.futureDays ahead, at most
//   CAPS[kind] events of a kind, the upcoming ones first, then the most recent
//   past ones. A staff feed of the 22,000-activity bench portfolio stays
//   around a few megabytes at worst.

export const WINDOW = { pastDays: 365, futureDays: 730 };
export const CAPS = { activity: 2000, deliverable: 2000, report: 1000, agreement: 1000 } as const;
/** How often calendar programs are asked to poll (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const REFRESH_SECONDS = 3600;

export type EventKind = keyof typeof CAPS;

export type FeedEvent = {
  uid: string;
  kind: EventKind;
  /** First day, UTC midnight. */
  start: Date;
  /** The day after the last day, UTC midnight (DTEND of an all-day event is exclusive). */
  end: Date;
  summary: string;
  description: string;
  url: string;
  stamp: Date;
  cancelled?: boolean;
};

const DAY_MS = 86_400_000;
const utcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY_MS);
const monthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const nextMonthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function feedLocale(locale: string | null): Locale {
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** Where a record opens for the feed's owner: staff on the record's page, partners in the portal, donors on the programme. */
function recordUrl(scope: Scope, role: ResolvedFeed["user"]["role"], kind: EventKind, id: string, programmeCode: string): string {
  const programme = encodeURIComponent(programmeCode);
  let path: string;
  if (kind === "report") path = progressReportPath(role, id);
  else if (scope.kind === "staff") path = `/${kind === "activity" ? "activities" : `${kind}s`}/${id}`;
  else if (scope.kind === "partner") path = kind === "deliverable" ? `/portal/deliverables/${id}` : `/portal/programmes/${programme}`;
  else path = `/programmes/${programme}`;
  return `${publicOrigin()}${path}`;
}

/**
 * Up to `cap` rows: those from today on in date order first, then the past
 * ones, latest first. `dated(from, to)` is the kind's where for a date range
 * ([from, to], either end open).
 */
async function nearestFirst<T>(
  cap: number,
  today: Date,
  windowStart: Date,
  windowEnd: Date,
  find: (range: { from: Date; to: Date; upcoming: boolean; take: number }) => Promise<T[]>,
): Promise<T[]> {
  const upcoming = await find({ from: today, to: windowEnd, upcoming: true, take: cap });
  if (upcoming.length >= cap) return upcoming;
  const past = await find({ from: windowStart, to: addDays(today, -1), upcoming: false, take: cap - upcoming.length });
  return [...upcoming, ...past];
}

/** Records of a programme the feed may show: live, in a live programme, in the owner's scope, in the feed's programme if it has one. */
function live<W extends object>(scoped: W, programmeId: string | null): W[] {
  return [scoped, { archivedAt: null, programme: { archivedAt: null } } as W, (programmeId ? { programmeId } : {}) as W];
}

/** The feed's events, read now with the owner's current scope. */
export async function feedEvents(
  feed: Pick<ResolvedFeed, "user" | "scope" | "programme">,
  now = new Date(),
  caps: Record<EventKind, number> = CAPS,
): Promise<FeedEvent[]> {
  const { scope, user } = feed;
  const programmeId = feed.programme?.id ?? null;
  const locale = feedLocale(user.locale);
  const t = serverTranslator(locale);
  const today = utcDay(now);
  const windowStart = addDays(today, -WINDOW.pastDays);
  const windowEnd = addDays(today, WINDOW.futureDays);
  const host = new URL(publicOrigin()).host;
  const programmeSelect = { select: { code: true, title: true, lang: true, translations: true } } as const;
  const title = (r: { title: string; lang: string; translations: unknown }) => narrative(r, "title", r.title, locale);
  const programmeLine = (p: { code: string; title: string; lang: string; translations: unknown }) =>
    t("calendarFeed.ics.programme", { code: p.code, title: title(p) });
  const base = (kind: EventKind, id: string, programmeCode: string) => ({
    uid: `${kind}-${id}@${host}`,
    kind,
    url: recordUrl(scope, user.role, kind, id, programmeCode),
  });

  const [activities, deliverables, reports, agreements] = await Promise.all([
    nearestFirst(caps.activity, today, windowStart, windowEnd, ({ from, to, upcoming, take }) => {
      const where: Prisma.ActivityWhereInput = {
        AND: [
          ...live(programmeChildWhere(scope, "activity"), programmeId),
          // A year-only activity is not placed; the others run from their start to their end.
          { datePrecision: { in: ["DAY", "MONTH"] }, startsOn: { not: null, lte: windowEnd }, endsOn: upcoming ? { gte: from } : { gte: from, lte: to } },
        ],
      };
      return prisma.activity.findMany({
        where,
        select: {
          id: true, title: true, lang: true, translations: true, kind: true, status: true, city: true, countryCode: true,
          startsOn: true, endsOn: true, datePrecision: true, updatedAt: true, programme: programmeSelect,
        },
        orderBy: upcoming ? [{ startsOn: "asc" }, { id: "asc" }] : [{ endsOn: "desc" }, { id: "asc" }],
        take,
      });
    }),
    nearestFirst(caps.deliverable, today, windowStart, windowEnd, ({ from, to, upcoming, take }) =>
      prisma.deliverable.findMany({
        where: { AND: [...live(programmeChildWhere(scope, "deliverable"), programmeId), openDeliverable.where(), { dueDate: { gte: from, lte: to } }] },
        select: { id: true, title: true, lang: true, translations: true, status: true, dueDate: true, updatedAt: true, programme: programmeSelect },
        orderBy: [{ dueDate: upcoming ? "asc" : "desc" }, { id: "asc" }],
        take,
      }),
    ),
    nearestFirst(caps.report, today, windowStart, windowEnd, ({ from, to, upcoming, take }) =>
      prisma.progressReport.findMany({
        where: {
          AND: [
            progressReportWhere(scope),
            // Staff see archived requirements' reports for the record; nobody needs their due dates in a calendar.
            { status: { not: "APPROVED" }, requirement: { archivedAt: null }, programme: { archivedAt: null }, dueDate: { gte: from, lte: to } },
            programmeId ? { programmeId } : {},
          ],
        },
        select: {
          id: true, status: true, dueDate: true, periodStart: true, periodEnd: true, updatedAt: true, countryCode: true,
          requirement: { select: { title: true, lang: true, translations: true } }, programme: programmeSelect,
        },
        orderBy: [{ dueDate: upcoming ? "asc" : "desc" }, { id: "asc" }],
        take,
      }),
    ),
    // Agreements in force with an expiry; the day shown is the effective one (a renewing amendment moves it).
    prisma.agreement.findMany({
      where: {
        AND: [
          ...live(programmeChildWhere(scope, "agreement"), programmeId),
          { parentId: null, status: { in: IN_FORCE }, expiresOn: { not: null, lte: windowEnd } },
        ],
        OR: [{ expiresOn: { gte: windowStart } }, { amendments: { some: { archivedAt: null, status: { in: IN_FORCE }, expiresOn: { gte: windowStart } } } }],
      },
      select: { id: true, title: true, lang: true, translations: true, type: true, updatedAt: true, programme: programmeSelect, ...EFFECTIVE_STATUS_SELECT },
      orderBy: [{ expiresOn: "desc" }, { id: "asc" }],
      take: caps.agreement,
    }),
  ]);

  const events: FeedEvent[] = [];
  for (const a of activities) {
    if (!a.startsOn || !a.endsOn) continue;
    const month = a.datePrecision === "MONTH";
    const place = [a.city, a.countryCode ? t.label("country", a.countryCode) : null].filter(Boolean).join(", ");
    events.push({
      ...base("activity", a.id, a.programme.code),
      start: month ? monthStart(a.startsOn) : utcDay(a.startsOn),
      end: month ? nextMonthStart(a.endsOn) : addDays(utcDay(a.endsOn), 1),
      summary: `${t.label("activityKind", a.kind)}: ${title(a)}`,
      description: lines(programmeLine(a.programme), t("calendarFeed.ics.status", { status: t.label("activityStatus", a.status) }), place, month ? t("calendarFeed.ics.monthOnly") : null),
      stamp: a.updatedAt,
      cancelled: a.status === "CANCELLED",
    });
  }
  for (const d of deliverables) {
    if (!d.dueDate) continue;
    events.push({
      ...base("deliverable", d.id, d.programme.code),
      ...oneDay(d.dueDate),
      summary: t("calendarFeed.ics.deliverableDue", { title: title(d) }),
      description: lines(programmeLine(d.programme), t("calendarFeed.ics.status", { status: t.label("deliverableStatus", d.status) })),
      stamp: d.updatedAt,
    });
  }
  for (const r of reports) {
    events.push({
      ...base("report", r.id, r.programme.code),
      ...oneDay(r.dueDate),
      summary: t("calendarFeed.ics.reportDue", { title: title(r.requirement), code: r.programme.code }),
      description: lines(
        programmeLine(r.programme),
        t("calendarFeed.ics.period", { start: isoDay(r.periodStart), end: isoDay(r.periodEnd) }),
        r.countryCode ? t.label("country", r.countryCode) : null,
        t("calendarFeed.ics.reportStatus", { status: t(`calendarFeed.reportStatus.${r.status}` as const) }),
      ),
      stamp: r.updatedAt,
    });
  }
  for (const a of agreements) {
    const expiry = effectiveExpiry(a);
    if (!expiry || expiry < windowStart || expiry > windowEnd) continue;
    events.push({
      ...base("agreement", a.id, a.programme.code),
      ...oneDay(expiry),
      summary: t("calendarFeed.ics.agreementExpires", { title: title(a) }),
      description: lines(programmeLine(a.programme), t.label("agreementType", a.type)),
      stamp: a.updatedAt,
    });
  }
  return events.sort((a, b) => a.start.getTime() - b.start.getTime() || a.uid.localeCompare(b.uid));
}

function oneDay(date: Date): { start: Date; end: Date } {
  const start = utcDay(date);
  return { start, end: addDays(start, 1) };
}

function lines(...parts: (string | null | undefined)[]): string {
  return parts.filter((p): p is string => !!p).join("\n");
}

/** The feed's name in calendar programs (X-WR-CALNAME). */
export function feedName(feed: Pick<ResolvedFeed, "user" | "programme">, t: Translator): string {
  return feed.programme ? t("calendarFeed.ics.nameProgramme", { code: feed.programme.code }) : t("calendarFeed.ics.namePersonal", { name: feed.user.name });
}

/** The iCalendar text of a feed. */
export function renderFeed(feed: Pick<ResolvedFeed, "user" | "programme">, events: FeedEvent[]): string {
  const locale = feedLocale(feed.user.locale);
  const t = serverTranslator(locale);
  const calendar = ical({
    name: feedName(feed, t),
    description: t("calendarFeed.ics.description"),
    prodId: { company: "Concord", product: "calendar-feed", language: locale.toUpperCase() },
    ttl: REFRESH_SECONDS,
  });
  for (const e of events) {
    calendar.createEvent({
      id: e.uid,
      start: e.start,
      end: e.end,
      allDay: true,
      stamp: e.stamp,
      lastModified: e.stamp,
      summary: e.summary,
      description: e.description,
      url: e.url,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

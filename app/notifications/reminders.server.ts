import { Prisma, type NotificationKind } from "@prisma/client";
import { programmeChildScopeSql, programmeScopeSql, type Scope } from "~/auth/scope.server";
import { prisma } from "~/utils/db.server";
import { deliverNotifications, type WrittenNotification } from "./deliver.server";

// The reminder sweep (hourly; docs/decisions/0038-notifications.md): finds
// what became due soon, overdue or expiring and writes the inbox entries of
// everyone concerned. Nothing is emitted for these: time passing is not a
// write. Set-based: one INSERT … SELECT … ON CONFLICT DO NOTHING per kind for
// all staff, and one per kind for each distinct set of partner countries, with
// the partner's scope as SQL (programmeChildScopeSql, the same rule as every
// partner page). The keys (unique per user) make a second sweep of the same
// day, or a sweep run twice, write nothing. "Today" is a UTC day, a parameter.

export const DUE_SOON_DAYS = { report: [14, 3] as const, deliverable: 7, followUp: 7, agreement: 90 };

type Definition = {
  kind: NotificationKind;
  entityType: string;
  /** The record (aliased r) and its programme (p), joined as needed. */
  tables: Prisma.Sql;
  /** Which records: live ones in the kind's window. */
  where: Prisma.Sql;
  entityId: Prisma.Sql;
  key: Prisma.Sql;
  params: Prisma.Sql;
  staffPath: Prisma.Sql;
  partnerPath: Prisma.Sql;
  /** The partner side: which records a partner of these countries hears of (null: none). */
  partnerWhere: ((scope: Scope & { kind: "partner" }) => Prisma.Sql) | null;
};

const iso = (column: Prisma.Sql) => Prisma.sql`to_char(${column}, 'YYYY-MM-DD')`;
const titles = (translations: Prisma.Sql, field = "title") =>
  Prisma.sql`jsonb_strip_nulls(jsonb_build_object('en', ${translations}->'en'->>${field}, 'ru', ${translations}->'ru'->>${field}, 'ko', ${translations}->'ko'->>${field}))`;

function definitions(today: string): Definition[] {
  const d = Prisma.sql`${today}::date`;
  const [far, near] = DUE_SOON_DAYS.report;

  const report = (kind: NotificationKind, when: Prisma.Sql, key: Prisma.Sql): Definition => ({
    kind,
    entityType: "ProgressReport",
    tables: Prisma.sql`"ProgressReport" r JOIN "ReportingRequirement" q ON q.id = r."requirementId" JOIN "Programme" p ON p.id = r."programmeId"`,
    where: Prisma.sql`r.status NOT IN ('SUBMITTED', 'APPROVED') AND q."archivedAt" IS NULL AND p."archivedAt" IS NULL AND ${when}`,
    entityId: Prisma.sql`r.id`,
    key,
    params: Prisma.sql`jsonb_build_object('title', q.title, 'titles', ${titles(Prisma.sql`q.translations`)}, 'programme', p.code,
      'date', ${iso(Prisma.sql`r."dueDate"`)}, 'periodStart', ${iso(Prisma.sql`r."periodStart"`)}, 'periodEnd', ${iso(Prisma.sql`r."periodEnd"`)})`,
    // progressReportPath: the workspace for staff, the portal for partners.
    staffPath: Prisma.sql`'/progress-reports/' || r.id`,
    partnerPath: Prisma.sql`'/portal/reports/' || r.id`,
    // progressReportWhere for a partner, and only where partners report.
    partnerWhere: (scope) =>
      Prisma.sql`q.reporter <> 'STAFF' AND r."countryCode" IN (${Prisma.join(scope.countries)}) AND ${programmeScopeSql(scope, "p")}`,
  });

  /** A programme's own record with a title (translated) and one date: deliverables and agreements. */
  const dated = (o: {
    kind: NotificationKind;
    entityType: "Deliverable" | "Agreement";
    table: string;
    /** The statuses still open (live): constants, written as literals so the status indexes serve. */
    open: string[];
    date: "dueDate" | "expiresOn";
    when: (column: Prisma.Sql) => Prisma.Sql;
    slug: string;
    staffPath: Prisma.Sql;
    partnerPath: Prisma.Sql;
    scopeKind: "deliverable" | "agreement";
  }): Definition => {
    const date = Prisma.raw(`r."${o.date}"`);
    return {
      kind: o.kind,
      entityType: o.entityType,
      tables: Prisma.sql`${Prisma.raw(`"${o.table}"`)} r JOIN "Programme" p ON p.id = r."programmeId"`,
      where: Prisma.sql`r."archivedAt" IS NULL AND p."archivedAt" IS NULL AND r.status IN (${Prisma.raw(o.open.map((v) => `'${v}'`).join(", "))}) AND ${o.when(date)}`,
      entityId: Prisma.sql`r.id`,
      key: Prisma.sql`${o.slug} || r.id || ':' || ${iso(date)}`,
      params: Prisma.sql`jsonb_build_object('title', r.title, 'titles', ${titles(Prisma.sql`r.translations`)}, 'programme', p.code, 'date', ${iso(date)})`,
      staffPath: o.staffPath,
      partnerPath: o.partnerPath,
      partnerWhere: (scope) => programmeChildScopeSql(scope, o.scopeKind, "r"),
    };
  };
  const deliverable = (kind: NotificationKind, when: (column: Prisma.Sql) => Prisma.Sql, slug: string) =>
    dated({
      kind,
      entityType: "Deliverable",
      table: "Deliverable",
      open: ["NOT_STARTED", "IN_PROGRESS"],
      date: "dueDate",
      when,
      slug,
      staffPath: Prisma.sql`'/deliverables/' || r.id`,
      partnerPath: Prisma.sql`'/portal/deliverables/' || r.id`,
      scopeKind: "deliverable",
    });
  const agreement = (kind: NotificationKind, when: (column: Prisma.Sql) => Prisma.Sql, slug: string) =>
    dated({
      kind,
      entityType: "Agreement",
      table: "Agreement",
      // Live agreements only: signed or active ones (a draft has not started, a terminated or expired one is settled).
      open: ["SIGNED", "ACTIVE"],
      date: "expiresOn",
      when,
      slug,
      staffPath: Prisma.sql`'/agreements/' || r.id`,
      // The portal has no agreement page: the programme's page lists them.
      partnerPath: Prisma.sql`'/portal/programmes/' || p.code`,
      scopeKind: "agreement",
    });

  const followUp = (kind: NotificationKind, when: Prisma.Sql, slug: string): Definition => ({
    kind,
    entityType: "FollowUpAction",
    tables: Prisma.sql`"FollowUpAction" f JOIN "Outcome" r ON r.id = f."outcomeId" JOIN "Activity" a ON a.id = r."activityId" JOIN "Programme" p ON p.id = a."programmeId"`,
    where: Prisma.sql`r."archivedAt" IS NULL AND a."archivedAt" IS NULL AND p."archivedAt" IS NULL AND f.status IN ('NOT_STARTED', 'IN_PROGRESS') AND ${when}`,
    entityId: Prisma.sql`f.id`,
    key: Prisma.sql`${slug} || f.id || ':' || ${iso(Prisma.sql`f."dueDate"`)}`,
    params: Prisma.sql`jsonb_build_object('title', left(f.description, 160), 'programme', p.code, 'date', ${iso(Prisma.sql`f."dueDate"`)})`,
    staffPath: Prisma.sql`'/outcomes/' || r.id`,
    partnerPath: Prisma.sql`'/portal/outcomes/' || r.id`,
    partnerWhere: (scope) => programmeChildScopeSql(scope, "outcome", "r"),
  });

  return [
    report("REPORT_DUE_SOON", Prisma.sql`r."dueDate" - ${d} BETWEEN ${near + 1} AND ${far}`, Prisma.sql`'report-due-${Prisma.raw(String(far))}:' || r.id`),
    report("REPORT_DUE_SOON", Prisma.sql`r."dueDate" - ${d} BETWEEN 0 AND ${near}`, Prisma.sql`'report-due-${Prisma.raw(String(near))}:' || r.id`),
    report("REPORT_OVERDUE", Prisma.sql`r."dueDate" < ${d}`, Prisma.sql`'report-overdue:' || r.id || ':' || ${iso(Prisma.sql`r."dueDate"`)}`),
    deliverable("DELIVERABLE_DUE_SOON", (c) => Prisma.sql`${c} - ${d} BETWEEN 0 AND ${DUE_SOON_DAYS.deliverable}`, "deliverable-due:"),
    deliverable("DELIVERABLE_OVERDUE", (c) => Prisma.sql`${c} < ${d}`, "deliverable-overdue:"),
    followUp("FOLLOW_UP_DUE_SOON", Prisma.sql`f."dueDate" - ${d} BETWEEN 0 AND ${DUE_SOON_DAYS.followUp}`, "follow-up-due:"),
    followUp("FOLLOW_UP_OVERDUE", Prisma.sql`f."dueDate" < ${d}`, "follow-up-overdue:"),
    agreement("AGREEMENT_EXPIRING", (c) => Prisma.sql`${c} - ${d} BETWEEN 0 AND ${DUE_SOON_DAYS.agreement}`, "agreement-expiring:"),
    agreement("AGREEMENT_EXPIRED", (c) => Prisma.sql`${c} < ${d}`, "agreement-expired:"),
  ];
}

type Returned = { id: string; userId: string; kind: NotificationKind; params: Prisma.JsonValue; path: string };

function insertSql(def: Definition, users: Prisma.Sql, path: Prisma.Sql, extra: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "Notification" ("id", "userId", "kind", "key", "programmeId", "entityType", "entityId", "params", "path")
    SELECT gen_random_uuid()::text, u.id, ${def.kind}::"NotificationKind", ${def.key}, p.id, ${def.entityType}, ${def.entityId}, ${def.params}, ${path}
    FROM ${def.tables} CROSS JOIN "User" u
    WHERE ${def.where} AND u.id IN (${users}) AND ${extra}
    ON CONFLICT ("userId", "key") DO NOTHING
    RETURNING "id", "userId", "kind", "params", "path"`;
}

/** The sweep: writes every reminder due on `today` (YYYY-MM-DD, UTC) and mails those who want them at once. Returns how many were written. */
export async function runReminderSweep(today: string = new Date().toISOString().slice(0, 10)): Promise<number> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`Not a day: ${today}`);
  // Partners grouped by their set of countries: one statement per set, not per user.
  const partners = await prisma.user.findMany({
    where: { role: "PARTNER", deactivatedAt: null, countries: { some: {} } },
    select: { id: true, countries: { select: { countryCode: true } } },
  });
  const groups = new Map<string, { countries: string[]; ids: string[] }>();
  for (const p of partners) {
    const countries = p.countries.map((c) => c.countryCode).sort();
    const key = countries.join(",");
    const g = groups.get(key) ?? { countries, ids: [] };
    g.ids.push(p.id);
    groups.set(key, g);
  }
  const staff = Prisma.sql`SELECT s.id FROM "User" s WHERE s.role IN ('ADMIN', 'STAFF') AND s."deactivatedAt" IS NULL`;
  let written = 0;
  for (const def of definitions(today)) {
    written += await prisma.$transaction(
      async (tx) => {
        const rows: Returned[] = [];
        rows.push(...(await tx.$queryRaw<Returned[]>(insertSql(def, staff, def.staffPath, Prisma.sql`TRUE`))));
        if (def.partnerWhere) {
          for (const g of groups.values()) {
            const scope = { kind: "partner" as const, countries: g.countries };
            rows.push(...(await tx.$queryRaw<Returned[]>(insertSql(def, Prisma.join(g.ids), def.partnerPath, def.partnerWhere(scope)))));
          }
        }
        await deliverNotifications(tx, rows as WrittenNotification[]);
        return rows.length;
      },
      { timeout: 120_000 },
    );
  }
  return written;
}

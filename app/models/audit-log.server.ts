import { Prisma } from "@prisma/client";
import type { Translator } from "~/i18n/translate";
import { prisma } from "~/utils/db.server";
import { escapeLike, filterDate, type ListQuery, type ListSpec } from "~/utils/list-query";
import { recordAudit } from "./audit.server";
import { entityRefs, referencedRecords } from "./record-refs.server";
import { assertAdmin, auditSource, type Ctx } from "./ctx.server";

// Reading the audit trail (admins only). The trail is append-only: nothing
// here or anywhere in the app updates or deletes an event, and the database
// refuses it anyway (a trigger on "AuditEvent").

export const AUDIT_LIST = {
  sorts: ["at"],
  defaultSort: "at",
  defaultDir: "desc",
  filters: ["action", "actor", "entity", "from", "to"],
  perPage: 50,
} as const satisfies ListSpec<string>;
export type AuditFilter = (typeof AUDIT_LIST.filters)[number];

export type AuditRow = {
  id: string;
  at: Date;
  actorEmail: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  changes: unknown;
  metadata: unknown;
  ip: string | null;
  /** The record's page, when the record still exists and has one. */
  href: string | null;
  /** The record's title in the reader's language, when it still exists. */
  title: string | null;
};

const like = (s: string) => `%${escapeLike(s)}%`;

function conditions(query: ListQuery<AuditFilter>): Prisma.Sql {
  const f = query.filters;
  const conds: Prisma.Sql[] = [];
  if (f.action) conds.push(Prisma.sql`"action" = ${f.action}`);
  if (f.actor) conds.push(Prisma.sql`"actorEmail" ILIKE ${like(f.actor)}`);
  if (f.entity) conds.push(Prisma.sql`"entityType" = ${f.entity}`);
  const from = filterDate(f.from);
  const to = filterDate(f.to);
  // Stored times are UTC without a zone; the dates are whole UTC days, "to" included.
  if (from) conds.push(Prisma.sql`"at" >= ${from.toISOString().slice(0, 10)}::timestamp`);
  if (to) conds.push(Prisma.sql`"at" < (${to.toISOString().slice(0, 10)}::date + 1)::timestamp`);
  if (query.q) {
    const p = like(query.q);
    conds.push(Prisma.sql`("actorEmail" ILIKE ${p} OR "action" ILIKE ${p} OR "entityType" ILIKE ${p} OR "entityId" = ${query.q}
      OR "ip" ILIKE ${p} OR "changes"::text ILIKE ${p} OR "metadata"::text ILIKE ${p})`);
  }
  return conds.length ? Prisma.sql`WHERE ${Prisma.join(conds, " AND ")}` : Prisma.empty;
}

/** The filtered trail, newest first (all of it for the CSV). */
export async function listAuditEvents(
  query: ListQuery<AuditFilter>,
  t: Translator,
  all = false,
): Promise<{ rows: AuditRow[]; total: number }> {
  const where = conditions(query);
  const order = query.dir === "asc" ? Prisma.sql`ORDER BY "at" ASC, "id" ASC` : Prisma.sql`ORDER BY "at" DESC, "id" DESC`;
  const page = all ? Prisma.empty : Prisma.sql`LIMIT ${query.perPage} OFFSET ${(query.page - 1) * query.perPage}`;
  const [ids, count] = await Promise.all([
    prisma.$queryRaw<{ id: string }[]>`SELECT "id" FROM "AuditEvent" ${where} ${order} ${page}`,
    prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM "AuditEvent" ${where}`,
  ]);
  const events = ids.length ? await prisma.auditEvent.findMany({ where: { id: { in: ids.map((r) => r.id) } } }) : [];
  const byId = new Map(events.map((e) => [e.id, e]));
  const ref = (e: { entityType: string | null; entityId: string | null }) =>
    e.entityType && e.entityId ? refs.get(`${e.entityType}:${e.entityId}`) : undefined;
  const ordered = ids.map((r) => byId.get(r.id)).filter((e): e is NonNullable<typeof e> => Boolean(e));
  // The records the events are about, and the records their changes name
  // (a programme moved, an owner changed): titles for all in one query per type.
  const named = ordered.map((e) => referencedRecords(e.changes));
  const refs = await entityRefs([...ordered, ...named.flat()], t);
  return {
    rows: ordered.map((e, i) => ({
      id: e.id,
      at: e.at,
      actorEmail: e.actorEmail,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      changes: e.changes,
      metadata: e.metadata,
      ip: e.ip,
      href: ref(e)?.href ?? null,
      title: ref(e)?.title ?? null,
      references: Object.fromEntries(
        named[i].flatMap((r) => {
          const found = ref(r);
          return found ? [[r.entityId, found.title]] : [];
        }),
      ),
    })),
    total: Number(count[0]?.n ?? 0),
  };
}


/** Actions and entity types present in the trail, for the filters. */
export async function auditFilterOptions() {
  const [actions, types] = await Promise.all([
    prisma.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    prisma.auditEvent.findMany({ distinct: ["entityType"], where: { entityType: { not: null } }, select: { entityType: true }, orderBy: { entityType: "asc" } }),
  ]);
  return { actions: actions.map((a) => a.action), entityTypes: types.map((t) => t.entityType!).filter(Boolean) };
}

/** Exporting the trail is itself recorded, with the filters used. */
export async function recordAuditExport(ctx: Ctx, query: ListQuery<AuditFilter>, rows: number): Promise<void> {
  assertAdmin(ctx);
  const filters = Object.fromEntries(Object.entries({ q: query.q, ...query.filters }).filter(([, v]) => v));
  await recordAudit({ ...auditSource(ctx), action: "export", entityType: "AuditTrail", metadata: { format: "csv", rows, filters } });
}

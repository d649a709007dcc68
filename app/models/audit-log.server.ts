import { Prisma } from "@prisma/client";
import { narrative } from "~/i18n/narrative";
import type { Translator } from "~/i18n/translate";
import { prisma } from "~/utils/db.server";
import { escapeLike, filterDate, type ListQuery, type ListSpec } from "~/utils/list-query";
import { recordAudit } from "./audit.server";
import type { Actor } from "./history.server";

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

/** Fields of a recorded change whose values are ids of other records, with their type. */
const REFERENCE_FIELDS: Record<string, string> = {
  programmeId: "Programme",
  activityId: "Activity",
  agreementId: "Agreement",
  agreementIds: "Agreement",
  parentId: "Agreement",
  deliverableId: "Deliverable",
  evidenceDocumentId: "Document",
  outcomeId: "Outcome",
  indicatorId: "Indicator",
  organisationId: "Organisation",
  responsibleOrgId: "Organisation",
  ownerOrgId: "Organisation",
  providerOrgId: "Organisation",
  receiverOrgId: "Organisation",
};

/** The records a change names through its reference fields ("programmeId: a → b"). */
function referencedRecords(changes: unknown): { entityType: string; entityId: string }[] {
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return [];
  const found: { entityType: string; entityId: string }[] = [];
  const collect = (type: string, value: unknown): void => {
    if (typeof value === "string" && value) found.push({ entityType: type, entityId: value });
    else if (Array.isArray(value)) value.forEach((v) => collect(type, v));
    else if (value && typeof value === "object" && ("before" in value || "after" in value)) {
      collect(type, (value as { before?: unknown }).before);
      collect(type, (value as { after?: unknown }).after);
    }
  };
  for (const [field, value] of Object.entries(changes as Record<string, unknown>)) {
    const type = REFERENCE_FIELDS[field];
    if (type) collect(type, value);
  }
  return found;
}

/** `field`: the narrative the title is (an outcome's is its text). */
type Titled = { id: string; title: string; field?: string; lang?: string | null; translations?: unknown };
const narrow = { lang: true, translations: true } as const;

/** Each record type's page and how to read the titles of a page of its records: one query per type. */
const RECORD_PAGES: Record<string, { path: string; titles: (ids: string[]) => Promise<Titled[]> }> = {
  Agreement: { path: "/agreements", titles: (ids) => prisma.agreement.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, ...narrow } }) },
  Activity: { path: "/activities", titles: (ids) => prisma.activity.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, ...narrow } }) },
  Deliverable: { path: "/deliverables", titles: (ids) => prisma.deliverable.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, ...narrow } }) },
  Outcome: {
    path: "/outcomes",
    titles: async (ids) =>
      (await prisma.outcome.findMany({ where: { id: { in: ids } }, select: { id: true, text: true, ...narrow } })).map((o) => ({ ...o, title: o.text, field: "text" })),
  },
  Indicator: { path: "/indicators", titles: (ids) => prisma.indicator.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, ...narrow } }) },
  Organisation: {
    path: "/organisations",
    titles: async (ids) =>
      (await prisma.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, shortName: true } })).map((o) => ({ id: o.id, title: o.shortName })),
  },
  Document: { path: "/documents", titles: (ids) => prisma.document.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, ...narrow } }) },
  User: {
    path: "/admin/users",
    titles: async (ids) =>
      (await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } })).map((u) => ({ id: u.id, title: `${u.name} (${u.email})` })),
  },
};

const clipTitle = (s: string, max = 120) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * "Type:id" -> the page and title of each record that still exists, the
 * title in the reader's language where the record has it. One query per
 * record type on the page of events, however many events there are.
 */
async function entityRefs(
  events: { entityType: string | null; entityId: string | null }[],
  t: Translator,
): Promise<Map<string, { href: string; title: string }>> {
  const byType = new Map<string, Set<string>>();
  for (const e of events) {
    if (!e.entityType || !e.entityId) continue;
    if (!byType.has(e.entityType)) byType.set(e.entityType, new Set());
    byType.get(e.entityType)!.add(e.entityId);
  }
  const refs = new Map<string, { href: string; title: string }>();
  const titleOf = (r: Titled) => clipTitle(narrative(r, r.field ?? "title", r.title, t.locale));
  await Promise.all(
    [...byType].map(async ([type, set]) => {
      const ids = [...set];
      if (type === "Programme") {
        const found = await prisma.programme.findMany({ where: { id: { in: ids } }, select: { id: true, code: true, title: true, ...narrow } });
        for (const p of found) {
          refs.set(`Programme:${p.id}`, { href: `/programmes/${encodeURIComponent(p.code)}`, title: `${p.code} — ${titleOf(p)}` });
        }
      } else if (type === "FundingLine") {
        const found = await prisma.fundingLine.findMany({ where: { id: { in: ids } }, select: { id: true, kind: true, amount: true, currency: true } });
        for (const f of found) {
          refs.set(`FundingLine:${f.id}`, { href: `/funding/${f.id}`, title: `${t.label("fundingKind", f.kind)} ${f.amount.toFixed(2)} ${f.currency}` });
        }
      } else if (type === "Invitation") {
        // A pending invitation has its own page; an accepted one leads to the account it created.
        for (const inv of await prisma.authToken.findMany({ where: { id: { in: ids }, purpose: "INVITATION" }, select: { id: true, usedAt: true, userId: true, email: true } })) {
          const href = !inv.usedAt ? `/admin/users/${inv.id}` : inv.userId ? `/admin/users/${inv.userId}` : null;
          if (href) refs.set(`Invitation:${inv.id}`, { href, title: inv.email });
        }
      } else if (RECORD_PAGES[type]) {
        for (const r of await RECORD_PAGES[type].titles(ids)) {
          refs.set(`${type}:${r.id}`, { href: `${RECORD_PAGES[type].path}/${r.id}`, title: titleOf(r) });
        }
      }
    }),
  );
  return refs;
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
export async function recordAuditExport(actor: Actor, query: ListQuery<AuditFilter>, rows: number, ip: string | null): Promise<void> {
  const filters = Object.fromEntries(Object.entries({ q: query.q, ...query.filters }).filter(([, v]) => v));
  await recordAudit({ actor, action: "export", entityType: "AuditTrail", metadata: { format: "csv", rows, filters }, ip });
}

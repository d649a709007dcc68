import { narrative } from "~/i18n/narrative";
import type { Translator } from "~/i18n/translate";
import { prisma } from "~/utils/db.server";

// Records named by id in the audit trail and in each record's history (the
// record an event is about, and the records its changes point at): their
// titles in the reader's language and their pages, read with one query per
// record type for a whole page of events.

/** Fields of a recorded change whose values are ids of other records, with their type. */
export const REFERENCE_FIELDS: Record<string, string> = {
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
export function referencedRecords(changes: unknown): { entityType: string; entityId: string }[] {
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
export async function entityRefs(
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

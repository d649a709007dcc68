import type { PrismaClient, Role } from "@prisma/client";
import { randomBytes } from "node:crypto";

// The data of the query-count test (tests/db/query-count.test.ts): a small
// portfolio, then one that is at least 10 times larger in everything a page
// could loop over, with the same records measured in both.
//
// Small: the synthetic programme SYN-0001 thinned to about a tenth of its
//   children (activities, deliverables, outcomes, participant groups,
//   activity-organisation links, funding lines, indicator periods), plus one
//   document on each measured record.
// Large: SYN-0001 restored to its full size (the removed rows put back as
//   they were), SYN-0002..SYN-0010 added, and nine more documents on each
//   measured record.
//
// So portfolio pages (lists, dashboards, exports) see 10x the programmes and
// 100x the activities, and the record pages (SYN-0001, its activity A and
// agreement G) show the same record with many more children: a query per
// row, per programme or per child shows up as a higher count on large.

export const PROGRAMME = "SYN-0001";
export const LARGE_PROGRAMMES = 10;

export type MeasuredRecords = { programmeId: string; activityId: string; agreementId: string; deliverableId: string };

/** Rows moved aside to make the small portfolio, in the order they were removed. */
type Stash = { table: string; stash: string }[];

const ID = /^[A-Za-z0-9_-]+$/;
function list(values: readonly string[]): string {
  for (const v of values) if (!ID.test(v)) throw new Error(`unexpected key ${JSON.stringify(v)}`);
  return values.length ? values.map((v) => `'${v}'`).join(", ") : "NULL";
}

async function moveAside(db: PrismaClient, stash: Stash, table: string, where: string) {
  const name = `qc_stash_${stash.length}_${table}`;
  await db.$executeRawUnsafe(`CREATE TABLE "${name}" AS SELECT * FROM "${table}" WHERE ${where}`);
  await db.$executeRawUnsafe(`DELETE FROM "${table}" WHERE ${where}`);
  stash.push({ table, stash: name });
}

export async function seedSmall(db: PrismaClient, seedSynthetic: (n: number) => Promise<unknown>) {
  await seedSynthetic(1);
  const programme = await db.programme.findUniqueOrThrow({ where: { code: PROGRAMME }, select: { id: true } });
  const activities = await db.activity.findMany({
    where: { programmeId: programme.id },
    orderBy: { id: "asc" },
    select: {
      id: true,
      kind: true,
      agreements: { select: { agreementId: true } },
      organisations: { orderBy: [{ organisationId: "asc" }, { role: "asc" }], select: { organisationId: true, role: true } },
      participantGroups: { orderBy: { id: "asc" }, select: { id: true } },
      deliverables: { orderBy: { id: "asc" }, select: { id: true } },
      outcomes: { orderBy: { id: "asc" }, select: { id: true, deliverableId: true } },
    },
  });

  // The same order on every database (collations differ): plain code-unit order.
  const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  activities.sort(byId);
  // The measured agreement: the one with the most activities; the measured
  // activity: its activity with the most children of every kind, so their
  // pages show one of each on small and many on large.
  const linksOf = (agreementId: string) => activities.filter((a) => a.agreements.some((l) => l.agreementId === agreementId)).length;
  const agreementIds = [...new Set(activities.flatMap((a) => a.agreements.map((l) => l.agreementId)))].sort();
  const agreementId = agreementIds.sort((x, y) => linksOf(y) - linksOf(x))[0];
  if (!agreementId) throw new Error(`${PROGRAMME} has no activity linked to an agreement`);
  const richness = (a: (typeof activities)[number]) =>
    Math.min(a.participantGroups.length, 5) + Math.min(a.deliverables.length, 5) + Math.min(a.outcomes.length, 5) + Math.min(a.organisations.length, 5);
  const measured = activities
    .filter((a) => a.agreements.some((l) => l.agreementId === agreementId))
    .sort((x, y) => richness(y) - richness(x) || byId(x, y))[0]!;

  // Kept: the measured activity and every tenth other one, except the
  // measured agreement's other activities (so that agreement shows one).
  const kept = new Set([measured.id]);
  activities.forEach((a, i) => {
    if (i % 10 === 0 && !a.agreements.some((l) => l.agreementId === agreementId)) kept.add(a.id);
  });
  const keptActivities = activities.filter((a) => kept.has(a.id));
  const droppedActivities = activities.filter((a) => !kept.has(a.id)).map((a) => a.id);

  // Deliverables: the first of each kept activity and every tenth of those on no activity.
  const deliverables = await db.deliverable.findMany({
    where: { programmeId: programme.id },
    select: { id: true, activityId: true },
  });
  deliverables.sort(byId);
  const keptDeliverables = new Set(keptActivities.flatMap((a) => a.deliverables.slice(0, 1).map((d) => d.id)));
  deliverables.filter((d) => !d.activityId).forEach((d, i) => i % 10 === 0 && keptDeliverables.add(d.id));
  const droppedDeliverables = deliverables.filter((d) => !keptDeliverables.has(d.id)).map((d) => d.id);
  // Outcomes: the first of each kept activity whose deliverable (if any) stays.
  const keptOutcomes = keptActivities.flatMap((a) =>
    a.outcomes.filter((o) => !o.deliverableId || keptDeliverables.has(o.deliverableId)).slice(0, 1).map((o) => o.id),
  );
  const allActivities = list(activities.map((a) => a.id));
  const keptGroups = keptActivities.flatMap((a) => a.participantGroups.slice(0, 1).map((g) => g.id));
  const keptOrgLinks = keptActivities.flatMap((a) =>
    a.organisations.slice(0, 1).map((o) => `('${a.id}', '${o.organisationId}', '${o.role}')`),
  );
  for (const o of keptActivities.flatMap((a) => a.organisations)) if (!ID.test(o.organisationId)) throw new Error("bad id");

  const stash: Stash = [];
  await moveAside(db, stash, "Outcome", `"activityId" IN (${allActivities}) AND id NOT IN (${list(keptOutcomes)})`);
  await moveAside(db, stash, "Deliverable", `id IN (${list(droppedDeliverables)})`);
  await moveAside(db, stash, "ActivityParticipantGroup", `"activityId" IN (${allActivities}) AND id NOT IN (${list(keptGroups)})`);
  await moveAside(
    db,
    stash,
    "ActivityOrganisation",
    `"activityId" IN (${allActivities}) AND ("activityId", "organisationId", "role"::text) NOT IN (${keptOrgLinks.join(", ") || "(NULL, NULL, NULL)"})`,
  );
  await moveAside(db, stash, "ActivityAgreement", `"activityId" IN (${list(droppedActivities)})`);
  await moveAside(db, stash, "Activity", `id IN (${list(droppedActivities)})`);
  const funding = (await db.fundingLine.findMany({ where: { programmeId: programme.id }, select: { id: true } })).sort(byId).map((f) => f.id);
  await moveAside(db, stash, "FundingLine", `id IN (${list(funding.filter((_, i) => i % 10 !== 0))})`);
  const periods = await db.indicatorPeriod.findMany({
    where: { indicator: { programmeId: programme.id } },
    orderBy: [{ indicatorId: "asc" }, { periodStart: "asc" }, { id: "asc" }],
    select: { id: true, indicatorId: true },
  });
  const firstPeriods = new Set(periods.filter((p, i) => i === 0 || periods[i - 1]!.indicatorId !== p.indicatorId).map((p) => p.id));
  await moveAside(db, stash, "IndicatorPeriod", `id IN (${list(periods.filter((p) => !firstPeriods.has(p.id)).map((p) => p.id))})`);

  const records: MeasuredRecords = {
    programmeId: programme.id,
    activityId: measured.id,
    agreementId,
    deliverableId: measured.deliverables[0]?.id ?? deliverables[0]!.id,
  };
  await addDocuments(db, records, 1);
  return { records, stash };
}

/** Puts back what seedSmall moved aside, adds the other programmes and more documents. */
export async function growToLarge(
  db: PrismaClient,
  small: { records: MeasuredRecords; stash: Stash },
  seedSynthetic: (n: number) => Promise<unknown>,
) {
  for (const { table, stash } of [...small.stash].reverse()) {
    // Generated columns (Activity.startsOn) are the database's to fill again.
    const columns = await db.$queryRawUnsafe<{ name: string }[]>(
      `SELECT column_name::text AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      table,
    );
    const list = columns.map((c) => `"${c.name}"`).join(", ");
    await db.$executeRawUnsafe(`INSERT INTO "${table}" (${list}) SELECT ${list} FROM "${stash}"`);
    await db.$executeRawUnsafe(`DROP TABLE "${stash}"`);
  }
  await seedSynthetic(LARGE_PROGRAMMES);
  await addDocuments(db, small.records, 9);
}

/** Documents on the measured programme, activity, agreement and deliverable (shared with partners). */
async function addDocuments(db: PrismaClient, r: MeasuredRecords, n: number) {
  const rows = Array.from({ length: n }, () => [
    { activityId: r.activityId },
    { agreementId: r.agreementId },
    { deliverableId: r.deliverableId, shareable: true },
    {},
  ]).flat();
  await db.document.createMany({
    data: rows.map((link) => {
      const hex = randomBytes(32).toString("hex");
      return {
        programmeId: r.programmeId,
        ...link,
        sha256: hex,
        originalName: `Report ${hex.slice(0, 6)}.pdf`,
        mimeType: "application/pdf",
        sizeBytes: 1024,
        categoryCode: "A07",
        title: `Report ${hex.slice(0, 6)}`,
      };
    }),
  });
}

/** What the pages could loop over, counted in the database (to check that "large" really is larger). */
export async function sizes(db: PrismaClient, r: MeasuredRecords) {
  const [programmes, agreements, activities, deliverables, outcomes, participantGroups] = await Promise.all([
    db.programme.count(),
    db.agreement.count(),
    db.activity.count(),
    db.deliverable.count(),
    db.outcome.count(),
    db.activityParticipantGroup.count(),
  ]);
  const [programmeActivities, activityGroups, activityDocuments, agreementActivities, agreementDocuments] = await Promise.all([
    db.activity.count({ where: { programmeId: r.programmeId } }),
    db.activityParticipantGroup.count({ where: { activityId: r.activityId } }),
    db.document.count({ where: { activityId: r.activityId } }),
    db.activityAgreement.count({ where: { agreementId: r.agreementId } }),
    db.document.count({ where: { agreementId: r.agreementId } }),
  ]);
  return {
    portfolio: { programmes, agreements, activities, deliverables, outcomes, participantGroups },
    records: { programmeActivities, activityGroups, activityDocuments, agreementActivities, agreementDocuments },
  };
}

export type Persona = { role: Role; cookie: string };

/**
 * A user with a live session cookie, made directly in the database (no
 * password: nobody can sign in as it). Staff have MFA set up and a session
 * that has passed it, as after a real second factor.
 */
export async function signedIn(
  db: PrismaClient,
  startSession: (userId: string, meta: { ip: string | null; userAgent: string | null }, o: { mfaVerified: boolean }) => Promise<string>,
  role: Role,
  scope: { countries?: string[]; organisationIds?: string[] } = {},
): Promise<Persona> {
  const staff = role === "ADMIN" || role === "STAFF";
  const user = await db.user.create({
    data: {
      email: `query-count-${role.toLowerCase()}-${randomBytes(4).toString("hex")}@test.concord`,
      name: `Query count ${role.toLowerCase()}`,
      role,
      passwordHash: null,
      ...(staff ? { totpSecret: randomBytes(20).toString("hex"), totpEnabledAt: new Date() } : {}),
      countries: { create: (scope.countries ?? []).map((countryCode) => ({ countryCode })) },
      organisations: { create: (scope.organisationIds ?? []).map((organisationId) => ({ organisationId })) },
    },
  });
  const setCookie = await startSession(user.id, { ip: "127.0.0.1", userAgent: "query-count" }, { mfaVerified: staff });
  return { role, cookie: setCookie.split(";")[0]! };
}

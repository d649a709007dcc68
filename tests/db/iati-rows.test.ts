import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@prisma/client";
import { programmeChildWhere, type Scope } from "~/auth/scope.server";
import { activityOrganisations, activityOutcomes, readActivityRows, readDeliverableRows, rowScope } from "~/reports/iati-rows.server";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme } from "../factories";
import { createActivityRecord, createDeliverableRecord, createOutcomeRecord } from "../factories/document";
import { createMultiCountryProgramme, type MultiCountryProgramme } from "../factories/multi-country";

// The IATI writer reads a batch's activities and deliverables with one SQL
// statement each (app/reports/iati-rows.server.ts) instead of Prisma's
// findMany. These reads must return exactly what the findMany returned, in
// the same order, for every selection (staff, partners, donors, the public
// file): the file's bytes and who sees what depend on it. The expected rows
// are read here with the findMany the writer used before, mapped to the raw
// rows' shape (days as "YYYY-MM-DD", last updates as epoch ms).

let mc: MultiCountryProgramme;
let other: { id: string; code: string };
let otherFund: { id: string };
let programmeIds: string[];

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

beforeAll(async () => {
  mc = await createMultiCountryProgramme(prisma);
  otherFund = await createOrganisation(prisma, { countryCode: "KR" });
  other = await createProgramme(prisma, { countries: ["KZ"], funders: [otherFund.id] });
  programmeIds = [mc.programme.id, other.id];
  const host = await createOrganisation(prisma, { countryCode: "KZ" });

  // What the reads have to carry across: coordinates, translations, several
  // organisation roles, participant groups without headline figures, dates
  // of every kind, and records they must leave out (archived, cancelled).
  const located = await createActivityRecord(prisma, mc.programme.id, { plannedStart: "2025-03-01", plannedEnd: "2025-03-05", actualStart: "2025-03-02" });
  await prisma.activity.update({
    where: { id: located.id },
    data: {
      latitude: new Prisma.Decimal("51.169400"),
      longitude: new Prisma.Decimal("-0.000100"),
      city: "Astana",
      countryCode: "KZ",
      translations: { ru: { title: "Семинар «A & B»", description: "<описание>" }, ko: { title: "워크숍" } },
      organisations: {
        create: [
          { organisationId: host.id, role: "HOST" },
          { organisationId: host.id, role: "ORGANISER" },
          { organisationId: mc.fund.id, role: "FUNDER" },
        ],
      },
      participantGroups: {
        create: [
          { organisationId: host.id, total: 7, female: 4, male: 3 },
          { organisationId: null, total: 5, female: 1, male: 2 },
        ],
      },
    },
  });
  await createOutcomeRecord(prisma, located.id, { text: "Agreed: a follow-up visit" });
  await createOutcomeRecord(prisma, located.id, { text: "Withdrawn", archived: true });
  const translated = await createOutcomeRecord(prisma, located.id, { text: "Second outcome" });
  await prisma.outcome.update({ where: { id: translated.id }, data: { translations: { ru: { text: "Второй итог" } } } });
  await createActivityRecord(prisma, mc.programme.id, { archived: true });
  const cancelled = await createActivityRecord(prisma, mc.programme.id);
  await prisma.activity.update({ where: { id: cancelled.id }, data: { status: "CANCELLED" } });
  await createActivityRecord(prisma, other.id, { plannedStart: "2026-01-10" });

  const submitted = await createDeliverableRecord(prisma, mc.programme.id, { dueDate: "2025-06-30", status: "ACCEPTED" });
  await prisma.deliverable.update({
    where: { id: submitted.id },
    data: { submittedAt: new Date("2025-06-29T23:30:00Z"), acceptedAt: new Date("2025-07-01T00:15:00Z"), translations: { ko: { title: "보고서" } } },
  });
  await createDeliverableRecord(prisma, mc.programme.id, { archived: true });
  await createDeliverableRecord(prisma, other.id);
});

/** Every kind of selection; null is the public file's (all live records). */
const selections = (): [string, Scope | null][] => [
  ["the public file", null],
  ["staff", { kind: "staff" }],
  ["a Belarus partner", { kind: "partner", countries: ["BY"] }],
  ["a Kazakhstan partner", { kind: "partner", countries: ["KZ"] }],
  ["a partner of both", { kind: "partner", countries: ["BY", "KZ"] }],
  ["a partner without countries", { kind: "partner", countries: [] }],
  ["the shared programme's donor", { kind: "donor", organisationIds: [mc.fund.id] }],
  ["the other programme's donor", { kind: "donor", organisationIds: [otherFund.id] }],
];

// iati.server.ts's childWhere, as the findMany used it.
const childWhere = <K extends "activity" | "outcome" | "deliverable">(scope: Scope | null, kind: K) =>
  scope ? { AND: [{ archivedAt: null }, programmeChildWhere(scope, kind)] } : { archivedAt: null };

async function expectedActivities(scope: Scope | null) {
  const rows = await prisma.activity.findMany({
    where: { AND: [{ programmeId: { in: programmeIds }, status: { not: "CANCELLED" } }, childWhere(scope, "activity")] },
    select: {
      id: true,
      programmeId: true,
      kind: true,
      title: true,
      description: true,
      countryCode: true,
      city: true,
      latitude: true,
      longitude: true,
      status: true,
      plannedStart: true,
      plannedEnd: true,
      actualStart: true,
      actualEnd: true,
      participantsTotal: true,
      participantsFemale: true,
      participantsMale: true,
      createdAt: true,
      lang: true,
      translations: true,
      updatedAt: true,
      organisations: { select: { organisationId: true, role: true }, orderBy: [{ organisationId: "asc" }, { role: "asc" }] },
      country: { select: { nameEn: true } },
      outcomes: {
        where: childWhere(scope, "outcome"),
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, type: true, text: true, lang: true, translations: true, updatedAt: true },
      },
    },
    orderBy: [{ startsOn: "asc" }, { id: "asc" }],
  });
  const groups = await prisma.activityParticipantGroup.groupBy({
    by: ["activityId"],
    where: { activityId: { in: rows.filter((a) => a.participantsTotal == null).map((a) => a.id) } },
    _sum: { total: true, female: true, male: true },
  });
  const sums = new Map(groups.map((g) => [g.activityId, g._sum]));
  return rows.map(({ country, organisations, outcomes, ...a }) => ({
    ...a,
    countryName: country?.nameEn ?? null,
    latitude: a.latitude?.toString() ?? null,
    longitude: a.longitude?.toString() ?? null,
    plannedStart: day(a.plannedStart),
    plannedEnd: day(a.plannedEnd),
    actualStart: day(a.actualStart),
    actualEnd: day(a.actualEnd),
    createdAt: day(a.createdAt),
    updatedAt: a.updatedAt.getTime(),
    organisations,
    outcomes: outcomes.map((o) => ({ ...o, updatedAt: o.updatedAt.getTime() })),
    groupsTotal: sums.get(a.id)?.total ?? null,
    groupsFemale: sums.get(a.id)?.female ?? null,
    groupsMale: sums.get(a.id)?.male ?? null,
  }));
}

async function actualActivities(scope: Scope | null) {
  const rows = await readActivityRows(programmeIds, rowScope(scope));
  return rows.map((a) => ({
    ...a,
    // Written with String() (decimal() in the writer): the same text as Prisma's Decimal.
    latitude: a.latitude == null ? null : String(a.latitude),
    longitude: a.longitude == null ? null : String(a.longitude),
    translations: JSON.parse(a.translations),
    organisations: activityOrganisations(a),
    outcomes: activityOutcomes(a),
  }));
}

async function expectedDeliverables(scope: Scope | null) {
  const rows = await prisma.deliverable.findMany({
    where: { AND: [{ programmeId: { in: programmeIds } }, childWhere(scope, "deliverable")] },
    select: {
      id: true,
      programmeId: true,
      agreementId: true,
      activityId: true,
      title: true,
      description: true,
      dueDate: true,
      status: true,
      submittedAt: true,
      acceptedAt: true,
      lang: true,
      translations: true,
      updatedAt: true,
    },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
  });
  return rows.map((d) => ({
    ...d,
    dueDate: day(d.dueDate),
    submittedAt: day(d.submittedAt),
    acceptedAt: day(d.acceptedAt),
    updatedAt: d.updatedAt.getTime(),
  }));
}

describe("the IATI file's raw reads", () => {
  it("return the activities the findMany returned, in its order, for every selection", async () => {
    const counts = new Map<string, number>();
    for (const [name, scope] of selections()) {
      const expected = await expectedActivities(scope);
      expect(await actualActivities(scope), name).toEqual(expected);
      counts.set(name, expected.length);
    }
    // Not vacuous: the selections differ on this data, and the located activity carried everything.
    expect(counts.get("staff")).toBeGreaterThan(counts.get("a Belarus partner")!);
    expect(counts.get("a Belarus partner")).toBeGreaterThan(0);
    expect(counts.get("a partner without countries")).toBe(0);
    expect(counts.get("the other programme's donor")).toBe(1);
    const located = (await actualActivities({ kind: "staff" })).find((a) => a.city === "Astana")!;
    expect(located).toMatchObject({ latitude: "51.1694", longitude: "-0.0001", countryName: expect.any(String), groupsTotal: 12, groupsFemale: 5, groupsMale: 5 });
    expect(located.organisations).toHaveLength(3);
    expect(located.outcomes.map((o) => o.text)).toEqual(["Agreed: a follow-up visit", "Second outcome"]);
  });

  it("return the deliverables the findMany returned, in its order, for every selection", async () => {
    const counts = new Map<string, number>();
    for (const [name, scope] of selections()) {
      const expected = await expectedDeliverables(scope);
      const actual = (await readDeliverableRows(programmeIds, rowScope(scope))).map((d) => ({ ...d, translations: JSON.parse(d.translations) }));
      expect(actual, name).toEqual(expected);
      counts.set(name, expected.length);
    }
    expect(counts.get("staff")).toBeGreaterThan(counts.get("a Kazakhstan partner")!);
    expect(counts.get("a Kazakhstan partner")).toBeGreaterThan(0);
    const accepted = (await readDeliverableRows(programmeIds, rowScope(null))).find((d) => d.status === "ACCEPTED")!;
    expect(accepted).toMatchObject({ dueDate: "2025-06-30", submittedAt: "2025-06-29", acceptedAt: "2025-07-01" });
  });
});

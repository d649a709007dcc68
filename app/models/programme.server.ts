import type { Prisma } from "@prisma/client";
import { programmeWhere, type Scope } from "~/auth/scope.server";
import { prisma } from "~/utils/db.server";
import { startOfToday } from "./agreement.server";

const listSelect = {
  id: true,
  code: true,
  title: true,
  status: true,
  plannedStart: true,
  plannedEnd: true,
  actualStart: true,
  actualEnd: true,
  budgetAmount: true,
  budgetCurrency: true,
  translations: true,
  countries: { select: { country: { select: { code: true, nameEn: true } } }, orderBy: { countryCode: "asc" } },
  organisations: {
    select: { role: true, organisation: { select: { id: true, shortName: true } } },
    orderBy: { role: "asc" },
  },
  _count: { select: { agreements: true, activities: true, deliverables: true } },
} satisfies Prisma.ProgrammeSelect;

export type ProgrammeListItem = Prisma.ProgrammeGetPayload<{ select: typeof listSelect }>;

/** Live programmes, latest start first; `take` limits them (a dashboard shows the latest few). */
export async function listProgrammes(scope: Scope, take?: number): Promise<ProgrammeListItem[]> {
  return prisma.programme.findMany({
    where: { ...programmeWhere(scope), archivedAt: null },
    select: listSelect,
    // Undated programmes last: "the latest few" are the latest that have a start.
    orderBy: [{ plannedStart: { sort: "desc", nulls: "last" } }, { title: "asc" }],
    ...(take ? { take } : {}),
  });
}

const detailInclude = {
  countries: { include: { country: true }, orderBy: { countryCode: "asc" } },
  organisations: { include: { organisation: true }, orderBy: { role: "asc" } },
  sectors: { orderBy: { percentage: "desc" } },
  agreements: {
    orderBy: [{ signedOn: "asc" }, { title: "asc" }],
    include: { parties: { include: { organisation: { select: { shortName: true } } } } },
  },
  activities: {
    orderBy: [{ actualStart: { sort: "asc", nulls: "last" } }, { plannedStart: { sort: "asc", nulls: "last" } }, { title: "asc" }],
    include: { country: { select: { nameEn: true } } },
  },
  deliverables: {
    orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { title: "asc" }],
    include: { responsibleOrg: { select: { shortName: true } } },
  },
  indicators: {
    orderBy: { title: "asc" },
    include: { periods: { orderBy: { periodStart: "asc" } } },
  },
  documents: {
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, originalName: true, categoryCode: true, shareable: true, archivedAt: true, createdAt: true },
  },
} satisfies Prisma.ProgrammeInclude;

export type ProgrammeDetail = Prisma.ProgrammeGetPayload<{ include: typeof detailInclude }>;

/** A programme by its code, or null when it does not exist or is outside the scope. */
export async function getProgramme(scope: Scope, code: string): Promise<ProgrammeDetail | null> {
  const programme = await prisma.programme.findFirst({
    where: { AND: [programmeWhere(scope), { code }] },
    include: detailInclude,
  });
  if (programme && scope.kind !== "staff") {
    // Partners and donors see nothing archived, and only documents marked shareable.
    programme.agreements = programme.agreements.filter((a) => !a.archivedAt);
    programme.activities = programme.activities.filter((a) => !a.archivedAt);
    programme.deliverables = programme.deliverables.filter((d) => !d.archivedAt);
    programme.indicators = programme.indicators.filter((i) => !i.archivedAt);
    programme.documents = programme.documents.filter((d) => !d.archivedAt && d.shareable);
  }
  return programme;
}

export async function requireProgramme(scope: Scope, code: string): Promise<ProgrammeDetail> {
  const programme = await getProgramme(scope, code);
  if (!programme) throw new Response("Programme not found", { status: 404 });
  return programme;
}

/** The outcomes agreed at a programme's activities, with their follow-up. */
export async function listProgrammeOutcomes(scope: Scope, programmeId: string) {
  return prisma.outcome.findMany({
    where: {
      activity: { programmeId, ...(scope.kind === "staff" ? {} : { archivedAt: null }) },
      ...(scope.kind === "staff" ? {} : { archivedAt: null }),
    },
    orderBy: [{ activity: { actualStart: { sort: "asc", nulls: "last" } } }, { createdAt: "asc" }],
    select: {
      id: true,
      type: true,
      text: true,
      followUpStatus: true,
      dueDate: true,
      archivedAt: true,
      activity: { select: { id: true, title: true } },
      deliverable: { select: { id: true, title: true, status: true } },
      responsibleOrg: { select: { shortName: true } },
    },
  });
}

/** Funding of a programme summed by kind and currency, by the database. */
export async function programmeFundingTotals(programmeId: string) {
  const rows = await prisma.fundingLine.groupBy({
    by: ["kind", "currency"],
    where: { programmeId, archivedAt: null },
    _sum: { amount: true },
    _count: { _all: true },
    orderBy: [{ kind: "asc" }, { currency: "asc" }],
  });
  return rows.map((r) => ({ kind: r.kind, currency: r.currency, amount: r._sum.amount?.toString() ?? "0", lines: r._count._all }));
}

export type PortfolioSummary = {
  programmes: number;
  agreements: number;
  activities: number;
  deliverablesOpen: number;
  deliverablesOverdue: number;
  outcomes: number;
  participants: number;
};

/** Counts for a home page, computed by the database for the user's scope. */
export async function portfolioSummary(scope: Scope, now = new Date()): Promise<PortfolioSummary> {
  // Due dates are calendar dates: "overdue" means due before today, as in the deliverables list.
  const today = startOfToday(now);
  const inScope = { ...programmeWhere(scope), archivedAt: null };
  const open: Prisma.DeliverableWhereInput = {
    archivedAt: null,
    programme: inScope,
    status: { in: ["NOT_STARTED", "IN_PROGRESS"] },
  };
  const [programmes, agreements, activities, deliverablesOpen, deliverablesOverdue, outcomes, participants] =
    await Promise.all([
      prisma.programme.count({ where: inScope }),
      prisma.agreement.count({ where: { archivedAt: null, programme: inScope } }),
      prisma.activity.count({ where: { archivedAt: null, programme: inScope } }),
      prisma.deliverable.count({ where: open }),
      prisma.deliverable.count({ where: { ...open, dueDate: { lt: today } } }),
      prisma.outcome.count({ where: { archivedAt: null, activity: { archivedAt: null, programme: inScope } } }),
      prisma.activity.aggregate({
        where: { archivedAt: null, programme: inScope },
        _sum: { participantsTotal: true },
      }),
    ]);
  return {
    programmes,
    agreements,
    activities,
    deliverablesOpen,
    deliverablesOverdue,
    outcomes,
    participants: participants._sum.participantsTotal ?? 0,
  };
}

import type { Prisma } from "@prisma/client";
import { programmeWhere, type Scope } from "~/auth/scope.server";
import { prisma } from "~/utils/db.server";

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

export async function listProgrammes(scope: Scope): Promise<ProgrammeListItem[]> {
  return prisma.programme.findMany({
    where: { ...programmeWhere(scope), archivedAt: null },
    select: listSelect,
    orderBy: [{ plannedStart: "desc" }, { title: "asc" }],
  });
}

const detailInclude = {
  countries: { include: { country: true }, orderBy: { countryCode: "asc" } },
  organisations: { include: { organisation: true }, orderBy: { role: "asc" } },
  sectors: { orderBy: { percentage: "desc" } },
  agreements: {
    where: { archivedAt: null },
    orderBy: [{ signedOn: "asc" }, { title: "asc" }],
    include: { parties: { include: { organisation: { select: { shortName: true } } } } },
  },
  activities: {
    where: { archivedAt: null },
    orderBy: [{ actualStart: "asc" }, { plannedStart: "asc" }, { title: "asc" }],
    include: { country: { select: { nameEn: true } } },
  },
  deliverables: {
    where: { archivedAt: null },
    orderBy: [{ dueDate: "asc" }, { title: "asc" }],
    include: { responsibleOrg: { select: { shortName: true } } },
  },
} satisfies Prisma.ProgrammeInclude;

export type ProgrammeDetail = Prisma.ProgrammeGetPayload<{ include: typeof detailInclude }>;

/** A programme by its code, or null when it does not exist or is outside the scope. */
export async function getProgramme(scope: Scope, code: string): Promise<ProgrammeDetail | null> {
  return prisma.programme.findFirst({
    where: { AND: [programmeWhere(scope), { code }] },
    include: detailInclude,
  });
}

export async function requireProgramme(scope: Scope, code: string): Promise<ProgrammeDetail> {
  const programme = await getProgramme(scope, code);
  if (!programme) throw new Response("Programme not found", { status: 404 });
  return programme;
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
export async function portfolioSummary(scope: Scope, today = new Date()): Promise<PortfolioSummary> {
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

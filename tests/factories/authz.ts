import type { Organisation, PrismaClient, ProgressReportStatus } from "@prisma/client";
import { createHash, randomBytes } from "node:crypto";
import { createOrganisation, createProgramme, createUser, uid } from "./index";
import { createActivityRecord, createAgreementRecord, createDeliverableRecord, createDocumentRecord, createOutcomeRecord } from "./document";
import { createMultiCountryProgramme } from "./multi-country";
import { ensurePublisher, TEST_PUBLISHER } from "./publisher";
import { createFundingLine, createIndicator } from "./results";
import { createProgressReportRecord, createReportingFixture, createRequirementRecord } from "./reporting";

// Two small portfolios for the authorization matrix (tests/e2e/authz-matrix.spec.ts):
//   BY: a programme in Belarus funded by fund A ("KWPF"), with one record of every kind;
//   KZ: a programme in Kazakhstan funded by fund B, likewise.
// A third "side", BYX, holds records of the BY portfolio that partners and
// donors must not see even though the programme is theirs: an archived
// programme, archived child records, a document not marked shareable.
// A fourth, MC, holds the Kazakhstan-only records of a programme shared by
// Belarus and Kazakhstan and funded by fund A (ADR 0011): the Belarus partner
// sees that programme but none of these records.
// Mutating requests get a fresh record of their own (freshRecord), so the
// order in which the matrix runs its requests never matters.

export type Side = "BY" | "KZ" | "BYX" | "MC";
export const SIDES: readonly Side[] = ["BY", "KZ", "BYX", "MC"];

export type RecordKind =
  | "programme"
  | "agreement"
  | "activity"
  | "deliverable"
  | "outcome"
  | "indicator"
  | "funding"
  | "document"
  | "organisation"
  | "user"
  | "invitation"
  /** Issue 18: a reporting requirement, and a progress report (approved on the fixtures, so donors see it). */
  | "requirement"
  | "progressReport";

/** What a URL needs to name a record. */
export type RecordRef = { id: string; code?: string };

export type SidePortfolio = { country: "BY" | "KZ"; fund: Organisation; records: Record<RecordKind, RecordRef> };

export type AuthzPortfolios = {
  tag: string;
  fundA: Organisation;
  fundB: Organisation;
  sides: Record<Side, SidePortfolio>;
};

async function portfolio(
  db: PrismaClient,
  opts: { country: "BY" | "KZ"; fund: Organisation; hidden: boolean; base?: SidePortfolio },
): Promise<SidePortfolio> {
  const hidden = opts.hidden;
  // The hidden side hangs its child records on the live BY programme; only its programme is a separate, archived one.
  const programme = await createProgramme(db, { countries: [opts.country], funders: [opts.fund.id], archived: hidden });
  // A sector, so that publishing it to IATI (a staff write of the matrix) passes the quality gate.
  await db.programmeSector.create({ data: { programmeId: programme.id, sectorCode: "12110", percentage: "100" } });
  const programmeId = hidden && opts.base ? opts.base.records.programme.id : programme.id;
  const agreement = await createAgreementRecord(db, programmeId, { archived: hidden });
  const activity = await createActivityRecord(db, programmeId, { archived: hidden, plannedStart: "2025-03-10" });
  const deliverable = await createDeliverableRecord(db, programmeId, { agreementId: agreement.id, archived: hidden, dueDate: "2030-01-01" });
  // A hidden outcome hangs on a live activity, so only its own archiving hides it.
  const outcome = await createOutcomeRecord(db, hidden && opts.base ? opts.base.records.activity.id : activity.id, { archived: hidden });
  const indicator = await createIndicator(db, { programmeId, agreementId: agreement.id, archived: hidden });
  const funding = await createFundingLine(db, { programmeId, providerOrgId: opts.fund.id, archived: hidden });
  const document = await createDocumentRecord(db, { programmeId, shareable: !hidden });
  const organisation = hidden ? await createOrganisation(db, { shortName: `AUTHZ-ARCH-${uid()}` }) : opts.fund;
  if (hidden) await db.organisation.update({ where: { id: organisation.id }, data: { archivedAt: new Date() } });
  const { user } = await createUser(db, { role: "PARTNER", countries: [opts.country] });
  const invitation = await createInvitation(db, opts.country);
  // The hidden side's report belongs to an archived requirement of the live BY programme.
  const reporting = await createReportingFixture(db, { programmeId, country: opts.country, status: "APPROVED", archivedRequirement: hidden });
  return {
    country: opts.country,
    fund: opts.fund,
    records: {
      programme: { id: programme.id, code: programme.code },
      agreement: { id: agreement.id },
      activity: { id: activity.id },
      deliverable: { id: deliverable.id },
      outcome: { id: outcome.id },
      indicator: { id: indicator.id },
      funding: { id: funding.id },
      document: { id: document.id },
      organisation: { id: organisation.id },
      user: { id: user.id },
      invitation: { id: invitation.id },
      requirement: { id: reporting.requirement.id },
      progressReport: { id: reporting.report.id },
    },
  };
}

/** A pending invitation (only the token's hash is stored, as the app does). */
export async function createInvitation(db: PrismaClient, country: "BY" | "KZ") {
  const tokenHash = createHash("sha256").update(randomBytes(32)).digest("hex");
  return db.authToken.create({
    data: {
      tokenHash,
      purpose: "INVITATION",
      email: `invitee-${uid()}@test.concord`,
      role: "PARTNER",
      scope: { countries: [country], organisationIds: [], name: "Invited partner" },
      expiresAt: new Date(Date.now() + 7 * 86_400_000),
    },
  });
}

export async function createAuthzPortfolios(db: PrismaClient): Promise<AuthzPortfolios> {
  const tag = uid().toUpperCase();
  // The public IATI files and publishing need the publisher settings, and the
  // activity file one published programme (of no side, so no scope sees it).
  await ensurePublisher(db);
  const published = await createProgramme(db);
  await db.programme.update({ where: { id: published.id }, data: { iatiPublished: true, iatiFirstPublishedAt: new Date(), iatiIdentifier: `${TEST_PUBLISHER.orgRef}-${published.code}` } });
  const fundA = await createOrganisation(db, { shortName: `KWPF-${tag}` });
  const fundB = await createOrganisation(db, { shortName: `OTHERFUND-${tag}` });
  const BY = await portfolio(db, { country: "BY", fund: fundA, hidden: false });
  const KZ = await portfolio(db, { country: "KZ", fund: fundB, hidden: false });
  const BYX = await portfolio(db, { country: "BY", fund: fundA, hidden: true, base: BY });
  const MC = await multiCountrySide(db, fundA);
  return { tag, fundA, fundB, sides: { BY, KZ, BYX, MC } };
}

/** The MC side: the Kazakhstan-only records of a Belarus–Kazakhstan programme funded by fund A. */
async function multiCountrySide(db: PrismaClient, fund: Organisation): Promise<SidePortfolio> {
  const mc = await createMultiCountryProgramme(db, { fund });
  const { user } = await createUser(db, { role: "PARTNER", countries: ["KZ"] });
  const invitation = await createInvitation(db, "KZ");
  const reporting = await createReportingFixture(db, { programmeId: mc.programme.id, country: "KZ", status: "APPROVED" });
  const ref = (id: string) => ({ id });
  return {
    country: "KZ",
    fund,
    records: {
      programme: mc.programme,
      agreement: ref(mc.kz.agreement),
      activity: ref(mc.kz.activity),
      deliverable: ref(mc.kz.deliverable),
      outcome: ref(mc.kz.outcome),
      indicator: ref(mc.kz.indicator),
      funding: ref(mc.kz.funding),
      document: ref(mc.kz.document),
      organisation: { id: fund.id },
      user: { id: user.id },
      invitation: { id: invitation.id },
      requirement: ref(reporting.requirement.id),
      progressReport: ref(reporting.report.id),
    },
  };
}

/** A new Kazakhstan-only record of the MC programme (its country comes from a Kazakh organisation or location). */
async function freshMultiCountryRecord(
  db: PrismaClient,
  portfolios: AuthzPortfolios,
  kind: RecordKind,
  opts: { status?: ProgressReportStatus } = {},
): Promise<RecordRef> {
  const programmeId = portfolios.sides.MC.records.programme.id;
  const kz = await createOrganisation(db, { shortName: `AUTHZ-KZ-${uid()}`, countryCode: "KZ" });
  const agreement = async () => {
    const a = await createAgreementRecord(db, programmeId);
    await db.agreementParty.create({ data: { agreementId: a.id, organisationId: kz.id, role: "SIGNATORY" } });
    return a;
  };
  const activity = async () => {
    const a = await createActivityRecord(db, programmeId, { plannedStart: "2025-03-10" });
    await db.activity.update({ where: { id: a.id }, data: { countryCode: "KZ" } });
    return a;
  };
  switch (kind) {
    case "agreement":
      return { id: (await agreement()).id };
    case "activity":
      return { id: (await activity()).id };
    case "deliverable": {
      const d = await createDeliverableRecord(db, programmeId, { dueDate: "2030-01-01" });
      await db.deliverable.update({ where: { id: d.id }, data: { activityId: (await activity()).id } });
      return { id: d.id };
    }
    case "outcome":
      return { id: (await createOutcomeRecord(db, (await activity()).id)).id };
    case "indicator":
      return { id: (await createIndicator(db, { programmeId, agreementId: (await agreement()).id })).id };
    case "funding":
      return { id: (await createFundingLine(db, { programmeId, providerOrgId: portfolios.fundA.id, receiverOrgId: kz.id })).id };
    case "document":
      return { id: (await createDocumentRecord(db, { programmeId, shareable: true, agreementId: (await agreement()).id })).id };
    case "requirement":
      return { id: (await createRequirementRecord(db, { programmeId, country: "KZ" })).id };
    case "progressReport":
      return { id: (await createReportingFixture(db, { programmeId, country: "KZ", status: opts.status ?? "APPROVED" })).report.id };
    default:
      throw new Error(`No fresh ${kind} on the MC side`);
  }
}

/**
 * A new record of a kind on a side, for one mutating request: live on BY and
 * KZ, hidden on BYX (see above). `archived` makes a live-side record archived
 * (for "restore"). `status` is a fresh progress report's (default APPROVED,
 * what donors may see; a workflow request asks for the state it acts on).
 */
export async function freshRecord(
  db: PrismaClient,
  portfolios: AuthzPortfolios,
  kind: RecordKind,
  side: Side,
  opts: { archived?: boolean; status?: ProgressReportStatus } = {},
): Promise<RecordRef> {
  if (side === "MC" && !["programme", "organisation", "user", "invitation"].includes(kind)) return freshMultiCountryRecord(db, portfolios, kind, opts);
  const s = portfolios.sides[side === "BYX" ? "BY" : side];
  const hidden = side === "BYX";
  const archived = hidden || Boolean(opts.archived);
  const programmeId = s.records.programme.id;
  switch (kind) {
    case "programme": {
      const p = await createProgramme(db, { countries: side === "MC" ? ["BY", "KZ"] : [s.country], funders: [s.fund.id], archived });
      return { id: p.id, code: p.code };
    }
    case "agreement":
      return { id: (await createAgreementRecord(db, programmeId, { archived })).id };
    case "activity":
      return { id: (await createActivityRecord(db, programmeId, { archived, plannedStart: "2025-03-10" })).id };
    case "deliverable":
      return { id: (await createDeliverableRecord(db, programmeId, { archived, dueDate: "2030-01-01" })).id };
    case "outcome":
      return { id: (await createOutcomeRecord(db, s.records.activity.id, { archived })).id };
    case "indicator":
      return { id: (await createIndicator(db, { programmeId, archived })).id };
    case "funding":
      return { id: (await createFundingLine(db, { programmeId, providerOrgId: s.fund.id, archived })).id };
    case "document": {
      const d = await createDocumentRecord(db, { programmeId, shareable: !hidden, archived: Boolean(opts.archived) });
      return { id: d.id };
    }
    case "organisation": {
      const o = await createOrganisation(db, { shortName: `AUTHZ-${uid()}` });
      if (archived) await db.organisation.update({ where: { id: o.id }, data: { archivedAt: new Date() } });
      return { id: o.id };
    }
    case "user": {
      const { user } = await createUser(db, { role: "PARTNER", countries: [s.country], deactivated: Boolean(opts.archived) });
      // Two-step sign-in on, so that an admin's reset has something to reset
      // (the secret is never read by the reset).
      await db.user.update({ where: { id: user.id }, data: { totpSecret: "not-a-real-secret", totpEnabledAt: new Date() } });
      return { id: user.id };
    }
    case "invitation":
      return { id: (await createInvitation(db, s.country)).id };
    case "requirement":
      return { id: (await createRequirementRecord(db, { programmeId, country: s.country, archived })).id };
    case "progressReport": {
      const requirement = await createRequirementRecord(db, { programmeId, country: s.country, archived: hidden });
      const report = await createProgressReportRecord(db, requirement, { status: opts.status ?? "APPROVED" });
      return { id: report.id };
    }
  }
}

/**
 * Everything a request could change about a record, as one comparable
 * string: whether it exists, is archived, its version, acknowledgement and
 * comments (partners), sessions and role (users).
 */
export async function recordState(db: PrismaClient, kind: RecordKind, id: string): Promise<string> {
  const where = { id };
  const found = await (async (): Promise<Record<string, unknown> | null> => {
    switch (kind) {
      case "programme":
        return db.programme.findUnique({ where, select: { archivedAt: true, version: true } });
      case "agreement":
        return db.agreement.findUnique({ where, select: { archivedAt: true, version: true } });
      case "activity":
        return db.activity.findUnique({ where, select: { archivedAt: true, version: true } });
      case "deliverable":
        return db.deliverable.findUnique({
          where,
          select: { archivedAt: true, version: true, acknowledgedAt: true, _count: { select: { comments: true } } },
        });
      case "outcome":
        return db.outcome.findUnique({
          where,
          select: { archivedAt: true, version: true, acknowledgedAt: true, _count: { select: { comments: true } } },
        });
      case "indicator":
        return db.indicator.findUnique({ where, select: { archivedAt: true, version: true } });
      case "funding":
        return db.fundingLine.findUnique({ where, select: { archivedAt: true, version: true } });
      case "document":
        return db.document.findUnique({ where, select: { archivedAt: true, version: true } });
      case "organisation":
        return db.organisation.findUnique({ where, select: { archivedAt: true, version: true } });
      case "user":
        return db.user.findUnique({
          where,
          select: {
            deactivatedAt: true,
            version: true,
            role: true,
            passwordHash: true,
            totpEnabledAt: true,
            _count: { select: { sessions: true, tokens: true, countries: true, organisations: true } },
          },
        });
      case "invitation":
        return db.authToken.findUnique({ where, select: { tokenHash: true, usedAt: true, expiresAt: true } });
      case "requirement":
        return db.reportingRequirement.findUnique({ where, select: { archivedAt: true, version: true, _count: { select: { reports: true } } } });
      case "progressReport":
        return db.progressReport.findUnique({
          where,
          select: { status: true, version: true, round: true, narrative: true, _count: { select: { comments: true, indicators: true, documents: true } } },
        });
    }
  })();
  if (!found) return "gone";
  return JSON.stringify(found, (_k, v: unknown) => (v instanceof Date ? "set" : v));
}

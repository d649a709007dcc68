import { ctxFor } from "~/models/ctx.server";
import { DomainError } from "~/utils/errors.server";
import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { acknowledge, addComment } from "~/models/acknowledgement.server";
import { listHistory } from "~/models/history.server";
import {
  getPortalDeliverable,
  getPortalOutcome,
  getPortalProgramme,
  listPortalProgrammes,
  participantsByYear,
} from "~/models/portal.server";
import { loadPortfolio } from "~/models/portfolio.server";
import { portfolioSummary, programmeCounts } from "~/models/programme.server";
import { CommentFormSchema } from "~/schemas/comment";
import { prisma } from "~/utils/db.server";
import { createProgramme, createUser } from "../factories";
import { createActivity } from "../factories/activity";
import { createDeliverable, createDocument, createOutcome, daysFromToday } from "../factories/deliverable";
import { createIndicator } from "../factories/results";
import { createMultiCountryProgramme, type MultiCountryProgramme } from "../factories/multi-country";
import { english } from "../support/english";

const BY: Scope & { kind: "partner" } = { kind: "partner", countries: ["BY"] };
const KZ: Scope & { kind: "partner" } = { kind: "partner", countries: ["KZ"] };

let byProg: { id: string; code: string };
let kzProg: { id: string; code: string };
let archivedProg: { id: string; code: string };
let outcome: { id: string };
let archivedOutcome: { id: string };
let outcomeOfArchivedActivity: { id: string };
let kzOutcome: { id: string };
let deliverable: { id: string };
let overdueDeliverable: { id: string };
let archivedDeliverable: { id: string };
let kzDeliverable: { id: string };
let shared: { id: string };
let internal: { id: string };
let partner: { id: string; email: string };
let kzPartner: { id: string; email: string };

beforeAll(async () => {
  byProg = await createProgramme(prisma, { countries: ["BY"], title: "Диагностически связанные группы (DRG)" });
  kzProg = await createProgramme(prisma, { countries: ["KZ"], title: "Онкологическая помощь" });
  archivedProg = await createProgramme(prisma, { countries: ["BY"], archived: true });

  const workshop = await createActivity(prisma, {
    programmeId: byProg.id, kind: "WORKSHOP", status: "COMPLETED", title: "Семинар по DRG", countryCode: "BY", city: "Минск",
    plannedStart: new Date("2024-10-01"), actualStart: new Date("2024-10-02"), participants: { total: 40, female: 25, male: 12 },
  });
  await createActivity(prisma, {
    programmeId: byProg.id, kind: "TRAINING_COURSE", status: "COMPLETED", plannedStart: new Date("2025-03-01"),
    participants: { total: 10, female: 4, male: 5, other: 1 },
  });
  // Planned, cancelled and archived activities are not counted as trained.
  await createActivity(prisma, { programmeId: byProg.id, status: "PLANNED", plannedStart: new Date("2026-03-01"), participants: { total: 99, female: 50, male: 49 } });
  await createActivity(prisma, { programmeId: byProg.id, status: "COMPLETED", plannedStart: new Date("2025-05-01"), participants: { total: 7, female: 7 }, archived: true });
  const archivedActivity = await createActivity(prisma, { programmeId: byProg.id, status: "COMPLETED", archived: true });
  const kzWorkshop = await createActivity(prisma, { programmeId: kzProg.id, status: "COMPLETED", participants: { total: 5, female: 5 } });

  deliverable = await createDeliverable(prisma, { programmeId: byProg.id, title: "Roadmap for DRG", status: "IN_PROGRESS" });
  overdueDeliverable = await createDeliverable(prisma, { programmeId: byProg.id, status: "NOT_STARTED", dueDate: daysFromToday(-3) });
  archivedDeliverable = await createDeliverable(prisma, { programmeId: byProg.id, archived: true });
  kzDeliverable = await createDeliverable(prisma, { programmeId: kzProg.id });

  outcome = await createOutcome(prisma, { activityId: workshop.id, text: "Подготовить дорожную карту", deliverableId: deliverable.id, followUpStatus: "IN_PROGRESS" });
  archivedOutcome = await createOutcome(prisma, { activityId: workshop.id, archived: true });
  outcomeOfArchivedActivity = await createOutcome(prisma, { activityId: archivedActivity.id });
  kzOutcome = await createOutcome(prisma, { activityId: kzWorkshop.id });

  await createIndicator(prisma, {
    programmeId: byProg.id, title: "Hospitals paid by DRG", baselineValue: 0, baselineYear: 2023,
    periods: [{ start: "2024-01-01", end: "2024-12-31", target: 10, actual: "7.5" }],
  });
  await createIndicator(prisma, { programmeId: byProg.id, title: "Archived indicator", archived: true });
  shared = await createDocument(prisma, { programmeId: byProg.id, title: "Shared report", shareable: true, outcomeId: outcome.id });
  internal = await createDocument(prisma, { programmeId: byProg.id, title: "Internal note", shareable: false, outcomeId: outcome.id });
  await createDocument(prisma, { programmeId: byProg.id, title: "Shared but of an archived deliverable", shareable: true, deliverableId: archivedDeliverable.id });

  partner = (await createUser(prisma, { role: "PARTNER", countries: ["BY"] })).user;
  kzPartner = (await createUser(prisma, { role: "PARTNER", countries: ["KZ"] })).user;
});

describe("portal scope", () => {
  it("lists only the partner's countries' active programmes, with counts of their active records", async () => {
    const rows = await listPortalProgrammes(BY);
    expect(rows.map((r) => r.code)).toEqual([byProg.code]);
    const [p] = rows;
    expect(p.activities).toBe(3); // the two archived activities are left out
    expect(p.deliverablesOpen).toBe(2);
    expect(p.deliverablesOverdue).toBe(1);
    expect(p.outcomes).toBe(1);
    expect(p.outcomesToAcknowledge).toBe(1);
    expect((await listPortalProgrammes(KZ)).map((r) => r.code)).toEqual([kzProg.code]);
    expect(await listPortalProgrammes({ kind: "partner", countries: [] })).toEqual([]);
  });

  it("pages the home's cards: every programme once, in the same order, with the same counts, and nothing of another country", async () => {
    const now = new Date();
    await createProgramme(prisma, { countries: ["BY"], title: "Второй белорусский" });
    await createProgramme(prisma, { countries: ["BY", "KZ"], title: "Общий" });
    const all = await listPortalProgrammes(BY, now);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const paged = [];
    for (let page = 1; page <= all.length; page++) {
      const rows = await listPortalProgrammes(BY, now, { page, perPage: 1 });
      expect(rows).toHaveLength(1);
      paged.push(...rows);
    }
    expect(paged).toEqual(all);
    expect(await listPortalProgrammes(BY, now, { page: all.length + 1, perPage: 1 })).toEqual([]);
    // The count the pages are numbered from is the home summary's.
    expect((await portfolioSummary(BY, now)).programmes).toBe(all.length);
    // Kazakhstan's pages hold Kazakhstan's programmes only.
    const kz = await listPortalProgrammes(KZ, now, { page: 1, perPage: 100 });
    expect(kz.map((p) => p.code)).not.toContain(byProg.code);
    expect(kz.every((p) => p.countries.some((c) => c.country.code === "KZ"))).toBe(true);
  });

  it("shows a programme just added on the first page, before the dated ones", async () => {
    const dated = await createProgramme(prisma, { countries: ["BY"], title: "Dated", plannedStart: new Date(Date.UTC(2099, 0, 1)) });
    const undated = await createProgramme(prisma, { countries: ["BY"], title: "Just agreed", plannedStart: null });
    const first = await listPortalProgrammes(BY, new Date(), { page: 1, perPage: 2 });
    // Not yet scheduled first (newest first among them), then the latest planned start.
    expect(first.map((p) => p.code)).toEqual([undated.code, dated.code]);
  });

  it("opens a programme of the partner's country, and no other (other country, archived)", async () => {
    const found = await getPortalProgramme(BY, byProg.code);
    expect(found).not.toBeNull();
    expect(found!.deliverables.map((d) => d.id).sort()).toEqual([deliverable.id, overdueDeliverable.id].sort());
    expect(found!.deliverables.find((d) => d.id === overdueDeliverable.id)!.overdue).toBe(true);
    expect(found!.outcomes.map((o) => o.id)).toEqual([outcome.id]);
    expect(found!.outcomes[0].deliverable?.id).toBe(deliverable.id);
    expect(found!.indicators.map((i) => i.title)).toEqual(["Hospitals paid by DRG"]);
    expect(found!.indicators[0].baselineValue).toBe("0");
    expect(found!.indicators[0].periods[0].actualValue).toBe("7.5");
    expect(found!.documents.map((d) => d.title)).toEqual(["Shared report"]);
    expect(found!.activities).toHaveLength(3);
    expect(await getPortalProgramme(KZ, byProg.code)).toBeNull();
    expect(await getPortalProgramme(BY, kzProg.code)).toBeNull();
    expect(await getPortalProgramme(BY, archivedProg.code)).toBeNull();
  });

  it("sums participants of activities that took place by sex and year in the database", async () => {
    expect(await participantsByYear(BY, byProg.id)).toEqual([
      { year: 2024, female: 25, male: 12, other: 0, notRecorded: 3, total: 40, activities: 1 },
      { year: 2025, female: 4, male: 5, other: 1, notRecorded: 0, total: 10, activities: 1 },
    ]);
    expect(await participantsByYear(KZ, byProg.id)).toEqual([]);
  });

  it("opens an outcome only in scope: not of another country, not archived, not of an archived activity", async () => {
    const o = await getPortalOutcome(BY, outcome.id);
    expect(o?.text).toBe("Подготовить дорожную карту");
    expect(o?.documents.map((d) => d.id)).toEqual([shared.id]);
    expect(o?.documents.some((d) => d.id === internal.id)).toBe(false);
    expect(await getPortalOutcome(KZ, outcome.id)).toBeNull();
    expect(await getPortalOutcome(BY, kzOutcome.id)).toBeNull();
    expect(await getPortalOutcome(BY, archivedOutcome.id)).toBeNull();
    expect(await getPortalOutcome(BY, outcomeOfArchivedActivity.id)).toBeNull();
  });

  it("opens a deliverable only in scope, with the outcomes it carries out", async () => {
    const d = await getPortalDeliverable(BY, deliverable.id);
    expect(d?.outcomes.map((o) => o.id)).toEqual([outcome.id]);
    expect((await getPortalDeliverable(BY, overdueDeliverable.id))?.overdue).toBe(true);
    expect(await getPortalDeliverable(KZ, deliverable.id)).toBeNull();
    expect(await getPortalDeliverable(BY, kzDeliverable.id)).toBeNull();
    expect(await getPortalDeliverable(BY, archivedDeliverable.id)).toBeNull();
  });
});

describe("acknowledgements", () => {
  it("records the first acknowledgement with an audit event; acknowledging again changes nothing", async () => {
    const target = { kind: "Outcome" as const, id: outcome.id };
    const at = new Date("2025-06-01T10:00:00Z");
    expect(await acknowledge(ctxFor(partner, BY, { ip: "10.0.0.1" }), target, at)).toBe(true);
    expect(await acknowledge(ctxFor(partner, BY, { ip: "10.0.0.1" }), target, new Date("2025-06-02T10:00:00Z"))).toBe(false);
    const row = await prisma.outcome.findUniqueOrThrow({ where: { id: outcome.id } });
    expect(row.acknowledgedAt?.toISOString()).toBe(at.toISOString());
    expect(row.acknowledgedById).toBe(partner.id);
    expect(row.version).toBe(1); // not an edit: a staff member's open form stays valid
    const events = await prisma.auditEvent.findMany({ where: { entityType: "Outcome", entityId: outcome.id, action: "acknowledge" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: partner.id, actorEmail: partner.email, ip: "10.0.0.1" });
    expect((await listPortalProgrammes(BY)).find((p) => p.code === byProg.code)!.outcomesToAcknowledge).toBe(0);
  });

  it("acknowledges deliverables too", async () => {
    expect(await acknowledge(ctxFor(partner, BY), { kind: "Deliverable", id: deliverable.id })).toBe(true);
    const row = await prisma.deliverable.findUniqueOrThrow({ where: { id: deliverable.id } });
    expect(row.acknowledgedById).toBe(partner.id);
    expect(await prisma.auditEvent.count({ where: { entityType: "Deliverable", entityId: deliverable.id, action: "acknowledge" } })).toBe(1);
  });

  it("treats another country's or an archived record as not found, and changes nothing", async () => {
    for (const [scope, target] of [
      [KZ, { kind: "Deliverable" as const, id: overdueDeliverable.id }],
      [BY, { kind: "Outcome" as const, id: kzOutcome.id }],
      [BY, { kind: "Outcome" as const, id: archivedOutcome.id }],
      [BY, { kind: "Deliverable" as const, id: archivedDeliverable.id }],
    ] as const) {
      const error = await acknowledge(ctxFor(kzPartner, scope), target).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("not_found");
    }
    expect((await prisma.deliverable.findUniqueOrThrow({ where: { id: overdueDeliverable.id } })).acknowledgedAt).toBeNull();
    expect(await prisma.auditEvent.count({ where: { actorId: kzPartner.id } })).toBe(0);
  });
});

describe("comments", () => {
  it("requires 1 to 2000 characters", () => {
    expect(english(CommentFormSchema.safeParse({ body: "" }).error?.issues[0].message)).toBe("Enter your comment.");
    expect(CommentFormSchema.safeParse({ body: "   \n " }).success).toBe(false);
    expect(CommentFormSchema.safeParse({}).success).toBe(false);
    expect(english(CommentFormSchema.safeParse({ body: "я".repeat(2001) }).error?.issues[0].message)).toBe("Keep your comment under 2,000 characters.");
    expect(CommentFormSchema.parse({ body: ` ${"я".repeat(2000)} ` }).body).toHaveLength(2000);
  });

  it("stores a comment with its audit event, in the record's history", async () => {
    const body = "Министерство согласно. Просим уточнить сроки.";
    const comment = await addComment(ctxFor(partner, BY), { kind: "Outcome", id: outcome.id }, CommentFormSchema.parse({ body }));
    expect(comment).toMatchObject({ authorId: partner.id, outcomeId: outcome.id, deliverableId: null, body });
    const history = await listHistory("Outcome", outcome.id);
    expect(history.map((h) => h.action)).toEqual(["comment", "acknowledge"]);
    expect(history[0].actorEmail).toBe(partner.email);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "comment", entityId: outcome.id } });
    expect(event.metadata).toEqual({ commentId: comment.id });

    await addComment(ctxFor(partner, BY), { kind: "Deliverable", id: deliverable.id }, { body: "Ok" });
    expect(await prisma.comment.count({ where: { deliverableId: deliverable.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "comment", entityType: "Deliverable", entityId: deliverable.id } })).toBe(1);
  });

  it("refuses comments on records outside the scope", async () => {
    const error = await addComment(ctxFor(kzPartner, KZ), { kind: "Outcome", id: outcome.id }, { body: "x" }).catch((e: unknown) => e);
    expect((error as DomainError).code).toBe("not_found");
    expect(await prisma.comment.count({ where: { authorId: kzPartner.id } })).toBe(0);
  });
});

// ---------------------------------------------------------------------------
// A programme shared by Belarus and Kazakhstan (issue 14, points 13 and 18)

describe("a programme shared by several countries", () => {
  let mc: MultiCountryProgramme;

  beforeAll(async () => {
    mc = await createMultiCountryProgramme(prisma, { title: "Belarus–Kazakhstan cooperation" });
    // Counted though undated (it took place in Kazakhstan); a planned activity's expected participants are not.
    await createActivity(prisma, { programmeId: mc.programme.id, status: "COMPLETED", countryCode: "KZ", plannedStart: null, participants: { total: 150 } });
    await createActivity(prisma, { programmeId: mc.programme.id, status: "PLANNED", countryCode: "KZ", plannedStart: new Date("2030-01-01"), participants: { total: 500 } });
  });

  it("shows the Kazakhstan partner the programme's shared records and Kazakhstan's, never Belarus's", async () => {
    const page = (await getPortalProgramme(KZ, mc.programme.code))!;
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
    expect(ids(page.agreements)).toEqual(expect.arrayContaining([mc.kz.agreement, mc.shared.agreement]));
    expect(ids(page.agreements)).not.toContain(mc.by.agreement);
    expect(ids(page.activities)).not.toContain(mc.by.activity);
    expect(ids(page.deliverables)).toEqual(expect.arrayContaining([mc.kz.deliverable, mc.shared.deliverable]));
    expect(ids(page.deliverables)).not.toContain(mc.by.deliverable);
    expect(ids(page.outcomes)).not.toContain(mc.by.outcome);
    expect(ids(page.indicators)).not.toContain(mc.by.indicator);
    expect(ids(page.documents)).toEqual(expect.arrayContaining([mc.kz.document, mc.shared.document]));
    expect(ids(page.documents)).not.toContain(mc.by.document);
    // The Belarus partner, the other way round.
    const byPage = (await getPortalProgramme(BY, mc.programme.code))!;
    expect(ids(byPage.agreements)).not.toContain(mc.kz.agreement);
    expect(ids(byPage.activities)).toEqual(expect.arrayContaining([mc.by.activity, mc.shared.activity]));
    expect(ids(byPage.activities)).not.toContain(mc.kz.activity);
    expect(ids(byPage.deliverables)).toEqual(expect.arrayContaining([mc.by.deliverable, mc.shared.deliverable]));
    expect(ids(byPage.deliverables)).not.toContain(mc.kz.deliverable);
    expect(ids(byPage.outcomes)).toEqual(expect.arrayContaining([mc.by.outcome, mc.shared.outcome]));
    expect(ids(byPage.outcomes)).not.toContain(mc.kz.outcome);
    expect(ids(byPage.documents)).not.toContain(mc.kz.document);
    // The records themselves are not found either.
    expect(await getPortalDeliverable(KZ, mc.by.deliverable)).toBeNull();
    expect(await getPortalOutcome(KZ, mc.by.outcome)).toBeNull();
    expect(await getPortalDeliverable(KZ, mc.kz.deliverable)).not.toBeNull();
    // The card counts what the page lists.
    const card = (await listPortalProgrammes(KZ)).find((p) => p.code === mc.programme.code)!;
    expect(card.activities).toBe(page.activities.length);
    expect(card.deliverablesOpen).toBe(page.deliverables.length);
    expect(card.outcomes).toBe(page.outcomes.length);
    // And for Belarus: the counts run over the shown programmes' records at once, each kind through its own rule.
    const byCard = (await listPortalProgrammes(BY)).find((p) => p.code === mc.programme.code)!;
    expect(byCard.activities).toBe(byPage.activities.length);
    expect(byCard.deliverablesOpen).toBe(byPage.deliverables.filter((d) => d.open).length);
    expect(byCard.outcomes).toBe(byPage.outcomes.length);
    expect(byCard.outcomesToAcknowledge).toBe(byPage.outcomes.filter((o) => !o.acknowledgedAt).length);
  });

  it("names on a shared outcome only the deliverables the partner may open", async () => {
    // The shared outcome's follow-up produced Belarus's deliverable, and the outcome itself points at it.
    await prisma.outcome.update({ where: { id: mc.shared.outcome }, data: { deliverableId: mc.by.deliverable } });
    await prisma.followUpAction.createMany({
      data: [
        { outcomeId: mc.shared.outcome, position: 0, description: "Belarus's report", deliverableId: mc.by.deliverable },
        { outcomeId: mc.shared.outcome, position: 1, description: "Kazakhstan's report", deliverableId: mc.kz.deliverable },
      ],
    });
    const kz = (await getPortalOutcome(KZ, mc.shared.outcome))!;
    expect(kz.deliverable).toBeNull();
    expect(kz.followUps.map((a) => [a.description, a.deliverable?.id ?? null])).toEqual([
      ["Belarus's report", null],
      ["Kazakhstan's report", mc.kz.deliverable],
    ]);
    const by = (await getPortalOutcome(BY, mc.shared.outcome))!;
    expect(by.deliverable?.id).toBe(mc.by.deliverable);
    expect(by.followUps.map((a) => a.deliverable?.id ?? null)).toEqual([mc.by.deliverable, null]);
  });

  it("gives one participants figure: home card, chart, programme page and portfolio agree", async () => {
    const chartTotal = async (scope: Scope, programmeId: string) => (await participantsByYear(scope, programmeId)).reduce((n, r) => n + r.total, 0);
    // Kazakhstan: its own activities (150 dated + 150 undated) and the shared one (12); not Belarus's 40, not the planned 500.
    expect(await chartTotal(KZ, mc.programme.id)).toBe(mc.participants.kz + 150 + mc.participants.shared);
    expect((await participantsByYear(KZ, mc.programme.id)).at(-1)).toMatchObject({ year: null, total: 150 });
    // The programme page reads its chart in the statement that finds its visible records: the same figures, each partner its own.
    expect((await getPortalProgramme(KZ, mc.programme.code))!.participants).toEqual(await participantsByYear(KZ, mc.programme.id));
    expect((await getPortalProgramme(BY, mc.programme.code))!.participants).toEqual(await participantsByYear(BY, mc.programme.id));
    expect((await getPortalProgramme(BY, mc.programme.code))!.participants.reduce((n, r) => n + r.total, 0)).toBe(mc.participants.by + mc.participants.shared);
    // The partner's home card is the sum of its programmes' charts.
    const mine = await listPortalProgrammes(KZ);
    let sum = 0;
    for (const p of mine) sum += await chartTotal(KZ, p.id);
    expect((await portfolioSummary(KZ)).participants).toBe(sum);
    // Staff and the funding donor: programme page = chart = portfolio.
    for (const scope of [{ kind: "staff" }, { kind: "donor", organisationIds: [mc.fund.id] }] as Scope[]) {
      const total = await chartTotal(scope, mc.programme.id);
      expect(total).toBe(mc.participants.kz + 150 + mc.participants.by + mc.participants.shared);
      expect((await programmeCounts(scope, mc.programme.id)).participants).toBe(total);
      expect((await loadPortfolio(scope, { from: null, to: null, programme: mc.programme.code })).participantsTotal.total).toBe(total);
    }
    expect((await portfolioSummary({ kind: "donor", organisationIds: [mc.fund.id] })).participants).toBe(await chartTotal({ kind: "staff" }, mc.programme.id));
  });
});

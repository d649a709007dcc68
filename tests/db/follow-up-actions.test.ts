import fs from "node:fs";
import { ctxFor } from "~/models/ctx.server";
import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { listReadableHistory } from "~/models/deliverable.server";
import { needsAttention } from "~/models/dashboard.server";
import { createOutcome, getOutcome, listOutcomes, OUTCOME_LIST, updateOutcome } from "~/models/outcome.server";
import { getPortalProgramme } from "~/models/portal.server";
import { isFollowUpOverdue, OutcomeFormSchema } from "~/schemas/outcome";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors.server";
import { parseListQuery } from "~/utils/list-query";
import { createOrganisation, createProgramme, createUser, uid } from "../factories";
import { createActivity, createDeliverable, daysFromToday, isoDaysFromToday } from "../factories/deliverable";
import { english } from "../support/english";

// Issue 14, item 12: an outcome has several follow-up actions (owner, due
// date, status, the deliverable each produced); overdue ones are flagged on
// the dashboard, in the outcome list's filter and in the portal.

const staff: Scope = { kind: "staff" };
let actor: { id: string; email: string };
let programme: { id: string; code: string };
let workshop: { id: string };
let owner: { id: string };
let report: { id: string };

beforeAll(async () => {
  const { user } = await createUser(prisma, { role: "STAFF" });
  actor = { id: user.id, email: user.email };
  programme = await createProgramme(prisma, { countries: ["UZ"] });
  workshop = await createActivity(prisma, { programmeId: programme.id, title: `Workshop ${uid()}` });
  owner = await createOrganisation(prisma, { shortName: `NHIS-${uid()}` });
  report = await createDeliverable(prisma, { programmeId: programme.id, title: `Costing report ${uid()}` });
});

const form = (followUps: Record<string, string>[], text = `Agreed ${uid()}`) =>
  OutcomeFormSchema.parse({ activityId: workshop.id, type: "AGREED_NEXT_STEP", text, followUpStatus: "IN_PROGRESS", followUps });

const overdueList = (scope: Scope = staff) => listOutcomes(scope, parseListQuery(new URLSearchParams({ followUp: "overdue" }), OUTCOME_LIST), true);

describe("the form's follow-up rows", () => {
  it("ignores blank rows and keeps each error at the row the user filled", () => {
    const ok = form([
      { description: "Draft the costing method", ownerOrgId: owner.id, dueDate: "2019-06-30", status: "IN_PROGRESS", deliverableId: "" },
      { description: "", ownerOrgId: "", dueDate: "", status: "", deliverableId: "" },
      { description: "Present it to the board", ownerOrgId: "", dueDate: "", status: "NOT_STARTED", deliverableId: report.id },
    ]);
    expect(ok.followUps.map((a) => a.description)).toEqual(["Draft the costing method", "Present it to the board"]);
    const bad = OutcomeFormSchema.safeParse({
      activityId: workshop.id,
      type: "AGREED_NEXT_STEP",
      text: "x",
      followUpStatus: "IN_PROGRESS",
      followUps: [{}, { description: "", dueDate: "2019-06-31", status: "" }],
    });
    const messages = bad.success ? {} : Object.fromEntries(bad.error.issues.map((i) => [i.path.join("."), english(i.message)]));
    expect(Object.keys(messages).sort()).toEqual(["followUps.1.description", "followUps.1.dueDate", "followUps.1.status"]);
    expect(messages["followUps.1.status"]).toBe("Choose the action's status.");
  });

  it("applies one overdue rule: open and due before today", () => {
    expect(isFollowUpOverdue({ status: "IN_PROGRESS", dueDate: "2019-06-30" }, "2019-07-01")).toBe(true);
    expect(isFollowUpOverdue({ status: "NOT_STARTED", dueDate: "2019-06-30" }, "2019-06-30")).toBe(false);
    expect(isFollowUpOverdue({ status: "DONE", dueDate: "2019-06-30" }, "2026-01-01")).toBe(false);
    expect(isFollowUpOverdue({ status: "NOT_PURSUED", dueDate: "2019-06-30" }, "2026-01-01")).toBe(false);
    expect(isFollowUpOverdue({ status: "IN_PROGRESS", dueDate: null }, "2026-01-01")).toBe(false);
  });
});

describe("follow-up actions of an outcome", () => {
  it("saves several actions in order, replaces them on edit and records both in the history", async () => {
    const created = await createOutcome(
      ctxFor(actor),
      form([
      { description: "Draft the costing method", ownerOrgId: owner.id, dueDate: "2019-06-30", status: "IN_PROGRESS" },
      { description: "Present it to the board", status: "NOT_STARTED", deliverableId: report.id },
    ]),
    );
    const o = await getOutcome(staff, created.id);
    expect(o!.followUps.map((a) => [a.description, a.owner?.shortName ?? null, a.dueDate?.toISOString().slice(0, 10) ?? null, a.status, a.deliverable?.id ?? null])).toEqual([
      ["Draft the costing method", (await prisma.organisation.findUnique({ where: { id: owner.id } }))!.shortName, "2019-06-30", "IN_PROGRESS", null],
      ["Present it to the board", null, null, "NOT_STARTED", report.id],
    ]);

    await updateOutcome(ctxFor(actor), created.id, 1, form([{ description: "Present it to the board", status: "DONE", deliverableId: report.id }], o!.text));
    const after = await getOutcome(staff, created.id);
    expect(after!.followUps.map((a) => [a.description, a.status])).toEqual([["Present it to the board", "DONE"]]);
    const history = await listReadableHistory("Outcome", created.id, {});
    const update = history.find((h) => h.action === "update")!;
    // Named, not ids: the owner's short name and the deliverable's title.
    const reportTitle = (await prisma.deliverable.findUniqueOrThrow({ where: { id: report.id } })).title;
    const ownerName = (await prisma.organisation.findUniqueOrThrow({ where: { id: owner.id } })).shortName;
    expect((update.changes as Record<string, unknown>).followUps).toEqual({
      before: [`Draft the costing method | ${ownerName} | 2019-06-30 | IN_PROGRESS | `, `Present it to the board |  |  | NOT_STARTED | ${reportTitle}`],
      after: [`Present it to the board |  |  | DONE | ${reportTitle}`],
    });
  });

  it("refuses a deliverable of another programme at the row that names it, saving nothing", async () => {
    const other = await createProgramme(prisma, { countries: ["KZ"] });
    const foreign = await createDeliverable(prisma, { programmeId: other.id });
    const text = `Foreign deliverable ${uid()}`;
    const attempt = createOutcome(
      ctxFor(actor),
      form([
      { description: "Fine", status: "NOT_STARTED" },
      { description: "Wrong programme", status: "NOT_STARTED", deliverableId: foreign.id },
    ], text),
    );
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ details: { field: "followUps.1.deliverableId" } });
    expect(await prisma.outcome.count({ where: { text } })).toBe(0);
  });
});

describe("overdue follow-ups", () => {
  let overdue: { id: string };
  let onTime: { id: string };

  beforeAll(async () => {
    overdue = await createOutcome(
      ctxFor(actor),
      form([
      { description: "Done long ago", status: "DONE", dueDate: "2019-01-31" },
      { description: "Costing follow-up", status: "IN_PROGRESS", dueDate: "2019-06-30" },
    ]),
    );
    onTime = await createOutcome(
      ctxFor(actor),
      form([
      { description: "Due tomorrow", status: "NOT_STARTED", dueDate: isoDaysFromToday(1) },
      { description: "Due today", status: "IN_PROGRESS", dueDate: isoDaysFromToday(0) },
    ]),
    );
  });

  it("are listed by the outcome list's filter", async () => {
    const ids = (await overdueList()).rows.map((r) => r.id);
    expect(ids).toContain(overdue.id);
    expect(ids).not.toContain(onTime.id);
  });

  it("have a dashboard panel that counts what the filtered list holds", async () => {
    const a = await needsAttention(staff, new Date(), 1000);
    const list = await overdueList();
    expect(a.followUpsOverdue.count).toBe(list.total);
    expect(a.followUpsOverdue.items.map((o) => o.id).sort()).toEqual(list.rows.map((r) => r.id).sort());
    const item = a.followUpsOverdue.items.find((o) => o.id === overdue.id)!;
    expect(item.followUps).toEqual([{ description: "Costing follow-up", dueDate: daysFromToday(0, new Date("2019-06-30T00:00:00Z")) }]);
    expect(a.links.followUpsOverdue).toBe("/outcomes?followUp=overdue");
    const partner = await needsAttention({ kind: "partner", countries: ["UZ"] }, new Date(), 1000);
    expect(partner.followUpsOverdue.items.map((o) => o.id)).toContain(overdue.id);
    expect((await needsAttention({ kind: "partner", countries: ["TM"] })).followUpsOverdue.items.map((o) => o.id)).not.toContain(overdue.id);
  });

  it("are flagged in the portal", async () => {
    const portal = await getPortalProgramme({ kind: "partner", countries: ["UZ"] }, programme.code);
    const flag = (id: string) => portal!.outcomes.find((o) => o.id === id)?.followUpOverdue;
    expect(flag(overdue.id)).toBe(true);
    expect(flag(onTime.id)).toBe(false);
  });
});

describe("outcomes without follow-up", () => {
  it("leave out an outcome with a planned action, in the list's filter and the dashboard's count alike", async () => {
    const plain = { activityId: workshop.id, type: "AGREED_NEXT_STEP", followUpStatus: "NOT_STARTED" } as const;
    const nothing = await createOutcome(ctxFor(actor), OutcomeFormSchema.parse({ ...plain, text: `Nothing planned ${uid()}`, followUps: [] }));
    const planned = await createOutcome(
      ctxFor(actor),
      OutcomeFormSchema.parse({ ...plain, text: `Action planned ${uid()}`, followUps: [{ description: "Draft the costing note", status: "NOT_STARTED" }] }),
    );
    const missing = await listOutcomes(staff, parseListQuery(new URLSearchParams({ followUp: "missing" }), OUTCOME_LIST), true);
    const ids = missing.rows.map((r) => r.id);
    expect(ids).toContain(nothing.id);
    expect(ids).not.toContain(planned.id);
    const panel = (await needsAttention(staff, new Date(), 1000)).outcomesWithoutFollowUp;
    expect(panel.count).toBe(missing.total);
    expect(panel.items.map((o) => o.id)).not.toContain(planned.id);
  });
});

describe("the migration", () => {
  it("moves each outcome's existing follow-up into one action", async () => {
    const sql = fs.readFileSync(
      fs.readdirSync("prisma/migrations").filter((d) => d.endsWith("_follow_up_actions")).map((d) => `prisma/migrations/${d}/migration.sql`)[0]!,
      "utf8",
    );
    const insert = sql.slice(sql.indexOf('INSERT INTO "FollowUpAction"')).trim().replace(/;$/, "");
    const kept = await prisma.outcome.create({
      data: { activityId: workshop.id, type: "ACTION_ITEM", text: "Report on the pilot", responsibleOrgId: owner.id, dueDate: new Date("2019-06-30T00:00:00Z"), followUpStatus: "IN_PROGRESS", followUpNote: "Pilot report in drafting" },
    });
    const untouched = await prisma.outcome.create({ data: { activityId: workshop.id, type: "DECISION", text: "Nothing to follow up" } });
    // Only these two outcomes: the statement as written, narrowed to them.
    await prisma.$executeRawUnsafe(`${insert.replace("WHERE ", "WHERE (")}) AND o."id" IN ('${kept.id}', '${untouched.id}')`);
    const actions = await prisma.followUpAction.findMany({ where: { outcomeId: { in: [kept.id, untouched.id] } } });
    expect(actions.map((a) => ({ ...a, createdAt: undefined, updatedAt: undefined }))).toEqual([
      {
        id: `fu_${kept.id}`,
        outcomeId: kept.id,
        position: 0,
        description: "Pilot report in drafting",
        ownerOrgId: owner.id,
        dueDate: new Date("2019-06-30T00:00:00Z"),
        status: "IN_PROGRESS",
        deliverableId: null,
        createdAt: undefined,
        updatedAt: undefined,
      },
    ]);
    expect((await overdueList()).rows.map((r) => r.id)).toContain(kept.id);
  });
});

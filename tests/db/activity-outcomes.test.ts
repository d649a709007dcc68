import { beforeAll, describe, expect, it } from "vitest";
import { ctxFor } from "~/models/ctx.server";
import { createActivity } from "~/models/activity.server";
import { ActivityFormSchema, NewActivityFormSchema } from "~/schemas/activity";
import { prisma } from "~/utils/db.server";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { createOrganisation, createProgramme, createUser, ensureCountries, uid } from "../factories";
import { englishErrors } from "../support/english";

// Issue 20: the new-activity form records what the activity agreed (outcomes
// with their follow-up actions) in the same submission, so an activity
// recorded offline needs no id from the server before its outcomes. One
// transaction: the activity, its outcomes and their actions, with the audit
// entries each would have had recorded one by one; a refused outcome saves
// nothing.

let actor: { id: string; email: string };
let programme: { id: string };
let ministry: { id: string; shortName: string };
let hospital: { id: string; shortName: string };

beforeAll(async () => {
  await ensureCountries(prisma, ["KZ"]);
  actor = (await createUser(prisma, { role: "STAFF" })).user;
  ministry = await createOrganisation(prisma, { shortName: `MoH-${uid()}`, countryCode: "KZ" });
  hospital = await createOrganisation(prisma, { shortName: `RegHosp-${uid()}`, countryCode: "KZ" });
  programme = await createProgramme(prisma, { countries: ["KZ"], title: "Primary care reform in Kazakhstan" });
});

const blankAction = { description: "", ownerOrgId: "", dueDate: "", status: "" };
const blankOutcome = { type: "", text: "", responsibleOrgId: "", dueDate: "", followUpStatus: "NOT_STARTED", followUpNote: "", followUps: [blankAction, blankAction] };

/** What the browser posts for a workshop of 12 with what it agreed, with overrides. */
function posted(title: string, outcomes: unknown[]): Record<string, unknown> {
  return {
    programmeId: programme.id,
    kind: "WORKSHOP",
    title,
    countryCode: "KZ",
    city: "Astana",
    status: "COMPLETED",
    actualStart: "2026-11-03",
    actualEnd: "2026-11-04",
    datePrecision: "DAY",
    participantsTotal: "12",
    participantsFemale: "7",
    participantsMale: "4",
    participantsOther: "1",
    organisations: [{ organisationId: ministry.id, role: "HOST" }],
    participantGroups: [{ organisationId: hospital.id, label: "", total: "12", female: "7", male: "4", other: "1" }],
    outcomes,
  };
}

const twoOutcomes = (tag: string) => [
  {
    type: "DECISION",
    text: `Adopt the referral protocol ${tag}`,
    responsibleOrgId: ministry.id,
    dueDate: "2027-03-31",
    followUpStatus: "IN_PROGRESS",
    followUpNote: "",
    followUps: [
      { description: `Draft the ministerial order ${tag}`, ownerOrgId: ministry.id, dueDate: "2027-01-15", status: "IN_PROGRESS" },
      blankAction,
      { description: `Train the district doctors ${tag}`, ownerOrgId: hospital.id, dueDate: "", status: "NOT_STARTED" },
    ],
  },
  { ...blankOutcome, type: "RECOMMENDATION", text: `Pilot the protocol in two regions ${tag}` },
  blankOutcome,
];

describe("NewActivityFormSchema", () => {
  it("keeps the outcomes that are filled in, in form order, with their filled actions; blank rows are dropped", () => {
    const data = NewActivityFormSchema.parse(posted("Workshop", twoOutcomes("x")));
    expect(data.outcomes.map((o) => o.text)).toEqual(["Adopt the referral protocol x", "Pilot the protocol in two regions x"]);
    expect(data.outcomes[0].followUps.map((a) => a.description)).toEqual(["Draft the ministerial order x", "Train the district doctors x"]);
    expect(data.outcomes[1].followUps).toEqual([]);
    expect(NewActivityFormSchema.parse(posted("Workshop", [blankOutcome, blankOutcome])).outcomes).toEqual([]);
    expect(NewActivityFormSchema.parse({ ...posted("Workshop", []), outcomes: undefined }).outcomes).toEqual([]);
  });

  it("names each refused field of an outcome and of its actions by its place in the form", () => {
    const result = NewActivityFormSchema.safeParse(
      posted("Workshop", [
        { ...blankOutcome, type: "DECISION", text: "Agreed", followUpStatus: "NOT_PURSUED", followUps: [blankAction, { ...blankAction, ownerOrgId: ministry.id, dueDate: "2027-13-40" }] },
        { ...blankOutcome, type: "RECOMMENDATION", text: "  " },
        { ...blankOutcome, text: "Somebody will do something" },
      ]),
    );
    expect(result.success).toBe(false);
    const errors = englishErrors(zodErrorsToFieldErrors(result.error!));
    expect(errors).toEqual({
      "outcomes.0.followUpNote": "Say in the follow-up note why it is not pursued.",
      "outcomes.0.followUps.1.description": "Enter what is to be done.",
      "outcomes.0.followUps.1.dueDate": expect.stringMatching(/due date/),
      "outcomes.0.followUps.1.status": "Choose the action's status.",
      "outcomes.1.text": "Enter what was agreed.",
      "outcomes.2.type": "Choose what kind of outcome this is.",
    });
  });

  it("is the new-activity form's only: the JSON API's and the import's schema carries no outcomes", () => {
    const data = ActivityFormSchema.parse(posted("Workshop", twoOutcomes("y")));
    expect("outcomes" in data).toBe(false);
  });
});

describe("createActivity with outcomes", () => {
  it("writes the activity, its outcomes and their actions in one go, with the audit entries of each", async () => {
    const tag = uid();
    const data = NewActivityFormSchema.parse(posted(`Referral workshop ${tag}`, twoOutcomes(tag)));
    const created = await createActivity(ctxFor(actor, undefined, { ip: "10.0.0.7" }), data);

    const activity = await prisma.activity.findUniqueOrThrow({ where: { id: created.id }, include: { participantGroups: true } });
    expect(activity).toMatchObject({ participantsTotal: 12, participantsFemale: 7, participantsMale: 4, participantsOther: 1 });
    expect(activity.participantGroups).toMatchObject([{ organisationId: hospital.id, total: 12, female: 7, male: 4, other: 1 }]);

    const outcomes = await prisma.outcome.findMany({
      where: { activityId: created.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { followUps: { orderBy: { position: "asc" } } },
    });
    expect(outcomes.map((o) => [o.type, o.text, o.responsibleOrgId, o.followUpStatus, o.dueDate?.toISOString().slice(0, 10) ?? null])).toEqual([
      ["DECISION", `Adopt the referral protocol ${tag}`, ministry.id, "IN_PROGRESS", "2027-03-31"],
      ["RECOMMENDATION", `Pilot the protocol in two regions ${tag}`, null, "NOT_STARTED", null],
    ]);
    expect(outcomes[0].followUps.map((a) => [a.position, a.description, a.ownerOrgId, a.status, a.dueDate?.toISOString().slice(0, 10) ?? null])).toEqual([
      [0, `Draft the ministerial order ${tag}`, ministry.id, "IN_PROGRESS", "2027-01-15"],
      [1, `Train the district doctors ${tag}`, hospital.id, "NOT_STARTED", null],
    ]);
    expect(outcomes[1].followUps).toEqual([]);

    const events = await prisma.auditEvent.findMany({
      where: { OR: [{ entityType: "Activity", entityId: created.id }, { entityType: "Outcome", entityId: { in: outcomes.map((o) => o.id) } }] },
      orderBy: { at: "asc" },
    });
    expect(events.map((e) => [e.entityType, e.action, e.actorId, e.ip])).toEqual(
      expect.arrayContaining([
        ["Activity", "create", actor.id, "10.0.0.7"],
        ["Outcome", "create", actor.id, "10.0.0.7"],
        ["Outcome", "create", actor.id, "10.0.0.7"],
      ]),
    );
    expect(events).toHaveLength(3);
    const first = events.find((e) => e.entityId === outcomes[0].id)!;
    // The same entry as /outcomes/new writes: the columns and the actions as lines naming their owners.
    expect(first.changes).toMatchObject({
      activityId: created.id,
      text: `Adopt the referral protocol ${tag}`,
      followUps: [`Draft the ministerial order ${tag} | ${ministry.shortName} | 2027-01-15 | IN_PROGRESS | `, `Train the district doctors ${tag} | ${hospital.shortName} |  | NOT_STARTED | `],
    });
  });

  it("saves nothing when an outcome is refused, and names the field on that outcome's row", async () => {
    const tag = uid();
    const title = `Refused workshop ${tag}`;
    const unknownOrg = `c${uid()}unknownorganisation`.slice(0, 25);
    const outcomes = twoOutcomes(tag);
    const second = { ...(outcomes[1] as Record<string, unknown>), responsibleOrgId: unknownOrg };
    const data = NewActivityFormSchema.parse(posted(title, [outcomes[0], second]));
    await expect(createActivity(ctxFor(actor), data)).rejects.toMatchObject({ code: "invalid", details: { field: "outcomes.1.responsibleOrgId" } });
    // Rows are named as the form shows them, blank rows counted.
    const afterBlank = NewActivityFormSchema.parse(posted(title, [blankOutcome, outcomes[0], blankOutcome, second]));
    await expect(createActivity(ctxFor(actor), afterBlank)).rejects.toMatchObject({ code: "invalid", details: { field: "outcomes.3.responsibleOrgId" } });

    const action = { description: `Follow up ${tag}`, ownerOrgId: unknownOrg, dueDate: "", status: "NOT_STARTED" };
    const withBadOwner = NewActivityFormSchema.parse(posted(title, [{ ...(outcomes[1] as Record<string, unknown>), followUps: [blankAction, action] }]));
    await expect(createActivity(ctxFor(actor), withBadOwner)).rejects.toMatchObject({ code: "invalid", details: { field: "outcomes.0.followUps.1.ownerOrgId" } });

    expect(await prisma.activity.count({ where: { title } })).toBe(0);
    expect(await prisma.outcome.count({ where: { text: { contains: tag } } })).toBe(0);
    expect(await prisma.followUpAction.count({ where: { description: { contains: tag } } })).toBe(0);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { ctxFor } from "~/models/ctx.server";
import type { Scope } from "~/auth/scope.server";
import {
  ACTIVITY_LIST,
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  setActivityArchived,
  updateActivity,
} from "~/models/activity.server";
import { ActivityFormSchema, type ActivityForm } from "~/schemas/activity";
import { prisma } from "~/utils/db.server";
import { ConflictError, DependentsError, DomainError } from "~/utils/errors.server";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { parseListQuery } from "~/utils/list-query";
import { createActivity as makeActivity, createTestAgreement } from "../factories/activity";
import { createOrganisation, createProgramme, createUser, ensureCountries, uid } from "../factories";
import { english, englishErrors } from "../support/english";

const staff: Scope = { kind: "staff" };
let actor: { id: string; email: string };
let other: { id: string; email: string };
let kzProgramme: { id: string; code: string };
let byProgramme: { id: string; code: string };
let kzAgreement: { id: string; title: string };
let byAgreement: { id: string; title: string };
let host: { id: string; shortName: string };
let funder: { id: string; shortName: string };

beforeAll(async () => {
  await ensureCountries(prisma, ["KZ", "BY", "KR"]);
  actor = (await createUser(prisma, { role: "STAFF" })).user;
  other = (await createUser(prisma, { role: "STAFF" })).user;
  funder = await createOrganisation(prisma, { shortName: `FUND-${uid()}` });
  host = await createOrganisation(prisma, { shortName: `KazMed-${uid()}`, countryCode: "KZ" });
  kzProgramme = await createProgramme(prisma, { countries: ["KZ"], funders: [funder.id], title: "Cancer care exchange with Kazakhstan" });
  byProgramme = await createProgramme(prisma, { countries: ["BY"], title: "Hospital payment reform in Belarus" });
  kzAgreement = await createTestAgreement(prisma, { programmeId: kzProgramme.id, title: "MoU on oncology training" });
  byAgreement = await createTestAgreement(prisma, { programmeId: byProgramme.id, title: "MoU on DRG payment" });
});

/** What a browser posts for a valid activity, with overrides. */
function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    programmeId: kzProgramme.id,
    kind: "TRAINING_COURSE",
    title: "Training course on palliative care",
    description: "",
    countryCode: "KZ",
    city: "Almaty",
    status: "COMPLETED",
    plannedStart: "2025-03-10",
    plannedEnd: "2025-03-14",
    actualStart: "2025-03-10",
    actualEnd: "2025-03-14",
    datePrecision: "DAY",
    participantsTotal: "30",
    participantsFemale: "18",
    participantsMale: "11",
    participantsOther: "1",
    participantsNote: "",
    agreementIds: [kzAgreement.id],
    organisations: [
      { organisationId: host.id, role: "HOST" },
      { organisationId: "", role: "" },
    ],
    participantGroups: [
      { organisationId: host.id, label: "", total: "20", female: "12", male: "8", other: "" },
      { organisationId: "", label: "Regional hospital nurses", total: "10", female: "6", male: "3", other: "1" },
      { organisationId: "", label: "", total: "", female: "", male: "", other: "" },
    ],
    ...overrides,
  };
}

function errorsOf(values: Record<string, unknown>) {
  const parsed = ActivityFormSchema.safeParse(values);
  return parsed.success ? {} : englishErrors(zodErrorsToFieldErrors(parsed.error));
}

function parse(values: Record<string, unknown>): ActivityForm {
  return ActivityFormSchema.parse(values);
}

describe("ActivityFormSchema", () => {
  it("accepts a complete activity and drops blank rows", () => {
    const data = parse(form());
    expect(data.participantsTotal).toBe(30);
    expect(data.organisations).toEqual([{ organisationId: host.id, role: "HOST" }]);
    expect(data.participantGroups).toHaveLength(2);
    expect(data.countryCode).toBe("KZ");
    expect(data.actualStart?.toISOString()).toBe("2025-03-10T00:00:00.000Z");
  });

  it("refuses female + male + other above the total, next to the total", () => {
    expect(errorsOf(form({ participantsFemale: "21" }))).toEqual({
      participantsTotal: "Female, male and other add up to 33, more than the total of 30.",
    });
  });

  it("asks for the total when figures by sex are given, but allows a past completed activity without any", () => {
    expect(errorsOf(form({ participantsTotal: "", participantGroups: [] })).participantsTotal).toBe(
      "Enter the total number of participants as well as the figures by sex.",
    );
    const past = form({
      participantsTotal: "",
      participantsFemale: "",
      participantsMale: "",
      participantsOther: "",
      participantsNote: "more than 80: policy-makers, facility managers",
      participantGroups: [],
      plannedStart: "2021-01-01",
      plannedEnd: "",
      actualStart: "2021-01-01",
      actualEnd: "",
      datePrecision: "YEAR",
    });
    expect(errorsOf(past)).toEqual({});
    expect(parse(past).participantsTotal).toBeUndefined();
  });

  it("refuses an end before its start, for each pair of dates", () => {
    const errors = errorsOf(form({ plannedEnd: "2025-03-09", actualEnd: "2025-03-01" }));
    expect(errors.plannedEnd).toBe("The planned end cannot be before the planned start.");
    expect(errors.actualEnd).toBe("The actual end cannot be before the actual start.");
    expect(errorsOf(form({ plannedStart: "2025-02-30" })).plannedStart).toBe("The planned start is not a real date.");
  });

  it("checks each participant group and the groups' sum", () => {
    const rowOver = errorsOf(form({ participantGroups: [{ organisationId: host.id, total: "5", female: "4", male: "2", other: "" }] }));
    expect(rowOver["participantGroups.0.total"]).toBe("Female, male and other add up to 6, more than this group's total of 5.");
    const unnamed = errorsOf(form({ participantGroups: [{ organisationId: "", label: "", total: "5" }] }));
    expect(unnamed["participantGroups.0.organisationId"]).toBe("Choose an organisation or give the group a label.");
    const noTotal = errorsOf(form({ participantGroups: [{ label: "Nurses", total: "", female: "3" }] }));
    expect(noTotal["participantGroups.0.total"]).toBe("Enter the group's total.");
    const sumOver = errorsOf(form({ participantGroups: [{ label: "A", total: "20" }, { label: "B", total: "11" }] }));
    expect(sumOver.participantGroups).toBe("The groups add up to 31 participants, more than the activity's total of 30.");
  });

  it("reports every problem at once, not only after the required fields are filled", () => {
    const errors = errorsOf(
      form({
        title: "",
        kind: "",
        plannedEnd: "2025-03-01",
        participantsFemale: "25",
        organisations: [{ organisationId: host.id, role: "" }],
        participantGroups: [{ label: "Nurses", total: "" }],
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(
      ["kind", "organisations.0.role", "participantGroups.0.total", "participantsTotal", "plannedEnd", "title"].sort(),
    );
  });

  it("refuses a country code that is not ISO 3166-1, and a role missing from an organisation row", () => {
    expect(errorsOf(form({ countryCode: "XX" })).countryCode).toBe("Use an ISO 3166-1 country code such as BY or KZ.");
    expect(parse(form({ countryCode: "kz" })).countryCode).toBe("KZ");
    expect(errorsOf(form({ organisations: [{ organisationId: host.id, role: "" }] }))["organisations.0.role"]).toBe("Choose the organisation's role.");
    expect(
      errorsOf(form({ organisations: [{ organisationId: host.id, role: "HOST" }, { organisationId: host.id, role: "HOST" }] }))["organisations.1.organisationId"],
    ).toBe("This organisation is listed twice with the same role.");
    // A blank row before the faulty one does not move the error to another row.
    expect(
      errorsOf(form({ organisations: [{ organisationId: "", role: "" }, { organisationId: host.id, role: "" }], participantGroups: [{}, {}, { label: "X", total: "" }] })),
    ).toEqual({ "organisations.1.role": "Choose the organisation's role.", "participantGroups.2.total": "Enter the group's total." });
  });
});

describe("saving activities", () => {
  it("creates an activity with its links in one audited transaction", async () => {
    const created = await createActivity(ctxFor(actor, undefined, { ip: "10.0.0.1" }), parse(form({ title: "Palliative care course" })));
    const activity = await getActivity(staff, created.id);
    expect(activity?.participantsFemale).toBe(18);
    expect(activity?.agreements.map((a) => a.agreementId)).toEqual([kzAgreement.id]);
    expect(activity?.organisations.map((o) => [o.organisationId, o.role])).toEqual([[host.id, "HOST"]]);
    expect(activity?.participantGroups.map((g) => [g.label, g.total, g.female, g.male, g.other])).toEqual([
      [null, 20, 12, 8, 0],
      ["Regional hospital nurses", 10, 6, 3, 1],
    ]);
    const events = await prisma.auditEvent.findMany({ where: { entityType: "Activity", entityId: created.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "create", actorEmail: actor.email, ip: "10.0.0.1", metadata: { version: 1 } });
    expect(events[0].changes).toMatchObject({
      title: "Palliative care course",
      actualStart: "2025-03-10",
      participantsTotal: 30,
      agreements: ["MoU on oncology training"],
      organisations: [`${host.shortName} (host)`],
    });
  });

  it("updates, bumps the version and records only the changed fields", async () => {
    const created = await createActivity(ctxFor(actor), parse(form()));
    const result = await updateActivity(
      ctxFor(actor),
      created.id,
      1,
      parse(form({ city: "Astana", participantGroups: [{ label: "Nurses", total: "30", female: "20", male: "10" }] })),
    );
    expect(result.changed.sort()).toEqual(["city", "participantGroups"]);
    const after = await prisma.activity.findUniqueOrThrow({ where: { id: created.id }, include: { participantGroups: true } });
    expect(after.version).toBe(2);
    expect(after.city).toBe("Astana");
    expect(after.participantGroups.map((g) => g.label)).toEqual(["Nurses"]);
    const update = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: created.id, action: "update" } });
    expect(update.changes).toEqual({
      city: { before: "Almaty", after: "Astana" },
      participantGroups: {
        before: [`${host.shortName}: 20 (F 12, M 8, other 0)`, "Regional hospital nurses: 10 (F 6, M 3, other 1)"],
        after: ["Nurses: 30 (F 20, M 10, other 0)"],
      },
    });
    expect(update.metadata).toEqual({ version: 2 });
  });

  it("keep the title and description in Russian and Korean as IATI narratives, and an edit keeps other languages", async () => {
    const created = await createActivity(
      ctxFor(actor),
      parse(form({ translations: { ru: { title: "Курс по паллиативной помощи", description: "" }, ko: { title: "", description: "" } } })),
    );
    expect((await prisma.activity.findUniqueOrThrow({ where: { id: created.id } })).translations).toEqual({
      ru: { title: "Курс по паллиативной помощи" },
    });
    // A language the form does not edit (Kazakh, from an import) and another field stay.
    await prisma.activity.update({
      where: { id: created.id },
      data: { translations: { ru: { title: "Курс по паллиативной помощи", participantsNote: "Примечание" }, kk: { title: "Паллиативтік көмек курсы" } } },
    });
    const result = await updateActivity(
      ctxFor(actor),
      created.id,
      1,
      parse(form({ translations: { ru: { title: "", description: "" }, ko: { title: "완화의료 연수", description: "설명" } } })),
    );
    expect(result.changed).toEqual(["translations"]);
    expect((await prisma.activity.findUniqueOrThrow({ where: { id: created.id } })).translations).toEqual({
      ru: { participantsNote: "Примечание" },
      kk: { title: "Паллиативтік көмек курсы" },
      ko: { title: "완화의료 연수", description: "설명" },
    });
    const update = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: created.id, action: "update" } });
    expect(update.changes).toEqual({
      translations: {
        before: ["kk title: Паллиативтік көмек курсы", "ru participantsNote: Примечание", "ru title: Курс по паллиативной помощи"],
        after: ["kk title: Паллиативтік көмек курсы", "ko description: 설명", "ko title: 완화의료 연수", "ru participantsNote: Примечание"],
      },
    });
  });

  it("refuses an agreement of another programme, naming it next to the field", async () => {
    const before = await prisma.activity.count();
    const error = await createActivity(ctxFor(actor), parse(form({ agreementIds: [kzAgreement.id, byAgreement.id] }))).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.details).toEqual({ field: "agreementIds" });
    expect(english(error.message)).toContain(`“MoU on DRG payment” belongs to ${byProgramme.code}`);
    expect(await prisma.activity.count()).toBe(before);
  });

  it("refuses a country the reference table does not hold", async () => {
    const error = await createActivity(ctxFor(actor), parse(form({ countryCode: "NZ" }))).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.details).toEqual({ field: "countryCode" });
  });

  it("refuses a stale version, naming what the other person changed", async () => {
    const created = await createActivity(ctxFor(actor), parse(form()));
    await updateActivity(ctxFor(other), created.id, 1, parse(form({ status: "POSTPONED" })));
    const error = await updateActivity(ctxFor(actor), created.id, 1, parse(form({ city: "Shymkent" }))).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.changes).toEqual({ status: { mine: "COMPLETED", theirs: "POSTPONED" } });
    expect(error.current.updatedBy).toBe(other.email);
    const row = await prisma.activity.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ city: "Almaty", status: "POSTPONED", version: 2 });
  });

  it("archives and restores, out of and back into the list", async () => {
    const created = await createActivity(ctxFor(actor), parse(form({ title: `Archivable ${uid()}` })));
    const query = (params: string) => parseListQuery(new URLSearchParams(params), ACTIVITY_LIST);
    await setActivityArchived(ctxFor(actor), created.id, true);
    expect((await listActivities(staff, query(`q=${created.title}`))).total).toBe(0);
    expect((await listActivities(staff, query(`q=${created.title}&archived=1`))).rows.map((r) => r.id)).toEqual([created.id]);
    await setActivityArchived(ctxFor(actor), created.id, false);
    expect((await listActivities(staff, query(`q=${created.title}`))).total).toBe(1);
    const actions = await prisma.auditEvent.findMany({ where: { entityId: created.id }, orderBy: { at: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["create", "archive", "restore"]);
  });

  it("refuses to delete an activity with outcomes, and deletes one without, links and all", async () => {
    const withOutcome = await createActivity(ctxFor(actor), parse(form()));
    await prisma.outcome.create({ data: { activityId: withOutcome.id, type: "DECISION", text: "Set up a palliative care unit in Almaty" } });
    const error = await deleteActivity(ctxFor(actor), withOutcome.id).catch((e) => e);
    expect(error).toBeInstanceOf(DependentsError);
    expect(error.message).toContain("outcome “Set up a palliative care unit in Almaty”");
    expect(await prisma.activity.count({ where: { id: withOutcome.id } })).toBe(1);

    const free = await createActivity(ctxFor(actor), parse(form()));
    await deleteActivity(ctxFor(actor), free.id);
    expect(await prisma.activity.count({ where: { id: free.id } })).toBe(0);
    expect(await prisma.activityAgreement.count({ where: { activityId: free.id } })).toBe(0);
    expect(await prisma.activityParticipantGroup.count({ where: { activityId: free.id } })).toBe(0);
    const deleted = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: free.id, action: "delete" } });
    expect(deleted.changes).toMatchObject({ title: "Training course on palliative care", agreements: ["MoU on oncology training"] });
  });
});

describe("listing activities", () => {
  let programme: { id: string };
  let org: { id: string; shortName: string };
  const ids: Record<string, string> = {};
  const query = (params: string) => parseListQuery(new URLSearchParams(`programme=${programme.id}&${params}`), ACTIVITY_LIST);
  const titles = async (params: string) => (await listActivities(staff, query(params))).rows.map((r) => r.title);

  beforeAll(async () => {
    programme = await createProgramme(prisma, { countries: ["KZ", "KR"] });
    org = await createOrganisation(prisma, { shortName: `NCC-Korea-${uid()}` });
    ids.march = (await makeActivity(prisma, {
      programmeId: programme.id,
      title: "March workshop",
      countryCode: "KZ",
      plannedStart: new Date("2025-02-01"),
      actualStart: new Date("2025-03-10"),
      organisations: [{ organisationId: org.id, role: "PARTICIPANT" }],
    })).id;
    ids.planned = (await makeActivity(prisma, { programmeId: programme.id, title: "Planned study visit", kind: "STUDY_VISIT", countryCode: "KR", plannedStart: new Date("2025-03-20") })).id;
    ids.april = (await makeActivity(prisma, {
      programmeId: programme.id,
      title: "April symposium",
      kind: "SYMPOSIUM",
      plannedStart: new Date("2025-03-05"),
      actualStart: new Date("2025-04-02"),
    })).id;
    ids.undated = (await makeActivity(prisma, { programmeId: programme.id, title: "Undated consultancy", kind: "CONSULTANCY", plannedStart: null })).id;
  });

  it("searches organisation names and Russian country names regardless of case", async () => {
    expect(await titles(`q=${org.shortName.toLowerCase()}`)).toEqual(["March workshop"]);
    expect(await titles("q=КАЗАХСТАН")).toEqual(["March workshop"]);
    expect(await titles("q=казахстан")).toEqual(["March workshop"]);
    expect(await titles("q=대한민국")).toEqual(["Planned study visit"]);
    expect(await titles("q=march WORKSHOP")).toEqual(["March workshop"]);
  });

  it("filters on the start: the actual one, or the planned one when there is none", async () => {
    expect((await titles("from=2025-03-01&to=2025-03-31")).sort()).toEqual(["March workshop", "Planned study visit"]);
    expect(await titles("from=2025-04-01")).toEqual(["April symposium"]);
    expect(await titles("to=2025-02-28")).toEqual([]);
    expect(await titles(`organisation=${org.id}`)).toEqual(["March workshop"]);
    expect(await titles("kind=STUDY_VISIT")).toEqual(["Planned study visit"]);
    expect(await titles("kind=WORKSHOP&country=KZ")).toEqual(["March workshop"]);
    expect(await titles("kind=WORKSHOP&country=KR")).toEqual([]);
    expect(await titles("kind=NOT_A_KIND")).toEqual([]);
  });

  it("sorts by start date, newest first by default, undated last, and pages", async () => {
    expect(await titles("")).toEqual(["April symposium", "Planned study visit", "March workshop", "Undated consultancy"]);
    expect(await titles("sort=start&dir=asc")).toEqual(["March workshop", "Planned study visit", "April symposium", "Undated consultancy"]);
    expect(await titles("sort=title&dir=asc")).toEqual(["April symposium", "March workshop", "Planned study visit", "Undated consultancy"]);
    const q = { ...query(""), perPage: 2, page: 2 };
    const page2 = await listActivities(staff, q);
    expect(page2.total).toBe(4);
    expect(page2.rows.map((r) => r.title)).toEqual(["March workshop", "Undated consultancy"]);
    expect((await listActivities(staff, q, true)).rows).toHaveLength(4);
  });
});

describe("scope", () => {
  it("hides activities of other countries' programmes from partners and of unfunded ones from donors", async () => {
    const byActivity = await makeActivity(prisma, { programmeId: byProgramme.id, title: "Belarus DRG workshop" });
    const kzActivity = await makeActivity(prisma, { programmeId: kzProgramme.id, title: "Kazakhstan oncology visit" });
    const archived = await makeActivity(prisma, { programmeId: kzProgramme.id, archived: true });
    const partner: Scope = { kind: "partner", countries: ["KZ"] };
    expect(await getActivity(partner, byActivity.id)).toBeNull();
    expect(await getActivity(partner, kzActivity.id)).not.toBeNull();
    expect(await getActivity(partner, archived.id)).toBeNull();
    const listed = await listActivities(partner, parseListQuery(new URLSearchParams("q=workshop"), ACTIVITY_LIST));
    expect(listed.rows.map((r) => r.title)).not.toContain("Belarus DRG workshop");
    const donor: Scope = { kind: "donor", organisationIds: [funder.id] };
    expect(await getActivity(donor, byActivity.id)).toBeNull();
    expect(await getActivity(donor, kzActivity.id)).not.toBeNull();
  });
});

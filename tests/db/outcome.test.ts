import { beforeAll, describe, expect, it } from "vitest";
import { ctxFor } from "~/models/ctx.server";
import type { Scope } from "~/auth/scope.server";
import { outcomeColumns } from "~/components/outcomes/outcome-columns";
import { serverTranslator } from "~/i18n/catalogues.server";
import { createFormatter } from "~/i18n/format";
import { inReaderLanguage } from "~/i18n/narrative";
import { listReadableHistory } from "~/models/deliverable.server";
import {
  createOutcome,
  deleteOutcome,
  getOutcome,
  listOutcomes,
  OUTCOME_LIST,
  setOutcomeArchived,
  updateOutcome,
} from "~/models/outcome.server";
import { toCsv } from "~/reports/csv.server";
import { OutcomeFormSchema, type OutcomeForm } from "~/schemas/outcome";
import { prisma } from "~/utils/db.server";
import { ConflictError, DependentsError } from "~/utils/errors.server";
import { parseListQuery } from "~/utils/list-query";
import { parse } from "csv-parse/sync";
import { createOrganisation, createProgramme, createUser, uid } from "../factories";
import { createActivity, createDeliverable, createDocument, createOutcome as makeOutcome, daysFromToday, isoDaysFromToday } from "../factories/deliverable";
import { english } from "../support/english";

// The list's columns as an English reader gets them (the loader builds them in the reader's language).
const en = serverTranslator("en");
const OUTCOME_COLUMNS = outcomeColumns(en, createFormatter(en));

const staff: Scope = { kind: "staff" };
let actor: { id: string; email: string };
let by: { id: string };
let kz: { id: string };
let workshop: { id: string; title: string };
let org: { id: string; shortName: string };

beforeAll(async () => {
  const { user } = await createUser(prisma, { role: "STAFF" });
  actor = { id: user.id, email: user.email };
  by = await createProgramme(prisma, { countries: ["BY"] });
  kz = await createProgramme(prisma, { countries: ["KZ"] });
  workshop = await createActivity(prisma, { programmeId: by.id, title: "Workshop on DRG coding" });
  org = await createOrganisation(prisma, { shortName: `RSPC-${uid()}` });
});

const form = (overrides: Partial<Record<string, unknown>> = {}): OutcomeForm =>
  OutcomeFormSchema.parse({ activityId: workshop.id, type: "DECISION", text: `Agreed ${uid()}`, followUpStatus: "NOT_STARTED", ...overrides });

const list = (params: Record<string, string>, scope: Scope = staff) => listOutcomes(scope, parseListQuery(new URLSearchParams(params), OUTCOME_LIST));

describe("OutcomeFormSchema", () => {
  it("requires the activity, a type, the text and a follow-up status", () => {
    const r = OutcomeFormSchema.safeParse({ activityId: "", type: "", text: " ", followUpStatus: "" });
    const messages = r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), english(i.message)]));
    expect(messages).toEqual({
      activityId: "Choose the workshop or meeting.",
      type: "Choose what kind of outcome this is.",
      text: "Enter what was agreed.",
      followUpStatus: "Choose the follow-up status.",
    });
  });

  it("keeps the text to 2000 characters and asks why an outcome is not pursued", () => {
    expect(OutcomeFormSchema.safeParse({ activityId: "a", type: "CONSENSUS", text: "x".repeat(2000), followUpStatus: "DONE" }).success).toBe(true);
    const long = OutcomeFormSchema.safeParse({ activityId: "a", type: "CONSENSUS", text: "x".repeat(2001), followUpStatus: "DONE" });
    expect(long.success ? null : english(long.error.issues[0].message)).toBe("Keep what was agreed under 2,000 characters.");
    const why = OutcomeFormSchema.safeParse({ activityId: "a", type: "RECOMMENDATION", text: "x", followUpStatus: "NOT_PURSUED", followUpNote: "" });
    expect(why.success ? null : why.error.issues.map((i) => [i.path.join("."), english(i.message)])).toEqual([
      ["followUpNote", "Say in the follow-up note why it is not pursued."],
    ]);
    expect(OutcomeFormSchema.safeParse({ activityId: "a", type: "RECOMMENDATION", text: "x", followUpStatus: "NOT_PURSUED", followUpNote: "Ministry declined" }).success).toBe(true);
  });
});

describe("creating and editing", () => {
  it("creates and edits with audit events", async () => {
    const o = await createOutcome(ctxFor(actor, undefined, { ip: "10.0.0.2" }), form({ text: "Set up a working group", responsibleOrgId: org.id }));
    const created = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Outcome", entityId: o.id, action: "create" } });
    expect(created.changes).toMatchObject({ text: "Set up a working group", activityId: workshop.id, responsibleOrgId: org.id, followUpStatus: "NOT_STARTED" });
    expect(created.ip).toBe("10.0.0.2");

    await updateOutcome(ctxFor(actor), o.id, 1, form({ text: "Set up a working group", responsibleOrgId: org.id, followUpStatus: "DONE", followUpNote: "Group met twice" }));
    const updated = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Outcome", entityId: o.id, action: "update" } });
    expect(updated.changes).toEqual({
      followUpStatus: { before: "NOT_STARTED", after: "DONE" },
      followUpNote: { before: null, after: "Group met twice" },
    });
    expect(updated.metadata).toEqual({ version: 2 });
  });

  it("keep the text in Russian and Korean as IATI narratives, shown in the reader's language, and an edit keeps other languages", async () => {
    const created = await createOutcome(ctxFor(actor), form({ text: "Adopt the DRG grouper", translations: { ru: { text: "Внедрить группировщик КЗГ" }, ko: { text: "" } } }));
    expect((await prisma.outcome.findUniqueOrThrow({ where: { id: created.id } })).translations).toEqual({
      ru: { text: "Внедрить группировщик КЗГ" },
    });
    // A language the form does not edit (Kazakh, from an import) and another field stay.
    await prisma.outcome.update({
      where: { id: created.id },
      data: { translations: { ru: { text: "Внедрить группировщик КЗГ", followUpNote: "Примечание" }, kk: { text: "КЗТ топтастырғышын енгізу" } } },
    });
    const result = await updateOutcome(ctxFor(actor), created.id, 1, form({ text: "Adopt the DRG grouper", translations: { ru: { text: "" }, ko: { text: "DRG 분류기 도입" } } }));
    expect(result.changed).toEqual(["translations"]);
    expect((await prisma.outcome.findUniqueOrThrow({ where: { id: created.id } })).translations).toEqual({
      ru: { followUpNote: "Примечание" },
      kk: { text: "КЗТ топтастырғышын енгізу" },
      ko: { text: "DRG 분류기 도입" },
    });
    const [latest] = await listReadableHistory("Outcome", created.id);
    expect(latest.changes).toEqual({
      translations: {
        before: ["kk text: КЗТ топтастырғышын енгізу", "ru followUpNote: Примечание", "ru text: Внедрить группировщик КЗГ"],
        after: ["kk text: КЗТ топтастырғышын енгізу", "ko text: DRG 분류기 도입", "ru followUpNote: Примечание"],
      },
    });
    // The record page shows the reader's language where the outcome has it, else its own text.
    const stored = await getOutcome(staff, created.id);
    expect(inReaderLanguage(stored, "ko")?.text).toBe("DRG 분류기 도입");
    expect(inReaderLanguage(stored, "ru")?.text).toBe("Adopt the DRG grouper");
  });

  it("links a deliverable of the same programme only", async () => {
    const own = await createDeliverable(prisma, { programmeId: by.id, title: "Coding guideline" });
    const foreign = await createDeliverable(prisma, { programmeId: kz.id });
    await expect(createOutcome(ctxFor(actor), form({ deliverableId: foreign.id }))).rejects.toMatchObject({ code: "invalid", details: { field: "deliverableId" } });
    const o = await createOutcome(ctxFor(actor), form({ deliverableId: own.id }));
    expect(o.deliverableId).toBe(own.id);
    // Moving the outcome to an activity of another programme would leave its deliverable behind: refused.
    const kzActivity = await createActivity(prisma, { programmeId: kz.id });
    await expect(updateOutcome(ctxFor(actor), o.id, 1, form({ activityId: kzActivity.id, text: o.text, deliverableId: own.id }))).rejects.toMatchObject({
      details: { field: "deliverableId" },
    });
    await updateOutcome(ctxFor(actor), o.id, 1, form({ text: o.text }));
    const history = await listReadableHistory("Outcome", o.id);
    expect(history[0].changes).toEqual({ deliverableId: { before: "Coding guideline", after: null } });
  });

  it("refuses a stale edit and names the changed field", async () => {
    const o = await createOutcome(ctxFor(actor), form({ text: "First wording" }));
    await updateOutcome(ctxFor(actor), o.id, 1, form({ text: "Second wording" }));
    const error = await updateOutcome(ctxFor(actor), o.id, 1, form({ text: "My wording" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changes).toEqual({ text: { mine: "First wording", theirs: "Second wording" } });
    expect((await prisma.outcome.findUniqueOrThrow({ where: { id: o.id } })).text).toBe("Second wording");
  });
});

describe("the list", () => {
  it("lists outcomes without follow-up: not started and no deliverable", async () => {
    const p = await createProgramme(prisma, { countries: ["UZ"] });
    const activity = await createActivity(prisma, { programmeId: p.id });
    const d = await createDeliverable(prisma, { programmeId: p.id });
    const missing = await makeOutcome(prisma, { activityId: activity.id, text: "missing" });
    await makeOutcome(prisma, { activityId: activity.id, text: "has deliverable", deliverableId: d.id });
    await makeOutcome(prisma, { activityId: activity.id, text: "in progress", followUpStatus: "IN_PROGRESS" });
    await makeOutcome(prisma, { activityId: activity.id, text: "not pursued", followUpStatus: "NOT_PURSUED" });
    await makeOutcome(prisma, { activityId: activity.id, text: "archived", archived: true });
    const { rows } = await list({ programme: p.id, followUp: "missing" });
    expect(rows.map((r) => r.id)).toEqual([missing.id]);
    expect((await list({ programme: p.id })).total).toBe(4);
    expect((await list({ programme: p.id, status: "IN_PROGRESS" })).rows.map((r) => r.text)).toEqual(["in progress"]);
  });

  it("searches text, activity, organisation and countries; filters by type, country and due dates", async () => {
    const p = await createProgramme(prisma, { countries: ["KR"] });
    const seoul = await createActivity(prisma, { programmeId: p.id, title: "Seoul symposium on patient safety", countryCode: "KR" });
    const a = await makeOutcome(prisma, { activityId: seoul.id, type: "RECOMMENDATION", text: "Adopt WHO surgical checklist", dueDate: daysFromToday(10) });
    const b = await makeOutcome(prisma, { activityId: seoul.id, type: "ACTION_ITEM", text: "Share the draft", responsibleOrgId: org.id, dueDate: daysFromToday(100) });
    const find = async (q: string) => (await list({ q, programme: p.id })).rows.map((r) => r.id).sort();
    expect(await find("CHECKLIST")).toEqual([a.id]);
    expect(await find("patient safety")).toEqual([a.id, b.id].sort());
    expect(await find(org.shortName.toLowerCase())).toEqual([b.id]);
    expect(await find("республика корея")).toEqual([a.id, b.id].sort());
    expect(await find("대한민국")).toEqual([a.id, b.id].sort());
    expect((await list({ programme: p.id, type: "ACTION_ITEM" })).rows.map((r) => r.id)).toEqual([b.id]);
    expect((await list({ country: "KR", organisation: org.id })).rows.map((r) => r.id)).toEqual([b.id]);
    expect((await list({ programme: p.id, from: isoDaysFromToday(0), to: isoDaysFromToday(30) })).rows.map((r) => r.id)).toEqual([a.id]);
    expect((await list({ programme: p.id, sort: "dueDate", dir: "desc" })).rows.map((r) => r.id)).toEqual([b.id, a.id]);

    const { rows } = await listOutcomes(staff, parseListQuery(new URLSearchParams({ programme: p.id, type: "RECOMMENDATION" }), OUTCOME_LIST), true);
    const csv = parse(toCsv(OUTCOME_COLUMNS, rows), { bom: true }) as string[][];
    expect(csv[0]).toEqual(["Outcome", "Type", "Activity", "Programme", "Responsible", "Due", "Follow-up", "Deliverable"]);
    expect(csv[1].slice(0, 3)).toEqual(["Adopt WHO surgical checklist", "Recommendation", "Seoul symposium on patient safety"]);
  });
});

describe("scope, archive and delete", () => {
  it("shows an outcome to partners of the programme's countries only", async () => {
    const o = await makeOutcome(prisma, { activityId: workshop.id });
    expect((await getOutcome({ kind: "partner", countries: ["BY"] }, o.id))?.id).toBe(o.id);
    expect(await getOutcome({ kind: "partner", countries: ["KZ"] }, o.id)).toBeNull();
    expect(await getOutcome({ kind: "donor", organisationIds: [] }, o.id)).toBeNull();
    const archivedActivity = await createActivity(prisma, { programmeId: by.id, archived: true });
    const hidden = await makeOutcome(prisma, { activityId: archivedActivity.id });
    expect(await getOutcome({ kind: "partner", countries: ["BY"] }, hidden.id)).toBeNull();
    expect(await getOutcome(staff, hidden.id)).not.toBeNull();
  });

  it("archives and restores, and refuses to delete an outcome with documents or comments", async () => {
    const o = await createOutcome(ctxFor(actor), form({ text: "Archivable" }));
    await setOutcomeArchived(ctxFor(actor), o.id, true);
    expect((await list({ q: "Archivable" })).total).toBe(0);
    await setOutcomeArchived(ctxFor(actor), o.id, false);
    expect((await list({ q: "Archivable" })).total).toBe(1);

    await createDocument(prisma, { programmeId: by.id, outcomeId: o.id, title: "Minutes" });
    const { user } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    await prisma.comment.create({ data: { authorId: user.id, outcomeId: o.id, body: "We support this." } });
    const error = await deleteOutcome(ctxFor(actor), o.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependentsError);
    expect((error as DependentsError).message).toContain("document “Minutes”");
    expect((error as DependentsError).message).toContain("comment “We support this.”");

    const free = await createOutcome(ctxFor(actor), form());
    await deleteOutcome(ctxFor(actor), free.id);
    expect(await prisma.outcome.findUnique({ where: { id: free.id } })).toBeNull();
    expect((await prisma.auditEvent.findMany({ where: { entityId: free.id } })).map((e) => e.action).sort()).toEqual(["create", "delete"]);
  });
});

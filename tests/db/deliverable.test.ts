import { beforeAll, describe, expect, it } from "vitest";
import { ctxFor } from "~/models/ctx.server";
import type { Scope } from "~/auth/scope.server";
import { deliverableColumns } from "~/components/deliverables/deliverable-columns";
import { serverTranslator } from "~/i18n/catalogues.server";
import { createFormatter } from "~/i18n/format";
import {
  createDeliverable,
  deleteDeliverable,
  DELIVERABLE_LIST,
  deliverablePrefill,
  getDeliverable,
  listDeliverables,
  listReadableHistory,
  setDeliverableArchived,
  titleFromOutcomeText,
  updateDeliverable,
} from "~/models/deliverable.server";
import { toCsv } from "~/reports/csv.server";
import { DeliverableFormSchema, isDeliverableOverdue, type DeliverableForm } from "~/schemas/deliverable";
import { prisma } from "~/utils/db.server";
import { ConflictError, DependentsError } from "~/utils/errors.server";
import { parseListQuery } from "~/utils/list-query";
import { parse } from "csv-parse/sync";
import { createOrganisation, createProgramme, createUser, uid } from "../factories";
import { createActivity, createAgreement, createDeliverable as makeDeliverable, createDocument, createOutcome, daysFromToday, isoDaysFromToday } from "../factories/deliverable";
import { english } from "../support/english";

// The list's columns as an English reader gets them (the loader builds them in the reader's language).
const en = serverTranslator("en");
const DELIVERABLE_COLUMNS = deliverableColumns(en, createFormatter(en));

const staff: Scope = { kind: "staff" };
let actor: { id: string; email: string };
let by: { id: string; code: string; title: string };
let kz: { id: string; code: string };
let org: { id: string; shortName: string };

beforeAll(async () => {
  const { user } = await createUser(prisma, { role: "STAFF" });
  actor = { id: user.id, email: user.email };
  by = await createProgramme(prisma, { countries: ["BY"], title: "Hospital payment reform" });
  kz = await createProgramme(prisma, { countries: ["KZ"], title: "Cancer care exchange" });
  org = await createOrganisation(prisma, { shortName: `MOH-${uid()}` });
  await prisma.organisation.update({ where: { id: org.id }, data: { fullName: "Министерство здравоохранения Республики Беларусь" } });
});

const form = (overrides: Partial<Record<string, unknown>> = {}): DeliverableForm =>
  DeliverableFormSchema.parse({ programmeId: by.id, title: `Report ${uid()}`, status: "NOT_STARTED", ...overrides });

const list = (params: Record<string, string>, scope: Scope = staff) => listDeliverables(scope, parseListQuery(new URLSearchParams(params), DELIVERABLE_LIST));

describe("DeliverableFormSchema", () => {
  it("requires a programme, a title and a status, and explains each", () => {
    const r = DeliverableFormSchema.safeParse({ programmeId: "", title: "  ", status: "" });
    expect(r.success).toBe(false);
    const messages = r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), english(i.message)]));
    expect(messages).toEqual({ programmeId: "Choose the programme.", title: "Enter a title.", status: "Choose a status." });
  });

  it("keeps titles under 300 characters, checks dates and drops blank optional fields", () => {
    expect(DeliverableFormSchema.safeParse({ programmeId: "p", title: "x".repeat(301), status: "NOT_STARTED" }).success).toBe(false);
    const badDate = DeliverableFormSchema.safeParse({ programmeId: "p", title: "T", status: "NOT_STARTED", dueDate: "2025-02-30" });
    expect(badDate.success ? null : english(badDate.error.issues[0].message)).toBe("The due date is not a real date.");
    const ok = DeliverableFormSchema.parse({ programmeId: "p", title: "  T  ", status: "SUBMITTED", agreementId: "", activityId: "", dueDate: "2025-06-30" });
    expect(ok).toMatchObject({ title: "T", status: "SUBMITTED", agreementId: undefined, activityId: undefined });
    expect(ok.dueDate?.toISOString()).toBe("2025-06-30T00:00:00.000Z");
    expect(DeliverableFormSchema.safeParse({ programmeId: "p", title: "T", status: "OVERDUE" }).success).toBe(false);
  });

  it("computes overdue: due before today and not started or in progress", () => {
    const today = daysFromToday(0);
    expect(isDeliverableOverdue({ dueDate: daysFromToday(-1), status: "NOT_STARTED" }, today)).toBe(true);
    expect(isDeliverableOverdue({ dueDate: daysFromToday(-1).toISOString(), status: "IN_PROGRESS" }, today)).toBe(true);
    expect(isDeliverableOverdue({ dueDate: daysFromToday(0), status: "NOT_STARTED" }, today)).toBe(false);
    expect(isDeliverableOverdue({ dueDate: daysFromToday(-1), status: "SUBMITTED" }, today)).toBe(false);
    expect(isDeliverableOverdue({ dueDate: daysFromToday(-1), status: "ACCEPTED" }, today)).toBe(false);
    expect(isDeliverableOverdue({ dueDate: null, status: "NOT_STARTED" }, today)).toBe(false);
  });
});

describe("creating and editing", () => {
  it("creates with an audit event and records each edit with before and after", async () => {
    const agreement = await createAgreement(prisma, { programmeId: by.id, title: "MoU on DRG" });
    const created = await createDeliverable(ctxFor(actor, undefined, { ip: "10.0.0.1" }), form({ title: "Tariff methodology", agreementId: agreement.id, responsibleOrgId: org.id }));
    const createEvent = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Deliverable", entityId: created.id, action: "create" } });
    expect(createEvent).toMatchObject({ actorEmail: actor.email, ip: "10.0.0.1", metadata: { version: 1 } });
    expect(createEvent.changes).toMatchObject({ title: "Tariff methodology", agreementId: agreement.id, status: "NOT_STARTED" });

    const result = await updateDeliverable(ctxFor(actor), created.id, 1, form({ title: "Tariff methodology v2", agreementId: agreement.id, responsibleOrgId: org.id }));
    expect(result.changed).toEqual(["title"]);
    const row = await prisma.deliverable.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ title: "Tariff methodology v2", version: 2 });
    const updateEvent = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Deliverable", entityId: created.id, action: "update" } });
    expect(updateEvent.changes).toEqual({ title: { before: "Tariff methodology", after: "Tariff methodology v2" } });
    expect(updateEvent.metadata).toEqual({ version: 2 });

    // Unchanged forms neither bump the version nor write history.
    expect((await updateDeliverable(ctxFor(actor), created.id, 2, form({ title: "Tariff methodology v2", agreementId: agreement.id, responsibleOrgId: org.id }))).changed).toEqual([]);
    expect((await prisma.deliverable.findUniqueOrThrow({ where: { id: created.id } })).version).toBe(2);

    // History names what references point at.
    await updateDeliverable(ctxFor(actor), created.id, 2, form({ title: "Tariff methodology v2", responsibleOrgId: org.id }));
    const history = await listReadableHistory("Deliverable", created.id);
    expect(history[0].changes).toEqual({ agreementId: { before: "MoU on DRG", after: null } });
  });

  it("keep the title and description in Russian and Korean as IATI narratives, and an edit keeps other languages", async () => {
    const created = await createDeliverable(
      ctxFor(actor),
      form({ title: "Tariff methodology", translations: { ru: { title: "Методика тарифов", description: "" }, ko: { title: "", description: "" } } }),
    );
    expect((await prisma.deliverable.findUniqueOrThrow({ where: { id: created.id } })).translations).toEqual({
      ru: { title: "Методика тарифов" },
    });
    // A language the form does not edit (Kazakh, from an import) and another field stay.
    await prisma.deliverable.update({
      where: { id: created.id },
      data: { translations: { ru: { title: "Методика тарифов", note: "Примечание" }, kk: { title: "Тарифтер әдістемесі" } } },
    });
    const result = await updateDeliverable(
      ctxFor(actor),
      created.id,
      1,
      form({ title: "Tariff methodology", translations: { ru: { title: "", description: "" }, ko: { title: "수가 방법론", description: "설명" } } }),
    );
    expect(result.changed).toEqual(["translations"]);
    expect((await prisma.deliverable.findUniqueOrThrow({ where: { id: created.id } })).translations).toEqual({
      ru: { note: "Примечание" },
      kk: { title: "Тарифтер әдістемесі" },
      ko: { title: "수가 방법론", description: "설명" },
    });
    const [latest] = await listReadableHistory("Deliverable", created.id);
    expect(latest.changes).toEqual({
      translations: {
        before: ["kk title: Тарифтер әдістемесі", "ru note: Примечание", "ru title: Методика тарифов"],
        after: ["kk title: Тарифтер әдістемесі", "ko description: 설명", "ko title: 수가 방법론", "ru note: Примечание"],
      },
    });
  });

  it("sets submittedAt and acceptedAt as the status moves, and clears them when it moves back", async () => {
    const d = await createDeliverable(ctxFor(actor), form({ status: "IN_PROGRESS" }));
    expect(d).toMatchObject({ submittedAt: null, acceptedAt: null });
    // Without a date entered, the day the status changed (a calendar date).
    const t1 = new Date("2025-05-01T10:00:00Z");
    const day1 = new Date("2025-05-01T00:00:00Z");
    await updateDeliverable(ctxFor(actor), d.id, 1, form({ title: d.title, status: "SUBMITTED" }), t1);
    expect(await prisma.deliverable.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ submittedAt: day1, acceptedAt: null });
    const t2 = new Date("2025-05-20T10:00:00Z");
    const day2 = new Date("2025-05-20T00:00:00Z");
    await updateDeliverable(ctxFor(actor), d.id, 2, form({ title: d.title, status: "ACCEPTED" }), t2);
    expect(await prisma.deliverable.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "ACCEPTED", submittedAt: day1, acceptedAt: day2 });
    const accepted = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: d.id, action: "update", metadata: { equals: { version: 3 } } } });
    expect(accepted.changes).toMatchObject({ status: { before: "SUBMITTED", after: "ACCEPTED" }, acceptedAt: { before: null, after: "2025-05-20" } });
    await updateDeliverable(ctxFor(actor), d.id, 3, form({ title: d.title, status: "SUBMITTED" }), new Date("2025-06-01T00:00:00Z"));
    expect(await prisma.deliverable.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ submittedAt: day1, acceptedAt: null });
    await updateDeliverable(ctxFor(actor), d.id, 4, form({ title: d.title, status: "IN_PROGRESS" }));
    expect(await prisma.deliverable.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ submittedAt: null, acceptedAt: null });

    // Accepting something never submitted records both dates.
    const direct = await createDeliverable(ctxFor(actor), form({ status: "ACCEPTED" }), t2);
    expect(direct).toMatchObject({ submittedAt: day2, acceptedAt: day2 });
  });

  it("records submission and acceptance on the days they happened, for history entered later", async () => {
    // Submitted in 2020, recorded today: stamped with 2020, not today.
    const d = await createDeliverable(ctxFor(actor), form({ status: "SUBMITTED", submittedOn: "2020-03-15" }));
    expect(d).toMatchObject({ submittedAt: new Date("2020-03-15T00:00:00Z"), acceptedAt: null });
    // Accepted later, also back-entered; the submission date sent back unchanged stays.
    await updateDeliverable(ctxFor(actor), d.id, 1, form({ title: d.title, status: "ACCEPTED", submittedOn: "2020-03-15", acceptedOn: "2020-04-02" }));
    expect(await prisma.deliverable.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({
      submittedAt: new Date("2020-03-15T00:00:00Z"),
      acceptedAt: new Date("2020-04-02T00:00:00Z"),
      version: 2,
    });
    // A recorded date can be corrected.
    await updateDeliverable(ctxFor(actor), d.id, 2, form({ title: d.title, status: "ACCEPTED", submittedOn: "2020-03-10", acceptedOn: "2020-04-02" }));
    const corrected = await prisma.deliverable.findUniqueOrThrow({ where: { id: d.id } });
    expect(corrected.submittedAt).toEqual(new Date("2020-03-10T00:00:00Z"));
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: d.id, action: "update", metadata: { equals: { version: 3 } } } });
    expect(audit.changes).toEqual({ submittedAt: { before: "2020-03-15", after: "2020-03-10" } });
    // Dates entered for a status they do not belong to are not kept.
    const open = await createDeliverable(ctxFor(actor), form({ status: "IN_PROGRESS", submittedOn: "2020-03-15" }));
    expect(open).toMatchObject({ submittedAt: null, acceptedAt: null });
  });

  it("keeps a recorded time of day when the form sends the same day back", async () => {
    const d = await makeDeliverable(prisma, { programmeId: by.id, status: "SUBMITTED" });
    const recorded = new Date("2024-02-03T14:25:00Z");
    await prisma.deliverable.update({ where: { id: d.id }, data: { submittedAt: recorded } });
    const result = await updateDeliverable(ctxFor(actor), d.id, 1, form({ title: d.title, status: "SUBMITTED", dueDate: isoDaysFromToday(60), submittedOn: "2024-02-03" }));
    expect(result).toMatchObject({ changed: [] });
    expect((await prisma.deliverable.findUniqueOrThrow({ where: { id: d.id } })).submittedAt).toEqual(recorded);
  });

  it("refuses event dates in the future or out of order, next to the field", async () => {
    const far = isoDaysFromToday(3);
    const r = DeliverableFormSchema.safeParse({ programmeId: by.id, title: "T", status: "ACCEPTED", submittedOn: far, acceptedOn: far });
    const messages = r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), english(i.message)]));
    expect(messages).toEqual({
      submittedOn: "The submission date cannot be in the future.",
      acceptedOn: "The acceptance date cannot be in the future.",
    });
    const order = DeliverableFormSchema.safeParse({ programmeId: by.id, title: "T", status: "ACCEPTED", submittedOn: "2020-05-01", acceptedOn: "2020-04-01" });
    expect(order.success ? {} : Object.fromEntries(order.error.issues.map((i) => [i.path.join("."), english(i.message)]))).toEqual({
      acceptedOn: "The acceptance date cannot be before the submission date.",
    });
    expect(DeliverableFormSchema.safeParse({ programmeId: by.id, title: "T", status: "SUBMITTED", submittedOn: isoDaysFromToday(0) }).success).toBe(true);

    // Against the recorded submission: refused by the model, nothing saved.
    const d = await createDeliverable(ctxFor(actor), form({ status: "SUBMITTED", submittedOn: "2021-06-01" }));
    const error = await updateDeliverable(ctxFor(actor), d.id, 1, form({ title: d.title, status: "ACCEPTED", acceptedOn: "2021-05-01" })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid", details: { field: "acceptedOn" } });
    expect(english((error as Error).message)).toBe("The acceptance date cannot be before the submission date.");
    expect(await prisma.deliverable.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "SUBMITTED", version: 1 });
  });

  it("refuses an agreement, activity or evidence document from another programme", async () => {
    const foreignAgreement = await createAgreement(prisma, { programmeId: kz.id });
    const foreignActivity = await createActivity(prisma, { programmeId: kz.id });
    const foreignDocument = await createDocument(prisma, { programmeId: kz.id });
    const before = await prisma.deliverable.count();
    const foreign = await createDeliverable(ctxFor(actor), form({ agreementId: foreignAgreement.id })).catch((e) => e);
    expect(foreign).toMatchObject({ code: "invalid", details: { field: "agreementId" } });
    expect(english(foreign.message)).toBe("This agreement belongs to another programme. Choose one of this programme's agreements.");
    await expect(createDeliverable(ctxFor(actor), form({ activityId: foreignActivity.id }))).rejects.toMatchObject({ code: "invalid", details: { field: "activityId" } });
    await expect(createDeliverable(ctxFor(actor), form({ evidenceDocumentId: foreignDocument.id }))).rejects.toMatchObject({ details: { field: "evidenceDocumentId" } });
    await expect(createDeliverable(ctxFor(actor), form({ agreementId: "no-such-id" }))).rejects.toMatchObject({ details: { field: "agreementId" } });
    expect(await prisma.deliverable.count()).toBe(before);

    // The same on edits, and nothing changes.
    const d = await createDeliverable(ctxFor(actor), form());
    await expect(updateDeliverable(ctxFor(actor), d.id, 1, form({ title: "Moved", activityId: foreignActivity.id }))).rejects.toMatchObject({ details: { field: "activityId" } });
    expect(await prisma.deliverable.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ title: d.title, version: 1 });
  });

  it("lets a document be the evidence of one deliverable only", async () => {
    const doc = await createDocument(prisma, { programmeId: by.id, title: "Final report" });
    const first = await createDeliverable(ctxFor(actor), form({ evidenceDocumentId: doc.id, status: "SUBMITTED" }));
    const taken = await createDeliverable(ctxFor(actor), form({ evidenceDocumentId: doc.id })).catch((e) => e);
    expect(taken).toMatchObject({ details: { field: "evidenceDocumentId" } });
    expect(english(taken.message)).toBe(`This document is already the evidence for “${first.title}”.`);
    // Saving the first one again with its own evidence is fine.
    await expect(updateDeliverable(ctxFor(actor), first.id, 1, form({ title: "Renamed", evidenceDocumentId: doc.id, status: "SUBMITTED" }))).resolves.toMatchObject({ changed: ["title"] });
  });

  it("refuses a stale edit, naming what the other person changed, and keeps their version", async () => {
    const d = await createDeliverable(ctxFor(actor), form({ title: "Original title" }));
    await updateDeliverable(ctxFor(actor), d.id, 1, form({ title: "Their title" }));
    const error = await updateDeliverable(ctxFor(actor), d.id, 1, form({ title: "My title" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changes).toEqual({ title: { mine: "Original title", theirs: "Their title" } });
    expect((error as ConflictError).current).toMatchObject({ version: 2, updatedBy: actor.email });
    expect(await prisma.deliverable.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ title: "Their title", version: 2 });
  });
});

describe("prefilling /deliverables/new", () => {
  it("takes the programme from ?programme=, ?agreement= or ?activity=, and ignores what does not fit", async () => {
    const agreement = await createAgreement(prisma, { programmeId: by.id });
    const activity = await createActivity(prisma, { programmeId: by.id });
    const foreignActivity = await createActivity(prisma, { programmeId: kz.id });
    const prefill = async (params: Record<string, string>, scope: Scope = staff) => (await deliverablePrefill(scope, new URLSearchParams(params))).defaults;
    expect(await prefill({ programme: kz.id })).toEqual({ status: "NOT_STARTED", programmeId: kz.id });
    expect(await prefill({ programme: "nope" })).toEqual({ status: "NOT_STARTED" });
    expect(await prefill({ agreement: agreement.id })).toEqual({ status: "NOT_STARTED", programmeId: by.id, agreementId: agreement.id });
    expect(await prefill({ agreement: agreement.id, activity: activity.id })).toMatchObject({ programmeId: by.id, agreementId: agreement.id, activityId: activity.id });
    expect(await prefill({ agreement: agreement.id, activity: foreignActivity.id })).toEqual({ status: "NOT_STARTED", programmeId: by.id, agreementId: agreement.id });
    // Out of scope is as good as missing.
    expect(await prefill({ agreement: agreement.id }, { kind: "partner", countries: ["KZ"] })).toEqual({ status: "NOT_STARTED" });
  });
});

describe("creating a deliverable from a workshop outcome", () => {
  it("links both ways and moves the outcome's follow-up to In progress, with audit events for both", async () => {
    const activity = await createActivity(prisma, { programmeId: by.id });
    const outcome = await createOutcome(prisma, { activityId: activity.id, text: "  Agreed:\n draft the roadmap by June  ", responsibleOrgId: org.id, dueDate: daysFromToday(20) });
    const { defaults } = await deliverablePrefill(staff, new URLSearchParams({ outcome: outcome.id }));
    expect(defaults).toMatchObject({
      outcomeId: outcome.id,
      title: "Agreed: draft the roadmap by June",
      programmeId: by.id,
      activityId: activity.id,
      responsibleOrgId: org.id,
      dueDate: isoDaysFromToday(20),
    });
    const d = await createDeliverable(ctxFor(actor), form(defaults));
    const linked = await prisma.outcome.findUniqueOrThrow({ where: { id: outcome.id } });
    expect(linked).toMatchObject({ deliverableId: d.id, followUpStatus: "IN_PROGRESS", version: 2 });
    expect((await getDeliverable(staff, d.id))?.outcomes.map((o) => o.id)).toEqual([outcome.id]);
    const events = await prisma.auditEvent.findMany({ where: { entityId: { in: [d.id, outcome.id] } }, orderBy: { entityType: "asc" } });
    expect(events.map((e) => [e.entityType, e.action])).toEqual([["Deliverable", "create"], ["Outcome", "update"]]);
    expect(events[0].changes).toMatchObject({ outcomeId: outcome.id });
    expect(events[1].changes).toEqual({ followUpStatus: { before: "NOT_STARTED", after: "IN_PROGRESS" }, deliverableId: { before: null, after: d.id } });
    expect(events[1].metadata).toEqual({ version: 2 });

    // The outcome is carried out now: a second deliverable from it is refused, and not created.
    const count = await prisma.deliverable.count();
    await expect(createDeliverable(ctxFor(actor), form({ ...defaults, title: "Again" }))).rejects.toMatchObject({ code: "invalid" });
    expect(await prisma.deliverable.count()).toBe(count);
    expect((await deliverablePrefill(staff, new URLSearchParams({ outcome: outcome.id }))).defaults.outcomeId).toBeUndefined();
  });

  it("keeps a later follow-up status, trims long text to 300 characters, and refuses another programme", async () => {
    expect(titleFromOutcomeText("a".repeat(400))).toHaveLength(300);
    const activity = await createActivity(prisma, { programmeId: by.id });
    const done = await createOutcome(prisma, { activityId: activity.id, followUpStatus: "DONE", text: "b".repeat(500) });
    const { defaults } = await deliverablePrefill(staff, new URLSearchParams({ outcome: done.id }));
    expect(String(defaults.title).length).toBeLessThanOrEqual(300);
    await createDeliverable(ctxFor(actor), form(defaults));
    expect((await prisma.outcome.findUniqueOrThrow({ where: { id: done.id } })).followUpStatus).toBe("DONE");

    const other = await createOutcome(prisma, { activityId: activity.id });
    const count = await prisma.deliverable.count();
    await expect(createDeliverable(ctxFor(actor), form({ programmeId: kz.id, outcomeId: other.id }))).rejects.toMatchObject({ details: { field: "programmeId" } });
    expect(await prisma.deliverable.count()).toBe(count);
    expect(await prisma.outcome.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ deliverableId: null, followUpStatus: "NOT_STARTED" });
  });
});

describe("the list", () => {
  it("filters overdue and due in the next 30 days relative to today, and marks overdue rows", async () => {
    const p = await createProgramme(prisma, { countries: ["UZ"] });
    const make = (title: string, days: number | null, status: "NOT_STARTED" | "IN_PROGRESS" | "SUBMITTED" | "ACCEPTED" = "NOT_STARTED", archived = false) =>
      makeDeliverable(prisma, { programmeId: p.id, title, dueDate: days === null ? null : daysFromToday(days), status, archived });
    await make("late", -1);
    await make("late in progress", -40, "IN_PROGRESS");
    await make("late but submitted", -3, "SUBMITTED");
    await make("late but archived", -2, "NOT_STARTED", true);
    await make("today", 0, "IN_PROGRESS");
    await make("in 29 days", 29);
    await make("in 30 days", 30);
    await make("in 31 days", 31);
    await make("accepted soon", 5, "ACCEPTED");
    await make("no date", null);

    const titles = async (params: Record<string, string>) => (await list({ programme: p.id, sort: "title", dir: "asc", ...params })).rows.map((r) => r.title);
    expect(await titles({ due: "overdue" })).toEqual(["late", "late in progress"]);
    expect(await titles({ due: "next30" })).toEqual(["in 29 days", "in 30 days", "today"]);
    expect(await titles({ due: "nonsense" })).toHaveLength(9);

    const all = (await list({ programme: p.id })).rows;
    expect(all.filter((r) => r.overdue).map((r) => r.title).sort()).toEqual(["late", "late in progress"]);
    // Due date ascending by default, undated last.
    expect(all.map((r) => r.title)).toEqual(["late in progress", "late but submitted", "late", "today", "accepted soon", "in 29 days", "in 30 days", "in 31 days", "no date"]);
    expect((await list({ programme: p.id, dir: "desc" })).rows.at(-1)?.title).toBe("no date");

    expect(await titles({ from: isoDaysFromToday(0), to: isoDaysFromToday(29) })).toEqual(["accepted soon", "in 29 days", "today"]);
    expect(await titles({ status: "SUBMITTED" })).toEqual(["late but submitted"]);
    expect(await titles({ archived: "1" })).toEqual(["late but archived"]);
  });

  it("searches titles, descriptions, responsible organisations and countries in three languages, case-insensitively", async () => {
    const p = await createProgramme(prisma, { countries: ["KR"], title: "Quality of care" });
    const a = await makeDeliverable(prisma, { programmeId: p.id, title: "Hospital ACCREDITATION standards" });
    const b = await makeDeliverable(prisma, { programmeId: p.id, title: "Other", description: "Глоссарий терминов", responsibleOrgId: org.id });
    const find = async (q: string) => (await list({ q, programme: p.id })).rows.map((r) => r.id).sort();
    expect(await find("accreditation")).toEqual([a.id]);
    expect(await find("глоссарий")).toEqual([b.id]);
    expect(await find("министерство здравоохранения")).toEqual([b.id]);
    expect(await find(org.shortName.toLowerCase())).toEqual([b.id]);
    expect(await find("корея")).toEqual([a.id, b.id].sort());
    expect(await find("대한민국")).toEqual([a.id, b.id].sort());
    expect(await find("korea")).toEqual([a.id, b.id].sort());
    expect(await find("nothing like this")).toEqual([]);
    expect((await list({ country: "KR", organisation: org.id })).rows.map((r) => r.id)).toEqual([b.id]);
  });

  it("exports exactly the table's columns", async () => {
    const p = await createProgramme(prisma, { countries: ["BY"], title: "CSV programme" });
    const agreement = await createAgreement(prisma, { programmeId: p.id, title: "=MoU" });
    await makeDeliverable(prisma, { programmeId: p.id, title: "Late report", dueDate: daysFromToday(-5), agreementId: agreement.id, responsibleOrgId: org.id });
    const { rows } = await listDeliverables(staff, parseListQuery(new URLSearchParams({ programme: p.id }), DELIVERABLE_LIST), true);
    const csv = parse(toCsv(DELIVERABLE_COLUMNS, rows), { bom: true }) as string[][];
    expect(csv[0]).toEqual(["Deliverable", "Programme", "Agreement", "Activity", "Responsible", "Due", "Status", "Overdue"]);
    expect(csv.slice(1)).toEqual([["Late report", "CSV programme", "'=MoU", "", org.shortName, DELIVERABLE_COLUMNS[5].text(rows[0]), "Not started", "Yes"]]);
  });
});

describe("scope, archive and delete", () => {
  it("shows a deliverable to partners of its countries only, and never archived ones", async () => {
    const d = await makeDeliverable(prisma, { programmeId: by.id, title: "Belarus only" });
    const archived = await makeDeliverable(prisma, { programmeId: by.id, archived: true });
    const partnerBy: Scope = { kind: "partner", countries: ["BY"] };
    const partnerKz: Scope = { kind: "partner", countries: ["KZ"] };
    expect((await getDeliverable(partnerBy, d.id))?.title).toBe("Belarus only");
    expect(await getDeliverable(partnerKz, d.id)).toBeNull();
    expect(await getDeliverable({ kind: "donor", organisationIds: [org.id] }, d.id)).toBeNull();
    expect(await getDeliverable(partnerBy, archived.id)).toBeNull();
    expect(await getDeliverable(staff, archived.id)).not.toBeNull();
    expect((await list({ q: "Belarus only" }, partnerKz)).total).toBe(0);
  });

  it("archives and restores with history, and refuses to delete what outcomes, documents or comments depend on", async () => {
    const d = await createDeliverable(ctxFor(actor), form({ title: "To archive" }));
    await setDeliverableArchived(ctxFor(actor), d.id, true);
    expect((await list({ q: "To archive" })).total).toBe(0);
    expect((await list({ q: "To archive", archived: "1" })).total).toBe(1);
    await setDeliverableArchived(ctxFor(actor), d.id, false);
    expect((await list({ q: "To archive" })).total).toBe(1);
    const actions = (await prisma.auditEvent.findMany({ where: { entityId: d.id }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["create", "archive", "restore"]);

    const activity = await createActivity(prisma, { programmeId: by.id });
    await createOutcome(prisma, { activityId: activity.id, text: "Prepare the roadmap", deliverableId: d.id });
    await createDocument(prisma, { programmeId: by.id, deliverableId: d.id, title: "Roadmap draft" });
    const error = await deleteDeliverable(ctxFor(actor), d.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependentsError);
    expect((error as DependentsError).message).toContain("outcome “Prepare the roadmap”");
    expect((error as DependentsError).message).toContain("document “Roadmap draft”");
    expect(await prisma.deliverable.findUnique({ where: { id: d.id } })).not.toBeNull();

    const free = await createDeliverable(ctxFor(actor), form());
    await deleteDeliverable(ctxFor(actor), free.id);
    expect(await prisma.deliverable.findUnique({ where: { id: free.id } })).toBeNull();
    expect(await prisma.auditEvent.count({ where: { entityId: free.id, action: "delete" } })).toBe(1);
  });
});

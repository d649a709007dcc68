import { beforeAll, describe, expect, it } from "vitest";
import { serverTranslator } from "~/i18n/catalogues.server";
import { applyImport, getImportPreview, previewImport } from "~/imports/engine.server";
import { outcomesKind } from "~/imports/outcomes.server";
import { ctxFor, type Ctx } from "~/models/ctx.server";
import { listHistory } from "~/models/history.server";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme, createUser } from "../factories";
import { createActivity, createDeliverable, createOutcome } from "../factories/deliverable";
import { downloaded, editXlsx, fileOf } from "../support/import-files";

// Issue 19, point 1 (ADR 0042): workshop outcomes and their follow-up actions
// in a spreadsheet, on both databases. The actions are rows of the outcome's
// form, so they are one cell of the outcome's row ("what | owner | due | status").

const tag = `ImpO${Date.now().toString(36)}`;
let staff: Ctx;
let org: { id: string; shortName: string };
let activity: { id: string };
let deliverable: { id: string };
const ids: string[] = [];
const file = () => downloaded(outcomesKind, staff.scope, { q: tag, sort: "text", dir: "asc" });

beforeAll(async () => {
  const s = await createUser(prisma, { role: "STAFF" });
  staff = ctxFor({ id: s.user.id, email: s.user.email, role: "STAFF" });
  const programme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} programme` });
  org = await createOrganisation(prisma, { shortName: `${tag}-ORG` });
  activity = await createActivity(prisma, { programmeId: programme.id, title: `${tag} workshop` });
  deliverable = await createDeliverable(prisma, { programmeId: programme.id, title: `${tag} roadmap` });
  for (const t of ["A", "B", "C"]) ids.push((await createOutcome(prisma, { activityId: activity.id, text: `${tag} agreed ${t}`, dueDate: new Date("2026-04-30") })).id);
  await prisma.followUpAction.create({ data: { outcomeId: ids[0], position: 0, description: "Draft the roadmap", status: "NOT_STARTED", deliverableId: deliverable.id } });
});

describe("outcomes: the round trip", () => {
  it("a downloaded file, edited in two cells, changes exactly those; the same file again changes nothing", async () => {
    const edited = await editXlsx(await file(), ({ row, col }) => {
      row("What was agreed", `${tag} agreed B`).getCell(col("Follow-up status")).value = "In progress";
      row("What was agreed", `${tag} agreed C`).getCell(col("Follow-up actions")).value = `Train the auditors | ${org.shortName} | 2026-06-30 | в работе\nPublish the guide`;
    });
    const id = await previewImport(staff, "outcomes", await fileOf(edited, "xlsx"));
    const preview = await getImportPreview(staff, id);
    expect(preview.import).toMatchObject({ newRows: 0, changedRows: 2, unchangedRows: 1, refusedRows: 0 });
    expect(preview.rows.filter((r) => r.outcome === "CHANGED").map((r) => r.changes)).toEqual([
      { followUpStatus: { before: "NOT_STARTED", after: "IN_PROGRESS" } },
      { followUps: { before: "", after: `Train the auditors | ${org.shortName} | 2026-06-30 | IN_PROGRESS\nPublish the guide |  |  | NOT_STARTED` } },
    ]);
    // In Russian: the statuses' names, in the status column and in each action line.
    const ru = await getImportPreview(staff, id, { outcome: "CHANGED", t: serverTranslator("ru") });
    expect(ru.rows.map((r) => r.changes)).toEqual([
      { followUpStatus: { before: "Не начато", after: "В работе" } },
      { followUps: { before: "", after: `Train the auditors | ${org.shortName} | 2026-06-30 | В работе\nPublish the guide |  |  | Не начато` } },
    ]);
    expect(await prisma.followUpAction.count({ where: { outcomeId: ids[2] } })).toBe(0);

    expect(await applyImport(staff, id)).toEqual({ ok: true, written: 2 });
    expect((await prisma.outcome.findUniqueOrThrow({ where: { id: ids[1] } })).followUpStatus).toBe("IN_PROGRESS");
    const actions = await prisma.followUpAction.findMany({ where: { outcomeId: ids[2] }, orderBy: { position: "asc" } });
    expect(actions.map((a) => [a.description, a.ownerOrgId, a.dueDate?.toISOString().slice(0, 10) ?? null, a.status])).toEqual([
      ["Train the auditors", org.id, "2026-06-30", "IN_PROGRESS"],
      ["Publish the guide", null, null, "NOT_STARTED"],
    ]);
    expect((await listHistory("Outcome", ids[2]))[0].changes).toHaveProperty("followUps");

    const again = await previewImport(staff, "outcomes", await fileOf(edited, "xlsx"));
    expect((await getImportPreview(staff, again)).import).toMatchObject({ newRows: 0, changedRows: 0, unchangedRows: 3, refusedRows: 0 });
  });

  it("a CSV without ids matches by activity + text; an action whose text stays keeps its deliverable", async () => {
    const csv = [
      "Activity (ID),Type,What was agreed,Follow-up actions",
      `${activity.id},Decision,${tag} AGREED A,"Draft the roadmap | | | done"`,
      `${activity.id},Рекомендация,${tag} agreed D,`,
    ].join("\r\n");
    const id = await previewImport(staff, "outcomes", await fileOf(csv, "csv"));
    const p = await getImportPreview(staff, id);
    expect(p.rows.map((r) => [r.outcome, r.recordId])).toEqual([
      ["CHANGED", ids[0]],
      ["NEW", null],
    ]);
    expect(await applyImport(staff, id)).toMatchObject({ ok: true, written: 2 });
    const a = await prisma.followUpAction.findFirstOrThrow({ where: { outcomeId: ids[0] } });
    expect([a.status, a.deliverableId]).toEqual(["DONE", deliverable.id]);
    expect((await prisma.outcome.findFirstOrThrow({ where: { text: `${tag} agreed D` } })).type).toBe("RECOMMENDATION");
  });
});

describe("outcomes: CSV", () => {
  it("the CSV download, its multi-line follow-up cells included, reads back unchanged", async () => {
    const csv = await downloaded(outcomesKind, staff.scope, { q: tag, sort: "text", dir: "asc" }, "csv");
    expect(csv.toString("utf8")).toContain("Train the auditors");
    const p = await getImportPreview(staff, await previewImport(staff, "outcomes", await fileOf(csv, "csv")));
    expect(p.import).toMatchObject({ newRows: 0, changedRows: 0, refusedRows: 0 });
    expect(p.import.unchangedRows).toBeGreaterThanOrEqual(3);
  });
});

describe("outcomes: refusals and scope", () => {
  it("refuses rows with messages per cell in the reader's language", async () => {
    const csv = [
      "ID,Follow-up status,Follow-up note,Follow-up actions",
      `${ids[1]},Not pursued,,`,
      `${ids[2]},,,"Train | NOBODY-${tag} | | done"`,
    ].join("\n");
    const id = await previewImport(staff, "outcomes", await fileOf(csv, "csv"));
    const p = await getImportPreview(staff, id);
    expect(p.import.refusedRows).toBe(2);
    const ru = serverTranslator("ru");
    const errors = p.rows.map((r) => Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, ru.text(v)])));
    // The form's own rule: not pursuing an outcome needs a note saying why (no note column value, so on that cell).
    expect(Object.keys(errors[0])).toEqual(["followUpNote"]);
    expect(errors[0].followUpNote).toMatch(/[а-я]/);
    expect(errors[1].followUps).toContain(`NOBODY-${tag}`);
    await expect(applyImport(staff, id)).rejects.toMatchObject({ code: "invalid" });
  });

  it("partners cannot import outcomes", async () => {
    const u = await createUser(prisma, { role: "PARTNER", countries: ["KZ"] });
    const partner = ctxFor({ id: u.user.id, email: u.user.email, role: "PARTNER" }, { kind: "partner", countries: ["KZ"] });
    await expect(previewImport(partner, "outcomes", await fileOf(`What was agreed\n${tag} y`, "csv"))).rejects.toMatchObject({ code: "forbidden" });
  });
});

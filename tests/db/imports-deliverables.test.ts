import { beforeAll, describe, expect, it } from "vitest";
import { serverTranslator } from "~/i18n/catalogues.server";
import { deliverablesKind } from "~/imports/deliverables.server";
import { applyImport, getImportPreview, previewImport } from "~/imports/engine.server";
import { ctxFor, type Ctx } from "~/models/ctx.server";
import { listHistory } from "~/models/history.server";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme, createUser } from "../factories";
import { createActivity, createDeliverable } from "../factories/deliverable";
import { downloaded, editXlsx, fileOf } from "../support/import-files";

// Issue 19, point 1 (ADR 0042): deliverables in a spreadsheet, on both
// databases: the round trip, the natural key (programme code + title + due
// date), refusals in Russian, and only staff import.

const tag = `ImpD${Date.now().toString(36)}`;
let staff: Ctx;
let programme: { id: string; code: string };
let org: { id: string; shortName: string };
const ids: string[] = [];
const file = () => downloaded(deliverablesKind, staff.scope, { q: tag, sort: "title", dir: "asc" });

beforeAll(async () => {
  const s = await createUser(prisma, { role: "STAFF" });
  staff = ctxFor({ id: s.user.id, email: s.user.email, role: "STAFF" });
  programme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} programme` });
  org = await createOrganisation(prisma, { shortName: `${tag}-ORG` });
  const activity = await createActivity(prisma, { programmeId: programme.id, title: `${tag} workshop` });
  for (const [i, t] of ["A", "B", "C"].entries()) {
    const d = await createDeliverable(prisma, { programmeId: programme.id, title: `${tag} report ${t}`, dueDate: new Date(`2026-0${i + 3}-15`), activityId: activity.id });
    ids.push(d.id);
  }
});

describe("deliverables: the round trip", () => {
  it("a downloaded file, edited in two cells, changes exactly those; the same file again changes nothing", async () => {
    const edited = await editXlsx(await file(), ({ row, col }) => {
      row("Title", `${tag} report B`).getCell(col("Status")).value = "Submitted";
      row("Title", `${tag} report C`).getCell(col("Responsible organisation")).value = org.shortName;
    });
    const id = await previewImport(staff, "deliverables", await fileOf(edited, "xlsx"));
    const preview = await getImportPreview(staff, id);
    expect(preview.import).toMatchObject({ newRows: 0, changedRows: 2, unchangedRows: 1, refusedRows: 0 });
    expect(preview.rows.filter((r) => r.outcome === "CHANGED").map((r) => r.changes)).toEqual([
      { status: { before: "NOT_STARTED", after: "SUBMITTED" } },
      { responsibleOrg: { before: "", after: org.shortName } },
    ]);
    // In the reader's language, codes are their labels (the file keeps the codes).
    const ru = await getImportPreview(staff, id, { outcome: "CHANGED", t: serverTranslator("ru") });
    expect(ru.rows[0].changes).toEqual({ status: { before: "Не начат", after: "Представлен" } });
    // Nothing is written before apply.
    expect((await prisma.deliverable.findUniqueOrThrow({ where: { id: ids[1] } })).status).toBe("NOT_STARTED");

    expect(await applyImport(staff, id)).toEqual({ ok: true, written: 2 });
    const after = await prisma.deliverable.findMany({ where: { id: { in: ids } }, orderBy: { title: "asc" } });
    expect(after.map((d) => [d.status, d.responsibleOrgId, d.version, d.submittedAt !== null])).toEqual([
      ["NOT_STARTED", null, 1, false],
      ["SUBMITTED", null, 2, true],
      ["NOT_STARTED", org.id, 2, false],
    ]);
    const history = await listHistory("Deliverable", ids[1]);
    expect(history[0].changes).toMatchObject({ status: { before: "NOT_STARTED", after: "SUBMITTED" } });

    const again = await previewImport(staff, "deliverables", await fileOf(edited, "xlsx"));
    expect((await getImportPreview(staff, again)).import).toMatchObject({ newRows: 0, changedRows: 0, unchangedRows: 3, refusedRows: 0 });
  });

  it("a CSV without ids matches by programme code + title + due date (status by its Russian or Korean name), and creates what matches nothing", async () => {
    const csv = [
      "Programme (code),Title,Due date,Status",
      `${programme.code},${tag} REPORT A,2026-03-15,В работе`,
      `${programme.code},${tag} report A,2026-12-01,승인`,
    ].join("\r\n");
    const id = await previewImport(staff, "deliverables", await fileOf(csv, "csv"));
    const p = await getImportPreview(staff, id);
    expect(p.rows.map((r) => [r.outcome, r.recordId])).toEqual([
      ["CHANGED", ids[0]],
      ["NEW", null],
    ]);
    expect(await applyImport(staff, id)).toMatchObject({ ok: true, written: 2 });
    expect((await prisma.deliverable.findUniqueOrThrow({ where: { id: ids[0] } })).status).toBe("IN_PROGRESS");
    const created = await prisma.deliverable.findFirstOrThrow({ where: { programmeId: programme.id, dueDate: new Date("2026-12-01") } });
    expect([created.title, created.status, created.acceptedAt !== null]).toEqual([`${tag} report A`, "ACCEPTED", true]);
  });
});

describe("deliverables: refusals and scope", () => {
  it("refuses rows with messages per cell in the reader's language, and does not apply them", async () => {
    const csv = [
      "ID,Programme (code),Title,Due date,Status,Activity (ID)",
      `,NOPE-${tag},${tag} x,2026-05-01,,`,
      `${ids[2]},,,Nov 2026,picnic,`,
      `${ids[1]},,,,,not an id!`,
    ].join("\n");
    const id = await previewImport(staff, "deliverables", await fileOf(csv, "csv"));
    const p = await getImportPreview(staff, id);
    expect(p.import.refusedRows).toBe(3);
    const ru = serverTranslator("ru");
    const errors = p.rows.map((r) => Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, ru.text(v)])));
    expect(errors[0].programme).toBe(`Нет программы с кодом «NOPE-${tag}».`);
    expect(errors[1].status).toContain("«picnic» нет в списке");
    expect(errors[1].dueDate).toBe("Укажите здесь день (2019-11-05): у этой даты нет точности до месяца или года.");
    expect(Object.keys(errors[2])).toEqual(["activity"]);
    await expect(applyImport(staff, id)).rejects.toMatchObject({ code: "invalid" });
  });

  it("partners cannot import deliverables", async () => {
    const u = await createUser(prisma, { role: "PARTNER", countries: ["KZ"] });
    const partner = ctxFor({ id: u.user.id, email: u.user.email, role: "PARTNER" }, { kind: "partner", countries: ["KZ"] });
    await expect(previewImport(partner, "deliverables", await fileOf(`Title\n${tag} y`, "csv"))).rejects.toMatchObject({ code: "forbidden" });
  });
});

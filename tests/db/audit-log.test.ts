import { beforeAll, describe, expect, it } from "vitest";
import { auditColumns, auditCsvColumns } from "~/components/admin/audit-columns";
import { serverTranslator } from "~/i18n/catalogues.server";
import { parseListQuery } from "~/utils/list-query";
import { createActivity } from "../factories/activity";
import { createProgramme, createUser, uid } from "../factories";

// Counting statements needs CONCORD_QUERY_EVENTS=1 before the database client
// is first loaded, so everything that loads it is imported below, not above.
process.env.CONCORD_QUERY_EVENTS = "1";
let prisma: typeof import("~/utils/db.server").prisma;
let onQuery: typeof import("~/utils/db.server").onQuery;
let recordAudit: typeof import("~/models/audit.server").recordAudit;
let listAuditEvents: typeof import("~/models/audit-log.server").listAuditEvents;
let AUDIT_LIST: typeof import("~/models/audit-log.server").AUDIT_LIST;
beforeAll(async () => {
  ({ prisma, onQuery } = await import("~/utils/db.server"));
  ({ recordAudit } = await import("~/models/audit.server"));
  ({ listAuditEvents, AUDIT_LIST } = await import("~/models/audit-log.server"));
});

// The audit trail names records by their titles (with a link), in the
// reader's language where the record has one, and codes of fixed lists by
// their labels; the CSV keeps the id beside the title for machines. Titles
// are read with one query per record type, however many events a page holds.

async function newActor() {
  const { user } = await createUser(prisma, { role: "STAFF", email: `auditor-${uid()}@test.concord` });
  return { id: user.id, email: user.email };
}
const query = (params: string) => parseListQuery(new URLSearchParams(params), AUDIT_LIST);

describe("audit trail titles", () => {
  it("shows each record's title with a link, codes as labels in the reader's language, and the id in the CSV", async () => {
    const actor = await newActor();
    const programme = await createProgramme(prisma, { title: `Oncology exchange ${uid()}` });
    await prisma.programme.update({ where: { id: programme.id }, data: { translations: { ru: { title: "Обмен в онкологии" } } } });
    const activity = await createActivity(prisma, { programmeId: programme.id, title: `Study visit to Seoul ${uid()}`, kind: "STUDY_VISIT" });
    await recordAudit({ actor, action: "create", entityType: "Programme", entityId: programme.id });
    await recordAudit({
      actor,
      action: "update",
      entityType: "Activity",
      entityId: activity.id,
      changes: { kind: { before: "STUDY_VISIT", after: "WORKSHOP" } },
    });
    await recordAudit({ actor, action: "delete", entityType: "Activity", entityId: "gone-record-id" });

    for (const locale of ["en", "ru"] as const) {
      const t = serverTranslator(locale);
      const { rows } = await listAuditEvents(query(`actor=${encodeURIComponent(actor.email)}`), t);
      const columns = auditColumns(t);
      const cell = (key: string, row: (typeof rows)[number]) => columns.find((c) => c.key === key)!.text(row);
      const programmeRow = rows.find((r) => r.entityType === "Programme")!;
      const activityRow = rows.find((r) => r.entityId === activity.id)!;
      const goneRow = rows.find((r) => r.entityId === "gone-record-id")!;

      expect(programmeRow.href).toBe(`/programmes/${programme.code}`);
      expect(activityRow.href).toBe(`/activities/${activity.id}`);
      if (locale === "en") {
        expect(cell("entity", programmeRow)).toBe(`Programme: ${programme.code} — ${programme.title}`);
        expect(cell("entity", activityRow)).toBe(`Activity: ${activity.title}`);
        expect(cell("details", activityRow)).toBe("Kind: Study visit → Workshop");
      } else {
        expect(cell("entity", programmeRow)).toBe(`Программа: ${programme.code} — Обмен в онкологии`);
        expect(cell("entity", activityRow)).toBe(`Мероприятие: ${activity.title}`);
        expect(cell("details", activityRow)).not.toMatch(/STUDY_VISIT|WORKSHOP/);
      }
      // A record that no longer exists keeps its id, without a link.
      expect(goneRow.href).toBeNull();
      expect(cell("entity", goneRow)).toMatch(/gone-record-id$/);
      expect(columns.map((c) => c.text(programmeRow)).join(" ")).not.toContain(programme.id);

      const csv = auditCsvColumns(t);
      expect(csv.map((c) => c.key)).toEqual(["at", "actor", "action", "entity", "recordId", "ip", "details"]);
      expect(csv.find((c) => c.key === "recordId")!.text(programmeRow)).toBe(programme.id);
    }
  });

  it("names the records a change refers to by their titles, not their ids", async () => {
    const actor = await newActor();
    const from = await createProgramme(prisma, { title: `Cancer registry ${uid()}` });
    const to = await createProgramme(prisma, { title: `Hospital costing ${uid()}` });
    const activity = await createActivity(prisma, { programmeId: to.id, title: `Costing workshop ${uid()}` });
    await recordAudit({
      actor,
      action: "update",
      entityType: "Activity",
      entityId: activity.id,
      changes: { programmeId: { before: from.id, after: to.id }, agreementIds: { before: [], after: ["gone-agreement-id"] } },
    });
    const t = serverTranslator("en");
    const { rows } = await listAuditEvents(query(`actor=${encodeURIComponent(actor.email)}`), t);
    const details = auditColumns(t).find((c) => c.key === "details")!.text(rows[0]!);
    expect(details).toContain(`${from.code} — ${from.title} → ${to.code} — ${to.title}`);
    expect(details).not.toContain(from.id);
    // A record that no longer exists keeps its id.
    expect(details).toContain("gone-agreement-id");
    // The record's own page reads its history the same way.
    const { listHistory } = await import("~/models/history.server");
    const [entry] = await listHistory("Activity", activity.id, 100, t);
    expect(entry!.changes).toEqual({
      programmeId: { before: `${from.code} — ${from.title}`, after: `${to.code} — ${to.title}` },
      agreementIds: { before: [], after: ["gone-agreement-id"] },
    });
  });

  it("reads the titles of a page of events with one query per record type", async () => {
    const programme = await createProgramme(prisma);
    const actor = await newActor();
    const count = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const a = await createActivity(prisma, { programmeId: programme.id });
        await recordAudit({ actor, action: "create", entityType: "Activity", entityId: a.id });
      }
      const sql: string[] = [];
      const stop = onQuery((q) => sql.push(q.query));
      try {
        const { rows } = await listAuditEvents(query(`actor=${encodeURIComponent(actor.email)}`), serverTranslator("en"));
        expect(rows.every((r) => r.title && r.href)).toBe(true);
      } finally {
        stop();
      }
      return sql.filter((s) => /FROM "public"\."Activity"/.test(s)).length;
    };
    expect(await count(2)).toBe(1);
    expect(await count(10)).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { auditColumns, type AuditListRow } from "~/components/admin/audit-columns";
import { serverTranslator } from "~/i18n/catalogues.server";

// The audit trail names a change's fields as the record's own page history
// does, in the reader's language; account fields keep their own names.

const row = (entityType: string, changes: unknown): AuditListRow => ({
  id: "e1",
  at: "2026-11-23T10:00:00.000Z",
  actorEmail: "staff@concord.test",
  action: "update",
  entityType,
  entityId: "r1",
  changes,
  metadata: null,
  ip: "127.0.0.1",
  href: null,
  title: null,
});

const details = (locale: "en" | "ru" | "ko", r: AuditListRow) => auditColumns(serverTranslator(locale)).find((c) => c.key === "details")!.text(r);

describe("audit details", () => {
  const edit = row("Programme", { title: { before: "DRG pilot", after: "DRG roll-out" } });

  it("names a programme's changed field in the reader's language", () => {
    expect(details("en", edit)).toBe("Title: DRG pilot → DRG roll-out");
    expect(details("ru", edit)).toBe("Название: DRG pilot → DRG roll-out");
    expect(details("ko", edit)).toMatch(/^[^\sA-Za-z]+: DRG pilot → DRG roll-out$/);
  });

  it("names the fields of every record type that has a history", () => {
    for (const type of ["Agreement", "Activity", "Deliverable", "Indicator", "Document"]) {
      expect(details("ru", row(type, { title: { before: "a", after: "b" } })), type).toMatch(/^Название[^:]*: a → b$/);
    }
    expect(details("ru", row("FundingLine", { amount: { before: "1", after: "2" } }))).toBe("Сумма: 1 → 2");
    expect(details("ru", row("Outcome", { text: { before: "a", after: "b" } }))).not.toMatch(/^text:/);
    expect(details("ru", row("Organisation", { shortName: { before: "a", after: "b" } }))).not.toMatch(/^shortName:/);
  });

  it("keeps account changes named as before", () => {
    expect(details("en", row("User", { role: { before: "PARTNER", after: "STAFF" } }))).toBe("role: Partner ministry → Cooperation-centre staff");
  });
});

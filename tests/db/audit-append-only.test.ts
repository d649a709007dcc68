import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createUser } from "../factories";

// The audit trail is append-only in the database itself (a trigger from the
// auth_hardening migration), so no code path, present or future, can rewrite it.
describe("audit trail", () => {
  it("refuses updates and deletes of audit events", async () => {
    const { user } = await createUser(prisma, { role: "STAFF" });
    const event = await prisma.auditEvent.create({
      data: { actorId: user.id, actorEmail: user.email, action: "export", entityType: "Programme" },
    });
    await expect(prisma.auditEvent.update({ where: { id: event.id }, data: { action: "sign_in" } })).rejects.toThrow(
      /audit trail cannot be changed/,
    );
    await expect(prisma.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/audit trail cannot be changed/);
    await expect(prisma.auditEvent.deleteMany({})).rejects.toThrow(/audit trail cannot be changed/);
    const kept = await prisma.auditEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(kept.action).toBe("export");
  });

  it("keeps a deleted user's events, with their e-mail, when the user row goes", async () => {
    const { user } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    await prisma.auditEvent.create({ data: { actorId: user.id, actorEmail: user.email, action: "sign_in" } });
    await prisma.user.delete({ where: { id: user.id } });
    const events = await prisma.auditEvent.findMany({ where: { actorEmail: user.email } });
    expect(events).toHaveLength(1);
    expect(events[0].actorId).toBeNull();
  });
});

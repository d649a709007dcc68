import { describe, expect, it, vi } from "vitest";
import { runDueJobs } from "~/jobs/worker.server";
import { emitNotification } from "~/notifications/emit.server";
import { prisma } from "~/utils/db.server";
import { createProgramme, createUser } from "../factories";
import { createReportingFixture } from "../factories/reporting";

// Issue 18: an immediate notification mail that cannot be sent stays with
// its mail job, which retries with back-off; the job's error (what
// /admin/jobs shows) names the recipient, the subject and the notification,
// and nothing is written twice. The SMTP server here refuses every
// connection (nothing listens on port 9 of the loopback interface).

vi.hoisted(() => {
  process.env.SMTP_URL = "smtp://127.0.0.1:9";
});

describe("a failed notification mail", () => {
  it("is retried, and its job says whose mail about which notification failed", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const programme = await createProgramme(prisma, { countries: ["BY"] });
    const partner = (await createUser(prisma, { role: "PARTNER", countries: ["BY"] })).user;
    const staff = (await createUser(prisma, { role: "STAFF" })).user;
    const { report } = await createReportingFixture(prisma, { programmeId: programme.id, country: "BY", status: "RETURNED" });
    await prisma.$transaction((tx) => emitNotification(tx, { kind: "REPORT_RETURNED", reportId: report.id, actorId: staff.id }));
    await runDueJobs();

    const [note] = await prisma.notification.findMany({ where: { userId: partner.id } });
    expect(note).toMatchObject({ kind: "REPORT_RETURNED", mailState: "SENT" });
    const mail = await prisma.job.findFirstOrThrow({ where: { name: "mail", lastError: { not: null } } });
    expect(mail).toMatchObject({ state: "QUEUED", attempts: 1 });
    expect(mail.lastError).toContain(`Mail to ${partner.email}`);
    expect(mail.lastError).toContain("Progress report returned");
    expect(mail.lastError).toContain(`notification ${note.id}`);
    expect(await prisma.job.count({ where: { name: "mail" } })).toBe(1);
  });
});

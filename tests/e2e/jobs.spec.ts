import { randomBytes, randomUUID } from "node:crypto";
import { expect, prisma, test } from "./support/fixtures";

// Issue 15, point 3: administrators see failed background jobs with their
// last error and send them back to the queue; the server's own worker then
// runs them.

test.describe("background jobs", () => {
  test("an admin retries a failed job from /admin/jobs and the server's worker runs it", async ({ page, loginAs }) => {
    const error = `SMTP server refused the connection (${randomBytes(4).toString("hex")})`;
    const id = randomUUID();
    await prisma.job.create({
      data: { id, name: "sweep.sessions", payload: {}, state: "FAILED", attempts: 5, maxAttempts: 5, lastError: error, finishedAt: new Date() },
    });

    await loginAs("ADMIN");
    await page.goto("/workspace");
    // The administrator's pages are in the header's Administration menu.
    await page.getByRole("navigation", { name: "Administration" }).getByText("Administration", { exact: true }).click();
    await page.getByRole("link", { name: "Background jobs" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Background jobs" })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: error });
    await expect(row.getByRole("rowheader")).toHaveText("Remove expired sessions");
    await expect(row).toContainText("5 of 5");
    await row.getByRole("button", { name: /^Retry the job “Remove expired sessions”/ }).click();

    await expect(page.getByRole("status")).toHaveText("The job will run again in a moment.");
    await expect(page.getByRole("row").filter({ hasText: error })).toHaveCount(0);
    await expect
      .poll(async () => (await prisma.job.findUniqueOrThrow({ where: { id } })).state, { timeout: 30_000 })
      .toBe("DONE");
    expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ attempts: 1, payload: null });
    expect(await prisma.auditEvent.count({ where: { action: "job_retried", entityId: id } })).toBe(1);
  });
});

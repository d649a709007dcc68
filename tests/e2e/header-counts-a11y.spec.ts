import AxeBuilder from "@axe-core/playwright";
import { expect, prisma, test } from "./support/fixtures";

// The header's counts (the inbox's unread, the outbox's waiting) are a name
// and a badge; their accessible name must contain the visible text ("Inbox 3"
// in "Inbox, 3 unread": axe's label-content-name-mismatch, WCAG 2.5.3) in
// every language. The a11y spec's pages show it only when its staff happen to
// have unread notifications; here they always do.

test("the inbox count in the header passes axe in English, Korean and Russian", async ({ page, loginAs }) => {
  const staff = await loginAs("STAFF");
  for (let i = 0; i < 3; i++) {
    await prisma.notification.create({ data: { userId: staff.id, kind: "REPORT_SUBMITTED", key: `tmp-${i}-${Date.now()}`, entityType: "Deliverable", entityId: `x${i}`, path: "/deliverables" } });
  }
  for (const lang of ["en", "ko", "ru"]) {
    await prisma.user.update({ where: { id: staff.id }, data: { locale: lang } });
    await page.goto(`/outcomes`);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.getByRole("link", { name: /3/ }).first()).toBeVisible();
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(result.violations.map((v) => `${lang} ${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
  }
});

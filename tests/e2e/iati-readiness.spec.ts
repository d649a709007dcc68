import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { createProgramme, uid } from "../factories";
import { ensurePublisher } from "../factories/publisher";
import { expect, prisma, test } from "./support/fixtures";

// Issue 17, point 8: before publishing, administrators see the IATI
// Validator's checks on what each programme would publish.

async function shot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR ?? "test-results/screens";
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

test.describe("IATI readiness", () => {
  test("an admin sees which programmes cannot be published and why; the missing publisher settings come first", async ({ page, loginAs }) => {
    const code = `RDY-${uid()}`.toUpperCase();
    const blocked = await createProgramme(prisma, { countries: ["KZ"], code: `${code}-A`, title: `No sector ${code}` });
    const ready = await createProgramme(prisma, { countries: ["KZ"], code: `${code}-B`, title: `Health financing ${code}` });
    await prisma.programme.update({
      where: { id: ready.id },
      data: { iatiPublished: true, sectors: { create: [{ sectorCode: "12110", percentage: "100" }] } },
    });
    await prisma.programme.update({ where: { id: blocked.id }, data: { iatiPublished: true } });
    const saved = await prisma.publisherSettings.findUnique({ where: { id: 1 } });
    await prisma.publisherSettings.deleteMany();
    try {
      await loginAs("ADMIN");
      await page.goto("/workspace");
      // The administrator's pages are in the header's Administration menu.
      await page.getByRole("navigation", { name: "Administration" }).getByText("Administration", { exact: true }).click();
      await page.getByRole("link", { name: "IATI", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: "IATI readiness" })).toBeVisible();
      // Without publisher settings nothing can be built: that comes first, with the way to fix it.
      await expect(page.getByRole("alert")).toContainText("The publisher settings are missing.");
      await expect(page.getByRole("alert").getByRole("link", { name: "Publisher settings" })).toHaveAttribute("href", "/admin/publisher");

      await ensurePublisher(prisma);
      await page.reload();
      await expect(page.getByRole("alert")).toHaveCount(0);
      const heading = page.getByRole("heading", { level: 2, name: /cannot be published:$/ });
      await expect(heading).toBeVisible();
      const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: `${blocked.code} — ${blocked.title}` }) });
      await expect(card).toContainText("Marked for publication");
      await expect(card).toContainText("Each activity must have a specified sector, either at activity level OR for all transactions.");
      await expect(card).toContainText("rule 6.2.2");

      const readySection = page.getByRole("region", { name: "Ready to publish" });
      const readyCard = readySection.getByRole("listitem").filter({ has: page.getByRole("link", { name: `${ready.code} — ${ready.title}` }) });
      await expect(readyCard).toBeVisible();
      await expect(readyCard).not.toContainText("rule 6.2.2");
      await shot(page, "iati-readiness");
      const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
      expect(axe.violations.map((v) => v.id)).toEqual([]);
    } finally {
      if (saved) {
        const row = { ...saved, translations: saved.translations ?? {} };
        await prisma.publisherSettings.upsert({ where: { id: 1 }, create: row, update: row });
      }
      await prisma.programme.updateMany({ where: { id: { in: [blocked.id, ready.id] } }, data: { iatiPublished: false } });
    }
  });

  test("partners and donors cannot open it; staff can", async ({ page, loginAs }) => {
    await loginAs("PARTNER", { countries: ["KZ"] });
    const partner = await page.request.get("/admin/iati", { maxRedirects: 0 });
    expect(partner.status()).not.toBe(200);
    await page.context().clearCookies();
    await loginAs("STAFF");
    await page.goto("/admin/iati");
    await expect(page.getByRole("heading", { level: 1, name: "IATI readiness" })).toBeVisible();
  });
});

test.describe("IATI readiness in Russian", () => {
  test.use({ locale: "ru-RU" });

  test("the page speaks the reader's language around the validator's own (English) messages", async ({ page, loginAs }) => {
    const p = await createProgramme(prisma, { countries: ["KZ"], code: `RDY-RU-${uid()}`.toUpperCase() });
    await prisma.programme.update({ where: { id: p.id }, data: { iatiPublished: true } });
    try {
      await loginAs("ADMIN");
      await page.goto("/admin/iati");
      await expect(page.getByRole("heading", { level: 1, name: "Готовность к IATI" })).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: /нельзя опубликовать:$/ })).toBeVisible();
      const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: new RegExp(p.code) }) });
      await expect(card).toContainText("правило 6.2.2");
      await shot(page, "iati-readiness-ru");
    } finally {
      await prisma.programme.update({ where: { id: p.id }, data: { iatiPublished: false } });
    }
  });
});

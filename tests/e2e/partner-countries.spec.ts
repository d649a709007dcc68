import { createMultiCountryProgramme, type MultiCountryProgramme } from "../factories/multi-country";
import { ensurePublisher } from "../factories/publisher";
import { expect, prisma, test } from "./support/fixtures";

// Issue 14: a partner of a programme shared by Belarus and Kazakhstan sees the
// shared records and its own country's, never the other's, on the page, in
// its ?_data JSON and in every download (point 13); every role finds every
// download it may have where it looks for it (point 15).

async function titles(mc: MultiCountryProgramme, side: "kz" | "by" | "shared") {
  const r = mc[side];
  const [agreement, activity, deliverable, document] = await Promise.all([
    prisma.agreement.findUniqueOrThrow({ where: { id: r.agreement } }),
    prisma.activity.findUniqueOrThrow({ where: { id: r.activity } }),
    prisma.deliverable.findUniqueOrThrow({ where: { id: r.deliverable } }),
    prisma.document.findUniqueOrThrow({ where: { id: r.document } }),
  ]);
  return [agreement.title, activity.title, deliverable.title, document.title];
}

test.describe("a programme shared by several countries", () => {
  // The IATI download is the centre's publication: it needs the publisher settings.
  test.beforeAll(async () => {
    await ensurePublisher(prisma);
  });

  test("the Belarus partner sees Belarus's and the shared records, never Kazakhstan's, on the page, in JSON and in every download", async ({ page, loginAs }) => {
    const mc = await createMultiCountryProgramme(prisma);
    // Only public documents go into an IATI file: both are, so the file shows the partner's scope at work.
    await prisma.document.updateMany({ where: { id: { in: [mc.by.document, mc.kz.document] } }, data: { isPublic: true } });
    const [kz, by, shared] = [await titles(mc, "kz"), await titles(mc, "by"), await titles(mc, "shared")];
    await loginAs("PARTNER", { countries: ["BY"] });

    const url = `/portal/programmes/${encodeURIComponent(mc.programme.code)}`;
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const body = await page.locator("main").innerText();
    for (const t of [...by.slice(0, 3), ...shared.slice(0, 3)]) expect(body, t).toContain(t);
    for (const t of kz) expect(body, t).not.toContain(t);

    const data = await (await page.request.get(`${url}?_data=routes/portal.programmes.$code`)).text();
    for (const t of kz) expect(data, t).not.toContain(t);
    expect(data).toContain(by[0]);

    // The other country's records are not found.
    expect((await page.request.get(`/portal/deliverables/${mc.kz.deliverable}`)).status()).toBe(404);
    expect((await page.request.get(`/portal/outcomes/${mc.kz.outcome}`)).status()).toBe(404);
    expect((await page.request.get(`/documents/${mc.kz.document}/download`)).status()).toBe(404);
    expect((await page.request.get(`/documents/${mc.by.document}/download`)).status()).toBe(200);

    // Every download is on the page, answers, and leaves Kazakhstan's records out.
    const downloads = page.getByRole("group", { name: "Downloads" });
    for (const [name, type] of [["Report (PDF)", /^application\/pdf/], ["Workbook (XLSX)", /spreadsheetml/], ["Activities (CSV)", /^text\/csv/], ["IATI XML (2.03)", /^application\/xml/]] as const) {
      const link = downloads.getByRole("link", { name });
      await expect(link).toBeVisible();
      const response = await page.request.get((await link.getAttribute("href"))!);
      expect(response.status(), name).toBe(200);
      expect(response.headers()["content-type"], name).toMatch(type);
      if (name === "Activities (CSV)") {
        const csv = await response.text();
        expect(csv).toContain(by[1]);
        expect(csv).toContain(shared[1]);
        expect(csv).not.toContain(kz[1]);
      }
      if (name === "IATI XML (2.03)") {
        const xml = await response.text();
        expect(xml).toContain(by[3]);
        expect(xml).not.toContain(kz[3]);
      }
    }
  });

  test("the funding donor finds the PDF, workbook, CSV and IATI downloads on its home page and the programme page", async ({ page, loginAs }) => {
    const mc = await createMultiCountryProgramme(prisma);
    const [kz, by] = [await titles(mc, "kz"), await titles(mc, "by")];
    await loginAs("DONOR", { organisationIds: [mc.fund.id] });
    await page.goto("/donor");
    const form = page.getByRole("form", { name: new RegExp(mc.programme.code) });
    await expect(form.getByRole("button", { name: "Programme report (PDF)" })).toBeVisible();
    await expect(form.getByRole("button", { name: "Workbook (XLSX)" })).toBeVisible();
    await expect(form.getByRole("link", { name: "IATI XML (2.03)" })).toBeVisible();
    const csvDownload = page.waitForEvent("download");
    await form.getByRole("button", { name: "Activities (CSV)" }).click();
    const csv = await csvDownload;
    expect(csv.suggestedFilename()).toMatch(new RegExp(`^concord-${mc.programme.code}-.*\\.csv$`));
    const text = (await import("node:fs")).readFileSync(await csv.path(), "utf8");
    // A donor sees the whole programme it funds.
    expect(text).toContain(kz[1]);
    expect(text).toContain(by[1]);

    await page.goto(`/programmes/${encodeURIComponent(mc.programme.code)}`);
    for (const name of ["Report (PDF)", "Workbook (XLSX)", "Activities (CSV)", "IATI XML (2.03)"]) {
      const link = page.getByRole("link", { name });
      await expect(link).toBeVisible();
      expect((await page.request.get((await link.getAttribute("href"))!)).status(), name).toBe(200);
    }
  });
});

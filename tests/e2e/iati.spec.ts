import { createOrganisation, createProgramme, uid } from "../factories";
import { createDocumentRecord } from "../factories/document";
import { ensurePublisher, TEST_PUBLISHER } from "../factories/publisher";
import { createIndicator } from "../factories/results";
import { expectValidIati } from "../support/iati-check";
import { expect, prisma, test } from "./support/fixtures";

// The IATI 2.03 export as a browser session gets it: a file download of a
// resource route, scoped like every other read.

const today = () => new Date().toISOString().slice(0, 10);

test.describe("IATI export", () => {
  // The file is the centre's publication (issue 17): under its publisher settings.
  test.beforeEach(async () => {
    await ensurePublisher(prisma);
  });

  test("staff download one programme's IATI XML, which validates against the 2.03 schema", async ({ page, loginAs }) => {
    const fund = await createOrganisation(prisma, { shortName: `FUND-${uid()}` });
    const programme = await createProgramme(prisma, {
      countries: ["BY", "KZ"],
      funders: [fund.id],
      title: `Стратегические закупки — 전략구매 ${uid()}`,
    });
    await prisma.programme.update({
      where: { id: programme.id },
      data: {
        lang: "ru",
        translations: { en: { title: "Strategic purchasing" }, ko: { title: "전략구매 협력" } },
        // What the IATI rules need of a programme: a sector, and shares for its two countries.
        sectors: { create: [{ sectorCode: "12110", percentage: "100" }] },
      },
    });
    for (const [countryCode, percentage] of [["BY", "60"], ["KZ", "40"]]) {
      await prisma.programmeCountry.update({ where: { programmeId_countryCode: { programmeId: programme.id, countryCode } }, data: { percentage } });
    }
    const shared = await createDocumentRecord(prisma, { programmeId: programme.id, shareable: true, categoryCode: "A09" });
    const internal = await createDocumentRecord(prisma, { programmeId: programme.id, shareable: false });
    // Only documents marked public go into an IATI file.
    await prisma.document.update({ where: { id: shared.id }, data: { isPublic: true } });
    await createIndicator(prisma, {
      programmeId: programme.id,
      title: "Managers trained",
      periods: [{ start: "2024-01-01", end: "2024-12-31", target: 40, actual: 42, actualFemale: 25, actualMale: 17 }],
    });
    const { email } = await loginAs("STAFF");

    const response = await page.request.get(`/reports/iati.xml?programme=${programme.code}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^application\/xml/);
    expect(response.headers()["content-disposition"]).toBe(`attachment; filename="concord-iati-${programme.code}-${today()}.xml"`);
    const xml = await response.text();
    await expectValidIati(xml, "activities");
    expect(xml.match(/<iati-activity [^>]*hierarchy="1"/g)).toHaveLength(1);
    expect(xml).toContain(`<narrative xml:lang="ru">${programme.title}</narrative>`);
    expect(xml).toContain('<narrative xml:lang="ko">전략구매 협력</narrative>');
    expect(xml).toContain(`<reporting-org ref="${TEST_PUBLISHER.orgRef}" type="${TEST_PUBLISHER.orgType}">`);
    // The document's stable public address under the publisher's base URL (the public route serves it, without sign-in).
    expect(xml).toContain(`<document-link url="${TEST_PUBLISHER.publicBaseUrl}/public/documents/${shared.id}" format="application/pdf">`);
    expect(xml).not.toContain(internal.id);
    expect(xml).toMatch(/<dimension name="sex" value="female"\/>/);

    const event = await prisma.auditEvent.findFirst({ where: { action: "export", actorEmail: email }, orderBy: { at: "desc" } });
    expect(event?.metadata).toEqual({ format: "iati-xml", programme: programme.code });
  });

  test("a partner of another country gets 404 for the programme; anonymous visitors go to sign-in", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["BY"], title: `Belarus only ${uid()}` });
    const kz = await createProgramme(prisma, { countries: ["KZ"], title: `Kazakhstan programme ${uid()}` });

    const anonymous = await page.request.get(`/reports/iati.xml?programme=${programme.code}`, { maxRedirects: 0 });
    expect(anonymous.status()).toBe(302);
    expect(anonymous.headers()["location"]).toMatch(/^\/sign-in\?redirectTo=%2Freports%2Fiati\.xml/);

    await loginAs("PARTNER", { countries: ["KZ"] });
    const foreign = await page.request.get(`/reports/iati.xml?programme=${programme.code}`);
    expect(foreign.status()).toBe(404);
    expect(await foreign.text()).not.toContain(programme.title);

    // Its own programme exports, and the portfolio holds only its countries' programmes.
    const own = await page.request.get(`/reports/iati.xml?programme=${kz.code}`);
    expect(own.status()).toBe(200);
    const portfolio = await page.request.get("/reports/iati.xml");
    expect(portfolio.status()).toBe(200);
    expect(portfolio.headers()["content-disposition"]).toBe(`attachment; filename="concord-iati-portfolio-${today()}.xml"`);
    const xml = await portfolio.text();
    expect(xml).toContain(kz.title);
    expect(xml).not.toContain(programme.title);
    // A download is the live data of every programme in the scope, ready for
    // publication or not (the shared test database holds other tests'
    // programmes without a sector or country shares): the readiness page holds
    // programmes to the rules; here the file must still be schema-valid and
    // carry only valid codes.
    await expectValidIati(xml, "activities", { knownWriterErrors: ["6.2.2", "6.7.2", "3.1.1", "3.1.2"] });
  });

  test("without the publisher settings, the programme page says why there is no IATI file, and the file's address answers with the message", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["BY"], title: `No publisher yet ${uid()}` });
    await loginAs("STAFF");
    await prisma.publisherSettings.deleteMany({});
    try {
      await page.goto(`/programmes/${programme.code}`);
      await expect(page.getByText("IATI XML: not available until an administrator enters the centre's publisher settings.")).toBeVisible();
      await expect(page.getByRole("link", { name: "IATI XML (2.03)" })).toHaveCount(0);
      await page.screenshot({ path: test.info().outputPath("iati-no-publisher-programme.png") });

      // The address itself (a bookmark, the donor's or partner's link): a refusal with the message, never a 500.
      await page.goto(`/reports/iati.xml?programme=${programme.code}`);
      await expect(page.getByText("Ask an administrator to enter them.")).toBeVisible();
      const direct = await page.request.get(`/reports/iati.xml?programme=${programme.code}`);
      expect(direct.status()).toBe(400);
    } finally {
      await ensurePublisher(prisma);
    }
    // With the settings entered, the link is back.
    await page.goto(`/programmes/${programme.code}`);
    await expect(page.getByRole("link", { name: "IATI XML (2.03)" })).toBeVisible();
  });
});

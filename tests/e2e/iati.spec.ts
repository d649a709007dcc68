import { createOrganisation, createProgramme, uid } from "../factories";
import { createDocumentRecord, readBlob } from "../factories/document";
import { createIndicator } from "../factories/results";
import { expectValidIati } from "../support/iati-check";
import { expect, prisma, test } from "./support/fixtures";

// The IATI 2.03 export as a browser session gets it: a file download of a
// resource route, scoped like every other read.

const today = () => new Date().toISOString().slice(0, 10);

test.describe("IATI export", () => {
  test("staff download one programme's IATI XML, which validates against the 2.03 schema", async ({ page, loginAs }) => {
    const fund = await createOrganisation(prisma, { shortName: `FUND-${uid()}` });
    const programme = await createProgramme(prisma, {
      countries: ["BY", "KZ"],
      funders: [fund.id],
      title: `Стратегические закупки — 전략구매 ${uid()}`,
    });
    await prisma.programme.update({
      where: { id: programme.id },
      data: { lang: "ru", translations: { en: { title: "Strategic purchasing" }, ko: { title: "전략구매 협력" } } },
    });
    const shared = await createDocumentRecord(prisma, { programmeId: programme.id, shareable: true, categoryCode: "A09" });
    const internal = await createDocumentRecord(prisma, { programmeId: programme.id, shareable: false });
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
    await expectValidIati(xml, "activities", { knownWriterErrors: ["6.2.2"] });
    expect(xml.match(/<iati-activity[\s>]/g)).toHaveLength(1);
    expect(xml).toContain(`<narrative xml:lang="ru">${programme.title}</narrative>`);
    expect(xml).toContain('<narrative xml:lang="ko">전략구매 협력</narrative>');
    expect(xml).toMatch(new RegExp(`<document-link url="https?://[^"]+/documents/${shared.id}/download" format="application/pdf">`));
    expect(xml).not.toContain(internal.id);
    expect(xml).toMatch(/<dimension name="sex" value="2"\/>/);

    // The link in the file opens the document for a signed-in user.
    const link = xml.match(/<document-link url="([^"]+)"/)![1];
    const file = await page.request.get(new URL(link).pathname);
    expect(file.status()).toBe(200);
    expect(Buffer.from(await file.body()).equals((await readBlob(shared.sha256))!)).toBe(true);

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
    await expectValidIati(xml, "activities", { knownWriterErrors: ["6.2.2"] });
  });
});

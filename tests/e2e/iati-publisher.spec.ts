import { createOrganisation, uid } from "../factories";
import { ensurePublisher, TEST_PUBLISHER } from "../factories/publisher";
import { expect, prisma, test } from "./support/fixtures";

// Issue 17, points 1 and 2: the centre's identity as IATI publisher
// (/admin/publisher), organisation identifiers checked against the
// OrganisationRegistrationAgency codelist with a hint from the organisation's
// country and type, and the administrators' list of organisations without one.

// The publisher row is one for the whole server: every test leaves the test publisher in place.
test.afterEach(async () => {
  await ensurePublisher(prisma);
});

test.describe("the IATI publisher settings", () => {
  test("an administrator finds the page in the navigation, is told a bad identifier next to the field, and saves", async ({ page, loginAs }) => {
    // An illustrative identifier may be replaced even after other specs have
    // published under it (a real one could not be: published identifiers never change).
    const start = `KR-BRN-EXAMPLE-${uid()}`.toUpperCase();
    await ensurePublisher(prisma, { orgRef: start });
    await loginAs("ADMIN");
    await page.goto("/workspace");
    // The administrator's pages are in the header's Administration menu.
    await page.getByRole("navigation", { name: "Administration" }).getByText("Administration", { exact: true }).click();
    await page.getByRole("link", { name: "IATI", exact: true }).click();
    await page.getByRole("navigation", { name: "IATI publication pages" }).getByRole("link", { name: "Publisher settings" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "The centre as IATI publisher" })).toBeVisible();
    const ref = page.getByLabel("IATI organisation identifier");
    await expect(ref).toHaveValue(start);

    await ref.fill("XX-CONCORD");
    await page.getByLabel("Name (English)").fill("");
    await page.getByRole("button", { name: "Save the publisher settings" }).click();
    await expect(ref).toHaveAccessibleDescription(/“XX-CONCORD” is not a registration agency/);
    await expect(page.getByLabel("Name (English)")).toHaveAccessibleDescription("Enter the name in English, the default language.");
    expect((await prisma.publisherSettings.findUniqueOrThrow({ where: { id: 1 } })).orgRef).toBe(start);

    const newRef = `KR-BRN-${uid()}`;
    await ref.fill(newRef);
    await page.getByLabel("Name (English)").fill("Health Insurance Review & Assessment Service");
    await page.getByLabel("Name (한국어)").fill("건강보험심사평가원");
    await page.getByLabel("Default currency").selectOption("KRW");
    await page.getByLabel("Public base URL").fill("https://concord.example.org/");
    await page.getByRole("button", { name: "Save the publisher settings" }).click();
    await expect(page.getByRole("status")).toHaveText("Publisher settings saved.");
    const row = await prisma.publisherSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(row).toMatchObject({ orgRef: newRef, name: "Health Insurance Review & Assessment Service", defaultCurrency: "KRW", publicBaseUrl: "https://concord.example.org" });
    expect(row.translations).toMatchObject({ ko: { name: "건강보험심사평가원" } });
    await expect(ref).toHaveValue(newRef);
  });

  test("an illustrative identifier is flagged to be replaced before registering", async ({ page, loginAs }) => {
    await ensurePublisher(prisma);
    // ensurePublisher's overrides are typed as its own literal values, so the demo's identifier is written directly.
    await prisma.publisherSettings.update({ where: { id: 1 }, data: { orgRef: "KR-BRN-EXAMPLE-HIRA" } });
    await loginAs("ADMIN");
    await page.goto("/admin/publisher");
    await expect(page.getByRole("note").filter({ hasText: "is illustrative" })).toContainText("replace it with the centre's real organisation identifier before registering with the IATI Registry");
  });

  test.describe("in Russian, without JavaScript (the server's check)", () => {
    test.use({ locale: "ru-RU", javaScriptEnabled: false });

    test("a bad identifier is refused next to the field in Russian", async ({ page, loginAs }) => {
      await ensurePublisher(prisma);
      await loginAs("ADMIN");
      await page.goto("/admin/publisher");
      const ref = page.getByLabel("Идентификатор организации в IATI");
      await ref.fill("KR-GOV-010");
      await page.getByRole("button", { name: "Сохранить настройки издателя" }).click();
      await expect(ref).toHaveAccessibleDescription(/«KR-GOV» — не регистрирующий орган/);
      await expect(ref).toHaveValue("KR-GOV-010");
      expect((await prisma.publisherSettings.findUniqueOrThrow({ where: { id: 1 } })).orgRef).toBe(TEST_PUBLISHER.orgRef);
    });
  });
});

test.describe("organisation identifiers", () => {
  test("the organisation form hints from country and type, refuses a prefix that is no agency, and saves a real one", async ({ page, loginAs }) => {
    const shortName = `MOHW-${uid()}`;
    await loginAs("STAFF");
    await page.goto("/organisations/new");
    await page.getByLabel("Short name *").fill(shortName);
    await page.getByLabel("Full name *").fill("Ministry of Health and Welfare");
    await page.getByLabel("Organisation type (IATI) *").selectOption("10");
    await page.getByLabel("Country").selectOption("KR");
    const ref = page.getByLabel("IATI organisation identifier");
    await expect(ref).toHaveAccessibleDescription(/KR-GOV\? No such agency\. Registration agencies in this country: KR-BRN, KR-COA\./);

    await ref.fill("KR-GOV-010");
    await page.getByRole("button", { name: "Create organisation" }).click();
    await expect(ref).toHaveAccessibleDescription(/“KR-GOV” is not a registration agency/);
    expect(await prisma.organisation.count({ where: { shortName } })).toBe(0);

    // A multilateral without a country: the DAC form.
    await page.getByLabel("Organisation type (IATI) *").selectOption("40");
    await page.getByLabel("Country").selectOption("");
    await expect(ref).toHaveAccessibleDescription(/XM-DAC-<its DAC code>/);

    const good = `KR-BRN-${uid()}`;
    await page.getByLabel("Organisation type (IATI) *").selectOption("10");
    await page.getByLabel("Country").selectOption("KR");
    await ref.fill(good);
    await page.getByRole("button", { name: "Create organisation" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved. The record has been created.");
    expect((await prisma.organisation.findFirstOrThrow({ where: { shortName } })).iatiRef).toBe(good);
  });

  test("an administrator lists organisations without an identifier and adds one from there", async ({ page, loginAs }) => {
    const org = await createOrganisation(prisma, { shortName: `UMC-KZ-${uid()}`, countryCode: "KZ" });
    await ensurePublisher(prisma);
    await loginAs("ADMIN");
    await page.goto("/admin/publisher");
    await page.getByRole("link", { name: /have no IATI identifier|has no IATI identifier/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Organisations without an IATI identifier" })).toBeVisible();
    const table = page.getByRole("table", { name: "Active organisations without an IATI identifier" });
    await expect(table.getByRole("link", { name: org.shortName, exact: true })).toBeVisible();
    await table.getByRole("link", { name: `Add the identifier: ${org.shortName}` }).click();
    await expect(page).toHaveURL(new RegExp(`/organisations/${org.id}/edit$`));
    await page.getByLabel("IATI organisation identifier").fill(`XI-IATI-${uid().toUpperCase()}`);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toBeVisible();
    await page.goto("/admin/organisations-without-iati");
    await expect(page.getByRole("heading", { level: 1, name: "Organisations without an IATI identifier" })).toBeVisible();
    await expect(page.getByRole("link", { name: org.shortName, exact: true })).toHaveCount(0);
  });
});

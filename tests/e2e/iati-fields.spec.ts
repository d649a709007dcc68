import type { Locator, Page } from "@playwright/test";
import { createOrganisation, createProgramme, uid } from "../factories";
import { createActivity } from "../factories/activity";
import { loadAllCountries } from "../factories/programme-admin";
import { createFundingLine } from "../factories/results";
import { expect, prisma, test } from "./support/fixtures";

// Issue 17, the data entry side of IATI publication: a programme's IATI
// classifications and country shares, a funding line's traceability and
// planned disbursements, an activity's coordinates. Each: filled in, bad
// input refused next to its field (in English and Russian), saved values shown.

const SHOTS = process.env.IATI_FIELDS_SHOTS; // a directory: screenshots of each form section, to look at

async function shot(locator: Locator, name: string) {
  if (SHOTS) await locator.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** The form's section (fieldset) by its legend. */
const section = (page: Page, name: string) => page.getByRole("group", { name });

test.beforeAll(async () => {
  await loadAllCountries(prisma);
});

test.describe("IATI fields in English", () => {
  test("a programme's IATI classifications are chosen from the codelists, and several countries need their shares", async ({ page, loginAs }) => {
    // A programme saved before the rule: two countries, no shares.
    const programme = await createProgramme(prisma, { countries: ["KZ", "UZ"], title: `Cancer care ${uid()}` });
    await loginAs("STAFF");
    await page.goto(`/programmes/${programme.code}/edit`);

    const iati = section(page, "IATI classifications");
    await expect(iati.getByLabel("Default aid type")).toHaveValue("D02");
    // Technical cooperation first.
    const aidTypes = await iati.getByLabel("Default aid type").locator("option").allTextContents();
    expect(aidTypes.slice(0, 4)).toEqual([
      "D01 — Donor country personnel",
      "D02 — Other technical assistance",
      "E01 — Scholarships/training in donor country",
      "E02 — Imputed student costs",
    ]);
    await expect(iati.getByLabel("Flow type")).toHaveValue("10");
    await iati.getByLabel("Default aid type").selectOption("E01");
    await iati.getByLabel("Tied status").selectOption({ label: "3 — Partially tied" });
    await page.getByRole("button", { name: "Save changes" }).click();

    // Refused: each country's share, next to its field; nothing saved.
    const needed = "A programme with several countries must give each country's share (IATI); enter it, the shares adding up to 100%.";
    await expect(page.getByLabel("Country 1 share (%)")).toHaveAccessibleDescription(needed);
    await expect(page.getByLabel("Country 2 share (%)")).toHaveAccessibleDescription(needed);
    await expect(iati.getByLabel("Default aid type")).toHaveValue("E01");
    await shot(section(page, "Partner countries"), "programme-countries-refused");
    expect((await prisma.programme.findUniqueOrThrow({ where: { id: programme.id } })).iatiAidType).toBe("D02");

    await page.getByLabel("Country 1 share (%)").fill("70");
    await page.getByLabel("Country 2 share (%)").fill("20");
    await expect(section(page, "Partner countries").getByText("Total: 90% (must be 100%)")).toBeVisible();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(section(page, "Partner countries").getByText("Country shares add up to 90%; they must add up to 100%.")).toBeVisible();
    await page.getByLabel("Country 2 share (%)").fill("30");
    await shot(iati, "programme-iati-classifications");
    await page.getByRole("button", { name: "Save changes" }).click();

    await expect(page).toHaveURL(new RegExp(`/programmes/${programme.code}$`));
    await expect(page.getByRole("status")).toHaveText("Your changes have been saved.");
    await expect(page.getByText("E01 — Scholarships/training in donor country")).toBeVisible();
    await expect(page.getByText("3 — Partially tied")).toBeVisible();
    await shot(page.getByRole("heading", { name: "Budget and sectors" }).locator("xpath=ancestor::section[1]"), "programme-page-iati");
    const saved = await prisma.programme.findUniqueOrThrow({ where: { id: programme.id }, include: { countries: true } });
    expect([saved.iatiAidType, saved.iatiTiedStatus, saved.iatiFlowType]).toEqual(["E01", "3", "10"]);
    expect(saved.countries.map((c) => `${c.countryCode} ${c.percentage?.toString()}`).sort()).toEqual(["KZ 70", "UZ 30"]);
  });

  test("a funding line names the funder's IATI activity, and a planned disbursement needs its period", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["KR"], title: `WHO CC ${uid()}` });
    const funder = await createOrganisation(prisma, { shortName: `MOFA-${uid()}` });
    await loginAs("STAFF");
    await page.goto("/funding/new");
    const form = section(page, "Funding line");
    await page.getByLabel(/^Programme/).selectOption({ label: `${programme.title} (${programme.code})` });
    await page.getByLabel(/^Kind/).selectOption({ label: "Disbursement" });
    // Money going out names the receiver's activity, not the funder's.
    await expect(form.getByLabel("Receiver's IATI activity identifier")).toBeVisible();
    await expect(form.getByLabel("Funder's IATI activity identifier")).toHaveCount(0);
    await page.getByLabel(/^Kind/).selectOption({ label: "Incoming funds" });
    await expect(form.getByLabel("Receiver's IATI activity identifier")).toHaveCount(0);
    await page.getByLabel("Provider", { exact: true }).selectOption({ label: `${funder.shortName} — ${funder.fullName}` });
    await form.getByLabel("Funder's IATI activity identifier").fill("XM-DAC-701 8-123456");
    await page.getByLabel(/^Amount/).fill("500000");
    await page.getByLabel(/^Currency/).fill("USD");
    await page.getByLabel("Transaction date").fill("2024-03-15");
    await page.getByLabel(/^Value date/).fill("2024-03-15");
    await page.getByRole("button", { name: "Create funding line" }).click();
    await expect(form.getByLabel("Funder's IATI activity identifier")).toHaveAccessibleDescription(
      /^The funder's IATI activity identifier cannot contain spaces\./,
    );
    await shot(form, "funding-traceability-refused");
    await form.getByLabel("Funder's IATI activity identifier").fill("XM-DAC-701-8-123456");
    await page.getByRole("button", { name: "Create funding line" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved. The record has been created.");
    await expect(page.getByText("Funder's IATI activity identifier")).toBeVisible();
    await expect(page.getByText("XM-DAC-701-8-123456")).toBeVisible();
    expect((await prisma.fundingLine.findFirstOrThrow({ where: { programmeId: programme.id } })).providerActivityId).toBe("XM-DAC-701-8-123456");

    // A planned disbursement: a period, as a budget.
    await page.goto("/funding/new");
    await page.getByLabel(/^Programme/).selectOption({ label: `${programme.title} (${programme.code})` });
    await page.getByLabel(/^Kind/).selectOption({ label: "Planned disbursement" });
    await page.getByLabel(/^Amount/).fill("250000");
    await page.getByLabel(/^Currency/).fill("USD");
    await page.getByLabel(/^Value date/).fill("2025-01-01");
    await page.getByRole("button", { name: "Create funding line" }).click();
    await expect(page.getByLabel("Period start")).toHaveAccessibleDescription(/^A planned disbursement covers a period: enter its start\./);
    await expect(page.getByLabel("Period end")).toHaveAccessibleDescription(/^A planned disbursement covers a period: enter its end\./);
    await shot(section(page, "Amount and dates"), "funding-planned-disbursement-refused");
    await page.getByLabel("Period start").fill("2025-01-01");
    await page.getByLabel("Period end").fill("2025-06-30");
    await page.getByRole("button", { name: "Create funding line" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved. The record has been created.");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Planned disbursement");
    await expect(page.getByText("Period", { exact: true })).toBeVisible();
    const planned = await prisma.fundingLine.findFirstOrThrow({ where: { programmeId: programme.id, kind: "PLANNED_DISBURSEMENT" } });
    expect([planned.periodStart?.toISOString().slice(0, 10), planned.periodEnd?.toISOString().slice(0, 10), planned.transactionDate]).toEqual([
      "2025-01-01",
      "2025-06-30",
      null,
    ]);
  });

  test("an activity takes its coordinates, both or neither, and its page shows them", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["KR"], title: `WHO CC ${uid()}` });
    const activity = await createActivity(prisma, { programmeId: programme.id, countryCode: "KR", city: "Wonju", title: `Ceremony ${uid()}` });
    await loginAs("STAFF");
    await page.goto(`/activities/${activity.id}/edit`);
    await page.getByLabel("Latitude").fill("37.3422");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByLabel("Longitude")).toHaveAccessibleDescription(/^Enter the longitude as well, or clear the latitude\./);
    await page.getByLabel("Longitude").fill("227.9202");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByLabel("Longitude")).toHaveAccessibleDescription(/^The longitude must be between −180 and 180\./);
    await shot(section(page, "Place and dates"), "activity-coordinates-refused");
    await page.getByLabel("Longitude").fill("127.9202");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Your changes have been saved.");
    await expect(page.getByText("37.3422, 127.9202")).toBeVisible();
    await shot(page.getByText("Coordinates", { exact: true }).locator("xpath=ancestor::dl[1]"), "activity-page-coordinates");
    const saved = await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } });
    expect([saved.latitude?.toString(), saved.longitude?.toString()]).toEqual(["37.3422", "127.9202"]);
  });
});

test.describe("IATI fields in Russian", () => {
  test.use({ locale: "ru-RU" });

  test("each form says what is wrong next to the field, in Russian", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["KZ", "UZ"], title: `Рак ${uid()}` });
    const activity = await createActivity(prisma, { programmeId: programme.id, countryCode: "KZ", city: "Almaty" });
    const line = await createFundingLine(prisma, { programmeId: programme.id, kind: "INCOMING_FUNDS" });
    await loginAs("STAFF");

    await page.goto(`/programmes/${programme.code}/edit`);
    await expect(section(page, "Классификации IATI").getByLabel("Тип помощи по умолчанию")).toHaveValue("D02");
    await page.getByRole("button", { name: "Сохранить изменения" }).click();
    await expect(page.getByLabel("Доля страны 1 (%)")).toHaveAccessibleDescription(
      "Если в программе несколько стран, IATI требует указать долю каждой страны: укажите её, в сумме доли должны составлять 100%.",
    );
    await shot(section(page, "Классификации IATI"), "programme-iati-classifications-ru");

    await page.goto(`/funding/${line.id}/edit`);
    await page.getByLabel("Идентификатор мероприятия IATI у финансирующей стороны").fill("XM-DAC-701/8");
    await page.getByRole("button", { name: "Сохранить" }).click();
    await expect(page.getByLabel("Идентификатор мероприятия IATI у финансирующей стороны")).toHaveAccessibleDescription(
      /^Идентификатор мероприятия IATI у финансирующей стороны не может содержать символов \/, &, \| и \?\./,
    );

    await page.goto(`/activities/${activity.id}/edit`);
    await page.getByLabel("Широта").fill("91");
    await page.getByLabel("Долгота").fill("76.9");
    await page.getByRole("button", { name: "Сохранить изменения" }).click();
    await expect(page.getByLabel("Широта")).toHaveAccessibleDescription(/^Широта должна быть от −90 до 90\./);
    expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).latitude).toBeNull();
  });
});

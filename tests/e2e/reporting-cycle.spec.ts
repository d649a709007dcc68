import ExcelJS from "exceljs";
import { createOrganisation, createProgramme, uid } from "../factories";
import { createProgressReportRecord, createRequirementRecord } from "../factories/reporting";
import { createIndicator } from "../factories/results";
import { expect, prisma, test } from "./support/fixtures";
import { linkIn, mailFor, waitForMail } from "./support/smtp";

// Issue 18, point 8: one reporting cycle as the people in it live it, with
// the mail each step sends read from the test SMTP server and followed.
// A partner of the Belarus ministry works in Russian: fills the quarterly
// report and submits it; staff (told by mail) return it with a comment on the
// indicators; the partner (told by mail, in Russian) corrects and resubmits;
// staff approve; the partner hears of it at once (the setting the partner
// chose); the portal, the donor's dashboard and the donor's workbook then show
// the approved figures, which they did not show while the report was under
// review.

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const MAIL_WAIT = { timeoutMs: 60_000 };

async function cycleFixture() {
  const tag = uid();
  const funder = await createOrganisation(prisma, { shortName: `KWPF-${tag}` });
  const programme = await createProgramme(prisma, { countries: ["BY"], funders: [funder.id], title: `DRG payment reform in Belarus ${tag}` });
  const indicator = await createIndicator(prisma, {
    programmeId: programme.id,
    title: `Doctors trained in DRG coding ${tag}`,
    // A year's target, reported quarterly: the report's value is the actual to date.
    periods: [{ start: "2025-01-01", end: "2025-12-31", target: 120, targetFemale: 60, targetMale: 60 }],
  });
  const activity = await prisma.activity.create({
    data: {
      programmeId: programme.id,
      kind: "WORKSHOP",
      title: `DRG coding workshop in Brest ${tag}`,
      status: "COMPLETED",
      countryCode: "BY",
      plannedStart: day("2025-02-10"),
      actualStart: day("2025-02-10"),
      actualEnd: day("2025-02-11"),
    },
  });
  const requirement = await createRequirementRecord(prisma, { programmeId: programme.id, country: "BY", title: `Quarterly progress report ${tag}` });
  const report = await createProgressReportRecord(prisma, requirement, { status: "NOT_STARTED", narrative: null });
  return { tag, funder, programme, indicator, activity, report };
}

test("a quarterly report in Russian: submitted, returned with a comment, resubmitted, approved, each step mailed; the approved figures reach the portal and the donor", async ({
  page,
  loginAs,
  baseURL,
}) => {
  const signInAs = async (_page: typeof page, cookie: string) => {
    const [name, value] = cookie.split("=");
    await page.context().addCookies([{ name, value, url: baseURL! }]);
  };
  test.setTimeout(240_000);
  const f = await cycleFixture();
  const staff = await loginAs("STAFF");
  const partner = await loginAs("PARTNER", { countries: ["BY"] });
  await prisma.user.update({ where: { id: partner.id }, data: { locale: "ru" } });
  const doctors = () => page.getByRole("group", { name: `${f.indicator.title} (people)` });
  const workshop = () => page.getByRole("group", { name: new RegExp(f.activity.title) });

  // The partner wants to hear of an approval at once, not in the next day's digest.
  await page.goto("/account/notifications");
  await page.getByLabel("Отчёт о ходе работ утверждён").selectOption("IMMEDIATE");
  await page.getByRole("button", { name: "Сохранить настройки" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Настройки уведомлений сохранены." })).toBeVisible();

  // The partner finds the report among its country's reports and fills it in, in Russian.
  await page.goto("/portal/reports");
  await page.getByRole("link", { name: new RegExp(`Quarterly progress report ${f.tag}`) }).first().click();
  await expect(page).toHaveURL(new RegExp(`/portal/reports/${f.report.id}$`));
  await expect(page.getByText(/нарастающим итогом за период показателя/)).toBeVisible();
  await page.getByLabel(/^Что было сделано за период/).fill("Проведён семинар по кодированию КСГ в Бресте; обучено 40 врачей.");
  await doctors().getByLabel(`Фактическое значение: ${f.indicator.title}`).fill("40");
  await doctors().getByLabel("Женщины", { exact: true }).fill("30");
  await doctors().getByLabel("Мужчины", { exact: true }).fill("15");
  await workshop().getByLabel(/^Всего/).fill("42");
  await workshop().getByLabel("Женщины", { exact: true }).fill("25");
  await workshop().getByLabel("Мужчины", { exact: true }).fill("17");
  await page.getByRole("button", { name: "Представить на проверку" }).click();
  // Women and men together exceed the actual: refused next to the field, in Russian, and nothing submitted.
  await expect(doctors().getByText("Женщин и мужчин вместе больше, чем фактическое значение.")).toBeVisible();
  expect((await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id } })).status).not.toBe("SUBMITTED");
  await doctors().getByLabel("Женщины", { exact: true }).fill("25");
  await page.getByRole("button", { name: "Представить на проверку" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Отчёт представлен на проверку." })).toBeVisible();

  // Under review, nothing of it is official yet: the donor sees no participants.
  const unofficial = await prisma.activity.findUniqueOrThrow({ where: { id: f.activity.id } });
  expect(unofficial.participantsTotal).toBeNull();

  // Staff are told by mail, in their language, with one link to the report.
  const submitted = await waitForMail(staff.email, `Progress report submitted: Quarterly progress report ${f.tag}`, MAIL_WAIT);
  expect(submitted.text).toContain(f.programme.code);
  await page.context().clearCookies();
  await signInAs(page, staff.cookie);
  await page.goto(linkIn(submitted, `/progress-reports/${f.report.id}`));
  await expect(page.getByText("Проведён семинар по кодированию КСГ в Бресте; обучено 40 врачей.")).toBeVisible();
  await page.getByLabel("Comment on Indicators").fill("Please give the number of women and men as in the attendance sheets.");
  await page.getByRole("button", { name: "Return to the reporter" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Report returned to the reporter." })).toBeVisible();

  // The partner is told at once, in Russian, and the link opens the report in the portal.
  // The partner hears of every Belarus report returned (other journeys' too): this report's mail is the one with its title.
  const returned = await waitForMail(partner.email, `Отчёт о ходе работ возвращён: Quarterly progress report ${f.tag}`, MAIL_WAIT);
  expect(returned.text.replace(/\s+/g, " ")).toContain("возвращён с комментариями");
  await page.context().clearCookies();
  await signInAs(page, partner.cookie);
  await page.goto(linkIn(returned, `/portal/reports/${f.report.id}`));
  await expect(page.getByText("Please give the number of women and men as in the attendance sheets.")).toBeVisible();
  await doctors().getByLabel("Женщины", { exact: true }).fill("24");
  await doctors().getByLabel("Мужчины", { exact: true }).fill("16");
  const staffMailsBefore = mailFor(staff.email).length;
  await page.getByRole("button", { name: "Представить на проверку" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Отчёт представлен на проверку." })).toBeVisible();

  // Staff are told of the resubmission (a second mail) and approve.
  const resubmitted = await waitForMail(staff.email, `Progress report submitted: Quarterly progress report ${f.tag}`, { ...MAIL_WAIT, after: staffMailsBefore });
  await page.context().clearCookies();
  await signInAs(page, staff.cookie);
  await page.goto(linkIn(resubmitted, `/progress-reports/${f.report.id}`));
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Report approved" })).toBeVisible();

  // The partner hears of the approval at once (its own setting), in Russian.
  const approved = await waitForMail(partner.email, `Отчёт о ходе работ утверждён: Quarterly progress report ${f.tag}`, MAIL_WAIT);
  linkIn(approved, `/portal/reports/${f.report.id}`);

  // The approved figures are the official ones: the portal's programme page counts the participants…
  await page.context().clearCookies();
  await signInAs(page, partner.cookie);
  await page.goto(`/portal/programmes/${encodeURIComponent(f.programme.code)}`);
  await expect(page.getByText("Обучено участников").locator("..")).toContainText("42");

  // …the donor's dashboard too, and the donor's workbook carries the indicator's actual to date.
  await page.context().clearCookies();
  await loginAs("DONOR", { organisationIds: [f.funder.id] });
  await page.goto("/donor");
  await expect(page.getByText("Participants recorded").locator("..")).toContainText("42");
  const response = await page.request.get(`/reports/programmes/${encodeURIComponent(f.programme.code)}.xlsx?from=2025-01-01&to=2025-12-31`);
  expect(response.status()).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await response.body()) as unknown as ArrayBuffer);
  const sheet = wb.worksheets.find((w) => w.name === "Indicators")!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const line = rows.find((r) => r.includes(f.indicator.title));
  expect(line).toBeDefined();
  expect(line).toContain(40);
});

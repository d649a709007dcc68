import { createOrganisation, createProgramme, uid } from "../factories";
import { createDeliverable, isoDaysFromToday } from "../factories/deliverable";
import { expect, prisma, test } from "./support/fixtures";

// History recorded after the fact keeps its own dates: a deliverable
// submitted in 2020 and recorded today reads "15 Mar 2020", and a date known
// only to the month reads "Nov 2019" on every page that shows it.

const day = (s: string) => new Date(`${s}T00:00:00Z`);

test("staff records a deliverable submitted years ago with the day it happened", async ({ page, loginAs }) => {
  await loginAs("STAFF");
  const programme = await createProgramme(prisma, { countries: ["BY"], title: `Back-entered ${uid()}` });
  const d = await createDeliverable(prisma, { programmeId: programme.id, title: `Tariff methodology ${uid()}`, dueDate: day("2020-03-31"), status: "IN_PROGRESS" });

  await page.goto(`/deliverables/${d.id}/edit`);
  await page.getByLabel("Status").selectOption({ label: "Submitted" });
  // A date in the future is refused next to the field, and nothing is saved.
  await page.getByLabel("Submitted on").fill(isoDaysFromToday(5));
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("The submission date cannot be in the future.")).toBeVisible();
  expect((await prisma.deliverable.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("IN_PROGRESS");

  await page.getByLabel("Submitted on").fill("2020-03-15");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(d.title);
  await expect(page.getByText("15 Mar 2020")).toBeVisible();
  expect(await prisma.deliverable.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "SUBMITTED", submittedAt: day("2020-03-15") });

  // The edit form shows the recorded day again.
  await page.goto(`/deliverables/${d.id}/edit`);
  await expect(page.getByLabel("Submitted on")).toHaveValue("2020-03-15");
});

test("a signature date known to the month reads Nov 2019 on the agreement and organisation pages", async ({ page, loginAs }) => {
  await loginAs("STAFF");
  const tag = uid();
  const programme = await createProgramme(prisma, { countries: ["KR"], title: `Precision ${tag}` });
  const org = await createOrganisation(prisma, { shortName: `NHIS-${tag}` });
  const mou = await prisma.agreement.create({
    data: {
      programmeId: programme.id,
      type: "MOU",
      title: `NHIS MoU ${tag}`,
      status: "SIGNED",
      signedOn: day("2019-11-01"),
      signedPrecision: "MONTH",
      parties: { create: [{ organisationId: org.id, role: "SIGNATORY" }] },
    },
  });
  await prisma.agreement.create({
    data: { programmeId: programme.id, parentId: mou.id, type: "AMENDMENT", title: `Amendment ${tag}`, status: "SIGNED", signedOn: day("2020-01-01"), signedPrecision: "YEAR" },
  });

  await page.goto(`/agreements/${mou.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(mou.title);
  await expect(page.getByText("Nov 2019", { exact: true })).toBeVisible();
  await expect(page.getByText("Signed · signed 2020")).toBeVisible();
  await expect(page.getByText(/\b1 Nov 2019|1 Jan 2020/)).toHaveCount(0);

  await page.goto(`/organisations/${org.id}`);
  await expect(page.getByText(/signed Nov 2019/)).toBeVisible();
  await expect(page.getByText(/\b1 Nov 2019/)).toHaveCount(0);
});

import { createProgramme } from "../factories";
import { createActivity } from "../factories/activity";
import { expect, prisma, test } from "./support/fixtures";

// A page number past the last page (a bookmark, a shared link, records
// archived since) must not read as an empty list: a staff list answers with
// its last page at that page's own address, and the lists that cannot move
// (search, portal, donor, imports, administration) say that the page is past
// the end and lead back to the last page, in the reader's language.

async function seed(n: number) {
  const tag = `Paging${Date.now().toString(36)}`;
  const programme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} programme` });
  for (let i = 1; i <= n; i++) await createActivity(prisma, { programmeId: programme.id, title: `${tag} seminar ${i}` });
  return tag;
}

test("a staff list asked for a page past its last shows its last page at that page's address", async ({ page, loginAs }) => {
  const tag = await seed(3);
  await loginAs("STAFF");
  await page.goto(`/activities?q=${tag}&sort=title&dir=asc&page=7`);
  await expect(page).toHaveURL(new RegExp(`/activities\\?q=${tag}&sort=title&dir=asc&page=1$`));
  await expect(page.getByRole("link", { name: `${tag} seminar 1`, exact: true })).toBeVisible();
  const pages = page.getByRole("navigation", { name: "Pages" });
  await expect(pages).toContainText("Showing 1–3 of 3");
  await expect(pages).toContainText("Page 1 of 1");
  await expect(page.getByText("No activities yet.")).toHaveCount(0);
});

test("a search page past the last says so, in Russian too, and leads back to the last page", async ({ page, context, baseURL, loginAs }) => {
  const tag = await seed(3);
  await loginAs("STAFF");
  await page.goto(`/search?q=${tag}&kind=activity&page=4`);
  const pages = page.getByRole("navigation", { name: "Pages" });
  await expect(pages).toContainText("Nothing on this page: the 3 results end on page 1.");
  await expect(pages).not.toContainText("Showing");
  await pages.getByRole("link", { name: "Go to the last page" }).click();
  await expect(page).toHaveURL(/[?&]page=1(&|$)/);
  await expect(page.getByRole("link", { name: `${tag} seminar 2`, exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Pages" })).toContainText("Page 1 of 1");

  await context.addCookies([{ name: "concord_lang", value: "ru", url: baseURL! }]);
  await page.goto(`/search?q=${tag}&kind=activity&page=4`);
  await expect(page.locator("nav").filter({ hasText: "К последней странице" })).toContainText(
    "На этой странице ничего нет. Всего результатов: 3, последняя страница — 1.",
  );
});

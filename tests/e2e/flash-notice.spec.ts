import { createProgramme, uid } from "../factories";
import { createAgreement } from "../factories/deliverable";
import { expect, prisma, test } from "./support/fixtures";

// Issue 15, item 8: the confirmation after a post/redirect/get travels in a
// flash cookie (app/utils/flash.server.ts), not in ?notice= in the URL. It
// shows once on the page the redirect lands on, in the reader's language,
// with JavaScript and without; a reload or the next page does not show it again.

const TEXT = {
  ko: { archive: "보관", restore: "복원", archived: "보관되었습니다. 이제 목록에 표시되지 않으며, 이 페이지에서 복원할 수 있습니다.", restored: "복원되었습니다." },
  ru: {
    archive: "Архивировать",
    restore: "Восстановить",
    archived: "Запись перенесена в архив. Она больше не отображается в списках; восстановить её можно на этой странице.",
    restored: "Запись восстановлена.",
  },
} as const;

async function makeAgreement() {
  const programme = await createProgramme(prisma, { countries: ["BY"], title: `Flash notices ${uid()}` });
  const agreement = await createAgreement(prisma, { programmeId: programme.id, title: `Agreement with a notice ${uid()}` });
  return { programme, agreement };
}

for (const javaScriptEnabled of [true, false]) {
  const lang = javaScriptEnabled ? "ko" : "ru";
  const text = TEXT[lang];
  test(`a notice shows once after the redirect, in the reader's language (${lang}), and not after a reload (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
    loginAs,
    baseURL,
  }) => {
    const { programme, agreement } = await makeAgreement();
    const user = await loginAs("STAFF");
    const context = await browser.newContext({ javaScriptEnabled, baseURL, locale: lang === "ko" ? "ko-KR" : "ru-RU" });
    const [name, value] = user.cookie.split("=");
    await context.addCookies([{ name, value, url: baseURL! }]);
    const page = await context.newPage();
    // The notice is rendered by the server and hydrated: React must find the same text.
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    try {
      await page.goto(`/agreements/${agreement.id}`);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      if (javaScriptEnabled) await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
      await expect(page.getByText(text.archived)).toHaveCount(0);

      await page.getByRole("button", { name: text.archive, exact: true }).click();
      // Back on the record, whose URL carries nothing but its own path.
      await expect(page.getByRole("status").filter({ hasText: text.archived })).toBeVisible();
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/agreements/${agreement.id}`);
      expect((await prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).archivedAt).not.toBeNull();
      // The cookie was read and cleared with the page that showed it.
      expect((await context.cookies()).map((c) => c.name)).not.toContain("concord_flash");

      // A reload shows the record, without the notice.
      await page.reload();
      await expect(page.getByRole("button", { name: text.restore, exact: true })).toBeVisible();
      await expect(page.getByText(text.archived)).toHaveCount(0);

      // The next action's notice shows in its turn, once.
      await page.getByRole("button", { name: text.restore, exact: true }).click();
      await expect(page.getByRole("status").filter({ hasText: text.restored })).toBeVisible();
      await expect(page.getByText(text.archived)).toHaveCount(0);

      // Leaving the page (a link: with JavaScript, a navigation that does not
      // ask the root loader again) and coming back does not bring it back.
      await page.getByRole("link", { name: programme.title }).first().click();
      await expect(page).toHaveURL(new RegExp(`/programmes/${programme.code}$`));
      await expect(page.getByText(text.restored)).toHaveCount(0);
      await page.getByRole("link", { name: agreement.title }).first().click();
      await expect(page).toHaveURL(new RegExp(`/agreements/${agreement.id}$`));
      await expect(page.getByRole("button", { name: text.archive, exact: true })).toBeVisible();
      await expect(page.getByText(text.restored)).toHaveCount(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
}

test("a flash cookie that was not signed by the server shows nothing", async ({ page, loginAs, baseURL }) => {
  const { agreement } = await makeAgreement();
  await loginAs("STAFF");
  // What the cookie would hold unsigned: the JSON of the code, in base64.
  await page.context().addCookies([{ name: "concord_flash", value: Buffer.from(JSON.stringify("archived")).toString("base64"), url: baseURL! }]);
  await page.goto(`/agreements/${agreement.id}`);
  await expect(page.getByRole("heading", { level: 1, name: agreement.title })).toBeVisible();
  await expect(page.getByText("Archived. It no longer appears in lists")).toHaveCount(0);
  // The forged cookie is cleared all the same.
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain("concord_flash");
});

import { createProgramme, uid } from "../factories";
import { expect, prisma, sessionCookie, test } from "./support/fixtures";

// Issue 7, item 1: the language comes from the browser until the user picks
// one; the pick is remembered for the account (any browser) and in a cookie
// (before signing in). The page hydrates in its language: only that
// language's messages are loaded, and React finds the same text the server wrote.

test.describe("interface language", () => {
  test.use({ locale: "ru-RU" });

  test("a Russian browser gets Russian pages, loads only the Russian messages, and hydrates without errors", async ({ page }) => {
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    const catalogues: string[] = [];
    page.on("request", (r) => r.url().includes("/i18n/") && catalogues.push(new URL(r.url()).pathname));

    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByRole("contentinfo")).toContainText("программы международного технического сотрудничества");
    await expect(page.getByRole("combobox", { name: "Язык интерфейса" })).toHaveValue("ru");
    // Hydrated: React has taken the page over (the switch's form is a Remix form).
    await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
    expect([...new Set(catalogues)]).toEqual(["/i18n/ru.json"]);
    expect(errors).toEqual([]);
  });

  test("the switch changes the language and the account keeps it in another browser", async ({ page, loginAs, browser, baseURL }) => {
    const user = await loginAs("STAFF");
    await page.goto("/activities");
    await expect(page.getByRole("navigation", { name: "Основное меню" }).getByRole("link", { name: "Мероприятия" })).toBeVisible();

    await page.getByRole("combobox", { name: "Язык интерфейса" }).selectOption("ko");
    await page.getByRole("button", { name: "Сменить" }).click();
    await expect(page).toHaveURL(/\/activities$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await expect(page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "활동" })).toBeVisible();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("ko");

    // Client-side navigation in Korean works (the Korean messages were loaded before hydration).
    await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "대시보드" }).click();
    await expect(page).toHaveURL(/\/workspace$/);
    await expect(page.getByRole("button", { name: "로그아웃", exact: true })).toBeVisible();

    // Another browser, in English, with a new session of the same account: still Korean.
    const other = await browser.newContext({ locale: "en-GB" });
    const [name, value] = (await sessionCookie(user.id)).split("=");
    await other.addCookies([{ name, value, url: baseURL! }]);
    const second = await other.newPage();
    await second.goto("/workspace");
    await expect(second.locator("html")).toHaveAttribute("lang", "ko");
    await other.close();
  });

  test("a partner reading Russian sees a programme's Russian title and texts where the programme has them", async ({ page, loginAs }) => {
    const tag = uid();
    const programme = await createProgramme(prisma, { countries: ["BY"], title: `Health financing reform ${tag}` });
    const ruTitle = `Реформа финансирования здравоохранения ${tag}`;
    await prisma.programme.update({ where: { id: programme.id }, data: { lang: "en", translations: { ru: { title: ruTitle }, ko: { title: `보건재정 개혁 ${tag}` } } } });
    await loginAs("PARTNER", { countries: ["BY"] });

    await page.goto("/portal");
    await page.getByRole("link", { name: ruTitle }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: ruTitle })).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(ruTitle));
    // The record itself is unchanged: English stays its own text.
    expect((await prisma.programme.findUniqueOrThrow({ where: { id: programme.id } })).title).toBe(`Health financing reform ${tag}`);
  });

  test("staff keep a programme's title in Russian and Korean on its form (the form itself in Russian)", async ({ page, loginAs }) => {
    const tag = uid();
    const programme = await createProgramme(prisma, { countries: ["KZ"], title: `Hospital accreditation ${tag}` });
    await loginAs("STAFF");
    await page.goto(`/programmes/${programme.code}/edit`);
    const titles = page.getByRole("group", { name: "Название на других языках" });
    await titles.getByLabel("Русский").fill(`Аккредитация больниц ${tag}`);
    await titles.getByLabel("Корейский").fill(`병원 인증 ${tag}`);
    await expect(titles.getByLabel("Корейский")).toHaveAttribute("lang", "ko");
    await page.getByRole("button", { name: "Сохранить изменения" }).click();
    // Saved: the programme page, in Russian, now shows the Russian title.
    await expect(page.getByRole("heading", { level: 1, name: `Аккредитация больниц ${tag}` })).toBeVisible();
    const saved = await prisma.programme.findUniqueOrThrow({ where: { id: programme.id } });
    expect(saved.title).toBe(`Hospital accreditation ${tag}`);
    expect(saved.translations).toEqual({ ru: { title: `Аккредитация больниц ${tag}` }, ko: { title: `병원 인증 ${tag}` } });
  });

  test("before signing in the switch is remembered in a cookie, and only a path of this site is a place to return to", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("combobox", { name: "Язык интерфейса" }).selectOption("en");
    await page.getByRole("button", { name: "Сменить" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");

    const response = await page.request.post("/language", {
      form: { locale: "ko", returnTo: "//evil.example/" },
      headers: { Origin: new URL(page.url()).origin },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toBe("/");
  });
});

import { createOrganisation, createProgramme, createUser } from "../factories";
import { enrolMfa, unusedTotpCode } from "../factories/mfa";
import { enterMfaCode, expect, prisma, signInWithForm, test } from "./support/fixtures";

test.describe("signing in", () => {
  test("each role lands on its own home page, with its own programmes", async ({ page }) => {
    const tag = Date.now();
    const fund = await createOrganisation(prisma, { shortName: `FUND-${tag}` });
    const byProgramme = await createProgramme(prisma, { countries: ["BY"], funders: [fund.id], title: `Hospital payment reform in Belarus ${tag}` });
    const kzProgramme = await createProgramme(prisma, { countries: ["KZ"], title: `Cancer care exchange with Kazakhstan ${tag}` });

    // Staff land on the workspace, whose table holds only the latest few of
    // the whole (shared, growing) test portfolio: their programmes are
    // checked in the programme list the workspace links to.
    const cases = [
      { role: "STAFF" as const, heading: "Cooperation workspace", list: `/programmes?q=${tag}`, sees: [byProgramme.title, kzProgramme.title], hidden: [] },
      { role: "ADMIN" as const, heading: "Cooperation workspace", list: `/programmes?q=${tag}`, sees: [byProgramme.title, kzProgramme.title], hidden: [] },
      { role: "PARTNER" as const, countries: ["BY"], heading: "Cooperation programmes with Belarus", sees: [byProgramme.title], hidden: [kzProgramme.title] },
      { role: "DONOR" as const, organisationIds: [fund.id], heading: `Programmes funded by ${fund.shortName}`, sees: [byProgramme.title], hidden: [kzProgramme.title] },
    ];
    for (const c of cases) {
      const { user, password } = await createUser(prisma, {
        role: c.role,
        countries: "countries" in c ? c.countries : undefined,
        organisationIds: "organisationIds" in c ? c.organisationIds : undefined,
      });
      // Admin and staff have MFA (required for them); partners and donors sign in with the password alone.
      const mfa = c.role === "STAFF" || c.role === "ADMIN" ? await enrolMfa(prisma, user.id) : null;
      await page.context().clearCookies();
      await page.goto("/");
      await expect(page).toHaveURL(/\/sign-in/);
      await signInWithForm(page, user.email, password);
      if (mfa) {
        await expect(page).toHaveURL(/\/sign-in\/mfa/);
        await enterMfaCode(page, await unusedTotpCode(prisma, user.id, mfa.key));
      }
      await expect(page.getByRole("heading", { level: 1, name: c.heading })).toBeVisible();
      if ("list" in c && c.list) await page.goto(c.list);
      for (const title of c.sees) await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();
      for (const title of c.hidden) await expect(page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
    }
  });

  test("a wrong password shows one generic message and keeps the e-mail", async ({ page }) => {
    const { user } = await createUser(prisma, { role: "STAFF" });
    await page.goto("/sign-in");
    await signInWithForm(page, user.email, "definitely-wrong");
    await expect(page.getByRole("alert")).toHaveText("The e-mail address or password is not correct.");
    await expect(page.getByLabel("E-mail address")).toHaveValue(user.email);
  });

  test("repeated wrong passwords make the form say how long to wait, not lock the account", async ({ page }) => {
    const { user, password } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    await page.goto("/sign-in");
    for (let i = 0; i < 4; i++) await signInWithForm(page, user.email, `wrong-${i}`);
    await expect(page.getByRole("alert")).toHaveText(/Too many failed attempts\. For your security, please wait \d+ seconds before trying again\./);
    // Once the wait has passed (moved forward in the database, not waited for), the right password signs in.
    await prisma.rateLimit.updateMany({ where: { key: { contains: user.email } }, data: { resetAt: new Date(Date.now() - 1000) } });
    await signInWithForm(page, user.email, password);
    await expect(page).toHaveURL(/\/portal/);
  });

  test("the sign-in page links to password recovery", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("link", { name: "Forgot your password?" })).toHaveAttribute("href", "/forgot-password");
  });

  test("form errors show next to their fields", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("E-mail address").fill("not an address");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter an e-mail address like name@agency.org.")).toBeVisible();
    await expect(page.getByText("Enter your password.")).toBeVisible();
  });

  test("an anonymous visit goes to sign-in and comes back after signing in", async ({ page }) => {
    const programme = await createProgramme(prisma, { countries: ["BY"], title: "Quality of care strategy" });
    const { user, password } = await createUser(prisma, { role: "STAFF" });
    const { key } = await enrolMfa(prisma, user.id);
    await page.goto(`/programmes/${programme.code}`);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?redirectTo=%2Fprogrammes%2F${programme.code}`));
    await signInWithForm(page, user.email, password);
    // Through the code step, the destination is kept.
    await expect(page).toHaveURL(new RegExp(`/sign-in/mfa\\?redirectTo=%2Fprogrammes%2F${programme.code}$`));
    await enterMfaCode(page, await unusedTotpCode(prisma, user.id, key));
    await expect(page).toHaveURL(new RegExp(`/programmes/${programme.code}$`));
    await expect(page.getByRole("heading", { level: 1, name: programme.title })).toBeVisible();
  });

  test("signing out ends the session", async ({ page, loginAs }) => {
    await loginAs("STAFF");
    await page.goto("/workspace");
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/workspace");
    await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fworkspace/);
  });
});

test.describe("scope", () => {
  test("a partner for Belarus gets 404 for a Kazakhstan programme and for other roles' pages", async ({ page, loginAs }) => {
    const kz = await createProgramme(prisma, { countries: ["KZ"], title: `Kazakhstan only ${Date.now()}` });
    const by = await createProgramme(prisma, { countries: ["BY"], title: `Belarus visible ${Date.now()}` });
    await loginAs("PARTNER", { countries: ["BY"] });

    const own = await page.goto(`/programmes/${by.code}`);
    expect(own?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: by.title })).toBeVisible();

    const foreign = await page.goto(`/programmes/${kz.code}`);
    expect(foreign?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByText(kz.title)).toHaveCount(0);

    expect((await page.goto("/workspace"))?.status()).toBe(403);
    expect((await page.goto("/donor"))?.status()).toBe(403);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the sign-in form still validates on the server and signs in", async ({ page }) => {
    const { user, password } = await createUser(prisma, { role: "DONOR" });
    await page.goto("/sign-in");
    await page.getByLabel("E-mail address").fill("not an address");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter an e-mail address like name@agency.org.")).toBeVisible();
    await expect(page.getByText("Enter your password.")).toBeVisible();
    await expect(page.getByLabel("E-mail address")).toHaveValue("not an address");

    await page.getByLabel("E-mail address").fill(user.email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/donor$/);
  });
});

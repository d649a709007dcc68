import { createOrganisation, createProgramme, createUser } from "../factories";
import { createLink } from "../factories/accounts";
import { linkIn, mailFor, waitForMail } from "./support/smtp";
import { expect, prisma, sessionCookie, test } from "./support/fixtures";

// Issue 5 item 1 and 3: invitations and password resets by e-mail, through
// the local SMTP server (tests/e2e/support/smtp.ts), as a person would.

test.describe("invitations", () => {
  test("an admin invites a partner for Kazakhstan; the mailed link sets a password and signs them in to Kazakhstan only", async ({ page, loginAs, browser }) => {
    const stamp = Date.now();
    const kz = await createProgramme(prisma, { countries: ["KZ"], title: `Cancer registry with Kazakhstan ${stamp}` });
    const by = await createProgramme(prisma, { countries: ["BY"], title: `Hospital payment reform in Belarus ${stamp}` });
    await loginAs("ADMIN");
    const email = `aigerim.${stamp}@health.gov.kz`;

    await page.goto("/admin/users");
    await page.getByRole("link", { name: "Invite a user" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Invite a user" })).toBeVisible();
    await page.waitForLoadState("networkidle"); // hydrated: the form's script validates before posting
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Name").fill("Aigerim Sultanova");
    await page.getByLabel("Role").selectOption("PARTNER");
    await page.getByRole("button", { name: "Send the invitation" }).click();
    await expect(page.getByText("Choose at least one country for a partner user.")).toBeVisible();
    await page.getByRole("checkbox", { name: "Kazakhstan", exact: true }).check();
    await page.getByRole("button", { name: "Send the invitation" }).click();
    await expect(page.getByRole("status")).toContainText("Invitation sent");
    await expect(page.getByRole("heading", { level: 1, name: "Aigerim Sultanova" })).toBeVisible();

    const mail = await waitForMail(email, "You are invited to Concord");
    expect(mail.text.replace(/\s+/g, " ")).toContain("Partner ministry for Kazakhstan");
    const link = linkIn(mail, "/invitations/");

    // The invitee, in their own browser.
    const invitee = await browser.newContext();
    const p = await invitee.newPage();
    await p.goto(link, { waitUntil: "networkidle" });
    await expect(p.getByRole("heading", { name: "Welcome to Concord" })).toBeVisible();
    await expect(p.getByText(email)).toBeVisible();
    await expect(p.getByLabel("Your name")).toHaveValue("Aigerim Sultanova");
    await p.getByLabel("Choose a password").fill("password123");
    await p.getByLabel("Type the password again").fill("password123");
    await p.getByRole("button", { name: "Accept and sign in" }).click();
    await expect(p.getByText("This password is on a list of commonly used passwords")).toBeVisible();
    expect(await prisma.user.count({ where: { email } })).toBe(0);

    await p.getByLabel("Choose a password").fill("steppe wind over the river");
    await p.getByLabel("Type the password again").fill("steppe wind over the river");
    await p.getByRole("button", { name: "Accept and sign in" }).click();
    await expect(p).toHaveURL(/\/portal$/);
    await expect(p.getByRole("heading", { level: 1, name: /Kazakhstan/ })).toBeVisible();
    await expect(p.getByRole("link", { name: kz.title, exact: true })).toBeVisible();
    await expect(p.getByRole("link", { name: by.title, exact: true })).toHaveCount(0);
    expect((await p.goto(`/programmes/${by.code}`))?.status()).toBe(404);

    // The link works once.
    const again = await p.goto(link);
    expect(again?.status()).toBe(410);
    await expect(p.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
    await invitee.close();

    // The admin sees the new account in the list.
    await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    const row = page.getByRole("row", { name: new RegExp(email) });
    await expect(row).toContainText("Active");
    await expect(row).toContainText("Kazakhstan");
  });

  test("an expired link and an unknown link say what to do, with 410 and 404", async ({ page }) => {
    const expired = await createLink(prisma, { purpose: "INVITATION", expiresInMs: -60_000 });
    const r1 = await page.goto(`/invitations/${expired.token}`);
    expect(r1?.status()).toBe(410);
    await expect(page.getByRole("heading", { name: "This invitation has expired" })).toBeVisible();
    await expect(page.getByText("Ask the administrator who invited you to send you a new link.")).toBeVisible();
    const r2 = await page.goto(`/invitations/${"x".repeat(43)}`);
    expect(r2?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "This invitation link does not work" })).toBeVisible();
    expect(r2?.headers()["cache-control"]).toBe("no-store");
    expect(r2?.headers()["referrer-policy"]).toBe("same-origin");
  });
});

test.describe("forgotten password", () => {
  test("the reset link arrives by mail, sets a new password, ends the old sessions and signs in", async ({ page, browser }) => {
    const fund = await createOrganisation(prisma);
    await createProgramme(prisma, { funders: [fund.id] });
    const { user, password } = await createUser(prisma, { role: "DONOR", organisationIds: [fund.id], email: `donor.${Date.now()}@fund.example` });
    // A session left open on another computer.
    const other = await browser.newContext();
    const [name, value] = (await sessionCookie(user.id)).split("=");
    await other.addCookies([{ name, value, url: test.info().project.use.baseURL! }]);
    const otherPage = await other.newPage();
    await otherPage.goto("/donor");
    await expect(otherPage).toHaveURL(/\/donor$/);

    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await page.getByLabel("E-mail address").fill(user.email.toUpperCase());
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByRole("status")).toHaveText(/If an account exists for that address, we have sent a link/);

    // The same answer for an address without an account, and no mail for it.
    const nobody = `nobody.${Date.now()}@fund.example`;
    await page.goto("/forgot-password", { waitUntil: "networkidle" });
    await page.getByLabel("E-mail address").fill(nobody);
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByRole("status")).toHaveText(/If an account exists for that address, we have sent a link/);

    const mail = await waitForMail(user.email, "Reset your Concord password");
    await page.goto(linkIn(mail, "/reset-password/"), { waitUntil: "networkidle" });
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await page.getByLabel("New password").fill("qwertyuiop");
    await page.getByLabel("Type the password again").fill("qwertyuiop");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await expect(page.getByText("This password is on a list of commonly used passwords")).toBeVisible();
    await page.getByLabel("New password").fill("lilac harbour at dawn");
    await page.getByLabel("Type the password again").fill("lilac harbour at dawn");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await expect(page).toHaveURL(/\/donor$/);

    await otherPage.goto("/donor");
    await expect(otherPage).toHaveURL(/\/sign-in\?redirectTo=%2Fdonor/);
    await other.close();
    expect(mailFor(nobody)).toHaveLength(0);

    // The old password no longer works; the new one does.
    const fresh = await browser.newContext();
    const f = await fresh.newPage();
    await f.goto("/sign-in");
    await f.getByLabel("E-mail address").fill(user.email);
    await f.getByLabel("Password").fill(password);
    await f.getByRole("button", { name: "Sign in" }).click();
    await expect(f.getByRole("alert")).toHaveText("The e-mail address or password is not correct.");
    await f.getByLabel("Password").fill("lilac harbour at dawn");
    await f.getByRole("button", { name: "Sign in" }).click();
    await expect(f).toHaveURL(/\/donor$/);
    await fresh.close();
  });
});

test.describe("changing one's password", () => {
  test("needs the current password, keeps this browser signed in and signs out the others", async ({ page, loginAs, browser }) => {
    const { id, password } = await loginAs("PARTNER", { countries: ["BY"] });
    const other = await browser.newContext();
    const [name, value] = (await sessionCookie(id)).split("=");
    await other.addCookies([{ name, value, url: test.info().project.use.baseURL! }]);

    await page.goto("/account/password", { waitUntil: "networkidle" });
    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password").fill("granite orchard evening");
    await page.getByLabel("Type the password again").fill("granite orchard evening");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("That is not your current password.")).toBeVisible();

    await page.getByLabel("Current password").fill(password);
    await page.getByLabel("New password").fill("granite orchard evening");
    await page.getByLabel("Type the password again").fill("granite orchard evening");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status")).toContainText("Your password has been changed");
    await page.goto("/portal");
    await expect(page).toHaveURL(/\/portal$/);

    const otherPage = await other.newPage();
    await otherPage.goto("/portal");
    await expect(otherPage).toHaveURL(/\/sign-in/);
    await other.close();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an invitation is accepted with plain form posts; errors show at their fields", async ({ page }) => {
    const fund = await createOrganisation(prisma);
    await createProgramme(prisma, { funders: [fund.id], title: `Funded without JS ${Date.now()}` });
    const link = await createLink(prisma, { purpose: "INVITATION", role: "DONOR", organisationIds: [fund.id], name: "Min-jun Park" });
    await page.goto(`/invitations/${link.token}`);
    await page.getByLabel("Choose a password").fill("short");
    await page.getByLabel("Type the password again").fill("different");
    await page.getByRole("button", { name: "Accept and sign in" }).click();
    await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
    await expect(page.getByText("The two passwords are not the same.")).toBeVisible();
    await expect(page.getByLabel("Your name")).toHaveValue("Min-jun Park");
    await page.getByLabel("Choose a password").fill("seoul river autumn");
    await page.getByLabel("Type the password again").fill("seoul river autumn");
    await page.getByRole("button", { name: "Accept and sign in" }).click();
    await expect(page).toHaveURL(/\/donor$/);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: link.email }, include: { organisations: true } });
    expect(user.role).toBe("DONOR");
    expect(user.organisations.map((o) => o.organisationId)).toEqual([fund.id]);
  });
});

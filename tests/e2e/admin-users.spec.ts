import { createUser, ensureCountries } from "../factories";
import { createLink } from "../factories/accounts";
import { enrolMfa } from "../factories/mfa";
import { expect, prisma, sessionCookie, test } from "./support/fixtures";
import type { Browser } from "@playwright/test";
import type { Role } from "@prisma/client";

// Issue 5 item 1: admins manage accounts; a change of rights or a
// deactivation ends the user's open sessions at once.

async function openSessionFor(browser: Browser, userId: string) {
  const context = await browser.newContext();
  const [name, value] = (await sessionCookie(userId)).split("=");
  await context.addCookies([{ name, value, url: test.info().project.use.baseURL! }]);
  return { context, page: await context.newPage() };
}

test.describe("user administration", () => {
  test("changing a partner's scope ends their open session; their next sign-in sees the new country", async ({ page, loginAs, browser }) => {
    await ensureCountries(prisma, ["BY", "KZ"]);
    const { user, password } = await createUser(prisma, { role: "PARTNER", countries: ["BY"], email: `olga.${Date.now()}@minzdrav.by` });
    const partner = await openSessionFor(browser, user.id);
    await partner.page.goto("/portal");
    await expect(partner.page.getByRole("heading", { level: 1, name: /Belarus/ })).toBeVisible();

    await loginAs("ADMIN");
    await page.goto(`/admin/users?q=${encodeURIComponent(user.email)}`);
    await page.getByRole("link", { name: user.name }).click();
    await expect(page.getByRole("heading", { level: 1, name: user.name })).toBeVisible();
    await expect(page.getByText("Open sessions")).toBeVisible();
    await page.getByRole("link", { name: "Change role or scope" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Role and scope of/ })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await page.getByRole("checkbox", { name: "Belarus", exact: true }).uncheck();
    await page.getByRole("checkbox", { name: "Kazakhstan", exact: true }).check();
    await page.getByRole("button", { name: "Save role and scope" }).click();
    await expect(page.getByRole("status")).toContainText("Role and scope saved");
    await expect(page.getByText("scope: Belarus → Kazakhstan")).toBeVisible();

    await partner.page.goto("/portal");
    await expect(partner.page).toHaveURL(/\/sign-in\?redirectTo=%2Fportal/);
    await partner.page.getByLabel("E-mail address").fill(user.email);
    await partner.page.getByLabel("Password").fill(password);
    await partner.page.getByRole("button", { name: "Sign in" }).click();
    await expect(partner.page.getByRole("heading", { level: 1, name: /Kazakhstan/ })).toBeVisible();
    await partner.context.close();
  });

  test("deactivating ends the user's session at once; reactivating lets them back", async ({ page, loginAs, browser }) => {
    const { user } = await createUser(prisma, { role: "STAFF" });
    const staff = await openSessionFor(browser, user.id);
    await staff.page.goto("/workspace");
    await expect(staff.page).toHaveURL(/\/workspace$/);

    await loginAs("ADMIN");
    await page.goto(`/admin/users/${user.id}`);
    await page.getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByRole("status")).toContainText("Account deactivated");
    await expect(page.getByText("Deactivated", { exact: true }).first()).toBeVisible();

    await staff.page.goto("/workspace");
    await expect(staff.page).toHaveURL(/\/sign-in\?redirectTo=%2Fworkspace/);
    await staff.context.close();

    await page.getByRole("button", { name: "Reactivate" }).click();
    await expect(page.getByRole("status")).toContainText("Account reactivated");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).deactivatedAt).toBeNull();
  });

  test("an admin resets the two-step sign-in of someone who lost their phone: their sessions end and they enrol again", async ({ page, loginAs, browser }) => {
    const { user } = await createUser(prisma, { role: "STAFF" });
    await enrolMfa(prisma, user.id);
    const staff = await openSessionFor(browser, user.id);
    await staff.page.goto("/workspace");
    await expect(staff.page).toHaveURL(/\/workspace$/);

    await loginAs("ADMIN");
    await page.goto(`/admin/users/${user.id}`);
    await expect(page.getByText(/^On since/)).toBeVisible();
    await page.getByRole("button", { name: "Reset two-step sign-in" }).click();
    await expect(page.getByRole("status")).toContainText("Two-step sign-in reset");
    await expect(page.getByRole("button", { name: "Reset two-step sign-in" })).toHaveCount(0);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, include: { recoveryCodes: true } });
    expect(after.totpSecret).toBeNull();
    expect(after.recoveryCodes).toHaveLength(0);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "mfa_reset", entityId: user.id } })).toBe(1);

    await staff.page.goto("/workspace");
    await expect(staff.page).toHaveURL(/\/sign-in\?redirectTo=%2Fworkspace/);
    await staff.context.close();
  });

  test("an admin cannot change their own role nor deactivate themselves", async ({ page, loginAs }) => {
    const me = await loginAs("ADMIN");
    await page.goto(`/admin/users/${me.id}`);
    await expect(page.getByText("This is your own account")).toBeVisible();
    await expect(page.getByRole("button", { name: "Deactivate" })).toHaveCount(0);
    await page.getByRole("link", { name: "Change role or scope" }).click();
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Role").selectOption("STAFF");
    await page.getByRole("button", { name: "Save role and scope" }).click();
    await expect(page.getByText("You cannot change your own role. Ask another administrator to do it.")).toBeVisible();
    // A forged post is refused as well.
    const forged = await page.request.post(`/admin/users/${me.id}`, { form: { intent: "deactivate" }, maxRedirects: 0 });
    expect(forged.status()).toBe(400);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: me.id } })).role).toBe("ADMIN");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: me.id } })).deactivatedAt).toBeNull();
  });

  test("the list shows pending invitations and filters by status; an invitation can be resent", async ({ page, loginAs }) => {
    const tag = `inv${Date.now()}`;
    const pending = await createLink(prisma, { purpose: "INVITATION", email: `${tag}@ministry.example`, role: "PARTNER", countries: ["BY"], name: "Pending Person" });
    await createUser(prisma, { role: "DONOR", email: `${tag}-donor@fund.example` });
    await loginAs("ADMIN");
    await page.goto(`/admin/users?q=${tag}`);
    await expect(page.getByRole("row", { name: /Pending Person/ })).toContainText("Invited");
    await page.getByLabel("Status").selectOption("INVITED");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/status=INVITED/);
    await expect(page.getByRole("row", { name: /Pending Person/ })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(`${tag}-donor`) })).toHaveCount(0);

    await page.getByRole("link", { name: "Pending Person" }).click();
    await page.getByRole("button", { name: "Send the link again" }).click();
    await expect(page.getByRole("status")).toContainText("A new link has been sent");
    expect(await prisma.authToken.count({ where: { id: pending.id } })).toBe(0);
    expect(await prisma.authToken.count({ where: { email: pending.email, usedAt: null } })).toBe(1);
  });
});

test.describe("access", () => {
  test("every admin page is 403 for staff, partners and donors, and asks anonymous visitors to sign in", async ({ page, loginAs, browser }) => {
    const { user: target } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    const paths = ["/admin/users", "/admin/users/invite", `/admin/users/${target.id}`, `/admin/users/${target.id}/edit`, "/admin/audit", "/admin/audit?format=csv"];
    const roles: [Role, { countries?: string[] }][] = [
      ["STAFF", {}],
      ["PARTNER", { countries: ["BY"] }],
      ["DONOR", {}],
    ];
    for (const [role, scope] of roles) {
      await page.context().clearCookies();
      await loginAs(role, scope);
      for (const path of paths) expect((await page.goto(path))?.status(), `${role} ${path}`).toBe(403);
      const post = await page.request.post(`/admin/users/${target.id}`, { form: { intent: "deactivate" }, maxRedirects: 0 });
      expect(post.status(), `${role} POST`).toBe(403);
    }
    expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).deactivatedAt).toBeNull();
    const anonymous = await browser.newContext();
    const anon = await anonymous.newPage();
    for (const path of paths) {
      const response = await anon.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(302);
      expect(response.headers().location, path).toMatch(/^\/sign-in\?redirectTo=/);
    }
    await anonymous.close();
  });
});

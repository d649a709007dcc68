import fs from "node:fs/promises";
import type { BrowserContext, Page } from "@playwright/test";
import { createProgramme, createUser } from "../factories";
import { enrolMfa, unusedTotpCode, wrongTotpCode } from "../factories/mfa";
import { enterMfaCode, expect, prisma, sessionCookie, signInWithForm, test } from "./support/fixtures";

// Multi-factor sign-in end to end. Codes are computed here from the key the
// page shows (or the factory made), exactly as an authenticator app would.

const shots = "/tmp/shots-mfa";

async function sessionId(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies()).find((c) => c.name.endsWith("concord_session"))?.value;
}

async function auditActions(userId: string): Promise<string[]> {
  const events = await prisma.auditEvent.findMany({ where: { entityId: userId }, orderBy: { at: "asc" }, select: { action: true } });
  return events.map((e) => e.action);
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

test.describe("multi-factor sign-in", () => {
  test("a new staff member must enrol before any page, then needs a code at every sign-in", async ({ page, context }) => {
    const { user, password } = await createUser(prisma, { role: "STAFF" });
    await page.goto("/sign-in");
    const beforeSignIn = await sessionId(context);
    await signInWithForm(page, user.email, password);
    await expect(page).toHaveURL(/\/account\/mfa\?redirectTo=%2Fworkspace$/);
    const afterPassword = await sessionId(context);
    expect(afterPassword).toBeTruthy();
    expect(afterPassword).not.toBe(beforeSignIn);

    // Every page leads back to the enrolment until it is done.
    for (const path of ["/programmes", "/account", "/portfolio", "/workspace"]) {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`/account/mfa\\?redirectTo=${encodeURIComponent(path)}$`));
    }
    await expect(page.getByRole("heading", { level: 1, name: "Set up multi-factor sign-in" })).toBeVisible();
    await expect(page.getByText("Your role requires multi-factor sign-in.")).toBeVisible();
    await expect(page.getByRole("img", { name: "QR code to scan with your authenticator app" })).toBeVisible();
    // No navigation for a session that has not passed MFA (the shell shows no user yet).
    await expect(page.getByRole("link", { name: "Programmes" })).toHaveCount(0);
    await page.screenshot({ path: `${shots}/enrol.png`, fullPage: true });

    const secret = (await page.getByLabel("Setup key").textContent())!.trim();
    expect(secret).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    await page.getByLabel("Authentication code").fill(wrongTotpCode(secret));
    await page.getByRole("button", { name: "Turn on multi-factor sign-in" }).click();
    await expect(page.getByText("That code is not correct.")).toBeVisible();
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } }).then((u) => u.totpEnabledAt)).toBeNull();

    const enrolCode = await unusedTotpCode(prisma, user.id, secret);
    await page.getByLabel("Authentication code").fill(enrolCode);
    await page.getByRole("button", { name: "Turn on multi-factor sign-in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Multi-factor sign-in is on" })).toBeVisible();
    const codes = await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allTextContents();
    expect(codes).toHaveLength(10);
    const afterEnrol = await sessionId(context);
    expect(afterEnrol).not.toBe(afterPassword);
    await page.screenshot({ path: `${shots}/recovery-codes.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as .txt" }).click()]);
    expect(download.suggestedFilename()).toBe("concord-recovery-codes.txt");
    const text = await fs.readFile((await download.path())!, "utf8");
    for (const code of codes) expect(text).toContain(code);

    await page.getByRole("button", { name: "I have saved my codes, continue" }).click();
    await expect(page).toHaveURL(/\/workspace$/);
    await expect(page.getByRole("heading", { level: 1, name: "Cooperation workspace" })).toBeVisible();

    // Next sign-in: password, then a code. A wrong code and the code already used are refused.
    await signOut(page);
    await signInWithForm(page, user.email, password);
    await expect(page).toHaveURL(/\/sign-in\/mfa\?redirectTo=%2Fworkspace$/);
    const pending = await sessionId(context);
    await page.screenshot({ path: `${shots}/code-step.png`, fullPage: true });
    await enterMfaCode(page, wrongTotpCode(secret));
    await expect(page.getByText("That code is not correct.")).toBeVisible();
    await expect(page.getByLabel("Authentication code")).toHaveAttribute("aria-invalid", "true");
    await page.screenshot({ path: `${shots}/code-wrong.png`, fullPage: true });
    await enterMfaCode(page, enrolCode);
    await expect(page.getByText("That code has already been used.")).toBeVisible();
    await enterMfaCode(page, await unusedTotpCode(prisma, user.id, secret));
    await expect(page).toHaveURL(/\/workspace$/);
    const verified = await sessionId(context);
    expect(verified).not.toBe(pending);
    // The half-authenticated session no longer exists.
    expect(await prisma.session.count({ where: { id: pending } })).toBe(0);
    expect((await prisma.session.findUniqueOrThrow({ where: { id: verified } })).mfaVerified).toBe(true);

    expect(await auditActions(user.id)).toEqual(
      expect.arrayContaining(["sign_in", "mfa_failed", "mfa_enabled", "mfa_verified", "sign_out"]),
    );
    expect((await auditActions(user.id)).filter((a) => a === "mfa_failed")).toHaveLength(3);
  });

  test("a recovery code signs in once, and says how many are left", async ({ page }) => {
    const { user, password } = await createUser(prisma, { role: "ADMIN" });
    const { recoveryCodes } = await enrolMfa(prisma, user.id);
    const programme = await createProgramme(prisma, { countries: ["BY"] });
    await page.goto(`/programmes/${programme.code}`);
    await signInWithForm(page, user.email, password);
    await expect(page).toHaveURL(/\/sign-in\/mfa\?/);
    await page.getByRole("link", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(recoveryCodes[0].toUpperCase());
    await page.getByRole("button", { name: "Sign in with recovery code" }).click();
    await expect(page).toHaveURL(/\/account\/mfa\?used=recovery-code/);
    await expect(page.getByRole("status")).toContainText("You have 9 recovery codes left.");
    await page.screenshot({ path: `${shots}/recovery-used.png`, fullPage: true });
    await page.getByRole("link", { name: "continue to where you were going" }).click();
    await expect(page).toHaveURL(new RegExp(`/programmes/${programme.code}$`));
    await expect(page.getByRole("heading", { level: 1, name: programme.title })).toBeVisible();

    await signOut(page);
    await signInWithForm(page, user.email, password);
    await page.getByRole("link", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(recoveryCodes[0]);
    await page.getByRole("button", { name: "Sign in with recovery code" }).click();
    await expect(page.getByText("That recovery code is not correct or has already been used.")).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in\/mfa/);
    const used = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: user.id, action: "recovery_code_used" } });
    expect(used.metadata).toEqual({ remaining: 9 });
  });

  test("wrong codes are rate-limited: after five, even the right code is refused", async ({ page }) => {
    const { user, password } = await createUser(prisma, { role: "STAFF" });
    const { key } = await enrolMfa(prisma, user.id);
    await page.goto("/sign-in");
    await signInWithForm(page, user.email, password);
    for (let i = 0; i < 5; i++) {
      await enterMfaCode(page, wrongTotpCode(key));
      await expect(page.getByText("That code is not correct.")).toBeVisible();
    }
    await enterMfaCode(page, await unusedTotpCode(prisma, user.id, key));
    await expect(page.getByText(/Too many wrong codes\. For your security, codes for this account are refused for \d+ minute/)).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in\/mfa/);
    await page.screenshot({ path: `${shots}/rate-limited.png`, fullPage: true });
    expect(await prisma.auditEvent.count({ where: { entityId: user.id, action: "mfa_limited" } })).toBe(1);
  });

  test("a partner signs in without MFA, turns it on, then needs a code; and can turn it off again", async ({ page }) => {
    const { user, password } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    await page.goto("/sign-in");
    await signInWithForm(page, user.email, password);
    await expect(page).toHaveURL(/\/portal$/);

    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    await expect(page.getByText("Belarus")).toBeVisible();
    await page.getByRole("link", { name: "Turn on multi-factor sign-in" }).click();
    await expect(page.getByText("Your role requires multi-factor sign-in.")).toHaveCount(0);
    const secret = (await page.getByLabel("Setup key").textContent())!.trim();
    await page.getByLabel("Authentication code").fill(await unusedTotpCode(prisma, user.id, secret));
    await page.getByRole("button", { name: "Turn on multi-factor sign-in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Multi-factor sign-in is on" })).toBeVisible();
    await page.getByRole("button", { name: "I have saved my codes, continue" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByText("10 recovery codes left.")).toBeVisible();
    await page.screenshot({ path: `${shots}/account.png`, fullPage: true });

    await signOut(page);
    await signInWithForm(page, user.email, password);
    await expect(page).toHaveURL(/\/sign-in\/mfa\?redirectTo=%2Fportal$/);
    await enterMfaCode(page, await unusedTotpCode(prisma, user.id, secret));
    await expect(page).toHaveURL(/\/portal$/);

    // New recovery codes need the password (or a code); they are shown once, and the old ones stop working.
    await page.goto("/account/mfa");
    await page.screenshot({ path: `${shots}/manage.png`, fullPage: true });
    const oldCodes = await prisma.recoveryCode.findMany({ where: { userId: user.id }, select: { id: true } });
    const renew = page.locator("section").filter({ has: page.getByRole("heading", { name: "Make new recovery codes" }) });
    await renew.getByLabel("Your password or a current code").fill(password);
    await renew.getByRole("button", { name: "Make new recovery codes" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New recovery codes" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
    expect(await prisma.recoveryCode.count({ where: { id: { in: oldCodes.map((c) => c.id) } } })).toBe(0);
    // A reload keeps them on screen; once the user says they are saved, they are gone for good.
    await page.reload();
    await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
    await page.getByRole("button", { name: "I have saved my codes, continue" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await page.goto("/account/mfa");
    await expect(page.getByRole("heading", { level: 1, name: "Multi-factor sign-in" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Recovery codes" })).toHaveCount(0);

    // Turning it off needs the password (or a code).
    const off = page.getByRole("region", { name: "Turn off multi-factor sign-in" }).or(
      page.locator("section").filter({ has: page.getByRole("heading", { name: "Turn off multi-factor sign-in" }) }),
    );
    await off.getByLabel("Your password or a current code").fill("not-my-password");
    await off.getByRole("button", { name: "Turn off multi-factor sign-in" }).click();
    await expect(off.getByText("That is neither your password nor a current code")).toBeVisible();
    await off.getByLabel("Your password or a current code").fill(password);
    await off.getByRole("button", { name: "Turn off multi-factor sign-in" }).click();
    await expect(page).toHaveURL(/\/account\?mfa=off$/);
    await expect(page.getByText("Multi-factor sign-in is off.")).toBeVisible();
    expect(await auditActions(user.id)).toEqual(expect.arrayContaining(["mfa_enabled", "mfa_verified", "mfa_disabled"]));
  });

  test("a half-authenticated session gets nothing but the code step", async ({ page, request, context, baseURL }) => {
    const { user } = await createUser(prisma, { role: "STAFF" });
    await enrolMfa(prisma, user.id);
    const programme = await createProgramme(prisma, { countries: ["BY"], title: `Half-authenticated ${Date.now()}` });
    const cookie = await sessionCookie(user.id, { mfaVerified: false });
    const agreementsBefore = await prisma.agreement.count();
    const tries: { method: "GET" | "POST"; path: string }[] = [
      { method: "GET", path: "/workspace" },
      { method: "GET", path: "/programmes" },
      { method: "GET", path: `/programmes/${programme.code}` },
      { method: "GET", path: `/reports/programmes/${programme.code}.xlsx` },
      { method: "GET", path: `/reports/programmes/${programme.code}.pdf` },
      { method: "GET", path: "/account" },
      { method: "GET", path: "/account/mfa" },
      { method: "POST", path: "/agreements/new" },
      { method: "POST", path: "/account/mfa" },
    ];
    for (const t of tries) {
      const response = await request.fetch(t.path, {
        method: t.method,
        headers: { Cookie: cookie, Origin: baseURL! },
        form: t.method === "POST" ? { programmeId: programme.id, title: "Should not exist", intent: "disable", proof: "x" } : undefined,
        maxRedirects: 0,
      });
      expect(response.status(), `${t.method} ${t.path}`).toBe(302);
      expect(response.headers()["location"], `${t.method} ${t.path}`).toMatch(/^\/sign-in\/mfa(\?|$)/);
      expect(await response.text()).not.toContain(programme.title);
    }
    expect(await prisma.agreement.count()).toBe(agreementsBefore);

    // The code step itself and signing out work.
    const [name, value] = cookie.split("=");
    await context.addCookies([{ name, value, url: baseURL! }]);
    await page.goto("/workspace");
    await expect(page).toHaveURL(/\/sign-in\/mfa\?redirectTo=%2Fworkspace$/);
    await expect(page.getByRole("heading", { level: 1, name: "Enter your code" })).toBeVisible();
    await page.getByRole("button", { name: "Cancel and sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  test("signing in ends the session the browser came with", async ({ request, baseURL }) => {
    const partner = await createUser(prisma, { role: "PARTNER", countries: ["KZ"] });
    const earlier = await sessionCookie(partner.user.id);
    const earlierId = earlier.split("=")[1];
    const { user, password } = await createUser(prisma, { role: "DONOR" });
    const response = await request.post("/sign-in", {
      headers: { Cookie: earlier, Origin: baseURL! },
      form: { email: user.email, password, redirectTo: "" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    expect(response.headers()["location"]).toBe("/donor");
    const issued = /concord_session=([^;]+)/.exec(response.headers()["set-cookie"] ?? "")?.[1];
    expect(issued).toBeTruthy();
    expect(issued).not.toBe(earlierId);
    expect(await prisma.session.count({ where: { id: earlierId } })).toBe(0);
    expect((await prisma.session.findUniqueOrThrow({ where: { id: issued } })).userId).toBe(user.id);
  });

  test("the account page lists sessions and signs out the others", async ({ page, loginAs, browser, baseURL }) => {
    const { id } = await loginAs("DONOR");
    const other = await sessionCookie(id);
    await page.goto("/account");
    const table = page.getByRole("table");
    await expect(table.getByRole("row")).toHaveCount(3);
    await expect(table.getByText("This browser")).toBeVisible();
    await page.getByRole("button", { name: "Sign out of the other session" }).click();
    await expect(page.getByText("1 other session was signed out.")).toBeVisible();
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
    const otherContext = await browser.newContext({ baseURL });
    const [name, value] = other.split("=");
    await otherContext.addCookies([{ name, value, url: baseURL! }]);
    const otherPage = await otherContext.newPage();
    await otherPage.goto("/donor");
    await expect(otherPage).toHaveURL(/\/sign-in\?redirectTo=%2Fdonor$/);
    await otherContext.close();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the code step and the enrolment work as plain forms", async ({ page }) => {
    const { user, password } = await createUser(prisma, { role: "ADMIN" });
    await page.goto("/sign-in");
    await signInWithForm(page, user.email, password);
    await expect(page).toHaveURL(/\/account\/mfa/);
    const secret = (await page.getByLabel("Setup key").textContent())!.trim();
    await page.getByLabel("Authentication code").fill("12");
    await page.getByRole("button", { name: "Turn on multi-factor sign-in" }).click();
    await expect(page.getByText("Enter the 6-digit code from your authenticator app.")).toBeVisible();
    await page.getByLabel("Authentication code").fill(await unusedTotpCode(prisma, user.id, secret));
    await page.getByRole("button", { name: "Turn on multi-factor sign-in" }).click();
    await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);

    await page.context().clearCookies();
    await page.goto("/sign-in");
    await signInWithForm(page, user.email, password);
    await enterMfaCode(page, await unusedTotpCode(prisma, user.id, secret));
    await expect(page).toHaveURL(/\/workspace$/);
  });
});

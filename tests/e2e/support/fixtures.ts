import { test as base, expect, type Page } from "@playwright/test";
import type { Role } from "@prisma/client";
import { startSession } from "../../../app/auth/session.server";
import { prisma } from "../../../app/utils/db.server";
import { createUser } from "../../factories";

// loginAs creates a user with the role and scope asked for and signs it in
// directly (a session row and its cookie), so journeys that are not about
// signing in do not spend time on the form. The session counts as having
// passed multi-factor sign-in (required for admin and staff), unless
// `mfa: "pending"` asks for a half-authenticated one (password given, code
// not yet), which tests/e2e/mfa.spec.ts uses.
type LoginOptions = { countries?: readonly string[]; organisationIds?: readonly string[]; mfa?: "verified" | "pending" };

export const test = base.extend<{
  loginAs: (role: Role, options?: LoginOptions) => Promise<{ id: string; email: string; password: string; cookie: string }>;
  freshRateLimits: void;
}>({
  // Every request of the suite comes from 127.0.0.1, so the per-address
  // limits (sign-in, codes, password resets) would carry one test's refused
  // attempts into the next. Each test starts with no counters.
  freshRateLimits: [
    async ({}, use) => {
      await prisma.rateLimit.deleteMany({});
      await use();
    },
    { auto: true },
  ],
  loginAs: async ({ context, baseURL }, use) => {
    await use(async (role, options = {}) => {
      const { mfa = "verified", countries, organisationIds } = options;
      const { user, password } = await createUser(prisma, {
        role,
        countries: countries ? [...countries] : undefined,
        organisationIds: organisationIds ? [...organisationIds] : undefined,
      });
      const cookie = await sessionCookie(user.id, { mfaVerified: mfa === "verified" });
      const [name, value] = cookie.split("=");
      await context.addCookies([{ name, value, url: baseURL! }]);
      return { id: user.id, email: user.email, password, cookie };
    });
  },
});

/** "name=value" of a new session for the user (verified for MFA unless asked otherwise). */
export async function sessionCookie(userId: string, options: { mfaVerified?: boolean } = {}): Promise<string> {
  const setCookie = await startSession(userId, { ip: "127.0.0.1", userAgent: "playwright" }, { mfaVerified: options.mfaVerified ?? true });
  return setCookie.split(";")[0];
}

export async function signInWithForm(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The second step of signing in: the code from the authenticator app. */
export async function enterMfaCode(page: Page, code: string) {
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

export { expect, prisma };

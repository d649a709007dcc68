import { test as base, expect, type Page } from "@playwright/test";
import type { Role } from "@prisma/client";
import { startSession } from "../../../app/auth/session.server";
import { prisma } from "../../../app/utils/db.server";
import { createUser } from "../../factories";

// loginAs creates a user with the role and scope asked for and signs it in
// directly (a session row and its cookie), so journeys that are not about
// signing in do not spend time on the form.
type LoginOptions = { countries?: string[]; organisationIds?: string[] };

export const test = base.extend<{
  loginAs: (role: Role, options?: LoginOptions) => Promise<{ email: string; password: string }>;
}>({
  loginAs: async ({ context, baseURL }, use) => {
    await use(async (role, options = {}) => {
      const { user, password } = await createUser(prisma, { role, ...options });
      const setCookie = await startSession(user.id, { ip: "127.0.0.1", userAgent: "playwright" });
      const [pair] = setCookie.split(";");
      const [name, value] = pair.split("=");
      await context.addCookies([{ name, value, url: baseURL! }]);
      return { email: user.email, password };
    });
  },
});

export async function signInWithForm(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export { expect, prisma };

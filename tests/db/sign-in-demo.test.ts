import { describe, expect, it, vi } from "vitest";
import { demoSignInAccounts } from "~/models/seed.server";
import { requestSourceFor } from "~/models/ctx.server";
import { authenticate } from "~/models/user.server";
import { DEMO_USERS } from "../../prisma/seed/demo-users";
import { prisma } from "~/utils/db.server";
import { createUser } from "../factories";

// Each test file runs in its own process; vi.hoisted runs before the imports
// above read the environment, so demo mode applies to this file only.
vi.hoisted(() => {
  process.env.CONCORD_DEMO = "1";
});

describe("demo mode", () => {
  it("lets demo accounts sign in", async () => {
    const { user, password } = await createUser(prisma, { role: "STAFF", isDemo: true });
    expect((await authenticate(user.email, password, requestSourceFor({ ip: "192.0.2.1" }))).ok).toBe(true);
  });

  it("lists on the sign-in page the demo accounts the database holds, with their public passwords", async () => {
    const staff = DEMO_USERS.find((u) => u.role === "STAFF")!;
    const partner = DEMO_USERS.find((u) => u.role === "PARTNER")!;
    for (const u of [staff, partner]) {
      if (!(await prisma.user.findUnique({ where: { email: u.email } }))) {
        await createUser(prisma, { role: u.role, email: u.email, password: u.password, isDemo: true, countries: u.countries });
      }
    }
    const listed = await demoSignInAccounts();
    expect(listed.map((a) => a.email)).toEqual(expect.arrayContaining([staff.email, partner.email]));
    expect(listed.find((a) => a.email === partner.email)).toEqual({
      email: partner.email,
      password: partner.password,
      role: "PARTNER",
      countries: partner.countries,
      organisations: [],
    });
    // Only accounts the database holds, and each one signs in with the password shown.
    const held = await prisma.user.findMany({ where: { email: { in: listed.map((a) => a.email) }, isDemo: true } });
    expect(held).toHaveLength(listed.length);
    expect((await authenticate(partner.email, listed.find((a) => a.email === partner.email)!.password, requestSourceFor({ ip: "192.0.2.2" }))).ok).toBe(true);
  });
});

import { describe, expect, it, vi } from "vitest";
import { authenticate } from "~/models/user.server";
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
    expect((await authenticate(user.email, password, "192.0.2.1")).ok).toBe(true);
  });
});

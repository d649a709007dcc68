import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { testDb } from "../support/test-env";

// The app's PostgreSQL connections (app/utils/db.server.ts): JIT compiling is
// off (ADR 0024) — the planner over-estimated the partner portal's scoped
// counts past jit_above_cost, and PostgreSQL spent seconds compiling them.
describe.skipIf(testDb() !== "postgres")("the app's PostgreSQL connections", () => {
  it("run without JIT compiling, in every pooled connection", async () => {
    // Several at once, so more than one pooled connection answers.
    const answers = await Promise.all(Array.from({ length: 4 }, () => prisma.$queryRaw<{ jit: string }[]>`SHOW jit`));
    expect(answers.map(([row]) => row!.jit)).toEqual(["off", "off", "off", "off"]);
  });
});

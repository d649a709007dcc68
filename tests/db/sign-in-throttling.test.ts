import { describe, expect, it } from "vitest";
import { throttleDelaySeconds } from "~/models/rate-limit.server";
import { requestSourceFor } from "~/models/ctx.server";
import { authenticate, SIGN_IN_LIMITS, SIGN_IN_THROTTLES } from "~/models/user.server";
import { prisma } from "~/utils/db.server";
import { createUser } from "../factories";

// Failed sign-ins are throttled with growing delays, never locked
// (docs/decisions/0010-sign-in-throttling.md): an attacker elsewhere cannot
// keep the owner out. Time moves by rewriting the stored "next attempt"
// moments (no waiting).

const attacker = "198.51.100.66";
const owner = "203.0.113.10";

/** Lets every wait of the account run out now (as if the delay had passed). */
async function waitsPass(email: string) {
  await prisma.rateLimit.updateMany({ where: { key: { contains: email } , NOT: { key: { startsWith: "sign-in:known:" } } }, data: { resetAt: new Date(Date.now() - 1000) } });
}

async function fail(email: string, ip: string, times: number) {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await authenticate(email, `wrong-${i}`, requestSourceFor({ ip })));
  return results;
}

describe("sign-in throttling", () => {
  it("doubles the wait with each failure past the free ones, up to a bound", () => {
    const t = SIGN_IN_THROTTLES.accountAddress;
    const waits = Array.from({ length: 20 }, (_, n) => throttleDelaySeconds(t, n));
    expect(waits.slice(0, t.freeFailures)).toEqual(Array(t.freeFailures).fill(0));
    expect(waits.slice(t.freeFailures, t.freeFailures + 4)).toEqual([2, 4, 8, 16]);
    expect(Math.max(...waits)).toBe(t.maxDelaySeconds);
    expect(throttleDelaySeconds(SIGN_IN_THROTTLES.account, 1000)).toBe(60);
  });

  it("makes an address that keeps failing wait longer and longer, with the time to wait in the answer", async () => {
    const { user } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    const free = await fail(user.email, attacker, SIGN_IN_THROTTLES.accountAddress.freeFailures);
    expect(free.every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    const waits: number[] = [];
    for (let round = 0; round < 4; round++) {
      const refused = await authenticate(user.email, "still-wrong", requestSourceFor({ ip: attacker }));
      expect(refused).toMatchObject({ ok: false, reason: "rate_limited" });
      if (!refused.ok && refused.reason === "rate_limited") waits.push(refused.retryAfterSeconds);
      await waitsPass(user.email);
      expect(await authenticate(user.email, "still-wrong", requestSourceFor({ ip: attacker }))).toEqual({ ok: false, reason: "invalid" });
    }
    // Each failure past the free ones doubles the wait (2, 4, 8, 16 s; rounding up may add one).
    waits.forEach((w, i) => expect(w).toBeGreaterThanOrEqual(2 ** (i + 1)));
    waits.forEach((w, i) => expect(w).toBeLessThanOrEqual(2 ** (i + 1) + 1));
  });

  it("lets the owner in from another address while an attacker keeps failing, and then forgets the failures", async () => {
    const { user, password } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    await fail(user.email, attacker, 6);
    const ok = await authenticate(user.email, password, requestSourceFor({ ip: owner }));
    expect(ok.ok).toBe(true);
    // The success cleared the run of failures: the attacker's address starts over.
    expect(await authenticate(user.email, "wrong", requestSourceFor({ ip: attacker }))).toEqual({ ok: false, reason: "invalid" });
  });

  it("holds every address back briefly after many failures from everywhere, but never an address the owner signed in from", async () => {
    const { user, password } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    expect((await authenticate(user.email, password, requestSourceFor({ ip: owner }))).ok).toBe(true); // the owner's usual address
    // A distributed attack: two failures from each of many addresses (never throttled per address).
    for (let i = 0; i < SIGN_IN_THROTTLES.account.freeFailures + 2; i++) await authenticate(user.email, "wrong", requestSourceFor({ ip: `192.0.2.${i}` }));
    const stranger = await authenticate(user.email, password, requestSourceFor({ ip: "192.0.2.250" }));
    expect(stranger).toMatchObject({ ok: false, reason: "rate_limited" });
    if (!stranger.ok && stranger.reason === "rate_limited") expect(stranger.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_THROTTLES.account.maxDelaySeconds);
    // The owner, from the address they signed in from before, is not held back.
    expect((await authenticate(user.email, password, requestSourceFor({ ip: owner }))).ok).toBe(true);
  });

  it("never refuses the right password for good: once the wait has passed it is checked", async () => {
    const { user, password } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    await fail(user.email, attacker, 3);
    for (let i = 0; i < 30; i++) {
      await waitsPass(user.email);
      await authenticate(user.email, "wrong", requestSourceFor({ ip: attacker }));
    }
    const row = await prisma.rateLimit.findFirstOrThrow({ where: { key: { startsWith: `sign-in:pair:${user.email}` } } });
    // However many failures, the wait is bounded.
    expect(row.resetAt.getTime() - Date.now()).toBeLessThanOrEqual(SIGN_IN_THROTTLES.accountAddress.maxDelaySeconds * 1000 + 5000);
    await waitsPass(user.email);
    await prisma.rateLimit.deleteMany({ where: { key: `sign-in:ip:${attacker}` } });
    expect((await authenticate(user.email, password, requestSourceFor({ ip: attacker }))).ok).toBe(true);
  });

  it("still refuses an address that fails against many accounts (password spraying)", async () => {
    const spray = "198.51.100.200";
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) await authenticate(`nobody-${i}@test.concord`, "Winter2026!", requestSourceFor({ ip: spray }));
    const { user, password } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    expect(await authenticate(user.email, password, requestSourceFor({ ip: spray }))).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((await authenticate(user.email, password, requestSourceFor({ ip: owner }))).ok).toBe(true);
  });
});

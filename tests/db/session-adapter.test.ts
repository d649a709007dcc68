import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../factories";

// Concord's own lucia adapter (app/auth/session-adapter.server.ts): a session
// is looked up with one statement (the session joined with its user), which
// carries only the user columns lucia's attributes need, and the writes never
// fail on a session that is already gone.

// Counting statements needs CONCORD_QUERY_EVENTS=1 before the database client is first loaded.
process.env.CONCORD_QUERY_EVENTS = "1";
let db: typeof import("~/utils/db.server");
let session: typeof import("~/auth/session.server");
let ConcordSessionAdapter: typeof import("~/auth/session-adapter.server").ConcordSessionAdapter;
beforeAll(async () => {
  db = await import("~/utils/db.server");
  session = await import("~/auth/session.server");
  ({ ConcordSessionAdapter } = await import("~/auth/session-adapter.server"));
});

async function statementsOf<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const stop = db.onQuery((e) => statements.push(e.query));
  try {
    return { result: await fn(), statements };
  } finally {
    stop();
  }
}

describe("session adapter", () => {
  it("validates a session with one statement that reads no secret of the user", async () => {
    const { user } = await createUser(db.prisma, { role: "STAFF" });
    await db.prisma.user.update({ where: { id: user.id }, data: { totpSecret: "secret-never-read", totpEnabledAt: new Date("2026-01-02T03:04:05Z") } });
    const cookie = (await session.startSession(user.id, { ip: "203.0.113.4", userAgent: "vitest" })).split(";")[0].split("=")[1];

    const { result, statements } = await statementsOf(() => session.lucia().validateSession(cookie));
    expect(statements.filter((s) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(s.trim()))).toHaveLength(1);
    expect(statements.join("\n")).not.toMatch(/passwordHash|totpSecret|totpLastStep/);
    expect(result.session).toMatchObject({ id: cookie, userId: user.id, ip: "203.0.113.4", userAgent: "vitest", mfaVerified: false });
    expect(result.session?.createdAt).toBeInstanceOf(Date);
    expect(result.session?.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(result.user).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      role: "STAFF",
      isDemo: false,
      deactivatedAt: null,
      locale: null,
      totpEnabledAt: new Date("2026-01-02T03:04:05Z"),
    });
  });

  it("finds nothing for an unknown id, and ends, extends or lists sessions without failing on one that is gone", async () => {
    const adapter = new ConcordSessionAdapter(db.prisma);
    expect(await adapter.getSessionAndUser("no-such-session")).toEqual([null, null]);
    await expect(adapter.deleteSession("no-such-session")).resolves.toBeUndefined();
    await expect(adapter.updateSessionExpiration("no-such-session", new Date())).resolves.toBeUndefined();

    const { user } = await createUser(db.prisma, { role: "PARTNER", countries: ["BY"] });
    const expiresAt = new Date(Date.now() + 3_600_000);
    await adapter.setSession({ id: `s-${user.id}`, userId: user.id, expiresAt, attributes: { ip: null, userAgent: null, mfaVerified: true } });
    expect(await adapter.getUserSessions(user.id)).toEqual([
      { id: `s-${user.id}`, userId: user.id, expiresAt, attributes: { ip: null, userAgent: null, mfaVerified: true, createdAt: expect.any(Date) } },
    ]);
    await adapter.deleteUserSessions(user.id);
    expect(await adapter.getUserSessions(user.id)).toEqual([]);
  });
});

import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { startSession } from "~/auth/session.server";
import { claimSubmission, recordSubmissionLocation, releaseSubmission, settleSubmission, submissionScope, type Claim } from "~/models/form-submission.server";
import { runAction } from "~/utils/action.server";
import { noticeOfAnswer, redirectWithNotice } from "~/utils/flash.server";
import { prisma } from "~/utils/db.server";
import { isUniqueViolation, uniqueViolationFields } from "~/utils/errors.server";
import { createUser } from "../factories";

// The double-submit guard on the database the suite runs on (TEST_DB=embedded
// and TEST_DB=postgres): the two adapters report a taken key differently
// (Prisma's P2002 on PostgreSQL, a raw DriverAdapterError 23505 on PGlite).

const newKey = () => randomBytes(16).toString("hex");

let cookieA: string;
let cookieB: string;
let userA: string;

beforeAll(async () => {
  const a = await createUser(prisma, { role: "STAFF" });
  const b = await createUser(prisma, { role: "STAFF" });
  userA = a.user.id;
  cookieA = (await startSession(a.user.id, { ip: null, userAgent: null })).split(";")[0];
  cookieB = (await startSession(b.user.id, { ip: null, userAgent: null })).split(";")[0];
});

/** Claims `key` as the user whose session cookie is given, inside a request context as the server sets it. */
function claimAs(cookie: string, key: string, waitMs?: number): Promise<Claim> {
  const request = new Request("http://concord.test/deliverables/new", { method: "POST", headers: { Cookie: cookie } });
  return submissionScope.run({ request, claimed: null }, () => claimSubmission(key, waitMs));
}

describe("isUniqueViolation", () => {
  it("recognises this database's unique-key violation, with its column, and nothing else", async () => {
    const key = newKey();
    await prisma.formSubmission.create({ data: { key, userId: userA } });
    const violation = await prisma.formSubmission.create({ data: { key, userId: userA } }).catch((e: unknown) => e);
    expect(violation).toBeInstanceOf(Error);
    expect(isUniqueViolation(violation)).toBe(true);
    expect(isUniqueViolation(violation, "key")).toBe(true);
    expect(isUniqueViolation(violation, "code")).toBe(false);
    expect(uniqueViolationFields(violation)).toEqual(["key"]);

    // Other database errors are not unique violations.
    const other = await prisma.formSubmission.update({ where: { key: newKey() }, data: { location: "/" } }).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(Error);
    expect(isUniqueViolation(other)).toBe(false);
    expect(isUniqueViolation(new Error("Unique constraint failed"))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});

describe("claimSubmission", () => {
  it("sends the same key posted twice where the first post went, without an error", async () => {
    const key = newKey();
    expect(await claimAs(cookieA, key)).toEqual({ kind: "claimed", key });
    await recordSubmissionLocation(key, "/deliverables/abc");
    expect(await claimAs(cookieA, key)).toEqual({ kind: "done", location: "/deliverables/abc", notice: null });
    expect(await prisma.formSubmission.count({ where: { key } })).toBe(1);
  });

  it("keeps the first post's notice with its redirect, so a repeated post shows the same confirmation", async () => {
    const key = newKey();
    const request = new Request("http://concord.test/organisations/new", { method: "POST", headers: { Cookie: cookieA } });
    const scope = { request, claimed: null as string | null };
    expect(await submissionScope.run(scope, () => claimSubmission(key))).toEqual({ kind: "claimed", key });
    // The first post's answer, as the server settles it before sending it.
    await settleSubmission(scope, await redirectWithNotice("/organisations/org1", "created"));
    expect(await claimAs(cookieA, key)).toEqual({ kind: "done", location: "/organisations/org1", notice: "created" });
    // The repeat's answer carries the same notice in the flash cookie.
    const repeat = await submissionScope.run({ request, claimed: null }, () => runAction({ _submission: key }, {}, async () => "written twice"));
    expect(repeat.ok).toBe(false);
    const response = (repeat as { response: Response }).response;
    expect(response.headers.get("Location")).toBe("/organisations/org1");
    expect(await noticeOfAnswer(response)).toBe("created");
  });

  it("lets exactly one of two simultaneous posts write; the other follows it once it has saved", async () => {
    const key = newKey();
    const both = [claimAs(cookieA, key, 60_000), claimAs(cookieA, key, 60_000)];
    // The first to claim gets "claimed"; the other waits for the outcome.
    const first = await Promise.race(both);
    expect(first).toEqual({ kind: "claimed", key });
    await recordSubmissionLocation(key, "/deliverables/xyz");
    const results = await Promise.all(both);
    expect(results.map((r) => r.kind).sort()).toEqual(["claimed", "done"]);
    expect(results).toContainEqual({ kind: "done", location: "/deliverables/xyz", notice: null });
    expect(await prisma.formSubmission.count({ where: { key } })).toBe(1);
  });

  it("lets a key be claimed again after the first attempt was released", async () => {
    const key = newKey();
    expect((await claimAs(cookieA, key)).kind).toBe("claimed");
    await releaseSubmission(key);
    expect((await claimAs(cookieA, key)).kind).toBe("claimed");
  });

  it("never tells another user reusing a key where it went", async () => {
    const key = newKey();
    expect((await claimAs(cookieA, key)).kind).toBe("claimed");
    await recordSubmissionLocation(key, "/deliverables/secret");
    expect(await claimAs(cookieB, key, 0)).toEqual({ kind: "pending" });
    const row = await prisma.formSubmission.findUnique({ where: { key } });
    expect(row?.userId).toBe(userA);
  });
});

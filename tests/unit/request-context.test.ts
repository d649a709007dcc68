import { describe, expect, it, vi } from "vitest";

// The one request context (app/utils/request-context.server.ts): one store
// shared by both copies of the module a server process loads, the request
// id in every log line written during a request, and the three per-request
// stores of before (memo, double-submit scope, database-down mark) as its fields.

const load = () => import("~/utils/request-context.server");

describe("request context", () => {
  it("is one store for every copy of the module (tsx and the Remix bundle each load it)", async () => {
    const a = await load();
    vi.resetModules();
    const b = await load();
    expect(b).not.toBe(a);
    const context = a.createRequestContext({ request: new Request("http://concord.test/x", { headers: { "User-Agent": "probe" } }), clientIp: "203.0.113.5" });
    const seen = a.runWithRequestContext(context, () => b.currentRequestContext());
    expect(seen).toBe(context);
    expect(seen).toMatchObject({ clientIp: "203.0.113.5", userAgent: "probe" });
    expect(b.currentRequestContext()).toBeUndefined();
  });

  it("keeps the memo, the submission scope and the database-down mark in the request's context", async () => {
    const { createRequestContext, runWithRequestContext } = await load();
    const { oncePerRequest } = await import("~/utils/request-memo.server");
    const { submissionScope } = await import("~/models/form-submission.server");
    const { failedForDatabase, markDatabaseUnavailable } = await import("~/utils/errors.server");
    const request = new Request("http://concord.test/page");
    const context = createRequestContext({ request });
    let loads = 0;
    const load1 = () => Promise.resolve(++loads);
    await runWithRequestContext(context, async () => {
      expect(await oncePerRequest(request, "k", load1)).toBe(1);
      expect(await oncePerRequest(request, "k", load1)).toBe(1);
      expect(submissionScope.getStore()).toBe(context.submission);
      expect(submissionScope.getStore()?.request).toBe(request);
      expect(failedForDatabase()).toBe(false);
      markDatabaseUnavailable(request);
    });
    expect(context.databaseUnavailable).toBe(true);
    // Outside a request: nothing remembered, nothing marked.
    expect(await oncePerRequest(request, "k", load1)).toBe(2);
    expect(submissionScope.getStore()).toBeUndefined();
    expect(failedForDatabase()).toBe(false);
  });

  it("starts every console line written during a request with the request id", async () => {
    const levels = ["log", "info", "warn", "error", "debug"] as const;
    const saved = levels.map((level) => console[level]);
    const spy = vi.fn();
    console.info = spy;
    try {
      const { createRequestContext, installRequestIdLogging, runWithRequestContext } = await load();
      installRequestIdLogging();
      const context = createRequestContext({ request: new Request("http://concord.test/") });
      expect(context.requestId).toMatch(/^[0-9a-f-]{36}$/);
      await runWithRequestContext(context, async () => {
        await Promise.resolve();
        console.info("saved %s", "P-1");
        console.info({ detail: 1 });
      });
      console.info("outside");
      expect(spy.mock.calls).toEqual([[`[${context.requestId}] saved %s`, "P-1"], [`[${context.requestId}]`, { detail: 1 }], ["outside"]]);
    } finally {
      // The test setup's own console.error spy must be what it finds afterwards.
      levels.forEach((level, i) => (console[level] = saved[i]));
    }
  });
});

import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLoad, weightedSequence, type RequestKind, type ResponseSeen } from "./load";

// The load runner's own test (npx vitest run --config bench/vitest.config.ts):
// a bench that reports "zero failures" is only worth something if it does see
// failures. A tiny server answers each path in a known way, good or bad.

let server: http.Server;
let origin: string;
const posted: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    if (path === "/ok") return res.writeHead(200, { "Content-Type": "text/html" }).end("<p>ok</p>");
    if (path === "/boom") return res.writeHead(500, { "Content-Type": "text/plain" }).end("boom");
    if (path === "/bounce") return res.writeHead(302, { Location: "/sign-in?redirectTo=%2Fbounce" }).end();
    if (path === "/slow") return void setTimeout(() => res.writeHead(200).end("late"), 3_000);
    if (path === "/save" && req.method === "POST") {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        posted.push(`${req.headers.origin} ${body}`);
        res.writeHead(302, { Location: "/records/1?notice=saved" }).end();
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const page = (res: ResponseSeen) => (res.status === 200 ? null : `expected 200, got ${res.status}`);

describe("weightedSequence", () => {
  it("holds each kind as often as its weight, spread out", () => {
    const seq = weightedSequence([
      { name: "a", weight: 3 },
      { name: "b", weight: 1 },
      { name: "c", weight: 2 },
    ]).map((k) => k.name);
    expect(seq).toHaveLength(6);
    expect(seq.filter((n) => n === "a")).toHaveLength(3);
    expect(seq.filter((n) => n === "c")).toHaveLength(2);
    // Never the same kind three times running.
    expect(seq.join("")).not.toMatch(/(.)\1\1/);
  });
});

describe("runLoad", () => {
  it("counts good responses by kind and reports every kind of failure with its cause", async () => {
    let settled = 0;
    const kinds: RequestKind[] = [
      { name: "ok", group: "page", weight: 2, build: () => ({ method: "GET", path: "/ok" }), check: page },
      { name: "5xx", group: "page", weight: 1, build: () => ({ method: "GET", path: "/boom" }), check: () => null },
      { name: "to sign-in", group: "page", weight: 1, build: () => ({ method: "GET", path: "/bounce" }), check: page },
      {
        name: "save",
        group: "form",
        weight: 1,
        build: () => ({
          method: "POST",
          path: "/save",
          headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
          body: "title=x",
          state: "mine",
        }),
        check: (res) => (res.status === 302 && res.headers.location === "/records/1?notice=saved" ? null : `got ${res.status}`),
        settle: (state, ok) => {
          if (state === "mine" && ok) settled++;
        },
      },
      { name: "slow", group: "download", weight: 1, build: () => ({ method: "GET", path: "/slow" }), check: page },
    ];
    const result = await runLoad({ origin, connections: 4, durationSec: 4, timeoutSec: 1, kinds });
    const by = Object.fromEntries(result.kinds.map((k) => [k.name, k]));

    expect(by.ok!.count).toBeGreaterThan(0);
    expect(by.ok!.failed).toBe(0);
    expect(by.ok!.statuses["200"]).toBe(by.ok!.count);
    expect(by.ok!.latencyMs.p99).toBeGreaterThan(0);

    // A 5xx fails even when the kind's own check would accept anything.
    expect(by["5xx"]!.failed).toBe(by["5xx"]!.count);
    expect(by["5xx"]!.count).toBeGreaterThan(0);
    expect(by["to sign-in"]!.failed).toBe(by["to sign-in"]!.count);
    expect(result.failures.find((f) => f.kind === "to sign-in")).toMatchObject({ status: 302, location: "/sign-in?redirectTo=%2Fbounce" });

    expect(by.save!.ok).toBeGreaterThan(0);
    expect(settled).toBe(by.save!.ok);
    expect(posted[0]).toBe(`${origin} title=x`);

    expect(by.slow!.timeouts).toBeGreaterThan(0);
    expect(result.failures.some((f) => f.kind === "slow" && f.problem.includes("no response within 1 s"))).toBe(true);

    expect(result.totals.status5xx).toBe(by["5xx"]!.count);
    expect(result.totals.timeouts).toBeGreaterThan(0);
    expect(result.totals.requests).toBe(result.kinds.reduce((s, k) => s + k.count, 0));
  }, 20_000);
});

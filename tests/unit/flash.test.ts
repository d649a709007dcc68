import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The flash notice (app/utils/flash.server.ts): what redirectWithNotice sets,
// what the root loader reads back (once), and what it refuses. Each test loads
// the module afresh, as a new server process would, with the settings it sets.

const KEY = "a".repeat(40);
const saved = { ...process.env };

async function load(settings: Record<string, string | undefined> = {}) {
  vi.resetModules();
  process.env.CONCORD_SECRET_KEY = KEY;
  process.env.PUBLIC_ORIGIN = "";
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return import("~/utils/flash.server");
}

/** The request a browser makes next (by default, following the redirect), carrying the cookies a response set. */
function nextRequest(response: Response, path = response.headers.get("Location") ?? "/", headers: Record<string, string> = {}): Request {
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  return new Request(`http://127.0.0.1${path}`, { headers: { ...headers, Cookie: cookies.join("; ") } });
}

beforeEach(() => {
  process.env = { ...saved };
});
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

describe("redirectWithNotice", () => {
  it("redirects to the path and sets a short-lived HttpOnly, SameSite=Lax cookie that the next request reads once", async () => {
    const flash = await load();
    const response = await flash.redirectWithNotice("/agreements/abc", "saved");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/agreements/abc");
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^concord_flash=/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain("Max-Age=60");
    expect(cookie).not.toContain("Secure");
    // The value is signed, not the bare code.
    expect(cookie.split(";")[0]).not.toBe("concord_flash=saved");

    const read = await flash.readNotice(nextRequest(response));
    expect(read.notice?.code).toBe("saved");
    // The answer clears it: the browser drops the cookie, so a reload shows nothing.
    expect(read.setCookie).toMatch(/^concord_flash=;/);
    expect(read.setCookie).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(await flash.readNotice(new Request("http://127.0.0.1/agreements/abc"))).toEqual({ notice: null, setCookie: null });
  });

  it("gives each reading its own id, so a page can tell a new notice from the one it already showed", async () => {
    const flash = await load();
    const response = await flash.redirectWithNotice("/x", "archived");
    const a = await flash.readNotice(nextRequest(response));
    const b = await flash.readNotice(nextRequest(response));
    expect(a.notice?.code).toBe("archived");
    expect(a.notice?.id).not.toBe(b.notice?.id);
  });

  it("keeps the query and the fragment of the target, and other cookies the redirect sets", async () => {
    const flash = await load();
    const response = await flash.redirectWithNotice("/portal/outcomes/o1?tab=2#comments", "commented", {
      headers: { "Set-Cookie": "concord_session=abc; Path=/; HttpOnly; SameSite=Lax" },
    });
    expect(response.headers.get("Location")).toBe("/portal/outcomes/o1?tab=2#comments");
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    expect(cookies[0]).toMatch(/^concord_session=abc;/);
    expect(cookies[1]).toMatch(/^concord_flash=/);
  });

  it("sends a target that is not a path of this site to the home page", async () => {
    const flash = await load();
    // safeRedirectPath's own tests hold the full corpus; these are the usual ways out.
    for (const target of ["//evil.example", "/\\evil.example", "https://evil.example/x", "/\t/evil.example", "/.//evil.example", "javascript:alert(1)", ""]) {
      expect((await flash.redirectWithNotice(target, "saved")).headers.get("Location"), target).toBe("/");
    }
  });

  it("refuses anything but a short notice code", async () => {
    const flash = await load();
    for (const bad of ["", "Saved", "saved; Path=/x", "a".repeat(41), "<b>", "saved\n"]) {
      await expect(flash.redirectWithNotice("/", bad), bad).rejects.toThrow(/notice code/);
    }
  });

  it("over HTTPS the cookie is Secure and __Host- prefixed", async () => {
    const flash = await load({ PUBLIC_ORIGIN: "https://concord.example.org" });
    const response = await flash.redirectWithNotice("/x", "saved");
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^__Host-concord_flash=/);
    expect(cookie).toContain("Secure");
    expect(cookie).not.toContain("Domain");
    expect((await flash.readNotice(nextRequest(response))).notice?.code).toBe("saved");
  });
});

describe("readNotice", () => {
  it("is read only by the page it redirects to: another page's request or a prefetch leaves it for that page", async () => {
    const flash = await load();
    const response = await flash.redirectWithNotice("/deliverables/d%C3%A91?tab=2#comments", "created");
    // A link's data prefetched while the browser was still on its way (another page).
    expect(await flash.readNotice(nextRequest(response, "/outbox?_data=root"))).toEqual({ notice: null, setCookie: null });
    // The page itself, prefetched.
    expect(await flash.readNotice(nextRequest(response, "/deliverables/d%C3%A91?_data=root", { "Sec-Purpose": "prefetch" }))).toEqual({ notice: null, setCookie: null });
    expect(await flash.readNotice(nextRequest(response, "/deliverables/d%C3%A91", { Purpose: "prefetch" }))).toEqual({ notice: null, setCookie: null });
    // Its page, as a document or as Remix's data request, the path however it is encoded.
    for (const path of ["/deliverables/d%C3%A91", "/deliverables/d%C3%A91?_data=root", "/deliverables/dé1?tab=2"]) {
      const read = await flash.readNotice(nextRequest(response, path));
      expect(read.notice?.code, path).toBe("created");
      expect(read.setCookie, path).toMatch(/^concord_flash=;/);
    }
  });

  it("reads a cookie set before notices named their page on any page", async () => {
    const flash = await load();
    const old = await flash.flashCookie().serialize("saved");
    const request = new Request("http://127.0.0.1/anywhere", { headers: { Cookie: old.split(";")[0] } });
    expect((await flash.readNotice(request)).notice?.code).toBe("saved");
  });

  it("another process with the same secret reads the notice; one with another secret, or a forged value, reads none and clears it", async () => {
    const response = await (await load()).redirectWithNotice("/x", "deleted");
    const other = await load();
    expect((await other.readNotice(nextRequest(response))).notice?.code).toBe("deleted");

    const stranger = await load({ CONCORD_SECRET_KEY: "b".repeat(40) });
    const read = await stranger.readNotice(nextRequest(response));
    expect(read.notice).toBeNull();
    expect(read.setCookie).toMatch(/^concord_flash=;/);

    const forged = new Request("http://127.0.0.1/x", { headers: { Cookie: `concord_flash=${Buffer.from(JSON.stringify("saved")).toString("base64")}` } });
    expect((await other.readNotice(forged)).notice).toBeNull();
  });
});

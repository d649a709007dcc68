import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AgreementFormSchema } from "~/schemas/agreement";
import { parseForm } from "~/utils/form.server";

// Form field names are paths ("parties.0.role") walked into nested objects.
// A name with "__proto__" (or constructor.prototype) must never write to
// Object.prototype: one such post would change every object of the server
// process (prototype pollution). Found by the hostile-input suite.

const POLLUTING: [string, string][] = [
  ["__proto__.hostilePolluted", "yes"],
  ["title.__proto__.hostilePolluted", "yes"],
  ["parties.0.__proto__.hostilePolluted", "yes"],
  ["constructor.prototype.hostilePolluted", "yes"],
  ["__proto__[hostilePolluted]", "yes"],
  ["email", "not-an-address"],
  ["password", "x"],
];

const polluted = () => (Object.prototype as Record<string, unknown>).hostilePolluted;

afterEach(() => {
  // Keep the rest of the file meaningful if one check failed.
  delete (Object.prototype as Record<string, unknown>).hostilePolluted;
});

function post(url: string, entries: [string, string][]) {
  return new Request(url, {
    method: "POST",
    body: new URLSearchParams(entries),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost" },
  });
}

describe("prototype pollution through form field names", () => {
  it("parseForm drops field names that reach a prototype", async () => {
    const result = await parseForm(post("http://localhost/agreements/new", [...POLLUTING, ["title", "MoU"]]), AgreementFormSchema);
    expect(polluted()).toBeUndefined();
    expect(({} as Record<string, unknown>).hostilePolluted).toBeUndefined();
    // "__proto__[x]" is not a path (no dot): it stays an ordinary, harmless key.
    expect(Object.keys(result.values).sort()).toEqual(["__proto__[hostilePolluted]", "email", "password", "title"]);
    expect(result.values.title).toEqual("MoU");
  });

  // Anonymous posts to every action of the app (sign-in, password reset,
  // invitations ...): what anyone on the internet can send.
  const routesDir = path.resolve("app/routes");
  const withAction = fs
    .readdirSync(routesDir)
    .filter((f) => /\.tsx?$/.test(f) && /export (async )?function action\b/.test(fs.readFileSync(path.join(routesDir, f), "utf8")));

  it.each(withAction)("an anonymous post to %s does not pollute Object.prototype", async (file) => {
    const mod = (await import(/* @vite-ignore */ path.join(routesDir, file))) as {
      action: (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>;
    };
    const params = new Proxy({}, { get: (_t, key) => (typeof key === "string" ? "x".repeat(32) : undefined) }) as Record<string, string>;
    try {
      await mod.action({ request: post(`http://localhost/${file}`, POLLUTING), params, context: { clientIp: "127.0.0.1" } });
    } catch {
      // Redirects to sign-in, 404s and 400s are thrown as Responses; only the prototype matters here.
    }
    expect(polluted(), `${file} wrote to Object.prototype`).toBeUndefined();
  });
});

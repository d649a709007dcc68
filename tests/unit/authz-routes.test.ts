import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  fillPattern,
  intentsFromSource,
  listRouteModules,
  readRoutes,
  splitRouteSegments,
  urlPatternFromRouteName,
} from "../e2e/support/authz-routes";
import {
  DONE,
  expectFor,
  FORBIDDEN,
  IDENTITIES,
  matches,
  NO_ACTION,
  NOT_FOUND,
  NOT_FOUND_OR_GONE,
  PAGE,
  redirectTo,
  SIGN_IN,
  sidesFor,
  type Cell,
  type Req,
  type Row,
} from "../e2e/support/authz-matrix";

// The authorization matrix (tests/e2e/authz-matrix.spec.ts) finds the app's
// routes by reading app/routes. If this parser got a URL wrong, the matrix
// would request the wrong address and its completeness check would be
// meaningless, so it is checked here: by examples of every naming rule, and
// against Remix's own route manifest for every file the app has today.

type ManifestNode = { id: string; path?: string; index?: boolean; file: string; children?: ManifestNode[] };

function remixManifest(): Map<string, string> {
  const out = execFileSync(path.resolve("node_modules/.bin/remix"), ["routes", "--json"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    timeout: 60_000,
  });
  const tree = JSON.parse(out.slice(out.indexOf("["))) as ManifestNode[];
  const byId = new Map<string, string>();
  const walk = (node: ManifestNode, prefix: string) => {
    const full = [prefix, node.path ?? ""].filter(Boolean).join("/");
    byId.set(node.id, `/${full}`.replace(/\/+/g, "/"));
    for (const child of node.children ?? []) walk(child, full);
  };
  for (const node of tree) walk(node, "");
  return byId;
}

describe("route file names -> URL patterns", () => {
  it.each([
    ["_index", "/"],
    ["programmes._index", "/programmes"],
    ["programmes.new", "/programmes/new"],
    ["programmes.$code._index", "/programmes/:code"],
    ["programmes.$code.edit", "/programmes/:code/edit"],
    ["programmes.$code.lifecycle", "/programmes/:code/lifecycle"],
    ["portal.deliverables.$id", "/portal/deliverables/:id"],
    ["documents.$id.download", "/documents/:id/download"],
    ["reports.iati[.]xml", "/reports/iati.xml"],
    ["reports.programmes.$code[.]pdf", "/reports/programmes/:code.pdf"],
    ["reports.programmes.$code[.]xlsx", "/reports/programmes/:code.xlsx"],
    ["sign-in", "/sign-in"],
    ["sign-in.mfa", "/sign-in/mfa"],
    ["admin.users.$id._index", "/admin/users/:id"],
    ["invitations.$token", "/invitations/:token"],
    ["portfolio", "/portfolio"],
    // Rules the app does not use yet, so a new file cannot slip past the matrix.
    ["_auth.login", "/login"],
    ["_auth", "/"],
    ["programmes_.$code.print", "/programmes/:code/print"],
    ["($lang).about", "/:lang?/about"],
    ["(optional).page", "/optional?/page"],
    ["files.$", "/files/*"],
    ["sitemap[.]xml", "/sitemap.xml"],
    ["[_index]", "/_index"],
    ["weird[.$x]", "/weird.$x"],
  ])("%s -> %s", (name, pattern) => {
    expect(urlPatternFromRouteName(name)).toBe(pattern);
  });

  it("splits on dots outside [escapes] only", () => {
    expect(splitRouteSegments("reports.programmes.$code[.]pdf")).toEqual(["reports", "programmes", "$code[.]pdf"]);
  });

  it("agrees with Remix's own route manifest for every route file of the app", () => {
    const manifest = remixManifest();
    const routes = readRoutes();
    expect(routes.length).toBeGreaterThan(40);
    const ours = Object.fromEntries(routes.map((r) => [r.id, r.pattern]));
    const theirs = Object.fromEntries([...manifest].filter(([id]) => id !== "root"));
    expect(ours).toEqual(theirs);
  }, 90_000);

  it("finds folder routes (folder/route.tsx) and ignores other files", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "authz-routes-"));
    try {
      fs.mkdirSync(path.join(dir, "admin.settings"));
      fs.writeFileSync(path.join(dir, "admin.settings", "route.tsx"), "export default function X() {}");
      fs.writeFileSync(path.join(dir, "admin.settings", "form.tsx"), "");
      fs.mkdirSync(path.join(dir, "helpers"));
      fs.writeFileSync(path.join(dir, "helpers", "util.ts"), "");
      fs.writeFileSync(path.join(dir, "notes.txt"), "");
      fs.writeFileSync(path.join(dir, "healthz.ts"), "export function loader() {}");
      expect(listRouteModules(dir)).toEqual([
        { file: "admin.settings/route.tsx", name: "admin.settings" },
        { file: "healthz.ts", name: "healthz" },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("what a route module handles", () => {
  it("reads loader, action, intents and CSV export from the source", () => {
    const routes = new Map(readRoutes().map((r) => [r.name, r]));
    const deliverable = routes.get("deliverables.$id._index")!;
    expect(deliverable).toMatchObject({ hasLoader: true, hasAction: true, resource: false, csv: false });
    expect(deliverable.intents).toEqual(["archive", "delete", "restore"]);
    // lifecycleAction(...) stands for archive, restore and delete.
    expect(routes.get("agreements.$id._index")!.intents).toEqual(["archive", "delete", "restore"]);
    expect(routes.get("portal.outcomes.$id")!.intents).toEqual(["acknowledge", "comment"]);
    expect(routes.get("agreements._index")).toMatchObject({ hasAction: false, csv: true });
    expect(routes.get("healthz")).toMatchObject({ hasLoader: true, hasAction: false, resource: true });
    expect(routes.get("documents.$id.download")).toMatchObject({ resource: true, hasAction: false });
    expect(routes.get("sign-out")).toMatchObject({ hasLoader: true, hasAction: true });
  });

  it("finds intents in comparisons and in a switch", () => {
    expect(intentsFromSource(`if (intent === "a") {} else if ("b" === intent) {} if (form.intent !== 'c') {}`)).toEqual(["a", "b", "c"]);
    expect(
      intentsFromSource(`switch (intent) {\n    case "resend":\n      break;\n    case 'deactivate': {\n    }\n  }\n  const other = { case: 1 };`),
    ).toEqual(["deactivate", "resend"]);
    expect(intentsFromSource(`return lifecycleAction(request, {})`)).toEqual(["archive", "delete", "restore"]);
  });

  it("fills a pattern's parameters, encoded", () => {
    expect(fillPattern("/reports/programmes/:code.pdf", { code: "P 1/2" })).toBe("/reports/programmes/P%201%2F2.pdf");
    expect(() => fillPattern("/agreements/:id", {})).toThrow(/:id/);
  });
});

describe("the matrix's rule: role allowed? record in scope?", () => {
  const who = (key: string) => IDENTITIES.find((i) => i.key === key)!;
  const cell = (key: string, side: "BY" | "KZ" | "BYX" | null = null): Cell => ({ who: who(key), side, record: side ? { id: "x", code: "P" } : null });
  const staffRecord: Row = { pattern: "/agreements/:id", access: "staff", record: "agreement", requests: [] };
  const get: Req = { label: "GET", method: "GET", ok: PAGE };

  it("sends anonymous visitors to sign-in, except on public routes", () => {
    expect(expectFor(staffRecord, get, cell("anonymous", "BY")).expected).toBe(SIGN_IN);
    expect(expectFor({ pattern: "/healthz", access: "public", requests: [] }, get, cell("anonymous")).expected).toBe(PAGE);
  });

  it("refuses a role the route is not for with 403, whether or not the record is in its scope", () => {
    expect(expectFor(staffRecord, get, cell("partner BY", "BY")).expected).toBe(FORBIDDEN);
    expect(expectFor(staffRecord, get, cell("partner BY", "KZ")).expected).toBe(FORBIDDEN);
    expect(expectFor({ ...staffRecord, access: "admin" }, get, cell("staff", "BY")).expected).toBe(FORBIDDEN);
  });

  it("answers 404 for a record outside an allowed identity's scope, the route's answer inside it", () => {
    const portal: Row = { pattern: "/portal/deliverables/:id", access: "partner", record: "deliverable", requests: [] };
    expect(expectFor(portal, get, cell("partner BY", "BY")).expected).toBe(PAGE);
    expect(expectFor(portal, get, cell("partner BY", "KZ")).expected).toBe(NOT_FOUND);
    expect(expectFor(portal, get, cell("partner KZ", "KZ")).expected).toBe(PAGE);
    expect(expectFor(portal, get, cell("partner BY", "BYX")).expected).toBe(NOT_FOUND);
    const download: Row = { pattern: "/documents/:id/download", access: "user", record: "document", requests: [] };
    expect(expectFor(download, get, cell("donor KWPF", "BY")).expected).toBe(PAGE);
    expect(expectFor(download, get, cell("donor other fund", "BY")).expected).toBe(NOT_FOUND);
    expect(expectFor(download, get, cell("staff", "BYX")).expected).toBe(PAGE);
  });

  it("has no scope for users and organisations, and honours written exceptions and 'everyone'", () => {
    const users: Row = { pattern: "/admin/users/:id", access: "admin", record: "user", requests: [] };
    expect(expectFor(users, get, cell("admin", "KZ")).expected).toBe(PAGE);
    expect(sidesFor(users)).toEqual(["BY"]);
    expect(sidesFor(staffRecord)).toEqual(["BY", "KZ"]);
    expect(sidesFor({ ...staffRecord, access: "user" })).toEqual(["BY", "KZ", "BYX", "MC"]);
    const toPortal = redirectTo("/portal/programmes/P");
    const withException: Req = { ...get, exceptions: { PARTNER: () => toPortal } };
    expect(expectFor({ ...staffRecord, access: "staff+donor" }, withException, cell("partner KZ", "BY")).expected).toBe(toPortal);
    expect(expectFor(staffRecord, { ...get, everyone: NO_ACTION }, cell("anonymous", "BY")).expected).toBe(NO_ACTION);
  });

  it("matches status, redirect target and content type", () => {
    expect(matches(SIGN_IN, { status: 302, location: "/sign-in?redirectTo=%2Fx", type: "" })).toBe(true);
    expect(matches(SIGN_IN, { status: 302, location: "/workspace", type: "" })).toBe(false);
    expect(matches(DONE, { status: 302, location: "/sign-in", type: "" })).toBe(false);
    expect(matches(DONE, { status: 302, location: "/agreements/1", type: "" })).toBe(true);
    expect(matches(PAGE, { status: 200, location: null, type: "application/json" })).toBe(false);
    expect(matches(NOT_FOUND_OR_GONE, { status: 410, location: null, type: "text/html" })).toBe(true);
    expect(matches(redirectTo("/"), { status: 302, location: "/portal", type: "" })).toBe(false);
  });
});

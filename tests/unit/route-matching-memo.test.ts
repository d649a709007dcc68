import { createRequire } from "node:module";
import path from "node:path";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";

// The route-matching patches of docs/decisions/0020-route-matching.md, applied
// by patch-package from patches/ on every `npm install`/`npm ci`:
// - @remix-run/router: matchRoutes flattens and ranks a routes array once (it
//   did so on every call, 4-5 times per request), and compiles each route
//   pattern's regular expression once; patching a tree in place (lazy route
//   discovery) invalidates the ranking.
// - @remix-run/react: RemixServer creates the build's route objects once, not
//   on every render.
// - react-router-dom/server: createStaticRouter converts a routes array into
//   data routes once, so the tree the render matches is the same array from
//   one request to the next.
//
// The modules are loaded the way the server loads them: Node's require from
// the package that depends on them (Vite's resolution would pick the ESM
// builds, which are not patched: the browser matches once per navigation).
// The router's ESM build is the unpatched original and serves as the
// reference the patched matching must agree with.

type Params = Record<string, string | undefined>;
type RouteObject = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: RouteObject[] };
type Match = { params: Params; pathname: string; pathnameBase: string; route: RouteObject };
type Router = {
  matchRoutes(routes: RouteObject[], location: string, basename?: string): Match[] | null;
  createRouter(init: unknown): {
    initialize(): unknown;
    navigate(to: string): Promise<void>;
    dispose(): void;
    routes: RouteObject[];
    state: { matches: Match[]; errors: Record<string, unknown> | null };
  };
  createMemoryHistory(options: { initialEntries: string[] }): unknown;
  createStaticHandler(routes: unknown[]): { query(request: Request): Promise<unknown> };
};

const requireFromHere = createRequire(import.meta.url);
/** Resolves `request` as code inside `pkg` would (its own node_modules first). */
function resolveFrom(pkg: string, request: string): string {
  const pkgDir = path.dirname(requireFromHere.resolve(`${pkg}/package.json`));
  return createRequire(path.join(pkgDir, "package.json")).resolve(request);
}

const serverRouterPath = resolveFrom("@remix-run/server-runtime", "@remix-run/router");
const patched = requireFromHere(serverRouterPath) as Router;
const original = (await import(path.join(path.dirname(serverRouterPath), "router.js"))) as Router;

// A tree of the shapes Concord's routes have (app/routes, flat routes): a
// root with a path, pathless layouts, index routes, static, dynamic, optional
// and splat segments, nested dynamic segments, a case-sensitive route.
function tree(): RouteObject[] {
  return [
    {
      id: "root",
      path: "",
      children: [
        { id: "home", index: true },
        { id: "sign-in", path: "sign-in" },
        { id: "healthz", path: "healthz" },
        {
          id: "workspace",
          path: "workspace",
          children: [
            { id: "workspace._index", index: true },
            { id: "workspace.settings", path: "settings" },
          ],
        },
        {
          id: "programmes",
          path: "programmes",
          children: [
            { id: "programmes._index", index: true },
            { id: "programmes.new", path: "new" },
            {
              id: "programmes.$code",
              path: ":code",
              children: [
                { id: "programmes.$code._index", index: true },
                { id: "programmes.$code.edit", path: "edit" },
                { id: "programmes.$code.activities.$id", path: "activities/:id" },
              ],
            },
          ],
        },
        {
          id: "_staff",
          children: [
            { id: "_staff.activities", path: "activities" },
            { id: "_staff.admin.users.$id", path: "admin/users/:id" },
          ],
        },
        { id: "portal", path: "portal/:country?" },
        { id: "Exact", path: "Exact", caseSensitive: true },
        { id: "files.$", path: "files/*" },
        { id: "$", path: "*" },
      ],
    },
  ];
}

const URLS = [
  "/",
  "/sign-in",
  "/sign-in/",
  "/SIGN-IN",
  "/healthz",
  "/workspace",
  "/workspace/settings",
  "/programmes",
  "/programmes/new",
  "/programmes/SYN-0001",
  "/programmes/SYN-0001/edit",
  "/programmes/SYN-0001/activities/42",
  "/programmes/ABC%20D",
  "/activities",
  "/admin/users/u1",
  "/portal",
  "/portal/BY",
  "/Exact",
  "/exact",
  "/files/a/b/c.pdf",
  "/files",
  "/no/such/page",
];

/** What a match says, without object identity (the two builds create their own). */
function describeMatches(matches: Match[] | null) {
  return matches?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, pathnameBase: m.pathnameBase })) ?? null;
}

/** The tree with every route's `path` and `children` behind counting getters. */
function countingTree(): { routes: RouteObject[]; reads: () => number } {
  let reads = 0;
  const wrap = (route: RouteObject): RouteObject => {
    const { path: routePath, children, ...rest } = route;
    const wrappedChildren = children?.map(wrap);
    return Object.defineProperties({ ...rest } as RouteObject, {
      path: { enumerable: true, get: () => (reads++, routePath) },
      children: { enumerable: true, get: () => (reads++, wrappedChildren) },
    });
  };
  return { routes: tree().map(wrap), reads: () => reads };
}

describe("route matching (patched @remix-run/router, ADR 0020)", () => {
  it("the server runtime and react-router load one copy of the router, the patched one", () => {
    expect(resolveFrom("react-router", "@remix-run/router")).toBe(serverRouterPath);
    expect(resolveFrom("@remix-run/react", "@remix-run/router")).toBe(serverRouterPath);
    expect(path.basename(serverRouterPath)).toBe("router.cjs.js");
  });

  it("finds the same matches as the original router, on the first call and on later ones", () => {
    const routes = tree();
    const reference = tree();
    for (const round of [1, 2]) {
      for (const url of URLS) {
        expect(describeMatches(patched.matchRoutes(routes, url)), `${url} (round ${round})`).toEqual(describeMatches(original.matchRoutes(reference, url)));
      }
    }
    // The matches point at the caller's own route objects.
    expect(patched.matchRoutes(routes, "/programmes/X")?.at(-1)?.route).toBe(routes[0]!.children![4]!.children![2]!.children![0]);
    // A basename is applied on a cached ranking too.
    expect(describeMatches(patched.matchRoutes(routes, "/app/portal/BY", "/app"))).toEqual(describeMatches(original.matchRoutes(reference, "/app/portal/BY", "/app")));
  });

  it("flattens and ranks a routes array once: a second call does not walk the tree again", () => {
    const { routes, reads } = countingTree();
    expect(describeMatches(patched.matchRoutes(routes, "/programmes/SYN-0001/activities/7"))?.map((m) => m.id)).toEqual([
      "root",
      "programmes",
      "programmes.$code",
      "programmes.$code.activities.$id",
    ]);
    const afterFirst = reads();
    expect(afterFirst).toBeGreaterThan(20);
    for (const url of URLS) patched.matchRoutes(routes, url);
    expect(reads() - afterFirst, "route properties read after the first call").toBe(0);
    // Another array (another build, or a test's own tree) is ranked on its own.
    const other = countingTree();
    patched.matchRoutes(other.routes, "/");
    expect(other.reads()).toBe(afterFirst);
  });

  it("ranks again when lazy route discovery adds routes to the tree in place", async () => {
    // The browser's router (and this CommonJS build's createRouter) patches
    // discovered children into the existing tree and matches the same array
    // again: a stale ranking would not see the new route.
    const router = patched.createRouter({
      routes: [{ id: "root", path: "/", children: [{ id: "home", index: true }] }],
      history: patched.createMemoryHistory({ initialEntries: ["/"] }),
      patchRoutesOnNavigation: async ({ path: to, patch }: { path: string; patch: (id: string, children: RouteObject[]) => void }) => {
        if (to.startsWith("/later")) patch("root", [{ id: "later", path: "later/:id" }]);
      },
    });
    try {
      router.initialize();
      expect(router.state.matches.map((m) => m.route.id)).toEqual(["root", "home"]);
      await router.navigate("/later/7");
      expect(router.state.errors).toBeNull();
      expect(router.state.matches.map((m) => [m.route.id, m.params.id])).toEqual([
        ["root", "7"],
        ["later", "7"],
      ]);
    } finally {
      router.dispose();
    }
  });
});

describe("server render routes (patched @remix-run/react and react-router-dom, ADR 0020)", () => {
  it("createStaticRouter gives the same data routes for the same routes array", async () => {
    const { createStaticRouter } = requireFromHere(resolveFrom("@remix-run/react", "react-router-dom/server")) as {
      createStaticRouter(routes: unknown[], context: unknown): { routes: RouteObject[] };
    };
    const routes = [{ id: "root", path: "/", children: [{ id: "home", index: true }] }];
    const context = (await patched.createStaticHandler(routes).query(new Request("http://localhost/"))) as object;
    const first = createStaticRouter(routes, context);
    const second = createStaticRouter(routes, { ...context });
    expect(second.routes).toBe(first.routes);
    expect(first.routes[0]!.children![0]!.id).toBe("home");
    // Other routes, other data routes.
    expect(createStaticRouter([{ id: "root", path: "/" }], context).routes).not.toBe(first.routes);
  });

  it("RemixServer creates a build's route objects once, not on every render", async () => {
    // Counted through the module the patched RemixServer calls.
    const remixReactDir = path.dirname(requireFromHere.resolve("@remix-run/react"));
    const remixRoutes = requireFromHere(path.join(remixReactDir, "routes.js")) as { createServerRoutes: (...args: unknown[]) => unknown };
    const { RemixServer } = requireFromHere(path.join(remixReactDir, "server.js")) as { RemixServer: (props: unknown) => unknown };
    const createServerRoutes = remixRoutes.createServerRoutes;
    let created = 0;
    remixRoutes.createServerRoutes = (...args: unknown[]) => (created++, createServerRoutes(...args));
    try {
      const manifestRoutes = {
        root: { id: "root", path: "", hasLoader: false, hasAction: false, hasClientLoader: false, hasClientAction: false, hasErrorBoundary: false, module: "/root.js" },
        "routes/_index": { id: "routes/_index", parentId: "root", index: true, hasLoader: false, hasAction: false, hasClientLoader: false, hasClientAction: false, hasErrorBoundary: false, module: "/index.js" },
      };
      const modules = {
        root: { default: () => createElement("main", null, "root") },
        "routes/_index": { default: () => "index" },
      };
      const future = { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: false };
      const manifest = { routes: manifestRoutes, entry: { module: "/entry.js", imports: [] }, url: "/manifest.js", version: "1" };
      const handlerRoutes = [{ id: "root", path: "", children: [{ id: "routes/_index", index: true }] }];
      const render = async () => {
        const staticHandlerContext = await patched.createStaticHandler(handlerRoutes).query(new Request("http://localhost/"));
        const context = {
          manifest,
          // The server runtime makes a new object of the same modules on every request.
          routeModules: { ...modules },
          staticHandlerContext,
          serverHandoffString: "{}",
          future,
          isSpaMode: false,
          serializeError: (error: Error) => ({ message: error.message }),
        };
        return renderToString(createElement(RemixServer as never, { context, url: "http://localhost/" }));
      };
      expect(await render()).toContain("<main>root</main>");
      expect(await render()).toContain("<main>root</main>");
      expect(created).toBe(1);
    } finally {
      remixRoutes.createServerRoutes = createServerRoutes;
    }
  });
});

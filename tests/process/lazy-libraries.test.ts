import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

// The libraries only some requests need are loaded by the first request that
// needs them, not with the server (app/utils/load-on-first-use.server.ts):
// the production build is imported in a fresh Node process and the packages
// it has loaded are listed from require's cache. A package loaded as CommonJS
// lands there whether an ES module imported it or require did; pdfkit and
// nodemailer, imported from an ES module, load their ES builds, which this
// cannot see, but loadOnFirstUse requires them, which it would.
const LAZY = ["exceljs", "pdfkit", "xmlbuilder2", "nodemailer", "qrcode", "@aws-sdk/client-s3", "xpath", "@xmldom/xmldom", "xmllint-wasm", "saxes"];

function loadedPackages(): string[] {
  const build = pathToFileURL(path.resolve("build", "index.js")).href;
  const script = `
    import { createRequire } from "node:module";
    const require = createRequire(import.meta.url);
    await import(${JSON.stringify(build)});

    const names = new Set(Object.keys(require.cache).map((f) => /.*node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(f)?.[1]).filter(Boolean));
    console.log(JSON.stringify([...names]));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    env: {
      ...process.env,
      NODE_ENV: "production",
      // Importing the build opens no connection; the settings only have to be valid.
      DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none",
      CONCORD_SECRET_KEY: "concord-process-test-secret-key-0001",
      PUBLIC_ORIGIN: "http://127.0.0.1:3000",
    },
    timeout: 120_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split("\n").pop()!) as string[];
}

describe("libraries loaded on first use", () => {
  it("the server build loads none of them when it starts", () => {
    expect(fs.existsSync("build/index.js"), "run `npm run build` first").toBe(true);
    const loaded = loadedPackages();
    expect(loaded).toContain("react-dom"); // the check sees what the build does load
    expect(loaded.filter((name) => LAZY.includes(name))).toEqual([]);
  }, 120_000);

});

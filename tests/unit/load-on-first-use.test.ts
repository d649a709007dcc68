import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { loadOnFirstUse } from "~/utils/load-on-first-use.server";

const require = createRequire(import.meta.url);
const inCache = (pkg: string) => Object.keys(require.cache).some((file) => file.includes(`/node_modules/${pkg}/`));

describe("loadOnFirstUse", () => {
  it("requires the package on the first call, not before, and returns the same module after", () => {
    const qrcode = loadOnFirstUse<{ toString: unknown }>("qrcode");
    expect(inCache("qrcode")).toBe(false);
    const first = qrcode();
    expect(inCache("qrcode")).toBe(true);
    expect(typeof first.toString).toBe("function");
    expect(qrcode()).toBe(first);
  });
});

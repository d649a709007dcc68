import type { Page } from "@playwright/test";
import { XSS_MARK } from "./corpus";

// Opens pages that show stored hostile values and reports anything that
// means a value was rendered as markup: a dialog (alert/confirm/prompt), the
// window.__hostile flag our payloads set, an element carrying the payloads'
// marker attribute, an inline event handler, a script without this
// response's nonce, a frame or plugin, or a javascript: link. The suites
// open these pages in a context with bypassCSP, so the check is about
// escaping: the CSP is a second wall, tested by security-headers.spec.ts.

export function watchDialogs(page: Page, problems: string[]) {
  page.on("dialog", async (dialog) => {
    problems.push(`dialog ${dialog.type()} "${dialog.message()}" on ${page.url()}`);
    await dialog.dismiss().catch(() => undefined);
  });
}

export async function checkRendered(page: Page, url: string, problems: string[]): Promise<number> {
  const response = await page.goto(url, { waitUntil: "load" });
  const status = response?.status() ?? 0;
  // Every page checked here is one the user may see: anything else (a redirect to sign-in) would make the check empty.
  if (status !== 200) problems.push(`${url} answered ${status}${page.url().endsWith(url) ? "" : ` (at ${page.url()})`}`);
  // Let hydration and any injected handler (autofocus, onerror) run.
  await page.waitForTimeout(150);
  const found = await page.evaluate((mark) => {
    const all = [...document.querySelectorAll("*")];
    return {
      flag: (window as unknown as { __hostile?: unknown }).__hostile !== undefined,
      marked: document.querySelectorAll(`[${mark}]`).length,
      handlers: all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).map((el) => el.outerHTML.slice(0, 120)),
      scripts: [...document.scripts].filter((s) => !s.hasAttribute("nonce")).map((s) => s.outerHTML.slice(0, 120)),
      frames: document.querySelectorAll("iframe, object, embed, frame, base, meta[http-equiv]").length,
      jsLinks: [...document.querySelectorAll("[href], [src], [action], [formaction]")].filter((el) =>
        ["href", "src", "action", "formaction"].some((a) => /^\s*(javascript|vbscript):|^\s*data:text\/html/i.test(el.getAttribute(a) ?? "")),
      ).length,
    };
  }, XSS_MARK);
  if (found.flag) problems.push(`${url}: an injected script ran (window.__hostile is set)`);
  if (found.marked) problems.push(`${url}: ${found.marked} injected element(s) with ${XSS_MARK}`);
  if (found.handlers.length) problems.push(`${url}: inline event handlers ${found.handlers.join(" | ")}`);
  if (found.scripts.length) problems.push(`${url}: scripts without the nonce ${found.scripts.join(" | ")}`);
  if (found.frames) problems.push(`${url}: ${found.frames} frame/object/base/meta-refresh element(s)`);
  if (found.jsLinks) problems.push(`${url}: ${found.jsLinks} javascript:/data: URL(s)`);
  return status;
}

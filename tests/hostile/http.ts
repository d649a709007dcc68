import type { Page } from "@playwright/test";

// HTTP helpers for the hostile-input suites: read a form as the browser
// renders it, and post variations of it with a real session cookie and a
// same-site Origin, as a browser would. Plain fetch (no redirects followed)
// so every status is seen exactly as the server sent it.

export type ScrapedField = {
  name: string;
  /** input type, or "textarea" / "select". */
  type: string;
  value: string;
  checked: boolean;
  options: string[];
};

export type ScrapedForm = { action: string; enctype: string; fields: ScrapedField[] };

const TEXT_TYPES = new Set(["text", "search", "email", "url", "tel", "textarea", "password"]);

/** Fields a person types into (the corpus goes into these). */
export function isTextLike(f: ScrapedField): boolean {
  return TEXT_TYPES.has(f.type);
}

/**
 * The main post form of the page at `url` (the one with the most fields,
 * so the header's sign-out form and record actions are left out).
 */
export async function scrapeForm(page: Page, url: string): Promise<ScrapedForm> {
  const response = await page.goto(url);
  if (!response || response.status() !== 200) throw new Error(`GET ${url} answered ${response?.status()}`);
  return page.evaluate(() => {
    const forms = [...document.querySelectorAll("form")].filter((f) => (f.getAttribute("method") ?? "get").toLowerCase() === "post");
    const named = (f: HTMLFormElement) => [...f.elements].filter((e) => (e as HTMLInputElement).name);
    const form = forms.sort((a, b) => named(b).length - named(a).length)[0];
    if (!form) throw new Error("no post form on the page");
    const fields = named(form).map((el) => {
      const e = el as HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement;
      const tag = e.tagName.toLowerCase();
      const type = tag === "input" ? (e.getAttribute("type") ?? "text").toLowerCase() : tag;
      return {
        name: e.name,
        type,
        value: e.value,
        checked: type === "checkbox" || type === "radio" ? e.checked : false,
        options: tag === "select" ? [...e.options].map((o) => o.value) : [],
      };
    });
    return { action: form.getAttribute("action") ?? "", enctype: form.enctype, fields };
  });
}

/** What the browser would submit for the form as rendered, with some fields replaced. */
export function submission(fields: ScrapedField[], replace: Record<string, string> = {}, drop: string[] = []): [string, string][] {
  const out: [string, string][] = [];
  for (const f of fields) {
    if (drop.includes(f.name)) continue;
    if (f.type === "submit" || f.type === "button" || f.type === "file" || f.type === "reset") continue;
    if ((f.type === "checkbox" || f.type === "radio") && !f.checked && !(f.name in replace)) continue;
    out.push([f.name, f.name in replace ? replace[f.name] : f.value]);
  }
  // A replaced field that the form did not render (e.g. a new name) is added.
  for (const [name, value] of Object.entries(replace)) if (!fields.some((f) => f.name === name)) out.push([name, value]);
  return out;
}

export type Sent = { status: number; location: string | null; body: string };

export class Client {
  constructor(
    readonly baseURL: string,
    private cookie: string | null,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      Origin: new URL(this.baseURL).origin,
      ...(this.cookie ? { Cookie: this.cookie } : {}),
      ...extra,
    };
  }

  /**
   * Posts a form. With `routeId` it is sent as Remix's data request (what
   * the page does with JavaScript on): only the action runs, no page is
   * rendered, which keeps the corpus runs fast; a redirect then arrives as
   * 204 with X-Remix-Redirect and is reported here as a 302.
   */
  async post(
    path: string,
    entries: [string, string][],
    file?: { field: string; name: string; type: string; bytes: Buffer } | null,
    routeId?: string,
  ): Promise<Sent> {
    let body: URLSearchParams | FormData;
    if (file) {
      const fd = new FormData();
      for (const [k, v] of entries) fd.append(k, v);
      fd.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
      body = fd;
    } else {
      body = new URLSearchParams(entries);
    }
    const url = new URL(path, this.baseURL);
    if (routeId) url.searchParams.set("_data", routeId);
    const res = await fetch(url, { method: "POST", body, headers: this.headers(), redirect: "manual" });
    const text = await res.text();
    const dataRedirect = routeId ? res.headers.get("x-remix-redirect") : null;
    if (dataRedirect) return { status: 302, location: dataRedirect, body: text };
    return { status: res.status, location: res.headers.get("location"), body: text };
  }

  async get(path: string): Promise<Sent & { headers: Headers; bytes: Buffer }> {
    const res = await fetch(new URL(path, this.baseURL), { headers: this.headers(), redirect: "manual" });
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, location: res.headers.get("location"), body: bytes.toString("utf8"), headers: res.headers, bytes };
  }
}

/** Runs fn over items with at most `limit` in flight (the server has two cores). */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The session cookie pair ("name=value") from a Set-Cookie header. */
export function cookiePair(setCookie: string): string {
  return setCookie.split(";")[0];
}

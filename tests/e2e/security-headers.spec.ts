import { createProgramme, createUser } from "../factories";
import { expect, prisma, test } from "./support/fixtures";
import { ensurePublisher } from "../factories/publisher";

// The IATI file is the centre's publication: it is refused until the publisher settings exist (issue 17).
test.beforeAll(async () => {
  await ensurePublisher(prisma);
});

// Issue 5 (part): security headers on every page, scripts only with this
// response's nonce, and no state change from another site's form.

test.describe("security headers", () => {
  test("every page sends a nonce-based CSP, no framing, nosniff and a referrer policy; the app runs under it", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["BY"] });
    await loginAs("STAFF");
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    const nonces = new Set<string>();
    for (const url of ["/sign-in", "/workspace", `/programmes/${programme.code}`, "/agreements", "/portfolio", "/agreements/new"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      const h = response!.headers();
      const csp = h["content-security-policy"];
      expect(csp, url).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(csp, url).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(h["x-content-type-options"], url).toBe("nosniff");
      expect(h["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
      expect(h["strict-transport-security"], url).toBeUndefined(); // plain http here
      const nonce = /'nonce-([^']+)'/.exec(csp)![1];
      nonces.add(nonce);
      // Every inline script of the page carries the nonce (the browser hides the attribute, so read the HTML).
      const html = await response!.text();
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
      expect(inline.length, url).toBeGreaterThan(0);
      for (const attrs of inline) expect(attrs, url).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(6); // a new nonce per response
    // Client-side navigation and hydration work under the policy.
    await page.goto("/workspace");
    await page.getByRole("link", { name: "Agreements", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Agreements" })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("a form posted from another site is refused and changes nothing", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["BY"] });
    await loginAs("STAFF");
    const post = (origin: string) =>
      page.request.post(`/agreements/new`, {
        headers: { Origin: origin },
        form: { programmeId: programme.id, type: "MOU", title: "Forged agreement", status: "DRAFT", signedPrecision: "DAY" },
        maxRedirects: 0,
      });
    const refused = await post("https://evil.example");
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toBe("This request came from another site and was refused.\n");
    // In the reader's language: the browser's Accept-Language (no language cookie is set yet).
    const inRussian = await page.request.post(`/agreements/new`, { headers: { Origin: "https://evil.example", "Accept-Language": "ru-RU,ru;q=0.9" }, form: { title: "x" }, maxRedirects: 0 });
    expect(inRussian.status()).toBe(403);
    expect(await inRussian.text()).toBe("Запрос отправлен с другого сайта и поэтому отклонён.\n");
    expect((await post("null")).status()).toBe(403);
    expect(await prisma.agreement.count({ where: { programmeId: programme.id } })).toBe(0);
    const sameSite = await post(new URL(test.info().project.use.baseURL!).origin);
    expect([302, 303, 204, 200]).toContain(sameSite.status());
  });
});

test.describe("caching of signed-in answers", () => {
  test("pages, data JSON, downloads and redirects answered to a signed-in person carry Cache-Control: private, no-store", async ({ request, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["BY"] });
    const { cookie } = await loginAs("STAFF");
    const headers = { Cookie: cookie };
    for (const url of [
      "/workspace",
      `/programmes/${programme.code}`,
      `/programmes/${programme.code}?_data=routes%2Fprogrammes.%24code._index`,
      "/agreements?_data=routes%2Fagreements._index",
      "/programmes?format=csv&_data=routes%2Fprogrammes._index",
      `/reports/iati.xml?programme=${programme.code}`,
      `/reports/programmes/${programme.code}.xlsx`,
      "/sign-in",
      "/",
    ]) {
      const res = await request.get(url, { headers, maxRedirects: 0 });
      expect(res.status(), url).toBeLessThan(400);
      expect(res.headers()["cache-control"], url).toBe("private, no-store");
    }
  });

  test("signing in answers with private, no-store and a browser-session cookie", async ({ request }) => {
    const { user, password } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    const res = await request.post("/sign-in", { form: { email: user.email, password }, maxRedirects: 0, headers: { Origin: new URL(test.info().project.use.baseURL!).origin } });
    expect(res.status()).toBe(302);
    expect(res.headers()["cache-control"]).toBe("private, no-store");
    const setCookie = res.headers()["set-cookie"];
    expect(setCookie).toMatch(/concord_session=/);
    expect(setCookie).not.toMatch(/max-age|expires/i);
  });
});

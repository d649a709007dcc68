import { cleanText } from "../../app/schemas/fields";
import { createProgramme, createUser } from "../factories";
import { createActivity, createDeliverable, createOutcome } from "../factories/deliverable";
import { createIndicator } from "../factories/results";
import { asSent, CORPUS, sampleCorpus } from "../hostile/corpus";
import { expect, prisma, test } from "./support/fixtures";

// Issue 19, points 5-7: personal access tokens as a person uses them, and the
// JSON API called with one. Made on /account/tokens, shown once, used by a
// program (Playwright's `request`, without the browser's cookies: the token
// is the credential), revoked, then refused. The API's token cases the
// session-based authorization matrix cannot send are here too.

const SHOTS = "test-results/shots-api";

test("a partner makes a token, a program reads the partner's programmes with it, and revoking it stops it", async ({ page, request, context, loginAs }) => {
  const stamp = Date.now().toString(36).toUpperCase();
  const by = await createProgramme(prisma, { countries: ["BY"], title: `Token programme Minsk ${stamp}` });
  const kz = await createProgramme(prisma, { countries: ["KZ"], title: `Token programme Astana ${stamp}` });
  await loginAs("PARTNER", { countries: ["BY"] });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);

  await page.goto("/account");
  await page.getByRole("link", { name: "Personal access tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Personal access tokens" })).toBeVisible();
  await expect(page.getByText("You have no tokens.")).toBeVisible();
  await page.waitForLoadState("networkidle"); // hydrated: the copy button runs in the browser

  // A name is required: the message is next to the field.
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a name.")).toBeVisible();

  await page.getByRole("textbox", { name: "Name" }).fill("Monthly report script");
  await page.getByRole("combobox", { name: "Expires after" }).selectOption("30");
  await page.getByRole("checkbox", { name: /Read-only/ }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("heading", { name: "Your new token “Monthly report script”" })).toBeVisible();
  const token = await page.getByRole("textbox", { name: "The new token" }).inputValue();
  expect(token).toMatch(/^cnc_[A-Za-z0-9_-]{43}$/);
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await page.screenshot({ path: `${SHOTS}/account-tokens-new.png`, fullPage: true });

  // A program calls the API with it: the partner's programme, never the other country's.
  const auth = { authorization: `Bearer ${token}` };
  const list = await request.get(`/api/v1/programmes?q=${encodeURIComponent(stamp)}`, { headers: auth });
  expect(list.status()).toBe(200);
  const codes = ((await list.json()) as { data: { code: string }[] }).data.map((p) => p.code);
  expect(codes).toEqual([by.code]);
  expect((await request.get(`/api/v1/programmes/${kz.code}`, { headers: auth })).status()).toBe(404);
  // Helper U: the activities too, scoped the same way (a Kazakhstan activity is 404 to a Belarus token).
  const minsk = await createActivity(prisma, { programmeId: by.id, countryCode: "BY", title: `Token activity Minsk ${stamp}` });
  const astana = await createActivity(prisma, { programmeId: kz.id, countryCode: "KZ", title: `Token activity Astana ${stamp}` });
  const activities = await request.get(`/api/v1/activities?q=${encodeURIComponent(stamp)}`, { headers: auth });
  expect(activities.status()).toBe(200);
  expect(((await activities.json()) as { data: { id: string }[] }).data.map((a) => a.id)).toEqual([minsk.id]);
  expect((await request.get(`/api/v1/activities/${astana.id}`, { headers: auth })).status()).toBe(404);
  expect((await request.post(`/api/v1/activities/${minsk.id}/archive`, { headers: auth })).status()).toBe(403);
  // Helper APIA: deliverables, outcomes (their follow-up actions as rows) and indicators, scoped the same way.
  const roadmap = await createDeliverable(prisma, { programmeId: by.id, title: `Token roadmap Minsk ${stamp}` });
  const astanaPlan = await createDeliverable(prisma, { programmeId: kz.id, title: `Token roadmap Astana ${stamp}` });
  const deliverables = await request.get(`/api/v1/deliverables?q=${encodeURIComponent(stamp)}`, { headers: auth });
  expect(((await deliverables.json()) as { data: { id: string }[] }).data.map((d) => d.id)).toEqual([roadmap.id]);
  expect((await request.get(`/api/v1/deliverables/${astanaPlan.id}`, { headers: auth })).status()).toBe(404);
  const agreed = await createOutcome(prisma, { activityId: minsk.id, text: `Token outcome Minsk ${stamp}`, deliverableId: roadmap.id });
  const outcome = await request.get(`/api/v1/outcomes/${agreed.id}`, { headers: auth });
  expect(await outcome.json()).toMatchObject({ id: agreed.id, deliverableId: roadmap.id, followUps: [] });
  const astanaIndicator = await createIndicator(prisma, { programmeId: kz.id, title: `Token indicator Astana ${stamp}` });
  expect((await request.get(`/api/v1/indicators/${astanaIndicator.id}`, { headers: auth })).status()).toBe(404);
  // Read-only: a write is refused (403 problem+json), and nothing changes.
  const write = await request.post(`/api/v1/programmes/${by.code}/archive`, { headers: auth });
  expect(write.status()).toBe(403);
  expect(write.headers()["content-type"]).toContain("application/problem+json");

  // The browsable reference, rendered on the server from the OpenAPI document (no third-party script).
  await page.goto("/api/v1/docs");
  await expect(page.getByRole("heading", { level: 1, name: "Concord API reference" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /PATCH \/api\/v1\/programmes\/\{code\}/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /PATCH \/api\/v1\/activities\/\{id\}/ })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/api-docs.png`, fullPage: false });
  await page.getByRole("heading", { name: /^GET \/api\/v1\/activities List/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/api-docs-activities.png`, fullPage: false });
  await expect(page.getByRole("heading", { name: /POST \/api\/v1\/outcomes\/\{id\}\/archive/ })).toBeVisible();
  await page.getByRole("heading", { name: /^PATCH \/api\/v1\/indicators\/\{id\}/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/api-docs-indicators.png`, fullPage: false });
  const openapi = await request.get("/api/v1/openapi.json");
  expect(openapi.status()).toBe(200);
  expect(((await openapi.json()) as { openapi: string }).openapi).toBe("3.1.0");
  await page.goto("/account/tokens");

  // Shown once: after a reload the list has the token, its prefix and its last use, not the token.
  await page.reload();
  await expect(page.getByRole("textbox", { name: "The new token" })).toHaveCount(0);
  const row = page.getByRole("row", { name: /Monthly report script/ });
  await expect(row).toContainText(token.slice(0, 12));
  await expect(row).not.toContainText(token);
  await expect(row.getByRole("cell", { name: "Read-only" })).toBeVisible();
  await expect(row.getByRole("cell", { name: "Never" })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/account-tokens-list.png`, fullPage: true });

  await row.getByRole("button", { name: "Revoke token Monthly report script" }).click();
  await expect(page.getByText("The token was revoked: it no longer works.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Monthly report script/ }).getByRole("cell", { name: "Revoked" })).toBeVisible();
  const after = await request.get("/api/v1/programmes", { headers: auth });
  expect(after.status()).toBe(401);
  expect(after.headers()["content-type"]).toContain("application/problem+json");
  expect((await after.json()) as object).toMatchObject({ status: 401, title: "Authentication required" });
  expect((await prisma.programme.findUniqueOrThrow({ where: { id: by.id } })).archivedAt).toBeNull();
});

test("an administrator sees every user's tokens and revokes one, which stops it", async ({ page, request, loginAs }) => {
  const owner = await createUser(prisma, { role: "STAFF" });
  const { createApiToken } = await import("../../app/models/api-token.server");
  const { ctxFor } = await import("../../app/models/ctx.server");
  const name = `Owner sync ${Date.now()}`;
  const made = await createApiToken(ctxFor({ id: owner.user.id, email: owner.user.email, role: "STAFF" }), { name, expiresInDays: "7", readOnly: false });
  expect((await request.get("/api/v1/programmes", { headers: { authorization: `Bearer ${made.token}` } })).status()).toBe(200);

  await loginAs("ADMIN");
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Personal access tokens of all users" })).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(owner.user.email);
  await page.screenshot({ path: `${SHOTS}/admin-tokens.png`, fullPage: true });
  await row.getByRole("button", { name: `Revoke token ${name}` }).click();
  await expect(page.getByText("The token was revoked: it no longer works.")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
  expect((await request.get("/api/v1/programmes", { headers: { authorization: `Bearer ${made.token}` } })).status()).toBe(401);
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: made.id, action: "api_token_revoked" } });
  expect(audit.metadata).toMatchObject({ byOwner: false, owner: owner.user.id });
});

test("the hostile-input corpus through an API write: no 5xx, a refusal stores nothing, an accepted title is stored as sent", async ({ request }) => {
  test.setTimeout(180_000);
  const staff = await createUser(prisma, { role: "STAFF" });
  const { createApiToken } = await import("../../app/models/api-token.server");
  const { ctxFor } = await import("../../app/models/ctx.server");
  const { token } = await createApiToken(ctxFor({ id: staff.user.id, email: staff.user.email, role: "STAFF" }), { name: "hostile", expiresInDays: "7", readOnly: false });
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const stamp = Date.now().toString(36).toUpperCase();
  // A sample of the corpus (the full corpus goes through the forms in hostile-input.spec.ts), under the rate limit.
  const sample = [...sampleCorpus(120, 19), ...CORPUS.filter((s) => s.family === "xss").slice(0, 20)];
  let accepted = 0;
  for (const [i, s] of sample.entries()) {
    const code = `HX-${stamp}-${i}`;
    const res = await request.post("/api/v1/programmes", { headers: auth, data: JSON.stringify({ code, title: s.value, status: "PIPELINE", description: s.value }) });
    expect(res.status(), `${s.family}/${s.label}`).toBeLessThan(500);
    const stored = await prisma.programme.findUnique({ where: { code } });
    if (res.status() === 201) {
      accepted += 1;
      expect(stored?.title, `${s.family}/${s.label}`).toBe(cleanText(asSent(s.value)).trim());
      expect(res.headers()["content-type"]).toContain("application/json");
    } else {
      expect(res.status(), `${s.family}/${s.label}`).toBe(400);
      expect(res.headers()["content-type"]).toContain("application/problem+json");
      expect(stored, `${s.family}/${s.label}: refused but stored`).toBeNull();
    }
  }
  expect(accepted).toBeGreaterThan(sample.length / 2);
  // Bodies that are not a JSON object, and keys that reach for a prototype, are refused or ignored cleanly.
  for (const data of ["[]", "null", "{", '"x"', '{"__proto__":{"polluted":1},"code":"","title":""}', '{"constructor":{"prototype":{"polluted":1}}}']) {
    const res = await request.post("/api/v1/programmes", { headers: auth, data });
    expect(res.status(), data).toBe(400);
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

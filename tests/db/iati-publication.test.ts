import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ctxFor } from "~/models/ctx.server";
import {
  publishProgramme,
  programmePublication,
  recordPublishedActivity,
  withdrawProgramme,
} from "~/models/iati-publication.server";
import { startSession } from "~/auth/session.server";
import { action as programmeAction } from "~/routes/programmes.$code._index";
import { loader as activitiesLoader } from "~/routes/iati.activities[.]xml";
import { loader as organisationLoader } from "~/routes/iati.organisation[.]xml";
import { loader as publicDocumentLoader } from "~/routes/public.documents.$id";
import { prisma } from "~/utils/db.server";
import { deleteOrganisationBudget, publishedProgrammeBudgets, saveOrganisationBudget } from "~/models/organisation-budget.server";
import { DocumentFormSchema } from "~/schemas/document";
import { DomainError } from "~/utils/errors.server";
import { createProgramme, createUser, uid } from "../factories";
import { createDocumentRecord, pdfBytes } from "../factories/document";
import { ensurePublisher, TEST_PUBLISHER } from "../factories/publisher";
import { createFundingLine } from "../factories/results";
import { expectValidIati } from "../support/iati-check";

/** A programme with the one thing IATI requires that the factory leaves out: a sector (rule 6.2.2). */
async function withSector<T extends { id: string }>(created: Promise<T>): Promise<T> {
  const p = await created;
  await prisma.programmeSector.create({ data: { programmeId: p.id, sectorCode: "12110", percentage: "100" } });
  return p;
}


// Publication to IATI (issue 17 point 4, ADR 0033): publish / withdraw, the
// identifier stored once, the writer's hook that keeps last-updated-datetime
// still while the content is, and the public routes (no sign-in) that show
// only what is published.

// The "no publisher settings" refusal without deleting the shared settings row
// other test files use: getPublisher answers null while `off` is set.
const publisherSwitch = vi.hoisted(() => ({ off: false }));
vi.mock("~/models/publisher.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/models/publisher.server")>();
  return { ...original, getPublisher: async () => (publisherSwitch.off ? null : original.getPublisher()) };
});

const actor = { id: "", email: "" };
const ctx = () => ctxFor(actor);
const admin = { id: "", email: "", role: "ADMIN" as const };
const BASE = TEST_PUBLISHER.publicBaseUrl;

/** An anonymous request (no cookie) to a route loader. */
async function get(loader: (args: LoaderFunctionArgs) => Promise<Response>, path: string, params: Record<string, string> = {}, method = "GET") {
  return loader({ request: new Request(`http://localhost${path}`, { method }), params, context: { clientIp: "127.0.0.1", cspNonce: "vitest" } });
}

async function activityFile(): Promise<string> {
  const response = await get(activitiesLoader, "/iati/activities.xml");
  expect(response.status).toBe(200);
  return response.text();
}

/** The last-updated-datetime of the activity with this identifier in a file. */
function lastUpdated(xml: string, identifier: string): string | null {
  for (const m of xml.matchAll(/<iati-activity\b([^>]*)>([\s\S]*?)<\/iati-activity>/g)) {
    if (m[2].includes(`<iati-identifier>${identifier}</iati-identifier>`)) return /last-updated-datetime="([^"]*)"/.exec(m[1])?.[1] ?? null;
  }
  return null;
}

beforeAll(async () => {
  await ensurePublisher(prisma);
  const { user } = await createUser(prisma, { role: "STAFF" });
  Object.assign(actor, { id: user.id, email: user.email });
  const { user: adminUser } = await createUser(prisma, { role: "ADMIN" });
  Object.assign(admin, { id: adminUser.id, email: adminUser.email });
});

afterAll(() => {
  publisherSwitch.off = false;
});

describe("publishing a programme", () => {
  it("stores the identifier minted under the publisher and the first date once; withdrawing keeps them", async () => {
    const p = await withSector(createProgramme(prisma));
    expect((await programmePublication(p.id)).nextIdentifier).toBe(`${TEST_PUBLISHER.orgRef}-${p.code}`);

    const first = new Date("2026-01-10T08:00:00Z");
    await publishProgramme(ctx(), p.id, first);
    let row = await prisma.programme.findUniqueOrThrow({ where: { id: p.id } });
    expect(row).toMatchObject({ iatiPublished: true, iatiIdentifier: `${TEST_PUBLISHER.orgRef}-${p.code}`, iatiFirstPublishedAt: first });

    await withdrawProgramme(ctx(), p.id);
    row = await prisma.programme.findUniqueOrThrow({ where: { id: p.id } });
    expect(row).toMatchObject({ iatiPublished: false, iatiIdentifier: `${TEST_PUBLISHER.orgRef}-${p.code}`, iatiFirstPublishedAt: first });

    // The publisher's identifier changes: a programme published before keeps its own.
    await ensurePublisher(prisma, { orgRef: "KR-BRN-OTHER" as typeof TEST_PUBLISHER.orgRef });
    try {
      await publishProgramme(ctx(), p.id, new Date("2026-02-01T00:00:00Z"));
    } finally {
      await ensurePublisher(prisma);
    }
    row = await prisma.programme.findUniqueOrThrow({ where: { id: p.id } });
    expect(row).toMatchObject({ iatiPublished: true, iatiIdentifier: `${TEST_PUBLISHER.orgRef}-${p.code}`, iatiFirstPublishedAt: first });

    const audit = await prisma.auditEvent.findMany({ where: { entityType: "Programme", entityId: p.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => Object.keys((a.changes ?? {}) as object).sort())).toEqual([
      ["iatiFirstPublishedAt", "iatiIdentifier", "iatiPublished"],
      ["iatiPublished"],
      ["iatiPublished"],
    ]);
  });

  it("refuses without publisher settings, for an archived programme, and for partners", async () => {
    const p = await withSector(createProgramme(prisma));
    publisherSwitch.off = true;
    try {
      const error = await publishProgramme(ctx(), p.id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("invalid");
      expect((error as DomainError).message).toContain("iatiPublish.v.noPublisher");
    } finally {
      publisherSwitch.off = false;
    }
    const archived = await createProgramme(prisma, { archived: true });
    await expect(publishProgramme(ctx(), archived.id)).rejects.toMatchObject({ code: "invalid" });
    await expect(publishProgramme(ctxFor(actor, { kind: "partner", countries: ["BY"] }), p.id)).rejects.toMatchObject({ code: "forbidden" });
    const rows = await prisma.programme.findMany({ where: { id: { in: [p.id, archived.id] } } });
    expect(rows.every((r) => !r.iatiPublished && r.iatiIdentifier === null)).toBe(true);
  });
});

describe("recordPublishedActivity (the writer's hook)", () => {
  const info = (recordId: string, contentHash: string) => ({
    recordType: "ACTIVITY" as const,
    recordId,
    programmeId: recordId,
    iatiIdentifier: `${TEST_PUBLISHER.orgRef}-HOOK-${recordId}`,
    contentHash,
  });
  const h = (c: string) => c.repeat(64);

  it("stores the identifier on first sight and moves the date only when the hash changes", async () => {
    const id = uid();
    const t0 = new Date("2026-03-01T00:00:00Z");
    expect(await recordPublishedActivity(info(id, h("a")), t0)).toEqual(t0);
    expect(await recordPublishedActivity(info(id, h("a")), new Date("2026-03-02T00:00:00Z"))).toEqual(t0);
    const t2 = new Date("2026-03-03T00:00:00Z");
    expect(await recordPublishedActivity({ ...info(id, h("b")), iatiIdentifier: "SOMETHING-ELSE" }, t2)).toEqual(t2);
    const rows = await prisma.iatiPublishedActivity.findMany({ where: { recordId: id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ iatiIdentifier: `${TEST_PUBLISHER.orgRef}-HOOK-${id}`, contentHash: h("b"), lastUpdatedAt: t2, firstPublishedAt: t0 });
  });

  it("concurrent builds create one row and move the date once", async () => {
    const id = uid();
    const nows = [1, 2, 3, 4, 5, 6].map((d) => new Date(`2026-04-0${d}T00:00:00Z`));
    const firsts = await Promise.all(nows.map((now) => recordPublishedActivity(info(id, h("c")), now)));
    expect(new Set(firsts.map((d) => d.getTime())).size).toBe(1);
    expect(await prisma.iatiPublishedActivity.count({ where: { recordId: id } })).toBe(1);

    const later = [1, 2, 3, 4, 5, 6].map((d) => new Date(`2026-05-0${d}T00:00:00Z`));
    const moved = await Promise.all(later.map((now) => recordPublishedActivity(info(id, h("d")), now)));
    expect(new Set(moved.map((d) => d.getTime())).size).toBe(1);
    expect(later.map((d) => d.getTime())).toContain(moved[0].getTime());
    const row = await prisma.iatiPublishedActivity.findFirstOrThrow({ where: { recordId: id } });
    expect(row.lastUpdatedAt).toEqual(moved[0]);
  });
});

describe("the public files and documents (anonymous)", () => {
  const ids = { published: "", publishedCode: "", hidden: "", hiddenCode: "", archivedCode: "", publicDoc: "", privateDoc: "", hiddenDoc: "", orgDoc: "", textDoc: "" };
  // A budget year no other test uses, so the organisation's total for it is this test's alone.
  const year = 2100 + Math.floor(Math.random() * 800);
  const budget = (programmeId: string, amount: string, currency: string) =>
    createFundingLine(prisma, { programmeId, kind: "BUDGET", amount, currency, fiscalYear: year, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, valueDate: `${year}-01-01` });

  beforeAll(async () => {
    const published = await withSector(createProgramme(prisma, { title: "Published health financing programme" }));
    const hidden = await withSector(createProgramme(prisma, { title: "Unpublished programme" }));
    const archived = await createProgramme(prisma);
    Object.assign(ids, { published: published.id, publishedCode: published.code, hidden: hidden.id, hiddenCode: hidden.code, archivedCode: archived.code });
    const publicDoc = await createDocumentRecord(prisma, { programmeId: published.id, title: "Public evaluation", shareable: true, bytes: pdfBytes("public evaluation") });
    const privateDoc = await createDocumentRecord(prisma, { programmeId: published.id, title: "Internal memo", shareable: true });
    const hiddenDoc = await createDocumentRecord(prisma, { programmeId: hidden.id, title: "Public but unpublished", shareable: true });
    const orgDoc = await createDocumentRecord(prisma, { programmeId: published.id, title: "Annual report of the centre", shareable: true, categoryCode: "B01" });
    const textDoc = await createDocumentRecord(prisma, {
      programmeId: published.id,
      title: "Workshop notes",
      shareable: true,
      bytes: Buffer.from("notes\n"),
      originalName: "notes.txt",
      mimeType: "text/plain; charset=utf-8",
    });
    await prisma.document.updateMany({ where: { id: { in: [publicDoc.id, hiddenDoc.id, orgDoc.id, textDoc.id] } }, data: { isPublic: true } });
    Object.assign(ids, { publicDoc: publicDoc.id, privateDoc: privateDoc.id, hiddenDoc: hiddenDoc.id, orgDoc: orgDoc.id, textDoc: textDoc.id });
    await budget(published.id, "1000", "USD");
    await budget(published.id, "500", "EUR");
    await budget(hidden.id, "7777", "USD");
    await publishProgramme(ctx(), published.id);
    await publishProgramme(ctx(), archived.id);
    await prisma.programme.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
  });

  it("the activity file holds published programmes only, links public documents to their public address, and is valid", async () => {
    const response = await get(activitiesLoader, "/iati/activities.xml");
    expect(response.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+$/);
    const xml = await response.text();
    expect(xml).toContain(`<iati-identifier>${TEST_PUBLISHER.orgRef}-${ids.publishedCode}</iati-identifier>`);
    expect(xml).not.toContain(ids.hiddenCode);
    expect(xml).not.toContain(ids.archivedCode);
    expect(xml).toContain(`url="${BASE}/public/documents/${ids.publicDoc}"`);
    expect(xml).not.toContain(ids.privateDoc);
    expect(xml).not.toContain(ids.hiddenDoc);
    expect(xml).not.toContain("/download");
    // The FileFormat codelist has media types without parameters.
    expect(xml).toContain(`<document-link url="${BASE}/public/documents/${ids.textDoc}" format="text/plain">`);
    await expectValidIati(xml);
  });

  it("is not there (404, not a sign-in) before the publisher settings are entered", async () => {
    publisherSwitch.off = true;
    try {
      for (const loader of [activitiesLoader, organisationLoader]) {
        const refused = await get(loader, "/iati/file.xml").catch((e: unknown) => e);
        expect((refused as Response).status).toBe(404);
      }
    } finally {
      publisherSwitch.off = false;
    }
  });

  it("answers HEAD with the headers and no body", async () => {
    const response = await get(activitiesLoader, "/iati/activities.xml", {}, "HEAD");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    expect(await response.text()).toBe("");
  });

  it("keeps last-updated-datetime while nothing changes and moves only the changed programme's", async () => {
    const other = await withSector(createProgramme(prisma));
    await publishProgramme(ctx(), other.id);
    const first = await activityFile();
    const mine = `${TEST_PUBLISHER.orgRef}-${ids.publishedCode}`;
    const theirs = `${TEST_PUBLISHER.orgRef}-${other.code}`;
    const [mineBefore, theirsBefore] = [lastUpdated(first, mine), lastUpdated(first, theirs)];
    expect(mineBefore).toBeTruthy();
    expect(theirsBefore).toBeTruthy();

    // Seconds apart at least, so a moved date is visible at the file's precision.
    await vi.waitFor(() => expect(Date.now() - Date.parse(theirsBefore!)).toBeGreaterThan(1100), { timeout: 5000, interval: 100 });
    const second = await activityFile();
    expect(lastUpdated(second, mine)).toBe(mineBefore);
    expect(lastUpdated(second, theirs)).toBe(theirsBefore);

    await prisma.programme.update({ where: { id: other.id }, data: { title: "Renamed programme" } });
    const third = await activityFile();
    expect(lastUpdated(third, mine)).toBe(mineBefore);
    expect(lastUpdated(third, theirs)).not.toBe(theirsBefore);
    expect(await prisma.iatiPublishedActivity.count({ where: { recordId: other.id } })).toBe(1);
  });

  it("the organisation file: the publisher, the budget per year administrators entered, its public organisation documents; valid", async () => {
    await saveOrganisationBudget(ctxFor(admin), { year, amount: "123456.50", status: "2" });
    const response = await get(organisationLoader, "/iati/organisation.xml");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    const xml = await response.text();
    expect(xml).toContain(`<organisation-identifier>${TEST_PUBLISHER.orgRef}</organisation-identifier>`);
    expect(xml).toContain(`<reporting-org ref="${TEST_PUBLISHER.orgRef}" type="${TEST_PUBLISHER.orgType}">`);
    expect(xml).toContain(`<narrative xml:lang="ru">${TEST_PUBLISHER.translations.ru.name}</narrative>`);
    expect(xml).toContain(`<narrative xml:lang="ko">${TEST_PUBLISHER.translations.ko.name}</narrative>`);
    const today = new Date().toISOString().slice(0, 10);
    expect(xml).toMatch(
      new RegExp(`<total-budget status="2">\\s*<period-start iso-date="${year}-01-01"/>\\s*<period-end iso-date="${year}-12-31"/>\\s*<value value-date="${today}">123456.50</value>`),
    );
    expect(xml).toContain(`url="${BASE}/public/documents/${ids.orgDoc}"`);
    expect(xml).not.toContain(ids.publicDoc); // an evaluation (A07) is the programme's, not the organisation's
    expect(xml).not.toContain(ids.hiddenDoc);
    await expectValidIati(xml, "organisations");

    // For comparison on the admin page: the published programme's USD line only (not the EUR one, not the unpublished programme's).
    expect((await publishedProgrammeBudgets("USD")).find((b) => b.year === year)?.total.toString()).toBe("1000");

    const stamp = /<iati-organisation last-updated-datetime="([^"]*)"/.exec(xml)![1];
    await vi.waitFor(() => expect(Date.now() - Date.parse(stamp)).toBeGreaterThan(1100), { timeout: 5000, interval: 100 });
    await deleteOrganisationBudget(ctxFor(admin), year);
    const after = await (await get(organisationLoader, "/iati/organisation.xml")).text();
    expect(after).not.toContain(`iso-date="${year}-01-01"`);
    expect(/<iati-organisation last-updated-datetime="([^"]*)"/.exec(after)![1]).not.toBe(stamp);
  });

  it("serves a public document of a published programme to anyone; everything else is 404", async () => {
    const response = await get(publicDocumentLoader, `/public/documents/${ids.publicDoc}`, { id: ids.publicDoc });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toMatch(/^inline; filename="document\.pdf"/);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Content-Security-Policy")).toContain("sandbox");
    expect(Buffer.from(await response.arrayBuffer()).equals(pdfBytes("public evaluation"))).toBe(true);

    const etag = response.headers.get("ETag")!;
    const cached = await publicDocumentLoader({
      request: new Request(`http://localhost/public/documents/${ids.publicDoc}`, { headers: { "If-None-Match": etag } }),
      params: { id: ids.publicDoc },
      context: { clientIp: "127.0.0.1", cspNonce: "vitest" },
    });
    expect(cached.status).toBe(304);

    for (const id of [ids.privateDoc, ids.hiddenDoc, "no-such-document"]) {
      const refused = await get(publicDocumentLoader, `/public/documents/${id}`, { id }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(Response);
      expect((refused as Response).status).toBe(404);
    }

    // Withdrawn: its documents are gone from the public address too.
    await withdrawProgramme(ctx(), ids.published);
    try {
      const gone = await get(publicDocumentLoader, `/public/documents/${ids.publicDoc}`, { id: ids.publicDoc }).catch((e: unknown) => e);
      expect((gone as Response).status).toBe(404);
      expect(await activityFile()).not.toContain(ids.publishedCode);
    } finally {
      await publishProgramme(ctx(), ids.published);
    }
  });
});

describe("the document form's public mark", () => {
  const form = (more: Record<string, string>) => ({ title: "Annual report", categoryCode: "B01", programmeId: "p1", ...more });

  it("is kept, and only for a document shared with partners", () => {
    expect(DocumentFormSchema.parse(form({ shareable: "on", isPublic: "on" }))).toMatchObject({ shareable: true, isPublic: true });
    expect(DocumentFormSchema.parse(form({}))).toMatchObject({ shareable: false, isPublic: false });
    const refused = DocumentFormSchema.safeParse(form({ isPublic: "on" }));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["isPublic", expect.stringContaining("iatiPublish.v.publicNotShareable")]]);
  });
});

describe("the centre's budget per year", () => {
  it("administrators set, replace and remove a year, audited; staff may not", async () => {
    const year = 2100 + Math.floor(Math.random() * 800);
    await saveOrganisationBudget(ctxFor(admin), { year, amount: "1000", status: "1" });
    await saveOrganisationBudget(ctxFor(admin), { year, amount: "2500.25", status: "2" });
    const row = await prisma.organisationTotalBudget.findUniqueOrThrow({ where: { year } });
    expect(row).toMatchObject({ currency: TEST_PUBLISHER.defaultCurrency, status: "2", version: 2 });
    expect(row.amount.toString()).toBe("2500.25");
    await expect(saveOrganisationBudget(ctx(), { year, amount: "1", status: "1" })).rejects.toMatchObject({ code: "forbidden" });
    await deleteOrganisationBudget(ctxFor(admin), year);
    expect(await prisma.organisationTotalBudget.count({ where: { year } })).toBe(0);
    const audit = await prisma.auditEvent.findMany({ where: { entityType: "OrganisationTotalBudget", entityId: String(year) }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["create", "update", "delete"]);
  });
});

describe("the programme page's publication action", () => {
  /** A signed-in staff member's POST to the programme page. */
  async function post(code: string, intent: string) {
    const { user } = await createUser(prisma, { role: "STAFF" });
    await prisma.user.update({ where: { id: user.id }, data: { totpSecret: "not-a-real-secret", totpEnabledAt: new Date() } });
    const cookie = (await startSession(user.id, { ip: "127.0.0.1", userAgent: "vitest" }, { mfaVerified: true })).split(";")[0]!;
    const request = new Request(`http://localhost/programmes/${code}`, {
      method: "POST",
      headers: { cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent }),
    });
    return programmeAction({ request, params: { code }, context: { clientIp: "127.0.0.1", cspNonce: "vitest" } }).catch((e: unknown) => e as Response);
  }

  it("publishes and redirects back; a refusal comes back as the panel's message, with nothing changed", async () => {
    const p = await createProgramme(prisma);
    publisherSwitch.off = true;
    try {
      const refused = (await post(p.code, "iatiPublish")) as Response;
      expect(refused.status).toBe(400);
      expect((await refused.json()).iatiError).toContain("iatiPublish.v.noPublisher");
    } finally {
      publisherSwitch.off = false;
    }
    expect((await prisma.programme.findUniqueOrThrow({ where: { id: p.id } })).iatiPublished).toBe(false);

    const unknown = (await post(p.code, "explode")) as Response;
    expect(unknown.status).toBe(400);

    // The quality gate: without a sector (IATI rule 6.2.2) the programme is refused, naming the rule.
    const notReady = (await post(p.code, "iatiPublish")) as Response;
    expect(notReady.status).toBe(400);
    expect((await notReady.json()).iatiError).toMatch(/iatiPublish\.v\.notReady|6\.2\.2/);
    expect((await prisma.programme.findUniqueOrThrow({ where: { id: p.id } })).iatiPublished).toBe(false);

    await prisma.programme.update({ where: { id: p.id }, data: { sectors: { create: [{ sectorCode: "12110", percentage: "100" }] } } });
    const done = (await post(p.code, "iatiPublish")) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/programmes/${p.code}`);
    expect((await prisma.programme.findUniqueOrThrow({ where: { id: p.id } })).iatiPublished).toBe(true);
  });
});

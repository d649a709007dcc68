import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertPublishable, iatiReadiness } from "~/iati/readiness.server";
import { linkIatiActivity } from "~/iati/import/import.server";
import { ctxFor } from "~/models/ctx.server";
import { publishProgramme } from "~/models/iati-publication.server";
import { getPublisher, type Publisher } from "~/models/publisher.server";
import { organisationXmlChunks } from "~/reports/iati-organisation.server";
import { publicActivityChunks } from "~/reports/iati-public.server";
import { iatiXmlChunks } from "~/reports/iati.server";
import { recordPublishedActivity } from "~/models/iati-publication.server";
import { loader as publicDocumentLoader } from "~/routes/public.documents.$id";
import { IatiImportLinkSchema } from "~/schemas/iati-import";
import { prisma } from "~/utils/db.server";
import { seedDemo } from "../../prisma/seed/demo";
import { createUser } from "../factories";
import { createDocumentRecord, pdfBytes } from "../factories/document";
import { createFundingLine } from "../factories/results";
import { expectValidIati } from "../support/iati-check";

// Issue 17's "done when": the demo portfolio, published, produces one
// activity file and one organisation file that pass the three checks (the
// 2.03 XSD, the IATI Validator ruleset, the codelist mapping) with 0 errors,
// and carry the hierarchy, the centre's identifiers, traceability and public
// document links. Everything below is done the way staff do it: publish each
// programme through the quality gate, upload a public document, record the
// funder's published activity on a funding line through the IATI import.

const join = async (chunks: AsyncIterable<string | Buffer>) => {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(typeof c === "string" ? Buffer.from(c) : c);
  return Buffer.concat(parts).toString("utf8");
};
const blocks = (xml: string) => [...xml.matchAll(/<iati-activity\b([^>]*)>([\s\S]*?)<\/iati-activity>/g)].map((m) => ({ attrs: m[1], body: m[2] }));
const identifierOf = (body: string) => /<iati-identifier>([^<]*)<\/iati-identifier>/.exec(body)![1];

let publisher: Publisher;
let activities: string;
let organisation: string;
let publicDocId: string;
const token = `T${Date.now().toString(36)}`.toUpperCase();

beforeAll(async () => {
  await seedDemo(prisma, { users: [] });
  publisher = (await getPublisher())!;
  const { user } = await createUser(prisma, { role: "ADMIN" });
  const admin = ctxFor({ id: user.id, email: user.email, role: "ADMIN" });

  // A public evaluation report on the Belarus DRG programme.
  const drg = await prisma.programme.findUniqueOrThrow({ where: { code: "BY-DRG" } });
  const doc = await createDocumentRecord(prisma, { programmeId: drg.id, title: "DRG pilot review", shareable: true, bytes: pdfBytes("DRG pilot review") });
  await prisma.document.update({ where: { id: doc.id }, data: { isPublic: true } });
  publicDocId = doc.id;

  // KWPF's grant to the programme, linked to the donor's own published activity.
  const kwpf = await prisma.organisation.findUniqueOrThrow({ where: { shortName: "KWPF" } });
  const line = await createFundingLine(prisma, {
    programmeId: drg.id,
    kind: "INCOMING_FUNDS",
    providerOrgId: kwpf.id,
    amount: "150000",
    transactionDate: "2019-10-01",
  });
  const donorFile = fs.readFileSync(path.resolve("tests/fixtures/iati/donor-activity.xml"), "utf8").replaceAll("CONCORD-TEST", token);
  await linkIatiActivity(admin, IatiImportLinkSchema.parse({ activityXml: donorFile, fundingLineId: line.id }));

  // Staff publish every demo programme; each passes the quality gate first.
  const programmes = await prisma.programme.findMany({ where: { archivedAt: null, code: { in: DEMO } } });
  for (const p of programmes) {
    await assertPublishable(p.id);
    await publishProgramme(admin, p.id);
  }
  activities = await join(publicActivityChunks(publisher));
  organisation = await join(organisationXmlChunks(publisher));
}, 240_000);

const DEMO = ["BY-DRG", "BY-QOC", "HIRA-WHOCC", "KR-CA-HEALTH", "BUSAN-MEDAID"];

describe("the demo portfolio, published", () => {
  it("has nothing the readiness page would call an error", async () => {
    const { user } = await createUser(prisma, { role: "STAFF" });
    const report = await iatiReadiness(ctxFor({ id: user.id, email: user.email }));
    const demo = report.programmes.filter((p) => DEMO.includes(p.code));
    expect(demo).toHaveLength(DEMO.length);
    expect(demo.flatMap((p) => p.errors.map((e) => `${p.code} ${e.id} ${e.message}`))).toEqual([]);
  });

  it("produces an activity file and an organisation file with 0 errors in all three checks", async () => {
    await expectValidIati(activities, "activities");
    await expectValidIati(organisation, "organisations");
  }, 120_000);

  it("reports every activity under the centre's own identifier", () => {
    const all = blocks(activities);
    expect(all.length).toBeGreaterThan(DEMO.length);
    for (const a of all) {
      expect(a.body).toContain(`<reporting-org ref="${publisher.ref}" type="${publisher.type}"`);
      expect(identifierOf(a.body).startsWith(`${publisher.ref}-`)).toBe(true);
    }
    expect(organisation).toContain(`<organisation-identifier>${publisher.ref}</organisation-identifier>`);
  });

  it("carries the hierarchy: each programme at level 1, its agreements and activities at level 2, linked both ways", async () => {
    const all = blocks(activities);
    const level1 = all.filter((a) => /hierarchy="1"/.test(a.attrs));
    expect(level1.map((a) => identifierOf(a.body)).sort()).toEqual(DEMO.map((c) => `${publisher.ref}-${c}`).sort());
    const level2 = all.filter((a) => /hierarchy="2"/.test(a.attrs));
    const liveChildren =
      (await prisma.agreement.count({ where: { archivedAt: null, parentId: null, programme: { code: { in: DEMO } } } })) +
      (await prisma.activity.count({ where: { archivedAt: null, status: { not: "CANCELLED" }, programme: { code: { in: DEMO } } } }));
    expect(level2).toHaveLength(liveChildren);
    for (const child of level2) {
      const parent = /<related-activity ref="([^"]+)" type="1"\/>/.exec(child.body)?.[1];
      expect(parent, identifierOf(child.body)).toBeDefined();
      const parentBlock = level1.find((p) => identifierOf(p.body) === parent)!;
      expect(parentBlock.body).toContain(`<related-activity ref="${identifierOf(child.body)}" type="2"/>`);
    }
  });

  it("names the funder's published activity on incoming funds (traceability)", () => {
    const drg = blocks(activities).find((a) => identifierOf(a.body) === `${publisher.ref}-BY-DRG`)!;
    expect(drg.body).toMatch(new RegExp(`<provider-org [^>]*provider-activity-id="XM-DAC-701-${token}-HIRA"`));
  });

  it("links public documents at a stable public address that answers without sign-in", async () => {
    const urls = [...activities.matchAll(/<document-link [^>]*url="([^"]+)"/g)].map((m) => m[1]);
    expect(urls).toContain(`${publisher.publicBaseUrl}/public/documents/${publicDocId}`);
    for (const url of urls) expect(url.startsWith(`${publisher.publicBaseUrl}/public/documents/`)).toBe(true);
    const response = await publicDocumentLoader({
      request: new Request(`http://localhost/public/documents/${publicDocId}`),
      params: { id: publicDocId },
      context: { clientIp: "127.0.0.1", cspNonce: "vitest" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("application/pdf");
  });

  it("is read again without a write for an activity whose content has not changed", async () => {
    // The first read (beforeAll) stored every activity's hash; nothing changed since.
    const asked: string[] = [];
    const again = await join(
      iatiXmlChunks({ public: true }, { publisher, onActivity: (info) => (asked.push(info.iatiIdentifier), recordPublishedActivity(info)) }),
    );
    expect(asked).toEqual([]);
    expect(again.replace(/generated-datetime="[^"]*"/, "")).toBe(activities.replace(/generated-datetime="[^"]*"/, ""));
    // A changed programme is asked about, and only it.
    await prisma.programme.update({ where: { code: "BY-QOC" }, data: { objectives: `Objectives revised ${token}` } });
    await join(iatiXmlChunks({ public: true }, { publisher, onActivity: (info) => (asked.push(info.iatiIdentifier), recordPublishedActivity(info)) }));
    expect(asked).toEqual([`${publisher.ref}-BY-QOC`]);
  });
});

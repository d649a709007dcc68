import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchIatiUrl, isPrivateAddress } from "~/iati/import/fetch.server";
import { createProgrammeFromIati, linkIatiActivity } from "~/iati/import/import.server";
import { previewActivity, programmeInput } from "~/iati/import/map.server";
import { decodeIatiBytes, IatiFileError, readIatiActivity, readIatiFile } from "~/iati/import/parse.server";
import { ctxFor } from "~/models/ctx.server";
import { IatiImportCreateSchema, IatiImportLinkSchema } from "~/schemas/iati-import";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors.server";
import { createOrganisation, createProgramme, createUser, ensureCountries } from "../factories";
import { ensurePublisher } from "../factories/publisher";
import { createFundingLine } from "../factories/results";
import { english } from "../support/english";

// The IATI import (issue 17, point 9): reading a file (and refusing hostile
// ones), what an activity maps to, creating a programme from it in one
// transaction, linking it to a funding line, and fetching it from a URL.

const FIXTURES = path.resolve("tests/fixtures/iati");
const token = `T${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
/** A fixture with this run's identifiers (the test database may hold an earlier run's). */
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8").replaceAll("CONCORD-TEST", token);
const donorXml = () => fixture("donor-activity.xml");
const identifier = `XM-DAC-701-${token}-HIRA`;

let admin: ReturnType<typeof ctxFor>;
let staff: ReturnType<typeof ctxFor>;

beforeAll(async () => {
  await ensurePublisher(prisma);
  await ensureCountries(prisma, ["UZ", "KZ"]);
  const { user } = await createUser(prisma, { role: "ADMIN" });
  admin = ctxFor({ id: user.id, email: user.email, role: "ADMIN" });
  const { user: s } = await createUser(prisma, { role: "STAFF" });
  staff = ctxFor({ id: s.id, email: s.email, role: "STAFF" });
});

/** The encoded message of a refusal, in English. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof IatiFileError) return english(error.reason);
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("reading a file", () => {
  it("reads a donor activity: narratives by language, dates, countries, sectors, budgets, transactions, results by sex, documents", () => {
    const a = readIatiActivity(donorXml());
    expect(a.identifier).toBe(identifier);
    expect(a.title.map((n) => n.lang)).toEqual(["en", "ru", "ko", "fr"]);
    expect(a.countries).toEqual([{ code: "UZ", percentage: "60" }, { code: "KZ", percentage: "40" }]);
    expect(a.budgets[1].value).toEqual({ amount: "350000", currency: "USD", valueDate: "2026-01-01" });
    expect(a.transactions[0].provider?.activityId).toBe(identifier);
    const period = a.results[0].indicators[0].periods[0];
    expect(period.target).toEqual({ value: "40", female: "20", male: "20" });
    expect(period.actual).toEqual({ value: "35", female: "21", male: "14" });
    expect(a.results[0].indicators[0].baseline).toMatchObject({ year: 2024, value: "10" });
    expect(a.documents[0]).toMatchObject({ url: "https://donor.example.org/docs/project-summary.pdf", categories: ["A02"] });
  });

  it("lists each activity of a file with several, with its own XML that reads back alone", () => {
    const file = readIatiFile(fixture("three-activities.xml"));
    expect(file.activities.map((a) => a.identifier)).toEqual([`XM-DAC-3-${token}-A`, `XM-DAC-3-${token}-B`, `XM-DAC-3-${token}-C`]);
    expect(readIatiActivity(file.activities[1].xml).title[0].text).toBe("Drug pricing exchange");
  });

  it("keeps escaped text, CDATA and extension namespaces when an activity is taken out of its file", () => {
    const xml = `<?xml version="1.0"?><iati-activities version="2.03" xmlns:usg="http://example.org/usg"><iati-activity xml:lang="en"><iati-identifier>XM-1-A</iati-identifier><title><narrative>Health &amp; &lt;care&gt;</narrative><narrative xml:lang="ru"><![CDATA[Здоровье & <уход>]]></narrative></title><usg:note a="&quot;x&quot;">y</usg:note></iati-activity></iati-activities>`;
    const file = readIatiFile(xml);
    expect(file.activities[0].title).toEqual([{ lang: "en", text: "Health & <care>" }, { lang: "ru", text: "Здоровье & <уход>" }]);
    expect(readIatiActivity(file.activities[0].xml).title.map((n) => n.text)).toEqual(["Health & <care>", "Здоровье & <уход>"]);
  });

  it("refuses a DOCTYPE with entities (billion laughs, XXE) before parsing", () => {
    expect(refusal(() => readIatiFile(fixture("hostile-doctype.xml")))).toMatch(/DOCTYPE/);
  });

  it("refuses another IATI version, something that is not XML, a file that is not UTF-8, and one over 20 MB", () => {
    expect(refusal(() => readIatiFile(fixture("version-2.01.xml")))).toBe("The file is IATI version 2.01. Concord reads version 2.03 files.");
    expect(refusal(() => readIatiFile(fixture("not-xml.csv")))).toBe("The file is not well-formed XML.");
    expect(refusal(() => readIatiFile('<iati-activities version="2.03"><iati-activity><title>&lol;</title></iati-activity></iati-activities>'))).toBe("The file is not well-formed XML.");
    expect(refusal(() => readIatiFile('<iati-activities version="2.03"><iati-activity></iati-activities>'))).toBe("The file is not well-formed XML.");
    expect(refusal(() => readIatiFile("<iati-organisations version=\"2.03\"/>"))).toMatch(/not an IATI activity file/);
    expect(refusal(() => decodeIatiBytes(new Uint8Array([0x3c, 0xff, 0xfe, 0x3e])))).toMatch(/UTF-8/);
    expect(refusal(() => decodeIatiBytes(new Uint8Array(20 * 1024 * 1024 + 1)))).toMatch(/larger than 20 MB/);
  });
});

describe("the preview", () => {
  it("maps the activity: title and translations, the centre's incoming lines, sex-disaggregated periods, what is not imported", async () => {
    const p = await previewActivity(readIatiActivity(donorXml()));
    expect(p.programme.title).toBe("Strategic purchasing for universal health coverage");
    expect(p.programme.status).toBe("IMPLEMENTATION");
    expect(p.programme.notes.map(english)).toEqual(
      expect.arrayContaining([expect.stringMatching(/other languages \(fr\)/), expect.stringMatching(/DAC 5-digit/)]),
    );
    // Budgets, then the donor's commitment and disbursement to the centre as incoming lines; type 5 is not imported.
    expect(p.funding.map((f) => f.form?.kind ?? null)).toEqual(["BUDGET", "BUDGET", "INCOMING_COMMITMENT", "INCOMING_FUNDS", null]);
    expect(english(p.funding[4].problem!)).toMatch(/type 5/);
    expect(p.indicators[0].form?.periods[0]).toMatchObject({ targetFemale: "20", actualMale: "14" });
    const orgs = Object.fromEntries(p.organisations.map((o) => [o.name, o]));
    expect(orgs[`Donor Agency ${token}`]).toMatchObject({ ref: `XM-DAC-701-${token}`, roles: ["FUNDING"], match: null });
    expect(orgs[`Ministry of Health ${token}`]).toMatchObject({ ref: null, roles: ["ACCOUNTABLE"] });
    expect(p.existing).toEqual({ programmes: [], fundingLines: [] });
  });

  it("drops recipient countries Concord's country list lacks, with a note (they could not be saved)", async () => {
    const xml = donorXml().replace('<sector vocabulary="1"', '<recipient-country code="NR"/><sector vocabulary="1"');
    const a = readIatiActivity(xml);
    const p = await previewActivity(a);
    expect(p.programme.notes.map(english)).toContain("Recipient countries missing from Concord's country list are not kept: NR.");
    expect((await programmeInput(a, "X", [])).countries).toEqual([{ countryCode: "UZ", percentage: "60" }, { countryCode: "KZ", percentage: "40" }]);
  });

  it("keeps sectors only with the shares the file gives, when they make 100", async () => {
    const a = readIatiActivity(donorXml().replace('<sector vocabulary="2"', '<sector vocabulary="1" code="12220" percentage="50"/><sector vocabulary="2"'));
    const p = await previewActivity(a);
    expect(p.programme.notes.map(english)).toContain("Sector percentages that do not add up to 100 are not kept, and neither are the sectors: add them on the programme with their shares.");
    expect(p.programme.sectors.filter((x) => x.imported)).toEqual([]);
    expect((await programmeInput(a, "X", [])).sectors).toEqual([]);
  });

  it("matches an organisation by its IATI identifier", async () => {
    const org = await createOrganisation(prisma, { shortName: `Donor-${token}` });
    await prisma.organisation.update({ where: { id: org.id }, data: { iatiRef: `xm-dac-3-${token}` } });
    const p = await previewActivity(readIatiActivity(fixture("three-activities.xml")));
    expect(p.organisations[0].match?.id).toBe(org.id);
  });
});

describe("creating a programme", () => {
  const input = (overrides: Record<string, unknown> = {}) =>
    IatiImportCreateSchema.parse({ activityXml: donorXml(), code: `IATI-${token}`, organisations: [], ...overrides });

  it("is for administrators only", async () => {
    await expect(createProgrammeFromIati(staff, input())).rejects.toMatchObject({ code: "forbidden" });
  });

  it("writes nothing when a record fails: a taken code is refused next to the code", async () => {
    const taken = await createProgramme(prisma, { code: `TAKEN-${token}` });
    const before = await prisma.organisation.count();
    const error = await createProgrammeFromIati(admin, input({ code: taken.code })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details.field).toBe("code");
    expect(await prisma.organisation.count()).toBe(before);
  });

  it("creates the programme with organisations, funding lines naming the donor's activity, indicators, and audits each", async () => {
    const created = await createProgrammeFromIati(admin, input());
    const p = await prisma.programme.findUniqueOrThrow({
      where: { id: created.id },
      include: { organisations: { include: { organisation: true } }, countries: true, sectors: true, funding: { orderBy: { valueDate: "asc" } }, indicators: { include: { periods: true } } },
    });
    expect(p).toMatchObject({ code: `IATI-${token}`, title: "Strategic purchasing for universal health coverage", status: "IMPLEMENTATION", iatiIdentifier: null });
    expect(p.translations).toMatchObject({ ru: { title: "Стратегические закупки для всеобщего охвата услугами здравоохранения" }, ko: { title: "보편적 건강보장을 위한 전략적 구매" } });
    expect(p.sourceNote).toContain(identifier);
    expect(p.countries.map((c) => [c.countryCode, c.percentage?.toString()])).toEqual(expect.arrayContaining([["UZ", "60"], ["KZ", "40"]]));
    expect(p.sectors.map((s) => s.sectorCode)).toEqual(["12110"]);
    const donor = p.organisations.find((o) => o.role === "FUNDING")!.organisation;
    expect(donor).toMatchObject({ iatiRef: `XM-DAC-701-${token}`, fullName: `Donor Agency ${token}`, iatiTypeCode: "10" });
    expect(p.funding.map((f) => [f.kind, f.amount.toString(), f.providerActivityId])).toEqual([
      ["BUDGET", "400000", identifier],
      ["INCOMING_COMMITMENT", "750000", identifier],
      ["INCOMING_FUNDS", "250000", identifier],
      ["BUDGET", "350000", identifier],
    ]);
    expect(p.funding.find((f) => f.kind === "INCOMING_FUNDS")?.providerOrgId).toBe(donor.id);
    expect(p.indicators[0]).toMatchObject({ title: "Reviewers trained", baselineYear: 2024, resultType: "OUTPUT" });
    expect(p.indicators[0].periods[0].actualFemale?.toString()).toBe("21");
    const audits = await prisma.auditEvent.groupBy({ by: ["entityType"], where: { actorId: admin.actor.id, action: "create" }, _count: true });
    expect(Object.fromEntries(audits.map((a) => [a.entityType, a._count]))).toMatchObject({ Programme: 1, FundingLine: 4, Indicator: 1 });

    // Importing the same activity again is detected: it links, never duplicates.
    const again = await createProgrammeFromIati(admin, input({ code: `IATI2-${token}` })).catch((e: unknown) => e);
    expect(english((again as DomainError).message)).toMatch(/already, as programme/);
    const p2 = await previewActivity(readIatiActivity(donorXml()));
    expect(p2.existing.programmes.map((x) => x.code)).toEqual([`IATI-${token}`]);
  });
});

describe("linking to a funding line", () => {
  it("records the activity as the line's provider activity and, when asked, the provider's identifier", async () => {
    const programme = await createProgramme(prisma);
    const provider = await createOrganisation(prisma, { shortName: `Funder-${token}` });
    const line = await createFundingLine(prisma, { programmeId: programme.id, kind: "INCOMING_FUNDS", providerOrgId: provider.id, transactionDate: "2025-03-01" });
    const second = fixture("three-activities.xml").replace(/<iati-activity[\s\S]*?<\/iati-activity>\s*<iati-activity/, "<iati-activity");
    // Another organisation holds the publisher's identifier (the preview test gave it): refused, next to the checkbox.
    const taken = await linkIatiActivity(admin, IatiImportLinkSchema.parse({ activityXml: second, fundingLineId: line.id, setProviderRef: "on" })).catch((e: unknown) => e);
    expect((taken as DomainError).details.field).toBe("setProviderRef");
    expect((await prisma.fundingLine.findUniqueOrThrow({ where: { id: line.id } })).providerActivityId).toBeNull();
    const xml = second.replaceAll(`ref="XM-DAC-3-${token}"`, `ref="XM-DAC-3-${token}-LINK"`);
    const result = await linkIatiActivity(admin, IatiImportLinkSchema.parse({ activityXml: xml, fundingLineId: line.id, setProviderRef: "on" }));
    expect(result.changed).toBe(true);
    const after = await prisma.fundingLine.findUniqueOrThrow({ where: { id: line.id }, include: { provider: true } });
    expect(after.providerActivityId).toBe(`XM-DAC-3-${token}-B`);
    expect(after.provider?.iatiRef).toBe(`XM-DAC-3-${token}-LINK`);
    expect(after.version).toBe(line.version + 1);
    // Linking again changes nothing.
    expect((await linkIatiActivity(admin, IatiImportLinkSchema.parse({ activityXml: xml, fundingLineId: line.id }))).changed).toBe(false);
  });

  it("refuses an outgoing line, next to the line", async () => {
    const programme = await createProgramme(prisma);
    const line = await createFundingLine(prisma, { programmeId: programme.id, kind: "DISBURSEMENT" });
    const error = await linkIatiActivity(admin, IatiImportLinkSchema.parse({ activityXml: donorXml(), fundingLineId: line.id })).catch((e: unknown) => e);
    expect((error as DomainError).details.field).toBe("fundingLineId");
    expect((await prisma.fundingLine.findUniqueOrThrow({ where: { id: line.id } })).providerActivityId).toBeNull();
  });
});

describe("fetching from a URL", () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === "/activities.xml") {
        res.writeHead(200, { "content-type": "application/xml" });
        res.end(donorXml());
      } else if (req.url === "/moved") {
        res.writeHead(302, { location: "/activities.xml" });
        res.end();
      } else if (req.url === "/to-file") {
        res.writeHead(302, { location: "file:///etc/passwd" });
        res.end();
      } else if (req.url === "/huge") {
        res.writeHead(200, { "content-type": "application/xml" });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const more = () => {
          while (sent < 25 && res.write(chunk)) sent++;
          if (sent < 25) res.once("drain", more);
          else res.end();
        };
        more();
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const fetchRefusal = (url: string, allowPrivate = true) =>
    fetchIatiUrl(url, { allowPrivate }).then(
      () => "fetched",
      (e: unknown) => (e instanceof IatiFileError ? english(e.reason) : Promise.reject(e)),
    );

  it("reads a file served over http, following a redirect", async () => {
    const text = decodeIatiBytes(await fetchIatiUrl(`${base}/moved`, { allowPrivate: true }));
    expect(readIatiFile(text).activities[0].identifier).toBe(identifier);
  });

  it("refuses private addresses unless allowed, other schemes (also as a redirect), errors and a body over the limit", async () => {
    expect(await fetchRefusal(`${base}/activities.xml`, false)).toMatch(/private or local network/);
    expect(await fetchRefusal(`http://localhost:${new URL(base).port}/activities.xml`, false)).toMatch(/private or local network/);
    expect(await fetchRefusal("file:///etc/passwd")).toMatch(/Only http/);
    expect(await fetchRefusal(`${base}/to-file`)).toMatch(/Only http/);
    expect(await fetchRefusal(`${base}/missing`)).toMatch(/answered 404/);
    expect(await fetchRefusal(`${base}/huge`)).toMatch(/larger than 20 MB/);
    expect([isPrivateAddress("10.1.2.3"), isPrivateAddress("::ffff:192.168.1.1"), isPrivateAddress("fe80::1"), isPrivateAddress("8.8.8.8")]).toEqual([true, true, true, false]);
  });
});

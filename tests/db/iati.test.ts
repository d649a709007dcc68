import { ctxFor } from "~/models/ctx.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../prisma/seed/demo";
import { seedSynthetic } from "../../prisma/seed/synthetic";
import type { Scope } from "~/auth/scope.server";
import { buildIatiXml, iatiFilename, iatiXmlChunks, startIatiExport } from "~/reports/iati.server";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme, uid } from "../factories";
import { createActivityRecord, createDocumentRecord } from "../factories/document";
import { ensurePublisher, TEST_PUBLISHER } from "../factories/publisher";
import { createFundingLine, createIndicator } from "../factories/results";
import { expectValidIati } from "../support/iati-check";
import { iatiProblems } from "~/iati/check.server";

// The IATI export against the real database and the quality gate of
// app/iati/check.server.ts: the 2.03 schema, the IATI Validator ruleset and
// the codelist mapping. Every file the tests build must pass with 0 errors.

const ORIGIN = "https://concord.example.org";
const staff: Scope = { kind: "staff" };

// Issue 17: every file is the centre's publication; the publisher settings must exist.
beforeAll(async () => {
  await ensurePublisher(prisma);
});

const activities = (xml: string) => xml.match(/<iati-activity[\s>]/g)?.length ?? 0;
const identifiers = (xml: string) => [...xml.matchAll(/<iati-identifier>([^<]*)<\/iati-identifier>/g)].map((m) => m[1]);
/** The level-1 activities (programmes). */
const programmes = (xml: string) => xml.match(/<iati-activity [^>]*hierarchy="1"/g)?.length ?? 0;
/** The programme's own activity (level 1), the first of its chunk. */
const programmeBlock = (xml: string) => xml.split("<iati-activity ")[1].split("</iati-activity>")[0];

/** Every value of an attribute on an element, e.g. attrs(xml, "sector", "code"). */
function attrs(xml: string, element: string, attribute: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(new RegExp(`<${element}\\b([^>]*)>`, "g"))) {
    const a = m[1].match(new RegExp(`\\s${attribute}="([^"]*)"`));
    if (a) out.push(a[1]);
  }
  return out;
}

// ---------------------------------------------------------------------------

describe("IATI export of the demo portfolio", () => {
  let xml: string;
  beforeAll(async () => {
    await seedDemo(prisma, { users: [] });
    xml = await buildIatiXml(staff, { generatedAt: new Date("2026-01-15T10:00:00Z") });
  }, 120_000);

  it("has one level-1 activity per programme and validates against the 2.03 schema", async () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('<iati-activities version="2.03" generated-datetime="2026-01-15T10:00:00Z">');
    const codes = (await prisma.programme.findMany({ where: { archivedAt: null }, select: { code: true } })).map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(["BY-DRG", "BY-QOC", "HIRA-WHOCC", "KR-CA-HEALTH", "BUSAN-MEDAID"]));
    expect(programmes(xml)).toBe(codes.length);
    await expectValidIati(xml);
  }, 60_000);

  it("dates each programme, from its activities and agreements where the programme has no dates", () => {
    for (const block of xml.split("<iati-activity ").slice(1)) {
      expect(block).toMatch(/<activity-date type="[1-4]" iso-date="\d{4}-\d{2}-\d{2}"/);
    }
    expect(xml).not.toContain("date the programme was registered");
  });

  it("emits only codes that are active in the 2.03 codelists", async () => {
    const { codelists } = await expectValidIati(xml);
    expect(codelists.filter((f) => f.severity === "warning")).toEqual([]);
  });

  it("publishes the narratives of every language a record has, with xml:lang", () => {
    // The HIRA WHO CC programme has a Korean title beside its English one.
    expect(xml).toContain('<narrative xml:lang="ko">건강보험심사평가원 WHO 전략구매 협력센터</narrative>');
    expect(xml).toMatch(/<narrative xml:lang="ru">[А-Яа-яЁё]/);
  });

  it("publishes a programme of several countries without a recorded split as its region, inventing no share", () => {
    // KR-CA-HEALTH: Kazakhstan, Turkmenistan and Uzbekistan, no split in the
    // source; the demo records region 619 (Central Asia, regional).
    const block = xml.split("<iati-activity ").find((a) => a.includes("KR-CA-HEALTH</iati-identifier>"))!;
    expect(attrs(block, "recipient-country", "code")).toEqual([]);
    expect(block).toContain('<recipient-region code="619" vocabulary="1"/>');
    expect(xml).not.toMatch(/<recipient-(country|region) [^>]*percentage="(33\.3|11\.1)/);
    // The countries go out on the level-2 activities that happen in them.
    const children = xml.split("<iati-activity ").filter((a) => /KR-CA-HEALTH-AC-/.test(a.split("</iati-identifier>")[0]));
    expect(children.flatMap((c) => attrs(c, "recipient-country", "code"))).toEqual(expect.arrayContaining(["KZ", "UZ"]));
  });
});

describe("IATI export of synthetic programmes", () => {
  it("validates for two large generated programmes", async () => {
    await seedSynthetic(prisma, { programmes: 2 });
    const xml = await buildIatiXml(staff, {});
    expect(identifiers(xml).filter((id) => /-SYN-000[12]$/.test(id))).toHaveLength(2);
    await expectValidIati(xml);
  }, 180_000);
});

describe("IATI export of one programme", () => {
  let programme: { id: string; code: string };
  let fund: { id: string };
  let otherFund: { id: string };
  let sharedDoc: { id: string };
  let privateDoc: { id: string };

  beforeAll(async () => {
    fund = await prisma.organisation.update({
      where: { id: (await createOrganisation(prisma, { shortName: `KOICA-${uid()}` })).id },
      data: { iatiRef: `KR-GOV-${uid()}`, iatiTypeCode: "10", translations: { ko: { fullName: "한국국제협력단" } } },
    });
    otherFund = await createOrganisation(prisma, { shortName: `OTHER-${uid()}` });
    const implementer = await createOrganisation(prisma, { shortName: `MOH-${uid()}`, countryCode: "BY" });
    const p = await createProgramme(prisma, { countries: ["BY", "KZ"], funders: [fund.id], title: "Strengthening health insurance" });
    // Two countries need their shares (IATI rule 3.1.1).
    await prisma.programmeCountry.update({ where: { programmeId_countryCode: { programmeId: p.id, countryCode: "BY" } }, data: { percentage: "70" } });
    await prisma.programmeCountry.update({ where: { programmeId_countryCode: { programmeId: p.id, countryCode: "KZ" } }, data: { percentage: "30" } });
    programme = await prisma.programme.update({
      where: { id: p.id },
      data: {
        description: "Pilot of diagnosis-related groups & <case-mix> payment.",
        objectives: "Introduce DRG payment in ten hospitals.",
        lang: "en",
        translations: {
          ru: { title: "Укрепление медицинского страхования", description: "Пилотное внедрение КЗГ" },
          ko: { title: "건강보험 강화" },
        },
        budgetCurrency: "USD",
        sectors: { create: [{ sectorCode: "12110", percentage: "60" }, { sectorCode: "12220", percentage: "40" }] },
        organisations: { create: [{ organisationId: implementer.id, role: "IMPLEMENTING" }] },
      },
    });
    await createFundingLine(prisma, { programmeId: p.id, kind: "BUDGET", amount: "250000.00", valueDate: "2024-01-01" });
    await createFundingLine(prisma, { programmeId: p.id, kind: "COMMITMENT", amount: "500000", providerOrgId: fund.id, receiverOrgId: implementer.id });
    await createFundingLine(prisma, { programmeId: p.id, kind: "DISBURSEMENT", amount: "120000.50", providerOrgId: fund.id, description: "First tranche" });
    await createFundingLine(prisma, { programmeId: p.id, kind: "INCOMING_FUNDS", amount: "1" });
    await createFundingLine(prisma, { programmeId: p.id, kind: "INCOMING_COMMITMENT", amount: "2" });
    await createFundingLine(prisma, { programmeId: p.id, kind: "EXPENDITURE", amount: "3" });
    await createFundingLine(prisma, { programmeId: p.id, kind: "EXPENDITURE", amount: "999", archived: true });
    sharedDoc = await createDocumentRecord(prisma, { programmeId: p.id, shareable: true, categoryCode: "A09", title: "Signed MoU" });
    privateDoc = await createDocumentRecord(prisma, { programmeId: p.id, shareable: false, title: "Internal note" });
    await prisma.document.update({ where: { id: sharedDoc.id }, data: { isPublic: true } });
    await prisma.document.update({ where: { id: sharedDoc.id }, data: { documentDate: new Date("2024-02-01"), languageCode: "ru" } });
    await createIndicator(prisma, {
      programmeId: p.id,
      title: "Hospitals paying by DRG",
      resultType: "OUTCOME",
      measure: "UNIT",
      unitLabel: "hospitals",
      baselineValue: 0,
      baselineYear: 2023,
      periods: [{ start: "2024-01-01", end: "2024-12-31", target: 10, actual: 7 }],
    });
    await createIndicator(prisma, {
      programmeId: p.id,
      title: "Managers trained",
      resultType: "OUTPUT",
      measure: "UNIT",
      periods: [{ start: "2024-01-01", end: "2024-12-31", target: 40, actual: 42, targetFemale: 20, targetMale: 20, actualFemale: 25, actualMale: 17 }],
    });
    await createIndicator(prisma, { programmeId: p.id, title: "Archived indicator", archived: true });
    const visit = await createActivityRecord(prisma, p.id, { title: `Study visit ${uid()}` });
    await prisma.activity.update({
      where: { id: visit.id },
      data: { actualStart: new Date("2024-05-10"), participantsTotal: 30, participantsFemale: 18, participantsMale: 11, participantsOther: 1 },
    });
  });

  const exportOne = (scope: Scope) => buildIatiXml(scope, { code: programme.code });

  it("validates and carries the programme's organisations, money, documents and results", async () => {
    const all = await exportOne(staff);
    await expectValidIati(all);
    // The programme and its study visit (level 2).
    expect(activities(all)).toBe(2);
    const xml = programmeBlock(all);

    const fundRef = (await prisma.organisation.findUniqueOrThrow({ where: { id: fund.id } })).iatiRef!;
    // The centre reports, under its own identifier; the funder is a participant.
    expect(identifiers(all)[0]).toBe(`${TEST_PUBLISHER.orgRef}-${programme.code}`);
    expect(xml).toContain(`<reporting-org ref="${TEST_PUBLISHER.orgRef}" type="${TEST_PUBLISHER.orgType}">`);
    expect(xml).toContain(`<participating-org ref="${fundRef}" type="10" role="1">`);
    expect(attrs(xml, "participating-org", "role")).toEqual(["1", "4"]);
    expect(xml).toContain('<narrative xml:lang="ko">한국국제협력단</narrative>');

    // Text is escaped, never interpreted as markup.
    expect(xml).toContain("diagnosis-related groups &amp; &lt;case-mix&gt; payment.");
    expect(attrs(xml, "description", "type")).toEqual(["1", "2"]);

    expect(attrs(xml, "activity-date", "type")).toEqual(["1", "3"]);
    expect(attrs(xml, "recipient-country", "percentage")).toEqual(["70", "30"]);
    expect(attrs(xml, "sector", "code")).toEqual(["12110", "12220"]);
    expect(attrs(xml, "sector", "vocabulary")).toEqual(["1", "1"]);

    expect(xml).toMatch(/<budget type="1" status="1">\s*<period-start iso-date="2024-01-01"\/>\s*<period-end iso-date="2024-12-31"\/>\s*<value currency="USD" value-date="2024-01-01">250000<\/value>/);
    expect(attrs(xml, "transaction-type", "code").sort()).toEqual(["1", "11", "2", "3", "4"]);
    expect(xml).not.toContain(">999<");
    expect(xml).toContain('<value currency="USD" value-date="2024-03-15">120000.5</value>');

    expect(attrs(xml, "document-link", "url")).toEqual([`${ORIGIN}/public/documents/${sharedDoc.id}`]);
    expect(xml).not.toContain(privateDoc.id);
    expect(xml).toMatch(/<document-link url="[^"]+" format="application\/pdf">\s*<title>\s*<narrative xml:lang="ru">Signed MoU<\/narrative>\s*<\/title>\s*<category code="A09"\/>\s*<language code="ru"\/>\s*<document-date iso-date="2024-02-01"\/>/);

    expect(attrs(xml, "result", "type")).toEqual(["2", "1"]);
    expect(xml).toContain('<baseline year="2023" value="0"/>');
    expect(xml).toContain('<target value="20">');
    expect(xml).toMatch(/<actual value="25">\s*<dimension name="sex" value="female"\/>\s*<\/actual>\s*<actual value="17">\s*<dimension name="sex" value="male"\/>/);
    expect(xml).not.toContain("Archived indicator");

    // Participants, on the activity's own record, by sex.
    const participants = all.slice(all.lastIndexOf("<result "));
    expect(participants).toContain("Participants");
    expect(participants).toContain('<period-start iso-date="2024-05-10"/>');
    expect(participants).toMatch(/<actual value="30"\/>\s*<actual value="18">\s*<dimension name="sex" value="female"\/>\s*<\/actual>\s*<actual value="11">/);
  });

  it("writes title and description narratives in every language of the programme", async () => {
    const xml = await exportOne(staff);
    const title = xml.match(/<title>([\s\S]*?)<\/title>/)![1];
    expect(title).toContain('<narrative xml:lang="en">Strengthening health insurance</narrative>');
    expect(title).toContain('<narrative xml:lang="ru">Укрепление медицинского страхования</narrative>');
    expect(title).toContain('<narrative xml:lang="ko">건강보험 강화</narrative>');
    const description = xml.match(/<description type="1">([\s\S]*?)<\/description>/)![1];
    expect(description).toContain('<narrative xml:lang="ru">Пилотное внедрение КЗГ</narrative>');
    expect(description).not.toContain('xml:lang="ko"');
  });

  it("writes a document's title and description in every language it has, with xml:lang", async () => {
    const doc = await createDocumentRecord(prisma, { programmeId: programme.id, shareable: true, categoryCode: "A07", title: "Mid-term review" });
    // The file is Russian, and the document also has a Russian title: the own title is in its `lang` (English).
    const both = await createDocumentRecord(prisma, { programmeId: programme.id, shareable: true, categoryCode: "A07", title: "Final review" });
    await prisma.document.updateMany({ where: { id: { in: [doc.id, both.id] } }, data: { isPublic: true } });
    try {
      await prisma.document.update({
        where: { id: doc.id },
        data: { description: "Findings & next steps", translations: { ru: { title: "Среднесрочный обзор", description: "Выводы" }, ko: { title: "중간 검토" } } },
      });
      await prisma.document.update({ where: { id: both.id }, data: { languageCode: "ru", translations: { ru: { title: "Итоговый обзор" } } } });
      const xml = await exportOne(staff);
      await expectValidIati(xml);
      const link = (id: string) => xml.match(new RegExp(`<document-link url="[^"]*${id}"[^>]*>([\\s\\S]*?)</document-link>`))![1];
      expect(link(doc.id)).toMatch(
        /<title>\s*<narrative xml:lang="en">Mid-term review<\/narrative>\s*<narrative xml:lang="ko">중간 검토<\/narrative>\s*<narrative xml:lang="ru">Среднесрочный обзор<\/narrative>\s*<\/title>/,
      );
      expect(link(doc.id)).toMatch(
        /<description>\s*<narrative xml:lang="en">Findings &amp; next steps<\/narrative>\s*<narrative xml:lang="ru">Выводы<\/narrative>\s*<\/description>/,
      );
      expect(link(both.id)).toMatch(/<title>\s*<narrative xml:lang="en">Final review<\/narrative>\s*<narrative xml:lang="ru">Итоговый обзор<\/narrative>\s*<\/title>/);
      expect(link(both.id)).toContain('<language code="ru"/>');
    } finally {
      await prisma.document.deleteMany({ where: { id: { in: [doc.id, both.id] } } });
    }
  });

  it("gives a donor of another fund no activity, and a donor of this fund this one", async () => {
    const other = await buildIatiXml({ kind: "donor", organisationIds: [otherFund.id] }, {});
    expect(activities(other)).toBe(0);
    expect(await buildIatiXml({ kind: "donor", organisationIds: [otherFund.id] }, { code: programme.code })).not.toContain(
      "<iati-activity",
    );
    const own = await buildIatiXml({ kind: "donor", organisationIds: [fund.id] }, {});
    await expectValidIati(other, "activities", { knownWriterErrors: ["XSD"] });
    await expectValidIati(own);
    expect(programmes(own)).toBe(1);
    expect(own).toContain(programme.code);
  });

  it("refuses a programme outside the scope and audits an export in scope", async () => {
    const actor = { id: "nobody", email: "iati-test@test.concord" };
    await expect(startIatiExport(ctxFor(actor, { kind: "partner", countries: ["UZ"] }), { code: programme.code })).resolves.toBeNull();
    await expect(startIatiExport(ctxFor(actor, { kind: "partner", countries: ["BY"] }), { code: "NO-SUCH" })).resolves.toBeNull();

    const partner: Scope = { kind: "partner", countries: ["KZ"] };
    const partnerUser = await prisma.user.create({ data: { email: `p-${uid()}@test.concord`, name: "P", role: "PARTNER" } });
    const started = await startIatiExport(ctxFor({ id: partnerUser.id, email: actor.email }, partner, { ip: "127.0.0.1" }), {
      code: programme.code,
    });
    expect(started).not.toBeNull();
    expect(started!.filename).toBe(iatiFilename(programme.code));
    let xml = "";
    for await (const chunk of started!.chunks) xml += chunk;
    expect(programmes(xml)).toBe(1);
    expect(xml).not.toContain(privateDoc.id);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "export", entityId: programme.id }, orderBy: { at: "desc" } });
    expect(event.metadata).toEqual({ format: "iati-xml", programme: programme.code });
    expect(event.entityType).toBe("Programme");
  });
});

describe("streaming", () => {
  it("hands over each activity as soon as it is written, batch by batch", async () => {
    // More programmes than one batch (16), so the cursor moves on at least once.
    const made = [];
    for (let i = 0; i < 18; i++) made.push(await createProgramme(prisma, { countries: ["KZ"], code: `STREAM-${String(i).padStart(3, "0")}-${uid()}` }));
    const chunks: string[] = [];
    for await (const chunk of iatiXmlChunks(staff, {})) chunks.push(chunk);
    // The header, then the programmes, then the closing tag.
    const body = chunks.slice(1, -1);
    expect(chunks.at(-1)).toMatch(/<\/iati-activities>\s*$/);
    // One chunk per programme: its level-1 activity and its level-2 ones.
    expect(body.every((c) => programmes(c) === 1)).toBe(true);
    const ids = identifiers(chunks.join(""));
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of made) expect(ids).toContain(`${TEST_PUBLISHER.orgRef}-${p.code}`);
    expect(await prisma.programme.count({ where: { archivedAt: null } })).toBe(programmes(chunks.join("")));
  }, 60_000);
});

describe("IATI helpers", () => {
  it("names the file after the programme or the portfolio and the day", () => {
    const day = new Date("2026-03-04T12:00:00Z");
    expect(iatiFilename("BY-DRG", day)).toBe("concord-iati-BY-DRG-2026-03-04.xml");
    expect(iatiFilename(null, day)).toBe("concord-iati-portfolio-2026-03-04.xml");
  });
});

describe("the schema check itself", () => {
  it("rejects a file whose elements are out of the schema's order", async () => {
    const { id, code } = await createProgramme(prisma, { countries: ["BY"] });
    await prisma.programme.update({ where: { id }, data: { sectors: { create: [{ sectorCode: "12110", percentage: "100" }] } } });
    const xml = await buildIatiXml(staff, { code });
    await expectValidIati(xml);
    // activity-status moved in front of the identifier: valid XML, invalid IATI.
    const moved = xml.replace(/<activity-status code="2"\/>/, "").replace(/(<iati-activity [^>]*>)/, '$1<activity-status code="2"/>');
    const { xsd } = await iatiProblems(moved, "activities");
    expect(xsd.length).toBeGreaterThan(0);
    expect(xsd.join("\n")).toMatch(/activity-status/);
  });
});

// What the writer must not do, each once a finding of the quality gate on the
// writer before issue 17: a programme without a sector cannot be published
// (the readiness page shows it; nothing is invented), and a document's
// FileFormat is its media type without parameters.
describe("the quality gate on the writer's edge cases", () => {
  it("6.2.2: a programme without any sector is an error the readiness check shows, not something the writer invents", async () => {
    const { code } = await createProgramme(prisma, { countries: ["BY"] });
    const { rules } = await iatiProblems(await buildIatiXml(staff, { code }), "activities");
    expect(rules.filter((r) => r.severity === "error").map((r) => r.id)).toContain("6.2.2");
  });

  it("codelist:FileFormat: a text document goes out as text/plain, not its upload's content type with a charset", async () => {
    const { id, code } = await createProgramme(prisma, { countries: ["BY"] });
    await prisma.programme.update({ where: { id }, data: { sectors: { create: [{ sectorCode: "12110", percentage: "100" }] } } });
    const doc = await createDocumentRecord(prisma, { programmeId: id, shareable: true, categoryCode: "A01", mimeType: "text/plain; charset=utf-8" });
    await prisma.document.update({ where: { id: doc.id }, data: { isPublic: true } });
    const xml = await buildIatiXml(staff, { code });
    expect(attrs(xml, "document-link", "format")).toEqual(["text/plain"]);
    await expectValidIati(xml);
  });

  it.fails("XSD: an export without any programme is an <iati-activities> without an <iati-activity>", async () => {
    const nobody = await createOrganisation(prisma, { shortName: `NOBODY-${uid()}` });
    await expectValidIati(await buildIatiXml({ kind: "donor", organisationIds: [nobody.id] }, {}));
  });
});

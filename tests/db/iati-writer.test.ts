import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { serverTranslator } from "~/i18n/catalogues.server";
import { ctxFor } from "~/models/ctx.server";
import { buildIatiXml, iatiFileFormat, longBudgetLines, startIatiExport, type IatiActivityInfo } from "~/reports/iati.server";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors.server";
import { createOrganisation, createProgramme, uid } from "../factories";
import {
  createActivityRecord,
  createAgreementRecord,
  createDeliverableRecord,
  createDocumentRecord,
  createOutcomeRecord,
} from "../factories/document";
import { ensurePublisher, TEST_PUBLISHER } from "../factories/publisher";
import { createFundingLine, createIndicator } from "../factories/results";
import { expectValidIati } from "../support/iati-check";

/** A programme with the one thing IATI requires that the factory leaves out: a sector (rule 6.2.2). */
async function withSector<T extends { id: string }>(created: Promise<T>): Promise<T> {
  const p = await created;
  await prisma.programmeSector.create({ data: { programmeId: p.id, sectorCode: "12110", percentage: "100" } });
  return p;
}


// The IATI writer of issue 17 (app/reports/iati.server.ts, ADR 0032), point
// by point on small data: the publisher as reporting-org, the hierarchy,
// last-updated-datetime from the content hash, money, results, geography,
// documents and the public selection. Every file built here is schema-valid.

const staff: Scope = { kind: "staff" };
const NOW = new Date("2026-06-01T12:00:00Z");
const REF = TEST_PUBLISHER.orgRef;

/** The <iati-activity> whose identifier is this one. */
function activity(xml: string, identifier: string): string {
  const found = xml.split("<iati-activity ").find((b) => b.includes(`<iati-identifier>${identifier}</iati-identifier>`));
  if (!found) throw new Error(`no activity ${identifier} in\n${xml.slice(0, 3000)}`);
  return found.split("</iati-activity>")[0];
}
const count = (xml: string, re: RegExp) => xml.match(re)?.length ?? 0;
const attrs = (xml: string, element: string, attribute: string) =>
  [...xml.matchAll(new RegExp(`<${element}\\b[^>]*\\s${attribute}="([^"]*)"`, "g"))].map((m) => m[1]);

beforeAll(async () => {
  await ensurePublisher(prisma);
});

describe("the publisher (point 1)", () => {
  it("names the centre as reporting-org in every activity, in each of its languages, and mints identifiers under it", async () => {
    const fund = await createOrganisation(prisma, { shortName: `FUND-${uid()}` });
    await prisma.organisation.update({ where: { id: fund.id }, data: { iatiRef: "XM-DAC-701" } });
    const p = await withSector(createProgramme(prisma, { countries: ["BY"], funders: [fund.id] }));
    const visit = await createActivityRecord(prisma, p.id, { plannedStart: "2026-09-01" });
    const xml = await buildIatiXml(staff, { code: p.code, now: NOW });
    await expectValidIati(xml);
    expect(count(xml, /<iati-activity /g)).toBe(2);
    expect(count(xml, new RegExp(`<reporting-org ref="${REF}" type="${TEST_PUBLISHER.orgType}">`, "g"))).toBe(2);
    expect(xml).not.toContain('<reporting-org ref="XM-DAC-701"');
    expect(xml).not.toContain("XX-CONCORD");
    const reporting = xml.match(/<reporting-org [^>]*>([\s\S]*?)<\/reporting-org>/)![1];
    expect(reporting).toContain(`<narrative xml:lang="en">${TEST_PUBLISHER.name}</narrative>`);
    expect(reporting).toContain(`<narrative xml:lang="ru">${TEST_PUBLISHER.translations.ru.name}</narrative>`);
    expect(reporting).toContain(`<narrative xml:lang="ko">${TEST_PUBLISHER.translations.ko.name}</narrative>`);
    activity(xml, `${REF}-${p.code}`);
    activity(xml, `${REF}-${p.code}-AC-${visit.id}`);
  });

  it("keeps identifiers once published: the programme's stored one, and a child's from IatiPublishedActivity", async () => {
    const p = await withSector(createProgramme(prisma, { countries: ["BY"] }));
    const stored = `XM-OLD-${uid()}`;
    await prisma.programme.update({ where: { id: p.id }, data: { iatiIdentifier: stored } });
    const a = await createAgreementRecord(prisma, p.id);
    const b = await createAgreementRecord(prisma, p.id);
    const kept = `${REF}-KEPT-${uid()}`;
    await prisma.iatiPublishedActivity.create({ data: { recordType: "AGREEMENT", recordId: a.id, programmeId: p.id, iatiIdentifier: kept } });
    const xml = await buildIatiXml(staff, { code: p.code, now: NOW });
    activity(xml, stored);
    activity(xml, kept);
    activity(xml, `${stored}-AG-${b.id}`);
    expect(activity(xml, stored)).toContain(`<related-activity ref="${kept}" type="2"/>`);
  });

  it("refuses to write a file without publisher settings, with a message asking for an administrator", async () => {
    const p = await withSector(createProgramme(prisma, { countries: ["BY"] }));
    await prisma.publisherSettings.deleteMany({});
    try {
      const refusal = await buildIatiXml(staff, { code: p.code }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(DomainError);
      expect((refusal as DomainError).code).toBe("invalid");
      // In the reader's language, wherever it is shown.
      const text = (locale: "en" | "ru" | "ko") => serverTranslator(locale).text((refusal as DomainError).message);
      expect(text("en")).toContain("Ask an administrator to enter them.");
      expect(text("ru")).toContain("Попросите администратора");
      expect(text("ko")).toContain("관리자에게");
      // The download refuses before it starts streaming, so the route can answer with a page.
      await expect(startIatiExport(ctxFor({ id: "nobody", email: "x@test.concord" }), { code: p.code })).rejects.toBeInstanceOf(DomainError);
    } finally {
      await ensurePublisher(prisma);
    }
  });
});

describe("the hierarchy (point 3)", () => {
  let xml: string;
  let ids: Record<string, string>;
  let programmeId: string;

  beforeAll(async () => {
    const party = await createOrganisation(prisma, { shortName: `MOH-${uid()}`, countryCode: "KZ" });
    const p = await withSector(createProgramme(prisma, { countries: ["KZ"] }));
    programmeId = p.id;
    const mou = await createAgreementRecord(prisma, p.id, { title: "Memorandum", status: "ACTIVE", expiresOn: "2026-12-31" });
    await prisma.agreement.update({ where: { id: mou.id }, data: { signedOn: new Date("2024-02-01"), effectiveOn: new Date("2024-03-01") } });
    await prisma.agreementParty.createMany({
      data: [
        { agreementId: mou.id, organisationId: party.id, role: "COUNTERPART" },
        { agreementId: mou.id, organisationId: party.id, role: "WITNESS" },
      ],
    });
    const amendment = await createAgreementRecord(prisma, p.id, { title: "Extension to 2028", type: "AMENDMENT", parentId: mou.id, expiresOn: "2028-12-31" });
    const archived = await createAgreementRecord(prisma, p.id, { archived: true });
    const workshop = await createActivityRecord(prisma, p.id, { title: "Workshop", kind: "WORKSHOP", actualStart: "2025-04-02", actualEnd: "2025-04-03" });
    await prisma.activity.update({
      where: { id: workshop.id },
      data: { status: "COMPLETED", countryCode: "KZ", city: "Astana", latitude: "51.169392", longitude: "71.449074", participantsTotal: 25, participantsFemale: 15, participantsMale: 10 },
    });
    await prisma.activityAgreement.create({ data: { activityId: workshop.id, agreementId: mou.id } });
    const cancelled = await createActivityRecord(prisma, p.id, { title: "Cancelled visit" });
    await prisma.activity.update({ where: { id: cancelled.id }, data: { status: "CANCELLED" } });
    const planned = await createActivityRecord(prisma, p.id, { title: "Planned course", kind: "TRAINING_COURSE", plannedStart: "2026-10-01" });
    await prisma.activity.update({ where: { id: planned.id }, data: { participantsTotal: 40 } });

    const onWorkshop = await createDeliverableRecord(prisma, p.id, { title: "Workshop report" });
    await prisma.deliverable.update({ where: { id: onWorkshop.id }, data: { activityId: workshop.id } });
    const onAmendment = await createDeliverableRecord(prisma, p.id, { title: "Extension work plan", agreementId: amendment.id });
    const onProgramme = await createDeliverableRecord(prisma, p.id, { title: "Programme review" });
    const onCancelled = await createDeliverableRecord(prisma, p.id, { title: "Visit note", agreementId: mou.id });
    await prisma.deliverable.update({ where: { id: onCancelled.id }, data: { activityId: cancelled.id } });
    const outcome = await createOutcomeRecord(prisma, workshop.id, { text: "Draft the tariff method by June" });
    const indicator = await createIndicator(prisma, { programmeId: p.id, agreementId: mou.id, title: "Hospitals on the new tariff" });
    const programmeIndicator = await createIndicator(prisma, { programmeId: p.id, title: "Coverage" });

    const amendmentDoc = await createDocumentRecord(prisma, { programmeId: p.id, agreementId: amendment.id, title: "Signed extension" });
    const workshopDoc = await createDocumentRecord(prisma, { programmeId: p.id, activityId: workshop.id, title: "Workshop agenda" });
    const outcomeDoc = await createDocumentRecord(prisma, { programmeId: p.id, outcomeId: outcome.id, title: "Minutes" });
    await prisma.document.updateMany({ where: { id: { in: [amendmentDoc.id, workshopDoc.id, outcomeDoc.id] } }, data: { isPublic: true } });

    ids = {
      programme: `${REF}-${p.code}`,
      mou: `${REF}-${p.code}-AG-${mou.id}`,
      amendment: amendment.id,
      archived: archived.id,
      workshop: `${REF}-${p.code}-AC-${workshop.id}`,
      planned: `${REF}-${p.code}-AC-${planned.id}`,
      cancelled: cancelled.id,
      onWorkshop: onWorkshop.id,
      onAmendment: onAmendment.id,
      onProgramme: onProgramme.id,
      onCancelled: onCancelled.id,
      outcome: outcome.id,
      indicator: indicator.id,
      programmeIndicator: programmeIndicator.id,
      amendmentDoc: amendmentDoc.id,
      workshopDoc: workshopDoc.id,
      outcomeDoc: outcomeDoc.id,
    };
    xml = await buildIatiXml(staff, { code: p.code, now: NOW });
  });

  it("makes the programme level 1 and each live agreement and non-cancelled activity level 2, linked both ways", async () => {
    await expectValidIati(xml);
    expect(count(xml, /<iati-activity /g)).toBe(4);
    expect(activity(xml, ids.programme)).toMatch(/hierarchy="1"/);
    for (const child of [ids.mou, ids.workshop, ids.planned]) {
      expect(activity(xml, child)).toMatch(/hierarchy="2"/);
      expect(activity(xml, child)).toContain(`<related-activity ref="${ids.programme}" type="1"/>`);
      expect(activity(xml, ids.programme)).toContain(`<related-activity ref="${child}" type="2"/>`);
    }
    expect(xml).not.toContain(`-AG-${ids.amendment}<`);
    expect(xml).not.toContain(ids.archived);
    expect(xml).not.toContain("Cancelled visit");
  });

  it("folds an amendment into its agreement: its description, expiry and documents", () => {
    const mou = activity(xml, ids.mou);
    expect(mou).toContain("Amendment: Extension to 2028");
    expect(mou).toContain('<activity-date type="3" iso-date="2028-12-31"/>');
    expect(mou).toContain('<activity-date type="2" iso-date="2024-03-01"/>');
    expect(mou).toContain('<activity-status code="2"/>');
    expect(mou).toContain(`/public/documents/${ids.amendmentDoc}"`);
    // Parties in their IATI roles; a witness is not a participant.
    expect(attrs(mou, "participating-org", "role")).toEqual(["4"]);
  });

  it("puts deliverables, indicators and outcomes on the record they belong to", () => {
    const mou = activity(xml, ids.mou);
    const workshop = activity(xml, ids.workshop);
    const programme = activity(xml, ids.programme);
    expect(workshop).toContain(`code="DEL-${ids.onWorkshop}"`);
    expect(workshop).toContain(`code="OUT-${ids.outcome}"`);
    expect(workshop).toContain(`/public/documents/${ids.workshopDoc}"`);
    expect(workshop).toContain(`/public/documents/${ids.outcomeDoc}"`);
    expect(mou).toContain(`code="DEL-${ids.onAmendment}"`);
    expect(mou).toContain(`code="IND-${ids.indicator}"`);
    // The cancelled activity is not published: its deliverable goes to the agreement it also belongs to.
    expect(mou).toContain(`code="DEL-${ids.onCancelled}"`);
    expect(programme).toContain(`code="DEL-${ids.onProgramme}"`);
    expect(programme).toContain(`code="IND-${ids.programmeIndicator}"`);
    // Each appears exactly once in the file.
    for (const code of [ids.onWorkshop, ids.onAmendment, ids.onProgramme, ids.onCancelled, ids.indicator, ids.programmeIndicator, ids.outcome]) {
      expect(count(xml, new RegExp(`code="(DEL|IND|OUT)-${code}"`, "g"))).toBe(1);
    }
  });

  it("gives an activity its kind, place, point and participants, and counts participants only where the activity took place", () => {
    const workshop = activity(xml, ids.workshop);
    expect(workshop).toContain('<narrative xml:lang="en">Workshop</narrative>');
    expect(workshop).toMatch(/<recipient-country code="KZ"\/>/);
    expect(workshop).toMatch(/<location>\s*<location-reach code="1"\/>\s*<name>\s*<narrative xml:lang="en">Astana, [^<]+<\/narrative>/);
    expect(workshop).toContain("<pos>51.169392 71.449074</pos>");
    expect(workshop).toMatch(/<actual value="25"\/>\s*<actual value="15">\s*<dimension name="sex" value="female"\/>\s*<\/actual>\s*<actual value="10">\s*<dimension name="sex" value="male"\/>/);
    // Not yet held: no participants anywhere, and none summed on the programme.
    expect(activity(xml, ids.planned)).not.toContain("Participants");
    expect(activity(xml, ids.programme)).not.toContain("Participants");
    // Its own country when recorded, else the programme's.
    expect(activity(xml, ids.planned)).toMatch(/<recipient-country code="KZ"\/>/);
  });

  it("reports the programme's live children from the database, each once", async () => {
    const agreements = await prisma.agreement.count({ where: { programmeId, archivedAt: null, parentId: null } });
    const activities = await prisma.activity.count({ where: { programmeId, archivedAt: null, status: { not: "CANCELLED" } } });
    expect(count(xml, /hierarchy="2"/g)).toBe(agreements + activities);
  });
});

describe("last-updated-datetime (point 4)", () => {
  let code: string;
  let programmeId: string;
  beforeAll(async () => {
    const p = await withSector(createProgramme(prisma, { countries: ["BY"] }));
    code = p.code;
    programmeId = p.id;
  });
  afterAll(async () => {
    await prisma.iatiPublishedActivity.deleteMany({ where: { programmeId } });
  });

  it("hands each activity's identifier and content hash to onActivity and writes the date it returns", async () => {
    const infos: IatiActivityInfo[] = [];
    const when = new Date("2026-02-03T04:05:06Z");
    const xml = await buildIatiXml(staff, { code, now: NOW, onActivity: async (info) => (infos.push(info), when) });
    expect(infos).toHaveLength(1);
    expect(infos[0]).toMatchObject({ recordType: "PROGRAMME", recordId: programmeId, programmeId, iatiIdentifier: `${REF}-${code}` });
    expect(xml).toContain('last-updated-datetime="2026-02-03T04:05:06Z"');
    // The hash is of the activity as written, without its last-updated-datetime.
    const written = xml.slice(xml.indexOf("  <iati-activity "), xml.indexOf("</iati-activity>") + "</iati-activity>".length);
    const withoutDate = written.replace(' last-updated-datetime="2026-02-03T04:05:06Z"', "");
    expect(infos[0].contentHash).toBe(createHash("sha256").update(withoutDate).digest("hex"));
  });

  it("keeps the stored date while the content is unchanged, and takes the newest change once it changes", async () => {
    let hash = "";
    await buildIatiXml(staff, { code, now: NOW, onActivity: async (info) => ((hash = info.contentHash), NOW) });
    const stored = new Date("2025-01-01T00:00:00Z");
    await prisma.iatiPublishedActivity.create({
      data: { recordType: "PROGRAMME", recordId: programmeId, programmeId, iatiIdentifier: `${REF}-${code}`, contentHash: hash, lastUpdatedAt: stored },
    });
    expect(await buildIatiXml(staff, { code, now: NOW })).toContain('last-updated-datetime="2025-01-01T00:00:00Z"');

    await prisma.programme.update({ where: { id: programmeId }, data: { description: "Changed" } });
    const changed = await buildIatiXml(staff, { code, now: NOW });
    const updatedAt = (await prisma.programme.findUniqueOrThrow({ where: { id: programmeId } })).updatedAt;
    const expected = updatedAt.getTime() > NOW.getTime() ? NOW : updatedAt;
    expect(changed).toContain(`last-updated-datetime="${expected.toISOString().slice(0, 19)}Z"`);
  });
});

describe("money (point 5)", () => {
  it("publishes the programme's defaults, traceability, annual budgets only and planned disbursements", async () => {
    const funder = await createOrganisation(prisma, { shortName: `DONOR-${uid()}` });
    const receiver = await createOrganisation(prisma, { shortName: `RECV-${uid()}` });
    const p = await withSector(createProgramme(prisma, { countries: ["UZ"] }));
    await prisma.programme.update({ where: { id: p.id }, data: { iatiAidType: "E01", iatiFlowType: "10", iatiFinanceType: "110", iatiTiedStatus: "NOPE", iatiCollaborationType: "1" } });
    const incoming = await createFundingLine(prisma, { programmeId: p.id, kind: "INCOMING_FUNDS", providerOrgId: funder.id, amount: 500 });
    await prisma.fundingLine.update({ where: { id: incoming.id }, data: { providerActivityId: "XM-DAC-701-1-12345" } });
    const out = await createFundingLine(prisma, { programmeId: p.id, kind: "DISBURSEMENT", receiverOrgId: receiver.id, amount: 200 });
    await prisma.fundingLine.update({ where: { id: out.id }, data: { receiverActivityId: "UZ-GOV-77-A1" } });
    await createFundingLine(prisma, { programmeId: p.id, kind: "BUDGET", amount: 1000, valueDate: "2025-01-01" });
    const long = await createFundingLine(prisma, { programmeId: p.id, kind: "BUDGET", amount: 77777, valueDate: "2025-01-01", periodEnd: "2027-12-31" });
    await createFundingLine(prisma, { programmeId: p.id, kind: "PLANNED_DISBURSEMENT", amount: 333, valueDate: "2026-07-01", periodStart: "2026-07-01", periodEnd: "2026-09-30" });
    await createFundingLine(prisma, { programmeId: p.id, kind: "DISBURSEMENT", amount: 4444, valueDate: "2027-01-01" });

    const xml = await buildIatiXml(staff, { code: p.code, now: NOW });
    await expectValidIati(xml);
    // No programme budget currency: the publisher's default.
    expect(xml).toMatch(new RegExp(`<iati-activity [^>]*default-currency="${TEST_PUBLISHER.defaultCurrency}"`));
    expect(xml).toMatch(/<collaboration-type code="1"\/>\s*<default-flow-type code="10"\/>\s*<default-finance-type code="110"\/>\s*<default-aid-type code="E01" vocabulary="1"\/>/);
    // A code outside its codelist is left out, not published.
    expect(xml).not.toContain("default-tied-status");
    expect(xml).toMatch(/<provider-org provider-activity-id="XM-DAC-701-1-12345" type="[^"]+">/);
    expect(xml).toMatch(/<receiver-org receiver-activity-id="UZ-GOV-77-A1" type="[^"]+">/);
    expect(count(xml, /<budget /g)).toBe(1);
    expect(xml).not.toContain(">77777<");
    expect(xml).toMatch(/<planned-disbursement type="1">\s*<period-start iso-date="2026-07-01"\/>\s*<period-end iso-date="2026-09-30"\/>\s*<value currency="USD" value-date="2026-07-01">333<\/value>/);
    // A transaction dated in the future has not happened.
    expect(xml).not.toContain(">4444<");
    // The long budget is reported, not dropped silently.
    expect((await longBudgetLines([p.id])).map((l) => l.id)).toEqual([long.id]);
  });
});

describe("results (point 6)", () => {
  it("publishes baselines with their year, no actual for a period not started, and sex as female/male", async () => {
    const p = await withSector(createProgramme(prisma, { countries: ["BY"] }));
    await createIndicator(prisma, {
      programmeId: p.id,
      title: "Trained",
      baselineValue: 3,
      baselineYear: 2023,
      periods: [
        { start: "2025-01-01", end: "2025-12-31", target: 10, actual: 8, actualFemale: 5, actualMale: 3 },
        { start: "2027-01-01", end: "2027-12-31", target: 20, actual: 20, actualFemale: 10, actualMale: 10 },
      ],
    });
    const xml = await buildIatiXml(staff, { code: p.code, now: NOW });
    await expectValidIati(xml);
    expect(xml).toContain('<baseline year="2023" value="3"/>');
    const periods = xml.split("<period>").slice(1);
    expect(periods[0]).toContain('<actual value="8"/>');
    expect(periods[0]).toMatch(/<actual value="5">\s*<dimension name="sex" value="female"\/>/);
    expect(periods[1]).toContain('<target value="20"/>');
    expect(periods[1]).not.toContain("<actual");
    expect(xml).not.toMatch(/<dimension name="sex" value="[12]"/);
  });
});

describe("geography (point 7)", () => {
  it("publishes recorded country shares as they are and invents none", async () => {
    const p = await withSector(createProgramme(prisma, { countries: ["BY", "KZ", "UZ"] }));
    await prisma.programmeCountry.updateMany({ where: { programmeId: p.id, countryCode: "BY" }, data: { percentage: "50" } });
    const xml = await buildIatiXml(staff, { code: p.code, now: NOW });
    expect(attrs(xml, "recipient-country", "code")).toEqual(["BY", "KZ", "UZ"]);
    expect(attrs(xml, "recipient-country", "percentage")).toEqual(["50"]);
  });
});

describe("documents", () => {
  it("links only public documents, at the publisher's public URL, with a FileFormat code", async () => {
    const p = await withSector(createProgramme(prisma, { countries: ["BY"] }));
    const text = await createDocumentRecord(prisma, { programmeId: p.id, mimeType: "text/plain; charset=utf-8", title: "Notes", shareable: true });
    const shared = await createDocumentRecord(prisma, { programmeId: p.id, title: "Shared, not public", shareable: true });
    await prisma.document.update({ where: { id: text.id }, data: { isPublic: true } });
    const xml = await buildIatiXml(staff, { code: p.code, now: NOW });
    await expectValidIati(xml);
    expect(xml).toContain(`<document-link url="${TEST_PUBLISHER.publicBaseUrl}/public/documents/${text.id}" format="text/plain">`);
    expect(xml).not.toContain(shared.id);
    expect(iatiFileFormat("application/x-unknown")).toBe("application/octet-stream");
    expect(iatiFileFormat("Application/PDF")).toBe("application/pdf");
  });
});

describe("the public selection", () => {
  it("holds the programmes marked for publication that are not archived, whoever would see others", async () => {
    const published = await withSector(createProgramme(prisma, { countries: ["BY"], title: `Published ${uid()}` }));
    const unpublished = await withSector(createProgramme(prisma, { countries: ["BY"], title: `Unpublished ${uid()}` }));
    const archived = await withSector(createProgramme(prisma, { countries: ["BY"], title: `Archived ${uid()}` }));
    await prisma.programme.updateMany({ where: { id: { in: [published.id, archived.id] } }, data: { iatiPublished: true } });
    await prisma.programme.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    const xml = await buildIatiXml({ public: true }, { now: NOW });
    expect(xml).toContain(published.title);
    expect(xml).not.toContain(unpublished.title);
    expect(xml).not.toContain(archived.title);
    expect(await buildIatiXml({ public: true }, { code: unpublished.code, now: NOW })).not.toContain("<iati-activity");
  });
});

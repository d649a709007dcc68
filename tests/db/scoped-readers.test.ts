import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { listDocuments, DOCUMENT_LIST } from "~/models/document.server";
import { listDonorProgrammes } from "~/models/donor.server";
import { getPortalProgramme } from "~/models/portal.server";
import { getProgramme } from "~/models/programme.server";
import { buildIatiXml } from "~/reports/iati.server";
import { buildProgrammeReport, type ReportPeriod } from "~/reports/programme-report.server";
import { parseListQuery } from "~/utils/list-query";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme } from "../factories";
import { createActivityRecord, createAgreementRecord, createDeliverableRecord, createDocumentRecord, createOutcomeRecord } from "../factories/document";
import { createMultiCountryProgramme, type MultiCountryProgramme } from "../factories/multi-country";
import { ensurePublisher } from "../factories/publisher";
import { createFundingLine } from "../factories/results";

// Every reader of a programme's records follows the scope's rules (issue 14):
// documents of an archived parent are never shown outside the team (point 5),
// and a partner of a programme shared by several countries reads only what
// concerns its countries (point 13), on pages, in reports and in IATI XML.

// IATI files need the centre's publisher settings (issue 17).
beforeAll(async () => {
  await ensurePublisher(prisma);
});
const period: ReportPeriod = { from: new Date("2000-01-01T00:00:00Z"), to: new Date("2040-12-31T00:00:00Z") };

describe("documents of an archived record (point 5)", () => {
  let fund: { id: string };
  let programme: { id: string; code: string };
  const hidden: string[] = [];
  let visible: string;

  beforeAll(async () => {
    fund = await createOrganisation(prisma);
    programme = await createProgramme(prisma, { countries: ["BY"], funders: [fund.id] });
    const agreement = await createAgreementRecord(prisma, programme.id, { archived: true });
    const activity = await createActivityRecord(prisma, programme.id, { archived: true });
    const deliverable = await createDeliverableRecord(prisma, programme.id, { archived: true });
    const liveActivity = await createActivityRecord(prisma, programme.id);
    const outcome = await createOutcomeRecord(prisma, liveActivity.id, { archived: true });
    for (const parent of [{ agreementId: agreement.id }, { activityId: activity.id }, { deliverableId: deliverable.id }, { outcomeId: outcome.id }]) {
      const d = await createDocumentRecord(prisma, { programmeId: programme.id, shareable: true, title: `Of an archived parent ${Object.keys(parent)[0]}`, ...parent });
      hidden.push(d.title);
    }
    visible = (await createDocumentRecord(prisma, { programmeId: programme.id, shareable: true, title: "Live shared report" })).title;
  });

  const donor = (): Scope => ({ kind: "donor", organisationIds: [fund.id] });
  const partner: Scope = { kind: "partner", countries: ["BY"] };

  it("leaves them out of the donor's programme page (and so its ?_data JSON)", async () => {
    const titles = (await getProgramme(donor(), programme.code))!.documents.map((d) => d.title);
    expect(titles).toContain(visible);
    for (const t of hidden) expect(titles).not.toContain(t);
  });

  it("leaves them out of the programme report (PDF and Excel) for donors and partners", async () => {
    for (const scope of [donor(), partner]) {
      const titles = (await buildProgrammeReport(scope, programme.code, period))!.documents.map((d) => d.title);
      expect(titles).toContain(visible);
      for (const t of hidden) expect(titles).not.toContain(t);
    }
  });

  it("leaves them out of the IATI XML, whoever exports it", async () => {
    // Only documents marked public go into an IATI file (issue 17): all of these are.
    await prisma.document.updateMany({ where: { programmeId: programme.id }, data: { isPublic: true } });
    for (const scope of [donor(), partner, { kind: "staff" } as Scope]) {
      const xml = await buildIatiXml(scope, { code: programme.code });
      expect(xml).toContain(visible);
      for (const t of hidden) expect(xml).not.toContain(t);
    }
  });

  it("leaves them out of the partner's portal and the documents list", async () => {
    const portal = (await getPortalProgramme(partner, programme.code))!.documents.map((d) => d.title);
    expect(portal).toContain(visible);
    const list = (await listDocuments(partner, parseListQuery(new URLSearchParams({ programme: programme.id }), DOCUMENT_LIST), true)).rows.map((d) => d.title);
    expect(list).toContain(visible);
    for (const t of hidden) {
      expect(portal).not.toContain(t);
      expect(list).not.toContain(t);
    }
  });
});

describe("a partner's exports of a programme shared by several countries (point 13)", () => {
  let mc: MultiCountryProgramme;
  const KZ: Scope = { kind: "partner", countries: ["KZ"] };
  const title = async (model: "agreement" | "activity" | "deliverable" | "indicator" | "document", id: string) => {
    const row = await (prisma[model] as unknown as { findUniqueOrThrow: (a: unknown) => Promise<{ title: string }> }).findUniqueOrThrow({ where: { id }, select: { title: true } });
    return row.title;
  };

  beforeAll(async () => {
    mc = await createMultiCountryProgramme(prisma);
    // A disbursement to Belarus only, so the report's funding differs by country.
    const by = await createOrganisation(prisma, { countryCode: "BY" });
    await createFundingLine(prisma, { programmeId: mc.programme.id, providerOrgId: mc.fund.id, receiverOrgId: by.id, amount: "777000.00", currency: "EUR" });
  });

  it("leaves the other country's records out of the programme report", async () => {
    const r = (await buildProgrammeReport(KZ, mc.programme.code, period))!;
    const text = JSON.stringify(r);
    for (const [model, id] of [["agreement", mc.by.agreement], ["activity", mc.by.activity], ["deliverable", mc.by.deliverable], ["indicator", mc.by.indicator], ["document", mc.by.document]] as const) {
      expect(text, model).not.toContain(await title(model, id));
    }
    for (const [model, id] of [["agreement", mc.kz.agreement], ["activity", mc.kz.activity], ["document", mc.shared.document]] as const) {
      expect(text, model).toContain(await title(model, id));
    }
    expect(r.funding.some((f) => f.currency === "EUR")).toBe(false);
    expect(r.summary.participants).toBe(mc.participants.kz + mc.participants.shared);
  });

  it("leaves the other country's records out of the IATI XML", async () => {
    // Only documents marked public go into an IATI file (issue 17): all of these are.
    await prisma.document.updateMany({ where: { programmeId: mc.programme.id }, data: { isPublic: true } });
    const xml = await buildIatiXml(KZ, { code: mc.programme.code });
    expect(xml).not.toContain(await title("document", mc.by.document));
    expect(xml).not.toContain(await title("indicator", mc.by.indicator));
    expect(xml).not.toContain("777000");
    expect(xml).toContain(await title("document", mc.kz.document));
    const staffXml = await buildIatiXml({ kind: "staff" }, { code: mc.programme.code });
    expect(staffXml).toContain(await title("document", mc.by.document));
  });

  it("gives the funding donor the whole programme", async () => {
    const [p] = (await listDonorProgrammes({ kind: "donor", organisationIds: [mc.fund.id] })).filter((x) => x.code === mc.programme.code);
    expect(p.funding.some((f) => f.currency === "EUR")).toBe(true);
  });
});

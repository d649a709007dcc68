import { randomBytes } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { startSession } from "~/auth/session.server";
import { serverTranslator } from "~/i18n/catalogues.server";
import { inReaderLanguage } from "~/i18n/narrative";
import { requireActivity } from "~/models/activity.server";
import { requireAgreement } from "~/models/agreement.server";
import { deliverableFormOptions, requireDeliverable } from "~/models/deliverable.server";
import { requireOutcome } from "~/models/outcome.server";
import { getPortalProgramme, requirePortalDeliverable, requirePortalOutcome } from "~/models/portal.server";
import { requireProgramme } from "~/models/programme.server";
import { buildProgrammeReport } from "~/reports/programme-report.server";
import { prisma } from "~/utils/db.server";
import { createProgramme } from "../factories";
import { createDocument } from "../factories/deliverable";
import { createActivityRecord, createAgreementRecord, createDeliverableRecord, createOutcomeRecord } from "../factories/document";

// Issue 7, item 3, for documents: a document's title in the reader's
// language on its own page, in the documents list and wherever another page
// lists documents; its own title for an English reader.

const staff: Scope = { kind: "staff" };
const partner: Scope = { kind: "partner", countries: ["KZ"] };
const TITLE_EN = "Review of the hospital payment pilot";
const TITLE_RU = "Обзор пилотного проекта по оплате больниц";
const DESCRIPTION_EN = "Findings of the review mission";
const DESCRIPTION_RU = "Выводы миссии по обзору";
const AGREEMENT_EN = "Memorandum on hospital payment";
const AGREEMENT_RU = "Меморандум об оплате больниц";
let programme: { id: string; code: string };
let ids: { document: string; evidence: string; agreement: string; activity: string; deliverable: string; outcome: string };
let staffCookie: string;

beforeAll(async () => {
  const p = await createProgramme(prisma, { title: "Hospital payment programme", countries: ["KZ"] });
  programme = { id: p.id, code: p.code };
  const agreement = await createAgreementRecord(prisma, p.id, { title: AGREEMENT_EN });
  await prisma.agreement.update({ where: { id: agreement.id }, data: { translations: { ru: { title: AGREEMENT_RU } } } });
  const activity = await createActivityRecord(prisma, p.id, { title: "Review mission" });
  const deliverable = await createDeliverableRecord(prisma, p.id, { title: "Review report" });
  const outcome = await createOutcomeRecord(prisma, activity.id, { text: "Agreed to extend the pilot" });
  const doc = await createDocument(prisma, { programmeId: p.id, title: TITLE_EN, shareable: true });
  await prisma.document.update({
    where: { id: doc.id },
    data: {
      description: DESCRIPTION_EN,
      agreementId: agreement.id,
      activityId: activity.id,
      deliverableId: deliverable.id,
      outcomeId: outcome.id,
      translations: { ru: { title: TITLE_RU, description: DESCRIPTION_RU } },
    },
  });
  // The evidence of the deliverable: another document with a Russian title.
  const evidence = await createDocument(prisma, { programmeId: p.id, title: `${TITLE_EN} (signed)`, shareable: true, deliverableId: deliverable.id });
  await prisma.document.update({ where: { id: evidence.id }, data: { translations: { ru: { title: `${TITLE_RU} (подписан)` } } } });
  await prisma.deliverable.update({ where: { id: deliverable.id }, data: { evidenceDocumentId: evidence.id } });
  ids = { document: doc.id, evidence: evidence.id, agreement: agreement.id, activity: activity.id, deliverable: deliverable.id, outcome: outcome.id };
  const user = await prisma.user.create({
    data: {
      email: `document-narratives-${randomBytes(4).toString("hex")}@test.concord`,
      name: "Document narratives staff",
      role: "STAFF",
      passwordHash: null,
      totpSecret: randomBytes(20).toString("hex"),
      totpEnabledAt: new Date(),
    },
  });
  staffCookie = (await startSession(user.id, { ip: "127.0.0.1", userAgent: "vitest" }, { mfaVerified: true })).split(";")[0]!;
});

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

/** A staff member's request to a loader, in the language of the `concord_lang` cookie. */
async function load(loader: Loader, path: string, lang: "en" | "ru", params: Record<string, string> = {}) {
  const request = new Request(new URL(path, "http://127.0.0.1:3000"), { headers: { Cookie: `${staffCookie}; concord_lang=${lang}` } });
  const result = await loader({ request, params, context: { clientIp: "127.0.0.1", cspNonce: "test", dataRequest: true } });
  if (!(result instanceof Response)) throw new Error("the loader did not answer with a response");
  return result;
}

const titleOf = (list: { id: string; title: string }[], id: string) => list.find((d) => d.id === id)?.title;

describe("a document's own page and the documents list", () => {
  it("shows the Russian title and description to a Russian reader, with the linked agreement in Russian", async () => {
    const { loader } = await import("~/routes/documents.$id._index");
    const ru = (await (await load(loader, `/documents/${ids.document}`, "ru", { id: ids.document })).json()) as {
      document: { title: string; description: string; agreement: { title: string } };
    };
    expect(ru.document).toMatchObject({ title: TITLE_RU, description: DESCRIPTION_RU, agreement: { title: AGREEMENT_RU } });
    const en = (await (await load(loader, `/documents/${ids.document}`, "en", { id: ids.document })).json()) as typeof ru;
    expect(en.document).toMatchObject({ title: TITLE_EN, description: DESCRIPTION_EN, agreement: { title: AGREEMENT_EN } });
  });

  it("keeps the document's own text in the edit form, with its translations in their fields", async () => {
    const { loader } = await import("~/routes/documents.$id.edit");
    const ru = (await (await load(loader, `/documents/${ids.document}/edit`, "ru", { id: ids.document })).json()) as {
      defaults: { title: string; description: string; translations: unknown };
    };
    expect(ru.defaults).toMatchObject({ title: TITLE_EN, description: DESCRIPTION_EN });
    expect(ru.defaults.translations).toEqual({ ru: { title: TITLE_RU, description: DESCRIPTION_RU }, ko: { title: "", description: "" } });
  });

  it("lists the document under its Russian title for a Russian reader, its own for an English one", async () => {
    const { loader } = await import("~/routes/documents._index");
    const path = `/documents?programme=${programme.id}`;
    const ru = (await (await load(loader, path, "ru")).json()) as { rows: { id: string; title: string }[] };
    expect(titleOf(ru.rows, ids.document)).toBe(TITLE_RU);
    const en = (await (await load(loader, path, "en")).json()) as typeof ru;
    expect(titleOf(en.rows, ids.document)).toBe(TITLE_EN);
  });
});

describe("documents listed on other pages", () => {
  it("names the documents in the reader's language on the records' pages", async () => {
    for (const locale of ["ru", "en"] as const) {
      const want = locale === "ru" ? TITLE_RU : TITLE_EN;
      const p = inReaderLanguage(await requireProgramme(staff, programme.code), locale);
      expect(titleOf(p.documents, ids.document), `programme ${locale}`).toBe(want);
      const a = inReaderLanguage(await requireAgreement(staff, ids.agreement), locale);
      expect(titleOf(a.documents, ids.document), `agreement ${locale}`).toBe(want);
      const act = inReaderLanguage(await requireActivity(staff, ids.activity), locale);
      expect(titleOf(act.documents, ids.document), `activity ${locale}`).toBe(want);
      const d = inReaderLanguage(await requireDeliverable(staff, ids.deliverable), locale);
      expect(titleOf(d.documents, ids.document), `deliverable ${locale}`).toBe(want);
      expect(d.evidenceDocument?.title, `evidence ${locale}`).toBe(locale === "ru" ? `${TITLE_RU} (подписан)` : `${TITLE_EN} (signed)`);
      const o = inReaderLanguage(await requireOutcome(staff, ids.outcome), locale);
      expect(titleOf(o.documents, ids.document), `outcome ${locale}`).toBe(want);
    }
  });

  it("names them in the partner's language on the portal", async () => {
    for (const locale of ["ru", "en"] as const) {
      const want = locale === "ru" ? TITLE_RU : TITLE_EN;
      const p = inReaderLanguage((await getPortalProgramme(partner, programme.code))!, locale);
      expect(titleOf(p.documents, ids.document), `portal programme ${locale}`).toBe(want);
      const d = inReaderLanguage(await requirePortalDeliverable(partner, ids.deliverable), locale);
      expect(titleOf(d.documents, ids.document), `portal deliverable ${locale}`).toBe(want);
      const o = inReaderLanguage(await requirePortalOutcome(partner, ids.outcome), locale);
      expect(titleOf(o.documents, ids.document), `portal outcome ${locale}`).toBe(want);
    }
  });

  it("offers the evidence documents under their Russian titles in the deliverable form", async () => {
    const ru = await deliverableFormOptions(staff, "ru", ids.deliverable);
    expect(titleOf(ru.documents, ids.evidence)).toBe(`${TITLE_RU} (подписан)`);
    expect(ru.documents.find((d) => d.id === ids.evidence)).not.toHaveProperty("translations");
    expect(titleOf((await deliverableFormOptions(staff, "en", ids.deliverable)).documents, ids.evidence)).toBe(`${TITLE_EN} (signed)`);
  });

  it("lists them in the reader's language in the programme report", async () => {
    const period = { from: new Date("2000-01-01T00:00:00Z"), to: new Date("2100-12-31T00:00:00Z") };
    const ru = (await buildProgrammeReport(staff, programme.code, period, new Date(), serverTranslator("ru")))!;
    expect(ru.documents.map((d) => d.title)).toContain(TITLE_RU);
    const en = (await buildProgrammeReport(staff, programme.code, period, new Date(), serverTranslator("en")))!;
    expect(en.documents.map((d) => d.title)).toContain(TITLE_EN);
    expect(en.documents.map((d) => d.title)).not.toContain(TITLE_RU);
  });
});

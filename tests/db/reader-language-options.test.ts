import { randomBytes } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { startSession } from "~/auth/session.server";
import { agreementFormOptions } from "~/models/agreement.server";
import { activityFormOptions } from "~/models/activity.server";
import { documentFormOptions } from "~/models/document.server";
import { programmeFormOptions } from "~/models/programme-admin.server";
import { listFilterOptions } from "~/models/reference.server";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme } from "../factories";
import { createDocument } from "../factories/deliverable";
import { createAgreementRecord } from "../factories/document";
import { createFundingLine } from "../factories/results";

// Issue 7, item 3: the choices of the forms and list filters name other
// records in the reader's language where the records have it, and the list
// downloads carry the same titles as the list rows.

const staff = { kind: "staff" } as const;
const PROGRAMME_EN = "Water management programme";
const PROGRAMME_RU = "Программа управления водными ресурсами";
const AGREEMENT_EN = "Memorandum on water monitoring";
const AGREEMENT_RU = "Меморандум о мониторинге водных ресурсов";
const ORG_EN = "Ministry of Natural Resources";
const ORG_RU = "Министерство природных ресурсов";
let programme: { id: string; code: string };
let agreementId: string;
let organisationId: string;
let staffCookie: string;

beforeAll(async () => {
  const p = await createProgramme(prisma, { title: PROGRAMME_EN, countries: ["KZ"] });
  await prisma.programme.update({ where: { id: p.id }, data: { translations: { ru: { title: PROGRAMME_RU } } } });
  programme = { id: p.id, code: p.code };
  const a = await createAgreementRecord(prisma, p.id, { title: AGREEMENT_EN });
  await prisma.agreement.update({ where: { id: a.id }, data: { translations: { ru: { title: AGREEMENT_RU } } } });
  agreementId = a.id;
  const o = await createOrganisation(prisma);
  await prisma.organisation.update({ where: { id: o.id }, data: { fullName: ORG_EN, translations: { ru: { fullName: ORG_RU } } } });
  organisationId = o.id;
  // A signed-in staff member past MFA (as tests/support/query-count-portfolio.ts signs in).
  const user = await prisma.user.create({
    data: {
      email: `reader-language-${randomBytes(4).toString("hex")}@test.concord`,
      name: "Reader language staff",
      role: "STAFF",
      passwordHash: null,
      totpSecret: randomBytes(20).toString("hex"),
      totpEnabledAt: new Date(),
    },
  });
  staffCookie = (await startSession(user.id, { ip: "127.0.0.1", userAgent: "vitest" }, { mfaVerified: true })).split(";")[0]!;
});

describe("form choices in the reader's language", () => {
  it("names programmes, agreements and organisations in Russian for a Russian reader", async () => {
    const ru = await agreementFormOptions(staff, "ru");
    expect(ru.programmes.find((p) => p.id === programme.id)?.title).toBe(PROGRAMME_RU);
    expect(ru.parents.find((a) => a.id === agreementId)?.title).toBe(AGREEMENT_RU);
    expect(ru.organisations.find((o) => o.id === organisationId)?.fullName).toBe(ORG_RU);
    // Only the one name travels to the browser, not every language's narratives.
    expect(ru.programmes.find((p) => p.id === programme.id)).not.toHaveProperty("translations");
  });

  it("keeps the records' own titles for an English reader", async () => {
    const en = await agreementFormOptions(staff, "en");
    expect(en.programmes.find((p) => p.id === programme.id)?.title).toBe(PROGRAMME_EN);
    expect(en.parents.find((a) => a.id === agreementId)?.title).toBe(AGREEMENT_EN);
    expect(en.organisations.find((o) => o.id === organisationId)?.fullName).toBe(ORG_EN);
  });

  it("names linked records in the other forms too, nested programmes included", async () => {
    const activity = await activityFormOptions(staff, "ru");
    const agreement = activity.agreements.find((a) => a.id === agreementId);
    expect([agreement?.title, agreement?.programme.title]).toEqual([AGREEMENT_RU, PROGRAMME_RU]);
    expect((await activityFormOptions(staff, "en")).agreements.find((a) => a.id === agreementId)?.programme.title).toBe(PROGRAMME_EN);
    const programmeForm = await programmeFormOptions("ru");
    expect(programmeForm.organisations.find((o) => o.id === organisationId)?.fullName).toBe(ORG_RU);
  });

  it("builds the document form's labels from the translated titles", async () => {
    expect((await documentFormOptions("ru")).programmes.find((p) => p.value === programme.id)?.label).toBe(`${PROGRAMME_RU} (${programme.code})`);
    expect((await documentFormOptions("en")).programmes.find((p) => p.value === programme.id)?.label).toBe(`${PROGRAMME_EN} (${programme.code})`);
  });

  it("names programmes in the list filters in the reader's language", async () => {
    expect((await listFilterOptions("ru")).programmes.find((p) => p.value === programme.id)?.label).toBe(PROGRAMME_RU);
    expect((await listFilterOptions("en")).programmes.find((p) => p.value === programme.id)?.label).toBe(PROGRAMME_EN);
  });
});

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

/** A staff member's request to a list loader, in the language of the `concord_lang` cookie. */
async function load(loader: Loader, path: string, lang: "en" | "ru", dataRequest: boolean) {
  const request = new Request(new URL(path, "http://127.0.0.1:3000"), { headers: { Cookie: `${staffCookie}; concord_lang=${lang}` } });
  const result = await loader({ request, params: {}, context: { clientIp: "127.0.0.1", cspNonce: "test", dataRequest } });
  if (!(result instanceof Response)) throw new Error("the loader did not answer with a response");
  return result;
}

describe("list downloads in the reader's language", () => {
  it("the agreements CSV carries the Russian titles for a Russian reader, the own titles for an English one", async () => {
    const { loader } = await import("~/routes/agreements._index");
    const ru = await (await load(loader, "/agreements?format=csv", "ru", true)).text();
    expect(ru).toContain(AGREEMENT_RU);
    expect(ru).toContain(PROGRAMME_RU);
    expect(ru).not.toContain(AGREEMENT_EN);
    const en = await (await load(loader, "/agreements?format=csv", "en", true)).text();
    expect(en).toContain(AGREEMENT_EN);
    expect(en).toContain(PROGRAMME_EN);
    expect(en).not.toContain(AGREEMENT_RU);
  });

  it("the agreements page shows the same titles as its file, and its programme filter in Russian", async () => {
    const { loader } = await import("~/routes/agreements._index");
    const page = (await (await load(loader, "/agreements", "ru", true)).json()) as {
      rows: { id: string; title: string }[];
      options: { programmes: { value: string; label: string }[] };
    };
    expect(page.rows.find((r) => r.id === agreementId)?.title).toBe(AGREEMENT_RU);
    expect(page.options.programmes.find((p) => p.value === programme.id)?.label).toBe(PROGRAMME_RU);
  });

  it("the programmes, funding and documents pages and files name the programme in Russian too", async () => {
    await createFundingLine(prisma, { programmeId: programme.id, amount: 1000, currency: "USD" });
    await createDocument(prisma, { programmeId: programme.id, title: `Water monitoring minutes ${programme.code}` });
    for (const [module, path, q] of [
      ["~/routes/programmes._index", "/programmes", `q=${encodeURIComponent(programme.code)}`],
      ["~/routes/funding._index", "/funding", `programme=${programme.id}`],
      ["~/routes/documents._index", "/documents", `programme=${programme.id}`],
    ] as const) {
      const { loader } = (await import(/* @vite-ignore */ module)) as { loader: Loader };
      const file = await (await load(loader, `${path}?format=csv&${q}`, "ru", true)).text();
      expect(file, path).toContain(PROGRAMME_RU);
      expect(file, path).not.toContain(PROGRAMME_EN);
      const page = JSON.stringify(await (await load(loader, `${path}?${q}`, "ru", true)).json());
      expect(page, path).toContain(PROGRAMME_RU);
      const own = await (await load(loader, `${path}?format=csv&${q}`, "en", true)).text();
      expect(own, path).toContain(PROGRAMME_EN);
    }
  });
});
